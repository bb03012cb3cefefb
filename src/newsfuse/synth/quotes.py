"""Direct quotes across sources: extract, attribute, merge, and find speaker conflicts.

Quotes are read from every article, copies included (a copy may keep the quote marks
its original lost), and credited to the independent source. Two quotes are the same
when the word trigrams of the shorter are mostly found in the longer (wires trim and
re-punctuate quotes). A merged quote whose sources name disjoint sets of speakers is a
speaker conflict; a source that names two speakers for one quote is not contradicted
by another naming one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.records import Article, Conflict, ConflictSide, Quote
from newsfuse.synth.speakers import article_quotes, surname
from newsfuse.text import sentences, words

SAME_QUOTE = 0.5
_MIN_CONFLICT_WORDS = 6


@dataclass(slots=True)
class _Found:
    text: str
    speaker: str | None
    role: str | None
    source: str
    sentence: str
    grams: set[tuple[str, ...]] = field(default_factory=set)


def _grams(text: str) -> set[tuple[str, ...]]:
    toks = words(text)
    if len(toks) < 3:
        return {tuple(toks)}
    return {tuple(toks[i : i + 3]) for i in range(len(toks) - 2)}


def _same(a: _Found, b: _Found) -> bool:
    small = min(len(a.grams), len(b.grams)) or 1
    return len(a.grams & b.grams) / small >= SAME_QUOTE


def collect(articles: list[Article], credit: dict[str, str]) -> list[list[_Found]]:
    """Every quote of every article, grouped with the same quote from other articles."""
    found: list[_Found] = []
    for art in sorted(articles, key=lambda a: (credit[a.id] != a.id, a.id)):
        sents = sentences(art.body)
        for i, q in article_quotes(sents):
            found.append(
                _Found(q.text, q.speaker, q.role, credit[art.id], sents[i], _grams(q.text))
            )
    groups: list[list[_Found]] = []
    for f in found:
        home = next((g for g in groups if any(_same(f, x) for x in g)), None)
        if home is None:
            groups.append([f])
        else:
            home.append(f)
    return groups


def _speaker_key(f: _Found) -> str:
    return surname(f.speaker) if f.speaker else ""


def quote_records(groups: list[list[_Found]]) -> list[Quote]:
    """One Quote per (merged quote, speaker): sources that disagree on the speaker stay apart."""
    out: list[Quote] = []
    for g in groups:
        by_speaker: dict[str, list[_Found]] = {}
        for f in g:
            by_speaker.setdefault(_speaker_key(f), []).append(f)
        for key, fs in by_speaker.items():
            if not key and len(by_speaker) > 1:
                continue  # an unattributed copy of a quote someone is credited with elsewhere
            named = [f for f in fs if f.speaker]
            best_name = max((f.speaker or "" for f in named), key=len, default=None)
            role = next((f.role for f in named if f.role), None)
            text = max((f.text for f in fs), key=len)
            out.append(Quote(text, best_name or None, sorted({f.source for f in fs}), role))
    return out


def speaker_conflicts(groups: list[list[_Found]]) -> list[Conflict]:
    """The same quote attributed by different sources to different people."""
    out: list[Conflict] = []
    for g in groups:
        if max(len(f.text.split()) for f in g) < _MIN_CONFLICT_WORDS:
            continue  # a short phrase ("a special military operation") is not one statement
        per_source: dict[str, set[str]] = {}
        for f in g:
            if f.speaker:
                per_source.setdefault(f.source, set()).add(_speaker_key(f))
        srcs = sorted(per_source)
        disjoint = any(
            not (per_source[a] & per_source[b]) for i, a in enumerate(srcs) for b in srcs[i + 1 :]
        )
        if not disjoint:
            continue
        sides: dict[str, tuple[set[str], str, str]] = {}
        for f in g:
            if not f.speaker:
                continue
            key = _speaker_key(f)
            prev = sides.get(key)
            name = f.speaker if prev is None or len(f.speaker) > len(prev[1]) else prev[1]
            srcset = prev[0] if prev else set()
            srcset.add(f.source)
            sides[key] = (srcset, name, prev[2] if prev else f.sentence)
        topic = 'who said: "' + " ".join(max((f.text for f in g), key=len).split()[:10]) + '…"'
        out.append(
            Conflict(
                topic, [ConflictSide(n, sorted(s), t) for _, (s, n, t) in sorted(sides.items())]
            )
        )
    return out
