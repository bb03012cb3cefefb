"""Manual merge and split through the REST API, on a store the real pipeline filled."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

import newsfuse
from newsfuse.web import create_app


def test_merge_and_split_need_the_token_and_persist(tmp_path: Path, demo_dir: Path) -> None:
    db = str(tmp_path / "w.db")
    with newsfuse.open(db) as nf:
        nf.ingest([demo_dir])
        nf.process()
        first, second = nf.stories()[:2]
    with TestClient(create_app(db, token="sesame")) as client:
        body = {"a": first.id, "b": second.id}
        assert client.post("/api/v1/stories/merge", json=body).status_code == 401
        assert client.post("/api/v1/stories/merge", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
        auth = {"Authorization": "Bearer sesame"}
        r = client.post("/api/v1/stories/merge", json=body, headers=auth)
        assert r.status_code == 200, r.text
        merged = r.json()
        assert set(merged["articles"]) == set(first.articles) | set(second.articles)
        assert client.get(f"/api/v1/stories/{merged['id']}").json()["articles"] == merged["articles"]
        r = client.post("/api/v1/stories/merge", json={"a": "s-none", "b": first.id}, headers=auth)
        assert r.status_code == 422 and "no story" in r.json()["detail"]
        r = client.post("/api/v1/stories/split", json={"story": merged["id"], "articles": second.articles}, headers=auth)
        assert r.status_code == 200, r.text
        assert set(r.json()["articles"]) == set(second.articles)
        r = client.post("/api/v1/stories/split", json={"story": merged["id"], "articles": ["zzz"]}, headers=auth)
        assert r.status_code == 422
    with newsfuse.open(db) as nf:
        assert nf.check() == []
