"""The static report: one page for a small digest, a story list plus one page per story
for a big one; captured text escaped on every page."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

import newsfuse
from newsfuse.report import write_report

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def demo_digest(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict:
    tmp = tmp_path_factory.mktemp("report")
    nf = newsfuse.open(str(tmp / "demo.db"))
    return nf.digest([demo_dir], out=tmp / "one")


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="(stories/[^"]+)"', html)


def test_small_digest_is_one_page(demo_digest: dict, tmp_path: Path) -> None:
    index = write_report(demo_digest, tmp_path).read_text()
    assert len(demo_digest["stories"]) >= 7
    for story in demo_digest["stories"]:
        assert f'<section class="story" id="{story["id"]}">' in index
        assert f'href="#{story["id"]}"' in index
    assert not _links(index) and not (tmp_path / "stories").exists()


def test_big_digest_gets_a_page_per_story(demo_digest: dict, tmp_path: Path) -> None:
    index = write_report(demo_digest, tmp_path, stories_inline=3).read_text()
    stories = demo_digest["stories"]
    assert '<section class="story"' not in index
    assert _links(index) == [f"stories/{s['id']}.html" for s in stories]
    pages = sorted(p.name for p in (tmp_path / "stories").iterdir())
    assert pages == sorted(f"{s['id']}.html" for s in stories)
    for story in stories:
        page = (tmp_path / "stories" / f"{story['id']}.html").read_text()
        assert "Content-Security-Policy" in page and "<script" not in page
        assert page.count('<section class="story"') == 1 and 'href="../index.html"' in page
        for sentence in story["account"]:  # the whole account, with its citations' targets
            for src in sentence["sources"]:
                assert f'id="a-{src}"' in page
        for article_id in story["articles"]:
            assert f'id="a-{article_id}"' in page
    # Back to one page in the same folder: the earlier story pages go.
    write_report(demo_digest, tmp_path)
    assert not list((tmp_path / "stories").glob("*.html"))


def test_hostile_text_is_escaped_on_every_page(demo_digest: dict, tmp_path: Path) -> None:
    digest = copy.deepcopy(demo_digest)
    story = digest["stories"][0]
    story["title"] = HOSTILE
    story["account"][0]["text"] = HOSTILE
    story["id"] = "../../" + HOSTILE  # a foreign id must not name a path outside the folder
    first = story["articles"][0]
    for article in digest["articles"]:
        if article["id"] == first:
            article["body"] = HOSTILE + "\n\n" + article["body"]
            article["outlet"] = HOSTILE
    for inline in (1000, 0):
        out = tmp_path / f"inline-{inline}"
        pages = [write_report(digest, out, stories_inline=inline).read_text()]
        if inline == 0:
            files = list((out / "stories").iterdir())
            assert len(files) == len(digest["stories"])  # every page inside the folder
            assert sorted(out / link for link in _links(pages[0])) == sorted(files)
            pages += [f.read_text() for f in files]
        for html in pages:
            assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in "".join(pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inline-0", "inline-1000"]


def test_story_pages_are_the_same_from_worker_processes(demo_digest: dict, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFUSE_WORKERS", "1")
    write_report(demo_digest, tmp_path / "one", stories_inline=0)
    monkeypatch.setenv("NEWSFUSE_WORKERS", "2")
    monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")  # spread even this small report
    write_report(demo_digest, tmp_path / "two", stories_inline=0)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert len(one) == len(demo_digest["stories"]) + 2 and one == two
