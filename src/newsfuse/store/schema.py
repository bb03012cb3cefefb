"""Tables of the newsfuse store (SQLAlchemy Core, portable across SQLite and PostgreSQL).

Records are kept as JSON text beside the few columns that are queried, so the
store schema does not have to change every time a record gains a field.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# 2: articles keep their line labels in a column of their own (``store.codec``).
SCHEMA_VERSION = 2

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the raw bytes
    Column("source", Text, nullable=False),
    Column("origin", Text, nullable=False, default=""),
    Column("locator", Text, nullable=False, default=""),
    Column("format", String(16), nullable=False),
    Column("encoding", String(40), nullable=False, default="utf-8"),
    Column("size", Integer, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    Column("meta", Text, nullable=False, default="{}"),
    Column("raw", LargeBinary, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of origin|locator|raw sha
    Column("source", Text, nullable=False),
    Column("origin", Text, nullable=False, default=""),
    Column("locator", Text, nullable=False, default=""),
    Column("reason", Text, nullable=False),
    Column("sha256", String(64), nullable=False, default=""),
    Column("at", String(40), nullable=False),
    Column("raw", LargeBinary, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("trusted_date", String(32)),
    Column("data", Text, nullable=False),
    Column("labels", Text),  # JSON [line, label, text] triples; NULL in rows of schema 1
)

relations = Table(
    "relations",
    metadata,
    Column("a", String(32), primary_key=True),
    Column("b", String(32), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("data", Text, nullable=False),
)

copy_groups = Table(
    "copy_groups",
    metadata,
    Column("original", String(32), primary_key=True),
    Column("data", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("data", Text, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("story_id", String(32), nullable=False),
    Index("ix_story_articles_story", "story_id"),
)

syntheses = Table(
    "syntheses",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("data", Text, nullable=False),
)

# Opaque state of incremental components (template memory, LSH index, clusterer).
state = Table(
    "state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
