"""The Python API on the seeds and the demo corpus."""

from __future__ import annotations

from pathlib import Path

import newsfuse


def test_api_seeds(store_url: str, seeds_dir: Path) -> None:
    with newsfuse.open(store_url) as nf:
        result = nf.ingest([seeds_dir])
        assert len(result.new) == 5 and not result.rejected
        stats = nf.process()
        assert [s.name for s in stats.steps] == ["extract", "copies", "stories", "synth"]
        assert nf.process().steps == [], "nothing new: no stage runs again"
        stories = nf.stories()
        assert stories and all(isinstance(s, newsfuse.Story) for s in stories)
        members = {a for s in stories for a in s.articles}
        assert len(members) == 5
        syn = nf.synthesis(stories[0].id)
        assert isinstance(syn, newsfuse.Synthesis) and syn.story_id == stories[0].id
        article = nf.article(sorted(members)[0])
        assert isinstance(article, newsfuse.Article) and article.body
        assert nf.check() == []


def test_api_digest_writes_report(tmp_path: Path, demo_dir: Path) -> None:
    with newsfuse.open(f"sqlite:///{tmp_path / 'demo.db'}") as nf:
        digest = nf.digest([demo_dir], out=tmp_path / "out")
    assert (tmp_path / "out" / "index.html").exists()
    assert len(digest["stories"]) >= 5
    assert sum(len(s["articles"]) for s in digest["stories"]) == len(digest["articles"])
