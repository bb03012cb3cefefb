"""Dates in captures: find date expressions with regexes, read the page date, and
check it against what the article text itself implies.

Regexes only (no dateparser): this runs on every line of every capture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
# "Sep 05 2023", "Sept. 5, 2023", "September 5 2023"
_MDY = re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)
# "5 September 2023", "05 Sep, 2023"
_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)
# Month and day without a year: "Sept. 5", "August 30" (case-sensitive month to skip "may")
_MD = re.compile(
    r"\b(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?!,?\s+(?:19|20)\d\d)(?![:\d])"
)
# "in February 2022": month precision.
_MY = re.compile(
    r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?P<y>(?:19|20)\d\d)\b"
)
_PUBLISHED_KEY = re.compile(r"\b(first published|published|posted|date|created)\b", re.I)
_UPDATED_KEY = re.compile(r"\b(updated|modified|last updated|edited)\b", re.I)
_RELATIVE_STAMP = re.compile(r"\b\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?)\s+ago\b", re.I)


@dataclass(slots=True)
class Found:
    """A dated expression found in a line."""

    iso: str
    start: int
    end: int


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# 28/05/2024 or 05/28/2024: read only when the day is unambiguous (> 12).
_NUM = re.compile(r"(?<![\d/])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def find_dates(text: str) -> list[Found]:
    """Full dates (with a year) in ``text``, in order of appearance."""
    out: list[Found] = []
    if not _YEAR.search(text):
        return out
    taken: list[tuple[int, int]] = []
    for rx in (_ISO, _MDY, _DMY) if any(c.isalpha() for c in text) else (_ISO,):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            mon = int(m.group("m")) if "m" in m.groupdict() else _month(m.group("mon"))
            day = _mk(int(m.group("y")), mon, int(m.group("d")))
            if day is not None:
                out.append(Found(day.isoformat(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    for m in _NUM.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if any(x <= m.start() < y for x, y in taken) or (a <= 12 and b <= 12):
            continue
        day = _mk(int(m.group("y")), b, a) if a > 12 else _mk(int(m.group("y")), a, b)
        if day is not None:
            out.append(Found(day.isoformat(), m.start(), m.end()))
    out.sort(key=lambda f: f.start)
    return out


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key, MONTHS.get(key[:3], 0))


def date_line_kind(line: str) -> str | None:
    """'published', 'updated' or 'plain' when ``line`` is a short date stamp, else None."""
    found = find_dates(line)
    if not found:
        return None
    rest = line
    for f in reversed(found):
        rest = rest[: f.start] + rest[f.end :]
    # A date stamp is mostly the date: few other words around it.
    if len(re.findall(r"[A-Za-z]{2,}", rest)) > 9:
        return None
    if _UPDATED_KEY.search(line) and not re.search(r"published|posted", line, re.I):
        return "updated"
    if _PUBLISHED_KEY.search(line):
        return "published"
    return "plain"


def published_in_line(line: str) -> str | None:
    """The publication date a stamp line states: with both 'Updated: X | Published: Y', Y."""
    found = find_dates(line)
    if not found:
        return None
    for m in _PUBLISHED_KEY.finditer(line):
        after = [f for f in found if f.start >= m.end()]
        if after and m.group(1).lower() != "date":
            return after[0].iso
    return found[0].iso


def is_relative_stamp(line: str) -> bool:
    """'2 hours ago', 'World News // 1 day ago': a teaser's freshness stamp."""
    return bool(_RELATIVE_STAMP.search(line)) and len(line.split()) <= 10


def parse_iso(value: str | None) -> date | None:
    """The date in an ISO-ish or written string (feed meta values), or None."""
    if not value:
        return None
    found = find_dates(str(value))
    return date.fromisoformat(found[0].iso) if found else None


def implied_dates(body: str, first_line: str, published: date) -> list[tuple[date, str]]:
    """Dates the article text itself points at, each with the words that gave it.

    The dateline's month-day ("LISBON, Oct. 2 (UPI)") is read in the year that puts it
    nearest the page date; full dates are taken as written.
    """
    out: list[tuple[date, str]] = []
    head = first_line[:80]
    m = _MD.search(head)
    if m and ("(" in head[m.end() : m.end() + 12] or "--" in head or "\u2014" in head):
        mon, day = _month(m.group("mon")), int(m.group("d"))
        cands = [_mk(published.year + k, mon, day) for k in (-1, 0, 1)]
        best = min((c for c in cands if c), key=lambda c: abs((c - published).days), default=None)
        if best is not None:
            out.append((best, m.group(0)))
    for f in find_dates(body):
        if _FUTURE.search(body[max(0, f.start - 60) : f.start]):
            continue  # "scheduled for", "will ... on": a future event says nothing about the page date
        out.append((date.fromisoformat(f.iso), body[f.start : f.end]))
    return out


_FUTURE = re.compile(
    r"\b(will|would|scheduled|due|expected|planned|plans?|set (?:for|to)|until|through|by|next|"
    r"deadline|upcoming|starting|from|begins?|ahead of|before)\b",
    re.I,
)


def check_published(published: date, body: str, first_line: str, limit: int = 60) -> str | None:
    """A reason when the page date is far (> ``limit`` days) from what the text implies, else None.

    Only two readings are strong enough: the dateline's own month-day, and full dates in the
    text that lie after the page date (a page cannot report events after it was published;
    scheduled future events are the exception, hence the margin).
    """
    for when, words in implied_dates(body, first_line, published):
        gap = (when - published).days
        if words in first_line[:80] and abs(gap) > limit:
            return f"dateline '{words}' is {abs(gap)} days from page date {published.isoformat()}"
        if gap > limit and words not in first_line[:80]:
            return f"text mentions {words} ({gap} days after page date {published.isoformat()})"
    return None
