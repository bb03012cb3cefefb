"""report: ``digest.json`` and a static ``index.html`` from what the store holds.

The digest is deterministic (no timestamps), so the same inputs give the same files.
Captured text is untrusted: the HTML template autoescapes everything and the page
carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import parallel
from ..records import Article, Relation, Story, Synthesis, _plain
from ..store import Store

ARTICLE_FIELDS = (
    "id", "source", "outlet", "title", "byline", "published", "trusted_date", "wire", "dateline",
    "language", "url", "body", "flags", "flag_reasons", "original", "copy_of", "doc_id",
)


def article_json(a: Article) -> dict[str, Any]:
    # Field by field, not ``to_dict``: that would also convert the line labels, which the
    # digest leaves out and which are most of an article's records.
    return {k: _plain(getattr(a, k)) for k in ARTICLE_FIELDS}


def story_json(story: Story, synthesis: Synthesis | None) -> dict[str, Any]:
    return _story_json(story, synthesis.to_dict() if synthesis else None)


def _story_json(story: Story, synthesis: dict[str, Any] | None) -> dict[str, Any]:
    """``story_json`` of a synthesis in its dict form (``Synthesis.to_dict``)."""
    out = story.to_dict()
    syn = synthesis or Synthesis(story_id=story.id).to_dict()
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
    articles = store.articles(member_ids, labels=False)
    relations = [r for r in store.relations() if r.a in member_ids and r.b in member_ids]
    # Read as stored: the digest wants their dict form, which decoding would only rebuild.
    syntheses = store.synthesis_data(None if article_ids is None else [s.id for s in stories])
    stories.sort(key=lambda s: (-len(s.articles), -(s.independent_sources), s.id))
    return {
        "newsfuse": __version__,
        "articles": [article_json(a) for a in sorted(articles, key=lambda a: (a.source, a.id))],
        "relations": [relation_json(r) for r in relations],
        "stories": [_story_json(s, json.loads(syntheses[s.id]) if s.id in syntheses else None)
                    for s in stories],
    }


def relation_json(r: Relation) -> dict[str, Any]:
    return {"a": r.a, "b": r.b, "type": r.type, "score": round(r.score, 4), "original": r.original,
            "containment": round(r.containment, 4)}


STORIES_INLINE = 100  # above this many stories, each story gets a page of its own


def write_report(digest: dict[str, Any], out: Path, rejections: list[dict[str, str]] | None = None,
                 stories_inline: int = STORIES_INLINE) -> Path:
    """Write ``digest.json`` and ``index.html`` into ``out``; returns the HTML path.

    Up to ``stories_inline`` stories, ``index.html`` holds them all; above it (a page of
    many megabytes would not open), it lists them and each story is written to
    ``stories/ID.html``.
    """
    out.mkdir(parents=True, exist_ok=True)
    pages = len(digest["stories"]) > stories_inline
    # Indented for reading when small; compact when big (indenting takes the pure-Python
    # encoder: twice as slow, a third bigger).
    text = json.dumps(digest, indent=None if pages else 2, ensure_ascii=False)
    (out / "digest.json").write_text(text + "\n", encoding="utf-8")
    del text
    path = out / "index.html"
    path.write_text(render_html(digest, rejections or [], pages), encoding="utf-8")
    folder = out / "stories"
    written: set[str] = set()
    if pages:
        folder.mkdir(exist_ok=True)
        articles = {a["id"]: a for a in digest["articles"]}
        head = (str(folder), len(digest["stories"]), _version(digest))
        jobs = ((head, story, _page_articles(story, articles)) for story in digest["stories"])
        written.update(parallel.map_ordered(_write_story_page, jobs, min_items=2000, chunksize=32))
    if folder.is_dir():  # pages of an earlier report in the same folder that this one lacks
        for old in folder.glob("*.html"):
            if old.name not in written:
                old.unlink()
    return path


def _page_articles(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The articles a story's page shows: its members and their originals (for labels)."""
    ids = dict.fromkeys(story["articles"])
    ids.update(dict.fromkeys(articles[a].get("original") for a in story["articles"] if a in articles))
    return [articles[a] for a in ids if a in articles]


def _write_story_page(job: tuple[tuple[str, int, str], dict[str, Any], list[dict[str, Any]]]) -> str:
    """Render and write one story's page (on a worker process for big reports); its file name."""
    from .view import story_view

    (folder, n_stories, version), story, members = job
    name = f"{story_file(story['id'])}.html"
    html = _env.get_template("story.html").render(
        s=story_view(story, {a["id"]: a for a in members}), pages=True, n_stories=n_stories, newsfuse=version)
    Path(folder, name).write_text(html, encoding="utf-8")
    return name


def story_file(story_id: str) -> str:
    """A story's page name: its id when that is up to 80 of [A-Za-z0-9_-] (newsfuse's
    own ids are); any other id has those characters kept, the rest made ``_``, and a
    hash of the whole id added, so it never names a path outside the folder, nor the
    page of another story."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", story_id)[:80]
    if safe == story_id:
        return safe
    return f"{safe}_{hashlib.sha1(story_id.encode('utf-8')).hexdigest()[:12]}"


_env = Environment(
    loader=PackageLoader("newsfuse.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["story_file"] = story_file


def render_html(digest: dict[str, Any], rejections: list[dict[str, str]], pages: bool = False) -> str:
    """``index.html``: every story inline, or (``pages``) a list linking to story pages."""
    from .view import report_view

    return _env.get_template("report.html").render(**report_view(digest, views=not pages), rejections=rejections,
                                                   pages=pages, newsfuse=_version(digest))


def _version(digest: dict[str, Any]) -> str:
    from .. import __version__

    return digest.get("newsfuse") or __version__
