"""What the HTML pages and their JSON twins share: one function per question asked of the store."""

from __future__ import annotations

import math
import queue
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ..store import Store
from ..store import schema as t
from .cache import StoreVersion, ViewCache
from .jobs import IngestWorker, Job
from .search import SearchIndex
from .security import RateLimiter
from .views import (
    StoryFilter,
    article_page,
    filter_stories,
    outlets_of,
    public_summary,
    story_data,
    story_index,
    story_page,
)

MAX_PER_PAGE = 100


@dataclass
class WebState:
    """Everything a request handler needs, hung on ``app.state.nf``."""

    store: Store
    token: str | None
    cache: ViewCache
    search: SearchIndex
    worker: IngestWorker
    limiter: RateLimiter
    root: Path
    upload_limit: int

    @classmethod
    def open(cls, store: Store, token: str | None, root: Path, upload_limit: int,
             uploads_per_minute: float) -> WebState:
        return cls(store=store, token=token or None, cache=ViewCache(StoreVersion(store.url, store.change_counter)),
                   search=SearchIndex(store, root / "search.sqlite"), worker=IngestWorker(store, root / "uploads"),
                   limiter=RateLimiter(per_minute=uploads_per_minute), root=root, upload_limit=upload_limit)


def paging(total: int, page: int, per_page: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    return {"page": page, "per_page": per_page, "total": total, "pages": pages,
            "has_prev": page > 1, "has_next": page < pages}


def list_stories(st: WebState, f: StoryFilter, page: int, per_page: int) -> dict[str, Any]:
    """One page of the story list, newest (or biggest) first, with the filters applied."""

    def build() -> dict[str, Any]:
        index = st.cache.get(("index",), lambda: story_index(st.store))
        matching = set(st.search.article_ids(f.q)) if f.q.strip() else None
        chosen = filter_stories(index, f, matching)
        start = (page - 1) * per_page
        return {"stories": [public_summary(s) for s in chosen[start : start + per_page]],
                **paging(len(chosen), page, per_page), "outlets": outlets_of(index),
                "search_backend": st.search.backend if f.q.strip() else None}

    return st.cache.get(stories_key(f, page, per_page), build)


def stories_key(f: StoryFilter, page: int, per_page: int) -> tuple[Any, ...]:
    return ("stories", f.q, f.outlet, f.date_from, f.date_to, f.sort, page, per_page)


def get_story(st: WebState, story_id: str) -> dict[str, Any] | None:
    return st.cache.get(("story-json", story_id), lambda: story_data(st.store, story_id))


def get_story_page(st: WebState, story_id: str) -> dict[str, Any] | None:
    return st.cache.get(("story-page", story_id), lambda: story_page(st.store, story_id))


def get_article(st: WebState, ref: str) -> dict[str, Any] | None:
    return st.cache.get(("article", ref), lambda: article_page(st.store, ref))


def list_articles(st: WebState, page: int, per_page: int, outlet: str = "") -> dict[str, Any]:
    """One page of articles, newest trusted date first."""
    cols = [t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published,
            t.articles.c.trusted_date, t.articles.c.source]
    query = select(*cols)
    count = select(func.count()).select_from(t.articles)
    if outlet:
        query = query.where(t.articles.c.outlet == outlet)
        count = count.where(t.articles.c.outlet == outlet)
    query = query.order_by(t.articles.c.trusted_date.desc(), t.articles.c.id).limit(per_page).offset((page - 1) * per_page)
    with st.store.engine.connect() as conn:
        total = conn.scalar(count) or 0
        rows = [dict(r._mapping) for r in conn.execute(query)]
    story_of = st.store.story_of(r["id"] for r in rows)
    for r in rows:
        r["story"] = story_of.get(r["id"])
    return {"articles": rows, **paging(total, page, per_page)}


def run_search(st: WebState, q: str, page: int, per_page: int) -> dict[str, Any]:
    hits, total = st.search.search(q, limit=per_page, offset=(page - 1) * per_page)
    story_of = st.store.story_of(h.id for h in hits)
    return {"q": q, "backend": st.search.backend, "hits": hits, "story_of": story_of, **paging(total, page, per_page)}


def relations(st: WebState, article: str, page: int, per_page: int) -> dict[str, Any]:
    rels = st.store.relations(article or None)
    start = (page - 1) * per_page
    return {"relations": [r.to_dict() for r in rels[start : start + per_page]], **paging(len(rels), page, per_page)}


def feed_entries(st: WebState, limit: int = 50) -> list[dict[str, Any]]:
    index = st.cache.get(("index",), lambda: story_index(st.store))
    return sorted(index, key=lambda s: (s["updated_at"] or "", s["id"]), reverse=True)[:limit]


def ingest_status(st: WebState, limit: int = 200) -> dict[str, Any]:
    rejections = st.store.rejections()
    return {
        "writable": bool(st.token), "busy": st.worker.busy,
        "jobs": [j.to_dict() for j in st.worker.recent()],
        "rejections": [{"source": r.source, "locator": r.locator, "reason": r.reason, "at": r.at}
                       for r in reversed(rejections[-limit:])],
        "rejections_total": len(rejections),
    }


class QueueFull(Exception):
    """Too many uploads are waiting to be processed."""


def submit(st: WebState, files: list[tuple[str | None, bytes]]) -> Job:
    try:
        return st.worker.submit(files)
    except queue.Full as exc:
        raise QueueFull from exc
