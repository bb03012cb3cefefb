"""View models of the web pages, built from the store and shared by HTML and JSON.

The story page reuses the static report's ``story_view`` and adds what only an
interactive page needs: the source sentence behind each citation and a timeline
with gaps proportional to the time between events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..records import Article
from ..report import article_json, story_json
from ..report.view import story_view
from ..store import Store
from ..text import sentences, words

ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class StoryFilter:
    """What the story list is narrowed to; every field optional."""

    q: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "newest"


def story_index(store: Store) -> list[dict[str, Any]]:
    """One summary per story: what the list page and /api/v1/stories show."""
    updated = store.story_updated()
    conflicts = {s.story_id: len(s.conflicts) for s in store.syntheses()}
    out = []
    for s in store.stories():
        out.append({
            "id": s.id, "title": s.title, "summary": s.summary,
            "first_date": s.first_date, "last_date": s.last_date,
            "span": " \u2013 ".join(dict.fromkeys(d for d in (s.first_date, s.last_date) if d)),
            "articles": len(s.articles), "independent_sources": s.independent_sources,
            "outlets": list(s.outlets), "conflicts": conflicts.get(s.id, 0),
            "updated_at": updated.get(s.id), "article_ids": list(s.articles),
        })
    return out


def sort_stories(items: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    if sort == "biggest":
        return sorted(items, key=lambda s: (-s["articles"], -s["independent_sources"], _neg(s["last_date"]), s["id"]))
    # Newest first; among stories of the same day, the biggest first.
    return sorted(items, key=lambda s: (_neg(s["last_date"] or s["first_date"]), -s["articles"],
                                        -s["independent_sources"], s["id"]))


def _neg(day: str | None) -> tuple[int, ...]:
    if not day:
        return (1,)
    return (0, *(-ord(c) for c in day))


def filter_stories(items: list[dict[str, Any]], f: StoryFilter, matching: set[str] | None) -> list[dict[str, Any]]:
    """Stories passing the filter; ``matching`` are the article ids that matched ``f.q``."""
    out = []
    outlet = f.outlet.casefold()
    for s in items:
        if matching is not None and not matching.intersection(s["article_ids"]):
            continue
        if outlet and outlet not in (o.casefold() for o in s["outlets"]):
            continue
        first, last = s["first_date"] or s["last_date"], s["last_date"] or s["first_date"]
        # A story is in a date range when its span overlaps it (prefix compare: "2023-09" covers the month).
        if f.date_from and (not last or last[: len(f.date_from)] < f.date_from):
            continue
        if f.date_to and (not first or first[: len(f.date_to)] > f.date_to):
            continue
        out.append(s)
    return sort_stories(out, f.sort)


def outlets_of(items: list[dict[str, Any]]) -> list[str]:
    return sorted({o for s in items for o in s["outlets"]}, key=str.casefold)


def public_summary(s: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in s.items() if k != "article_ids"}


# -- one story -------------------------------------------------------------------------------

def story_data(store: Store, story_id: str) -> dict[str, Any] | None:
    """The digest.json shape of one story (report.story_json), or None."""
    story = store.story(story_id)
    if story is None:
        return None
    return story_json(story, store.synthesis(story_id))


def story_page(store: Store, story_id: str) -> dict[str, Any] | None:
    """Everything the story page renders."""
    data = story_data(store, story_id)
    if data is None:
        return None
    arts = store.articles(data["articles"], labels=False)
    by_id = {a.id: a for a in arts}
    view = story_view(data, {a.id: article_json(a) for a in arts})
    finder = Evidence(by_id)

    def cites(text: str, sources: list[str]) -> list[dict[str, Any]]:
        out = [{"id": s, "n": view["number"].get(s, "?"), "label": view["label"].get(s, s),
                "sentence": finder.best(text, s)} for s in sources]
        return sorted(out, key=lambda c: (not isinstance(c["n"], int), c["n"] if isinstance(c["n"], int) else 0))

    view["account_cited"] = [{"text": a["text"], "cites": cites(a["text"], a["sources"])} for a in data["account"]]
    view["quotes_cited"] = [{**q, "cites": cites(q["text"], q["sources"])} for q in data["quotes"]]
    view["timeline_drawn"] = timeline(data["timeline"], lambda e: cites(e["text"], e["sources"]))
    related = store.stories(data["related"]) if data.get("related") else []
    view["related_titles"] = {s.id: s.title for s in related}
    return view


class Evidence:
    """Finds, in a cited article, the sentence that best supports a text."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self._sents: dict[str, list[tuple[str, set[str]]]] = {}

    def best(self, text: str, article_id: str) -> str:
        a = self.articles.get(article_id)
        if a is None:
            return ""
        if article_id not in self._sents:
            self._sents[article_id] = [(s, set(words(s))) for s in sentences(a.body)]
        want = set(words(text))
        if not want:
            return ""
        best, score = "", 0.0
        for sent, have in self._sents[article_id]:
            if not have:
                continue
            shared = len(want & have)
            # Share of the cited text found in the sentence, lightly penalising long sentences.
            value = shared / len(want) - 0.1 * len(have - want) / max(len(have), 1)
            if value > score:
                best, score = sent, value
        return best if score >= 0.2 else ""


def _parse_day(value: str) -> date | None:
    parts = (value or "").split("-")
    try:
        nums = [int(p) for p in parts[:3]] + [1] * (3 - min(len(parts), 3))
        return date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError):
        return None


def _precision(value: str) -> int:
    """3 for a day, 2 for a month, 1 for a year."""
    return min(3, len((value or "").split("-")))


def _gap_label(days: int, day: date, prev: date, precision: int) -> str:
    """Time between two events, no finer than the coarser of their dates."""
    if days <= 0:
        return ""
    if precision >= 3:
        return f"{days} day{'s' if days != 1 else ''} later"
    months = (day.year - prev.year) * 12 + day.month - prev.month
    if precision == 2 and 0 < months < 24:
        return f"about {months} month{'s' if months != 1 else ''} later"
    years = max(1, round(months / 12))
    return f"about {years} year{'s' if years != 1 else ''} later"


GAPS = ((0, "same day"), (1, "next day"), (3, "days later"), (7, "within a week"),
        (31, "weeks later"), (92, "months later"))


def timeline(events: list[dict[str, Any]], cites: Any) -> list[dict[str, Any]]:
    """Events in date order, each with a gap class (0-6) sized by the time since the one before."""
    ordered = sorted(events, key=lambda e: (e.get("date") or "", e.get("text") or ""))
    out = []
    prev: date | None = None
    prev_precision = 3
    for e in ordered:
        day = _parse_day(e.get("date") or "")
        gap, label = 0, ""
        if prev is not None and day is not None:
            days = (day - prev).days
            gap = next((i for i, (limit, _) in enumerate(GAPS) if days <= limit), len(GAPS))
            label = _gap_label(days, day, prev, min(_precision(e.get("date") or ""), prev_precision))
        out.append({**e, "gap": gap, "gap_label": label, "cites": cites(e)})
        if day is not None:
            prev, prev_precision = day, _precision(e.get("date") or "")
    return out


# -- one article -----------------------------------------------------------------------------

MAX_RAW_CHARS = 300_000
FURNITURE_KEEP = {"body", "title", "byline", "date", "dateline"}


def article_page(store: Store, ref: str) -> dict[str, Any] | None:
    """An article with its capture, its line labels, relations and story."""
    a = store.article(ref)
    if a is None:
        return None
    doc = store.document(a.doc_id)
    raw = doc.text if doc else ""
    story_id = store.story_of([a.id]).get(a.id)
    story = store.story(story_id) if story_id else None
    labels = [{"line": lb.line, "label": lb.label, "text": lb.text, "kept": lb.label in FURNITURE_KEEP}
              for lb in a.labels]
    return {
        "article": article_json(a),
        "labels": labels,
        "dropped": sum(1 for lb in labels if not lb["kept"]),
        "raw": raw[:MAX_RAW_CHARS],
        "raw_truncated": len(raw) > MAX_RAW_CHARS,
        "raw_chars": len(raw),
        "document": {"id": a.doc_id, "format": doc.format if doc else None, "size": doc.size if doc else None,
                     "origin": doc.source if doc else None, "locator": doc.locator if doc else None,
                     "ingested_at": doc.ingested_at if doc else None, "meta": doc.meta if doc else {}},
        "story": {"id": story.id, "title": story.title} if story else None,
        "relations": [r.to_dict() for r in store.relations(a.id)],
    }
