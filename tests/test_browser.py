"""The HTML view in a real browser: headless Chromium from Debian, driven by Playwright."""

import shutil

import pytest

from kg.exporters import write
from kg.exporters.html import write_html
from kg.pipeline import run_extraction
from kg.view import ViewOptions
from tests.conftest import make_paper

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.browser
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVIL = make_paper('<img src=x onerror="window.pwned=1"> FogNet: Detection',
                  "We propose FogNet on COCO. <script>window.pwned=2</script> It uses a "
                  "<img src=y onerror=window.pwned=3> U-Net.", url="javascript:window.pwned=4")
PAPERS = [EVIL,
          make_paper("Wavelets for Segmentation", "We use ResNet on COCO and Cityscapes.",
                     url="https://example.org/wave", date="2025-02-07"),
          make_paper("Mixtures", "We train mixture of experts (MoE) models on COCO.")]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def data():
    return run_extraction(PAPERS)


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-kg-ready='1']", timeout=20_000)
    return page, requests


def click_node(page, node_id):
    x, y = page.evaluate("""id => { const p = kgNetwork.getPositions([id])[id];
        const d = kgNetwork.canvasToDOM(p); const r = document.getElementById('mynetwork')
        .getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }""", node_id)
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_renders_offline_and_input_cannot_run_code(browser, data, tmp_path):
    page, requests = open_page(browser, write("html", data, tmp_path))
    assert [u for u in requests if not u.startswith("file://")] == []
    assert page.evaluate("kgNodes.length") == len(data.papers) + len(data.entities)
    assert page.locator("canvas").count() == 1
    click_node(page, f"paper/{EVIL.id}")  # hover tooltip and side panel of the evil paper
    page.wait_for_timeout(400)
    assert page.locator("#panel h2").text_content() == EVIL.title  # shown as text
    assert page.evaluate("window.pwned") is None
    assert page.locator("#panel img, #panel script").count() == 0
    assert page.locator("#panel a[href^='javascript']").count() == 0


def test_search_finds_a_node_by_alias_and_opens_its_panel(browser, data, tmp_path):
    page, _ = open_page(browser, write("html", data, tmp_path))
    page.fill("#search", "MoE")  # an alias of the mixture-of-experts entity
    hit = page.locator("#results button").first
    node_id = hit.get_attribute("data-id")
    assert "mixture" in node_id
    hit.click()
    assert page.locator("#panel").is_visible()
    assert "MoE" in page.locator("#panel .aliases").text_content()


def test_clicking_a_node_lists_its_papers_and_evidence(browser, data, tmp_path):
    page, _ = open_page(browser, write("html", data, tmp_path))
    click_node(page, "dataset/coco")
    page.wait_for_selector("#panel ul.papers li")
    titles = page.locator("#panel ul.papers li").all_text_contents()
    assert len(titles) == 3 and any("Wavelets for Segmentation (2025-02-07)" in t for t in titles)
    assert page.locator("#panel ul.papers a[href='https://example.org/wave']").count() == 1
    marks = page.locator("#panel ul.evidence mark").all_text_contents()
    assert marks and set(marks) == {"COCO"}
    # the neighbourhood stays coloured, the rest is dimmed
    colors = page.evaluate("kgNodes.get().map(n => [n.id, n.color])")
    dim = {i for i, c in colors if str(c).startswith("rgba(200")}
    assert f"paper/{EVIL.id}" not in dim and "method/resnet" in dim


def test_type_filter_and_support_slider(browser, data, tmp_path):
    page, _ = open_page(browser, write("html", data, tmp_path))
    page.uncheck("input[data-type='dataset']")
    hidden = page.evaluate("kgNodes.get().filter(n => n.hidden).map(n => n.id)")
    assert set(hidden) == {e.id for e in data.entities if e.type.value == "dataset"}
    page.check("input[data-type='dataset']")
    page.locator("#minsupport").fill("3")
    hidden = set(page.evaluate("kgNodes.get().filter(n => n.hidden).map(n => n.id)"))
    assert "dataset/coco" not in hidden and "method/resnet" in hidden


def test_capped_view_says_what_was_left_out(browser, data, tmp_path):
    path = tmp_path / "capped.html"
    write_html(data, path, ViewOptions(max_nodes=4))
    page, _ = open_page(browser, path)
    assert "left out" in page.locator("#note").text_content()


def test_shared_dev_page_renders(browser, tmp_path, shared):
    from kg.pipeline import read

    papers, _ = read([shared / "corpus" / "daily_papers_dev.txt"])
    data = run_extraction(papers)
    page, requests = open_page(browser, write("html", data, tmp_path))
    assert [u for u in requests if not u.startswith("file://")] == []
    assert page.evaluate("kgNodes.length") == 31 + len(data.entities)
