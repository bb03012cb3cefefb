"""Metadata read from labelled lines: wire, dateline, byline, title and outlet.

Small pure functions over strings so each can be tested on its own.
"""

from __future__ import annotations

import re
from collections import Counter

from newsfuse.extract.features import STOP
from newsfuse.text import words

# Canonical wire/syndication source -> the ways pages write it. General knowledge of the
# news trade, not of any capture.
WIRES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "The Associated Press", "Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "WSJ": ("WSJ", "The Wall Street Journal", "Wall Street Journal", "Dow Jones"),
    "NYT": ("NYT", "The New York Times", "New York Times"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "Xinhua": ("Xinhua",),
    "Yonhap": ("Yonhap",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "TASS": ("TASS",),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("The Canadian Press", "Canadian Press"),
    "PA": ("PA Media", "Press Association"),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "Bernama": ("Bernama",),
}
_ALIAS = {alias.lower(): canon for canon, aliases in WIRES.items() for alias in aliases}
_ALIAS_RX = "|".join(sorted((re.escape(a) for al in WIRES.values() for a in al), key=len, reverse=True))
_DASH = r"(?:--|\u2014|\u2013|-)"
# "WASHINGTON (AP) —", "LISBON, Oct. 2 (UPI) --", "LONDON, March 3 (Reuters) -"
_DATELINE_WIRE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z.'\u2019 -]{1,40}?)(?:,\s*[A-Z][A-Za-z.]*\.?(?:\s+\d{1,2})?)*\s*"
    r"\((?P<wire>" + _ALIAS_RX + r")\)\s*" + _DASH + r"\s*"
)
# "WASHINGTON\u2014Federal regulators ...", "NAIROBI, Kenya -- ..."
_DATELINE_CAPS = re.compile(r"^(?P<city>[A-Z][A-Z.'\u2019 -]{2,30}?)(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:--|\u2014|\u2013)\s*(?=\S)")
# "Washington: Federal regulators ..."
_DATELINE_COLON = re.compile(r"^(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}):\s+(?=[A-Z\u201c\"])")
_WIRE_LINE = re.compile(
    r"^\W*(?:(?i:with|source:|via|\u00a9)\s*)?(?P<wire>" + _ALIAS_RX + r")\W*(?P<rest>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)?\W*$"
)
_LICENSED = re.compile(r"\b(?:licensed from|syndicated from|courtesy of|distributed by)\b\s*(?P<src>.*)$", re.I)
_ORG_WORD = re.compile(
    r"\b(Journal|Times|News|Press|Post|Agency|Agencies|Staff|Desk|Bureau|Herald|Tribune|Daily|Gazette|"
    r"Reporters?|Correspondents?|Wire|Network|Media|Online|Editorial|Team)\b"
)
# Names start at a word boundary and their words are bounded ({0,40}): without both, the
# unanchored patterns built on this were quadratic on a long capitalised token (a
# 20,000-letter line took 13 s).
_CAP_RUN = re.compile(
    r"\b(?:The\s+)?[A-Z][\w&'\u2019.-]{0,40}(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?[A-Z][\w&'\u2019.-]{0,40}){0,4}"
)


def wire_name(text: str) -> str | None:
    """The canonical wire for a name as written ('The Associated Press' -> 'AP'), else None."""
    return _ALIAS.get(text.strip().strip(".,:;()").lower())


def parse_dateline(line: str) -> tuple[str | None, str | None]:
    """(city, wire) from an article's first line, e.g. 'LISBON, Oct. 2 (UPI) --'."""
    m = _DATELINE_WIRE.match(line)
    if m:
        return _city(m.group("city")), wire_name(m.group("wire"))
    m = _DATELINE_CAPS.match(line)
    if m and len(m.group("city").strip()) >= 3:
        return _city(m.group("city")), None
    m = _DATELINE_COLON.match(line)
    if m and m.group("city").lower() not in STOP:
        return _city(m.group("city")), None
    return None, None


def caps_dateline(line: str) -> bool:
    """True for an all-caps dateline opening ('NAIROBI, Kenya \u2014', 'WASHINGTON\u2014')."""
    m = _DATELINE_CAPS.match(line)
    return bool(m and len(m.group("city").strip()) >= 3)


def _city(raw: str) -> str:
    raw = raw.strip(" ,-")
    return raw.title() if raw.isupper() else raw


def wire_line(line: str) -> tuple[str | None, str | None]:
    """(wire, city) when the whole line is a wire credit: 'Reuters', 'AP Washington', 'With AFP'."""
    t = line.strip()
    if len(t.split()) > 5:
        return None, None
    m = _WIRE_LINE.match(t)
    if not m:
        return None, None
    return wire_name(m.group("wire")), (m.group("rest") or None)


def licensed_from(line: str) -> tuple[bool, str | None]:
    """(is a licence credit, the named source or None): 'Featured article licensed from X'."""
    m = _LICENSED.search(line)
    if not m:
        return False, None
    src = m.group("src").strip(" .:")
    return True, (src or None)


def split_names(raw: str) -> list[str]:
    """Person names from a byline body: 'A, B and C' -> [A, B, C]; initials get their period."""
    raw = re.split(r"\s(?:at|\|)\s|\s{2,}|\(|\u2022", raw)[0]
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|;\s*", raw)
    out: list[str] = []
    for p in parts:
        p = p.strip(" .,:")
        if p.isupper() and len(p) > 3:
            p = p.title()  # "JANE DOE" in all-caps bylines
        if not p or not re.match(r"^[A-Z\u00c0-\u024f]", p):
            continue
        p = re.sub(r"\b([A-Z])(?=\s+[A-Z][a-z])", r"\1.", p)  # "Maria T Okafor" -> "Maria T. Okafor"
        toks = p.split()
        if 1 < len(toks) <= 5 and all(t[:1].isupper() or t.lower() in {"de", "van", "von", "al", "da", "del", "la", "le", "bin"} for t in toks):
            out.append(p)
    return out


_ROLE = re.compile(
    r"^(?:staff|senior|chief|political|foreign|business|local|special|contributing|freelance|the)?\s*"
    r"(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer|staff)s?$",
    re.I,
)
_REUTERS_TRAILER = re.compile(r"^(?:additional )?reporting by\b.*;\s*(?:writing|editing) by\b", re.I)


def trailer_wire(lines: list[str]) -> str | None:
    """The wire named by a story's closing credit convention ('Reporting by X; Editing by Y')."""
    for line in lines[:8]:
        if _REUTERS_TRAILER.match(line.strip()):
            return "Reuters"
    return None


def parse_byline(line: str) -> tuple[list[str], str | None]:
    """(person names, organisation) from 'By X and Y, Agency' / 'X | Correspondent' / 'Write to X and Y at ...'."""
    t = re.sub(r"^\W*(?:(?:by|written by|words by|story by|write to)\s+|(?:words|author|reporter|text)\s*:\s*)", "", line.strip(), flags=re.I)
    parts = [p.strip() for p in re.split(r",\s*|\s+\|\s+", t)]
    org = None
    while len(parts) > 1 and (wire_name(parts[-1]) or _ORG_WORD.search(parts[-1]) or _ROLE.match(parts[-1])):
        tail = parts.pop()
        if not _ROLE.match(tail):
            org = org or tail
    if org is not None or len(parts) == 1:
        t = ", ".join(parts)
    if t.isupper():
        t = t.title()
    # Cut trailing dates, times and separators: "By X Sep 05, 2023 (Gmt+09:00)".
    t = re.split(
        r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\s+\d{1,4}[-/:.]|\s+[|\u2022\u00b7]\s+|\s+at\s+\S+@",
        t,
    )[0]
    t = t.strip(" ,.-")
    if not t:
        return [], org
    if wire_name(t) or _ORG_WORD.search(t):
        return [], t
    return split_names(t), org


def strip_site_suffix(title: str) -> tuple[str, str | None]:
    """('Headline', 'Site') from 'Headline | Site' or 'Headline -Site Name'; site None if absent."""
    m = re.match(r"^(?P<head>.{12,}?)\s*(?:\s[|\u2013\u2014\u2022:]\s*|\s-\s?|\s::\s)(?P<site>[^|\u2013\u2014\u2022]{2,40})$", title)
    if not m:
        return title, None
    site = m.group("site").strip()
    toks = site.split()
    if 1 <= len(toks) <= 5 and all(t[:1].isupper() or not t[:1].isalpha() for t in toks):
        return m.group("head").strip(), site
    return title, None


_OUTLET_PATTERNS = (
    re.compile(r"\bsubscribe to\s+(?P<name>" + _CAP_RUN.pattern + r")"),
    re.compile(r"(?P<name>" + _CAP_RUN.pattern + r")\s+(?i:e-?paper|epaper|newsletters?|app|premium|digital)\b"),
    re.compile(r"(?i:\u00a9|copyright)\s*(?:\d{4}\s*)?(?P<name>" + _CAP_RUN.pattern + r")"),
    re.compile(r"\b(?:access|download|follow|welcome to)\s+(?P<name>" + _CAP_RUN.pattern + r")"),
    re.compile(r"^(?P<name>" + _CAP_RUN.pattern + r")\s*(?:\u00a9|\(c\)|(?i:copyright))"),
)
_NOT_OUTLET = re.compile(r"^(?:The|Our|Your|All|Read|Full|Article|Sign|Subscribe|Get|More|New|Digital|Home|Free)$", re.I)


def outlet_votes(furniture: list[tuple[str, str]], body_text: str) -> Counter[str]:
    """Votes for the publishing outlet from (label, text) furniture lines.

    Two evidences: the name in a subscription/epaper/copyright prompt (2 votes each), and
    a capitalised name repeated in the prompts ('ad' lines) but absent from the article.
    """
    votes: Counter[str] = Counter()
    body_low = body_text.lower()
    runs: Counter[str] = Counter()
    for label, line in furniture:
        for rx in _OUTLET_PATTERNS:
            for m in rx.finditer(line):
                name = _clean_name(m.group("name"))
                if name:
                    votes[name] += 2
        for m in _CAP_RUN.finditer(line) if label == "ad" else ():
            name = _clean_name(m.group(0))
            if name and len(name.split()) >= 2:
                runs[name] += 1
    for name, n in runs.items():
        if n >= 2 and name.lower() not in body_low:
            votes[name] += n
    for name in list(votes):
        if name.lower() in body_low and votes[name] < 4:
            del votes[name]
    return votes


def best_outlet(votes: dict[str, int]) -> str | None:
    """The winning outlet name when the evidence is enough (a lone common word is not)."""
    if not votes:
        return None
    name = max(votes, key=lambda k: (votes[k], len(k)))
    n = votes[name]
    return name if n >= 3 or (n >= 2 and len(name.split()) >= 2) else None


def _clean_name(name: str) -> str | None:
    toks = name.split()
    while toks and _NOT_OUTLET.match(toks[-1]):
        toks.pop()
    while toks and _NOT_OUTLET.match(toks[0]) and toks[0] != "The":
        toks.pop(0)
    if not toks or (len(toks) == 1 and toks[0] == "The"):
        return None
    name = " ".join(toks).strip(" .,:;'\u2019")
    if len(name) < 3 or not any(c.islower() for c in name) and len(name) > 6:
        return None
    return name


_LANG_STOPS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "said"},
    "de": {"der", "die", "und", "das", "nicht", "ist", "mit", "den", "von", "zu", "sich", "auf"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "que", "dans", "du", "pas"},
    "es": {"el", "la", "los", "y", "que", "en", "del", "las", "por", "una", "para", "con"},
    "it": {"il", "di", "che", "e", "la", "per", "una", "sono", "del", "della", "non", "con"},
    "pt": {"o", "de", "que", "e", "do", "da", "em", "um", "para", "com", "os", "uma"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "op", "zijn", "voor", "met"},
}


def language(text: str) -> str | None:
    """ISO 639-1 code by stop-word share (a cheap guess; None for too little text)."""
    toks = words(text[:5000])
    if len(toks) < 20:
        return None
    scores = {lang: sum(1 for t in toks if t in stops) / len(toks) for lang, stops in _LANG_STOPS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 0.08 else None
