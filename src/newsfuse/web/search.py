"""Full-text search over article titles and bodies for the web UI.

On a SQLite store the index is an FTS5 table in a private SQLite file that the
server owns (never the user's store, so searching never takes the store's write
lock). It is filled lazily from ``store.articles()`` and topped up when the store
gains articles. Where FTS5 is missing, or the store is PostgreSQL, search falls
back to LIKE over the store's ``articles`` table (up to LIKE_CANDIDATES rows per query).

User text is never passed to FTS5 as query syntax: it is cut into word tokens
and each token is quoted, so no input can make the query fail.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select

from ..store import Store
from ..store import schema as t

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
LIKE_CANDIDATES = 5000
MAX_TOKENS = 12
HIT, END = "\x02", "\x03"  # snippet markers: control characters cannot occur in indexed text


def tokens(query: str) -> list[str]:
    """Search words in ``query`` (lower-cased, at most MAX_TOKENS)."""
    return [w.lower() for w in _TOKEN.findall(query or "")][:MAX_TOKENS]


@dataclass
class Hit:
    """One matching article with a snippet cut into (text, highlighted) segments."""

    id: str
    title: str | None
    outlet: str | None
    date: str | None
    source: str
    segments: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def snippet(self) -> str:
        return "".join(s for s, _ in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "date": self.date,
                "source": self.source, "snippet": self.snippet}


def _segments(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{HIT}{END}]", text)):
        if part:
            out.append((part, i % 2 == 1))
    return out


def _clean(text: str) -> str:
    return text.replace(HIT, " ").replace(END, " ")


class SearchIndex:
    """Article search: FTS5 in a private file when possible, else LIKE over the store."""

    def __init__(self, store: Store, path: Path | None) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._indexed: set[str] = set()
        self._db: sqlite3.Connection | None = None
        if store.engine.dialect.name == "sqlite" and path is not None:
            self._db = _open_fts(path)

    @property
    def backend(self) -> str:
        return "fts5" if self._db is not None else "like"

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def refresh(self) -> int:
        """Index articles the store gained since the last call; returns how many."""
        if self._db is None:
            return 0
        with self.store.engine.connect() as conn:
            count = conn.scalar(select(func.count()).select_from(t.articles)) or 0
        with self._lock:
            # Articles are never deleted, so an unchanged count means nothing new.
            if count == len(self._indexed):
                return 0
            new = sorted(self.store.article_ids() - self._indexed)
            for i in range(0, len(new), 500):
                chunk = self.store.articles(new[i : i + 500], labels=False)
                self._db.executemany(
                    "INSERT INTO fts(id, title, body) VALUES (?, ?, ?)",
                    [(a.id, _clean(a.title or ""), _clean(a.body)) for a in chunk],
                )
                self._indexed.update(a.id for a in chunk)
            self._db.commit()
            return len(new)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[list[Hit], int]:
        """Matching articles, best first, and the total number of matches."""
        words = tokens(query)
        if not words:
            return [], 0
        if self._db is not None:
            self.refresh()
            return self._fts(words, limit, offset)
        return self._like(words, limit, offset)

    def article_ids(self, query: str, cap: int = 20000) -> list[str]:
        """Ids of up to ``cap`` matching articles (to filter stories by), without snippets."""
        words = tokens(query)
        if not words:
            return []
        if self._db is None:
            return [h.id for h in self._like(words, cap, 0)[0]]
        self.refresh()
        with self._lock:
            rows = self._db.execute("SELECT id FROM fts WHERE fts MATCH ? LIMIT ?", (_match(words), cap)).fetchall()
        return [r[0] for r in rows]

    def _fts(self, words: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
        match = _match(words)
        assert self._db is not None
        with self._lock:
            total = self._db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
            rows = self._db.execute(
                "SELECT id, snippet(fts, 2, ?, ?, '\u2026', 24), snippet(fts, 1, ?, ?, '', 40) "
                "FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 0.0, 4.0, 1.0) LIMIT ? OFFSET ?",
                (HIT, END, HIT, END, match, limit, offset),
            ).fetchall()
        meta = {a.id: a for a in self.store.articles([r[0] for r in rows], labels=False)}
        hits = []
        for art_id, body_snip, title_snip in rows:
            a = meta.get(art_id)
            if a is None:
                continue
            snip = body_snip if HIT in body_snip else (body_snip or title_snip)
            hits.append(Hit(a.id, a.title, a.outlet, a.trusted_date or a.published, a.source, _segments(snip)))
        return hits, int(total)

    def _like(self, words: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
        # SQL narrows to rows whose title or JSON record contains every word; Python then keeps
        # those whose title or body really do (the JSON also holds keys, ids and other fields).
        cond = and_(*[
            or_(t.articles.c.title.ilike(f"%{_esc(w)}%", escape="\\"), t.articles.c.data.ilike(f"%{_esc(w)}%", escape="\\"))
            for w in words
        ])
        with self.store.engine.connect() as conn:
            rows = list(conn.scalars(
                select(t.articles.c.data).where(cond).order_by(t.articles.c.trusted_date.desc(), t.articles.c.id)
                .limit(LIKE_CANDIDATES)
            ))
        found = []
        for data in rows:
            a = json.loads(data)
            text = f"{a.get('title') or ''}\n{a.get('body') or ''}".lower()
            if all(w in text for w in words):
                found.append(a)
        hits = [Hit(a["id"], a.get("title"), a.get("outlet"), a.get("trusted_date") or a.get("published"),
                    a.get("source", ""), _like_snippet(a.get("body") or "", words))
                for a in found[offset : offset + limit]]
        return hits, len(found)


def _match(words: list[str]) -> str:
    """An FTS5 query: every token quoted (so it is a plain term), the last one also a prefix."""
    return " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'


def _esc(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_snippet(body: str, words: list[str], width: int = 90) -> list[tuple[str, bool]]:
    low = body.lower()
    pos = min((p for p in (low.find(w) for w in words) if p >= 0), default=0)
    start = max(0, pos - width)
    piece = body[start : pos + width * 2]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[tuple[str, bool]] = [("\u2026", False)] if start else []
    last = 0
    for m in pattern.finditer(piece):
        out.extend([(piece[last : m.start()], False), (m.group(0), True)])
        last = m.end()
    out.append((piece[last:], False))
    return [s for s in out if s[0]]


def _open_fts(path: Path) -> sqlite3.Connection | None:
    """A connection to a fresh FTS5 index at ``path``, or None when FTS5 is unavailable."""
    try:
        db = sqlite3.connect(str(path), check_same_thread=False)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("DROP TABLE IF EXISTS fts")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, body, "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        return db
    except sqlite3.Error:
        return None
