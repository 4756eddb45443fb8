"""An article whose title, text and source carry HTML/JS payloads and Turtle-breaking characters.

Used by test_build.py (the RDF keeps the text exactly, as literals) and test_graph_page.py (the page
shows it as text and runs none of it). Each body sentence names two actors, so the payloads land in
claim evidence too.
"""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "\"'><svg onload=alert(1)>"
TRIPLE_QUOTE = '"""'
PAYLOADS = (SCRIPT, IMG, SVG, TRIPLE_QUOTE, ">")

ID = "xss"
TITLE = f'Turkey Criticizes Greece {SCRIPT} {IMG} {SVG} {TRIPLE_QUOTE} >'
SOURCE = f"Wire {SVG}"
TEXT = (f"Turkey criticized Greece over {SCRIPT} plans on Monday. "
        f"China condemned Japan for {IMG} and {SVG} remarks. "
        f"France praised Germany, calling the deal {TRIPLE_QUOTE}a triumph{TRIPLE_QUOTE} > all others.")
SENTENCES = tuple(s if s.endswith(".") else s + "." for s in TEXT.split(". "))


def write_hostile(directory: Path) -> Path:
    """Write the article as one JSONL record (so the title and text are taken exactly) and return the file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "hostile.jsonl"
    record = {"id": ID, "date": "2026-01-05", "title": TITLE, "source": SOURCE, "text": TEXT}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path
