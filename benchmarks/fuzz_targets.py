"""Fuzz targets for bench_fuzz.py: every parser and extractor behind one ``run(data: bytes)``.

A target raises only for a *crash*: an exception that escapes the public entry point
other than its documented rejection path (readers never raise: bad input becomes a
``Rejection``; ``decode`` raises ``BadInput``; the extractors and the date/metadata
parsers never raise). Outputs are checked too (a document's id is its bytes' hash,
a rejection has a one-line reason), and a broken check counts as a crash.

Hostile inputs shared by both engines (``TEMPLATES``): huge lines, deep HTML nesting,
gzip bombs, broken WARC headers, NUL bytes, mixed encodings.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from newsfuse.extract import TemplateMemory, extract
from newsfuse.extract import dates as D
from newsfuse.extract import meta as M
from newsfuse.ingest import BadInput, decode, read_file
from newsfuse.records import Document, Rejection

WORK = Path(tempfile.mkdtemp(prefix="nf-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))


def _warc(payload: bytes, *, ctype: bytes = b"text/html", length: int | None = None,
          version: bytes = b"WARC/1.0", extra: bytes = b"") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\n\r\n" + payload
    n = len(http) if length is None else length
    return (version + b"\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"Content-Type: application/http; msgtype=response\r\n" + extra
            + b"Content-Length: " + str(n).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")


def _bomb(size: int) -> bytes:
    """A gzip member that inflates ``size`` zero bytes from about size/1000 bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    out = [comp.compress(chunk) for _ in range(size >> 20)]
    return b"".join(out) + comp.flush()


PAGE = ("<html><head><title>Council votes on the bridge | Example News</title></head><body>"
        "<p>By Jane Doe</p><p>March 3, 2024</p>"
        + "<p>The council voted on Tuesday to rebuild the old bridge, officials said.</p>" * 8
        + "</body></html>")

TEMPLATES: list[bytes] = [
    b"a" * (3 << 20),  # one huge line
    b"word " * 400_000,
    ("<div>" * 50_000 + "x" + "</div>" * 50_000).encode(),
    ("<b><i>" * 20_000).encode(),
    ("<table><tr><td>" * 5_000).encode(),
    PAGE.encode(),
    PAGE.encode().replace(b"<p>", b"<p>\x00", 3),
    "café naïve — “quoted” ".encode() + "café".encode("latin-1") + "日本語".encode("utf-16") + "привет".encode("cp1251"),
    "\ufeffBOM then text\n".encode("utf-8") + b"\xff\xfe" + "mixed".encode("utf-16-le"),
    b"\x00" * 1000,
    b'{"text": "Body", "published": "2024-13-45", "byline": ["A", 1, null]}\n' * 3,
    b'[{"html": "<p>x</p>", "title": {"a": 1}, "url": 5}, 3, "s", null]',
    b'{"text": "\\ud800 lone surrogate", "title": "\\udfff"}\n',
    _warc(PAGE.encode()),
    _warc(PAGE.encode(), length=10),
    _warc(PAGE.encode(), length=10**12),
    _warc(PAGE.encode(), version=b"WARC/9.9"),
    _warc(PAGE.encode(), extra=b"Bad header without colon\r\n"),
    _warc(b"\x00\x01\x02", ctype=b"application/octet-stream"),
    _warc(PAGE.encode())[:300],
    gzip.compress(_warc(PAGE.encode())),
    _bomb(200 << 20),
    _bomb(30 << 20) * 3,
    gzip.compress(PAGE.encode())[:-9],
    b"\x1f\x8b\x08\x00" + b"\x00" * 20,
    "Published: 31/02/2024\nUpdated 2 hours ago\nMonday, February 30, 2023 9999\n".encode(),
    ("WASHINGTON (AP) — " + "Officials said on Tuesday that last month's vote was annulled. " * 50).encode(),
]


def _mutate(data: bytes, seed: bytes) -> bytes:
    """A deterministic small mutation of ``data`` driven by ``seed`` (used by atheris inputs)."""
    if not seed:
        return data
    h = int.from_bytes(hashlib.blake2b(seed, digest_size=8).digest(), "big")
    pos = h % (len(data) + 1)
    mode = (h >> 32) % 4
    if mode == 0:
        return data[:pos] + seed + data[pos:]
    if mode == 1:
        return data[:pos] + seed + data[pos + len(seed):]
    if mode == 2:
        return data[:pos]
    return data[:pos] + data[pos + len(seed):]


# Templates of a MiB or more cost seconds in the extractors: drawn rarely, so that 100,000
# inputs per target fit in an hour on two shared cores.
BIG = [t for t in TEMPLATES if len(t) >= 1 << 18]
SMALL = [t for t in TEMPLATES if len(t) < 1 << 18]


def from_atheris(data: bytes) -> bytes:
    """Map libFuzzer bytes to an input: mostly the bytes themselves, sometimes a template
    mutated by them (a big template about once in 65,536 inputs)."""
    if len(data) > 3 and data[0] == 0xA5 and data[1] == 0x5A:
        return _mutate(BIG[data[2] % len(BIG)], data[3:])
    if len(data) > 2 and data[0] % 16 == 0:
        return _mutate(SMALL[data[1] % len(SMALL)], data[2:])
    return data


# -- the targets ---------------------------------------------------------------------------------

def _check_items(items: list[Document | Rejection]) -> None:
    if not items:
        raise AssertionError("no document and no rejection")
    for it in items:
        if isinstance(it, Rejection):
            if not it.reason or "\n" in it.reason:
                raise AssertionError(f"bad rejection reason {it.reason!r}")
        elif hashlib.sha256(it.raw).hexdigest() != it.id or not it.text.strip() or it.size != len(it.raw):
            raise AssertionError("document does not match its bytes")


def reader(suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        path = WORK / f"input{suffix}"
        path.write_bytes(data)
        _check_items(list(read_file(path, path.name)))
    return run


def gzipped(data: bytes) -> None:
    """gzip of every format: raw bytes as .gz, the bytes gzipped, or gzipped and cut."""
    mode = data[0] % 3 if data else 0
    body = data[1:]
    packed = body if mode == 0 else gzip.compress(body, compresslevel=1)
    if mode == 2 and len(packed) > 1:
        packed = packed[: 1 + (data[0] * 7) % (len(packed) - 1)]
    suffix = (".txt.gz", ".html.gz", ".jsonl.gz", ".warc.gz")[(data[0] >> 2) % 4 if data else 0]
    reader(suffix)(packed)


def decoder(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except BadInput as exc:
        if not str(exc):
            raise AssertionError("BadInput without a reason") from None
        return
    if not text.strip() or not encoding:
        raise AssertionError("decode gave empty text")


def _document(data: bytes, fmt: str) -> Document | None:
    try:
        text, encoding = decode(data)
    except BadInput:
        return None
    meta = {}
    if data[:1] in (b"{", b"["):  # feed-like: hostile metadata claims too
        head = data[:200].decode("utf-8", "replace")
        meta = {"title": head[:80], "published": head[5:40], "byline": [head[:30], head[30:60]],
                "outlet": head[10:50], "url": "http://" + head[:30]}
    return Document(id=hashlib.sha256(data).hexdigest(), source="fuzz/input", format=fmt,  # type: ignore[arg-type]
                    raw=data, text=text, encoding=encoding, size=len(data), meta=meta)


_MEMORY = TemplateMemory()


def extractor(fmt: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        doc = _document(data, fmt)
        if doc is None:
            return
        _MEMORY.observe(doc)
        art = extract(doc, _MEMORY)
        if art.doc_id != doc.id or (art.published and D.parse_iso(art.published) is None):
            raise AssertionError("article does not match its document")
        if len(_MEMORY.seen) > 5000:  # keep the memory bounded over 100k inputs
            _MEMORY.__init__()  # type: ignore[misc]
    return run


def dates(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    for line in text.splitlines()[:50] or [text]:
        D.date_line_kind(line)
        D.published_in_line(line)
        D.is_relative_stamp(line)
        D.parse_iso(line)
    D.find_dates(text)
    when = D.parse_iso(text[:10]) or date(2024, 3, 1)
    first = text.split("\n", 1)[0]
    D.implied_dates(text, first, when)
    D.check_published(when, text, first)


def metadata(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    lines = text.splitlines()[:50] or [text]
    for line in lines:
        M.wire_name(line)
        M.parse_dateline(line)
        M.caps_dateline(line)
        M.wire_line(line)
        M.licensed_from(line)
        M.split_names(line)
        M.parse_byline(line)
        M.strip_site_suffix(line)
    M.trailer_wire(lines)
    M.best_outlet(M.outlet_votes([("nav", ln) for ln in lines[:10]], text))
    M.language(text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "decode": decoder,
    "read-text": reader(".txt"),
    "read-html": reader(".html"),
    "read-feed": reader(".jsonl"),
    "read-json": reader(".json"),
    "read-warc": reader(".warc"),
    "read-gzip": gzipped,
    "dates": dates,
    "metadata": metadata,
    "extract-text": extractor("text"),
    "extract-html": extractor("html"),
}


def cleanup() -> None:
    import shutil

    shutil.rmtree(WORK, ignore_errors=True)


__all__ = ["TARGETS", "TEMPLATES", "from_atheris", "cleanup"]


# -- hypothesis strategies: structured hostile inputs ------------------------------------------

def strategy(target: str):  # noqa: ANN201 - a hypothesis SearchStrategy[bytes]
    """Inputs for ``target``: random bytes, mutated templates, text in mixed encodings,
    nested HTML, JSON records and WARC records with fuzzed headers."""
    import json

    from hypothesis import strategies as st

    raw = st.binary(max_size=4096)
    # One draw in 64 of this branch takes a big template (hypothesis favours 0, so not 0).
    mutated = st.tuples(st.integers(0, 63), st.integers(0, 255), st.binary(max_size=64)).map(
        lambda t: _mutate(BIG[t[1] % len(BIG)] if t[0] == 37 else SMALL[t[1] % len(SMALL)], t[2]))
    codecs_ = st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "utf-16-be", "cp1251", "shift_jis", "gb18030"])
    mixed = st.lists(st.tuples(st.text(max_size=200), codecs_), max_size=6).map(
        lambda parts: b"".join(t.encode(c, "replace") for t, c in parts))
    text = st.text(max_size=3000).map(lambda s: s.encode("utf-8", "surrogatepass"))
    tags = st.sampled_from(["div", "p", "span", "a", "table", "tr", "td", "script", "style", "title",
                            "h1", "article", "time", "meta", "br", "!--", "![CDATA["])
    html = st.recursive(
        st.text(max_size=80),
        lambda inner: st.tuples(tags, st.lists(inner, max_size=4), st.booleans()).map(
            lambda t: f"<{t[0]}>{''.join(t[1])}" + (f"</{t[0]}>" if t[2] else "")),
        max_leaves=40,
    ).map(lambda s: f"<html><head><title>{s[:40]}</title></head><body>{s}</body></html>".encode("utf-8", "surrogatepass"))
    deep = st.tuples(tags, st.integers(1, 30_000)).map(lambda t: (f"<{t[0]}>" * t[1] + "x").encode())
    huge = st.tuples(st.sampled_from([b"a", b"A", b"word ", b"\x00", b"\n", b"<p>", b"\xff"]),
                     st.integers(1, 1 << 16)).map(lambda t: t[0] * (t[1] // len(t[0]) or 1))
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(["text", "html", "url", "title", "published", "outlet", "byline", "language", "x"]),
            inner, max_size=6),
        max_leaves=15,
    )
    feed = st.lists(json_values, max_size=5).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode())
    warc = st.builds(
        _warc, payload=st.one_of(html, text, raw),
        ctype=st.sampled_from([b"text/html", b"text/plain", b"application/pdf", b"", b"text/html; charset=\xff"]),
        length=st.none() | st.integers(-5, 1 << 20),
        version=st.sampled_from([b"WARC/1.0", b"WARC/1.1", b"WARC/0.17", b"WARC/9", b"ARC", b""]),
        extra=st.binary(max_size=60))
    warcs = st.lists(warc, min_size=1, max_size=3).map(b"".join)
    gz = st.tuples(st.booleans(), st.one_of(warcs, feed, html, text), st.integers(0, 64)).map(
        lambda t: gzip.compress(t[1])[: -t[2] or None] if t[0] else gzip.compress(t[1]))
    if target == "read-gzip":
        body = st.one_of(raw, gz, mutated, warcs, feed, html)
        return st.tuples(st.integers(0, 255), body).map(lambda t: bytes([t[0]]) + t[1])
    common = [raw, mutated, mixed, text, huge]
    extra = {
        "read-feed": [feed], "read-json": [feed, json_values.map(lambda v: json.dumps(v).encode())],
        "read-warc": [warcs, warcs.map(gzip.compress), gz],
        "read-html": [html, deep], "extract-html": [html, deep],
    }.get(target, [html, deep, feed])
    return st.one_of(*common, *extra)
