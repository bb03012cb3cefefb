"""Conflicts between independent sources, decided on typed slots of matched sentences.

Two sentences of different sources that are about the same thing (aligned, or at least
loosely similar) are compared slot by slot:

- event dates (relative expressions resolved against each article's own date; dates of
  the statement itself, "said Monday", are left out) conflict when their intervals
  are disjoint and the words around them share at least two content words;
- quantities of the same unit conflict when their intervals are disjoint ("at least
  300" and "350" are compatible), unless the two reports are from different days and
  the later one is larger and the figure is a running count (killed, injured, arrested...):
  a growing toll is an update, not a disagreement;
- negation: near-identical sentences where exactly one is negated;
- speakers: the same direct quote attributed to disjoint sets of people (see
  :func:`speaker_conflicts`).

Pairwise findings that share a sentence (or a quote) are merged into one topic
whose sides group the sources by value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsfuse.records import Conflict, ConflictSide
from newsfuse.synth.align import Unit
from newsfuse.synth.dates import DateMention
from newsfuse.synth.slots import Quantity, content_words, event_dates, negated, quantities, window

_CUMULATIVE = re.compile(
    r"\b(?:killed|dead|died|deaths?|toll|injured|injuries|wounded|missing|cases|infected|arrested|"
    r"detained|evacuated|displaced|hospitali[sz]ed|rescued|victims|casualties|affected|destroyed|damaged)\b",
    re.IGNORECASE,
)
_LOOSE = 0.5  # share of the alignment threshold that makes two sentences comparable
_MIN_ANCHOR = 2
_RARE = 0.15  # a word in at most this share of the story's sentences is specific


@dataclass(slots=True)
class Finding:
    kind: str
    topic: str
    a: int  # unit index
    b: int
    value_a: str
    value_b: str


@dataclass(slots=True)
class _Slots:
    dates: list[DateMention]
    qty: list[Quantity]
    negated: bool
    words: set[str]


def _slots(u: Unit) -> _Slots:
    events, _ = event_dates(u.text, u.base)
    return _Slots(events, quantities(u.text, events), negated(u.text), set(content_words(u.text)))


def _date_value(d: DateMention) -> str:
    return f"{d.display} ({d.expression})"


def _key(value: str) -> str:
    """Sides group by resolved value: "2023-07 (in July)" and "2023-07 (a July)" agree."""
    return value.split(" (")[0]


def pairwise(
    units: list[Unit], sim: np.ndarray, threshold: float, claims: list[list[int]]
) -> list[Finding]:
    """Slot disagreements between comparable sentences of different sources."""
    slots = [_slots(u) for u in units]
    # Anchor words must include a specific one: "north" or "travel" run through many claims
    # of a story, while "envoy" may be repeated by every source but only about one fact.
    df: dict[str, int] = {}
    for members in claims:
        for w in set().union(*(slots[i].words for i in members)):
            df[w] = df.get(w, 0) + 1
    rare = {w for w, c in df.items() if c <= max(3, _RARE * len(claims))}
    src = np.array([u.source for u in units])
    cand = np.triu((sim >= _LOOSE * threshold) & (src[:, None] != src[None, :]), 1)
    out: list[Finding] = []
    for i, j in zip(*np.nonzero(cand), strict=True):
        a, b = units[int(i)], units[int(j)]
        sa, sb = slots[int(i)], slots[int(j)]
        out.extend(_date_findings(a, b, sa, sb, rare))
        out.extend(_number_findings(a, b, sa, sb, rare))
        if (
            sa.negated != sb.negated
            and sim[i, j] >= 1.5 * threshold
            and _overlap(sa.words, sb.words) >= 0.7
        ):
            topic = "whether: " + " ".join(sorted(sa.words & sb.words)[:6])
            out.append(
                Finding(
                    "negation",
                    topic,
                    a.idx,
                    b.idx,
                    "no" if sa.negated else "yes",
                    "no" if sb.negated else "yes",
                )
            )
    return out


def _overlap(x: set[str], y: set[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _tense(d: DateMention, u: Unit) -> int:
    """-1 past, 0 spanning, 1 future, relative to the article's own date."""
    if u.base is None:
        return -1
    return -1 if d.end < u.base else (1 if d.start > u.base else 0)


def _date_findings(a: Unit, b: Unit, sa: _Slots, sb: _Slots, rare: set[str]) -> list[Finding]:
    out = []
    for da in sa.dates:
        wa = window(a.text, da.start_char, da.end_char)
        for db in sb.dates:
            if da.overlaps(db) or _tense(da, a) != _tense(db, b):
                continue  # agreeing, or one already happened and the other is still ahead
            if da.expression.lower() == db.expression.lower() and a.base != b.base:
                continue  # same words ("next week") read on different days: stale wording, not a dispute
            wb = window(b.text, db.start_char, db.end_char)
            shared = wa & wb
            tight = window(a.text, da.start_char, da.end_char, 3) & window(
                b.text, db.start_char, db.end_char, 3
            )
            if len(shared) < _MIN_ANCHOR or not shared & rare or not tight:
                continue  # the dates must hang on the same, specific words ("Shoigu ... to Pyongyang")
            # Both sentences must also hold no compatible date for the same anchor.
            if any(x.overlaps(db) for x in sa.dates) or any(y.overlaps(da) for y in sb.dates):
                continue
            topic = "when: " + " ".join(w for w in content_words(a.text) if w in shared)
            out.append(Finding("date", topic, a.idx, b.idx, _date_value(da), _date_value(db)))
    return out


def _number_findings(a: Unit, b: Unit, sa: _Slots, sb: _Slots, rare: set[str]) -> list[Finding]:
    out = []
    for qa in sa.qty:
        for qb in sb.qty:
            if qa.unit != qb.unit or qa.compatible(qb):
                continue
            if any(x.unit == qb.unit and x.compatible(qb) for x in sa.qty):
                continue
            if a.base and b.base and a.base != b.base and _CUMULATIVE.search(a.text + " " + b.text):
                later, earlier = (qa, qb) if a.base > b.base else (qb, qa)
                if later.low >= earlier.low:
                    continue  # a figure that grows between reports is an update
            shared = (sa.words & sb.words) - {qa.unit}
            if len(shared) < _MIN_ANCHOR or not shared & rare:
                continue
            out.append(Finding("number", f"how many: {qa.unit}", a.idx, b.idx, qa.text, qb.text))
    return out


def _label(key: str, labels: list[str]) -> str:
    extra = sorted({v[len(key) :].strip(" ()") for v in labels} - {""})
    return f"{key} ({'; '.join(extra)})" if extra else key


def merge(findings: list[Finding], units: list[Unit]) -> list[Conflict]:
    """One conflict per topic: findings of a kind that share a sentence are one disagreement."""
    parent = list(range(len(findings)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_unit: dict[tuple[str, int], int] = {}
    for k, f in enumerate(findings):
        for u in (f.a, f.b):
            key = (f.kind, u)
            if key in by_unit:
                parent[find(k)] = find(by_unit[key])
            else:
                by_unit[key] = k
    groups: dict[int, list[Finding]] = {}
    for k, f in enumerate(findings):
        groups.setdefault(find(k), []).append(f)
    out: list[Conflict] = []
    for fs in groups.values():
        sides: dict[str, tuple[set[str], str, list[str]]] = {}
        for f in fs:
            for u, v in ((f.a, f.value_a), (f.b, f.value_b)):
                srcs, _text, labels = sides.setdefault(_key(v), (set(), units[u].text, []))
                srcs.add(units[u].source)
                if v not in labels:
                    labels.append(v)
        if len(sides) < 2:
            continue
        out.append(
            Conflict(
                fs[0].topic,
                [
                    ConflictSide(_label(k, labels), sorted(s), t)
                    for k, (s, t, labels) in sorted(sides.items())
                ],
            )
        )
    return out
