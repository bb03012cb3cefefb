"""Bytes to text: charset detection, and telling text from binary."""

from __future__ import annotations

import codecs


class BadInput(ValueError):
    """An item that cannot become a document; the message is the reason shown to the user."""


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not a text capture."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # counted in C, not per byte in Python
    return controls / len(head) > 0.05


# Control bytes that text captures do not have (tab, newline, form feed and CR they do).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode(data: bytes) -> tuple[str, str]:
    """Decode captured bytes; returns (text, encoding). Raises BadInput for binary or empty."""
    if not data.strip():
        raise BadInput("empty")
    if looks_binary(data):
        raise BadInput("binary content (not a text or HTML capture)")
    text, encoding = _decode(data)
    if not text.replace("\ufeff", "").strip():
        raise BadInput("empty")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("undecodable bytes: no character encoding fits")
    return str(best), best.encoding
