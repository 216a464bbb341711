#!/usr/bin/env python3
"""Time the HTML view in headless Chromium: open to interactive, for 500 to 20,000 nodes.

For each size, a synthetic graph (bench/store_bench.py's generator) is written as a view
capped at that many nodes; Chromium (Debian's, driven by Playwright) opens it from
file:// and the time from navigation start to the first drawn frame with the page's
handlers attached (`data-kg-ready`) is taken, median of --repeat loads. Also printed: the
Python time to build the view (layout included), HTML size per node, and how long a
search + select (dimming the rest, opening the panel) takes.

usage: python bench/view_bench.py [--sizes 500,5000,20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from store_bench import synthetic  # noqa: E402

from kg.exporters.html import write_html  # noqa: E402
from kg.view import ViewOptions  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,5000,20000")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("skipped: Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kg-view-"))
    print(f"{'nodes':>7} {'edges':>7} {'build s':>8} {'KB/node':>8} {'ready ms':>9} {'select ms':>10}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS, headless=True)
        for size in map(int, a.sizes.split(",")):
            data = synthetic(max(60, int(size * 0.8)))
            path = work / f"view-{size}.html"
            t = time.perf_counter()
            write_html(data, path, ViewOptions(max_nodes=size))
            build = time.perf_counter() - t
            ready, select, n_nodes, n_edges = [], [], 0, 0
            for _ in range(a.repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-kg-ready='1']", timeout=120_000)
                ready.append(page.evaluate("window.kgReadyAt"))
                n_nodes, n_edges = page.evaluate("[kgView.nodes.length, kgView.edges.length]")
                t = time.perf_counter()
                page.fill("#search", "task 0")
                page.locator("#results button").first.click()
                page.wait_for_selector("#panel h2")
                select.append((time.perf_counter() - t) * 1000)
                page.close()
            kb = path.stat().st_size / 1024 / n_nodes
            print(f"{n_nodes:7} {n_edges:7} {build:8.1f} {kb:8.2f} {statistics.median(ready):9.0f} "
                  f"{statistics.median(select):10.0f}")
        browser.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
