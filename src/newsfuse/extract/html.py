"""HTML pages: trafilatura finds the main text, the line classifier cleans what it let through.

trafilatura keeps photo captions, "read more" prompts, freshness-stamped teasers and
credit lines now and then; every output line gets the plain-text classifier's hard
verdict as a second opinion, and trailing headline lists (related stories) are cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsfuse.extract import meta as M
from newsfuse.extract.features import LineInfo, contained_repeats, line_info
from newsfuse.pipeline import require
from newsfuse.text import words

_DROP = {"caption", "ad", "teaser", "other", "byline", "date", "wire"}


@dataclass
class HtmlResult:
    body: list[str]
    labels: list[tuple[str, str]]  # (label, text) per trafilatura output line
    meta: dict[str, Any] = field(default_factory=dict)
    wire: str | None = None
    dateline: str | None = None
    byline: list[str] = field(default_factory=list)


def run_trafilatura(html: str, url: str | None = None) -> dict[str, Any]:
    """trafilatura's bare extraction (default mode, with metadata) as a dict; {} when it finds nothing."""
    traf = require("trafilatura", "extract", "extract")
    res = traf.bare_extraction(html, url=url, with_metadata=True)
    if res is None:
        return {}
    data = res.as_dict() if hasattr(res, "as_dict") else dict(res)
    return {k: v for k, v in data.items() if k not in ("body", "commentsbody")}


def clean_lines(lines: list[str], title: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Second opinion on trafilatura's lines: drop furniture, the echoed title, repeats, tails."""
    title_key = words(title) if title else None
    seen: set[str] = set()
    labels: list[tuple[str, str]] = []
    infos: dict[str, LineInfo] = {}  # each line is read once, though asked about three times

    def info_of(text: str) -> LineInfo:
        got = infos.get(text)
        if got is None:
            got = infos[text] = line_info(0, text)
        return got

    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        info = info_of(text)
        key = " ".join(words(text))
        label = "body"
        if title_key and words(text) == title_key:
            label = "title"
        elif info.label in _DROP or M.wire_line(text)[0]:
            label = info.label or "wire"
        elif key and key in seen:
            label = "caption"
        seen.add(key)
        labels.append((label, text))
    # Heading-shaped lines before the first sentence are a standfirst/deck, not the article.
    for i, (lab, t) in enumerate(labels):
        if lab != "body":
            continue
        info = info_of(t)
        if info.ends_sentence or info.weight > 0:
            break
        labels[i] = ("other", t)
    body_idx = [i for i, (lab, _t) in enumerate(labels) if lab == "body"]
    for k in contained_repeats([labels[i][1] for i in body_idx]):
        labels[body_idx[k]] = ("teaser", labels[body_idx[k]][1])
    # A run of headline-shaped lines after the last sentence is a related-stories list.
    last = max((i for i, (lab, t) in enumerate(labels) if lab == "body" and info_of(t).ends_sentence), default=-1)
    for i in range(last + 1, len(labels)):
        if labels[i][0] == "body":
            labels[i] = ("nav", labels[i][1])
    body = [t for lab, t in labels if lab == "body"]
    return body, labels


def extract_html(html: str, url: str | None = None) -> HtmlResult:
    """Main text and metadata of an HTML page."""
    data = run_trafilatura(html, url)
    text = data.get("text") or ""
    title = data.get("title")
    body, labels = clean_lines(text.split("\n"), title)
    out = HtmlResult(body=body, labels=labels, meta=data)
    if body:
        out.dateline, out.wire = M.parse_dateline(body[0])
    for label, line in labels:
        if label == "wire" and not out.wire:
            out.wire = M.wire_line(line)[0]
        if label == "byline" and not out.byline:
            out.byline, org = M.parse_byline(line)
            if org and not out.wire:
                out.wire = M.wire_name(org)
    return out
