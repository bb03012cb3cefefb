"""Telling text captures from binary ones."""

from __future__ import annotations

import numpy as np

from newsfuse.ingest.decode import looks_binary


def _by_hand(data: bytes) -> bool:
    """The rule as written: no NUL and at most 5% control bytes (tab, LF, FF, CR aside)
    in the first 8 KiB, unless a UTF-16 byte order mark starts it."""
    head = data[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    return sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) / len(head) > 0.05


def test_looks_binary_counts_control_bytes_as_the_rule_says() -> None:
    rng = np.random.default_rng(5)
    verdicts = []
    for _ in range(400):
        n = int(rng.integers(0, 12000))
        rate = rng.uniform(0.02, 0.08)  # around the 5% threshold
        text = rng.integers(32, 256, n)
        control = rng.integers(1, 32, n)
        data = np.where(rng.random(n) < rate, control, text).astype(np.uint8).tobytes()
        verdicts.append(looks_binary(data))
        assert verdicts[-1] == _by_hand(data)
    assert 50 < sum(verdicts) < 350
    assert looks_binary(b"plain text\n\twith tabs\r\n\x0c") is False
    assert looks_binary(b"a\x00b") is True
    assert looks_binary(b"\xff\xfe" + "utf-16 text".encode("utf-16-le")) is False
