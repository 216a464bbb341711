"""The HTML page in a real browser: headless Chromium from Debian, driven by Playwright."""

import shutil

import pytest

from kg.exporters import write
from kg.pipeline import run_extraction
from tests.conftest import make_paper

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.browser
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def open_page(browser, path):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-kg-ready='1']", timeout=20_000)
    return page, requests


def test_page_renders_offline_and_input_cannot_run_code(browser, tmp_path):
    evil = make_paper('<img src=x onerror="window.pwned=1"> FogNet: Detection',
                      "We propose FogNet on COCO. <script>window.pwned=2</script>")
    data = run_extraction([evil, make_paper("Other", "We use ResNet on COCO.")])
    page, requests = open_page(browser, write("html", data, tmp_path))
    assert [u for u in requests if not u.startswith("file://")] == []
    assert page.evaluate("nodes.length") == len(data.papers) + len(data.entities)
    assert page.evaluate("network.getPositions(nodes.getIds()).constructor === Object")
    assert page.evaluate("window.pwned") is None
    assert page.locator("canvas").count() == 1


def test_shared_dev_page_renders(browser, tmp_path, shared):
    from kg.pipeline import read

    papers, _ = read([shared / "corpus" / "daily_papers_dev.txt"])
    data = run_extraction(papers)
    page, requests = open_page(browser, write("html", data, tmp_path))
    assert [u for u in requests if not u.startswith("file://")] == []
    assert page.evaluate("nodes.length") == 31 + len(data.entities)
