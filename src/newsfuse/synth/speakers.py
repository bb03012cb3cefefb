"""Who said what: speakers of statements and quotes, with roles and pronoun resolution.

Rule-based, per article, in reading order. A speaker is the named person next to a
speech verb ("Okafor said", "said Jan Brenn", "quoted Varga as saying", "according
to ..."); "he/she/they said" is the last named speaker of the article (news prose
names a speaker, then continues with a pronoun), and a surname alone is the full
name seen earlier in the article. Roles come from the words in front of a name
("harbour authority spokeswoman Mira Okafor") or an appositive
("Brenn, a spokesman for ..., said"). Gender is not checked: a known limitation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.text import names, normalize

_VERB = (
    r"(?:said|says|say|added|adds|noted|notes|told|tells|stated|announced|warned|wrote|tweeted|"
    r"urged|urges|explained|insisted|argued|claimed|asserted|declared|continued|recalled)"
)
_ROLE_WORDS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "ambassador",
        "president",
        "leader",
        "official",
        "secretary",
        "director",
        "chief",
        "adviser",
        "advisor",
        "general",
        "commander",
        "governor",
        "mayor",
        "senator",
        "chancellor",
        "chairman",
        "chairwoman",
        "ceo",
        "analyst",
        "professor",
        "envoy",
        "diplomat",
        "lawmaker",
        "representative",
        "officer",
        "head",
        "premier",
        "king",
        "queen",
        "judge",
        "prosecutor",
        "attorney",
        "coordinator",
        "deputy",
        "aide",
        "researcher",
        "expert",
        "economist",
        "manager",
        "founder",
    ]
)
_ORG_WORDS = frozenset(
    [
        "agency",
        "council",
        "house",
        "ministry",
        "department",
        "times",
        "news",
        "office",
        "party",
        "company",
        "group",
        "bank",
        "university",
        "committee",
        "court",
        "police",
        "army",
        "government",
        "palace",
        "commission",
        "union",
        "post",
        "journal",
        "press",
        "reuters",
    ]
)
_PREPOSITIONS = frozenset(
    """
    in of at from for on to by with near about
    """.split()  # noqa: SIM905
)
# First words of capitalised runs that are places or things, not people ("Port Aldine").
_NOT_FIRST = frozenset(
    """
    The A An In On At Port Lake Mount River Saint St North South East West New
    """.split()  # noqa: SIM905
)
_PRONOUNS = frozenset({"he", "she", "they"})
_MIN_QUOTE_WORDS = 4

_AFTER_QUOTE = re.compile(
    rf'^\s*,?\s*(?:(?P<subj>[^",.;]{{1,80}}?)\s+{_VERB}\b|{_VERB}\s+(?P<inv>[^",.;]{{1,80}}))',
    re.IGNORECASE,
)
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<subj>[^\",.;]{1,60}?)\s+as\s+saying\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+(?P<subj>[^\",.;]{1,60})", re.IGNORECASE)
# "Jane Roe said", "Jane Roe, 58, said", "Jane Roe, who ..., said", "the director, Jane Roe, said".
_SUBJ_VERB = re.compile(
    rf"(?P<subj>[^\",.;:]{{1,90}}?)(?:\s*,\s*(?:who|whose|a|an|the|\d{{1,3}})\b[^\";:]{{0,100}}?)?"
    rf",?\s+{_VERB}\b",
    re.IGNORECASE,
)
# "Premier Jane Roe called the plan "..."": a characterisation in quotes is the subject's.
_CALLED = re.compile(
    r"(?P<subj>[^\",.;:]{1,90}?)\s+(?:called|described|branded|dubbed)\b[^\"]{0,80}\"",
    re.IGNORECASE,
)
# Cheap gates: the subject patterns above try every start position, so a sentence
# without any speech or naming verb (most of them) must not reach them at all.
_HAS_VERB = re.compile(rf"\b{_VERB}\b", re.IGNORECASE)
_HAS_CALLED = re.compile(r"\b(?:called|described|branded|dubbed)\b", re.IGNORECASE)
_MEMBER_OF = re.compile(
    r"(?P<who>(?:[A-Z][\w'-]+\s+){0,4}[A-Z][\w'-]+\s+[A-Z][\w'-]+)\s+(?:of|from|at|with)\s+[A-Z]"
)
_QUOTE = re.compile(r'"([^"]+)(?:"|$)')


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None


@dataclass(slots=True)
class Speakers:
    """Per-article state: people met so far and the last named speaker."""

    people: dict[str, Person] = field(default_factory=dict)  # surname (lower) -> person
    last: Person | None = None  # the last speaker
    last_person: Person | None = None  # the last person named as a subject or speaker
    last_quote_speaker: Person | None = None

    def person(self, name: str, role: str | None) -> Person:
        key = surname(name)
        known = self.people.get(key)
        if known is None:
            known = Person(name, role)
            self.people[key] = known
        else:
            if len(name.split()) > len(known.name.split()):
                known.name = name
            if role and not known.role:
                known.role = role
        return known


def surname(name: str) -> str:
    """The identity key of a person: the last word of the name, lower-cased."""
    parts = name.replace("\u2019", "'").split()
    return re.sub(r"(?:'s)?[.,']*$", "", parts[-1].lower()) if parts else ""


def same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b and surname(a) == surname(b))


def _split_name(run: str) -> tuple[str, str | None]:
    """``"Aldine Coast Maritime Minister Helena Strand"`` -> ("Helena Strand", "Aldine Coast Maritime Minister")."""
    tokens = run.split()
    if tokens and tokens[-1].lower() in _ORG_WORDS:
        return run, None  # an organisation speaks under its full name
    cut = 0
    for i, tok in enumerate(tokens):
        if tok.lower().strip(".") in _ROLE_WORDS:
            cut = i + 1
    tail = tokens[cut:]
    if len(tail) > 2:
        tail = tail[-2:]
    head = " ".join(tokens[: len(tokens) - len(tail)]) or None
    return " ".join(tail), head


def _role_before(text: str, start: int) -> str | None:
    """A role phrase directly in front of a name ("White House ... spokeswoman")."""
    chunk = re.split(r'[",;:()]|\bthat\b|\bsaid\b', text[:start])[-1]
    tokens = chunk.split()[-8:]
    while tokens and tokens[0].lower() in ("the", "a", "an", "and", "but", "as"):
        tokens = tokens[1:]
    if any(t.lower().strip(".") in _ROLE_WORDS for t in tokens):
        return " ".join(tokens) or None
    return None


def _appositive(text: str) -> str | None:
    m = re.match(r"\s*,\s*((?:a|an|the)\s+[^,]{3,80}?),", text)
    if m and any(w.lower() in _ROLE_WORDS for w in m.group(1).split()):
        return m.group(1)
    return None


def _resolve_subject(subj: str, full: str, offset: int, state: Speakers) -> Person | None:
    """Turn the words before (or after) a speech verb into a person, pronouns included."""
    words = subj.strip().split()
    if words and words[-1].lower() in _PRONOUNS and len(words) <= 3:
        # "he/she" is the last person named; "they" may be an organisation too.
        return state.last if words[-1].lower() == "they" else state.last_person
    member = _MEMBER_OF.match(subj.strip())
    if member and names(member.group("who")):
        # "Jane Roe of Save the Park said": the person speaks, not the organisation.
        subj = member.group("who")
    runs = names(subj)
    if not runs:
        return None
    run = runs[-1]
    if not re.sub(r"(?:'s|\u2019s)?\W*$", "", subj).endswith(run):
        return None  # "a US official said": an unnamed speaker, not the named run before it
    pos = subj.rfind(run)
    before = subj[:pos].split()
    if before and before[-1].lower() in _PREPOSITIONS:
        return None  # "the organisers in Lisbon said": the name is not the speaker
    name, role = _split_name(run)
    if not name or name.lower() in _ROLE_WORDS:
        return None
    role = (
        role
        or _role_before(full, offset + max(pos, 0))
        or _appositive(full[offset + pos + len(run) :])
    )
    if (
        len(name.split()) == 1
        and surname(name) not in state.people
        and offset + pos == 0
        and not role
    ):
        # A lone capitalised word opening the sentence ("Organisers said") is as likely a
        # common noun as a name; organisations elsewhere ("the Treasury said") still count.
        return None
    return state.person(name, role)


def _register(text: str, state: Speakers) -> None:
    """Remember people introduced with a role even when they do not speak in this sentence."""
    for run in names(text):
        pos = text.find(run)
        name, head = _split_name(run)
        if len(name.split()) < 2 or name.split()[-1].lower() in _ORG_WORDS:
            continue
        before = _role_before(text, pos) if pos >= 0 else None
        role = (
            " ".join(x for x in (before, head) if x)
            if before or (head and _has_role(head))
            else None
        )
        if not role:
            # Remember the full name anyway: a later "Roe said" is this person.
            if surname(name) not in state.people and name.split()[0] not in _NOT_FIRST:
                state.person(name, None)
            continue
        if role:
            person = state.person(name, role)
            if (
                state.last_person is None
                or len(text[: max(0, pos - len(before or ""))].split()) <= 3
            ):
                state.last_person = person  # introduced as the subject: pronouns refer back


def _has_role(words: str) -> bool:
    return any(w.lower().strip(".") in _ROLE_WORDS for w in words.split())


def sentence_speaker(sentence: str, state: Speakers) -> Person | None:
    """The speaker of one sentence, updating the article state; None if it reports no speech."""
    text = normalize(sentence)
    _register(text, state)
    found: Person | None = None
    for m in re.finditer(r'"', text):
        after = text[m.end() :]
        am = _AFTER_QUOTE.match(after)
        if am and text[: m.start()].count('"') % 2 == 1:  # a closing quote
            subj = am.group("subj") or am.group("inv") or ""
            offset = m.end() + (am.start("subj") if am.group("subj") else am.start("inv"))
            found = _resolve_subject(subj, text, offset, state)
            if found:
                break
    if found is None:
        m = _QUOTED_AS.search(text) or _ACCORDING.search(text)
        if m:
            found = _resolve_subject(m.group("subj"), text, m.start("subj"), state)
    if found is None and '"' in text and _HAS_CALLED.search(text):
        m = _CALLED.search(text)
        if m:
            found = _resolve_subject(m.group("subj"), text, m.start("subj"), state)
    if found is None and _HAS_VERB.search(text):
        # Quotes become ';' runs, not blanks: a subject cannot run through them, and the
        # pattern no longer backtracks through long runs of spaces (a second per long quote).
        outside = re.sub(r'"[^"]*("|$)', lambda q: ";" * len(q.group(0)), text)
        for m in _SUBJ_VERB.finditer(outside):
            found = _resolve_subject(m.group("subj"), text, m.start("subj"), state)
            if found:
                break
    if found is not None:
        state.last = found
        if len(found.name.split()) > 1 or found.role:
            state.last_person = found
    return found


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    text: str
    speaker: str | None
    role: str | None


def article_quotes(sents: list[str]) -> list[tuple[int, QuoteSpan]]:
    """Direct quotes of an article (sentence index, quote) with their resolved speakers."""
    state = Speakers()
    out: list[tuple[int, QuoteSpan]] = []
    prev_had_quote = False
    texts = [normalize(s) for s in sents]
    quoted = [
        [q for q in (q.strip(" ,.") for q in _QUOTE.findall(t)) if len(q.split()) >= _MIN_QUOTE_WORDS]
        for t in texts
    ]
    # Sentences after the last quote cannot change any quote's speaker: reading them
    # (most of this function's cost) is skipped.
    last = max((i for i, spans in enumerate(quoted) if spans), default=-1)
    for i, sent in enumerate(sents[: last + 1]):
        speaker = sentence_speaker(sent, state)
        text, spans = texts[i], quoted[i]
        if not spans:
            prev_had_quote = False
            continue
        if speaker is None and prev_had_quote and text.startswith('"'):
            speaker = state.last_quote_speaker  # a quote continuing the previous speaker's
        for q in spans:
            out.append(
                (
                    i,
                    QuoteSpan(
                        q, speaker.name if speaker else None, speaker.role if speaker else None
                    ),
                )
            )
        state.last_quote_speaker = speaker
        prev_had_quote = True
    return out


def article_speakers(sents: list[str]) -> list[Person | None]:
    """The speaker of each sentence of an article (None where nobody is reported speaking)."""
    state = Speakers()
    return [sentence_speaker(s, state) for s in sents]
