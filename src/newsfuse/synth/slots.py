"""Typed slots read from one sentence: counted quantities, event dates, negation.

Conflicts are decided on these slots, never on embedding similarity (which rates
"arrested Tuesday" and "detained Wednesday" as near-identical). A quantity is an
interval, so "at least 300" and "350" are compatible; a date is an interval too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsfuse.synth.dates import DateMention, find_dates

STOP = frozenset(
    """
    a an the of to in on at for from by with and or but as that this these those is are
    was were be been being has have had it its he she they them their his her we our you
    i not no it's said says say told would could should will may might can also after
    before over into about than then there which who whom what when where while if so
    such up out more most other some any all one two three new last next including
    according just only very even still much many own per via do does did
    """.split()  # noqa: SIM905
)

_UNITS = """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen
""".split()  # noqa: SIM905
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMWORD: dict[str, float] = {w: i + 1 for i, w in enumerate(_UNITS)}
_NUMWORD.update(_TENS)
_NUMWORD.update({f"{t}-{u}": v + _NUMWORD[u] for t, v in _TENS.items() for u in _UNITS[:9]})
_NUMWORD.update({"hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000})
_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "bn": 1e9,
}
# A match opens with "$", a digit, or (after a word boundary) a qualifier or a number
# word, whose first letters these are. The lookahead rejects every other position at once
# instead of trying each alternative there (2x faster, same matches).
_NUM_FIRST = r"(?=[$\d]|\b[adefhlmnorstu])"
_NUM = re.compile(
    _NUM_FIRST + r"(?P<qual>\b(?:at least|more than|over|upwards of|nearly|almost|about|around|roughly|approximately|"
    r"some|up to|as many as|fewer than|less than|under|an estimated)\s+)?"
    r"(?P<num>\$?\d[\d,]*(?:\.\d+)?(?!\d|st\b|nd\b|rd\b|th\b)|\b(?:{words})\b)"
    r"(?:\s*(?:-|to|and)\s*(?P<hi>\d[\d,]*(?:\.\d+)?))?"
    r"(?P<scale>\s*(?:thousand|million|billion|trillion|bn|k|m)\b)?(?P<pct>\s*%|\s+percent\b)?".replace(
        "{words}", "|".join(sorted(_NUMWORD, key=len, reverse=True))
    ),
    re.IGNORECASE,
)
_NEG = re.compile(
    r"\b(?:not|never|no longer|denied|denies|deny|refused|n't)\b|n't\b", re.IGNORECASE
)


_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount: ``low..high`` (high may be inf) of ``unit`` (a noun, lower-case)."""

    low: float
    high: float
    unit: str
    text: str
    start: int = 0  # character span of the figure (qualifier included) in its sentence
    end: int = 0

    def compatible(self, other: Quantity) -> bool:
        return self.low <= other.high and other.low <= self.high


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "killed"/"kills", "visits"/"visit"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words and 1-letter tokens dropped)."""
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOP and len(w) > 1)


def _value(raw: str) -> float | None:
    raw = raw.lower().replace(",", "").lstrip("$")
    if raw in _NUMWORD:
        return float(_NUMWORD[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def quantities(sentence: str, dates: list[DateMention]) -> list[Quantity]:
    """Counted amounts in ``sentence`` with their unit noun; numbers inside dates are skipped."""
    taken = [(d.start_char, d.end_char) for d in dates]
    out: list[Quantity] = []
    for m in _NUM.finditer(sentence):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        value = _value(m.group("num"))
        if value is None or (1900 <= value <= 2100 and not m.group("qual")):
            continue  # a bare year-like number is a date, not a count
        scale = _SCALE.get((m.group("scale") or "").strip().lower(), 1.0)
        low = value * scale
        high_raw = _value(m.group("hi")) if m.group("hi") else None
        high = high_raw * scale if high_raw is not None else low
        qual = (m.group("qual") or "").strip().lower()
        if qual in ("at least", "more than", "over", "upwards of"):
            high = float("inf")
        elif qual in ("up to", "as many as", "fewer than", "less than", "under"):
            low = 0.0
        elif qual in ("nearly", "almost"):
            low = high * 0.85
        elif qual in ("about", "around", "roughly", "approximately", "some", "an estimated"):
            low, high = low * 0.9, high * 1.1
        if m.group("num").lower() in ("dozens", "hundreds", "thousands"):
            high = low * 5
        if m.group("pct"):
            unit: str | None = "%"
        elif m.group("num").startswith("$"):
            unit = "$"
        elif _AGE.search(sentence[: m.start()]) and "," in sentence[m.end() - 1 : m.end() + 1]:
            unit = "age"  # "Jane Doe, 58, was ...": an age, whatever noun follows
        else:
            unit = _unit(sentence, m.start(), m.end())
        if unit is None:
            continue
        out.append(Quantity(low, high, unit, m.group(0).strip(), m.start(), m.end()))
    return out


TIME_UNITS = frozenset(
    """
    second minute hour day week month year decade century
    """.split()  # noqa: SIM905
)
_AGE = re.compile(r"[A-Z][a-z]+,\s*$")

_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
    ]
)


_VERBS = frozenset(
    [
        "rose",
        "rise",
        "rises",
        "climbed",
        "reached",
        "hit",
        "stood",
        "stands",
        "jumped",
        "fell",
        "increased",
        "totals",
        "total",
    ]
)


def _unit(sentence: str, start: int, end: int) -> str | None:
    """The noun counted: the first content word after the number, else the nearest one before."""
    after = re.findall(r"[A-Za-z][\w-]*", sentence[end : end + 40])[:3]
    for w in after:
        lw = w.lower()
        if lw.rstrip("s") in TIME_UNITS:
            return lw.rstrip("s")  # a duration: "for 19 years" counts years
        if lw in _CALENDAR:
            break
        if lw not in STOP:
            return stem(lw)
    before = re.findall(r"[A-Za-z][\w-]*", sentence[max(0, start - 40) : start])[-3:]
    for w in reversed(before):
        lw = w.lower()
        # "the toll rose to 412": the counted noun is behind the verb.
        if lw not in STOP and lw not in _CALENDAR and lw not in _VERBS and not lw.endswith("ed"):
            return stem(lw)
    return None


def negated(sentence: str) -> bool:
    return bool(_NEG.search(sentence))


def negated_heads(sentence: str) -> set[str]:
    """The words each negation denies: "did not comment on" -> {"comment"}.

    Two sentences contradict only when the other one asserts that very word: "X did not
    comment" and "X resigned" are both true.
    """
    out = set()
    for m in _NEG.finditer(sentence):
        nxt = content_words(sentence[m.end() : m.end() + 60])
        if nxt:
            out.add(nxt[0])
    return out


def event_dates(sentence: str, base: date | None) -> tuple[list[DateMention], list[DateMention]]:
    """Split the dates of a sentence into (event dates, speech dates).

    "X said Monday that Y happened last month": Monday dates the statement, last month
    the event; only event dates are compared between sources.
    """
    events: list[DateMention] = []
    speech: list[DateMention] = []
    for d in find_dates(sentence, base):
        after = sentence[d.end_char : d.end_char + 25]
        said_after = re.match(
            r"\s*(?:,\s*)?(?:that\b|,?\s*(?:said|says|told|announced))", after, re.IGNORECASE
        )
        if said_after or _speech_clause(sentence[: d.start_char]):
            speech.append(d)
        else:
            events.append(d)
    return events, speech


_SPEECH_FAR = re.compile(
    r"\b(?:said|says|reported|reports|announced|told|noted|confirmed|stated|wrote)\b(?P<mid>[^,;:\"]{0,90}?)\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_EVENT_VERB = re.compile(
    r"\b(?:that|saying|was|were|is|are|had|has|have|will|would|happened|occurred|took|began|started|ended|"
    r"came|went|made|met|left|arrived|died)\b|(?<!the )(?<!a )(?<!an )\b\w{3,}ed\b",
    re.IGNORECASE,
)


def _speech_clause(before: str) -> bool:
    """ "reported the planned trip on Monday": a date closing the reporting verb's own clause."""
    m = _SPEECH_FAR.search(before)
    return bool(m) and not _EVENT_VERB.search(m.group("mid"))


def window(sentence: str, start: int, end: int, span: int = 6) -> set[str]:
    """Content words within ``span`` words either side of a character span: what a slot is about."""
    left = content_words(sentence[:start])[-span:]
    right = content_words(sentence[end:])[:span]
    return set(left + right)
