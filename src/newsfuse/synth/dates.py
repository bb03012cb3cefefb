"""Find date expressions in a sentence and resolve them against the article's date.

News prose dates events relative to the day it was written ("said Monday", "last
month", "in July"), so every expression is resolved against the article's trusted
date into an interval ``[start, end]`` plus a display string: ``YYYY-MM-DD`` (day),
``YYYY-MM`` (month), ``YYYY`` (year) or an ISO 8601 interval ``start/end`` (week,
weekend, ranges). Spans are found with regexes and resolved by hand: dateparser's
``search_dates`` is ~170 ms a sentence and misses "last month".

Resolution conventions (the usual ones of news writing):
- a bare weekday is the most recent such day on or before the article date, unless
  the sentence is about the future ("next", "will") or it opens a range whose end is known;
- a month (with or without day) without a year is the one closest to the article date,
  so "in July" written in September is July of that year and "Sept. 13" a week ahead;
- "last week/month/year" are the calendar week/month/year before the article date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)  # not names of people or places

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# Order matters: longer, more specific forms first (one alternation, leftmost-longest by order).
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b{_YEAR}-[01]\d-[0-3]\d\b"),
    ("mdy", rf"\b{_MON} {_DAY},? {_YEAR}\b"),
    ("dmy", rf"\b{_DAY} {_MON},? {_YEAR}\b"),
    ("md", rf"\b{_MON} {_DAY}\b(?!,? {_YEAR})(?![\d:])"),
    ("dm", rf"\b{_DAY} (?:of )?{_MON}\b"),
    ("my", rf"\b(?:(?:early|mid|late)[- ])?{_MON},? {_YEAR}\b"),
    ("rel_wd", rf"\b(?:last|next|this|on|on last|on next) {_WD}\b"),
    ("wd", rf"\b{_WD}\b"),
    (
        "rel",
        r"\b(?:last|next|this|earlier this|later this|previous|past) (?:week|month|year|weekend)\b",
    ),
    ("weekend", r"\bover the weekend\b"),
    ("day", r"\b(?:today|yesterday|tomorrow)\b"),
    ("ago", r"\b(?:a|one|two|three|four|five|six|seven|\d+) (?:days?|weeks?|months?|years?) ago\b"),
    (
        "in_mon",
        rf"\b(?:in|since|during|until|by|of|from|last|early|mid|late|a) (?:early |mid-|late )?{_MON}(?!,? (?:{_YEAR}|\d))\b",
    ),
    ("year", rf"\b(?:in|since|during|of|by|early|late|mid-?) {_YEAR}\b"),
]
_ALTERNATION = "|".join(f"(?P<{k}>{p})" for k, p in _PATTERNS)
# Every pattern opens with a word boundary and one of these characters. The lookahead
# rejects every other position at once instead of trying each alternative there (2x faster,
# same matches; tests/test_synth_exact.py checks it against the bare alternation).
_FIRST = r"(?=\b[\dJFMASONDTWabdefilmnopstuy])"
_ANY = re.compile(_FIRST + f"(?:{_ALTERNATION})")
_FUTURE = re.compile(
    r"\b(?:will|would|next|to be held|is due|are due|plans? to|expected to)\b", re.IGNORECASE
)
_NUMWORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One resolved date expression: the words, where they are, and the interval meant."""

    expression: str
    start_char: int
    end_char: int
    start: date
    end: date
    display: str

    def overlaps(self, other: DateMention) -> bool:
        return self.start <= other.end and other.start <= self.end


def parse_iso(value: str | None) -> date | None:
    """The date of an ISO ``YYYY-MM-DD...`` string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_num(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _month_span(year: int, month: int) -> tuple[date, date, str]:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}"


def _day(d: date) -> tuple[date, date, str]:
    return d, d, d.isoformat()


def _interval(a: date, b: date) -> tuple[date, date, str]:
    return a, b, f"{a.isoformat()}/{b.isoformat()}"


def _closest_year(base: date, month: int, day: int = 15) -> int:
    """The year that puts (month, day) closest to ``base`` (news rarely dates > 6 months out)."""
    best = base.year
    best_gap = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            gap = abs((date(year, month, min(day, 28)) - base).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _resolve(kind: str, text: str, base: date, future: bool) -> tuple[date, date, str] | None:
    low = text.lower()
    tokens = re.findall(r"[a-z]+\.?|\d+", low)
    if kind == "iso":
        d = parse_iso(text)
        return _day(d) if d else None
    if kind in ("mdy", "dmy", "md", "dm"):
        mon = next(_month_num(t) for t in tokens if t.rstrip(".") in _MONTHS)
        nums = [int(t) for t in tokens if t.isdigit()]
        day = next(n for n in nums if n <= 31)
        year = next((n for n in nums if n > 31), None) or _closest_year(base, mon, day)
        try:
            return _day(date(year, mon, day))
        except ValueError:
            return None
    if kind in ("my", "in_mon"):
        months = [_month_num(t) for t in tokens if t.rstrip(".") in _MONTHS]
        if not months:
            return None
        mon = months[-1]
        years = [int(t) for t in tokens if t.isdigit()]
        if years:
            return _month_span(years[0], mon)
        if "last" in tokens:  # "last July": the most recent July strictly before this month
            year = base.year if mon < base.month else base.year - 1
            return _month_span(year, mon)
        return _month_span(_closest_year(base, mon), mon)
    if kind in ("wd", "rel_wd"):
        wd = _WEEKDAYS[tokens[-1]]
        if "next" in tokens or (future and "last" not in tokens):
            delta = (wd - base.weekday()) % 7 or 7
            return _day(base + timedelta(days=delta))
        delta = (base.weekday() - wd) % 7
        if "last" in tokens and delta == 0:
            delta = 7
        return _day(base - timedelta(days=delta))
    if kind == "rel":
        unit = tokens[-1]
        step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(tokens[0], 0)
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
            return _interval(monday, monday + timedelta(days=6))
        if unit == "weekend":
            sat = base - timedelta(days=(base.weekday() - 5) % 7) + timedelta(weeks=max(step, 0))
            return _interval(sat, sat + timedelta(days=1))
        if unit == "month":
            month = base.month + step
            year = base.year + (month - 1) // 12
            return _month_span(year, (month - 1) % 12 + 1)
        year = base.year + step
        return date(year, 1, 1), date(year, 12, 31), f"{year:04d}"
    if kind == "weekend":
        sat = base - timedelta(days=(base.weekday() - 5) % 7 or 7)
        return _interval(sat, sat + timedelta(days=1))
    if kind == "day":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[tokens[0]]
        return _day(base + timedelta(days=shift))
    if kind == "ago":
        n = int(tokens[0]) if tokens[0].isdigit() else _NUMWORDS[tokens[0]]
        unit = tokens[1].rstrip("s")
        if unit == "day":
            return _day(base - timedelta(days=n))
        if unit == "week":
            d = base - timedelta(weeks=n)
            return _interval(
                d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6)
            )
        if unit == "month":
            month = base.month - n
            year = base.year + (month - 1) // 12
            return _month_span(year, (month - 1) % 12 + 1)
        year = base.year - n
        return date(year, 1, 1), date(year, 12, 31), f"{year:04d}"
    if kind == "year":
        year = int(next(t for t in tokens if t.isdigit()))
        return date(year, 1, 1), date(year, 12, 31), f"{year:04d}"
    return None


def find_dates(sentence: str, base: date | None) -> list[DateMention]:
    """Every date expression in ``sentence``, resolved against ``base`` (None: absolute ones only)."""
    return list(_find_dates(sentence, base))


@lru_cache(maxsize=8192)
def _find_dates(sentence: str, base: date | None) -> tuple[DateMention, ...]:
    out: list[DateMention] = []
    anchor = base or date(1900, 1, 1)
    for m in _ANY.finditer(sentence):
        kind = m.lastgroup or ""
        text = m.group(0)
        if base is None and kind not in ("iso", "mdy", "dmy", "my", "year"):
            continue
        # Tense is read from the few words just before the expression, not the whole sentence.
        future = bool(_FUTURE.search(sentence[max(0, m.start() - 40) : m.start()]))
        resolved = _resolve(kind, text, anchor, future)
        if resolved is None:
            continue
        if kind == "in_mon" and text[:2].lower() == "a ":
            text = text[2:]  # "a July visit": the expression is the month
        out.append(DateMention(text, m.end() - len(text), m.end(), *resolved))
    return tuple(_anchor_ranges(sentence, out))


_RANGE = re.compile(r"\bfrom\s*$")


def _anchor_ranges(sentence: str, found: list[DateMention]) -> list[DateMention]:
    """``from <weekday> to <date>``: the weekday is the last one on or before the end date."""
    out = list(found)
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        between = sentence[a.end_char : b.start_char].strip().lower()
        if between not in ("to", "-", "through", "until", "and") or not _RANGE.search(
            sentence[: a.start_char]
        ):
            continue
        low = a.expression.lower().split()[-1]
        if low in _WEEKDAYS:
            delta = (b.start.weekday() - _WEEKDAYS[low]) % 7
            start = b.start - timedelta(days=delta)
            out[i] = DateMention(a.expression, a.start_char, a.end_char, *_day(start))
    return out
