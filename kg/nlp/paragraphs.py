"""``kg_paragraphs``: a line break ends a sentence (bylines, headlines, paragraphs), whatever the
parser would say. Runs before the parser, which respects boundaries set this way."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def break_at_newlines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text and token.is_space or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def kg_paragraphs(doc: Doc) -> Doc:
    return break_at_newlines(doc)
