"""``synthesize``: claims, account, unique details, conflicts, quotes and timeline of a story.

Every output cites independent sources only: copies of one original count once and
are credited to the original (see :mod:`newsfuse.synth.align`). The pipeline:

1. sentences of each independent source -> similarity -> claims (aligned sentences);
2. conflicts on typed slots of comparable sentences, plus speaker conflicts of quotes;
3. claims x sources matrix (supports / contradicts / silent);
4. account: the claims with most sources first, each sentence verbatim from a source
   and cited to the sources whose sentence states it; conflicted claims are left out;
5. unique details: sentences with no counterpart in any other independent source;
6. timeline: every resolved date expression, merged across sources per claim.
Deterministic: no randomness, and every ordering has a total tie-break.
"""

from __future__ import annotations

import re

import numpy as np

from newsfuse.records import (
    AccountSentence,
    Article,
    Claim,
    Conflict,
    CopyGroup,
    Story,
    Support,
    Synthesis,
    TimelineEvent,
)
from newsfuse.synth import conflicts as conf
from newsfuse.synth import quotes as qt
from newsfuse.synth.align import Unit, build_units, cluster, similarity
from newsfuse.synth.dates import CALENDAR_WORDS, find_dates
from newsfuse.synth.slots import STOP
from newsfuse.synth.speakers import Speakers, sentence_speaker
from newsfuse.text import names

MAX_WORDS = 400
# "WASHINGTON (AP) —", "LISBON, Oct. 2 (UPI) --", "Washington:" at the start of a lead.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.]+(?:[ ,]+[A-Z][A-Za-z.]*)*(?:,? [A-Z][a-z]+\.? \d{1,2})?"
    r"\s*(?:\([A-Za-z ]+\))?\s*(?:--|\u2014|\u2013|:)\s*)"
)
_PRONOUN_START = re.compile(r"^(?:He|She|They|It|This|That|These|Those|But|And)\b")


def synthesize(
    story: Story,
    articles: list[Article],
    groups: list[CopyGroup],
    words: int = 150,
    use_embeddings: bool | None = None,
) -> Synthesis:
    """Fuse the articles of ``story`` into one cited account with claims, conflicts and more.

    ``words`` is the account's length budget (capped at 400). ``use_embeddings=False``
    forces lexical similarity (the fallback used anyway when ``newsfuse.embed`` is
    unavailable); the default (None) embeds only when there are two or more independent
    sources, since sentence embeddings serve to align claims across sources and are the
    costliest step. Article ids are the keys and values of every source list and map.
    """
    words = max(1, min(words, MAX_WORDS))
    wanted = set(story.articles) if story.articles else {a.id for a in articles}
    arts = sorted((a for a in articles if a.id in wanted), key=lambda a: a.id)
    units, credit = build_units(arts, groups)
    sources = sorted(set(credit.values()))
    if use_embeddings is None:
        use_embeddings = len(sources) > 1
    sim, lex, threshold = similarity(units, use_embeddings)
    claims_idx = cluster(units, sim, threshold)

    quote_groups = qt.collect(arts, credit)
    conflicts = conf.merge(
        conf.pairwise(units, np.maximum(sim, lex), threshold, claims_idx), units
    ) + qt.speaker_conflicts(quote_groups)
    conflicts.sort(key=lambda c: (c.topic, [s.value for s in c.sides]))

    claims, ranked = _claims(units, claims_idx, sources, conflicts, sim, threshold)
    return Synthesis(
        story_id=story.id,
        account=_account(units, ranked, conflicts, sim, threshold, words),
        claims=claims,
        unique=_unique(units, claims_idx, sim, threshold, _disputed_values(conflicts)),
        conflicts=conflicts,
        quotes=qt.quote_records(quote_groups),
        timeline=_timeline(units, claims_idx),
    )


def _representative(members: list[int], units: list[Unit], sim: np.ndarray) -> int:
    """The member most similar to the others; sentences opening with a pronoun last."""

    def score(i: int) -> tuple[bool, float, int]:
        centrality = float(sim[i, members].sum())
        return (bool(_PRONOUN_START.match(units[i].text)), -centrality, i)

    return min(members, key=score)


def _conflict_texts(conflicts: list[Conflict]) -> dict[str, set[str]]:
    """sentence text -> the conflict topics it takes a side in."""
    out: dict[str, set[str]] = {}
    for c in conflicts:
        for s in c.sides:
            out.setdefault(s.text, set()).add(c.topic)
    return out


def _claims(
    units: list[Unit],
    claims_idx: list[list[int]],
    sources: list[str],
    conflicts: list[Conflict],
    sim: np.ndarray,
    threshold: float,
) -> tuple[list[Claim], list[tuple[int, list[int]]]]:
    """The claims x sources matrix, ranked by support; also (representative, citing units) per claim."""
    ranked: list[tuple[int, list[int]]] = []
    claim_of = {i: members for members in claims_idx for i in members}
    for members in claims_idx:
        rep = _representative(members, units, sim)
        citing = [m for m in members if m == rep or sim[rep, m] >= 0.8 * threshold]
        ranked.append((rep, citing))
    ranked.sort(
        key=lambda rc: (-len({units[i].source for i in rc[1]}), units[rc[0]].position, rc[0])
    )
    contested: dict[int, set[str]] = {}
    for c in conflicts:
        majority = max(c.sides, key=lambda s: (len(s.sources), s.value))
        losers = {src for s in c.sides if s is not majority for src in s.sources}
        for s in c.sides:
            for u in units:
                if u.text == s.text:
                    contested.setdefault(u.idx, set()).update(losers)
    claims: list[Claim] = []
    for rep, citing in ranked:
        support: dict[str, Support] = {s: "silent" for s in sources}
        for i in citing:
            support[units[i].source] = "supports"
        for i in claim_of[rep]:
            # A source on a minority side of a conflict about this claim contradicts it.
            for loser in contested.get(i, ()):
                support[loser] = "contradicts"
        claims.append(Claim(units[rep].text, support))
    return claims, ranked


def _clean(text: str) -> str:
    """Drop a dateline ("WASHINGTON (AP) —") from a sentence used in the account."""
    stripped = _DATELINE.sub("", text, count=1)
    if stripped != text and stripped[:1].isalpha():
        return stripped[0].upper() + stripped[1:]
    return text


def _account(
    units: list[Unit],
    ranked: list[tuple[int, list[int]]],
    conflicts: list[Conflict],
    sim: np.ndarray,
    threshold: float,
    budget: int,
) -> list[AccountSentence]:
    contested = _conflict_texts(conflicts)
    chosen: list[int] = []
    out: list[AccountSentence] = []
    used = 0
    for rep, citing in ranked:
        members_text = {units[i].text for i in citing}
        if members_text & contested.keys():
            continue  # disputed: reported under conflicts, not asserted in the account
        if _PRONOUN_START.match(units[rep].text) or not _self_contained_quote(units[rep].text):
            continue  # needs context the account does not carry
        if any(sim[rep, c] >= threshold for c in chosen):
            continue
        n = len(units[rep].text.split())
        if used and used + n > budget * 1.15:
            if len({units[i].source for i in citing}) > 1:
                continue
            break
        chosen.append(rep)
        used += n
        out.append(
            AccountSentence(_clean(units[rep].text), sorted({units[i].source for i in citing}))
        )
        if used >= budget:
            break
    return out


def _self_contained_quote(text: str) -> bool:
    """A sentence opening with a quote is usable alone only if it names its speaker."""
    return not text.startswith('"') or sentence_speaker(text, Speakers()) is not None


def _unique(
    units: list[Unit],
    claims_idx: list[list[int]],
    sim: np.ndarray,
    threshold: float,
    disputed: dict[str, str],
) -> dict[str, list[str]]:
    """What only one independent source reports.

    A sentence is a unique detail of its source when no other independent source has an
    aligned sentence, or when it names someone or something (a capitalised name) that
    no other source mentions at all: "news agency Yonhap cited ..." adds the attribution
    even when the fact itself is shared, or when much of it is words no other source uses
    (see :func:`_novel_words`). A sentence taking a side in a conflict is not a unique
    detail unless it names someone new besides the disputed value: its odd value (another
    month, another speaker) is reported as a conflict.
    """
    singles = {m[0] for m in claims_idx if len(m) == 1}
    src = np.array([u.source for u in units])
    where: dict[str, set[str]] = {}  # word -> sources using it
    for u in units:
        for w in re.findall(r"\w+", u.text.lower()):
            where.setdefault(w, set()).add(u.source)
    out: dict[str, list[str]] = {}
    for u in units:
        other = src != u.source
        if not other.any():
            continue
        novel = _novel_name(_clean(u.text), u.source, where)
        # A disputed sentence's odd value is reported as a conflict; it is still a unique
        # detail when it also names someone nobody else does ("Captain Jane Roe ... 42
        # injured"), but not when that name is the disputed value (the other speaker of a quote).
        if u.text in disputed and not _novel_name(
            _clean(u.text), u.source, where, exclude=disputed[u.text]
        ):
            continue
        unaligned = u.idx in singles and float(sim[u.idx, other].max()) < threshold
        if not unaligned and not novel and not _novel_words(u.text, u.source, where):
            continue
        out.setdefault(u.source, []).append(u.text)
    return {k: out[k] for k in sorted(out)}


_NOVEL_WORDS = 3
_NOVEL_SHARE = 0.45


def _novel_words(text: str, source: str, where: dict[str, set[str]]) -> bool:
    """True when much of ``text`` is words no other source uses: an aligned sentence that adds.

    "Councillors approved the tower by seven votes to four, clearing the way for the city's
    tallest building" aligns with another source's "council voted 7-4 to approve the tower",
    but its second half is news only this source has.
    """
    toks = {w for w in re.findall(r"[a-z]+", _clean(text).lower()) if len(w) > 2 and w not in STOP}
    fresh = {w for w in toks if not where.get(w, set()) - {source}}
    return len(fresh) >= _NOVEL_WORDS and len(fresh) >= _NOVEL_SHARE * len(toks)


def _disputed_values(conflicts: list[Conflict]) -> dict[str, str]:
    """sentence text -> the values (lower-cased, joined) of the conflict sides it stands for."""
    out: dict[str, str] = {}
    for c in conflicts:
        for s in c.sides:
            out[s.text] = (out.get(s.text, "") + " " + s.value.lower()).strip()
    return out


def _novel_name(text: str, source: str, where: dict[str, set[str]], exclude: str = "") -> bool:
    """True when ``text`` names someone or something no other source mentions anywhere."""
    for name in names(text):
        toks = [
            t.lower()
            for t in re.findall(r"\w+", name)
            if len(t) >= 3 and t.lower() not in CALENDAR_WORDS
        ]
        # The last word identifies a person ("Captain Jane Roe": others say "captain" too).
        if toks and toks[-1] in exclude.split():
            continue
        if toks and not where.get(toks[-1], set()) - {source}:
            return True
    return False


def _timeline(units: list[Unit], claims_idx: list[list[int]]) -> list[TimelineEvent]:
    claim_of = {i: k for k, members in enumerate(claims_idx) for i in members}
    merged: dict[tuple[str, int], tuple[TimelineEvent, str]] = {}
    for u in units:
        for d in find_dates(
            _clean(u.text), u.base
        ):  # a dateline's date is the byline's, not an event
            key = (d.display, claim_of[u.idx])
            if key in merged:
                ev, _ = merged[key]
                if u.source not in ev.sources:
                    ev.sources.append(u.source)
                    ev.sources.sort()
                continue
            merged[key] = (
                TimelineEvent(d.display, u.text, [u.source], d.expression),
                d.start.isoformat(),
            )
    return [ev for ev, _ in sorted(merged.values(), key=lambda e: (e[1], e[0].date, e[0].text))]
