"""The Python API: one object over one store.

    import newsfuse
    nf = newsfuse.open("news.db")
    nf.ingest(["captures/"])
    nf.process()
    for story in nf.stories():
        print(story.title, len(story.articles))
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Literal

from . import edits, engine
from .engine import IngestResult, ProgressFn, RunStats
from .records import Article, Rejection, Relation, Story, Synthesis
from .report import build_digest, write_report
from .store import Store

PathLike = str | os.PathLike[str]
ExportFormat = Literal["json", "jsonl", "csv", "backup"]
EXPORT_FIELDS = ("id", "story", "source", "outlet", "title", "byline", "published", "trusted_date",
                 "wire", "dateline", "url", "original", "copy_of", "flags", "body")


class Newsfuse:
    """newsfuse over one store (a SQLite file path or a SQLAlchemy URL)."""

    def __init__(self, db: PathLike | None = None) -> None:
        self.store = Store(db)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Newsfuse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running the pipeline ---------------------------------------------------------------

    def ingest(self, paths: Iterable[PathLike], progress: ProgressFn | None = None,
               on_reject: Any = None) -> IngestResult:
        """Store every capture under ``paths``; bad items are recorded as rejections."""
        return engine.ingest(self.store, list(paths), progress or engine._noop, on_reject)

    def process(self, progress: ProgressFn | None = None) -> RunStats:
        """Extract, find copies, group stories and synthesize them for everything stored."""
        return engine.process(self.store, progress or engine._noop)

    def digest(self, paths: Iterable[PathLike], out: PathLike | None = None,
               progress: ProgressFn | None = None) -> dict[str, Any]:
        """Ingest ``paths``, run every stage, and return (and write to ``out``) the digest."""
        result = self.ingest(paths, progress)
        self.process(progress)
        if out is None:
            return self.digest_of(self.article_ids_of(result.doc_ids))
        return self.report(result, out)[0]

    def report(self, result: IngestResult, out: PathLike) -> tuple[dict[str, Any], Path]:
        """Write the report of what ``result`` ingested (and its rejections) into ``out``;
        returns the digest and the HTML page's path."""
        digest = self.digest_of(self.article_ids_of(result.doc_ids))
        page = write_report(digest, Path(out), [
            {"source": r.source, "locator": r.locator, "reason": r.reason} for r in result.rejected
        ])
        return digest, page

    def article_ids_of(self, doc_ids: Iterable[str]) -> list[str]:
        return sorted({d[:12] for d in doc_ids})

    def digest_of(self, article_ids: Iterable[str] | None = None) -> dict[str, Any]:
        """The digest (``digest.json`` shape) of the stories holding ``article_ids`` (all if None)."""
        return build_digest(self.store, article_ids)

    # -- reading ----------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, biggest first."""
        return self.store.stories()

    def story(self, story_id: str) -> Story | None:
        """A story by id; the id of a story merged into another finds the survivor."""
        return self.store.story(story_id) or self.store.story(edits.resolve_story(self.store, story_id))

    def merge(self, a: str, b: str) -> Story:
        """Merge two stories by hand (kept across later runs); returns the merged story."""
        sid = edits.edit_stories(self.store, merge=(a, b))
        return self.store.story(sid)  # type: ignore[return-value]

    def split(self, story_id: str, article_ids: Iterable[str]) -> Story:
        """Move some articles of a story into a new story by hand; returns the new story."""
        sid = edits.edit_stories(self.store, split=(story_id, list(article_ids)))
        return self.store.story(sid)  # type: ignore[return-value]

    def synthesis(self, story_id: str) -> Synthesis | None:
        return self.store.synthesis(story_id)

    def articles(self) -> list[Article]:
        return self.store.articles()

    def article(self, ref: str) -> Article | None:
        """An article by id, id prefix, document id or source."""
        return self.store.article(ref)

    def relations(self, article_id: str | None = None) -> list[Relation]:
        return self.store.relations(article_id)

    def errors(self) -> list[Rejection]:
        """Every rejected input with its reason."""
        return self.store.rejections()

    def check(self) -> list[str]:
        """Integrity problems of the store (an empty list when all is well)."""
        return self.store.integrity_problems()

    def export(self, fmt: ExportFormat = "json", fh: IO[str] | None = None) -> str | None:
        """Every article, one record each with its story; to ``fh`` or returned as a string.

        ``"backup"`` writes the whole store instead (``newsfuse.store.transfer``), for
        ``import_backup`` into an empty store."""
        if fmt == "backup":
            from .store import transfer

            if fh is None:
                return transfer.dumps(self.store)
            transfer.dump(self.store, fh)
            return None
        articles = self.store.articles()
        story_of = self.store.story_of(a.id for a in articles)
        rows = []
        for a in articles:
            data = a.to_dict()
            data["story"] = story_of.get(a.id)
            rows.append({k: data.get(k) for k in EXPORT_FIELDS})
        buf = fh or io.StringIO()
        if fmt == "json":
            json.dump(rows, buf, indent=2, ensure_ascii=False)
            buf.write("\n")
        elif fmt == "jsonl":
            for row in rows:
                buf.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer = csv.DictWriter(buf, fieldnames=list(EXPORT_FIELDS))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
        else:
            raise ValueError(f"unknown export format {fmt!r}: use json, jsonl, csv or backup")
        return None if fh else buf.getvalue()  # type: ignore[union-attr]

    def import_backup(self, source: PathLike | IO[str]) -> dict[str, int]:
        """Restore a backup (``export("backup")``: a file path, gzip if it ends in ``.gz``, or a
        text stream) into this store, which must be empty; returns rows restored per table.

        Raises ``newsfuse.store.transfer.TransferError`` for a non-empty store or a bad backup.
        """
        from .store import transfer

        if isinstance(source, str | os.PathLike):
            return transfer.load_file(self.store, source)
        return transfer.load(self.store, source)


def open(db: PathLike | None = None) -> Newsfuse:  # noqa: A001 - the API reads as newsfuse.open()
    """Open (or create) a store: a SQLite file path, or a SQLAlchemy URL such as
    ``postgresql+psycopg://user@localhost/news``. Defaults to ``$NEWSFUSE_DB`` or ``newsfuse.db``."""
    return Newsfuse(db)
