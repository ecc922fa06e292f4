"""Benchmark: `netsim page` of the 10,000-container setup, and of 50 containers, opened in
headless Chromium.

Issue 20: a page for the 10,000-container benchmark opens in under 3 s in headless Chromium, or
the page says it shows a summary above a size limit and how to filter. This builds the page of
bench/engine_build.py's synthetic setup (N containers on N/10 networks, as a docker script) for
10,000 containers and for 50 (every pair's traces, a picture per step: the largest page below
the limit), writes it, opens it with Selenium in Debian's headless Chromium, and times from
the request to the page's own "ready" mark (``<body data-ready="1">``, set once it has drawn
its panels). It prints each page's size, the time to make it and to open it, and whether it is a
summary that says how to filter (``--only``).

    python bench/page.py               # 10,000 and 50 containers, best of 3 opens
    python bench/page.py --smoke       # 300 and 20 containers, one open (CI smoke run)

A full run exits 1 when the 10,000-container page takes 3 s or more to open; --smoke does not
enforce. Needs selenium, chromium and chromium-driver (what the test extra and CI install).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

from netsim.page.document import build_document
from netsim.page.render import page_html

LIMIT_S = 3.0


def browser() -> Any:
    """Debian's headless Chromium through its chromedriver (a selenium WebDriver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"):
        opts.add_argument(arg)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        opts.binary_location = binary
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=opts)


def open_seconds(driver: Any, path: Path) -> float:
    """Seconds from asking for the page to its ready mark."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    start = time.perf_counter()
    driver.get(path.as_uri())
    WebDriverWait(driver, 60, poll_frequency=0.01).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, one open, no target")
    args = parser.parse_args()
    sizes = (300, 20) if args.smoke else (10_000, 50)
    rounds = 1 if args.smoke else 3
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        driver = browser()
        try:
            for n in sizes:
                script = Path(tmp) / f"setup{n}.sh"
                script.write_text("\n".join(synthetic(n)[1]) + "\n", encoding="utf-8")
                start = time.perf_counter()
                doc = build_document(str(script))
                html = page_html(doc)
                made = time.perf_counter() - start
                page = Path(tmp) / f"page{n}.html"
                page.write_text(html, encoding="utf-8")
                best = min(open_seconds(driver, page) for _ in range(rounds))
                text = driver.find_element("tag name", "body").text
                summary = doc["summary"] is not None
                says = summary and "--only" in text
                print(f"{n:>6,} containers: page {len(html.encode()) / 1e6:.2f} MB made in "
                      f"{made:.2f} s, opened in {best:.2f} s (best of {rounds})"
                      + (f"; a summary above {doc['summary']['limit']} containers, "
                         f"{'saying' if says else 'NOT saying'} how to filter" if summary
                         else f"; {len(doc['frames'])} pictures, "
                              f"{sum(len(r) for r in doc['flows'].values()):,} flows"))
                if summary and not says:
                    failed = True
                if n == sizes[0] and not args.smoke:
                    ok = best < LIMIT_S
                    print(f"  {'PASS' if ok else 'FAIL'}  opens in {best:.2f} s "
                          f"(target < {LIMIT_S:.0f} s)")
                    failed |= not ok
        finally:
            driver.quit()
    if failed and not args.smoke:
        sys.exit(1)


if __name__ == "__main__":
    main()
