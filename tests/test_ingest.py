"""Ingest: every input format, bad inputs, idempotence, provenance."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from newsfuse.engine import ingest
from newsfuse.ingest import kind_of, read_paths
from newsfuse.records import Document, Rejection
from newsfuse.store import Store

PAGE = (
    "Home | World | Business\n"
    "Harbour council approves new ferry route\n"
    "By Mira Okafor\n"
    "PORTVALE (Coastal Wire) — The Portvale harbour council voted on Tuesday to approve a ferry "
    "route linking the old town to the northern islands, ending two years of debate.\n"
    "Subscribe for $1 a week\n"
)
HTML = (
    "<html><head><title>Ferry route approved | The Portvale Gazette</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Ferry route approved</h1>"
    "<p>The Portvale harbour council voted on Tuesday to approve a ferry route linking the old town "
    "to the northern islands.</p></article></body></html>"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def items(*paths: Path) -> tuple[list[Document], list[Rejection]]:
    docs, rejs = [], []
    for it in read_paths(paths):
        (docs if isinstance(it, Document) else rejs).append(it)
    return docs, rejs


def test_kind_of_names() -> None:
    assert kind_of(Path("a.txt")) == ("text", False)
    assert kind_of(Path("a.HTML.gz")) == ("html", True)
    assert kind_of(Path("feed.jsonl")) == ("feed", False)
    assert kind_of(Path("crawl.warc.gz")) == ("warc", True)
    assert kind_of(Path("x.pdf")) == (None, False)


def test_plain_text_and_html_keep_bytes_and_provenance(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PAGE)
    write(tmp_path / "in" / "sub" / "b.html", HTML)
    docs, rejs = items(tmp_path / "in")
    assert not rejs
    by_source = {d.source: d for d in docs}
    assert set(by_source) == {"a.txt", "sub/b.html"}
    a = by_source["a.txt"]
    assert a.format == "text" and a.raw == PAGE.encode()
    assert a.id == hashlib.sha256(PAGE.encode()).hexdigest()
    assert a.origin.endswith("a.txt") and a.ingested_at
    assert by_source["sub/b.html"].format == "html"


def test_a_file_given_directly_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "deep" / "c.txt", PAGE)
    docs, _ = items(path)
    assert [d.source for d in docs] == ["c.txt"]


def test_gzip_capture_is_decompressed(tmp_path: Path) -> None:
    write(tmp_path / "a.txt.gz", gzip.compress(PAGE.encode()))
    docs, rejs = items(tmp_path)
    assert not rejs and docs[0].text == PAGE and docs[0].locator == "gzip"


def test_jsonl_feed_records_with_metadata(tmp_path: Path) -> None:
    lines = [
        {"url": "https://gazette.example/ferry", "title": "Ferry", "text": "The council voted.", "published": "2026-03-03", "outlet": "Gazette"},
        {"html": HTML, "outlet": "Gazette"},
    ]
    write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n")
    docs, rejs = items(tmp_path)
    assert not rejs and len(docs) == 2
    first, second = docs
    assert first.source == "https://gazette.example/ferry" and first.format == "text"
    assert first.meta["published"] == "2026-03-03" and first.meta["container"] == "jsonl"
    assert second.source == "feed.jsonl#2" and second.format == "html" and second.locator == "line 2"


def test_json_array_feed(tmp_path: Path) -> None:
    write(tmp_path / "feed.json", json.dumps([{"text": "One."}, {"text": "Two."}]))
    docs, rejs = items(tmp_path)
    assert [d.text for d in docs] == ["One.", "Two."] and not rejs


def _warc_bytes(pages: list[tuple[str, str]], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return buf.getvalue()


def test_warc_responses_become_documents(tmp_path: Path) -> None:
    write(tmp_path / "crawl.warc.gz", _warc_bytes([("https://a.example/1", HTML), ("https://b.example/2", HTML + " ")]))
    docs, rejs = items(tmp_path)
    assert not rejs
    assert [d.source for d in docs] == ["https://a.example/1", "https://b.example/2"]
    assert all(d.format == "html" and d.meta["container"] == "warc" for d in docs)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", os.urandom(2048) + b"\x00\x00", "binary"),
        ("cut.txt.gz", gzip.compress(PAGE.encode() * 50)[:60], "truncated gzip"),
        ("junk.pdf", b"%PDF-1.4 junk", "unknown format"),
        ("bad.json", b"{not json", "malformed JSON"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    write(tmp_path / name, data)
    write(tmp_path / "good.txt", PAGE)
    docs, rejs = items(tmp_path)
    assert [d.source for d in docs] == ["good.txt"], "the run goes on after a bad input"
    assert len(rejs) == 1 and rejs[0].source == name
    assert reason in rejs[0].reason


def test_malformed_jsonl_line_is_rejected_alone(tmp_path: Path) -> None:
    write(tmp_path / "feed.jsonl", '{"text": "one"}\n{broken\n[1, 2]\n{"title": "no body"}\n{"text": "four"}\n')
    docs, rejs = items(tmp_path)
    assert [d.text for d in docs] == ["one", "four"]
    assert [(r.locator, r.reason.split(":")[0]) for r in rejs] == [
        ("line 2", "malformed JSON"),
        ("line 3", "record is not a JSON object"),
        ("line 4", "record has neither 'text' nor 'html'"),
    ]


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    data = _warc_bytes([("https://a.example/1", HTML), ("https://a.example/2", HTML * 30)], gz=False)
    write(tmp_path / "cut.warc", data[: len(data) - 500])
    docs, rejs = items(tmp_path)
    assert [d.source for d in docs] == ["https://a.example/1"]
    assert len(rejs) == 1 and "WARC" in rejs[0].reason


def test_oversized_item_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_ITEM_BYTES", 1000)
    write(tmp_path / "huge.txt", "word " * 1000)
    docs, rejs = items(tmp_path)
    assert not docs and "too large" in rejs[0].reason


def test_gzip_bomb_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_ITEM_BYTES", 1 << 20)
    write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * (50 << 20)))
    docs, rejs = items(tmp_path)
    assert not docs and "too large" in rejs[0].reason


def test_mis_encoded_text_is_decoded(tmp_path: Path) -> None:
    text = "Le conseil de Portvale a approuvé mardi la nouvelle ligne de ferry vers les îles du nord. " * 3
    write(tmp_path / "latin.txt", text.encode("latin-1"))
    docs, rejs = items(tmp_path)
    assert not rejs and "approuvé" in docs[0].text and docs[0].encoding != "utf-8"


def test_reingest_changes_nothing_and_rejections_are_recorded_once(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PAGE)
    write(tmp_path / "in" / "copy.txt", PAGE)  # same bytes under another name: one document
    write(tmp_path / "in" / "empty.txt", b"")
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [tmp_path / "in"])
        assert len(first.new) == 1 and len(first.known) == 1 and len(first.rejected) == 1
        before = store.counts()
        second = ingest(store, [tmp_path / "in"])
        assert second.new == [] and len(second.known) == 2
        assert store.counts() == before
        assert [r.source for r in store.rejections()] == ["empty.txt"]
        assert "1 rejected" in second.summary() and "2 already known" in second.summary()


def test_truncated_gzipped_warc_is_reported(tmp_path: Path) -> None:
    data = _warc_bytes([("https://a.example/1", HTML), ("https://a.example/2", HTML * 30)], gz=True)
    write(tmp_path / "cut.warc.gz", data[: len(data) - 300])
    docs, rejs = items(tmp_path)
    assert len(rejs) == 1 and "WARC" in rejs[0].reason
    assert [d.source for d in docs] == ["https://a.example/1"]


def test_stored_documents_read_back_as_ingested(tmp_path: Path) -> None:
    write(tmp_path / "in" / "feed.jsonl", json.dumps({"text": "The council voted.", "title": "T"}) + "\n")
    write(tmp_path / "in" / "page.html", HTML)
    write(tmp_path / "in" / "latin.txt", ("Le conseil a approuvé la ligne de ferry. " * 4).encode("latin-1"))
    docs, _ = items(tmp_path / "in")
    with Store(tmp_path / "s.db") as store:
        ingest(store, [tmp_path / "in"])
        stored = {d.id: d for d in store.documents()}
    assert len(stored) == 3
    for d in docs:
        back = stored[d.id]
        assert (back.text, back.format, back.raw, back.meta, back.source) == (d.text, d.format, d.raw, d.meta, d.source)


def test_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    parts = [PAGE, "Second part of the page.\n", "Third part of the page.\n"]
    write(tmp_path / "a.txt.gz", b"".join(gzip.compress(p.encode()) for p in parts))
    docs, rejs = items(tmp_path)
    assert not rejs and docs[0].text == "".join(parts)
