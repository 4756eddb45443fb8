"""Run the extractor on a hand-written sentence or two and return its claims as plain tuples."""

from __future__ import annotations

from kg.extract.claims import extract_article
from kg.records import Article


def run(extractor, text: str, title: str = "", *, model: bool = False):
    """Rules only, unless ``model``: then also the extractor's stance model."""
    article = Article(id="t", text=text, title=title)
    title_doc = extractor.nlp(extractor._headline(title)) if title else None
    return extract_article(article, title_doc, extractor.nlp(text), gazetteer=extractor.gazetteer,
                           lexicon=extractor.lexicon, stance=extractor.stance if model else None,
                           stance_threshold=extractor.stance_threshold)


def claims(extractor, text: str, title: str = "", *, roles: bool = False) -> set[tuple]:
    """{(subject, relation, object, negated, hedged)} by label."""
    return {(c.subject.label, c.relation, c.object.label, c.negated, c.hedged)
            for c in run(extractor, text, title).claims if roles or c.relation != "ROLE"}


def triples(extractor, text: str, title: str = "", *, asserted: bool = False) -> set[tuple]:
    """{(subject, relation, object)} by label; with ``asserted``, negated claims left out."""
    return {(s, r, o) for s, r, o, negated, _ in claims(extractor, text, title) if not (asserted and negated)}
