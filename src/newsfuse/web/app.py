"""The FastAPI application: HTML pages, their JSON twins under /api/v1, and the plumbing."""

from __future__ import annotations

import atexit
import os
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import Store
from .jobs import make_root
from .security import BodyLimit, SecurityHeaders
from .service import WebState

UPLOAD_LIMIT = 20 * 1024 * 1024
WRITE_PATHS = ("/api/v1/captures", "/ingest")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("newsfuse.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["xmlsafe"] = lambda s: _XML_BAD.sub("", str(s or ""))
    env.globals["qs"] = _qs
    return env


def _qs(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes``, dropping empty values."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    if merged.get("page") == 1:
        del merged["page"]
    return urlencode(merged)


def create_app(db: str | None = None, token: str | None = None, *, upload_limit: int = UPLOAD_LIMIT,
               uploads_per_minute: float = 10.0) -> FastAPI:
    """The web app over the store ``db`` (a path or URL; default ``$NEWSFUSE_DB``).

    ``token`` (default ``$NEWSFUSE_TOKEN``) authorises writes; without one the app is read-only.
    """
    store = Store(db)
    root = make_root()
    atexit.register(shutil.rmtree, root, True)  # also when the server is stopped without a clean shutdown
    state = WebState.open(store, token if token is not None else os.environ.get("NEWSFUSE_TOKEN"),
                          root, upload_limit, uploads_per_minute)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.worker.close()
        state.search.close()
        store.close()
        shutil.rmtree(root, ignore_errors=True)

    app = FastAPI(
        title="newsfuse", version=_version(), lifespan=lifespan,
        description="Stories fused from many outlets' captures. Every HTML page has a JSON twin here.",
        docs_url=None, redoc_url=None,  # the stock docs pages load scripts from a CDN; /docs is ours
    )
    app.state.nf = state
    app.state.templates = Jinja2Templates(env=_env())
    app.add_middleware(BodyLimit, limit=upload_limit, prefixes=WRITE_PATHS)
    app.add_middleware(SecurityHeaders)
    _errors(app)

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    css = resources.files("newsfuse.report").joinpath("templates/report.css").read_text(encoding="utf-8")

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> Response:
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    app.mount("/static", StaticFiles(directory=str(Path(__file__).with_name("static"))), name="static")
    return app


def _version() -> str:
    from .. import __version__

    return str(__version__)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/openapi", "/feed")) or "application/json" in request.headers.get("accept", "")


def _errors(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = getattr(exc, "headers", None)
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        return error_page(request, exc.status_code, str(exc.detail), headers)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _wants_json(request):
            errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
            return JSONResponse({"detail": errors}, status_code=422)
        return error_page(request, 400, "Some parameters of this address are not valid.")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)
