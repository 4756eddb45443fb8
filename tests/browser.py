"""Open local HTML files in headless Chromium (Playwright) with the network cut off.

Every request whose URL is not ``file:``, ``data:``, ``blob:`` or ``about:`` is aborted and
recorded, and so is every WebSocket; console errors, uncaught page errors and dialogs
(``alert``/``confirm``/``prompt``, dismissed at once) are collected in a :class:`PageReport`.

    with OfflineBrowser() as browser:          # raises BrowserUnavailable if it cannot start
        with browser.open("graph.html") as (page, report):
            # pass a function, not an expression: the page's CSP forbids eval
            page.wait_for_function("() => window.kgStable === true")
        assert report.clean, report

Tests should turn :class:`BrowserUnavailable` into ``pytest.skip``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: no name resolves
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class BrowserUnavailable(RuntimeError):
    """Playwright or the Chromium binary is missing, or Chromium would not start."""


@dataclass
class PageReport:
    """What one page did while it was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    blocked: list[str] = field(default_factory=list)  # URLs the router aborted, websockets
    dialogs: list[str] = field(default_factory=list)  # "alert: message", ...

    @property
    def external(self) -> list[str]:
        """Every attempt to leave the machine, whether the router saw it or not."""
        return sorted({u for u in self.requests if not u.startswith(LOCAL_SCHEMES)} | set(self.blocked))

    @property
    def clean(self) -> bool:
        return not (self.console_errors or self.page_errors or self.external or self.dialogs)


class OfflineBrowser:
    """One headless Chromium; :meth:`open` gives each page its own isolated context."""

    def __init__(self, executable: str = CHROMIUM, args: list[str] | None = None):
        self.executable = executable
        self.args = list(CHROMIUM_ARGS if args is None else args)
        self._playwright = None
        self._browser = None

    def start(self) -> "OfflineBrowser":
        if not Path(self.executable).exists():
            raise BrowserUnavailable(f"no Chromium at {self.executable}")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise BrowserUnavailable(f"playwright is not installed: {exc}") from exc
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, args=self.args, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure means "no browser here"
            self.close()
            raise BrowserUnavailable(f"Chromium did not start: {exc}") from exc
        return self

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    def __enter__(self) -> "OfflineBrowser":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def open(self, path: str | Path, *, viewport: tuple[int, int] = (1200, 800),
             timeout_ms: int = 10_000) -> Iterator[tuple[object, PageReport]]:
        """Load ``path`` and yield ``(page, report)``; the report keeps filling until exit."""
        if self._browser is None:
            raise RuntimeError("OfflineBrowser.open() before start()")
        report = PageReport()
        context = self._browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            service_workers="block", java_script_enabled=True)
        context.set_default_timeout(timeout_ms)
        context.route("**/*", lambda route: _route(route, report))
        page = context.new_page()
        _watch(page, report)
        try:
            page.goto(Path(path).resolve().as_uri(), wait_until="load")
            yield page, report
        finally:
            context.close()


def _route(route, report: PageReport) -> None:
    url = route.request.url
    if url.startswith(LOCAL_SCHEMES):
        route.continue_()
    else:
        report.blocked.append(url)
        route.abort("blockedbyclient")


def _watch(page, report: PageReport) -> None:
    page.on("request", lambda request: report.requests.append(request.url))
    page.on("websocket", lambda ws: report.blocked.append(f"websocket {ws.url}"))
    page.on("console", lambda msg: msg.type == "error" and report.console_errors.append(msg.text))
    page.on("pageerror", lambda error: report.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: _on_dialog(dialog, report))


def _on_dialog(dialog, report: PageReport) -> None:
    report.dialogs.append(f"{dialog.type}: {dialog.message}")
    dialog.dismiss()
