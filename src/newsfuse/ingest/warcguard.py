"""Bounded checks that run before warcio, so hostile WARC files cost little.

warcio reads a record's header line whole, growing the line piece by piece, and skips
blank lines one ``readline`` at a time: a gzip bomb of zeros (200 MB from 200 KB) or
megabytes of newlines took it seconds to minutes. ``walk_records`` walks the records
with bounded reads and says where the first thing that is no record starts; the reader
then gives warcio only the bytes before it.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

MAX_HEADER = 1 << 16  # a WARC header block larger than this is not one
MAX_BLANK = 64  # records are separated by two blank lines, not by thousands


class Limited(io.RawIOBase):
    """The first ``limit`` bytes of a binary stream."""

    def __init__(self, fh: Any, limit: int) -> None:
        self.fh, self.left = fh, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        data = self.fh.read(min(len(buf), self.left)) if self.left > 0 else b""
        self.left -= len(data)
        buf[: len(data)] = data
        return len(data)


class Inflated(io.RawIOBase):
    """The inflated bytes of a gzip stream of one or more members. A stream cut off
    inside a member just ends (``_check_gzip_stream`` reports it)."""

    def __init__(self, fh: Any) -> None:
        from .readers import gunzip

        self.pieces, self.rest = gunzip(fh), b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if not self.rest:
            try:
                self.rest = next(self.pieces)
            except (StopIteration, EOFError, zlib.error):
                return 0
        n = min(len(buf), len(self.rest))
        buf[:n], self.rest = self.rest[:n], self.rest[n:]
        return n


def count_members(fh: Any, most: int = 2) -> int:
    """How many gzip members the stream holds, counting up to ``most`` (a damaged or
    cut-off stream counts the members before the damage)."""
    from .readers import gzip_pieces

    members = 0
    try:
        for _, ends_member in gzip_pieces(fh):
            members += ends_member
            if members >= most:
                break
    except (EOFError, zlib.error):
        pass
    return members


def walk_records(stream: Any) -> tuple[int | None, str | None]:
    """(offset, reason) of the first place in the (inflated) WARC stream that is not a
    record, or (None, None) when every record is well-formed or the stream is merely cut
    off inside one (warcio reports that itself). Reads are bounded by ``MAX_HEADER``."""
    r = io.BufferedReader(stream, 1 << 16) if not isinstance(stream, io.BufferedReader) else stream
    pos = 0
    while True:
        blanks = 0
        while True:
            start = pos
            line = r.readline(MAX_HEADER)
            pos += len(line)
            if not line:
                return None, None
            if line.strip(b"\r\n"):
                break
            blanks += 1
            if blanks > MAX_BLANK:
                return start, f"over {MAX_BLANK} blank lines where a record should start"
        if not line.startswith(b"WARC/"):
            if start == 0 and line.startswith(b"filedesc:"):
                return None, None  # an ARC file: warcio reads those itself
            return start, "no WARC header where a record should start"
        length, size = None, len(line)
        while True:
            line = r.readline(MAX_HEADER)
            pos += len(line)
            size += len(line)
            if not line:
                return None, None
            if not line.strip(b"\r\n"):
                break
            if size > MAX_HEADER:
                return start, f"a record header over {MAX_HEADER // 1024} KiB"
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                try:
                    length = int(value.strip())
                except ValueError:
                    return start, "a record with an unreadable Content-Length"
        if length is None or length < 0:
            return start, "a record without a Content-Length"
        while length:
            chunk = r.read(min(length, 1 << 20))
            if not chunk:
                return None, None
            length -= len(chunk)
            pos += len(chunk)
