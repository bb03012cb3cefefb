"""The REST API under /api/v1: the JSON twin of every page, and the upload endpoint."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Header, HTTPException, Request, UploadFile
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from . import service
from .params import From, Page, PerPage, Sort, Text, To, story_filter
from .security import bearer, check_token

router = APIRouter(prefix="/api/v1", tags=["api"])
NOT_FOUND = {404: {"description": "No such item", "content": {"application/json": {"example": {"detail": "no such story"}}}}}
MAX_ID = 200


def _st(request: Request) -> service.WebState:
    return request.app.state.nf  # type: ignore[no-any-return]


@router.get("/stories", summary="Stories, newest first (twin of /)")
async def stories(request: Request, q: Text = "", outlet: Text = "", date_from: From = "",
            date_to: To = "", sort: Sort = "newest", page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
    st, f = _st(request), story_filter(q, outlet, date_from, date_to, sort)
    return st.cache.peek(service.stories_key(f, page, per_page)) or await run_in_threadpool(
        service.list_stories, st, f, page, per_page)


@router.get("/stories/{story_id}", summary="One story in the digest.json shape (twin of /stories/{id})",
            responses=NOT_FOUND)
async def story(request: Request, story_id: str) -> dict[str, Any]:
    st = _st(request)
    data = None
    if len(story_id) <= MAX_ID:
        data = st.cache.peek(("story-json", story_id)) or await run_in_threadpool(service.get_story, st, story_id)
    if data is None:
        raise HTTPException(404, "no such story")
    return data


@router.get("/articles", summary="Articles, newest first (twin of /articles)")
def articles(request: Request, outlet: Text = "", page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
    return service.list_articles(_st(request), page, per_page, outlet.strip())


@router.get("/articles/{article_id}", summary="One article with labels and relations (twin of /articles/{id})",
            responses=NOT_FOUND)
def article(request: Request, article_id: str) -> dict[str, Any]:
    data = service.get_article(_st(request), article_id) if len(article_id) <= MAX_ID else None
    if data is None:
        raise HTTPException(404, "no such article")
    return {k: v for k, v in data.items() if k != "raw"}


@router.get("/articles/{article_id}/raw", summary="The raw capture of an article, as text",
            response_class=PlainTextResponse, responses=NOT_FOUND)
def article_raw(request: Request, article_id: str) -> PlainTextResponse:
    data = service.get_article(_st(request), article_id) if len(article_id) <= MAX_ID else None
    if data is None:
        raise HTTPException(404, "no such article")
    return PlainTextResponse(data["raw"], headers={"Content-Security-Policy": "sandbox; default-src 'none'"})


@router.get("/relations", summary="Relations between articles (copies and partial copies)")
def relations(request: Request, article: Text = "", page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return service.relations(_st(request), article.strip(), page, per_page)


@router.get("/search", summary="Full-text search over article titles and bodies (twin of /search)")
def search(request: Request, q: Text = "", page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
    res = service.run_search(_st(request), q, page, per_page)
    res["hits"] = [{**h.to_dict(), "story": res["story_of"].get(h.id)} for h in res.pop("hits")]
    res.pop("story_of")
    return res


@router.get("/ingest", summary="Upload jobs and rejected inputs (twin of /ingest)")
def ingest_status(request: Request) -> dict[str, Any]:
    return service.ingest_status(_st(request))


@router.get("/jobs/{job_id}", summary="One upload job", responses=NOT_FOUND)
def job(request: Request, job_id: str) -> dict[str, Any]:
    found = _st(request).worker.job(job_id[:64])
    if found is None:
        raise HTTPException(404, "no such job")
    return found.to_dict()


@router.post("/captures", status_code=202, summary="Upload capture files to ingest and process (token required)",
             responses={401: {"description": "missing or wrong token"}, 403: {"description": "writes disabled"},
                        413: {"description": "body over the size limit"}, 429: {"description": "rate limited"}})
async def captures(request: Request, files: Annotated[list[UploadFile], File(description="Capture files")],
                   authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    st = _st(request)
    check_token(st.token, bearer(authorization))
    st.limiter.check(request.client.host if request.client else "unknown")
    payload = [(f.filename, await f.read()) for f in files]
    if not payload:
        raise HTTPException(400, "no files")
    try:
        job = service.submit(st, payload)
    except service.QueueFull:
        raise HTTPException(503, "too many uploads waiting: try again later", headers={"Retry-After": "30"}) from None
    return {"job": job.to_dict(), "status_url": f"/api/v1/jobs/{job.id}"}


class MergeRequest(BaseModel):
    a: str = Field(max_length=MAX_ID, description="A story id")
    b: str = Field(max_length=MAX_ID, description="The story id to merge into it")


class SplitRequest(BaseModel):
    story: str = Field(max_length=MAX_ID, description="The story id")
    articles: list[str] = Field(min_length=1, max_length=10000, description="Ids of the articles to move into a new story")


WRITE_RESPONSES = {401: {"description": "missing or wrong token"}, 403: {"description": "writes disabled"},
                   409: {"description": "an ingest is running"}, 422: {"description": "the edit cannot be done"}}


def _edit(request: Request, authorization: str | None, **edit: Any) -> dict[str, Any]:
    from ..edits import StoryEditError, edit_stories

    st = _st(request)
    check_token(st.token, bearer(authorization))
    if st.worker.busy:
        # The ingest job rewrites the stories from the clusterer state: an edit now would be lost.
        raise HTTPException(409, "an ingest is running: edit stories when it has finished")
    try:
        story_id = edit_stories(st.store, **edit)
    except StoryEditError as exc:
        raise HTTPException(422, str(exc)) from None
    found = service.get_story(st, story_id)
    if found is None:  # pragma: no cover - the edit just wrote it
        raise HTTPException(404, "no such story")
    return found


@router.post("/stories/merge", summary="Merge two stories by hand (token required)", responses=WRITE_RESPONSES)
def merge_stories(request: Request, body: MergeRequest,
                  authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    return _edit(request, authorization, merge=(body.a, body.b))


@router.post("/stories/split", summary="Split articles out of a story into a new one (token required)",
             responses=WRITE_RESPONSES)
def split_story(request: Request, body: SplitRequest,
                authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    return _edit(request, authorization, split=(body.story, body.articles))
