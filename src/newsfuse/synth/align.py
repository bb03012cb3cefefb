"""Independent sources, their sentences, and the alignment of sentences into claims.

Independence: the members of a copy group are one source, credited to the group's
original (``CopyGroup.original``, else ``Article.original``, else the article itself;
if the original is not in the story, its earliest member present). The source's
sentences are the original's, plus any sentence of a copy that is not a near-duplicate
of one of the original's (a syndicated copy that adds a paragraph adds information,
but repeating the original's sentences never adds support).

Alignment: two sentences of different sources state the same fact when their
similarity reaches a threshold. Similarity is TF-IDF cosine over stemmed content words
blended with shared named entities and numbers, and, when ``newsfuse.embed`` is
available, with the cosine of static embeddings distilled from MiniLM (paraphrases). Claims are built greedily from the most
similar pairs with at most one sentence per source and an average-link check, so
a claim cannot chain through loosely related sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from newsfuse.records import Article, CopyGroup
from newsfuse.synth.dates import parse_iso
from newsfuse.synth.slots import content_words
from newsfuse.text import names, normalize, sentences

LEXICAL_THRESHOLD = 0.34
# Calibrated for the static embedder to agree with MiniLM's 0.32 (benchmarks/calibrate_align.py).
EMBED_THRESHOLD_STATIC = 0.35
EMBED_THRESHOLD = EMBED_THRESHOLD_STATIC
EMBED_BUDGET = 1000  # distinct sentences embedded per story
_SURE = 1.5  # a lexical match this far above the threshold needs no embedding
_CACHE_SIZE = 20000  # sentence vectors kept across calls (~30 MB)
_CACHE: dict[str, np.ndarray] = {}
_MIN_WORDS = 4


@dataclass(slots=True)
class Unit:
    """One sentence of an independent source."""

    idx: int
    source: str  # the credited (original) article id
    article: str  # the article the sentence was read from
    text: str
    position: float  # 0..1 place in the article: leads first
    order: int  # sentence index in its article
    base: date | None  # the date relative expressions are read against


def source_map(articles: list[Article], groups: list[CopyGroup]) -> dict[str, str]:
    """article id -> credited independent source id."""
    present = {a.id for a in articles}
    out: dict[str, str] = {}
    for g in groups:
        members = [m for m in g.members if m in present]
        if not members:
            continue
        credit = g.original if g.original in present else min(members)
        for m in members:
            out[m] = credit
    for a in articles:
        if a.id not in out:
            orig = a.original if a.original in present else None
            out[a.id] = out.get(orig or "", orig or a.id)
    return out


def _base(article: Article, groups: dict[str, CopyGroup]) -> date | None:
    g = groups.get(article.id)
    return (
        parse_iso(article.trusted_date)
        or parse_iso(g.trusted_date if g else None)
        or parse_iso(article.published)
    )


def build_units(
    articles: list[Article], groups: list[CopyGroup]
) -> tuple[list[Unit], dict[str, str]]:
    """The sentences of every independent source (original first, then copies' extra sentences)."""
    credit = source_map(articles, groups)
    by_member = {m: g for g in groups for m in g.members}
    ordered = sorted(articles, key=lambda a: (credit[a.id], a.id != credit[a.id], a.id))
    units: list[Unit] = []
    seen: dict[str, list[set[str]]] = {}
    for art in ordered:
        src = credit[art.id]
        sents = [s for s in sentences(art.body) if len(s.split()) >= _MIN_WORDS]
        known = seen.setdefault(src, [])
        base = _base(art, by_member)
        for i, s in enumerate(sents):
            toks = set(content_words(s))
            if art.id != src and any(_jaccard(toks, k) >= 0.6 for k in known):
                continue  # the copy repeats its original: no new information
            known.append(toks)
            units.append(
                Unit(len(units), src, art.id, normalize(s), i / max(len(sents), 1), i, base)
            )
    return units, credit


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _lexical(units: list[Unit]) -> np.ndarray:
    """TF-IDF cosine over stemmed content words plus a bonus for shared names and numbers."""
    n = len(units)
    tf = _sparse([content_words(u.text) for u in units], n)
    df = np.asarray((tf > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1.0
    tf.data = np.log1p(tf.data)
    mat = tf.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    mat = sparse.diags(1 / np.where(norms == 0, 1, norms)) @ mat
    sim = (mat @ mat.T).toarray()
    ents = _sparse([sorted(_entities(u.text)) for u in units], n)
    ents.data[:] = 1.0
    inter = (ents @ ents.T).toarray()
    sizes = np.asarray(ents.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    ent_sim = np.where(union > 0, inter / np.where(union == 0, 1, union), 0.0)
    return (0.8 * sim + 0.2 * ent_sim).astype(np.float32)


def _sparse(docs: list[list[str]], n: int) -> sparse.csr_matrix:
    """A documents x terms count matrix."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, d in enumerate(docs):
        for w in d:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(n, max(len(vocab), 1)))


def _entities(text: str) -> set[str]:
    ents = {n.lower().split()[-1] for n in names(text) if len(n) > 2}
    return ents | set(re.findall(r"\b\d[\d,.]*\b", text))


def _cached_embed(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> np.ndarray:
    """Vectors of ``texts``, reusing those of earlier calls (a growing story is re-synthesized)."""
    if not texts:
        return np.zeros((0, 1), np.float32)
    # The result is read before the cache evicts anything: evicting first could drop a
    # vector this very call needs (it once made synthesis fall back to lexical similarity
    # depending on what the process had synthesized before).
    found = {t: _CACHE[t] for t in texts if t in _CACHE}
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:
        found.update(zip(todo, np.asarray(embed(todo), dtype=np.float32), strict=True))
    out = np.stack([found[t] for t in texts])
    for t in todo:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))  # oldest first
        _CACHE[t] = found[t]
    return out


def _sentence_embedder() -> Callable[[list[str]], np.ndarray] | None:
    """The static embedder distilled from MiniLM (``newsfuse.embed.static``), or None.

    Measured on the planted set, it aligns claims as well as the full model (conflicts,
    citations and unique details within 0.012) for 1/16 of the CPU time, and on the
    seeds and the demo corpus gives the same conflicts and unique details; MiniLM here
    made synthesis the slowest stage of a digest.
    """
    try:
        from newsfuse.embed import static  # optional: absent or broken -> lexical only
    except ImportError:
        return None
    return static.embed_static if static.available() else None


def _embedding(
    units: list[Unit], lex: np.ndarray, budget: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Story-centred embedding cosines and a mask of the units that got a vector.

    Only ``budget`` distinct sentences are embedded: first those with no sure lexical
    match in another source, earliest in their articles first (leads carry the shared
    facts), so a huge story stays bounded. Vectors are cached by text across calls.
    """
    embed = _sentence_embedder()
    if embed is None:
        return None
    try:
        # Wire stories repeat sentences verbatim across outlets: embed each text once.
        # Sentences already aligned lexically beyond doubt gain nothing from a vector: the
        # budget goes to the others (paraphrases are what the embedder is for).
        src = np.array([u.source for u in units])
        cross = np.where(src[:, None] != src[None, :], lex, 0.0)
        sure = cross.max(axis=1) >= _SURE * LEXICAL_THRESHOLD if len(units) else np.zeros(0, bool)
        first: dict[str, tuple[bool, float]] = {}
        for u in units:
            key = (bool(sure[u.idx]), u.position)
            first[u.text] = min(first.get(u.text, key), key)
        texts = sorted(first, key=lambda t: (first[t], t))[:budget]
        row = {t: i for i, t in enumerate(texts)}
        raw = _cached_embed(embed, texts)
    except Exception:  # noqa: BLE001 - a broken model must not break synthesis
        return None
    # Every sentence of a story is about the same event, so raw cosines are all high;
    # removing the story's mean vector leaves what distinguishes one fact from another.
    raw = raw - raw.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    raw = raw / np.where(norms == 0, 1, norms)
    has = np.array([u.text in row for u in units])
    vecs = np.zeros((len(units), raw.shape[1]), dtype=np.float32)
    vecs[has] = raw[[row[u.text] for u in units if u.text in row]]
    return vecs @ vecs.T, has


def similarity(
    units: list[Unit], use_embeddings: bool = True
) -> tuple[np.ndarray, np.ndarray, float]:
    """(aligned similarity, lexical similarity, threshold at which two sentences align)."""
    if not units:
        empty = np.zeros((0, 0), dtype=np.float32)
        return empty, empty, LEXICAL_THRESHOLD
    lex = _lexical(units)
    emb = _embedding(units, lex, EMBED_BUDGET) if use_embeddings and len(units) > 2 else None
    if emb is None:
        sim, threshold = lex.copy(), LEXICAL_THRESHOLD
    else:
        cos, has = emb
        both = has[:, None] & has[None, :]
        # Pairs without two vectors fall back to lexical similarity on the blended scale.
        sim = np.where(both, 0.5 * cos + 0.5 * lex, lex * (EMBED_THRESHOLD / LEXICAL_THRESHOLD))
        threshold = EMBED_THRESHOLD
    np.fill_diagonal(sim, 1.0)
    return sim, lex, threshold


def cluster(units: list[Unit], sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Claims: groups of unit indices from distinct sources that state the same fact."""
    n = len(units)
    src = np.array([u.source for u in units])
    cross = src[:, None] != src[None, :]
    ii, jj = np.nonzero(np.triu((sim >= threshold) & cross, 1))
    order = np.lexsort((jj, ii, -sim[ii, jj]))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    root = list(range(n))
    for k in order:
        a, b = root[ii[k]], root[jj[k]]
        if a == b:
            continue
        ma, mb = members[a], members[b]
        if {units[x].source for x in ma} & {units[x].source for x in mb}:
            continue  # one sentence per source per claim
        if float(sim[np.ix_(ma, mb)].mean()) < 0.8 * threshold:
            continue  # average link: no chaining through one loose pair
        merged = ma + mb
        for x in mb:
            root[x] = a
        members[a] = merged
        del members[b]
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
