"""The web UI in a real browser (Playwright driving Debian's chromium).

Skipped when playwright or /usr/bin/chromium is missing, except under CI=true where
that is a failure. Saves a screenshot of every page into benchmarks/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.store import Store
from newsfuse.web import create_app
from newsfuse.web.sample import fill

CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "benchmarks" / "screenshots"
TOKEN = "browser-token"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _need_browser() -> object:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = "playwright is not installed" if sync_playwright is None else (
        f"{CHROMIUM} is missing (apt-get install -y chromium)" if not shutil.which(CHROMIUM) else "")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run: {missing}")
        pytest.skip(missing)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_browser()
    import uvicorn

    db = str(tmp_path_factory.mktemp("browser") / "web.db")
    with Store(db) as store:
        fill(store, stories=5, per_story=4)
    app = create_app(db, TOKEN)
    app.state.nf.worker.process = lambda store, progress: time.sleep(0.5)  # the stages are tested elsewhere
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    sync_playwright = _need_browser()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:  # type: ignore[operator]
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        pg = context.new_page()
        pg.csp_errors = []  # type: ignore[attr-defined]
        pg.dialogs = []  # type: ignore[attr-defined]
        pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        context.close()
        browser.close()


def _no_xss(pg: object) -> None:
    assert pg.evaluate("typeof window.__xss") == "undefined"  # type: ignore[attr-defined]
    assert pg.title() != "XSS"  # a probe that ran would have set exactly this  # type: ignore[attr-defined]
    assert not pg.dialogs  # type: ignore[attr-defined]
    assert not pg.csp_errors, pg.csp_errors  # type: ignore[attr-defined]


def test_browse_search_and_cite(server: str, page: object) -> None:
    pg = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    items = pg.locator(".story-item")  # type: ignore[attr-defined]
    assert items.count() == 5
    assert "independent source" in items.first.inner_text()
    pg.screenshot(path=str(SHOTS / "story-list.png"), full_page=True)  # type: ignore[attr-defined]
    _no_xss(pg)

    # The probe story: its title is shown as text, its scripts never run.
    probe = pg.locator(".story-item a.title", has_text="<script>")  # type: ignore[attr-defined]
    assert probe.count() == 1
    probe.click()
    pg.wait_for_selector("#account")  # type: ignore[attr-defined]
    _no_xss(pg)
    pop = pg.locator(".citewrap .pop").first  # type: ignore[attr-defined]
    assert not pop.is_visible()
    pg.locator("a.cite").first.hover()  # type: ignore[attr-defined]
    assert pop.is_visible()
    pg.mouse.move(0, 0)  # type: ignore[attr-defined]
    pg.locator("a.cite").nth(1).click()  # type: ignore[attr-defined]
    opened = pg.locator(".citewrap.open .pop")  # type: ignore[attr-defined]
    assert opened.is_visible() and "said" in opened.inner_text() or "reopened" in opened.inner_text()
    assert pg.locator(".art.lit").count() == 1  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "story-citation.png"))  # type: ignore[attr-defined]
    pg.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert pg.locator(".citewrap.open").count() == 0  # type: ignore[attr-defined]
    assert pg.locator(".tl-event").count() == 3 and pg.locator("table.matrix td.supports").count() > 0  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "story.png"), full_page=True)  # type: ignore[attr-defined]

    pg.locator(".art h3 a").first.click()  # type: ignore[attr-defined]
    pg.wait_for_selector("pre.raw")  # type: ignore[attr-defined]
    assert pg.locator("table.labels tr.dropped").count() >= 3  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "article.png"), full_page=True)  # type: ignore[attr-defined]
    _no_xss(pg)

    pg.fill("form.quick input[name=q]", "cracks inspection")  # type: ignore[attr-defined]
    pg.press("form.quick input[name=q]", "Enter")  # type: ignore[attr-defined]
    pg.wait_for_selector("ol.hits li")  # type: ignore[attr-defined]
    assert pg.locator("ol.hits mark").count() > 0  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "search.png"), full_page=True)  # type: ignore[attr-defined]
    _no_xss(pg)


def test_upload_shows_progress_and_rejections(server: str, page: object, tmp_path: Path) -> None:
    pg = page
    good = tmp_path / "pier.txt"
    good.write_text("Lantern Daily\nNew pier opens in Greyhaven\nThe pier opened today, officials said.\n")
    bad = tmp_path / "<img src=x onerror=window.__xss=9>.bin"
    bad.write_bytes(b"\x00\x01\x02")
    pg.goto(server + "/ingest")  # type: ignore[attr-defined]
    pg.set_input_files("input[name=files]", [str(good), str(bad)])  # type: ignore[attr-defined]
    pg.fill("input[name=token]", TOKEN)  # type: ignore[attr-defined]
    pg.click("form.upload button")  # type: ignore[attr-defined]
    pg.wait_for_url("**/ingest?job=*")  # type: ignore[attr-defined]
    pg.wait_for_selector("#job.state-done", timeout=20000)  # type: ignore[attr-defined]
    text = pg.locator("#job").inner_text()  # type: ignore[attr-defined]
    assert "1 new" in text and "1 rejected" in text and "img_src_x_onerror" in text
    pg.screenshot(path=str(SHOTS / "ingest.png"), full_page=True)  # type: ignore[attr-defined]
    _no_xss(pg)
    pg.goto(server + "/stories/does-not-exist")  # type: ignore[attr-defined]
    assert "404" in pg.locator("h1").inner_text()  # type: ignore[attr-defined]
