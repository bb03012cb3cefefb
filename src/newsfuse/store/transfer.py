"""Back up a whole store to one file and restore it into an empty store.

``newsfuse export --format backup -o FILE`` writes, and ``newsfuse import FILE``
reads, a *backup*: every row of every store table, so the restored store is the
original one — documents with their original bytes and provenance, rejections,
articles, relations, copy groups, stories with their ids and update times
(manual merges and splits live in the persisted clusterer), syntheses, and the
persisted states (template memory, copy index, clusterer, synthesis
fingerprints). A later ``newsfuse ingest`` into the restored store therefore
continues incrementally exactly as it would have in the original.

Format (version 1): UTF-8 JSON lines, gzip-compressed when the file name ends
in ``.gz``.

- line 1, the header: ``{"newsfuse_backup": 1, "schema": <store schema version>,
  "created": "<ISO time>", "tables": [names]}``
- one line per row: ``{"t": "<table>", "r": {column: value}}``; binary columns
  (``documents.raw``, ``rejections.raw``, ``state.value``) are base64 strings
- the last line, the trailer: ``{"end": {table: rows written}}``. A file
  without it (a cut-off copy) is refused, as is a document whose bytes no
  longer match its sha256 id.

The import is one transaction: a refused or failed import leaves the store empty.
Tables are written in a fixed order and rows in key order, so the same store
always gives the same backup apart from the ``created`` time.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import LargeBinary, Table, func, select

from . import Store, codec
from . import schema as t

FORMAT_VERSION = 1
# Store schemas whose backups this version restores (schema 1 kept article labels in
# ``data``: its article rows are converted as they are read).
READABLE_SCHEMAS = (1, t.SCHEMA_VERSION)
MAGIC = "newsfuse_backup"
# Rows per insert, and a byte budget so a batch of large documents stays small in memory.
BATCH_ROWS = 500
BATCH_BYTES = 32 << 20


class TransferError(ValueError):
    """A backup that cannot be imported (not a backup, cut off, corrupt, or a non-empty store)."""


def _tables() -> list[Table]:
    return list(t.metadata.sorted_tables)


def _binary(table: Table) -> set[str]:
    return {c.name for c in table.columns if isinstance(c.type, LargeBinary)}


def dump(store: Store, fh: IO[str]) -> dict[str, int]:
    """Write a backup of ``store`` to the text stream ``fh``; returns rows per table."""
    tables = _tables()
    header = {MAGIC: FORMAT_VERSION, "schema": t.SCHEMA_VERSION,
              "created": datetime.now(UTC).isoformat(timespec="seconds"),
              "tables": [tab.name for tab in tables]}
    fh.write(json.dumps(header) + "\n")
    counts: dict[str, int] = {}
    with store.engine.connect() as conn:
        for tab in tables:
            binary = _binary(tab)
            keys = list(tab.primary_key.columns) or list(tab.columns)
            n = 0
            for row in conn.execute(select(tab).order_by(*keys)).yield_per(200):
                data = dict(row._mapping)
                for col in binary:
                    data[col] = base64.b64encode(bytes(data[col])).decode("ascii")
                fh.write(json.dumps({"t": tab.name, "r": data}, ensure_ascii=False) + "\n")
                n += 1
            counts[tab.name] = n
    fh.write(json.dumps({"end": counts}) + "\n")
    return counts


def dump_file(store: Store, path: str | os.PathLike[str]) -> dict[str, int]:
    """Write a backup of ``store`` to ``path`` (gzip when it ends in ``.gz``)."""
    with _open(Path(path), "w") as fh:
        return dump(store, fh)


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8", newline="\n")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8", newline="\n")


def non_empty_tables(store: Store) -> dict[str, int]:
    """Tables of ``store`` that hold rows, with their counts."""
    with store.engine.connect() as conn:
        counts = {tab.name: conn.scalar(select(func.count()).select_from(tab)) or 0 for tab in _tables()}
    return {k: v for k, v in counts.items() if v}


def load(store: Store, fh: IO[str]) -> dict[str, int]:
    """Restore the backup in the text stream ``fh`` into the empty ``store``; returns rows per table.

    Raises ``TransferError`` (and leaves the store as it was) when the store is not
    empty or the stream is not a complete, intact backup of a known version.
    """
    lines = _lines(fh)
    header = _header(next(lines, None))
    known = {tab.name: tab for tab in _tables()}
    unknown = [name for name in header.get("tables", []) if name not in known]
    if unknown:
        raise TransferError(f"the backup has tables this version does not know: {', '.join(unknown)}")
    counts = {name: 0 for name in known}
    with store.transaction() as conn:
        # Checked inside the write transaction, so no other writer can fill the store meanwhile.
        for tab in known.values():
            if conn.scalar(select(func.count()).select_from(tab)):
                raise TransferError(
                    f"the store {_where(store)} is not empty ({tab.name} has rows): "
                    "import only into a new, empty store")
        pending: dict[str, list[dict[str, Any]]] = {}
        size = 0
        trailer: dict[str, int] | None = None
        for number, line in lines:
            item = _parse(line, number)
            if "end" in item:
                trailer = item["end"]
                break
            name, row = item.get("t"), item.get("r")
            if name not in known or not isinstance(row, dict):
                raise TransferError(f"line {number}: not a row of a store table")
            row = _decode_row(known[name], row, number)
            if name == t.articles.name and "labels" not in row:
                row["data"], row["labels"] = codec.split_labels(row["data"])
            pending.setdefault(name, []).append(row)
            counts[name] += 1
            size += sum(len(v) for v in row.values() if isinstance(v, bytes | str))
            if len(pending[name]) >= BATCH_ROWS or size >= BATCH_BYTES:
                _flush(conn, known, pending)
                size = 0
        _flush(conn, known, pending)
        if trailer is None:
            raise TransferError("the backup is cut off (no end line): make it again with "
                                "`newsfuse export --format backup`")
        wrong = {k: (v, counts.get(k, 0)) for k, v in trailer.items() if counts.get(k, 0) != v}
        if wrong:
            detail = ", ".join(f"{k}: {got} rows, expected {want}" for k, (want, got) in wrong.items())
            raise TransferError(f"the backup's rows do not match its end line ({detail})")
    return {k: v for k, v in counts.items()}


def load_file(store: Store, path: str | os.PathLike[str]) -> dict[str, int]:
    """Restore the backup file at ``path`` (gzip when it ends in ``.gz``) into the empty ``store``."""
    try:
        with _open(Path(path), "r") as fh:
            return load(store, fh)
    except (gzip.BadGzipFile, EOFError, UnicodeDecodeError) as exc:
        raise TransferError(f"{path} is not a readable backup: {exc}") from None


def _lines(fh: IO[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(fh, 1):
        if line.strip():
            yield number, line


def _parse(line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise TransferError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise TransferError(f"line {number}: not a backup record")
    return item


def _header(first: tuple[int, str] | None) -> dict[str, Any]:
    if first is None:
        raise TransferError("the file is empty, not a newsfuse backup")
    try:
        header = json.loads(first[1])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or MAGIC not in header:
        raise TransferError("not a newsfuse backup (an article export cannot be imported: "
                            "make a backup with `newsfuse export --format backup -o FILE`)")
    if header[MAGIC] != FORMAT_VERSION or header.get("schema") not in READABLE_SCHEMAS:
        raise TransferError(f"backup format {header[MAGIC]} / store schema {header.get('schema')} "
                            f"is not supported by this version (format {FORMAT_VERSION}, "
                            f"schema {t.SCHEMA_VERSION})")
    return header


def _decode_row(table: Table, row: dict[str, Any], number: int) -> dict[str, Any]:
    columns = {c.name for c in table.columns}
    missing = [c.name for c in table.columns if c.name not in row and not c.nullable and c.default is None]
    if missing or set(row) - columns:
        raise TransferError(f"line {number}: columns do not fit table {table.name}")
    out = dict(row)
    for col in _binary(table):
        try:
            out[col] = base64.b64decode(out[col], validate=True)
        except (ValueError, TypeError):
            raise TransferError(f"line {number}: {table.name}.{col} is not base64") from None
    if table is t.documents and hashlib.sha256(out["raw"]).hexdigest() != out["id"]:
        raise TransferError(f"line {number}: document {str(out['id'])[:12]} bytes do not match their hash")
    return out


def _flush(conn: Any, known: dict[str, Table], pending: dict[str, list[dict[str, Any]]]) -> None:
    for name, rows in pending.items():
        if rows:
            conn.execute(known[name].insert(), rows)
    pending.clear()


def _where(store: Store) -> str:
    url = store.engine.url
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def dumps(store: Store) -> str:
    """The backup of ``store`` as a string (small stores, tests)."""
    buf = io.StringIO()
    dump(store, buf)
    return buf.getvalue()
