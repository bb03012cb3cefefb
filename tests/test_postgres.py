"""The same pipeline on PostgreSQL gives the same digest as on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.store import Store

runner = CliRunner()


def test_digest_on_postgres_equals_sqlite(tmp_path: Path, seeds_dir: Path, pg_url: str) -> None:
    digests = []
    for name, db in (("sqlite", str(tmp_path / "n.db")), ("pg", pg_url)):
        for _ in range(2):  # the second run must add nothing
            result = runner.invoke(app, ["digest", str(seeds_dir), "--out", str(tmp_path / name), "--db", db, "-q"])
            assert result.exit_code == 0, result.output
        digests.append(json.loads((tmp_path / name / "digest.json").read_text()))
        with Store(db) as store:
            assert store.counts()["documents"] == 5
            assert store.integrity_problems() == []
    assert digests[0] == digests[1]


def test_rejections_and_state_on_postgres(tmp_path: Path, pg_url: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", pg_url, "-q"])
    assert result.exit_code == 3
    with Store(pg_url) as store:
        assert any(r.source == "empty.txt" and r.reason == "empty" for r in store.rejections())
        store.set_state("k", b"v1")
        store.set_state("k", b"v2")
        assert store.get_state("k") == b"v2"
