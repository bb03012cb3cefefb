"""Deterministic synthetic captures at any size, with gold, for tests and benchmarks.

``generate(n, out)`` writes ``n`` captures under ``out`` (plain-text page dumps with
furniture, HTML pages, and JSONL shards of many records) and streams the gold to a
JSONL file *outside* ``out`` (by default ``<out>.gold.jsonl`` beside the directory), so
that ingesting ``out`` never reads it. ``iter_articles(n, seed)`` yields the same kind
of captures in memory. Both stream: memory does not grow with ``n``.

Gold lines are ``{"type": "capture", ...}`` (one per capture, written as it is made)
and ``{"type": "event", ...}`` (after the event's captures) with its captures, copy
groups, conflicts and the event it follows (storyline) or resembles (hard negative).

Layout of ``out``: ``txt/NNNN/KKKKKKK_outlet.txt``, ``html/NNNN/KKKKKKK_outlet.html``
(1,000 files a directory) and ``feeds/feed-SSSSS.jsonl``. Capture ids are those paths
relative to ``out``; a feed record is ``feeds/feed-SSSSS.jsonl#L`` (1-based line).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import vocab
from .events import Event, Written, make_event
from .render import dumps, render_html, render_record, render_text

__all__ = ["GenStats", "generate", "iter_articles", "default_gold_path"]

FORMATS = ("txt", "html", "jsonl")


@dataclass
class GenStats:
    """What ``generate`` wrote, and how fast."""

    captures: int = 0
    events: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    by_format: dict[str, int] = field(default_factory=dict)
    gold: str = ""

    @property
    def rate(self) -> float:
        return self.captures / self.seconds if self.seconds else 0.0


def default_gold_path(out: Path) -> Path:
    return out.parent / f"{out.name}.gold.jsonl"


def _plan(n: int, seed: int, formats: Sequence[str]
          ) -> Iterator[tuple[Event, list[str], vocab.FastRandom]]:
    """Events in order, each with the formats of its captures, stopping at ``n`` captures."""
    for f in formats:
        if f not in FORMATS:
            raise ValueError(f"unknown format {f!r}: choose from {FORMATS}")
    outlets = vocab.outlet_pool(seed)
    done, idx, prev = 0, 0, None
    while done < n:
        ev = make_event(seed, idx, outlets, prev)
        ev.articles = ev.articles[: n - done]
        # One generator per event draws the formats, then renders the event's captures
        # in order: cheaper than seeding one per capture, and just as reproducible.
        rrng = vocab.FastRandom(f"{seed}:r:{idx}")
        fmts = [rrng.choice(formats) for _ in ev.articles]
        yield ev, fmts, rrng
        done += len(ev.articles)
        idx, prev = idx + 1, ev


def _capture_gold(cid: str, ev: Event, i: int, art: Written, fmt: str, rec: dict[str, Any] | None,
                  ids: list[str]) -> dict[str, Any]:
    html_like = fmt == "html" or (rec is not None and "html" in rec)
    return {
        "type": "capture", "id": cid, "event": ev.id, "outlet": art.outlet,
        "format": "html" if html_like else "text", "container": "jsonl" if fmt == "jsonl" else None,
        "wire": art.wire, "role": art.role,
        "copy_of": ids[0] if art.role == "wire-copy" else None,
        "title": art.title if rec is None or "title" in rec else None,
        "published": {"claimed": art.claimed_date, "true": art.true_date},
        "byline": art.byline, "dateline": art.dateline, "body": art.paras, "unique": art.unique,
    }


def _event_gold(ev: Event, ids: list[str]) -> dict[str, Any]:
    wire = [ids[i] for i, a in enumerate(ev.articles) if a.wire]
    conflicts = []
    for c in ev.conflicts:
        sides = [{"value": s["value"], "keywords": s["keywords"],
                  "captures": [ids[a] for a in s["articles"] if a < len(ids)]} for s in c["sides"]]
        sides = [s for s in sides if s["captures"]]
        if len(sides) >= 2:
            conflicts.append({"topic": c["topic"], "sides": sides})
    return {"type": "event", "id": ev.id, "kind": ev.kind, "date": ev.date,
            "captures": ids, "copies": [{"original": wire[0], "members": wire}] if len(wire) > 1
            else [], "conflicts": conflicts, "related": ev.related, "relation": ev.relation}


def iter_articles(n: int, seed: int = 0, formats: Sequence[str] = FORMATS
                  ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield ``(capture_text, format, gold)`` for ``n`` captures, in memory.

    ``format`` is ``txt``, ``html`` or ``jsonl`` (then the text is one JSON record). The
    gold of each capture carries its event id; the event's own gold (copies, conflicts)
    is in ``gold["event_gold"]`` of the event's last capture.
    """
    k = 0
    for ev, fmts, rng in _plan(n, seed, formats):
        ids = [f"mem/{k + i:07d}.{fmt}" for i, fmt in enumerate(fmts)]
        for i, (art, fmt) in enumerate(zip(ev.articles, fmts, strict=True)):
            text, gold = _render(ids[i], ev, i, art, fmt, rng, ids)
            if i == len(ev.articles) - 1:
                gold["event_gold"] = _event_gold(ev, ids)
            yield text, fmt, gold
        k += len(ev.articles)


def _render(cid: str, ev: Event, i: int, art: Written, fmt: str, rng: vocab.FastRandom,
            ids: list[str]) -> tuple[str, dict[str, Any]]:
    if fmt == "txt":
        text, body_lines = render_text(art, rng)
        gold = _capture_gold(cid, ev, i, art, fmt, None, ids)
        gold["body_lines"] = body_lines
        return text, gold
    if fmt == "html":
        return render_html(art, rng), _capture_gold(cid, ev, i, art, fmt, None, ids)
    url = f"https://{vocab.slug(art.outlet)}.example/{ev.date}/{vocab.slug(art.title)}-{ev.idx}-{i}"
    rec = render_record(art, rng, url)
    gold = _capture_gold(cid, ev, i, art, fmt, rec, ids)
    gold["url"] = url
    return dumps(rec), gold


def generate(n: int, out: Path, seed: int = 0, formats: Sequence[str] = FORMATS,
             shard_size: int = 10_000, gold: Path | None = None) -> GenStats:
    """Write ``n`` synthetic captures under ``out`` and their gold to ``gold``.

    ``gold`` defaults to ``<out>.gold.jsonl`` beside ``out``; it must not be inside
    ``out`` (newsfuse would ingest it as a feed).
    """
    out = Path(out)
    gold_path = Path(gold) if gold is not None else default_gold_path(out)
    if gold_path.resolve().is_relative_to(out.resolve()):
        raise ValueError(f"gold {gold_path} must not be inside {out}: it would be ingested")
    out.mkdir(parents=True, exist_ok=True)
    stats = GenStats(gold=str(gold_path), by_format={f: 0 for f in formats})
    start = time.perf_counter()
    k, shard, shard_lines = 0, -1, shard_size
    # An event's ids are all assigned before it is rendered, and its records may straddle
    # two shards: keep every shard the event writes to open until the event is done.
    feeds: dict[int, IO[str]] = {}
    made: set[Path] = set()
    with gold_path.open("w", encoding="utf-8") as gout:
        for ev, fmts, rng in _plan(n, seed, formats):
            ids: list[str] = []
            in_shard: list[int] = []  # the shard of each jsonl capture (-1: a file)
            for i, fmt in enumerate(fmts):
                if fmt == "jsonl":
                    if shard_lines >= shard_size:
                        shard, shard_lines = shard + 1, 0
                        (out / "feeds").mkdir(exist_ok=True)
                        shard_path = out / "feeds" / f"feed-{shard:05d}.jsonl"
                        feeds[shard] = shard_path.open("w", encoding="utf-8")
                        stats.files += 1
                    shard_lines += 1
                    ids.append(f"feeds/feed-{shard:05d}.jsonl#{shard_lines}")
                    in_shard.append(shard)
                else:
                    ids.append(f"{fmt}/{(k + i) // 1000:04d}/{k + i:07d}_"
                               f"{vocab.slug(ev.articles[i].outlet)}.{fmt}")
                    in_shard.append(-1)
            for i, (art, fmt) in enumerate(zip(ev.articles, fmts, strict=True)):
                text, cgold = _render(ids[i], ev, i, art, fmt, rng, ids)
                data = text.encode("utf-8")
                if fmt == "jsonl":
                    feeds[in_shard[i]].write(text + "\n")
                    stats.bytes += len(data) + 1
                else:
                    path = out / ids[i]
                    if path.parent not in made:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        made.add(path.parent)
                    # os-level writes: a Python file object per capture costs more than the write
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    try:
                        os.write(fd, data)
                    finally:
                        os.close(fd)
                    stats.files += 1
                    stats.bytes += len(data)
                gout.write(json.dumps(cgold, ensure_ascii=False) + "\n")
                stats.by_format[fmt] += 1
            gout.write(json.dumps(_event_gold(ev, ids), ensure_ascii=False) + "\n")
            k += len(fmts)
            stats.events += 1
            for old in [f for f in feeds if f != shard]:
                feeds.pop(old).close()
    for f in feeds.values():
        f.close()
    stats.captures = k
    stats.seconds = time.perf_counter() - start
    return stats
