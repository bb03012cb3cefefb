"""The plain-text extractor: label every line of a browser text dump, find the article.

Steps: measure each line (features), mark lines repeated within the page (teasers,
echoed captions) and lines the outlet repeats across captures (template), then take the
best contiguous run of prose (maximum-sum segment over line weights: prose positive,
furniture negative, so short quotes and captions inside an article do not cut it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsfuse.extract import meta as M
from newsfuse.extract.dates import find_dates
from newsfuse.extract.features import LineInfo, contained_repeats, line_info
from newsfuse.text import words

# Region weight of a hard-labelled line: captions and credits sit inside articles, so they
# cost less than navigation, prompts and stamps, which sit between articles.
_PENALTY = {"caption": -6.0, "other": -10.0, "teaser": -3.0}
_DEFAULT_PENALTY = -20.0


@dataclass
class PlainResult:
    """Everything read from a text capture."""

    labels: list[tuple[int, str, str]]  # (line number, label, text) for every line
    body: list[str]
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    byline_org: str | None = None
    date_lines: list[tuple[int, str]] = field(default_factory=list)  # (line no, text)
    dateline: str | None = None
    wire: str | None = None
    outlet_votes: dict[str, int] = field(default_factory=dict)
    site_name: str | None = None  # from a 'Headline | Site' line
    first_body: str = ""


def _norm_words(text: str) -> list[str]:
    return words(text)  # \w+ tokens: numbers count, "76,000" is not "90,000"


def mark_repeats(infos: list[LineInfo]) -> None:
    """Lines repeated within the page are not article text twice.

    An exact repeat (or a line that is the start of a longer one) is a teaser or an echoed
    caption; only the fullest sentence of a family stays a body candidate.
    """
    groups: dict[str, list[LineInfo]] = {}
    toks: dict[int, list[str]] = {}
    for info in infos:
        w = _norm_words(info.text)
        toks[info.no] = w
        if len(w) >= 3:
            groups.setdefault(" ".join(w[:6]), []).append(info)
    for members in groups.values():
        if len(members) < 2:
            continue
        for info in members:
            w = toks[info.no]
            same = [o for o in members if toks[o.no] == w]
            longer = any(len(toks[o.no]) > len(w) and toks[o.no][: len(w)] == w for o in members)
            info.echo = len(same) > 1
            if not longer and len(same) == 1:
                continue
            keeper = max(same, key=lambda o: (o.ends_sentence, -o.no))
            if not longer and info is keeper and info.weight > 0 and info.label is None:
                continue  # a sentence repeated as a pull quote: its fullest, first copy stays
            if info.label is None:
                exact_caption = len(same) > 1 and info.ends_sentence and info.weight <= 0
                info.label = "caption" if exact_caption else "teaser"
            # Inside an article a repeat is a pull quote: cheap to cross. Elsewhere it is a teaser.
            info.weight = -3.0 if keeper.weight > 0 or longer else min(info.weight, -20.0)


def mark_teaser_lists(infos: list[LineInfo]) -> None:
    """'Headline / one-sentence summary' pairs, three or more in a row, are a list of other stories.

    An article's own subheads are followed by several paragraphs, not one each.
    """
    def heading(i: LineInfo) -> bool:
        return i.label is None and i.weight < 0 and not i.ends_sentence and 4 <= i.words <= 20

    k = 0
    while k < len(infos):
        j = k
        while j + 1 < len(infos) and heading(infos[j]) and infos[j + 1].weight > 0 and (
            j + 2 >= len(infos) or not infos[j + 2].weight > 0 or heading(infos[j + 2])
        ):
            j += 2
        if (j - k) // 2 >= 3:
            for info in infos[k:j]:
                info.label = info.label or "teaser"
                info.weight = min(info.weight, -20.0)
            k = j
        else:
            k += 1


def _penalty(info: LineInfo) -> float:
    """Region weight of a labelled line; in-article inserts ('Advertisement', 'Read more: ...') are cheap."""
    if info.label == "ad" and (info.words <= 2 or _INSERT.match(info.text) or (info.words <= 5 and "advertis" in info.text.lower())):
        return -4.0
    if info.label == "ad" and info.ends_sentence and info.words > 12:
        return -8.0  # an in-article newsletter/subscription box, often between paragraphs
    if info.label == "teaser" and not info.echo and info.weight > -3.0:
        return -20.0  # stamped teasers, not echoes
    return _PENALTY.get(info.label or "", _DEFAULT_PENALTY)


_INSERT = re.compile(r"^\W*(?:read more|related|also read|see also|more|watch|listen)\s*:", re.I)


def best_region(infos: list[LineInfo]) -> tuple[int, int]:
    """Indices [start, end] of the maximum-sum run of line weights (Kadane); (-1, -2) if none."""
    best, best_span = 0.0, (-1, -2)
    cur, start = 0.0, 0
    for i, info in enumerate(infos):
        if info.barrier:
            cur = 0.0
            continue
        if cur <= 0:
            cur, start = 0.0, i
        cur += info.weight
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def label_plain(text: str, is_template: Callable[[str, bool], bool] | None = None) -> PlainResult:
    """Label every line of a plain-text capture and read the article and its metadata."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    infos = [line_info(i + 1, line.strip()) for i, line in enumerate(raw_lines) if line.strip()]
    for info in infos:
        wire, _ = M.wire_line(info.text)
        if wire and info.label is None:
            info.label = "wire"
            info.barrier = True
        elif M.licensed_from(info.text)[0] and info.words <= 12:
            info.label = "wire"
        if is_template is not None and is_template(info.text, info.weight > 0) and info.label is None:
            info.label = "nav"
    mark_repeats(infos)
    mark_teaser_lists(infos)
    for info in infos:
        if info.label is not None:
            info.weight = min(info.weight, _penalty(info))
    start, end = best_region(infos)
    res = PlainResult(labels=[], body=[])
    final: dict[int, str] = {}
    inside = [i for i in range(max(start, 0), end + 1) if infos[i].label is None]
    for k in contained_repeats([infos[i].text for i in inside]):
        infos[inside[k]].label = "teaser"  # a pull quote repeating the article's own sentence
    for i, info in enumerate(infos):
        if start <= i <= end and info.label is None:
            final[info.no] = "body"
            res.body.append(info.text)
        elif info.label is not None:
            final[info.no] = info.label
        elif i > end and info.weight > 0:
            final[info.no] = "teaser"
        elif info.words <= 3 or info.weight <= 0:
            final[info.no] = "nav" if i > end or info.words <= 3 else "other"
        else:
            final[info.no] = "other"
    before = infos[:start] if start >= 0 else infos
    _read_metadata(res, infos, before, final, start, end)
    res.labels = [(i + 1, final.get(i + 1, "other"), line.strip()) for i, line in enumerate(raw_lines)]
    return res


def _read_metadata(
    res: PlainResult, infos: list[LineInfo], before: list[LineInfo], final: dict[int, str], start: int, end: int
) -> None:
    _start_at_dateline(res, infos, final)
    if res.body:
        res.first_body = res.body[0]
        city, wire = M.parse_dateline(res.first_body)
        res.dateline, res.wire = city, wire
    body_text = "\n".join(res.body)
    body_words = set(words(body_text))
    pick = choose_title(before, infos, final, body_words)
    if pick is not None:
        res.title = M.strip_site_suffix(pick.text)[0]
        final[pick.no] = "title"
    if res.title:
        _suffix_outlet(res, infos)
    for i, info in enumerate(infos):
        lab = final.get(info.no)
        if lab == "byline" or (lab == "other" and info.text.lower().startswith("write to")):
            names, org = M.parse_byline(info.text)
            if names and not res.byline:
                res.byline = names
            if org and not res.byline_org:
                res.byline_org = org
            if lab == "other":
                final[info.no] = "byline"
        if lab in ("date", "byline") and find_dates(info.text):
            res.date_lines.append((info.no, info.text))
        if lab == "wire":
            wire, city = M.wire_line(info.text)
            if wire and not res.wire:
                res.wire = wire
            if city and not res.dateline and i < max(start, 0):
                res.dateline = city
            ok, src = M.licensed_from(info.text)
            if ok and src and not res.wire:
                res.wire = M.wire_name(src)
    if res.byline_org and not res.wire:
        res.wire = M.wire_name(res.byline_org)
    if not res.wire:
        res.wire = M.trailer_wire([i.text for i in infos[max(end, 0) :]])
    furniture = [(final.get(i.no, "other"), i.text) for i in infos if final.get(i.no) not in ("body", "title")]
    votes = M.outlet_votes(furniture, body_text)
    if res.byline_org and M.wire_name(res.byline_org) not in ("AP", "Reuters", "AFP"):
        votes[res.byline_org] += 3
    if res.wire:
        # The page's other stories carry the same wire tag: the outlet is the wire itself.
        tag = re.compile(r"\((?:" + "|".join(re.escape(a) for a in M.WIRES[res.wire]) + r")\)")
        others = sum(1 for i in infos if final.get(i.no) != "body" and tag.search(i.text))
        if others >= 2:
            votes[res.wire] += others
    res.outlet_votes = dict(votes)


def choose_title(
    before: list[LineInfo], infos: list[LineInfo], final: dict[int, str], body_words: set[str]
) -> LineInfo | None:
    """The headline: a heading-shaped line above the article, scored by shared words with the
    body, being echoed elsewhere on the page (breadcrumb, 'Headline | Site'), being followed by
    byline/date/caption lines, and coming first. None when nothing is convincing."""
    best, best_score, first = None, 0.0, True
    for k, info in enumerate(before):
        if not 4 <= info.words <= 30 or info.text.rstrip().endswith("."):
            continue
        if info.label is not None and not (info.label == "teaser" and info.echo and _first_of_echo(info, infos)):
            continue
        content = [w for w in words(M.strip_site_suffix(info.text)[0]) if len(w) > 3]
        if not content:
            continue
        overlap = sum(w in body_words for w in content) / len(content)
        if overlap < 0.15:
            continue
        score = overlap + (0.5 if first else 0.0)
        first = False
        if any(o.no != info.no and o.weight <= 0 and info.text in o.text for o in infos):
            score += 1.0
        nxt = before[k + 1] if k + 1 < len(before) else None
        nxt2 = before[k + 2] if k + 2 < len(before) else None
        if nxt is not None and nxt.label in ("byline", "date", "caption"):
            score += 0.3
        elif nxt is not None and nxt.label is None and nxt2 is not None and nxt2.label in ("byline", "date", "caption"):
            score += 0.6  # headline, standfirst, then byline: the first of the two is the headline
        if info.words > 16:
            score -= 0.3
        if score > best_score and score >= 0.6:
            best, best_score = info, score
    return best


def _start_at_dateline(res: PlainResult, infos: list[LineInfo], final: dict[int, str]) -> None:
    """A dateline opens the article: body lines above one (an unmarked photo caption and its
    credit, typically) are not article text."""
    body_infos = [i for i in infos if final.get(i.no) == "body"]
    for k, info in enumerate(body_infos[1:4], start=1):
        city, wire = M.parse_dateline(info.text)
        if city and (wire or M.caps_dateline(info.text)):
            for prev in body_infos[:k]:
                final[prev.no] = "caption"
            res.body = res.body[k:]
            return


def _first_of_echo(info: LineInfo, infos: list[LineInfo]) -> bool:
    """True for the first occurrence of a repeated headline (the title echoed as a caption)."""
    key = words(info.text)
    return all(words(o.text) != key for o in infos if o.no < info.no)


def _suffix_outlet(res: PlainResult, infos: list[LineInfo]) -> None:
    """A line holding the title plus ' -Site' / ' | Site' names the outlet."""
    assert res.title is not None
    for info in infos:
        pos = info.text.find(res.title)
        if pos < 0:
            continue
        tail = info.text[pos + len(res.title) :]
        m = re.match(r"^\s*(?:[|\u2013\u2014\u2022:]|-|::)\s*(?P<site>[^|\u2013\u2014\u2022]{2,40})$", tail)
        if m:
            _head, site = M.strip_site_suffix(res.title + " | " + m.group("site").strip())
            if site:
                res.site_name = site
                return
