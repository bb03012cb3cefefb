"""Readers: one function per input format, each yielding Documents or Rejections.

A reader never raises for bad input: whatever it cannot read becomes a ``Rejection``
naming the file, the record and the reason, and reading goes on with the next item.
"""

from __future__ import annotations

import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..records import Document, Format, Rejection
from .decode import BadInput, decode
from .warcguard import Inflated, Limited, count_members, walk_records

MAX_ITEM_BYTES = 20 * 1024 * 1024  # one capture larger than this is not a news article
MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024  # a feed or WARC file larger than this is refused whole

Item = Document | Rejection

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc"}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def kind_of(path: Path) -> tuple[str | None, bool]:
    """(kind, gzipped) from the file name: kind is text, html, feed, warc or None."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if gz:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    for kind, group in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("feed", FEED_SUFFIXES), ("warc", WARC_SUFFIXES)):
        if last in group:
            return kind, gz
    return None, gz


class Context:
    """Where the items being read come from: for provenance and messages."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self.origin = str(path)
        self.at = now()

    def reject(self, reason: str, locator: str = "", raw: bytes = b"", source: str | None = None) -> Rejection:
        return Rejection(
            source=source or self.source, reason=reason, origin=self.origin, locator=locator,
            raw=raw[:MAX_ITEM_BYTES], sha256=hashlib.sha256(raw).hexdigest() if raw else "", at=self.at,
        )

    def document(self, raw: bytes, fmt: Format, *, locator: str = "", source: str | None = None,
                 meta: dict[str, Any] | None = None, text: str | None = None, encoding: str = "utf-8") -> Document:
        if text is None:
            text, encoding = decode(raw)
        return Document(
            id=hashlib.sha256(raw).hexdigest(), source=source or self.source, format=fmt, raw=raw,
            text=text, encoding=encoding, origin=self.origin, locator=locator, size=len(raw),
            ingested_at=self.at, meta=meta or {},
        )


def gunzip(fh: Any, piece: int = 1 << 16) -> Iterator[bytes]:
    """Decompressed pieces (at most ``piece`` bytes each) of a gzip stream of one or more
    members; raises EOFError when the stream ends inside a member.

    Pieces are bounded so that a caller can stop early: a gzip bomb then costs what the
    caller read, not all memory.
    """
    for out, _ in gzip_pieces(fh, piece):
        if out:
            yield out


def gzip_pieces(fh: Any, piece: int = 1 << 16) -> Iterator[tuple[bytes, bool]]:
    """``gunzip``'s pieces, each with whether it ends a gzip member (the last piece of a
    member may be empty)."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed, pending = False, b""
    while data := pending or fh.read(1 << 16):
        pending, fed = b"", True
        while data:
            out = decomp.decompress(data, piece)
            if decomp.eof:
                yield out, True
                # A concatenated member follows (or nothing): start over on what is left.
                pending, fed = decomp.unused_data, False
                decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
                break
            if out:
                yield out, False
            data = decomp.unconsumed_tail
    if fed:
        raise EOFError("truncated gzip: the file ends before the compressed data does")


def read_bounded(path: Path, gz: bool, limit: int) -> bytes:
    """The file's bytes (decompressed when gzipped), refusing more than ``limit`` bytes."""
    with open(path, "rb") as fh:
        if not gz:
            data = fh.read(limit + 1)
        else:
            out = bytearray()
            try:
                for piece in gunzip(fh):
                    out += piece
                    if len(out) > limit:
                        break
            except EOFError as exc:
                raise BadInput(str(exc)) from None
            data = bytes(out)
    if len(data) > limit:
        raise BadInput(f"too large: over {limit // (1024 * 1024)} MiB")
    return data


def read_page(ctx: Context, fmt: Format, gz: bool) -> Iterator[Item]:
    """A plain-text or HTML capture: one file, one document."""
    try:
        raw = read_bounded(ctx.path, gz, MAX_ITEM_BYTES)
        yield ctx.document(raw, fmt, locator="gzip" if gz else "")
    except BadInput as exc:
        yield ctx.reject(str(exc), raw=_head(ctx.path))
    except (OSError, EOFError, zlib.error) as exc:
        yield ctx.reject(f"unreadable: {exc}", raw=_head(ctx.path))


def read_feed(ctx: Context, gz: bool) -> Iterator[Item]:
    """A JSONL feed (or a JSON array / object): one document per record."""
    try:
        data = read_bounded(ctx.path, gz, MAX_FILE_BYTES)
    except (BadInput, OSError, EOFError, zlib.error) as exc:
        yield ctx.reject(str(exc), raw=_head(ctx.path))
        return
    if not data.strip():
        yield ctx.reject("empty", raw=data)
        return
    stripped = data.lstrip()
    if stripped[:1] == b"[" or (stripped[:1] == b"{" and data.count(b"\n{") == 0):
        # A whole-file JSON document (array of records or one record).
        try:
            parsed = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            yield ctx.reject(f"malformed JSON: {exc}", raw=data)
            return
        records = parsed if isinstance(parsed, list) else [parsed]
        if not records:
            yield ctx.reject("no records: the JSON array is empty", raw=data)
        for n, rec in enumerate(records, 1):
            # ASCII escapes keep lone surrogates (valid JSON, invalid UTF-8) representable.
            raw = json.dumps(rec, sort_keys=True, ensure_ascii=True).encode()
            yield _feed_record(ctx, rec, raw, f"record {n}", n)
        return
    for n, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield ctx.reject(f"malformed JSON: {exc}", locator=f"line {n}", raw=line)
            continue
        yield _feed_record(ctx, rec, line.strip(), f"line {n}", n)


FEED_FIELDS = ("url", "title", "published", "outlet", "byline", "language")


def feed_body(rec: dict[str, Any]) -> tuple[str | None, Format]:
    """The capture inside a feed record: its 'html' if any, else its 'text'."""
    for key in ("html", "text"):
        body = rec.get(key)
        if isinstance(body, str) and body.strip():
            # Lone surrogates are valid in JSON but not in text we store or show.
            return body.encode("utf-8", "replace").decode("utf-8"), key  # type: ignore[return-value]
    return None, "text"


def text_of(raw: bytes, encoding: str, meta: dict[str, Any]) -> str:
    """The text of a stored document: the feed record's body, or the decoded bytes."""
    if meta.get("container") == "jsonl":
        try:
            body, _ = feed_body(json.loads(raw))
        except (ValueError, AttributeError):
            body = None
        if body is not None:
            return body
    return raw.decode(encoding, errors="replace")


def _feed_record(ctx: Context, rec: Any, raw: bytes, locator: str, n: int) -> Item:
    if not isinstance(rec, dict):
        return ctx.reject("record is not a JSON object", locator=locator, raw=raw)
    body, fmt = feed_body(rec)
    if body is None:
        return ctx.reject("record has neither 'text' nor 'html'", locator=locator, raw=raw)
    if len(raw) > MAX_ITEM_BYTES:
        return ctx.reject(f"too large: over {MAX_ITEM_BYTES // (1024 * 1024)} MiB", locator=locator, raw=raw)
    meta: dict[str, Any] = {"container": "jsonl"}
    for key in FEED_FIELDS:
        value = rec.get(key)
        if isinstance(value, str | list) and value:
            meta[key] = value
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    source = url or f"{ctx.source}#{n}"
    return ctx.document(raw, fmt, locator=locator, source=source, meta=meta, text=body)  # type: ignore[arg-type]


def read_warc(ctx: Context) -> Iterator[Item]:
    """A WARC file: one document per HTML (or plain-text) response record."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        gz = _gzip_magic(ctx.path)
        # warcio reads a record's header lines whole and blank lines one by one: a gzip bomb
        # of zeros or megabytes of newlines cost it minutes. Records are walked first with
        # bounded reads, and warcio is stopped before the first place that is no record.
        with open(ctx.path, "rb") as fh:
            bad_at, problem = walk_records(Inflated(fh) if gz else fh)
            fh.seek(0)
            members = count_members(fh) if gz and bad_at is None else 0
            fh.seek(0)
            stream: Any = fh
            # A file gzipped whole (`gzip x.warc`) warcio refuses after its first record:
            # it is inflated here instead, as is one whose walk stopped early.
            if gz and (members == 1 or bad_at is not None):
                stream = Inflated(fh)
            if bad_at is not None:
                stream = Limited(stream, bad_at)
            iterator = ArchiveIterator(io.BufferedReader(stream) if stream is not fh else fh)
            for record in iterator:
                if record.rec_type not in ("response", "resource"):
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{ctx.source}#{n}"
                ctype = ""
                if record.http_headers is not None:
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                else:
                    ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                payload = record.content_stream().read(MAX_ITEM_BYTES + 1)
                if len(payload) <= MAX_ITEM_BYTES and getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError(f"record {n} ends before its declared length")
                # The offset is known only once the record has been read (warcio reads lazily).
                locator = f"record {n} @ offset {iterator.get_record_offset()}"
                if len(payload) > MAX_ITEM_BYTES:
                    yield ctx.reject("too large", locator=locator, source=url)
                    continue
                fmt: Format = "text" if "text/plain" in ctype else "html"
                if ctype and "html" not in ctype and "text/plain" not in ctype:
                    yield ctx.reject(f"not a page ({ctype})", locator=locator, raw=payload, source=url)
                    continue
                meta = {"container": "warc", "url": url, "content_type": ctype,
                        "warc_date": record.rec_headers.get_header("WARC-Date") or ""}
                try:
                    yield ctx.document(payload, fmt, locator=locator, source=url, meta=meta)
                except BadInput as exc:
                    yield ctx.reject(str(exc), locator=locator, raw=payload, source=url)
        if problem is not None:
            where = f"after record {n}" if n else "at the start"
            yield ctx.reject(f"malformed WARC {where}: {problem}", locator=f"record {n + 1}")
            return
        if gz:
            # warcio stops silently at a truncated gzip member: check the stream's end.
            _check_gzip_stream(ctx.path)
        if n == 0:
            yield ctx.reject("no response records: nothing in this WARC is a captured page", raw=_head(ctx.path))
    except Exception as exc:  # noqa: BLE001 - warcio raises anything (AttributeError, ...) on hostile input
        where = f"after record {n}" if n else "at the start"
        kind = "truncated" if isinstance(exc, EOFError | zlib.error) else "malformed"
        detail = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)[:200]
        yield ctx.reject(f"{kind} WARC {where}: {detail}", locator=f"record {n + 1}")


def _gzip_magic(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _check_gzip_stream(path: Path) -> None:
    """Raise EOFError when a (multi-member) gzip file ends before its compressed data does."""
    with open(path, "rb") as fh:
        for _ in gunzip(fh):
            pass


def _head(path: Path, n: int = 65536) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError:
        return b""


def read_file(path: Path, source: str) -> Iterator[Item]:
    """Every item of one input file, whatever its format."""
    ctx = Context(path, source)
    kind, gz = kind_of(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ctx.reject(f"unreadable: {exc}")
        return
    if kind is None:
        yield ctx.reject(f"unknown format '{''.join(path.suffixes) or 'no extension'}'", raw=_head(path, 4096))
        return
    if size == 0:
        yield ctx.reject("empty")
        return
    if kind == "text":
        yield from read_page(ctx, "text", gz)
    elif kind == "html":
        yield from read_page(ctx, "html", gz)
    elif kind == "feed":
        yield from read_feed(ctx, gz)
    else:
        yield from read_warc(ctx)


__all__ = ["read_file", "kind_of", "MAX_ITEM_BYTES", "Item"]
