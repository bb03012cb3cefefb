"""Headers, write authorisation, upload size and rate limits.

Captured pages are hostile input: the CSP allows scripts and styles from this
origin only (no inline script, no inline style), and writes need a bearer token
compared in constant time. With no token configured the server is read-only.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
NO_TOKEN = ("writes are disabled: this server has no token. Start it with NEWSFUSE_TOKEN set "
            "and send `Authorization: Bearer <token>`.")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes on write paths with 413.

    The body is read (up to the limit) before the app sees it, so an oversize
    upload is refused whatever its framing (Content-Length or chunked).
    """

    def __init__(self, app: ASGIApp, limit: int, prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.limit = limit
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send, self.limit)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await _too_large(send, self.limit)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay_receive() -> Message:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body too large (limit {limit // (1024 * 1024)} MiB)"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


_BEARER = re.compile(r"^\s*Bearer\s+(\S+)\s*$", re.IGNORECASE)


def bearer(header: str | None) -> str | None:
    m = _BEARER.match(header or "")
    return m.group(1) if m else None


def check_token(configured: str | None, supplied: str | None) -> None:
    """Raise 403 when writes are disabled, 401 when the token is missing or wrong."""
    if not configured:
        raise HTTPException(status_code=403, detail=NO_TOKEN)
    given = (supplied or "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, configured.encode("utf-8", "replace")):
        raise HTTPException(status_code=401, detail="missing or wrong token",
                            headers={"WWW-Authenticate": "Bearer"})


class RateLimiter:
    """Token bucket per client: ``burst`` requests at once, refilled at ``per_minute``."""

    def __init__(self, per_minute: float = 10.0, burst: int = 5) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Raise 429 (with Retry-After) when ``client`` is over its rate."""
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > 10_000:  # forget idle clients rather than grow without bound
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 600}
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                wait = int((1.0 - tokens) / self.rate) + 1 if self.rate else 3600
                self._buckets[client] = (tokens, now)
                raise HTTPException(status_code=429, detail="too many uploads: try again later",
                                    headers={"Retry-After": str(wait)})
            self._buckets[client] = (tokens - 1.0, now)
