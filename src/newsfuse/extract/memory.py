"""TemplateMemory: what recurs across captures, learnt in a first pass.

Two things are remembered:

- per outlet, how many captures each short line occurs in: a line that recurs across
  captures of one outlet is template (navigation, prompts), not article. Counting per outlet
  matters: wire copies of one story at different outlets share body lines legitimately.
- per long sentence, the earliest page date any capture claimed for it: a capture whose
  sentences were already published much earlier carries a suspect date.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsfuse.extract.dates import date_line_kind, find_dates, parse_iso
from newsfuse.records import Document
from newsfuse.text import normalize, sentences, words

_MAX_LINE = 300  # template lines are short; longer ones are articles or teasers


def _h(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def line_key(line: str) -> str:
    """The hash a line is counted under: case, spacing and quote style do not matter."""
    return _h(normalize(line).lower())


def sentence_key(sentence: str) -> str | None:
    """Hash of a long sentence's words, or None when too short to be distinctive."""
    toks = words(sentence)
    return _h(" ".join(toks)) if len(toks) >= 10 else None


def host_of(url: str) -> str | None:
    """The host of ``url`` without "www."; None when there is none or the URL is malformed."""
    try:
        # A feed's url is a claim: "http://[oops" must not stop extraction (urlsplit raises).
        host = urlsplit(url).hostname if "//" in url else None
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def outlet_key(doc: Document, inferred: str | None = None) -> str:
    """Memory key: the feed's url host or outlet, else the inferred outlet, else the first line."""
    meta = doc.meta or {}
    if meta.get("url") and host_of(str(meta["url"])):
        return "host:" + str(host_of(str(meta["url"])))
    if doc.source.startswith(("http://", "https://")) and host_of(doc.source):
        return "host:" + str(host_of(doc.source))
    if meta.get("outlet"):
        return "outlet:" + str(meta["outlet"]).lower()
    if inferred:
        return "outlet:" + inferred.lower()
    for line in doc.text.splitlines():
        t = line.strip()
        if t:
            return "first:" + normalize(t).lower()[:60]
    return "first:"


def claimed_date(doc: Document) -> str | None:
    """The page's own date claim, cheaply: feed meta, else the first short date line."""
    meta = doc.meta or {}
    d = parse_iso(str(meta.get("published") or ""))
    if d:
        return d.isoformat()
    for line in doc.text.splitlines()[:400]:
        if len(line) < 120 and date_line_kind(line) in ("published", "plain"):
            found = find_dates(line)
            if found:
                return found[0].iso
    return None


@dataclass(frozen=True, slots=True)
class Observation:
    """What one capture adds to a TemplateMemory: its outlet key, the keys of its short
    lines, its claimed date and the keys of its long sentences (read only when dated).

    Reading it is the costly part and depends on the capture alone, so many can be read
    in parallel and absorbed in any order with the same result."""

    doc_id: str
    key: str
    lines: frozenset[str]
    when: str | None
    sentences: tuple[str, ...]


def observation(doc: Document, key: str | None = None) -> Observation:
    """Read ``doc`` for a TemplateMemory (see ``TemplateMemory.absorb``)."""
    text = _visible_text(doc)
    lines = frozenset(
        line_key(t) for t in (x.strip() for x in text.splitlines()) if t and len(t) <= _MAX_LINE
    )
    when = claimed_date(doc)
    found: list[str] = []
    if when is not None:
        for line in text.splitlines():
            if len(line) < 80:
                continue
            for sent in sentences(line):
                sk = sentence_key(sent)
                if sk:
                    found.append(sk)
    return Observation(doc.id, key or outlet_key(doc), lines, when, tuple(found))


class TemplateMemory:
    """Per-outlet line frequencies and per-sentence earliest dates, learnt from captures."""

    def __init__(self) -> None:
        self.outlets: dict[str, dict[str, Any]] = {}
        self.sentences: dict[str, str] = {}
        self.seen: set[str] = set()

    def observe(self, doc: Document, key: str | None = None) -> None:
        """Count ``doc``'s lines under its outlet and remember its sentences' date (once per doc)."""
        if doc.id not in self.seen:
            self.absorb(observation(doc, key))

    def absorb(self, obs: Observation) -> None:
        """Add one capture's observation (once per document; the order does not matter)."""
        if obs.doc_id in self.seen:
            return
        self.seen.add(obs.doc_id)
        entry = self.outlets.setdefault(obs.key, {"docs": 0, "lines": {}})
        entry["docs"] += 1
        counts: dict[str, int] = entry["lines"]
        for k in obs.lines:
            counts[k] = counts.get(k, 0) + 1
        when = obs.when
        if when is None:
            return
        for sk in obs.sentences:
            if sk not in self.sentences or when < self.sentences[sk]:
                self.sentences[sk] = when

    def count(self, key: str, line: str) -> tuple[int, int]:
        """(captures of outlet ``key`` containing ``line``, captures of that outlet seen)."""
        entry = self.outlets.get(key)
        if not entry:
            return 0, 0
        return entry["lines"].get(line_key(line), 0), entry["docs"]

    def is_template(self, key: str, line: str, prose: bool) -> bool:
        """True when ``line`` recurs across this outlet's captures.

        Prose lines need more evidence: two captures of one story at one outlet (an update,
        a re-post) share their body, and that must not erase it.
        """
        if len(line) > _MAX_LINE:
            return False
        n, docs = self.count(key, line)
        if prose:
            # Under a guessed key (the capture's first line) several outlets may be pooled, and
            # wire copies of one story at those outlets share prose: never call it template there.
            return not key.startswith("first:") and n >= 4 and n >= 0.3 * docs
        # Navigation recurs on most pages; a headline recurs only in a few related-links lists
        # (and is the title of its own page), so a share is required, not just a repeat.
        return n >= 2 and n >= 0.3 * docs

    def earliest(self, sentence: str) -> str | None:
        """The earliest page date claimed by any capture holding this sentence."""
        sk = sentence_key(sentence)
        return self.sentences.get(sk) if sk else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state (singleton lines dropped: they carry no template evidence)."""
        outlets = {
            k: {"docs": v["docs"], "lines": {h: n for h, n in v["lines"].items() if n >= 2 or v["docs"] < 50}}
            for k, v in self.outlets.items()
        }
        return {"version": 1, "outlets": outlets, "sentences": dict(self.sentences), "seen": sorted(self.seen)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateMemory:
        mem = cls()
        mem.outlets = {k: {"docs": int(v["docs"]), "lines": dict(v["lines"])} for k, v in data.get("outlets", {}).items()}
        mem.sentences = dict(data.get("sentences", {}))
        mem.seen = set(data.get("seen", []))
        return mem


# Every pattern here stops at the next "<": "[^>]*" and ".*?</script>" rescanned the rest of
# the page from each unclosed tag, which made 30,000 "<script>" (240 KB) cost 30 s.
_TAG = re.compile(r"<[^<>]+>")
_BREAK = re.compile(r"<(?:/p|br|/div|/li|/h\d|/tr|/section|/article)[^<>]*>", re.I)
_CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
_CODE_CLOSE = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}


def _drop_code(html: str) -> str:
    """``html`` without its script and style blocks, in one pass: a block with no closing
    tag keeps its text (its tags go later), as the single regex did."""
    out: list[str] = []
    pos, unclosed = 0, set()
    for m in _CODE_OPEN.finditer(html):
        kind = m.group(1).lower()
        if m.start() < pos or kind in unclosed:
            continue
        close = _CODE_CLOSE[kind].search(html, m.end())
        if close is None:
            unclosed.add(kind)  # no later block of this kind can close either
            continue
        out.append(html[pos : m.start()])
        out.append(" ")
        pos = close.end()
    out.append(html[pos:])
    return "".join(out)


def _visible_text(doc: Document) -> str:
    """Text lines of a capture; HTML gets a crude tag strip (block tags become line breaks)."""
    if doc.format != "html":
        return doc.text
    text = _BREAK.sub("\n", _drop_code(doc.text))
    return _TAG.sub(" ", text)
