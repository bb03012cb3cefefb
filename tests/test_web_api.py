"""The web UI and REST API over a store filled with fictional records (no pipeline needed)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from newsfuse.store import Store
from newsfuse.web import create_app
from newsfuse.web.jobs import safe_name
from newsfuse.web.sample import fill

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def filled(tmp_path: Path) -> tuple[str, list[str]]:
    db = str(tmp_path / "web.db")
    with Store(db) as store:
        ids = fill(store, stories=5, per_story=4)
    return db, ids


@pytest.fixture()
def client(filled: tuple[str, list[str]]) -> TestClient:
    with TestClient(create_app(filled[0], TOKEN)) as c:
        yield c


def test_story_list_orders_newest_first_and_counts(client: TestClient) -> None:
    data = client.get("/api/v1/stories").json()
    assert data["total"] == 5
    dates = [s["last_date"] for s in data["stories"]]
    assert dates == sorted(dates, reverse=True)
    first = data["stories"][0]
    assert first["articles"] == 4 and first["independent_sources"] == 3  # the re-post counts once
    assert first["conflicts"] == 1
    biggest = client.get("/api/v1/stories?sort=biggest").json()["stories"]
    assert [s["articles"] for s in biggest] == sorted((s["articles"] for s in biggest), reverse=True)


def test_story_list_filters_and_pages(client: TestClient) -> None:
    assert client.get("/api/v1/stories?from=2031-03-05").json()["total"] == 3
    assert client.get("/api/v1/stories?to=2031-03-02").json()["total"] == 1
    assert client.get("/api/v1/stories?from=2031-03").json()["total"] == 5
    one = client.get("/api/v1/stories?outlet=Lantern%20Daily").json()
    assert one["total"] >= 1 and all("Lantern Daily" in s["outlets"] for s in one["stories"])
    page2 = client.get("/api/v1/stories?per_page=2&page=2").json()
    assert page2["page"] == 2 and page2["pages"] == 3 and len(page2["stories"]) == 2
    html = client.get("/?per_page=2").text
    assert 'rel="next"' in html and "page=2" in html


def test_search_finds_words_and_filters_stories(client: TestClient) -> None:
    res = client.get("/api/v1/search?q=rail depot").json()
    assert res["total"] >= 1 and res["backend"] == "fts5"
    assert all("rail" in (h["title"] + h["snippet"]).lower() for h in res["hits"])
    # Porter stemming and prefix on the last word: "repair" finds "repairs", "Brack" finds "Brackenridge".
    assert client.get("/api/v1/search?q=repair").json()["total"] >= 10
    stories = client.get("/api/v1/stories?q=Brack").json()
    assert stories["total"] == 1 and "Brackenridge" in stories["stories"][0]["title"]
    assert client.get("/api/v1/search?q=zzzqqq").json()["total"] == 0
    # FTS syntax in user input is just words, never an error.
    for q in ['"', "AND OR NOT", "a*b:c^", "NEAR(x y)", "'; DROP TABLE articles; --", "\x00", "\u2603" * 400]:
        assert client.get("/api/v1/search", params={"q": q[:300]}).status_code == 200
    html = client.get("/search?q=reopened").text
    assert "<mark>reopened</mark>" in html


def test_story_page_has_every_section(client: TestClient, filled: tuple[str, list[str]]) -> None:
    sid = client.get("/api/v1/stories").json()["stories"][-1]["id"]  # oldest: the probe story
    data = client.get(f"/api/v1/stories/{sid}").json()
    for key in ("id", "title", "articles", "account", "claims", "unique", "conflicts", "quotes", "timeline"):
        assert key in data
    html = client.get(f"/stories/{sid}").text
    for marker in ('id="account"', 'class="cite"', 'class="pop"', 'id="conflicts"', 'class="sides"',
                   'class="matrix"', 'id="unique"', 'id="quotes"', 'class="tl"', "date_suspect", "original"):
        assert marker in html, marker
    # A citation carries the source sentence that supports the account sentence.
    assert "<q>Mara Quill, the mayor, said the work had cost 3 million crowns" in html
    # Timeline gaps grow with time: two months before, then the next day.
    assert "gap5" in html and "1 day later" in html


def test_article_page_shows_labels_raw_and_relations(client: TestClient) -> None:
    arts = client.get("/api/v1/articles?per_page=100").json()["articles"]
    copy = next(a for a in client.get("/api/v1/articles?per_page=100").json()["articles"]
                if client.get(f"/api/v1/articles/{a['id']}").json()["article"]["copy_of"])
    data = client.get(f"/api/v1/articles/{copy['id']}").json()
    assert data["relations"] and data["story"] and data["dropped"] == 3
    assert "raw" not in data
    html = client.get(f"/articles/{copy['id']}").text
    assert 'class="dropped lb-nav"' in html and 'class="dropped lb-ad"' in html and '<pre class="raw">' in html
    assert "Subscribe now" in html
    raw = client.get(f"/api/v1/articles/{arts[0]['id']}/raw")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")


def test_unknown_ids_are_404_json_and_html(client: TestClient) -> None:
    for url in ("/api/v1/stories/nope", "/api/v1/articles/nope", "/api/v1/jobs/nope", "/api/v1/articles/x/raw",
                "/api/v1/stories/" + "a" * 5000, "/api/v1/stories/..%2F..%2Fetc%2Fpasswd"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"] == "application/json", url
        assert "detail" in r.json()
    r = client.get("/stories/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404 and "<script>alert" not in r.text
    assert client.get("/articles/../../etc/passwd").status_code == 404


def test_bad_parameters_are_4xx_never_500(client: TestClient) -> None:
    for url in ("/api/v1/stories?page=0", "/api/v1/stories?page=abc", "/api/v1/stories?per_page=1000",
                "/api/v1/stories?from=yesterday", "/api/v1/stories?sort=random", "/?from=%00"):
        assert 400 <= client.get(url).status_code < 500, url
    assert client.get("/?from=bad").headers["content-type"].startswith("text/html")


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ("/", "/api/v1/stories", "/static/app.js", "/nope", "/feed.atom"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff"


def test_captured_markup_is_escaped_everywhere(client: TestClient) -> None:
    sid = client.get("/api/v1/stories?sort=biggest&q=Elmsworth").json()["stories"][0]["id"]
    art = client.get(f"/api/v1/stories/{sid}").json()["articles"][1]
    pages = [client.get(u).text for u in ("/", f"/stories/{sid}", f"/articles/{art}", "/search?q=probe",
                                          "/articles", "/ingest", "/?q=Elmsworth", "/feed.atom")]
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html
        assert 'href="javascript:' not in html
        assert "</textarea><script>" not in html
    story = pages[1]
    assert "&lt;script&gt;window.__xss=1" in story  # shown, as text
    assert "{{ 7*7 }}" in story and ">49<" not in story  # captured template syntax is not evaluated
    ElementTree.fromstring(pages[-1].encode())  # the feed stays well-formed XML


def test_feed_lists_stories_with_update_times(client: TestClient) -> None:
    r = client.get("/feed.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(r.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 5
    assert all(e.find("a:updated", ns).text.startswith("2031-03-01") for e in entries)
    assert entries[0].find("a:link", ns).get("href").startswith("http://testserver/stories/")


def test_every_page_links_its_json_twin(client: TestClient) -> None:
    sid = client.get("/api/v1/stories").json()["stories"][0]["id"]
    for page, twin in (("/", "/api/v1/stories"), (f"/stories/{sid}", f"/api/v1/stories/{sid}"),
                       ("/articles", "/api/v1/articles"), ("/search?q=x", "/api/v1/search"),
                       ("/ingest", "/api/v1/ingest")):
        assert f'type="application/json" href="{twin}"' in client.get(page).text
        assert client.get(twin).status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/v1/captures"]["post"]
    docs = client.get("/docs").text
    assert "/api/v1/stories/{story_id}" in docs and "cdn" not in docs.lower()


def _wait(client: TestClient, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_writes_need_the_token(filled: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"files": ("a.txt", b"hello", "text/plain")}
    with TestClient(create_app(filled[0], TOKEN)) as c:
        assert c.post("/api/v1/captures", files=files).status_code == 401
        assert c.post("/api/v1/captures", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/v1/captures", files=files, headers={"Authorization": TOKEN}).status_code == 401
        r = c.post("/ingest", files=files, data={"token": "nope"})
        assert r.status_code == 401 and "missing or wrong token" in r.text
    monkeypatch.delenv("NEWSFUSE_TOKEN", raising=False)
    with TestClient(create_app(filled[0])) as c:
        r = c.post("/api/v1/captures", files=files, headers=AUTH)
        assert r.status_code == 403 and "NEWSFUSE_TOKEN" in r.json()["detail"]
        assert "Uploads are disabled" in c.get("/ingest").text


def test_upload_runs_in_background_and_reports_rejections(filled: tuple[str, list[str]]) -> None:
    app = create_app(filled[0], TOKEN)
    calls: list[int] = []
    # The pipeline stages are another module's business: count the call instead of running them.
    app.state.nf.worker.process = lambda store, progress: calls.append(store.counts()["documents"])
    with TestClient(app) as c:
        before = c.get("/api/v1/ingest").json()["rejections_total"]
        text = (b"Harbor Gazette\nA new pier opens\nThe pier opened today in Greyhaven, "
                b"officials said, after a year of work.\n")
        r = c.post("/api/v1/captures", headers=AUTH, files=[
            ("files", ("../../etc/evil<script>.txt", text, "text/plain")),
            ("files", ("notes.exe", b"\x00\x01binary", "application/octet-stream")),
        ])
        assert r.status_code == 202, r.text
        job = _wait(c, r.json()["job"]["id"])
        assert job["state"] == "done", job
        assert job["new"] == 1 and len(job["rejected"]) == 1 and calls
        assert all("/" not in f and not f.startswith(".") for f in job["files"])
        status = c.get("/api/v1/ingest").json()
        assert status["rejections_total"] == before + 1
        page = c.get(f"/ingest?job={job['id']}").text
        assert "notes.exe" in page and "state-done" in page


def test_upload_form_redirects_to_its_job(filled: tuple[str, list[str]]) -> None:
    app = create_app(filled[0], TOKEN)
    app.state.nf.worker.process = lambda store, progress: None
    with TestClient(app) as c:
        r = c.post("/ingest", data={"token": TOKEN}, files={"files": ("x.txt", b"Some text\n", "text/plain")},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/ingest?job=")
        _wait(c, r.headers["location"].split("=")[1])


def test_upload_size_and_rate_limits(filled: tuple[str, list[str]]) -> None:
    app = create_app(filled[0], TOKEN, upload_limit=1000, uploads_per_minute=0.001)
    app.state.nf.worker.process = lambda store, progress: None
    with TestClient(app) as c:
        big = c.post("/api/v1/captures", headers=AUTH, files={"files": ("big.txt", b"x" * 5000, "text/plain")})
        assert big.status_code == 413
        codes = [c.post("/api/v1/captures", headers=AUTH, files={"files": (f"{i}.txt", b"x", "text/plain")}).status_code
                 for i in range(7)]
        assert codes[:5] == [202] * 5 and codes[5:] == [429, 429]


def test_safe_names_cannot_escape() -> None:
    taken: set[str] = set()
    names = [safe_name(n, taken) for n in ("../../x.txt", "..", "/etc/passwd", "a\\..\\b.html", "", None, ".hidden",
                                           "x.txt", "X.TXT")]
    assert all("/" not in n and "\\" not in n and not n.startswith(".") and n for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_like_fallback_finds_and_highlights(filled: tuple[str, list[str]]) -> None:
    from newsfuse.web.search import SearchIndex

    with Store(filled[0]) as store:
        index = SearchIndex(store, None)  # no FTS file: what a PostgreSQL store gets
        assert index.backend == "like"
        hits, total = index.search("rail depot")
        assert total == 4 and all("rail depot" in h.title.lower() for h in hits)
        assert any(hit for h in hits for _, hit in h.segments)
        assert index.search("%")[1] == 0 and index.search("_")[1] == 0  # LIKE wildcards are literal
