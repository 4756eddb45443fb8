"""Tests for kg.ingest: every input format, directory walking and every bad-input case."""

from __future__ import annotations

import json
import socket
import unicodedata
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_inputs
from kg.records import Article

RAW_TXT = (
    " date 2024-03-05 Ministers Meet in Geneva, Seek Ceasefire\n"
    "\n"
    "By Jane Doe, Reuters\n"
    "\n"
    "France and Germany met in Geneva on Monday, officials said.\n"
    "\n"
    "Germany urged both sides to return to talks."
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Ministers meet in Geneva | Example News</title>
<meta property="og:title" content="Ministers Meet in Geneva">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://example.org/world/geneva">
<meta name="date" content="2024-03-05">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers Meet in Geneva</h1>
<p>The foreign ministers of France and Germany met in Geneva on Monday to discuss the ceasefire
proposal and a humanitarian corridor for the civilians still trapped in the region.</p>
<p>France said it supported the plan, while Germany urged both sides to return to negotiations
without preconditions as soon as possible.</p>
<p>Officials said a further meeting would take place next week in Brussels with representatives
of the European Union and the United Nations.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(rec) + "\n" for rec in records)


def read(*paths: Path | str) -> list[Article | InputError]:
    return list(read_inputs(paths))


def only_article(*paths: Path | str) -> Article:
    items = read(*paths)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_error(*paths: Path | str) -> InputError:
    items = read(*paths)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def where(item: Article | InputError) -> tuple[str, str]:
    """A compact (kind, where-or-id) pair for comparing mixed results."""
    if isinstance(item, Article):
        return ("article", item.id)
    return ("error", f"{Path(item.path).name}:{item.line}: {item.reason}")


# --- .txt ---------------------------------------------------------------------------------------

def test_raw_txt_date_title_byline_and_body(tmp_path):
    path = write(tmp_path / "01_geneva.txt", RAW_TXT)
    art = only_article(path)
    assert art.id == "01_geneva"
    assert art.date == "2024-03-05"
    assert art.title == "Ministers Meet in Geneva, Seek Ceasefire"
    assert art.source == "Jane Doe, Reuters"
    assert art.url is None
    assert art.origin == str(path)
    # the body keeps the byline: it is the raw file minus its first line and the blank line after it
    assert art.text == RAW_TXT.split("\n", 1)[1].lstrip("\n")
    assert art.text.startswith("By Jane Doe, Reuters\n\nFrance and Germany")


def test_raw_txt_matches_the_same_article_as_jsonl(tmp_path):
    first, rest = RAW_TXT.split("\n", 1)
    record = {"id": "geneva", "date": "2024-03-05", "title": first.split(" ", 3)[3],
              "source": "Jane Doe, Reuters", "url": None, "text": rest.lstrip("\n")}
    from_txt = only_article(write(tmp_path / "txt" / "geneva.txt", RAW_TXT))
    from_jsonl = only_article(write(tmp_path / "jsonl" / "articles.jsonl", jsonl(record)))
    for field in ("id", "date", "title", "source", "url", "text"):
        assert getattr(from_txt, field) == getattr(from_jsonl, field), field


def test_raw_txt_without_leading_space_or_byline(tmp_path):
    art = only_article(write(tmp_path / "a.txt", "date 2024-01-02 Short Title\nBody text here."))
    assert (art.date, art.title, art.text) == ("2024-01-02", "Short Title", "Body text here.")
    assert art.source is None


def test_raw_txt_bad_date(tmp_path):
    err = only_error(write(tmp_path / "a.txt", " date 2024-13-01 Title\n\nBody."))
    assert (err.reason, err.line) == ("bad date '2024-13-01' (expected YYYY-MM-DD)", 1)


def test_raw_txt_without_body(tmp_path):
    err = only_error(write(tmp_path / "a.txt", " date 2024-01-02 Title only\n\n   \n"))
    assert (err.reason, err.line) == ("article has no text", None)


def test_plain_txt_short_first_line_is_the_title(tmp_path):
    content = "\nUN Council Meets on Sudan\nBy A. Writer\n\nThe council met on Tuesday.\n"
    art = only_article(write(tmp_path / "sudan.txt", content))
    assert art.title == "UN Council Meets on Sudan"
    assert art.date is None
    assert art.source == "A. Writer"
    assert art.text == content.strip()


def test_plain_txt_sentence_or_long_first_line_is_not_a_title(tmp_path):
    sentence = only_article(write(tmp_path / "a.txt", "The council met on Tuesday.\nIt voted."))
    assert sentence.title == "" and sentence.text == "The council met on Tuesday.\nIt voted."
    long_line = "the word " * 30
    assert only_article(write(tmp_path / "b.txt", long_line + "\nmore")).title == ""


def test_byline_like_sentence_is_not_a_source(tmp_path):
    content = " date 2024-01-02 T\n\nBy Monday the talks had collapsed.\n"
    art = only_article(write(tmp_path / "a.txt", content))
    assert art.source is None


# --- .jsonl -------------------------------------------------------------------------------------

def test_jsonl_fields_default_ids_and_line_numbers(tmp_path):
    content = (
        json.dumps({"id": "a1", "date": "2024-03-05", "title": " T ", "source": "Wire",
                    "url": "https://x.org/1", "text": "Alpha text.", "extra": 1}) + "\n"
        + "\n"
        + json.dumps({"text": "Beta text.", "date": "2024-03-06T10:15:00Z"}) + "\n"
        + json.dumps({"id": 7, "text": "Gamma text.", "date": None, "title": None}) + "\n"
    )
    path = write(tmp_path / "feed.jsonl", content)
    first, second, third = read(path)
    assert first == Article(id="a1", text="Alpha text.", title="T", date="2024-03-05", source="Wire",
                            url="https://x.org/1", origin=f"{path}:1")
    assert (second.id, second.date, second.origin, second.title) == ("feed-3", "2024-03-06", f"{path}:3", "")
    assert (third.id, third.date, third.origin) == ("7", None, f"{path}:4")


def test_jsonl_bad_lines_are_reported_and_good_lines_still_read(tmp_path):
    content = "\n".join([
        json.dumps({"id": "ok1", "text": "First."}),
        '{"id": "broken", "text": ',
        '["not", "an", "object"]',
        json.dumps({"id": "notext"}),
        json.dumps({"id": "blank", "text": " \n\t "}),
        json.dumps({"id": "baddate", "text": "x", "date": "05/03/2024"}),
        json.dumps({"id": "badtitle", "text": "x", "title": ["a"]}),
        json.dumps({"id": "ok2", "text": "Last."}),
    ])
    items = read(write(tmp_path / "f.jsonl", content))
    assert [where(item) for item in items] == [
        ("article", "ok1"),
        ("error", "f.jsonl:2: invalid JSON: Expecting value (column 26)"),
        ("error", "f.jsonl:3: record is not a JSON object"),
        ("error", "f.jsonl:4: article has no text"),
        ("error", "f.jsonl:5: article has no text"),
        ("error", "f.jsonl:6: bad date '05/03/2024' (expected YYYY-MM-DD)"),
        ("error", "f.jsonl:7: field 'title' must be a string"),
        ("article", "ok2"),
    ]
    assert str(items[1]) == f"{tmp_path / 'f.jsonl'}:2: {items[1].reason}"


# --- .json --------------------------------------------------------------------------------------

def test_json_list_records_carry_their_line(tmp_path):
    content = '[\n  {"id": "a", "text": "One."},\n\n  {"text": "Two."},\n  {"id": "c"}\n]\n'
    path = write(tmp_path / "list.json", content)
    items = read(path)
    assert [where(item) for item in items] == [
        ("article", "a"), ("article", "list-4"), ("error", "list.json:5: article has no text")]
    assert items[0].origin == f"{path}:2"


def test_json_single_object_and_jsonl_content(tmp_path):
    single = write(tmp_path / "one.json", '\n{\n  "id": "solo",\n  "text": "Solo."\n}\n')
    assert only_article(single).origin == f"{single}:2"
    content = jsonl({"id": "l1", "text": "A."}) + "{oops\n" + jsonl({"id": "l3", "text": "C."})
    lines = write(tmp_path / "lines.json", content)
    assert [where(item) for item in read(lines)] == [
        ("article", "l1"),
        ("error", "lines.json:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        ("article", "l3"),
    ]


def test_json_broken_list_or_object_is_one_error(tmp_path):
    err = only_error(write(tmp_path / "bad.json", '[\n {"id": "a", "text": "A."},\n {"id": \n]'))
    assert (err.reason, err.line) == ("invalid JSON: Expecting value (column 1)", 4)
    err = only_error(write(tmp_path / "obj.json", '{\n  "id": "a",\n  oops\n}\n'))
    assert err.line == 3
    assert err.reason == "invalid JSON: Expecting property name enclosed in double quotes (column 3)"


# --- .csv ---------------------------------------------------------------------------------------

def test_csv_fields_and_record_start_lines(tmp_path):
    content = (
        "id,Date,title,source,url,text\n"
        'c1,2024-03-05,Title One,Wire,https://x.org/1,"Line one.\nLine two."\n'
        "\n"
        ",,,,,Second text.\n"
    )
    path = write(tmp_path / "news.csv", content)
    first, second = read(path)
    assert first == Article(id="c1", text="Line one.\nLine two.", title="Title One", date="2024-03-05",
                            source="Wire", url="https://x.org/1", origin=f"{path}:2")
    assert (second.id, second.date, second.source, second.origin) == ("news-5", None, None, f"{path}:5")


def test_csv_bad_rows(tmp_path):
    content = (
        "id,date,text\n"
        "r1,2024-03-05,Good.\n"
        "r2,2024-02-30,Bad date.\n"
        "r3,,\n"
        "r4,,Too,many\n"
        "r5,,Trailing empty cells are fine.,,\n"
    )
    items = read(write(tmp_path / "rows.csv", content))
    assert [where(item) for item in items] == [
        ("article", "r1"),
        ("error", "rows.csv:3: bad date '2024-02-30' (expected YYYY-MM-DD)"),
        ("error", "rows.csv:4: article has no text"),
        ("error", "rows.csv:5: row has 4 fields, header has 3"),
        ("article", "r5"),
    ]


def test_csv_without_text_column(tmp_path):
    err = only_error(write(tmp_path / "x.csv", "id,body\n1,hello\n"))
    assert (err.reason, err.line) == ("CSV header has no 'text' column", 1)


# --- .html --------------------------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("ingest must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_article_through_trafilatura(tmp_path, no_network):
    path = write(tmp_path / "geneva.html", HTML_PAGE)
    art = only_article(path)
    assert art.id == "geneva"
    assert art.title == "Ministers Meet in Geneva"
    assert art.date == "2024-03-05"
    assert art.source == "Example News"
    assert art.url == "https://example.org/world/geneva"
    assert "France said it supported the plan" in art.text
    assert "Copyright" not in art.text and "Home" not in art.text


def test_html_short_page_and_title_fallback(tmp_path, no_network):
    page = ("<html><head><title>Brief &amp; Short</title></head>"
            "<body><article><p>A short report.</p></article></body></html>")
    art = only_article(write(tmp_path / "short.htm", page))
    assert art.title == "Brief & Short" and "A short report." in art.text


def test_html_title_falls_back_to_the_title_element(tmp_path, no_network, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract_metadata", lambda *args, **kwargs: None)
    art = only_article(write(tmp_path / "geneva.html", HTML_PAGE))
    assert art.title == "Ministers meet in Geneva | Example News"
    assert (art.date, art.source, art.url) == (None, None, None)


def test_html_without_article_text(tmp_path, no_network):
    page = "<html><head><title>x</title></head><body></body></html>"
    err = only_error(write(tmp_path / "empty.html", page))
    assert err.reason == "no article text found in HTML"


# --- whole-file problems and normalisation ------------------------------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.jsonl", b"\n  \n", "empty file"),
    ("nbsp.json", "\u00a0\n".encode(), "empty file"),
    ("bom-only.csv", b"\xef\xbb\xbf", "empty file"),
    ("bin.txt", b"abc\x00\x01\x02def", "binary file, not text"),
    ("latin1.txt", "caf\u00e9 text".encode("latin-1"), "not valid UTF-8 (byte 3)"),
    ("bom-latin1.jsonl", b"\xef\xbb\xbf" + "caf\u00e9".encode("latin-1"), "not valid UTF-8 (byte 6)"),
])
def test_bad_files(tmp_path, name, content, reason):
    err = only_error(write(tmp_path / name, content))
    assert (err.reason, err.line, err.path) == (reason, None, str(tmp_path / name))


def test_bom_crlf_and_nfc(tmp_path):
    decomposed = "Cafe\u0301 talks"
    raw = "\ufeff date 2024-01-02 " + decomposed + "\r\n\r\nBy Wire\r\n\r\nLine one.\r\nLine two.\r\n"
    art = only_article(write(tmp_path / "a.txt", raw))
    assert art.title == unicodedata.normalize("NFC", decomposed) == "Caf\u00e9 talks"
    assert art.text == "By Wire\n\nLine one.\nLine two."
    rec = only_article(write(tmp_path / "b.jsonl", "\ufeff" + jsonl({"text": "x\r\ny " + decomposed})))
    assert rec.text == "x\ny Caf\u00e9 talks"


# --- paths, directories, duplicates -------------------------------------------------------------

def test_missing_and_unsupported_paths(tmp_path):
    missing = only_error(tmp_path / "nope.txt")
    assert (missing.reason, missing.path) == ("no such file", str(tmp_path / "nope.txt"))
    odd = only_error(write(tmp_path / "data.xyz", "hello"))
    assert odd.reason == "unsupported file type '.xyz' (expected .txt, .jsonl, .csv, .html)"


def test_directory_walk_order_and_ignored_files(tmp_path):
    root = tmp_path / "corpus"
    write(root / "b.txt", "B title\nbody b")
    write(root / "a.jsonl", jsonl({"id": "a1", "text": "x"}, {"id": "a2", "text": "y"}))
    write(root / "sub" / "c.csv", "id,text\nc1,z\n")
    write(root / "sub" / "deeper" / "d.TXT", "body d")
    write(root / "aa" / "e.htm", HTML_PAGE)
    write(root / "README.md", "# readme")
    write(root / "README.txt", "readme as txt")
    write(root / "gold.jsonl", jsonl({"article": "a1", "subject": "x"}))
    write(root / "notes.md", "notes")
    write(root / "data.xyz", "ignored")
    write(root / ".hidden.txt", "hidden")
    write(root / ".git" / "x.txt", "hidden dir")
    items = read(root)
    assert [where(item) for item in items] == [
        ("article", "a1"), ("article", "a2"), ("article", "b"),
        ("article", "e"), ("article", "c1"), ("article", "d"),
    ]
    assert items == read(root)  # stable


def test_gold_jsonl_given_explicitly_is_read(tmp_path):
    err = only_error(write(tmp_path / "gold.jsonl", jsonl({"article": "a1", "subject": "x"})))
    assert (err.reason, err.line) == ("article has no text", 1)


def test_duplicate_ids_within_and_across_files(tmp_path):
    first = write(tmp_path / "one.jsonl", jsonl({"id": "x", "text": "A."}, {"id": "x", "text": "B."}))
    second = write(tmp_path / "x.txt", "Text of x.")
    items = read(first, second)
    assert isinstance(items[0], Article)
    assert (items[1].reason, items[1].line) == (f"duplicate article id 'x' (first seen at {first}:1)", 2)
    assert (items[2].reason, items[2].path, items[2].line) == (
        f"duplicate article id 'x' (first seen at {first}:1)", str(second), None)


def test_mixed_paths_keep_going_and_accept_a_single_path(tmp_path):
    good = write(tmp_path / "good.txt", "Fine text.")
    items = read(tmp_path / "missing.jsonl", write(tmp_path / "e.txt", b""), good)
    assert [where(item) for item in items] == [
        ("error", "missing.jsonl:None: no such file"),
        ("error", "e.txt:None: empty file"),
        ("article", "good"),
    ]
    assert [item.id for item in read_inputs(str(good))] == ["good"]


def test_non_english_text_is_reported_and_skipped(tmp_path):
    german = ("Die Regierung in Berlin hat am Montag neue Sanktionen gegen Russland beschlossen, "
              "teilte das Auswärtige Amt mit. Die Maßnahmen treten sofort in Kraft.")
    path = write(tmp_path / "a.jsonl", json.dumps({"id": "de", "text": german}) + "\n"
                 + json.dumps({"id": "en", "text": "The government in Berlin adopted new sanctions on Monday."}) + "\n")
    items = list(read_inputs([path]))
    assert isinstance(items[0], InputError) and items[0].line == 1 and "not English" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "en"


def test_zero_width_characters_are_dropped(tmp_path):
    art = only_article(write(tmp_path / "a.txt", "Rus\u200bsia criti\u00adcized NATO\u2060 on Monday."))
    assert art.text == "Russia criticized NATO on Monday."
    art = only_article(write(tmp_path / "b.txt", "\u202eRussia\u202c criticized \u200fNATO\u2066 on Monday."))
    assert art.text == "Russia criticized NATO on Monday."  # bidirectional overrides and marks too


def test_language_check_on_other_languages_and_scripts():
    from kg.language import looks_english

    assert not looks_english("Le gouvernement français a annoncé de nouvelles sanctions contre la Russie, "
                             "a déclaré le ministère des Affaires étrangères.")
    assert not looks_english("Министерство иностранных дел России заявило в понедельник, что новые санкции "
                             "Евросоюза незаконны и будут иметь последствия для всех.")
    assert looks_english("Villa results: West Brom (a) D2-2, Spurs (h) W1-0, Leeds (a) L0-1, Derby (h) W3-1 19 Jan")
    assert looks_english("Short note.")
    # Chinese has no spaces between words: a short article is still told by its script
    assert not looks_english("外交部发言人表示，中方坚决反对有关国家对台湾的武器销售，并敦促有关方面停止干涉中国内政，这一立场是一贯的。")
