"""The CLI end to end: digest, ingest, stories, show, errors, export, check."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newsfuse.cli import EXIT_REJECTED, app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "digest.schema.json").read_text())
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def seeds_digest(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path,
                 module_store_url: str) -> tuple[Path, dict, str]:
    """The seeds' digest, on a SQLite store and on a PostgreSQL one."""
    tmp, db = tmp_path_factory.mktemp("seeds"), module_store_url
    code, output = run("digest", str(seeds_dir), "--out", str(tmp / "report"), "--db", db, "-q")
    assert code == 0, output
    assert "5 captures: 5 new, 0 already known, 0 rejected" in output
    return tmp, json.loads((tmp / "report" / "digest.json").read_text()), db


def test_seeds_digest_validates_and_lists_every_capture(seeds_digest: tuple[Path, dict, str], seeds_dir: Path) -> None:
    tmp, digest, _ = seeds_digest
    jsonschema.validate(digest, SCHEMA)
    assert sorted(a["source"] for a in digest["articles"]) == sorted(p.name for p in seeds_dir.iterdir())
    html = (tmp / "report" / "index.html").read_text()
    assert "Content-Security-Policy" in html and "<script" not in html
    for story in digest["stories"]:
        assert story["title"] in html or story["title"].replace("'", "&#39;") in html


def test_rerun_is_idempotent(seeds_digest: tuple[Path, dict, str], seeds_dir: Path) -> None:
    tmp, digest, db = seeds_digest
    code, output = run("digest", str(seeds_dir), "--out", str(tmp / "again"), "--db", db, "-q")
    assert code == 0 and "5 captures: 0 new, 5 already known, 0 rejected" in output
    assert json.loads((tmp / "again" / "digest.json").read_text()) == digest
    code, output = run("check", "--db", db)
    assert code == 0 and "5 documents" in output and "Store is consistent" in output


def test_stories_show_and_export(seeds_digest: tuple[Path, dict, str]) -> None:
    tmp, digest, db = seeds_digest
    code, output = run("stories", "--db", db, "--json")
    assert code == 0
    listed = json.loads(output)
    assert {s["id"] for s in listed} == {s["id"] for s in digest["stories"]}
    story = digest["stories"][0]
    code, output = run("show", story["id"], "--db", db)
    assert code == 0 and "Sources" in output
    article = digest["articles"][0]
    code, output = run("show", article["id"], "--db", db)
    assert code == 0 and article["source"] in output
    code, output = run("show", article["source"], "--db", db, "--raw")
    assert code == 0 and "│" in output and ("body" in output)
    code, output = run("show", "nope-not-there", "--db", db)
    assert code == 1 and "No story or article" in output

    code, output = run("export", "--format", "jsonl", "--db", db)
    rows = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert len(rows) == 5 and all(r["source"] and r["story"] for r in rows)
    code, output = run("export", "--format", "csv", "--db", db)
    assert len(list(csv.DictReader(io.StringIO(output)))) == 5
    out_file = tmp / "export.json"
    code, _ = run("export", "--format", "json", "-o", str(out_file), "--db", db)
    assert code == 0 and len(json.loads(out_file.read_text())) == 5
    code, output = run("export", "--format", "xml", "--db", db)
    assert code == 2 and "Unknown format" in output


def test_bad_inputs_exit_code_and_errors(tmp_path: Path, store_url: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "in" / "page.txt").write_text(
        "Ferry route approved after long debate\n"
        "The Portvale harbour council voted on Tuesday to approve a ferry route linking the old "
        "town to the northern islands, ending two years of debate over cost and noise.\n"
        "Councillor Ada Brenn said the first boats would sail in the spring, once the new pier is finished.\n"
    )
    db = store_url
    code, output = run("digest", str(tmp_path / "in"), "--out", str(tmp_path / "r"), "--db", db, "-q")
    assert code == EXIT_REJECTED
    assert "empty.txt: empty" in output and "junk.txt: binary content" in output
    assert "3 captures: 1 new, 0 already known, 2 rejected (see `newsfuse errors`)" in output
    code, output = run("errors", "--db", db)
    assert code == 0 and "empty.txt: empty" in output and "2 rejected inputs" in output
    digest = json.loads((tmp_path / "r" / "digest.json").read_text())
    assert [a["source"] for a in digest["articles"]] == ["page.txt"]
    assert "Rejected inputs" in (tmp_path / "r" / "index.html").read_text()


def test_help_texts_are_useful() -> None:
    code, output = run("--help")
    assert code == 0
    for command in ("digest", "ingest", "stories", "show", "errors", "export", "synthesize", "check", "serve"):
        assert command in output
    code, output = run("digest", "--help")
    assert "--out" in output and "--db" in output


def test_unusable_store_is_one_readable_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", "stories", "--db", "nosuchdialect://x"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "cannot use the store" in result.stderr and "Traceback" not in result.stderr


def test_synthesize_treats_the_inputs_as_one_story(seeds_dir: Path) -> None:
    code, output = run("synthesize", str(seeds_dir), "--format", "json", "--words", "100")
    assert code == 0, output
    story = json.loads(output)
    assert len(story["articles"]) == 5 and story["independent_sources"] == 4
    assert len(story["conflicts"]) >= 2 and story["account"]
    words = sum(len(s["text"].split()) for s in story["account"])
    assert words <= 100 + 60, "the account keeps to about the asked length (whole sentences)"
    import hashlib

    ap_pair = {hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in sorted(seeds_dir.iterdir())[:2]}
    for sent in story["account"]:
        assert len(ap_pair & set(sent["sources"])) <= 1, "a copy is never cited beside its original"
    code, output = run("synthesize", str(seeds_dir), "--format", "html")
    assert code == 0 and output.lstrip().startswith("<!doctype html>") and "<script" not in output
    code, output = run("synthesize", str(seeds_dir))
    assert code == 0 and "Where sources disagree" in output
