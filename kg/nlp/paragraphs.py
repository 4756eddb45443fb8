"""``kg_paragraphs``: a line break ends a sentence (bylines, headlines, paragraphs), whatever the
parser would say, and a dateline ("VILNIUS, July 12 (Reuters) -") is a sentence of its own, so the
city is never read as the subject of the news that follows. Runs before the parser, which respects
boundaries set this way."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

DASHES = frozenset({"-", "--", "—", "–"})
MAX_DATELINE = 14  # tokens before the dash


def break_at_newlines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text and token.is_space or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
    return doc


def dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the dash that closes a dateline opening at ``start`` ("SAN FRANCISCO —",
    "TEHRAN, Iran (AP) —", "MANILA, Aug 6 (Reuters) -"), or None: the place in capitals, then
    only names, dates, commas and a bracketed credit."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    depth = 0
    for token in doc[start:min(len(doc), start + MAX_DATELINE)]:
        if token.text in DASHES and depth == 0 and token.i > start:
            return token.i
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif not (token.is_upper or token.text[:1].isupper() or token.like_num or token.text in (",", ".")
                  or depth > 0):
            return None
    return None


def break_after_datelines(doc: Doc) -> Doc:
    starts = [0] + [t.i for t in doc[1:] if t.is_sent_start]
    for start in starts:
        end = dateline_end(doc, start)
        if end is not None and end + 1 < len(doc):
            doc[end + 1].is_sent_start = True
            if end + 2 < len(doc) and doc[end + 2].is_sent_start is None:
                doc[end + 2].is_sent_start = False  # the parser may otherwise cut "NATO | leaders agreed"
    return doc


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def kg_paragraphs(doc: Doc) -> Doc:
    return break_after_datelines(break_at_newlines(doc))
