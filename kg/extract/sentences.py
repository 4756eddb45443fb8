"""One sentence as the claim builder reads it: who is reported to say it, and what a sentence is
not (a byline, a dateline, a question), with the shapes of speech it looks for ("quoted X as
saying", "..., a move X criticised")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.arguments import (
    NOMINAL_SUBJECT_DEPS,
    OBJECT_DEPS,
    RELATIVE_PRONOUNS,
    dep_children,
    quote_open_before,
)
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.records import Actor


@dataclass
class Sentence:
    """What the claim builder needs about one sentence."""

    span: Span
    section: str
    index: dict[int, Mention]
    speaker: Actor | None  # who the sentence reports as speaking, if anyone
    said: int | None = None  # the reporting verb's token index; None: the whole sentence ("according to")

    def reports(self, trigger: Token) -> bool:
        """Is ``trigger`` in what the speaker is reported to say (under the reporting verb)?"""
        if self.speaker is None or self.said is None:
            return self.speaker is not None
        if trigger.i == self.said:
            return True
        for word in (trigger, *trigger.ancestors):  # "..., a move [Moscow] criticised": Moscow's own words
            if word.i == self.said:
                return True
            if word.dep_ == "relcl" and any(c.dep_ in NOMINAL_SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS
                                            for c in word.children):
                return False
        return False


def trim(span: Span) -> Span:
    """The sentence without the blank lines and spaces around it."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def quoted_as_saying(verb: Token, lex: Lexicon) -> Token | None:
    """"state media quoted [Ryabkov] as saying ...": the one quoted says it."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and lex.verb_lemma(verb.head.head) == "quote":
        return next(iter(dep_children(verb.head.head, OBJECT_DEPS)), None)
    return None


def summing_up(word: Token, lex: Lexicon) -> bool:
    """"..., a move ...": an event noun set off by a comma after the clause it sums up."""
    first = word.left_edge
    return (word.lower_ in lex.event_anaphors or word.lemma_.lower() in lex.event_anaphors) \
        and first.i > 0 and word.doc[first.i - 1].text == "," and summed_up(word).i < word.i


def summed_up(word: Token) -> Token:
    """The verb of the clause a summing-up noun hangs from (the parser may hang it on that clause's object)."""
    return next((a for a in word.ancestors if a.pos_ == "VERB"), word)


def is_question(span: Span) -> bool:
    """A sentence that ends with a question mark (quotes and brackets aside)."""
    last = next((t for t in reversed(span) if not (t.is_space or t.is_quote or t.is_bracket)), None)
    return last is not None and last.text == "?"


def is_byline(span: Span) -> bool:
    """"By Staff Writer", "By Staff, Agencies": who wrote the article, not an actor in it."""
    return span[0].lower_ == "by" and len(span) <= 8 and not any(t.pos_ == "VERB" for t in span)


def inside_quote(span: Span) -> bool:
    """Does the sentence open inside a quotation its paragraph opened before it?"""
    return quote_open_before(span.doc, span.start)


def opens_quote(span: Span) -> bool:
    """Does the sentence open a quotation it does not close ('"We will respond. ...," Lin said.')?"""
    text = span.text
    if not text or text[0] not in ('"', "“"):
        return False
    return text.count("“") > text.count("”") if text[0] == "“" else text.count('"') % 2 == 1


def closes_quote(span: Span) -> bool:
    """Does the sentence close a quotation an earlier sentence opened?"""
    text = span.text
    return text.count("”") > text.count("“") or text.count('"') % 2 == 1 and not text.startswith('"')


def starts_paragraph(span: Span) -> bool:
    """Does the sentence begin the text or follow a line break?"""
    return span.start == 0 or "\n" in span.doc[span.start - 1].text_with_ws
