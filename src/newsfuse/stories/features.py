"""Article profiles for story clustering: lead text, hashed terms, entities, day.

Terms are hashed (crc32, stable across processes) so document frequencies can be
kept online in a bounded table; idf is read at comparison time, so early articles
are re-weighted as the corpus grows. Placing an article reads its lead: teasers and
page furniture that slip past extraction sit at the end and are headline-shaped
(no closing punctuation), so they are skipped. The second pass (``consolidate.py``)
also reads the whole body's prose, since an outlet's angle piece can name the event
and its people only below a lede of its own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat

import numpy as np

from newsfuse.records import Article
from newsfuse.text import names, sentences, words

HASH_BITS = 20
LEAD_PARAGRAPHS = 4
_PROSE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_TEASER = re.compile(
    r"^(read more|related|see also|more on this|watch|also read|recommended)\b", re.IGNORECASE
)
_STOP = set(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would you
    your said says say told according new one two three after year years week day monday tuesday
    wednesday thursday friday saturday sunday last next first since still would could""".split()
)


@dataclass(slots=True)
class Profile:
    """What the clusterer keeps of one article while deciding where it goes."""

    id: str
    day: int
    date: str | None
    title: str
    lead: str  # the first prose sentence, for summaries
    title_tf: dict[int, float]
    body_tf: dict[int, float]
    ents: set[str]
    outlet: str | None = None
    vec: np.ndarray | None = None
    group: str = ""
    keys: list[str] = field(default_factory=list)
    # False when no date is known: ``day`` is then a stand-in and time must not count.
    dated: bool = True
    # The whole body's prose (what the second pass compares): terms and names.
    full_tf: dict[int, float] = field(default_factory=dict)
    full_ents: set[str] = field(default_factory=set)


def article_date(article: Article) -> str | None:
    """The date clustering believes: the copies stage's trusted date, else the claimed one."""
    return article.trusted_date or article.published


def day_number(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def lead_paragraphs(article: Article, k: int = LEAD_PARAGRAPHS) -> list[str]:
    """The first ``k`` prose paragraphs (ending like a sentence, not teaser-shaped)."""
    return prose_paragraphs(article)[:k]


def prose_paragraphs(article: Article) -> list[str]:
    """Every prose paragraph (all paragraphs when none reads as prose)."""
    paras = article.paragraphs
    return [p for p in paras if _is_prose(p)] or paras


def _is_prose(para: str) -> bool:
    para = para.strip()
    return (
        len(para.split()) >= 6 and bool(_PROSE_END.search(para)) and not _TEASER.match(para)
    )


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def term_tf(text: str) -> dict[int, float]:
    """Sublinear term frequencies of content words, hashed."""
    return _sublinear(term_counts(text))


def term_counts(text: str) -> Counter[int]:
    """How often each hashed content word occurs in ``text``."""
    return Counter(term_hashes(text))


def term_hashes(text: str) -> list[int]:
    """The hashed content words of ``text``, in order."""
    return [term_hash(w) for w in words(text) if len(w) > 2 and w not in _STOP and not w.isdigit()]


def _sublinear(counts: Counter[int]) -> dict[int, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


def lead_tf(paras: list[str]) -> dict[int, float]:
    """Term weights of the lead, the first paragraph (the lede, which states the event)
    counting double: later paragraphs drift into context that other events share."""
    return _lead_tf([term_hashes(p) for p in paras])


def _lead_tf(hashes: list[list[int]]) -> dict[int, float]:
    # Words never span paragraphs, so counting paragraph by paragraph counts the lead.
    if not hashes:
        return {}
    out = _sublinear(Counter(chain.from_iterable(hashes)))
    for t, w in _sublinear(Counter(hashes[0])).items():
        out[t] = out.get(t, 0.0) + w
    return out


def entities(title: str, paras: list[str]) -> set[str]:
    """Lower-cased names from the lead, plus the last word of multi-word names
    ("okafor" for "Mira Okafor").

    A single capitalised word that starts a sentence ("Officials said", "Rescue teams")
    is only a name if the text also capitalises it mid-sentence. Title names count
    only when the body names them too: Title Case headlines capitalise every word.
    """
    return _entities(title, [paragraph_names(p) for p in paras])


def paragraph_names(para: str) -> tuple[set[str], set[str]]:
    """A paragraph's names: (found mid-sentence or multi-word, single words that only
    start a sentence)."""
    body: set[str] = set()
    starts: set[str] = set()
    for sent in sentences(para):
        found = names(sent)
        first = sent.split(" ", 1)[0].strip("\"'\u201c\u2018(")
        for i, name in enumerate(found):
            if i == 0 and " " not in name and first.startswith(name):
                starts.add(name)
            else:
                body.add(name)
    return body, starts


def _entities(title: str, found: list[tuple[set[str], set[str]]]) -> set[str]:
    body: set[str] = set().union(*(b for b, _ in found))
    starts: set[str] = set().union(*(st for _, st in found))
    out: set[str] = set()
    for name in body | {n for n in starts if n in body}:
        _add_name(out, name)
    known = {n.lower() for n in body} | {n.split()[-1].lower() for n in body}
    for name in names(title):
        if name in body:
            _add_name(out, name)
            continue
        for word in name.lower().split():
            if word in known and word not in _STOP:
                out.add(word)
    return out


def _add_name(out: set[str], name: str) -> None:
    # "Lee Min-jun" / "Lee Min Jun", "U.S." / "US": one spelling per name.
    low = name.lower().replace("-", " ").replace(".", "")
    if low in _STOP:
        return
    out.add(low)
    parts = low.split()
    if len(parts) > 1 and len(parts[-1]) > 2:
        out.add(parts[-1])


def first_sentence(paras: list[str]) -> str:
    for p in paras:
        for s in sentences(p):
            if len(s.split()) >= 4:
                return s[:300]
    return (paras[0][:300] if paras else "")


def profile(article: Article, day: int, vec: np.ndarray | None = None, group: str = "",
            date: str | None = None, dated: bool = True) -> Profile:
    """Build the clustering profile of ``article`` (``day`` already resolved by the caller)."""
    return locate(text_profile(article), day, vec, group, date, dated)


def locate(p: Profile, day: int, vec: np.ndarray | None = None, group: str = "",
           date: str | None = None, dated: bool = True) -> Profile:
    """``p`` (a ``text_profile``) placed in time and in its copy group, with its vector:
    what only the clusterer knows when the article's turn comes."""
    p.day, p.vec, p.dated = day, vec, dated
    p.group = group or p.group
    p.date = date or p.date
    return p


def text_profile(article: Article) -> Profile:
    """What the article's own text gives the profile (a pure function of the article,
    so it can be computed ahead, on another core); ``locate`` completes it."""
    prose = prose_paragraphs(article)
    lead = prose[:LEAD_PARAGRAPHS]
    title = article.title or ""
    # Each paragraph is read once; the lead's features and the whole body's are unions.
    hashes = [term_hashes(p) for p in prose]
    found = [paragraph_names(p) for p in prose]
    ents = _entities(title, found[:LEAD_PARAGRAPHS])
    return Profile(
        id=article.id,
        day=0,
        date=article_date(article),
        title=title,
        lead=first_sentence(lead),
        title_tf=term_tf(title) if title else _sublinear(Counter(hashes[0] if hashes else ())),
        body_tf=_lead_tf(hashes[:LEAD_PARAGRAPHS]),
        ents=ents,
        outlet=article.outlet,
        group=article.original or article.id,
        full_tf=_sublinear(Counter(chain.from_iterable(hashes))),
        full_ents=ents | _entities(title, found) if len(prose) > len(lead) else set(ents),
    )


class DocFreq:
    """Online document frequencies of hashed terms and of entities."""

    def __init__(self) -> None:
        self.n = 0
        self.terms: Counter[int] = Counter()
        self.ents: Counter[str] = Counter()
        # Over whole bodies (the second pass's weights): a name written only below the
        # lead is as common as all its uses make it.
        self.full_terms: Counter[int] = Counter()
        self.full_ents: Counter[str] = Counter()

    def add(self, p: Profile) -> None:
        self.n += 1
        self.terms.update(set(p.body_tf) | set(p.title_tf))
        self.ents.update(p.ents)
        self.full_terms.update(p.full_tf.keys())
        self.full_ents.update(p.full_ents)

    def idf(self, term: int) -> float:
        return math.log((self.n + 1) / (self.terms.get(term, 0) + 1)) + 1.0

    def idfs(self, terms: Iterable[int]) -> list[float]:
        """``idf`` of each of ``terms``, in order (the same arithmetic, without a call
        per term: story norms are recomputed on every update)."""
        n1, log = self.n + 1, math.log
        return [log(n1 / (c + 1)) + 1.0 for c in map(self.terms.get, terms, repeat(0))]

    def eidf(self, ent: str) -> float:
        return math.log((self.n + 1) / (self.ents.get(ent, 0) + 1)) + 1.0

    def full_idf(self, term: int) -> float:
        return math.log((self.n + 1) / (self.full_terms.get(term, 0) + 1)) + 1.0

    def full_eidf(self, ent: str) -> float:
        return math.log((self.n + 1) / (self.full_ents.get(ent, 0) + 1)) + 1.0
