"""Take a screenshot of a built graph page for the README, offline, in headless Chromium.

    python scripts/screenshot.py output/graph.html docs/graph.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(page_path: str, png: str, chromium: str = "/usr/bin/chromium") -> int:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_function("() => window.kgStable === true", timeout=60_000)
        page.wait_for_timeout(300)
        page.screenshot(path=png)
        browser.close()
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
