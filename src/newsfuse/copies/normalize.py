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
_WORD_NL = re.compile(r"\w+|\n", re.UNICODE)

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
    return n <= 3 and not line.rstrip().endswith((".", "!", "?", '"', "\u201d", ":"))


def canonical(body: str) -> Canonical:
    """Canonical tokens of ``body`` (see the module docstring)."""
    tokens: list[str] = []
    src: list[int] = []
    quoted: list[bool] = []
    word_no = 0
    first = True
    wire: str | None = None
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    # One scan of the whole body (much cheaper than one per line); "\n" tokens split lines.
    toks = _WORD_NL.findall(body)
    cuts = [i for i, t in enumerate(toks) if t == "\n"]
    starts = [0] + [c + 1 for c in cuts]
    ends = cuts + [len(toks)]
    for line, a, b in zip(body.split("\n"), starts, ends, strict=True):
        if a == b:
            continue
        found = toks[a:b]
        stripped = line.strip()
        if is_furniture(stripped):
            word_no += len(found)
            continue
        start_char = 0
        if first:
            first = False
            m = _WIRE_DATELINE.match(stripped)
            if m:
                wire = m.group(1).strip()
            m = _DATELINE.match(line)
            if m:
                start_char = m.end()
        if start_char == 0 and not _special(line):
            # Fast path (most lines): no quotes, abbreviations, numbers or "per cent".
            tokens.extend(fold_all(found))
            src.extend(range(word_no, word_no + len(found)))
            quoted.extend([False] * len(found))
        else:
            _line_tokens(line, found, start_char, word_no, tokens, src, quoted)
        word_no += len(found)
    src_arr = np.asarray(src, dtype=np.int64)
    offs = src_arr - np.arange(len(src_arr), dtype=np.int64)
    if len(offs):
        change = np.flatnonzero(np.diff(offs)) + 1
        breaks = np.concatenate(([0], change)).astype(np.int64)
    else:
        breaks = np.zeros(1, dtype=np.int64)
    offsets = offs[breaks] if len(offs) else np.zeros(1, dtype=np.int64)
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()
    return Canonical(tokens, breaks, offsets, digest, wire, np.asarray(quoted, dtype=bool))


_QUOTE_CHARS = re.compile("[\"\u201c\u201d\u2018\u2019]")
# Lines that need the careful tokenizer: quotes, "U.S.", "10,000" / "3.5", "per cent".
# (A single character class first keeps the scan fast; false alarms only cost time.)
_SEPARATOR = re.compile(r"[.,](?=\w)")
_QUOTE_SET = ('"', "\u201c", "\u201d", "\u2018")


def _special(line: str) -> bool:
    return any(q in line for q in _QUOTE_SET) or "er cent" in line or _SEPARATOR.search(line) is not None


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
    tokens: list[str], src: list[int], quoted: list[bool],
) -> None:
    """Append the canonical tokens of one line: "U.S." / "10,000" / "per cent" become one
    token, words inside quotation marks are flagged. Only the special positions cost
    extra work; the words in between are folded in bulk."""
    n = len(found)
    starts = [m.start() for m in _WORD.finditer(line)]

    def index_at(pos: int) -> int:  # number of words starting before ``pos``
        return bisect.bisect_left(starts, pos)

    inside = [False] * n
    if _QUOTE_CHARS.search(line):
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
    if not drop:
        tokens.extend(folded[first:])
        src.extend(range(word_no + first, word_no + n))
        quoted.extend(inside[first:])
        return
    for i in range(first, n):
        if i not in drop:
            tokens.append(folded[i])
            src.append(word_no + i)
            quoted.append(inside[i])
