"""Hostile bytes into every reader: a document or a clear rejection, never an exception."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.extract import TemplateMemory, extract
from newsfuse.ingest import read_file
from newsfuse.records import Document, Rejection

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".warc", ".warc.gz", ".txt.gz", ".bin"]
REGRESSIONS = Path(__file__).parent / "regress"


def _read(data: bytes, suffix: str) -> list[Document | Rejection]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_file(path, path.name))


def _check(items: list[Document | Rejection]) -> None:
    assert items, "every input gives at least a document or a rejection"
    for it in items:
        if isinstance(it, Rejection):
            assert it.reason and "\n" not in it.reason
        else:
            assert it.id and it.text.strip() and it.size == len(it.raw)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _check(_read(data, suffix))


@settings(max_examples=200, deadline=2000)
@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_text(text: str, suffix: str) -> None:
    _check(_read(text.encode("utf-8", "surrogatepass"), suffix))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "html", "url", "title", "published", "x"]), inner, max_size=5),
    max_leaves=12,
)


@settings(max_examples=200, deadline=2000)
@given(records=st.lists(json_values, max_size=6))
def test_random_json_records(records: list) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode()
    _check(_read(data or b"\n", ".jsonl"))


@settings(max_examples=100, deadline=3000)
@given(data=st.binary(min_size=1, max_size=2048), cut=st.integers(min_value=0, max_value=200))
def test_truncated_gzip(data: bytes, cut: int) -> None:
    packed = gzip.compress(data)
    _check(_read(packed[: max(1, len(packed) - cut)], ".txt.gz"))


def test_regression_corpus() -> None:
    """Inputs that once broke a reader or the extractor (kept as files in tests/regress/):
    each gives documents or rejections, and every document extracts."""
    files = sorted(p for p in REGRESSIONS.iterdir() if p.is_file())
    assert files
    memory = TemplateMemory()
    for path in files:
        items = list(read_file(path, path.name))
        _check(items)
        docs = [d for d in items if isinstance(d, Document)]
        for doc in docs:
            memory.observe(doc)
        for doc in docs:
            assert extract(doc, memory).doc_id == doc.id


def _reasons(name: str) -> list[str]:
    return [it.reason if isinstance(it, Rejection) else "document" for it in read_file(REGRESSIONS / name, name)]


def test_warc_readers_stop_at_what_is_no_record() -> None:
    """A gzip bomb or megabytes of blank lines in a WARC end it with a rejection (warcio alone
    read them whole, for seconds to minutes); the records before them are kept."""
    assert _reasons("warc_gzip_bomb_first.warc.gz") == [
        "malformed WARC at the start: no WARC header where a record should start"]
    assert _reasons("warc_gzip_bomb_after_record.warc.gz") == [
        "document", "malformed WARC after record 1: no WARC header where a record should start"]
    assert _reasons("warc_blank_lines.warc.gz") == [
        "document", "malformed WARC after record 1: over 64 blank lines where a record should start"]


def test_a_warc_gzipped_whole_gives_every_record() -> None:
    """`gzip crawl.warc` makes one gzip member: warcio refused it after the first record."""
    assert _reasons("warc_gzipped_whole.warc.gz") == ["document", "document"]


def test_a_malformed_feed_url_does_not_stop_extraction() -> None:
    docs = [d for d in read_file(REGRESSIONS / "feed_bad_ipv6_url.jsonl", "f.jsonl") if isinstance(d, Document)]
    assert len(docs) == 2
    for doc in docs:
        art = extract(doc, TemplateMemory())
        assert art.doc_id == doc.id and art.url == doc.meta["url"]


def test_deep_html_and_huge_line() -> None:
    deep = ("<div>" * 20000 + "x" + "</div>" * 20000).encode()
    _check(_read(deep, ".html"))
    _check(_read(b"a" * (3 << 20), ".txt"))


def test_template_memory_strips_code_blocks_in_one_pass() -> None:
    """Closed script/style blocks go, an unclosed one keeps its text; thousands of unclosed
    tags (once 30 s for 240 KB) are read in one pass."""
    from newsfuse.extract.memory import _visible_text

    def visible(html: str) -> str:
        return " ".join(_visible_text(Document(id="x", source="s", format="html", text=html)).split())

    assert visible("<p>Hi</p><script>var a = '<p>';</script><STYLE>p {}</STYLE ><p>there</p>") == "Hi there"
    assert visible("<p>a</p><script>left <b>open</b>") == "a left open"
    assert visible("<script>" * 30000 + "tail") == "tail"
