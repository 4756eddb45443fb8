"""Read article files (.txt, .jsonl, .json, .csv, .html, .htm) into :class:`Article` records.

:func:`read_inputs` never raises on bad input: it yields an :class:`InputError` for each bad file
or line and carries on, so the caller can report it and build from the rest.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from kg.errors import InputError
from kg.language import english_share, looks_english
from kg.records import Article

SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".html", ".htm")
FIELDS = ("id", "date", "title", "source", "url", "text")
MAX_TITLE = 200  # a plain .txt file's first line longer than this is body text, not a title

_BOM = b"\xef\xbb\xbf"
_RAW_HEAD = re.compile(r"[ \t]*date[ \t]+(\d{4}\S*)[ \t]*(.*)")  # " date 2025-12-09 Title"
_BYLINE = re.compile(r"(?:By|BY)\s+(\S.*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")  # a date, or a datetime to cut to its date
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_JSON_WS = re.compile(r"[ \t\n\r]*")

Item = Article | InputError


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Yield one Article per article found, and one InputError per bad file or bad line, in a stable order.

    Paths are read in the order given; a directory is walked recursively in sorted name order (a
    folder's files before its subfolders), skipping hidden entries, ``README*``, ``gold.jsonl`` and
    other suffixes. A repeated article id yields an InputError for the later record instead.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: dict[str, str] = {}  # article id -> origin of its first occurrence
    for given in paths:
        for found in _files(Path(given)):
            yield from _english_only(_unique(_read_file(found), found, seen), found)


def _files(path: Path) -> Iterator[Path]:
    """The readable files under ``path``; ``path`` itself even when it is missing or unsupported."""
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):  # does not follow symlinked folders: no loops
        dirs[:] = sorted(name for name in dirs if not _ignored(name))
        for name in sorted(files):
            if not _ignored(name) and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root, name)


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.upper().startswith("README") or name == "gold.jsonl"


def _unique(items: Iterator[Item], path: Path, seen: dict[str, str]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Article) and item.id in seen:
            reason = f"duplicate article id '{item.id}' (first seen at {seen[item.id]})"
            rest = item.origin[len(str(path)) + 1:]
            item = InputError(str(path), reason, int(rest) if rest else None)
        elif isinstance(item, Article):
            seen[item.id] = item.origin
        yield item


def _english_only(items: Iterator[Item], path: Path) -> Iterator[Item]:
    """Articles not in English are reported and skipped: the rules and the model read English."""
    for item in items:
        if isinstance(item, Article) and not looks_english(item.text):
            share, _ = english_share(item.text)
            rest = item.origin[len(str(path)) + 1:]
            item = InputError(str(path), f"not English text ({share:.0%} English function words)",
                              int(rest) if rest.isdigit() else None)
        yield item


def _read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if not path.exists():
        yield InputError(str(path), "no such file")
    elif suffix not in SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        yield InputError(str(path), f"unsupported file type {kind} (expected .txt, .jsonl, .csv, .html)")
    else:
        try:
            text = _read_text(path)
        except InputError as err:
            yield err
            return
        yield from _READERS[suffix](path, text)


def _read_text(path: Path) -> str:
    """The file's text without a BOM and with ``\\n`` line ends; raises InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    skip = len(_BOM) if data.startswith(_BOM) else 0
    data = data[skip:]
    if b"\0" in data[:8192]:
        raise InputError(str(path), "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # the offset counts from the start of the file, from 0
        raise InputError(str(path), f"not valid UTF-8 (byte {exc.start + skip})") from None
    if not text.strip():
        raise InputError(str(path), "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# invisible: dropped; with the bidirectional marks and overrides, which can make text display other
# than it reads ("Trojan source")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
                                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(ZERO_WIDTH)
    return unicodedata.normalize("NFC", text)


def _iso_date(value: str | None, path: Path, line: int | None) -> str | None:
    """``YYYY-MM-DD`` from a date or a full ISO datetime; None for no date; raises InputError."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if _ISO_DATE.fullmatch(value):
            return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    raise InputError(str(path), f"bad date {value!r} (expected YYYY-MM-DD)", line)


def _read_txt(path: Path, text: str) -> Iterator[Item]:
    first, _, rest = text.partition("\n")
    head = _RAW_HEAD.fullmatch(first)
    if head:  # the raw form: " date YYYY-MM-DD Title", then the body
        try:
            day = _iso_date(head.group(1), path, 1)
        except InputError as err:
            yield err
            return
        title, body = _clean(head.group(2).strip()), _clean(rest).strip()
    else:
        day, title, body = None, _plain_title(_clean(text)), _clean(text).strip()
    if not body:
        yield InputError(str(path), "article has no text")
    else:
        yield Article(id=path.stem, text=body, title=title, date=day,
                      source=_byline(body, title), origin=str(path))


def _plain_title(text: str) -> str:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first if len(first) <= MAX_TITLE and not first.endswith(".") else ""


def _byline(body: str, title: str) -> str | None:
    """The X of a leading ``By X`` line (after a repeated title, if any)."""
    lines = [line.strip() for line in body.split("\n") if line.strip()][:2]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    match = _BYLINE.fullmatch(lines[0]) if lines else None
    if not match or len(lines[0]) > 100 or lines[0].endswith("."):
        return None
    return match.group(1).strip()


def _record(rec: object, path: Path, line: int) -> Item:
    """An Article from one JSON/CSV record, or the InputError saying why not."""
    if not isinstance(rec, dict):
        return InputError(str(path), "record is not a JSON object", line)
    values: dict[str, str] = {}
    for name in FIELDS:
        value = rec.get(name)
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            return InputError(str(path), f"field '{name}' must be a string", line)
        if value and not _encodable(value):
            return InputError(str(path), f"field '{name}' holds an unpaired surrogate (not valid Unicode text)", line)
        values[name] = _clean(value or "")
    if not values["text"].strip():
        return InputError(str(path), "article has no text", line)
    try:
        day = _iso_date(values["date"], path, line)
    except InputError as err:
        return err
    return Article(id=values["id"].strip() or f"{path.stem}-{line}", text=values["text"],
                   title=values["title"].strip(), date=day, source=values["source"].strip() or None,
                   url=values["url"].strip() or None, origin=f"{path}:{line}")


def _read_jsonl(path: Path, text: str) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", number)
            continue
        yield _record(rec, path, number)


def _read_json(path: Path, text: str) -> Iterator[Item]:
    """A JSON list of records, one JSON record, or JSONL (a first value followed by more)."""
    lead = len(text) - len(text.lstrip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _read_jsonl(path, text)
        else:
            yield InputError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        return
    if not isinstance(data, list):
        yield _record(data, path, text.count("\n", 0, lead) + 1)
        return
    decoder, line, counted = json.JSONDecoder(), 1, 0
    pos = _JSON_WS.match(text, lead + 1).end()
    while text[pos] != "]":  # walk the (valid) array again to learn where each element starts
        rec, end = decoder.raw_decode(text, pos)
        line, counted = line + text.count("\n", counted, pos), pos
        yield _record(rec, path, line)
        pos = _JSON_WS.match(text, end).end()
        pos = _JSON_WS.match(text, pos + 1).end() if text[pos] == "," else pos


def _read_csv(path: Path, text: str) -> Iterator[Item]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), [])
        names = [name.strip().lower() for name in header]
        if "text" not in names:
            yield InputError(str(path), "CSV header has no 'text' column", reader.line_num)
            return
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if any(cell.strip() for cell in row[len(names):]):
                yield InputError(str(path), f"row has {len(row)} fields, header has {len(names)}", line)
            elif any(cell.strip() for cell in row):
                yield _record(dict(zip(names, row)), path, line)
    except csv.Error as exc:
        yield InputError(str(path), f"bad CSV: {exc}", reader.line_num)


def _read_html(path: Path, text: str) -> Iterator[Item]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:  # neither call fetches anything: both only parse the string they are given
        body = (trafilatura.extract(text, include_comments=False)
                or trafilatura.extract(text, include_comments=False, favor_recall=True) or "")
        meta = trafilatura.extract_metadata(text) if body.strip() else None
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura can fail on odd markup in many ways
        yield InputError(str(path), f"cannot parse HTML: {exc}")
        return
    if not body.strip():
        yield InputError(str(path), "no article text found in HTML")
        return
    title, day, source, url = ((meta.title, meta.date, meta.sitename or meta.author, meta.url)
                               if meta else (None,) * 4)
    try:
        day = _iso_date(day, path, None)
    except InputError:
        day = None  # a date guessed from the page is a hint, not a reason to drop the article
    fallback = _HTML_TITLE.search(text)  # trafilatura usually finds <title> itself
    title = _clean(title or (" ".join(html.unescape(fallback.group(1)).split()) if fallback else "")).strip()
    yield Article(id=path.stem, text=_clean(body).strip(), title=title, date=day,
                  source=source or None, url=url or None, origin=str(path))


_READERS = {".txt": _read_txt, ".jsonl": _read_jsonl, ".json": _read_json, ".csv": _read_csv,
            ".html": _read_html, ".htm": _read_html}
