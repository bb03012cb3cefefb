"""extract(): one Document in, one Article out; Extract: the two-pass pipeline step."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from newsfuse.extract import meta as M
from newsfuse.extract.dates import check_published, date_line_kind, parse_iso, published_in_line
from newsfuse.extract.html import extract_html
from newsfuse.extract.memory import TemplateMemory, host_of, outlet_key, sentence_key
from newsfuse.extract.plain import label_plain
from newsfuse.pipeline import Step
from newsfuse.records import Article, Document, LineLabel
from newsfuse.text import sentences

SUSPECT_DAYS = 60


def extract(doc: Document, memory: TemplateMemory | None = None) -> Article:
    """The article in ``doc``: body, metadata, per-line labels and date flags."""
    art = Article(id=doc.id[:12], doc_id=doc.id, source=doc.source)
    meta: dict[str, Any] = dict(doc.meta or {})
    page_date: tuple[str, str] | None = None  # (iso, evidence) from the page itself
    first_line = ""
    if doc.format == "html":
        page_date, first_line = _from_html(doc, art, meta)
    else:
        page_date, first_line = _from_text(doc, art, meta, memory)
    url = meta.get("url") or (doc.source if doc.source.startswith(("http://", "https://")) else None)
    art.url = str(url) if url else None
    if meta.get("title"):
        art.title = str(meta["title"]).strip() or art.title
    if meta.get("outlet"):
        art.outlet = str(meta["outlet"]).strip() or art.outlet
    elif art.outlet is None and art.url:
        art.outlet = host_of(art.url)
    if meta.get("byline"):
        by = meta["byline"]
        art.byline = list(by) if isinstance(by, list) else (M.split_names(str(by)) or [str(by)])
    feed_date = parse_iso(str(meta.get("published") or ""))
    if feed_date is not None:
        art.published = feed_date.isoformat()
        art.published_evidence = f"feed: published={meta.get('published')}"
    elif page_date is not None:
        art.published, art.published_evidence = page_date
    art.trusted_date = art.published
    art.language = M.language(art.body)
    _check_dates(art, first_line, page_date, memory)
    return art


def _from_text(
    doc: Document, art: Article, meta: dict[str, Any], memory: TemplateMemory | None
) -> tuple[tuple[str, str] | None, str]:
    key = outlet_key(doc)
    is_template = (lambda line, prose: memory.is_template(key, line, prose)) if memory else None
    res = label_plain(doc.text, is_template)
    art.body = "\n\n".join(res.body)
    art.title = res.title
    art.outlet = res.site_name or M.best_outlet(res.outlet_votes)
    art.byline = res.byline
    art.wire, art.dateline = res.wire, res.dateline
    art.labels = [LineLabel(no, label, text) for no, label, text in res.labels]
    body_start = next((lab.line for lab in art.labels if lab.label == "body"), 10**9)
    return _page_date(res.date_lines, body_start), res.first_body


def _page_date(date_lines: list[tuple[int, str]], body_start: int) -> tuple[str, str] | None:
    """The page's publication date: a 'published' stamp first, then stamps above the article
    ('updated' last), then stamps below it (which may belong to other stories' teasers)."""

    def rank(nl: tuple[int, str]) -> tuple[int, int]:
        kind = date_line_kind(nl[1]) or "plain"
        if kind == "published":
            return 0, nl[0]
        below = 2 if nl[0] > body_start else 0
        return 1 + below + (kind == "updated"), nl[0]

    ranked = sorted(date_lines, key=rank)
    for no, text in ranked:
        iso = published_in_line(text)
        if iso:
            return iso, f"line {no}: {text.strip()}"
    return None


def _from_html(doc: Document, art: Article, meta: dict[str, Any]) -> tuple[tuple[str, str] | None, str]:
    res = extract_html(doc.text, str(meta.get("url")) if meta.get("url") else None)
    tm = res.meta
    art.body = "\n\n".join(res.body)
    title = tm.get("title")
    if title:
        head, site = M.strip_site_suffix(str(title))
        art.title = head
        art.outlet = tm.get("sitename") or site or tm.get("hostname")
    else:
        art.outlet = tm.get("sitename") or tm.get("hostname")
    author = tm.get("author")
    art.byline = M.split_names(str(author)) if author else res.byline
    art.wire, art.dateline = res.wire, res.dateline
    art.labels = [LineLabel(0, label, text) for label, text in res.labels]
    page_date = None
    when = parse_iso(str(tm.get("date") or ""))
    if when is not None:
        page_date = (when.isoformat(), "html metadata (trafilatura/htmldate)")
    return page_date, res.body[0] if res.body else ""


def _check_dates(
    art: Article, first_line: str, page_date: tuple[str, str] | None, memory: TemplateMemory | None
) -> None:
    """Flag ``date_suspect`` when the claimed date disagrees with the text or with copies seen earlier."""
    if not art.published:
        return
    published = date.fromisoformat(art.published)
    reason = check_published(published, art.body, first_line, SUSPECT_DAYS)
    if reason is None and page_date is not None:
        other = date.fromisoformat(page_date[0])
        if abs((other - published).days) > SUSPECT_DAYS:
            reason = f"feed date {art.published} vs page date {page_date[0]}"
    if reason is None and memory is not None:
        reason = _earlier_copies(art, published, memory)
    if reason:
        art.flag("date_suspect", reason)


def _earlier_copies(art: Article, published: date, memory: TemplateMemory) -> str | None:
    """A reason when much of the body was already on a page dated far earlier."""
    long_sentences = earlier = 0
    oldest: str | None = None
    for sent in sentences(art.body):
        if sentence_key(sent) is None:
            continue
        long_sentences += 1
        when = memory.earliest(sent)
        if when is not None and (published - date.fromisoformat(when)).days > SUSPECT_DAYS:
            earlier += 1
            oldest = min(oldest or when, when)
    # Wire services reuse a background paragraph or two for months; a re-post reuses most of it.
    if earlier >= 3 and earlier >= 0.3 * long_sentences and oldest:
        gap = (published - date.fromisoformat(oldest)).days
        return f"{earlier} of its sentences were already on a page dated {oldest} ({gap} days earlier)"
    return None


class Extract(Step[Document, Article]):
    """Two passes: observe every document into the template memory, then extract each."""

    name = "extract"

    def __init__(self, memory: TemplateMemory | None = None) -> None:
        super().__init__()
        self.memory = memory if memory is not None else TemplateMemory()

    def process(self, record: Document) -> Iterable[Article]:
        yield extract(record, self.memory)

    def run(self, records: Iterable[Document]) -> Iterator[Article]:
        docs = list(records)
        start = time.perf_counter()
        for doc in docs:
            self.memory.observe(doc)
        self.stats.seconds += time.perf_counter() - start
        yield from super().run(docs)
