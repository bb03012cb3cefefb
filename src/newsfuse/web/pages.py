"""The HTML pages (server-rendered, readable without JavaScript)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from . import service
from .params import From, Page, PerPage, Sort, Text, To, filter_params, story_filter
from .security import check_token

router = APIRouter(include_in_schema=False)
MAX_ID = 200


def _st(request: Request) -> service.WebState:
    return request.app.state.nf  # type: ignore[no-any-return]


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    env = request.app.state.templates.env
    return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)


async def _cached_html(request: Request, key: tuple[Any, ...], name: str, build: Any) -> HTMLResponse | None:
    """Render ``name`` with ``build()`` once per store version; None when build finds nothing.

    A current page is answered on the event loop; building one (database and template
    work) runs in the thread pool so that it never stalls other requests.
    """
    st = _st(request)
    html = st.cache.peek(key)
    if html is None:
        def make() -> str | None:
            ctx = build()
            if ctx is None:
                return None
            return str(request.app.state.templates.env.get_template(name).render(**ctx))

        html = await run_in_threadpool(st.cache.get, key, make)
    return None if html is None else HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, q: Text = "", outlet: Text = "", date_from: From = "", date_to: To = "",
          sort: Sort = "newest", page: Page = 1, per_page: PerPage = 20) -> HTMLResponse:
    f = story_filter(q, outlet, date_from, date_to, sort)
    params = filter_params(f)
    if per_page != 20:
        params["per_page"] = str(per_page)

    def build() -> dict[str, Any]:
        return {"res": service.list_stories(_st(request), f, page, per_page), "f": f, "params": params,
                "json_url": "/api/v1/stories", "page_title": "Stories"}

    resp = await _cached_html(request, ("html-index", tuple(params.items()), page), "index.html", build)
    assert resp is not None
    return resp


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(request: Request, story_id: str) -> HTMLResponse:
    st = _st(request)

    def build() -> dict[str, Any] | None:
        view = service.get_story_page(st, story_id)
        if view is None:
            return None
        return {"s": view, "json_url": f"/api/v1/stories/{story_id}", "page_title": view["title"]}

    resp = await _cached_html(request, ("html-story", story_id), "story.html", build) if len(story_id) <= MAX_ID else None
    if resp is None:
        raise HTTPException(404, "There is no story with this id.")
    return resp


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, outlet: Text = "", page: Page = 1, per_page: PerPage = 50) -> HTMLResponse:
    res = service.list_articles(_st(request), page, per_page, outlet.strip())
    return render(request, "articles.html", res=res, params={"outlet": outlet.strip(), "per_page": per_page},
                  json_url="/api/v1/articles", page_title="Articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> HTMLResponse:
    st = _st(request)

    def build() -> dict[str, Any] | None:
        data = service.get_article(st, article_id)
        if data is None:
            return None
        return {"d": data, "a": data["article"], "json_url": f"/api/v1/articles/{data['article']['id']}",
                "page_title": data["article"]["title"] or data["article"]["source"]}

    resp = await _cached_html(request, ("html-article", article_id), "article.html", build) if len(article_id) <= MAX_ID else None
    if resp is None:
        raise HTTPException(404, "There is no article with this id.")
    return resp


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Text = "", page: Page = 1, per_page: PerPage = 20) -> HTMLResponse:
    res = service.run_search(_st(request), q, page, per_page)
    return render(request, "search.html", res=res, params={"q": q}, json_url="/api/v1/search",
                  page_title=f"Search: {q}" if q else "Search", f=None)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, job: Text = "") -> HTMLResponse:
    return _ingest(request, job_id=job)


def _ingest(request: Request, job_id: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    st = _st(request)
    data = service.ingest_status(st)
    current = st.worker.job(job_id[:64]) if job_id else None
    return render(request, "ingest.html", status=status, data=data, job=current.to_dict() if current else None,
                  error=error, limit_mib=st.upload_limit // (1024 * 1024), json_url="/api/v1/ingest",
                  page_title="Ingest", refresh=data["busy"])


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_upload(request: Request, files: Annotated[list[UploadFile], File()],
                        token: Annotated[str, Form(max_length=500)] = "") -> Response:
    st = _st(request)
    try:
        check_token(st.token, token)
        st.limiter.check(request.client.host if request.client else "unknown")
        payload = [(f.filename, await f.read()) for f in files if f.filename or f.size]
        if not payload:
            raise HTTPException(400, "Choose at least one capture file.")
        job = service.submit(st, payload)
    except HTTPException as exc:
        return _ingest(request, error=str(exc.detail), status=exc.status_code)
    except service.QueueFull:
        return _ingest(request, error="Too many uploads are waiting; try again later.", status=503)
    return RedirectResponse(f"/ingest?job={job.id}", status_code=303)


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    st = _st(request)
    entries = service.feed_entries(st)
    base = str(request.base_url).rstrip("/")
    env = request.app.state.templates.env
    updated = max((e["updated_at"] or "" for e in entries), default="") or "1970-01-01T00:00:00+00:00"
    # Named .html so that package-data ships it; HTML autoescaping is also right for XML text.
    xml = env.get_template("atom_feed.html").render(entries=entries, base=base, updated=updated)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response(status_code=204, headers={"Cache-Control": "max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": op.get("parameters", []), "body": "requestBody" in op,
                        "responses": sorted(op.get("responses", {}))})
    return render(request, "docs.html", ops=ops, spec=spec, json_url="/openapi.json", page_title="API")
