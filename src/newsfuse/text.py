"""Small text utilities shared by every stage: words, sentences, shingles, names.

Kept dependency-free and fast: these run on every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})

# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "inc", "corp", "co", "ltd", "jr", "sr", "no", "p.m",
    "a.m", "mt", "ft", "n",
}
_SENT_END = re.compile(r"([.!?])([\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def normalize(text: str) -> str:
    """NFKC, straight quotes, collapsed whitespace: for comparing texts, not for display."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (``\\w+``), the unit of shingles and overlap."""
    return [w.lower() for w in _WORD.findall(text)]


def shingles(tokens: list[str], n: int = 4) -> set[str]:
    """Word n-gram shingles as strings; a text shorter than n gives one shingle."""
    if len(tokens) < n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def sentences(text: str) -> list[str]:
    """Split prose into sentences, paragraph by paragraph, keeping quotes whole."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if para:
            out.extend(_split_paragraph(para))
    return out


def _split_paragraph(para: str) -> Iterator[str]:
    start = 0
    for m in _SENT_END.finditer(para):
        end = m.end(2)
        before = para[start : m.start(1)]
        last = before.rsplit(" ", 1)[-1].lower().rstrip(".")
        # "U.S." / "Sept." / single initials ("Maria T. Okafor") are not sentence ends.
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        if _open_quote(para[start:end]):
            continue
        piece = para[start:end].strip()
        if piece:
            yield piece
        start = end
    tail = para[start:].strip()
    if tail:
        yield tail


def _open_quote(chunk: str) -> bool:
    """True while a double quote opened in ``chunk`` is still open (don't split inside it)."""
    straight = chunk.count('"')
    opened = chunk.count("\u201c")
    closed = chunk.count("\u201d")
    if opened or closed:
        return opened > closed
    return straight % 2 == 1


_NAME = re.compile(
    r"\b(?:[A-Z][\w'\u2019.-]*[A-Za-z]|[A-Z]\.)(?:[ -](?:of |de |la |van |von |al-)?(?:[A-Z][\w'\u2019.-]*[A-Za-z]|[A-Z]\.))*"
)
_NOT_NAMES = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "But", "And", "Or",
    "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "If", "When", "While",
    "After", "Before", "As", "For", "With", "From", "By", "To", "Of", "Under", "Following", "Citing",
    "According", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Why", "What", "There", "Also", "Meanwhile", "However",
}


def names(text: str) -> list[str]:
    """Capitalised word runs that look like named entities (people, places, organisations).

    A rule-based stand-in for NER: it needs no model and is good enough to compare
    which entities two texts share.
    """
    out: list[str] = []
    for m in _NAME.finditer(text):
        parts = m.group(0).split(" ")
        while parts and parts[0] in _NOT_NAMES:
            parts = parts[1:]
        name = " ".join(parts).strip(" .-'\u2019")
        if name.endswith("'s") or name.endswith("\u2019s"):
            name = name[:-2]
        if len(name) > 1 and name not in _NOT_NAMES:
            out.append(name)
    return out
