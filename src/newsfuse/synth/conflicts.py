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
from newsfuse.synth.roles import TIME_UNITS, Role, read_role, same_quantity
from newsfuse.synth.slots import (
    Quantity,
    content_words,
    event_dates,
    negated,
    negated_heads,
    quantities,
    window,
)

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
    roles: list[Role]  # what each quantity counts, parallel to ``qty``
    negated: bool
    words: set[str]


def _slots(u: Unit) -> _Slots:
    events, _ = event_dates(u.text, u.base)
    qty = quantities(u.text, events)
    roles = [read_role(u.text, q.start, q.end, q.unit) for q in qty]
    return _Slots(events, qty, roles, negated(u.text), _words(u.text))


def _words(text: str) -> set[str]:
    return set(content_words(text))


def _date_value(d: DateMention) -> str:
    return f"{d.display} ({d.expression})"


def _key(value: str) -> str:
    """Sides group by resolved value: "2023-07 (in July)" and "2023-07 (a July)" agree."""
    return value.split(" (")[0]


def pairwise(
    units: list[Unit], sim: np.ndarray, threshold: float, claims: list[list[int]]
) -> list[Finding]:
    """Slot disagreements between comparable sentences of different sources."""
    src = np.array([u.source for u in units])
    cand = np.triu((sim >= _LOOSE * threshold) & (src[:, None] != src[None, :]), 1)
    pairs = [(int(i), int(j)) for i, j in zip(*np.nonzero(cand), strict=True)]
    if not pairs:
        return []
    # Reading a sentence's slots (dates, amounts, roles) is most of this function's cost,
    # and only sentences with a comparable one in another source need them.
    slots = {k: _slots(units[k]) for k in sorted({k for pair in pairs for k in pair})}
    # Anchor words must include a specific one: "north" or "travel" run through many claims
    # of a story, while "envoy" may be repeated by every source but only about one fact.
    df: dict[str, int] = {}
    for members in claims:
        for w in set().union(*(_words(units[i].text) for i in members)):
            df[w] = df.get(w, 0) + 1
    rare = {w for w, c in df.items() if c <= max(3, _RARE * len(claims))}
    out: list[Finding] = []
    for i, j in pairs:
        a, b = units[i], units[j]
        sa, sb = slots[i], slots[j]
        out.extend(_date_findings(a, b, sa, sb, rare))
        out.extend(_number_findings(a, b, sa, sb, rare))
        if (
            sa.negated != sb.negated
            and sim[i, j] >= 1.5 * threshold
            and _overlap(sa.words, sb.words) >= 0.7
            and _asserted(
                negated_heads(a.text if sa.negated else b.text),
                sb.words if sa.negated else sa.words,
            )
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


def _asserted(heads: set[str], words: set[str]) -> bool:
    """Whether the other sentence states a denied word ("carry" ~ "carried": crude stems, so prefixes)."""
    return any(h[:4] == w[:4] for h in heads for w in words if len(h) >= 4 and len(w) >= 4) or bool(
        heads & words
    )


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
                continue  # the dates must hang on the same, specific words ("the minister ... to Portvale")
            # Both sentences must also hold no compatible date for the same anchor.
            if any(x.overlaps(db) for x in sa.dates) or any(y.overlaps(da) for y in sb.dates):
                continue
            topic = "when: " + " ".join(w for w in content_words(a.text) if w in shared)
            out.append(Finding("date", topic, a.idx, b.idx, _date_value(da), _date_value(db)))
    return out


def _number_findings(a: Unit, b: Unit, sa: _Slots, sb: _Slots, rare: set[str]) -> list[Finding]:
    """Different figures for the same quantity (same noun, same role, both parts or neither)."""
    out: list[Finding] = []
    if _future(a.text) != _future(b.text):
        return out  # "will attend" (a plan) and "drew" (what happened) are different counts
    if sa.dates and sb.dates and not any(x.overlaps(y) for x in sa.dates for y in sb.dates):
        return out  # figures of two different occasions ("last year's round drew 15")
    for qa, ra in zip(sa.qty, sa.roles, strict=True):
        for qb, rb in zip(sb.qty, sb.roles, strict=True):
            if not same_quantity(ra, rb) or qa.compatible(qb):
                continue
            if any(
                same_quantity(x, rb) and y.compatible(qb)
                for x, y in zip(sa.roles, sa.qty, strict=True)
            ) or any(
                same_quantity(x, ra) and y.compatible(qa)
                for x, y in zip(sb.roles, sb.qty, strict=True)
            ):
                continue  # the other sentence also states a compatible figure of this quantity
            if a.base and b.base and a.base != b.base and _CUMULATIVE.search(a.text + " " + b.text):
                later, earlier = (qa, qb) if a.base > b.base else (qb, qa)
                if later.low >= earlier.low:
                    continue  # a figure that grows between reports is an update
            # The anchors say both sentences are about the same thing; a specific counted noun
            # ("firefighters") is one of them, a generic one ("people", "years") is not.
            shared = sa.words & sb.words
            if ra.unit in _GENERIC or qa.unit in _GENERIC:
                shared = shared - {qa.unit, ra.unit}
            agreed_role = bool(ra.roles & rb.roles)
            if agreed_role:
                shared = shared - ra.roles
            need = 1 if agreed_role else _MIN_ANCHOR
            if len(shared) < need or not shared & rare:
                continue
            topic = _number_topic(ra, rb)
            out.append(Finding("number", topic, a.idx, b.idx, _figure(qa), _figure(qb)))
    return out


_FUTURE = re.compile(
    r"\b(?:will|shall|is (?:expected|due|set) to|are (?:expected|due|set) to|plans? to|intends? to)\b",
    re.IGNORECASE,
)


def _future(text: str) -> bool:
    return bool(_FUTURE.search(text))


_GENERIC = frozenset({"people", "person", "%", "$", "age"}) | TIME_UNITS


def _figure(q: Quantity) -> str:
    """ "Sixty" and "60" are one side: a side is keyed by the figure, labelled with the words."""
    if q.low != q.high or q.low != int(q.low):
        return q.text[:1].lower() + q.text[1:]  # "About 80" and "about 80" are one side
    canon = ("$" if q.unit == "$" else "") + f"{int(q.low):,}"
    return canon if canon == q.text else f"{canon} ({q.text})"


def _number_topic(ra: Role, rb: Role) -> str:
    role = sorted((ra.roles & rb.roles) or ra.roles or rb.roles)
    words = [ra.unit] + [r.lstrip("@") for r in role[:1]]
    return "how many: " + " ".join(words)


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

    by_unit: dict[tuple[str, str, int], int] = {}
    for k, f in enumerate(findings):
        for u in (f.a, f.b):
            # Two figures of one sentence ("carrying 212 people, injuring 42") are two topics.
            key = (f.kind, f.topic if f.kind == "number" else "", u)
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
