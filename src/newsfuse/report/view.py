"""The view model of the report: digest.json reshaped for reading.

Kept apart from the template so that the web UI can show the same things the
static report shows without a second copy of this logic.
"""

from __future__ import annotations

from typing import Any


def story_view(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One story ready to render: numbered sources, copy groups, matrix columns."""
    members = [articles[a] for a in story["articles"] if a in articles]
    groups: dict[str, list[dict[str, Any]]] = {}
    for a in members:
        groups.setdefault(a.get("original") or a["id"], []).append(a)
    copy_groups = []
    for original, arts in groups.items():
        arts.sort(key=lambda a: (a["id"] != original, a.get("trusted_date") or "", a["id"]))
        copy_groups.append({"original": original, "articles": arts})
    copy_groups.sort(key=lambda g: (-len(g["articles"]), g["original"]))
    # Citation numbers follow the order of independent sources (copy groups' originals).
    number = {g["original"]: n for n, g in enumerate(copy_groups, 1)}
    for g in copy_groups:
        for a in g["articles"]:
            number.setdefault(a["id"], number[g["original"]])
    columns = [
        {"id": g["original"], "n": number[g["original"]], "label": _label(articles.get(g["original"]))}
        for g in copy_groups
    ]
    label = {a["id"]: _label(a) for a in members}
    return {
        **_list_entry(story),
        "copy_groups": copy_groups,
        "number": number,
        "columns": columns,
        "label": label,
        "cite": _cites(story, members, number, label),
        "matrix": _matrix(story.get("claims") or [], columns),
    }


_MARK = {"supports": "\u2713", "contradicts": "\u2717"}


def _cites(story: dict[str, Any], members: list[dict[str, Any]], number: dict[str, int],
           label: dict[str, str]) -> dict[str, tuple[int | str, str]]:
    """Every source the story cites (and every member) -> (its number, its label): what a
    citation shows, looked up once here rather than twice per citation in the template."""
    ids = [a["id"] for a in members]
    for key in ("account", "quotes", "timeline"):
        ids.extend(src for item in story.get(key) or [] for src in item.get("sources") or [])
    ids.extend(src for c in story.get("conflicts") or [] for side in c.get("sides") or []
               for src in side.get("sources") or [])
    ids.extend(story.get("unique") or {})
    return {src: (number.get(src, "?"), label.get(src, src)) for src in ids}


def _matrix(claims: list[dict[str, Any]], columns: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The claims x sources rows: each claim's text and, per column, (support, cell title, mark)."""
    rows = []
    for c in claims:
        support = c.get("support") or {}
        cells = []
        for col in columns:
            v = support.get(col["id"], "silent")
            cells.append((v, f"{col['label']}: {v}", _MARK.get(v, "")))
        rows.append((c["text"], cells))
    return rows


def _list_entry(story: dict[str, Any]) -> dict[str, Any]:
    """What the story list shows of a story (``story_view`` without the per-article work)."""
    dates = [d for d in (story.get("first_date"), story.get("last_date")) if d]
    return {**story, "span": " \u2013 ".join(dict.fromkeys(dates)) if dates else "",
            "conflict_count": len(story.get("conflicts") or [])}


def _label(article: dict[str, Any] | None) -> str:
    if not article:
        return "?"
    return article.get("outlet") or article.get("source") or article["id"]


def report_view(digest: dict[str, Any], views: bool = True) -> dict[str, Any]:
    """The whole report; ``views=False`` leaves the stories as they are in the digest
    (for a list of links: each story's view is then built for its own page)."""
    articles = {a["id"]: a for a in digest["articles"]}
    stories = [story_view(s, articles) if views else _list_entry(s) for s in digest["stories"]]
    in_story = {a for s in digest["stories"] for a in s["articles"]}
    return {
        "digest": digest,
        "stories": stories,
        "articles": articles,
        "loose": [a for a in digest["articles"] if a["id"] not in in_story],
        "n_copies": sum(1 for a in digest["articles"] if a.get("copy_of")),
        "n_suspect": sum(1 for a in digest["articles"] if "date_suspect" in (a.get("flags") or [])),
    }
