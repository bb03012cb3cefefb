"""Query parameters shared by the pages and the API, validated once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from .views import StoryFilter

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"

Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Items per page (at most 100).")]
Text = Annotated[str, Query(max_length=300)]
From = Annotated[str, Query(alias="from", max_length=10, pattern=DATE,
                                 description="Stories that end on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
To = Annotated[str, Query(alias="to", max_length=10, pattern=DATE,
                               description="Stories that start on or before this ISO date.")]
Sort = Annotated[str, Query(pattern="^(newest|biggest)$", description="newest (default) or biggest.")]


def story_filter(q: Text = "", outlet: Text = "", date_from: str = "", date_to: str = "", sort: str = "newest") -> StoryFilter:
    return StoryFilter(q=q.strip(), outlet=outlet.strip(), date_from=date_from, date_to=date_to, sort=sort)


def filter_params(f: StoryFilter) -> dict[str, str]:
    """The filter as the query parameters of a link."""
    return {"q": f.q, "outlet": f.outlet, "from": f.date_from, "to": f.date_to,
            "sort": "" if f.sort == "newest" else f.sort}
