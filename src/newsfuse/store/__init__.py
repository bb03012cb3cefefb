"""The newsfuse store: one SQLite file by default, PostgreSQL by URL.

Every write is one transaction: a run killed at any point leaves the store as it
was after the last committed batch, and running again completes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, delete, func, null, select, text
from sqlalchemy.engine import Engine

from ..records import Article, CopyGroup, Document, Rejection, Relation, Story, Synthesis
from . import codec
from . import schema as t
from .connect import CHANGES, DEFAULT_DB, open_engine, resolve_url

__all__ = ["DEFAULT_DB", "Store", "resolve_url"]


class Store:
    """Typed access to the tables; every method is one transaction."""

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = resolve_url(db)
        self.engine: Engine = open_engine(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (on SQLite it holds the write lock from its start)."""
        with self.engine.connect() as conn:
            conn.execution_options(newsfuse_write=True)
            with conn.begin():
                yield conn
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT nextval('{CHANGES}')")

    def change_counter(self) -> int | None:
        """A number that grows with every write transaction (PostgreSQL), for caches of
        derived views; None where the caller must look elsewhere (SQLite: the file)."""
        if self.engine.dialect.name != "postgresql":
            return None
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT last_value FROM {CHANGES}").scalar_one())

    def _upsert(self, conn: Connection, table: Any, rows: list[dict[str, Any]], keys: Sequence[str], update: bool) -> int:
        """Insert rows; on a key clash update them (``update``) or leave them. Returns rows inserted."""
        if not rows:
            return 0
        stmt = self._insert(table)
        if update:
            cols = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
            stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=cols)
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
        result = conn.execute(stmt, rows)
        return max(result.rowcount or 0, 0)

    # -- documents -------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found.update(conn.scalars(select(t.documents.c.id).where(t.documents.c.id.in_(chunk))))
        return found

    def add_documents(self, docs: Sequence[Document]) -> set[str]:
        """Store documents not yet known (by content hash); returns the ids this call added.

        "Added" is what the insert itself reports, so two processes ingesting the same
        files at once each count only the documents they really stored.
        """
        known = self.known_ids(d.id for d in docs)
        rows, seen = [], set()
        for d in docs:
            if d.id in known or d.id in seen:
                continue
            seen.add(d.id)
            rows.append(
                {
                    "id": d.id, "source": d.source, "origin": d.origin, "locator": d.locator,
                    "format": d.format, "encoding": d.encoding, "size": d.size,
                    "ingested_at": d.ingested_at, "meta": json.dumps(d.meta), "raw": d.raw,
                }
            )
        if not rows:
            return set()
        stmt = self._insert(t.documents).on_conflict_do_nothing(index_elements=["id"])
        stmt = stmt.returning(t.documents.c.id, sort_by_parameter_order=True)
        with self.transaction() as conn:
            return {row[0] for row in conn.execute(stmt, rows) if row is not None}

    def _insert(self, table: Any) -> Any:
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        query = select(t.documents).order_by(t.documents.c.id)
        with self.engine.connect() as conn:
            for row in _rows(conn, query, t.documents.c.id, ids):
                yield _document(row)

    def document(self, doc_id: str) -> Document | None:
        return next(self.documents([doc_id]), None)

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(t.documents.c.id).order_by(t.documents.c.id)))

    # -- rejections ------------------------------------------------------------------------

    def add_rejections(self, rejections: Sequence[Rejection]) -> int:
        rows = []
        for r in rejections:
            key = hashlib.sha256(f"{r.origin}|{r.locator}|{r.sha256}|{r.reason}".encode()).hexdigest()
            rows.append(
                {"id": key, "source": r.source, "origin": r.origin, "locator": r.locator,
                 "reason": r.reason, "sha256": r.sha256, "at": r.at, "raw": r.raw}
            )
        with self.transaction() as conn:
            return self._upsert(conn, t.rejections, rows, ["id"], update=False)

    def rejections(self) -> list[Rejection]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.rejections).order_by(t.rejections.c.at, t.rejections.c.source))
            return [
                Rejection(source=r.source, reason=r.reason, origin=r.origin, locator=r.locator,
                          raw=r.raw, sha256=r.sha256, at=r.at)
                for r in rows
            ]

    # -- articles --------------------------------------------------------------------------

    def put_articles(self, articles: Sequence[Article], states: dict[str, bytes] | None = None,
                     labels: bool = True) -> None:
        """Upsert articles, and in the same transaction the given states (what made them).

        ``labels=False`` leaves the stored line labels as they are: for articles read
        with ``articles(labels=False)``, whose ``labels`` are empty only because they were
        not read.
        """
        encode = codec.encode if labels else codec.encode_light
        self.put_article_rows([encode(a) for a in articles], states)

    def put_article_rows(self, rows: Sequence[dict[str, Any]], states: dict[str, bytes] | None = None) -> None:
        """``put_articles`` of rows already encoded (``store.codec.encode``: the local engine
        encodes them on its worker processes). A row without a ``labels`` key
        (``codec.encode_light``) leaves that article's stored labels as they are."""
        # One statement sets its first row's columns on every row: rows with labels and
        # rows without are written apart, or some labels would be dropped or nulled.
        parts = ([r for r in rows if "labels" in r], [r for r in rows if "labels" not in r])
        with self.transaction() as conn:
            for part in parts:
                for i in range(0, len(part), 500):
                    self._upsert(conn, t.articles, part[i : i + 500], ["id"], update=True)
            for key, value in (states or {}).items():
                self._write_state(conn, key, value)

    def articles(self, ids: Iterable[str] | None = None, labels: bool = True) -> list[Article]:
        """Articles by id (all when None), in id order; ``labels=False`` does not read their
        line labels (most of their bytes; only the extraction's explanation uses them)."""
        return list(self._articles(ids, labels))

    def _articles(self, ids: Iterable[str] | None, labels: bool) -> Iterator[Article]:
        cols = [t.articles.c.data, t.articles.c.labels] if labels else [t.articles.c.data, null()]
        query = select(*cols).order_by(t.articles.c.id)
        with self.engine.connect() as conn:
            for data, lab in _rows(conn, query, t.articles.c.id, ids):
                yield codec.decode(data, lab, labels)

    def iter_articles(self, batch: int = 2000, labels: bool = True) -> Iterator[Article]:
        """Every article, by id, read ``batch`` at a time: a store of millions is never
        held in memory at once."""
        last = ""
        lab = t.articles.c.labels if labels else null()
        while True:
            q = (select(t.articles.c.id, t.articles.c.data, lab).where(t.articles.c.id > last)
                 .order_by(t.articles.c.id).limit(batch))
            with self.engine.connect() as conn:
                rows = conn.execute(q).all()
            if not rows:
                return
            last = rows[-1][0]
            yield from (codec.decode(d, x, labels) for _, d, x in rows)

    def article_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.articles.c.id)))

    def extracted_doc_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.articles.c.doc_id)))

    def article(self, ref: str) -> Article | None:
        """An article by id, id prefix, document id or source."""
        cols = select(t.articles.c.data, t.articles.c.labels)
        with self.engine.connect() as conn:
            row = conn.execute(
                cols.where(
                    (t.articles.c.id == ref[:12]) | (t.articles.c.doc_id == ref) | (t.articles.c.source == ref)
                ).limit(1)
            ).first()
            if row is None and len(ref) >= 4:
                row = conn.execute(
                    cols.where(t.articles.c.id.like(f"{_like(ref)}%", escape="\\")).limit(1)
                ).first()
        return codec.decode(row[0], row[1]) if row else None

    # -- copies ----------------------------------------------------------------------------

    def replace_copies(self, relations: Sequence[Relation], groups: Sequence[CopyGroup]) -> None:
        rel_rows = [
            {"a": r.a, "b": r.b, "type": r.type, "score": r.score, "data": json.dumps(r.to_dict())}
            for r in relations
        ]
        group_rows = [{"original": g.original, "data": json.dumps(g.to_dict())} for g in groups]
        with self.transaction() as conn:
            conn.execute(delete(t.relations))
            conn.execute(delete(t.copy_groups))
            if rel_rows:
                conn.execute(t.relations.insert(), rel_rows)
            if group_rows:
                conn.execute(t.copy_groups.insert(), group_rows)

    def relations(self, article_id: str | None = None) -> list[Relation]:
        query = select(t.relations.c.data).order_by(t.relations.c.a, t.relations.c.b)
        if article_id:
            query = query.where((t.relations.c.a == article_id) | (t.relations.c.b == article_id))
        with self.engine.connect() as conn:
            return [Relation.from_dict(json.loads(d)) for d in conn.scalars(query)]

    def copy_groups(self) -> list[CopyGroup]:
        with self.engine.connect() as conn:
            q = select(t.copy_groups.c.data).order_by(t.copy_groups.c.original)
            return [CopyGroup.from_dict(json.loads(d)) for d in conn.scalars(q)]

    # -- stories ---------------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story], updated_at: str) -> None:
        old = {s.id: s for s in self.stories()}
        rows, links = [], []
        for s in stories:
            prev = old.get(s.id)
            # A story's update time moves only when its membership changes (Atom feeds rely on it).
            changed = prev is None or sorted(prev.articles) != sorted(s.articles)
            stamp = updated_at if changed else self._story_updated_at(s.id) or updated_at
            rows.append(
                {"id": s.id, "title": s.title, "first_date": s.first_date, "last_date": s.last_date,
                 "n_articles": len(s.articles), "n_sources": s.independent_sources,
                 "updated_at": stamp, "data": json.dumps(s.to_dict())}
            )
            links.extend({"article_id": a, "story_id": s.id} for a in s.articles)
        with self.transaction() as conn:
            conn.execute(delete(t.stories))
            conn.execute(delete(t.story_articles))
            if rows:
                conn.execute(t.stories.insert(), rows)
            if links:
                conn.execute(t.story_articles.insert(), links)

    def _story_updated_at(self, story_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(t.stories.c.updated_at).where(t.stories.c.id == story_id))

    def stories(self, ids: Iterable[str] | None = None) -> list[Story]:
        query = select(t.stories.c.data).order_by(t.stories.c.n_articles.desc(), t.stories.c.id)
        if ids is not None:
            query = query.where(t.stories.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [Story.from_dict(json.loads(d)) for d in conn.scalars(query)]

    def story(self, story_id: str) -> Story | None:
        found = self.stories([story_id])
        return found[0] if found else None

    def story_updated(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {i: u for i, u in conn.execute(select(t.stories.c.id, t.stories.c.updated_at))}

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        ids = list(article_ids)
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(t.story_articles.c.article_id, t.story_articles.c.story_id).where(
                    t.story_articles.c.article_id.in_(ids[i : i + 500])
                )
                out.update({a: s for a, s in conn.execute(q)})
        return out

    # -- syntheses -------------------------------------------------------------------------

    def replace_syntheses(self, syntheses: Sequence[Synthesis]) -> None:
        """Make ``syntheses`` the only ones stored."""
        self.replace_synthesis_data([(s.story_id, json.dumps(s.to_dict())) for s in syntheses])

    def replace_synthesis_data(self, syntheses: Sequence[tuple[str, str]]) -> None:
        """``replace_syntheses`` of ``(story_id, data)`` pairs, ``data`` the JSON of
        ``Synthesis.to_dict`` (as ``synthesis_data`` gives it)."""
        rows = [{"story_id": sid, "data": data} for sid, data in syntheses]
        with self.transaction() as conn:
            conn.execute(delete(t.syntheses))
            if rows:
                conn.execute(t.syntheses.insert(), rows)

    def update_synthesis_data(self, fresh: Iterable[tuple[str, str]], live: Iterable[str]) -> int:
        """Write ``fresh``, ``(story_id, data)`` pairs as ``replace_synthesis_data`` takes
        them (consumed as it is iterated: it may be a stream), and remove the syntheses
        of stories not in ``live``; a live story's stored synthesis that ``fresh`` does
        not replace stays. One transaction. Returns how many were written."""
        live = set(live)
        written = 0
        with self.transaction() as conn:
            stale = [i for i in conn.scalars(select(t.syntheses.c.story_id)) if i not in live]
            for i in range(0, len(stale), 500):
                conn.execute(delete(t.syntheses).where(t.syntheses.c.story_id.in_(stale[i : i + 500])))
            rows: list[dict[str, Any]] = []
            for sid, data in fresh:
                rows.append({"story_id": sid, "data": data})
                if len(rows) >= 500:
                    written += len(rows)
                    self._upsert(conn, t.syntheses, rows, ["story_id"], update=True)
                    rows = []
            written += len(rows)
            self._upsert(conn, t.syntheses, rows, ["story_id"], update=True)
        return written

    def synthesis_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.syntheses.c.story_id)))

    def synthesis(self, story_id: str) -> Synthesis | None:
        with self.engine.connect() as conn:
            data = conn.scalar(select(t.syntheses.c.data).where(t.syntheses.c.story_id == story_id))
        return Synthesis.from_dict(json.loads(data)) if data else None

    def synthesis_data(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """story id -> its synthesis as stored: the JSON of ``Synthesis.to_dict``."""
        query = select(t.syntheses.c.story_id, t.syntheses.c.data).order_by(t.syntheses.c.story_id)
        with self.engine.connect() as conn:
            return dict(_rows(conn, query, t.syntheses.c.story_id, ids))

    def syntheses(self, ids: Iterable[str] | None = None) -> list[Synthesis]:
        query = select(t.syntheses.c.data).order_by(t.syntheses.c.story_id)
        with self.engine.connect() as conn:
            return [Synthesis.from_dict(json.loads(d)) for (d,) in _rows(conn, query, t.syntheses.c.story_id, ids)]

    # -- state and counts ------------------------------------------------------------------

    # A SQLite blob holds at most 1 GB: large states (the copy index at a million
    # articles) are stored as numbered chunks, written in one transaction.
    STATE_CHUNK = 256 * 1024 * 1024

    def get_state(self, key: str) -> bytes | None:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.state.c.key, t.state.c.value).where(
                    (t.state.c.key == key) | t.state.c.key.like(f"{_like(key)}#%", escape="\\")
                )
            ).all()
        if not rows:
            return None
        plain = [r.value for r in rows if r.key == key]
        if plain:
            return bytes(plain[0])
        chunks = sorted(((int(r.key.rsplit("#", 1)[1]), bytes(r.value)) for r in rows))
        return b"".join(c for _, c in chunks)

    def set_state(self, key: str, value: bytes) -> None:
        with self.transaction() as conn:
            self._write_state(conn, key, value)

    def _write_state(self, conn: Connection, key: str, value: bytes) -> None:
        conn.execute(delete(t.state).where(
            (t.state.c.key == key) | t.state.c.key.like(f"{_like(key)}#%", escape="\\")))
        if len(value) <= self.STATE_CHUNK:
            conn.execute(t.state.insert(), [{"key": key, "value": value}])
        else:
            conn.execute(t.state.insert(), [
                {"key": f"{key}#{n}", "value": value[i : i + self.STATE_CHUNK]}
                for n, i in enumerate(range(0, len(value), self.STATE_CHUNK))
            ])

    def counts(self) -> dict[str, int]:
        tables = {
            "documents": t.documents, "rejections": t.rejections, "articles": t.articles,
            "relations": t.relations, "stories": t.stories,
        }
        with self.engine.connect() as conn:
            return {name: conn.scalar(select(func.count()).select_from(tab)) or 0 for name, tab in tables.items()}

    def integrity_problems(self) -> list[str]:
        """Consistency checks across tables (``newsfuse check``)."""
        checks = {
            "article without its document": "SELECT id FROM articles WHERE doc_id NOT IN (SELECT id FROM documents)",
            "story link to a missing article": "SELECT article_id FROM story_articles WHERE article_id NOT IN (SELECT id FROM articles)",
            "story link to a missing story": "SELECT story_id FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)",
            "relation to a missing article": "SELECT a FROM relations WHERE a NOT IN (SELECT id FROM articles) OR b NOT IN (SELECT id FROM articles)",
            "synthesis of a missing story": "SELECT story_id FROM syntheses WHERE story_id NOT IN (SELECT id FROM stories)",
        }
        problems = []
        with self.engine.connect() as conn:
            for what, sql in checks.items():
                bad = list(conn.scalars(text(sql)))
                if bad:
                    problems.append(f"{len(bad)} {what} (e.g. {bad[0]})")
            for row in conn.execute(select(t.documents.c.id, t.documents.c.raw)).yield_per(500):
                if hashlib.sha256(row.raw).hexdigest() != row.id:
                    problems.append(f"document {row.id[:12]} bytes do not match their hash")
        return problems


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _document(row: Any) -> Document:
    from ..ingest.readers import text_of

    raw, meta = bytes(row.raw), json.loads(row.meta)
    return Document(
        id=row.id, source=row.source, format=row.format, raw=raw,
        text=text_of(raw, row.encoding, meta), encoding=row.encoding,
        origin=row.origin, locator=row.locator, size=row.size,
        ingested_at=row.ingested_at, meta=meta,
    )


def _rows(conn: Connection, query: Any, key: Any, ids: Iterable[str] | None) -> Iterator[Any]:
    """The rows of ``query`` (in its order), or, given ``ids``, those whose ``key`` is
    one of them: 500 ids a query (a statement's bound parameters are limited)."""
    if ids is None:
        yield from conn.execute(query)
        return
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), 500):
        yield from conn.execute(query.where(key.in_(wanted[i : i + 500])))
