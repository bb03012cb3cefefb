"""Backup and restore: ``export --format backup`` -> ``import`` into an empty store gives the same store,
and a later ingest into the restored store continues exactly as in the original."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import newsfuse
from newsfuse.cli import app
from newsfuse.store import schema as t
from newsfuse.store.transfer import TransferError

runner = CliRunner()


def _snapshot(nf: newsfuse.Newsfuse, stamps: bool = True) -> dict[str, Any]:
    """Everything a user or a later run can see of a store (``stamps``: with the times of
    ingests and story updates, which differ between two runs of the same ingest)."""
    with nf.store.engine.connect() as conn:
        states = {r.key: bytes(r.value) for r in conn.execute(select(t.state))}
        updated = dict(conn.execute(select(t.stories.c.id, t.stories.c.updated_at)).all())
    return {
        "documents": [(d.id, d.source, d.origin, d.locator, d.format, d.encoding, d.raw, d.meta,
                       d.ingested_at if stamps else "") for d in nf.store.documents()],
        "rejections": [r.to_dict() | {"raw": r.raw} for r in nf.errors()],
        "articles": [a.to_dict() for a in nf.articles()],
        "relations": [r.to_dict() for r in nf.relations()],
        "groups": [g.to_dict() for g in nf.store.copy_groups()],
        "stories": [s.to_dict() for s in nf.stories()],
        "syntheses": [s.to_dict() for s in nf.store.syntheses()],
        "digest": nf.digest_of(),
        "states": states,
        "updated": updated if stamps else {},
    }


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict[str, Any]:
    """The demo corpus less one held-out file, plus an empty capture (a rejection) and a hand merge."""
    base = tmp_path_factory.mktemp("transfer")
    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    corpus = base / "corpus"
    corpus.mkdir()
    for f in files[:-1]:
        (corpus / f.name).symlink_to(f)
    (corpus / "empty.txt").write_bytes(b"")
    db = base / "original.db"
    with newsfuse.open(db) as nf:
        nf.ingest([corpus])
        nf.process()
        first, second = nf.stories()[:2]
        merged = nf.merge(first.id, second.id)
        gone = second.id if merged.id == first.id else first.id
        backup = base / "backup.jsonl.gz"
        with gzip.open(backup, "wt", encoding="utf-8") as fh:
            nf.export("backup", fh)
        snap = _snapshot(nf)
    assert snap["rejections"] and len(snap["stories"]) >= 3
    return {"db": db, "backup": backup, "snapshot": snap, "held_out": files[-1], "gone": gone,
            "merged": merged.id}


def test_round_trip_into_empty_sqlite_store(tmp_path: Path, original: dict[str, Any]) -> None:
    db = str(tmp_path / "restored.db")
    result = runner.invoke(app, ["import", str(original["backup"]), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output
    with newsfuse.open(db) as nf:
        assert _snapshot(nf) == original["snapshot"]
        assert nf.check() == []
        # The id of the story merged away by hand still finds the survivor.
        assert nf.story(original["gone"]).id == original["merged"]


def test_import_refuses_a_non_empty_store_without_traceback(tmp_path: Path, original: dict[str, Any]) -> None:
    result = runner.invoke(app, ["import", str(original["backup"]), "--db", str(original["db"])])
    assert result.exit_code == 1
    assert "not empty" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_import_refuses_a_cut_off_or_foreign_file_and_leaves_the_store_empty(
        tmp_path: Path, original: dict[str, Any]) -> None:
    lines = gzip.decompress(original["backup"].read_bytes()).splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(lines[: len(lines) // 2]))
    with newsfuse.open(tmp_path / "a.db") as nf:
        with pytest.raises(TransferError, match="cut off"):
            nf.import_backup(cut)
        assert nf.store.counts() == dict.fromkeys(nf.store.counts(), 0)
    article_export = tmp_path / "articles.json"
    with newsfuse.open(original["db"]) as nf:
        article_export.write_text(nf.export("json") or "")
    result = runner.invoke(app, ["import", str(article_export), "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 1 and "not a newsfuse backup" in result.output


def test_round_trip_sqlite_to_postgres(pg_fresh_url: str, original: dict[str, Any]) -> None:
    with newsfuse.open(pg_fresh_url) as nf:
        counts = nf.import_backup(original["backup"])
        assert counts["documents"] == len(original["snapshot"]["documents"])
        assert _snapshot(nf) == original["snapshot"]
        assert nf.check() == []


def test_a_later_ingest_continues_the_restored_store_exactly(tmp_path: Path, original: dict[str, Any]) -> None:
    copy = tmp_path / "original.db"
    shutil.copy(original["db"], copy)  # the store is closed: WAL checkpointed into the file
    restored = tmp_path / "restored.db"
    with newsfuse.open(restored) as nf:
        nf.import_backup(original["backup"])
    snaps = []
    for db in (copy, restored):
        with newsfuse.open(db) as nf:
            result = nf.ingest([original["held_out"]])
            assert len(result.new) == 1
            nf.process()
            snaps.append(_snapshot(nf, stamps=False))
    assert snaps[0]["articles"] != original["snapshot"]["articles"]
    assert snaps[0] == snaps[1]
