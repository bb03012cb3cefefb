"""report: ``digest.json`` and a static ``index.html`` from what the store holds.

The digest is deterministic (no timestamps), so the same inputs give the same files.
Captured text is untrusted: the HTML template autoescapes everything and the page
carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..records import Article, Relation, Story, Synthesis
from ..store import Store

ARTICLE_FIELDS = (
    "id", "source", "outlet", "title", "byline", "published", "trusted_date", "wire", "dateline",
    "language", "url", "body", "flags", "flag_reasons", "original", "copy_of", "doc_id",
)


def article_json(a: Article) -> dict[str, Any]:
    data = a.to_dict()
    return {k: data.get(k) for k in ARTICLE_FIELDS}


def story_json(story: Story, synthesis: Synthesis | None) -> dict[str, Any]:
    out = story.to_dict()
    syn = synthesis.to_dict() if synthesis else Synthesis(story_id=story.id).to_dict()
    for key in ("account", "claims", "unique", "conflicts", "quotes", "timeline"):
        out[key] = syn[key]
    return out


def build_digest(store: Store, article_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The digest of the stories that contain ``article_ids`` (all stories when None)."""
    from .. import __version__

    if article_ids is None:
        stories = store.stories()
    else:
        wanted = set(article_ids)
        story_ids = set(store.story_of(wanted).values())
        stories = store.stories(story_ids)
    member_ids = {a for s in stories for a in s.articles}
    if article_ids is not None:
        member_ids |= set(article_ids)
    articles = store.articles(member_ids)
    relations = [r for r in store.relations() if r.a in member_ids and r.b in member_ids]
    syntheses = {s.story_id: s for s in store.syntheses()}
    stories.sort(key=lambda s: (-len(s.articles), -(s.independent_sources), s.id))
    return {
        "newsfuse": __version__,
        "articles": [article_json(a) for a in sorted(articles, key=lambda a: (a.source, a.id))],
        "relations": [relation_json(r) for r in relations],
        "stories": [story_json(s, syntheses.get(s.id)) for s in stories],
    }


def relation_json(r: Relation) -> dict[str, Any]:
    return {"a": r.a, "b": r.b, "type": r.type, "score": round(r.score, 4), "original": r.original,
            "containment": round(r.containment, 4)}


def write_report(digest: dict[str, Any], out: Path, rejections: list[dict[str, str]] | None = None) -> Path:
    """Write ``digest.json`` and ``index.html`` into ``out``; returns the HTML path."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "digest.json").write_text(json.dumps(digest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    html = render_html(digest, rejections or [])
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


_env = Environment(
    loader=PackageLoader("newsfuse.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(digest: dict[str, Any], rejections: list[dict[str, str]]) -> str:
    from .view import report_view

    return _env.get_template("report.html").render(**report_view(digest), rejections=rejections)
