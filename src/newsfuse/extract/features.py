"""Per-line evidence for the plain-text classifier: prose-ness and furniture patterns.

Every rule here is about the shape of page furniture in general (calls to action,
captions, tickers, link lists, stamps), never about one outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract.dates import date_line_kind, is_relative_stamp
from newsfuse.text import words

STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just more most my no
    nor not now of off on once only or other our out over own said same says she should so some such
    than that the their them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your""".split()
)
# Function words of other common European languages: prose-ness must not depend on English.
STOP_ANY = STOP | frozenset(
    """der die das und nicht ist mit den von zu sich auf ein eine dem des im für auch wurde hat
    le la les et des est une pour que dans du pas au sur par qui il elle ce se ont été
    el los y en del las por una para con se lo como más pero sus fue ha
    il di che per sono della non con nel alla anche gli
    o do da em um os uma com não foi ao das dos
    het een van dat niet op zijn voor met ook aan bij werd""".split()
)
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", re.UNICODE)
_SENT_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f\u0964][\"'\u201d\u2019\u00bb)\]\u300d]*$")

# Calls to action, account/paywall prompts, section furniture: whole-line patterns.
_CTA = re.compile(
    r"\b(subscribe|subscription|sign ?up|sign in|log ?in|register now|newsletters?|"
    r"save articles?|saved list|bookmark|download (?:the|our) app|follow us|"
    r"share (?:this|on)|read (?:more|full article|next)|continue reading|click here|"
    r"advertisement|sponsored|promoted|cookie|privacy policy|terms of (?:use|service)|"
    r"all rights reserved|copyright|\u00a9|skip to (?:content|main)|"
    r"renews? automatically|cancel anytime|free trial|premium stories|ad-free|"
    r"most (?:viewed|read|popular)|from our partners|you may also like|recommended|"
    r"more from this section|next story|previous story|related (?:articles|stories|news|topics)|"
    r"comments?\s*\(?\d*\)?$|leave a comment|view comments|market snapshot|epaper|e-paper|"
    r"get (?:the|our) app|whatsapp|telegram channel|google news)\b"
)
_CAPTION = re.compile(
    r"(\bcredit:|\bphoto(?:graph)?s?\s*:|\bimage\s*:|\bpicture\s*:|\bfile photo\b|\blicense photo\b|"
    r"\bgetty images\b|\bshutterstock\b|\bphoto by\b|\bphotograph by\b|\bpictured\b|"
    r"\b(?:ap|afp|reuters|epa|upi) photo\b|\bphoto\s*/|^[\u25b2\u25bc\u25b6\u25ba]|/\s?(?:ap|afp|reuters|epa|upi)\s*$)"
)
# Cheap substring screen before the caption regex (which is slow on long lines).
_CAPTION_KEYS = ("credit", "photo", "image", "picture", "getty", "shutterstock", "\u25b2", "\u25bc", "\u25b6", "\u25ba", "/")
_CONTRIB = re.compile(
    r"(contributed (?:to )?(?:this|the) (?:report|story|article)|^(?:additional )?reporting by\b|"
    r"\bediting by\b|^write to\b|^contact (?:the )?(?:writer|reporter)|@[\w-]+\.[a-z]{2,}\b|"
    r"^this (?:story|article) (?:was|has been) (?:updated|corrected)|^about the authors?\b)"
)
# "Jane Doe is a reporter for ..." author bios (case matters: a name opens the line).
_BIO = re.compile(
    r"^[A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){1,3} is an? (?:[\w-]+\s){0,3}?"
    r"(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer)\b"
)
_STRONG_CTA = re.compile(
    r"\b(subscribe|sign ?up|newsletter|download (?:the|our) app|save articles|click here|"
    r"read more|log ?in|register|follow us|premium|paywall|unlimited access|saved list|reading list|"
    r"saved articles)\b"
)
_YOU = re.compile(r"^(?:\W*)(?:subscribe|sign|get|download|join|follow|click|read|register)\b|\b(?:you|your|our)\b")
# Headings that open the page's lists of other stories or its comments: the article is over.
_SECTION_END = re.compile(
    r"^\W*(?:related(?: (?:articles|stories|news|coverage|content|topics))?|more (?:from|in|on) .{0,30}|"
    r"you (?:may|might) (?:also )?like|latest(?: headlines| news| stories)?|most (?:viewed|read|popular|shared)(?: .{0,20})?|"
    r"recommended(?: for you| stories)?|recommendations?|read (?:next|more)|next story|trending(?: now)?|top stories|"
    r"(?:(?:\d+|reader|readers'?|user|show|view|all)\s)?comments?(?:\s*\(\d+\))?|comments? \d+|leave a (?:comment|reply)|"
    r"join the (?:conversation|discussion)|editor'?s picks|also read|"
    r"more stories|from (?:our|the) partners?|ranking|popular)\W*$"
)
# Taxonomy lines close an article: what follows is the page's, not the story's.
_TAXONOMY = re.compile(r"^\W*(?:topics|tags|filed under|categories|category|more on|keywords)\s*:")
# In-article links to other stories ("Read more: ...") and breaking-news tickers.
_INLINE_PROMO = re.compile(
    r"^\W*(?:read more|related|also read|read also|see also|more|watch|listen|don't miss|recommended|"
    r"breaking(?: news)?|just in)\s*:"
)
_WEATHER = re.compile(r"-?\d+\s*\u00b0\s*[cf]?\b")
_TICKER = re.compile(r"[+-]\d+(?:\.\d+)?%|[\u20b9$\u20ac\u00a3\u00a5]\s?\d|\d\s*/\s*(?:month|year|mo|yr)\b")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa>]|\d+[.)])\s+")
_BREADCRUMB = re.compile(r"(?:\s[>\u203a\u00bb/]\s|^current\s*:|^home\s*[>\u203a\u00bb])")
_READTIME = re.compile(r"^\d+\s*min(?:ute)?s?\.?\s*read\b|\bmin read\b")
_BYLINE = re.compile(
    r"^\s*(?:(?i:by|written by|words by|story by)\s+|(?i:words|author|reporter|text)\s*:\s*)"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|"
    r"August|September|October|November|December|Then|Now|The (?:end|time|way))\b)[A-Z\u00c0-\u024f]"
)
_COUNTER = re.compile(r"^[\W\d_]*$|^\w+!?\s*\(\d+\)$|^\d+\s*/\s*\d+$")


@dataclass(slots=True)
class LineInfo:
    """What one non-blank line looks like, before the region decision."""

    no: int  # 1-based line number
    text: str
    words: int
    stop_ratio: float
    ends_sentence: bool
    label: str | None  # a hard furniture/metadata label, or None for a body candidate
    weight: float = 0.0  # contribution to the best-region search
    echo: bool = False  # repeated within the page
    barrier: bool = False  # the article cannot run across this line


def prose_weight(words: int, stop_ratio: float, ends: bool, caps_ratio: float) -> float:
    """How strongly a line reads as running prose (positive) or as a heading/link (negative)."""
    if words >= 8 and stop_ratio >= 0.15 and ends:
        return float(min(words, 50))
    if words >= 20 and stop_ratio >= 0.3 and caps_ratio < 0.4:
        # A long sentence whose final period was lost in the dump.
        return float(min(words, 50)) * 0.6
    if words >= 4 and ends and stop_ratio >= 0.1:
        return words / 2.0  # short sentences and quotes inside the article
    if ends and words >= 1:
        return -1.0
    return -(4.0 + words / 2.0)


def script_prose_weight(text: str, stop_ratio: float, ends: bool) -> float | None:
    """Prose weight for text the word measures cannot read (no spaces, or no known function
    words): long lines ending a sentence. None when the word measures apply."""
    if stop_ratio >= 0.05 or not ends:
        return None
    size = len(text) + len(_WIDE.findall(text))  # a CJK character carries about a word
    return min(size / 8.0, 50.0) if size >= 60 else None


_CONTRIB_KEYS = ("contribut", "reporting by", "editing by", "write to", "contact", "@", "this story", "this article", "about the author")


def _contrib(t: str, low: str) -> bool:
    if any(k in low for k in _CONTRIB_KEYS) and _CONTRIB.search(low):
        return True
    return bool(_BIO.match(t))


def hard_label(text: str, n_words: int, ends: bool) -> str | None:
    """A label decided by the line's own pattern (furniture or metadata), else None."""
    t = text.strip()
    low = t.lower()  # furniture patterns are written lower-case: re.I alternations are slow
    if _INLINE_PROMO.match(low):
        return "ad"
    if n_words <= 24 and date_line_kind(t) is not None:
        return "byline" if _BYLINE.match(t) else "date"
    if _COUNTER.match(t):
        return "other"
    if _contrib(t, low):
        return "other"
    if _BYLINE.match(t) and n_words <= 16 and (not ends or n_words <= 6):
        return "byline"
    if n_words <= 10 and (is_relative_stamp(t) or _READTIME.search(low)):
        return "date" if n_words <= 4 else "teaser"
    if any(k in low for k in _CAPTION_KEYS) and _CAPTION.search(low):
        return "caption"
    if not ends and _BREADCRUMB.search(low):
        return "nav"
    if (n_words <= 12 or not ends) and _CTA.search(low):
        return "ad"
    if _YOU.search(low) and _STRONG_CTA.search(low):
        return "ad"
    if n_words <= 8 and _TICKER.search(low):
        return "ad"
    if n_words <= 8 and _WEATHER.search(low):
        return "other"
    if not ends and _BULLET.match(t):
        return "nav"
    return None


def line_info(no: int, text: str) -> LineInfo:
    """Measure one line and give it a hard label when its pattern is unambiguous."""
    toks = _WORD.findall(text)
    n = len(toks)
    stops = sum(1 for w in toks if w.lower() in STOP_ANY)
    caps = sum(1 for w in toks if w[:1].isupper())
    stop_ratio = stops / n if n else 0.0
    ends = bool(_SENT_END.search(text.rstrip()))
    info = LineInfo(no, text, n, stop_ratio, ends, hard_label(text, n, ends))
    if (n <= 6 and _SECTION_END.match(text.lower())) or _TAXONOMY.match(text.lower()):
        info.label = info.label or "nav"
        info.barrier = True
    elif info.label == "other" and _contrib(text, text.lower()):
        info.barrier = True
    info.weight = prose_weight(n, stop_ratio, ends, caps / n if n else 1.0)
    alt = script_prose_weight(text, stop_ratio, ends)
    if alt is not None and alt > info.weight:
        info.weight = alt
    return info


def contained_repeats(texts: list[str], min_words: int = 6) -> set[int]:
    """Indices of lines whose words all occur, in order, inside another (longer) line:
    pull quotes and echoed sentences. Exact repeats keep their first copy."""
    keys = [" " + " ".join(words(t)) + " " for t in texts]
    out: set[int] = set()
    for i, k in enumerate(keys):
        if k.count(" ") - 1 < min_words:
            continue
        for j, other in enumerate(keys):
            if j == i or j in out:
                continue
            if (len(other) > len(k) and k in other) or (other == k and j < i):
                out.add(i)
                break
    return out
