"""What a number counts: the role of a quantity in its sentence.

Two figures of one story are the same quantity only when they count the same thing in
the same way. "A ferry carrying 212 people ... injuring 42 people" holds two counts of
people with different roles (on board, injured); "150 of the 410 flats" holds a part
and a whole; "for 19 years" (how long something lasted) and "in more than twenty years"
(since when) are durations of different kinds. The role is read from the words next to
the number, without a parser:

- the verb in front of it ("injuring 42 people", "fought by about 80 firefighters");
- the verb after the counted noun ("60 people were injured", "hundreds queued");
- a role noun standing for people ("the 60 injured", "12 dead");
- the attribute it measures ("the cost at 310 million", "a death toll of 40");
- "N of the M": N is a part;
- for durations, the preposition in front ("for", "in", "after", "within").

Synonyms of the common news roles (hurt/injured/wounded, killed/dead/died) share one
role. A quantity whose role cannot be read is comparable with any role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.synth.slots import STOP, TIME_UNITS, stem

# A role noun counts people: "the 60 injured" is 60 people with the role "hurt".
_PEOPLE_ROLES = frozenset(
    """
    injur hurt wound dead kill missing displac evacuat arrest detain rescu victim
    casualti
    """.split()  # noqa: SIM905
)
_SYNONYMS = {
    "injur": "hurt",
    "injuri": "hurt",
    "hurt": "hurt",
    "wound": "hurt",
    "casualti": "hurt",
    "kill": "dead",
    "dead": "dead",
    "died": "dead",
    "die": "dead",
    "death": "dead",
    "fatalit": "dead",
    "carry": "aboard",
    "carri": "aboard",
    "aboard": "aboard",
    "board": "aboard",
    "onboard": "aboard",
    "toll": "dead",
    "arrest": "held",
    "detain": "held",
}
_AUX = frozenset(
    """
    was were is are be been being had has have reportedly also all still later then now
    had been have been who which that
    """.split()  # noqa: SIM905
)
# Irregular past participles common in reports of counts.
_IRREGULAR = frozenset(
    """
    hurt fought held kept lost left sent brought caught taken seen found built made paid
    hit struck shot sold bought spent won
    """.split()  # noqa: SIM905
)
_TIME_PREPS = frozenset(["for", "in", "after", "within", "over", "since", "during", "ago"])
_PART = re.compile(r"^\s+of\s+(?:the|its|their|them|those|these|whom|which)\b", re.IGNORECASE)
_BACK = re.compile(r"(?:(?P<by>[A-Za-z]+)\s+by|(?P<w>[A-Za-z][\w'-]*))\s+$")
_ATTR = re.compile(
    r"(?P<attr>[A-Za-z]+)\s+(?:(?:is|was|were|are|stood|stands|rose|fell|climbed|put|puts|"
    r"estimated|set|totalled|reached)\s+)?(?:at|of|to)\s+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")


@dataclass(frozen=True, slots=True)
class Role:
    """The counted noun (possibly rewritten), what the count is of, and whether it is a part."""

    unit: str
    roles: frozenset[str]
    part: bool


def _verbish(word: str) -> bool:
    w = word.lower()
    return (
        (w.endswith(("ed", "ing")) and len(w) > 4)
        or w in _IRREGULAR
        or stem(w) in _SYNONYMS
        or w in ("aboard", "board")
    )


def _norm(word: str) -> str:
    s = stem(word.lower())
    return _SYNONYMS.get(s, s)


def read_role(sentence: str, start: int, end: int, unit: str) -> Role:
    """The role of the quantity spanning ``sentence[start:end]`` whose counted noun is ``unit``."""
    before = _WORD.findall(sentence[max(0, start - 60) : start])
    after_text = sentence[end:]
    part = bool(_PART.match(after_text))
    if unit in TIME_UNITS:
        prep = before[-1].lower() if before else ""
        marks = {"@" + prep} if prep in _TIME_PREPS else set()
        if re.match(r"\s*\w+\s+ago\b", after_text):
            marks.add("@ago")
        return Role(unit, frozenset(marks), part)
    roles: set[str] = set()
    if unit in _PEOPLE_ROLES or _SYNONYMS.get(unit) in ("hurt", "dead"):
        roles.add(_SYNONYMS.get(unit, unit))
        unit = "people"
    # The verb in front: "injuring 42", "fought by about 80" (passive agent).
    # Only a word directly in front counts: "Of the 60 injured, sixteen" has none.
    back = _BACK.search(sentence[max(0, start - 60) : start])
    if back and back.group("by") and _verbish(back.group("by")):
        roles.add(_norm(back.group("by")))
    elif back and not back.group("by") and _verbish(back.group("w")):
        roles.add(_norm(back.group("w")))
    # The attribute measured: "puts the cost at 310 million", "a budget of 5 million".
    attr = _ATTR.search(sentence[max(0, start - 60) : start])
    if attr and attr.group("attr").lower() not in STOP and not _verbish(attr.group("attr")):
        roles.add(_norm(attr.group("attr")))
    # The verb after the counted noun: "60 people were injured", "80 firefighters fought".
    after = _WORD.findall(after_text[:80])
    i = 0  # skip to just past the counted noun ("60 injured people were ..."), if it follows
    while i < len(after) and stem(after[i].lower()) != unit and i < 3:
        i += 1
    i = i + 1 if i < len(after) and stem(after[i].lower()) == unit else 0
    for w in after[i : i + 4]:
        lw = w.lower()
        if lw in _AUX or lw.endswith("ly"):
            continue
        if _verbish(lw):
            roles.add(_norm(lw))
        elif lw == "on" or lw in STOP:
            continue
        break
    return Role(unit, frozenset(roles), part)


def same_quantity(a: Role, b: Role) -> bool:
    """Whether two figures count the same thing: same noun, both parts or neither, roles agree."""
    if a.unit != b.unit or a.part != b.part:
        return False
    return not a.roles or not b.roles or bool(a.roles & b.roles)
