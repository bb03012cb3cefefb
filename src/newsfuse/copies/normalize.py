"""Canonical word tokens of an article body, for comparing copies.

Two copies of one text differ in ways that do not change what they say: whitespace,
quote styles, page furniture left inside the body ("Advertisement"), a wire dateline
("CITY (WIRE) --") kept by one outlet and dropped by another, "U.S." against "US",
"10,000" against "10000", and British against American spelling. ``canonical``
removes those differences and keeps, for every canonical token, the index of the word
it came from in ``newsfuse.text.words(body)``, so shared spans can be reported in the
caller's word coordinates.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)

# Lines that are page furniture when they appear inside a body.
_FURNITURE = re.compile(
    r"^\W*(advertisement|advertising|sponsored|read more|read also|also read|related|see also|"
    r"recommended|share|share this|subscribe|sign up|follow us|click here|photo|image|video|"
    r"watch|listen|credit|copyright|all rights reserved|\u00a9|save articles|more from)\b",
    re.IGNORECASE,
)
# "WASHINGTON (AP) --", "LISBON, Oct. 2 (UPI) --", "LONDON, May 2 -", "Canberra:".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][\w.]*(?: [\w.]+){0,3})?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:--|[\u2014\u2013\-:])"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:,\s*[A-Z][\w.]*(?: [\w.]+){0,3})?\s*\([^()\n]{1,40}\)\s*(?:--|[\u2014\u2013\-])"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}:)\s+"
)
# A parenthesised credit inside a dateline: the text is formatted as the wire sent it.
_WIRE_DATELINE = re.compile(r"^\s*[A-Z][\w.,' \-]{1,60}\(([A-Za-z][A-Za-z .&\-]{0,30})\)\s*(?:--|[\u2014\u2013\-])")

# Whole-word British -> American spellings that no suffix rule covers.
_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "grey": "gray", "programme": "program", "tyre": "tire", "aluminium": "aluminum",
    "cheque": "check", "plough": "plow", "sceptical": "skeptical", "sceptic": "skeptic",
    "kerb": "curb", "storey": "story", "jewellery": "jewelry", "mould": "mold", "draught": "draft",
    "whilst": "while", "amongst": "among", "learnt": "learned", "spelt": "spelled",
    "towards": "toward", "afterwards": "afterward", "manoeuvre": "maneuver", "paediatric": "pediatric",
    "enrol": "enroll", "fulfil": "fulfill", "practise": "practice", "judgement": "judgment",
    "ageing": "aging", "cosy": "cozy", "moustache": "mustache", "pyjamas": "pajamas",
}
_SUFFIX_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{2})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=\w{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=\w{2}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=\w{3})ogue(s)?$"), r"og\1"),
]
_FOLD_CACHE: dict[str, str] = {}


def fold(word: str) -> str:
    """Lower-case, NFKC and British -> American spelling, so variants compare equal.

    Over-folding (e.g. "promise" -> "promize") is harmless: both sides of every
    comparison are folded the same way.
    """
    out = _FOLD_CACHE.get(word)
    if out is not None:
        return out
    w = unicodedata.normalize("NFKC", word).lower()
    base, plural = (w[:-1], "s") if w.endswith("s") and w[:-1] in _SPELLING else (w, "")
    if base in _SPELLING:
        w = _SPELLING[base] + plural
    elif len(w) >= 5:
        for pattern, repl in _SUFFIX_RULES:
            new = pattern.sub(repl, w)
            if new != w:
                w = new
                break
    if len(_FOLD_CACHE) < 500_000:
        _FOLD_CACHE[word] = w
    return w


def fold_all(found: list[str]) -> list[str]:
    """``fold`` over a list; cache hits are looked up at C speed (``map``)."""
    out = list(map(_FOLD_CACHE.get, found))
    if None in out:
        out = [o if o is not None else fold(w) for o, w in zip(out, found, strict=True)]
    return out  # type: ignore[return-value]


@dataclass(slots=True)
class Canonical:
    """Canonical tokens of a body and where each came from."""

    tokens: list[str]
    # Piecewise map canonical index -> index in text.words(body): for canonical index
    # i >= breaks[j] (largest such j) the source index is i + offsets[j].
    breaks: np.ndarray
    offsets: np.ndarray
    digest: str  # hash of the token sequence: equal digests = exact copies
    wire_dateline: str | None  # credit in a "CITY (WIRE) --" dateline, if any
    quoted: np.ndarray  # bool per token: inside quotation marks

    def source_index(self, idx: np.ndarray) -> np.ndarray:
        """Map canonical token indices to indices in ``text.words(body)``."""
        j = np.searchsorted(self.breaks, idx, side="right") - 1
        return idx + self.offsets[j]


def is_furniture(line: str) -> bool:
    """True for lines that are page furniture rather than prose."""
    n = len(line.split())
    if n <= 30 and _FURNITURE.match(line):
        return True
    # Short lines without sentence punctuation: captions, labels, section names.
    return n <= 3 and not line.rstrip().endswith(_SENTENCE_END)


_SENTENCE_END = (".", "!", "?", '"', "\u201d", ":")


def _is_furniture_fast(line: str) -> bool:
    """``is_furniture`` without splitting every line whole: bounded splits count
    only as many words as the thresholds need."""
    if len(line.split(None, 3)) <= 3:
        return not line.rstrip().endswith(_SENTENCE_END) or _FURNITURE.match(line) is not None
    return _FURNITURE.match(line) is not None and len(line.split(None, 30)) <= 30


# (canonical start, source start, length) of a run of tokens taken in source order.
_Run = tuple[int, int, int]
# What one line gives: (words in it, canonical tokens or None for furniture/empty,
# runs and quoted flags relative to the line's first token and word).
_Line = tuple[int, "list[str] | None", "list[_Run]", "list[tuple[int, list[bool]]]"]
# Copies repeat whole paragraphs: a line met before (after the first, which may hold a
# dateline) is not tokenized again. Bounded: cleared when full.
_LINES: dict[str, _Line] = {}
LINE_CACHE = 50_000
_EMPTY: _Line = (0, None, [], [])


def canonical(body: str) -> Canonical:
    """Canonical tokens of ``body`` (see the module docstring)."""
    tokens: list[str] = []
    runs: list[_Run] = []
    qruns: list[tuple[int, list[bool]]] = []  # (canonical start, inside-quotes flags)
    word_no = 0
    first = True
    wire: str | None = None
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    cache = _LINES
    for line in body.split("\n"):
        if first:
            found = _WORD.findall(line)
            if not found:
                continue
            stripped = line.strip()
            if _is_furniture_fast(stripped):
                word_no += len(found)
                continue
            first = False
            start_char = 0
            m = _WIRE_DATELINE.match(stripped)
            if m:
                wire = m.group(1).strip()
            m = _DATELINE.match(line)
            if m:
                start_char = m.end()
            n, ltoks, lruns, lq = _line_body(line, found, start_char)
        else:
            hit = cache.get(line)
            if hit is None:
                hit = _line(line)
                if len(cache) >= LINE_CACHE:
                    cache.clear()
                cache[line] = hit
            n, ltoks, lruns, lq = hit
        if ltoks is not None:
            c0 = len(tokens)
            for c, src, k in lruns:
                runs.append((c0 + c, word_no + src, k))
            for c, flags in lq:
                qruns.append((c0 + c, flags))
            tokens += ltoks
        word_no += n
    breaks, offsets = _piecewise(runs)
    quoted = np.zeros(len(tokens), dtype=bool)
    for c, flags in qruns:
        quoted[c : c + len(flags)] = flags
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()
    return Canonical(tokens, breaks, offsets, digest, wire, quoted)


def _line(line: str) -> _Line:
    """A line after the first one with words: empty, furniture, or its tokens."""
    found = _WORD.findall(line)
    if not found:
        return _EMPTY
    if _is_furniture_fast(line.strip()):
        return (len(found), None, [], [])
    return _line_body(line, found, 0)


def _line_body(line: str, found: list[str], start_char: int) -> _Line:
    n = len(found)
    if start_char == 0 and not _special(line):
        # Fast path (most lines): no quotes, abbreviations, numbers or "per cent".
        folded = list(map(_FOLD_CACHE.get, found))
        return (n, folded if None not in folded else fold_all(found), [(0, 0, n)], [])
    tokens: list[str] = []
    runs: list[_Run] = []
    qruns: list[tuple[int, list[bool]]] = []
    _line_tokens(line, found, start_char, 0, tokens, runs, qruns)
    return (n, tokens, runs, qruns)


def _piecewise(runs: list[_Run]) -> tuple[np.ndarray, np.ndarray]:
    """``Canonical.breaks`` / ``offsets`` of the runs: a break wherever the offset
    (source index - canonical index) changes."""
    brk: list[int] = []
    off: list[int] = []
    last = None
    for c, s, n in runs:
        if n and s - c != last:
            last = s - c
            brk.append(c)
            off.append(last)
    if not brk:
        return np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64)
    return np.asarray(brk, dtype=np.int64), np.asarray(off, dtype=np.int64)


_QUOTE_CHARS = re.compile("[\"\u201c\u201d\u2018\u2019]")
# Lines that need the careful tokenizer: quotes, "U.S.", "10,000" / "3.5", "per cent".
# (A single character class first keeps the scan fast; false alarms only cost time.)
_SEPARATOR = re.compile(r"[.,](?=\w)")


def _special(line: str) -> bool:
    # Plain substring tests are far cheaper than one regex alternation over the line.
    return ('"' in line or "\u201c" in line or "\u201d" in line or "\u2018" in line
            or "er cent" in line or _SEPARATOR.search(line) is not None)


def _quote_state(line: str) -> list[tuple[int, bool]]:
    """(position, inside-quotes-after-it) at every quotation mark of a paragraph.

    Double quotes only open/close; a single curly quote opens only after a space or the
    line start and closes only what it opened, so apostrophes are not taken for quotes.
    """
    out: list[tuple[int, bool]] = []
    dbl = sgl = False
    for m in _QUOTE_CHARS.finditer(line):
        c, p = m.group(0), m.start()
        if c == "\u201c":
            dbl = True
        elif c == "\u201d":
            dbl = False
        elif c == '"':
            dbl = not dbl
        elif c == "\u2018" and (p == 0 or not line[p - 1].isalnum()):
            sgl = True
        elif c == "\u2019" and sgl and (p + 1 == len(line) or not line[p + 1].isalnum()):
            sgl = False
        out.append((p, dbl or sgl))
    return out


_MERGE = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b|\d+(?:[.,]\d+)+|\b[Pp]er cent\b")


def _line_tokens(
    line: str, found: list[str], start_char: int, word_no: int,
    tokens: list[str], runs: list[_Run], qruns: list[tuple[int, list[bool]]],
) -> None:
    """Append the canonical tokens of one line: "U.S." / "10,000" / "per cent" become one
    token, words inside quotation marks are flagged. Only the special positions cost
    extra work; the words in between are folded in bulk."""
    n = len(found)
    starts = [m.start() for m in _WORD.finditer(line)]

    def index_at(pos: int) -> int:  # number of words starting before ``pos``
        return bisect.bisect_left(starts, pos)

    inside: list[bool] | None = None
    if _QUOTE_CHARS.search(line):
        inside = [False] * n
        opened = -1
        for pos, state in _quote_state(line):
            if state and opened < 0:
                opened = pos
            elif not state and opened >= 0:
                i0, i1 = index_at(opened), index_at(pos)
                inside[i0:i1] = [True] * (i1 - i0)
                opened = -1
        if opened >= 0:
            i0 = index_at(opened)
            inside[i0:] = [True] * (n - i0)
    folded = fold_all(found)
    drop: set[int] = set()
    for m in _MERGE.finditer(line):
        k, end = index_at(m.start()), index_at(m.end())
        if end - k < 2:
            continue
        folded[k] = "percent" if folded[k] == "per" else folded[k] + "".join(w.lower() for w in found[k + 1 : end])
        drop.update(range(k + 1, end))
    first = index_at(start_char) if start_char else 0
    c0 = len(tokens)
    if not drop:
        runs.append((c0, word_no + first, n - first))
        if inside is not None:
            qruns.append((c0, inside[first:]))
        tokens.extend(folded[first:])
        return
    keep = [i for i in range(first, n) if i not in drop]
    runs.extend((c0 + j, word_no + i, 1) for j, i in enumerate(keep))
    if inside is not None:
        qruns.append((c0, [inside[i] for i in keep]))
    tokens.extend([folded[i] for i in keep])
