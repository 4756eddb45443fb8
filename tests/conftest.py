"""Shared fixtures. The spaCy pipeline is loaded once per session (it takes a second or two)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

FIXTURE_ARTICLES = {
    "01_summit.txt": """\
         date 2026-02-03 Ankara And Athens Agree To Resume Talks
        By Test Desk

        Turkey criticized Greece over new drilling plans on Monday, Turkish Foreign Minister Hakan Fidan said.

        China condemned the sanctions imposed by the European Union. Beijing did not criticize NATO.

        The United States may impose sanctions on Iran, officials said.
        """,
    "02_quiet.txt": """\
         date 2026-02-04 Local Bakery Wins Award
        By Test Desk

        A small bakery won a regional prize for its bread on Sunday.
        """,
}


@pytest.fixture(scope="session")
def extractor():
    from kg.build import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def lexicon(extractor):
    return extractor.lexicon


@pytest.fixture(scope="session")
def gazetteer(extractor):
    return extractor.gazetteer


def write_articles(directory: Path, articles: dict[str, str] = FIXTURE_ARTICLES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


@pytest.fixture()
def articles_dir(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles")


@pytest.fixture(scope="session")
def built(tmp_path_factory, extractor) -> Path:
    """A store built once from the fixture articles (read-only for tests: copy it to change it)."""
    from kg.build import build

    root = tmp_path_factory.mktemp("built")
    build([write_articles(root / "articles")], root / "out", extractor=extractor)
    return root / "out"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, every network request blocked (tests/browser.py)."""
    from browser import BrowserUnavailable, OfflineBrowser

    try:
        chromium = OfflineBrowser().start()
    except BrowserUnavailable as exc:
        pytest.skip(f"browser tests need Playwright and Chromium: {exc}")
    yield chromium
    chromium.close()


def which(program: str) -> str | None:
    return shutil.which(program)
