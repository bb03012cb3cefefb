"""web: the ``newsfuse serve`` web UI and REST API over a store.

Server-rendered pages (FastAPI + Jinja2, autoescaped), each with a JSON twin under
/api/v1, an Atom feed of new and updated stories, and an upload page that ingests
and processes captures in a background thread.
"""

from __future__ import annotations

import os

from .app import create_app

__all__ = ["create_app", "run_server"]


def run_server(db: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn; writes are enabled by ``$NEWSFUSE_TOKEN``."""
    import uvicorn

    app = create_app(db, os.environ.get("NEWSFUSE_TOKEN") or None)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
