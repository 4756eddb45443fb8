"""``kg_paragraphs``: a line break ends a sentence (bylines, headlines, paragraphs), whatever the
parser would say, and a paragraph's prefix (a dateline "VILNIUS, July 12 (Reuters) -", a time stamp
"10:42 GMT -", a transcript's "Q:") is a sentence of its own, so the city, the time zone or the
speaker label is never read as the subject of the news that follows. Runs before the parser, which respects
boundaries set this way."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

DASHES = frozenset({"-", "--", "—", "–"})
TIME_ZONES = frozenset({"GMT", "UTC", "ET", "EST", "EDT", "BST", "CET", "CEST", "JST", "IST"})
TIME = re.compile(r"\d{1,2}[:.]\d{2}")  # "10:42" opening a live blog's line
MAX_DATELINE = 14  # tokens before the dash


def break_at_newlines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text and token.is_space or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
    return doc


def prefix_end(doc: Doc, start: int) -> int | None:
    """The index of the token that closes a prefix opening a paragraph at ``start``, or None: a
    dateline's dash ("SAN FRANCISCO —", "TEHRAN, Iran (AP) —", "MANILA, Aug 6 (Reuters) -"), a live
    blog's time stamp ("10:42 GMT –") or a transcript's speaker label ("Q:", "A:")."""
    first = doc[start] if start < len(doc) else None
    if first is None:
        return None
    if len(first) == 1 and first.is_upper and start + 1 < len(doc) and doc[start + 1].text == ":":
        return start + 1
    if TIME.fullmatch(first.text) or first.like_num and start + 1 < len(doc) and doc[start + 1].text in TIME_ZONES:
        return _dash_after(doc, start, allow=lambda t: t.is_upper or t.like_num or t.text in (":", "."))
    if not (first.is_upper and first.is_alpha and len(first) > 2):
        return None  # a city in capitals (not "US - China talks")
    depth = 0
    for token in doc[start + 1:min(len(doc), start + MAX_DATELINE)]:
        if token.text in DASHES and depth == 0:
            return token.i
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif not (token.is_upper or token.text[:1].isupper() or token.like_num or token.text in (",", ".")
                  or depth > 0):
            return None
    return None


def _dash_after(doc: Doc, start: int, allow) -> int | None:
    for token in doc[start + 1:min(len(doc), start + 6)]:
        if token.text in DASHES:
            return token.i
        if not allow(token):
            return None
    return None


def break_after_datelines(doc: Doc) -> Doc:
    starts = [0] + [t.i for t in doc[1:] if t.is_sent_start]
    for start in starts:
        end = prefix_end(doc, start)
        if end is not None and end + 1 < len(doc):
            doc[end + 1].is_sent_start = True
            if end + 2 < len(doc) and doc[end + 2].is_sent_start is None:
                doc[end + 2].is_sent_start = False  # the parser may otherwise cut "NATO | leaders agreed"
    return doc


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def kg_paragraphs(doc: Doc) -> Doc:
    return break_after_datelines(break_at_newlines(doc))
