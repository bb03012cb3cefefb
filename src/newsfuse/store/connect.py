"""Opening a store: the URL, the SQLite connection settings, the tables and migrations.

Kept apart from ``Store`` (typed access to the tables) because it is the one place
that knows how two processes, or two dialects, open the same store safely.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, create_engine, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from . import codec
from . import schema as t

DEFAULT_DB = "newsfuse.db"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, anything else a SQLite file path."""
    db = db or os.environ.get("NEWSFUSE_DB") or DEFAULT_DB
    db = str(db)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().absolute()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun by ``_sqlite_begin`` below, not by the driver.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # busy_timeout first: switching to WAL itself needs a lock another process may hold.
    # WAL lets readers (serve) run while a writer (ingest) commits.
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock at once (BEGIN IMMEDIATE), so a second
    # writer waits in busy_timeout. A deferred one that read first and then writes
    # fails with "database is locked" at once when another process wrote meanwhile.
    writes = conn.get_execution_options().get("newsfuse_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# A PostgreSQL sequence bumped by every write transaction: sequences are not
# transactional, so a rolled-back write only costs a cache miss, never a stale page.
CHANGES = "newsfuse_changes"


def open_engine(url: str) -> Engine:
    """A SQLAlchemy engine on ``url`` with the tables created and migrated."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    _create_tables(engine)
    return engine


def _create_tables(engine: Engine) -> None:
    # Two processes opening a new store at once both see no tables and both create them:
    # the loser's "already exists" means the tables are there, so look again.
    for attempt in range(20):
        try:
            with engine.connect() as conn:
                conn.execution_options(newsfuse_write=True)
                with conn.begin():
                    t.metadata.create_all(conn)
                    if engine.dialect.name == "postgresql":
                        conn.exec_driver_sql(f"CREATE SEQUENCE IF NOT EXISTS {CHANGES}")
                    _migrate(conn)
            return
        except (OperationalError, ProgrammingError) as exc:
            if not ("already exists" in str(exc) or "locked" in str(exc)) or attempt == 19:
                raise
            time.sleep(0.05 * (attempt + 1))


def _migrate(conn: Connection) -> None:
    """Bring a store made by an earlier schema up to this one, in the transaction that
    opens it. Schema 1 kept article labels inside ``data``: add the ``labels`` column
    and move them there."""
    from sqlalchemy import inspect

    if "labels" in {c["name"] for c in inspect(conn).get_columns("articles")}:
        return
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN labels TEXT")
    last = ""
    while True:
        rows = conn.execute(select(t.articles.c.id, t.articles.c.data).where(t.articles.c.id > last)
                            .order_by(t.articles.c.id).limit(1000)).all()
        if not rows:
            return
        last = rows[-1][0]
        moved = []
        for article_id, data in rows:
            new_data, labels = codec.split_labels(data)
            moved.append({"_id": article_id, "_data": new_data, "_labels": labels})
        conn.execute(update(t.articles).where(t.articles.c.id == bindparam("_id"))
                     .values(data=bindparam("_data"), labels=bindparam("_labels")), moved)
