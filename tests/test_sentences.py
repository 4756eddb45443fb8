"""kg.extract.sentences on small parsed sentences."""

from __future__ import annotations

from kg.extract.sentences import (
    Sentence,
    closes_quote,
    inside_quote,
    opens_quote,
    is_byline,
    is_question,
    quoted_as_saying,
    summed_up,
    summing_up,
    trim,
)
from kg.records import Actor


def find(doc, text):
    return next(t for t in doc if t.text == text)


def test_questions_and_bylines(nlp):
    assert is_question(nlp('Will Chile answer?"')[:])
    assert not is_question(nlp("Chile answered.")[:])
    assert is_byline(nlp("By Staff, Agencies")[:])
    assert not is_byline(nlp("By Monday, Chile had answered.")[:])


def test_trim_drops_surrounding_blank_space(nlp):
    doc = nlp("\n\nChile answered.\n")
    assert trim(doc[:]).text == "Chile answered."


def test_quoted_as_saying_names_the_one_quoted(nlp, lexicon):
    doc = nlp("State media quoted Sergei Lavrov as saying that Russia would respond.")
    assert quoted_as_saying(find(doc, "saying"), lexicon).text == "Lavrov"


def test_a_move_sums_up_the_clause_before_it(nlp, lexicon):
    doc = nlp("Chile said it would send troops to Bolivia, a move Peru criticised.")
    move = find(doc, "move")
    assert summing_up(move, lexicon) and summed_up(move).text == "send"
    assert not summing_up(find(nlp("Peru criticised the move."), "move"), lexicon)


def test_a_relative_clause_with_its_own_subject_is_not_in_the_reporters_words(nlp):
    doc = nlp("Chile said it would send troops, a move Peru criticised.")
    sent = Sentence(doc[:], "body", {}, Actor(key="chile", label="Chile", kind="State"), find(doc, "said").i)
    assert sent.reports(find(doc, "send"))
    assert not sent.reports(find(doc, "criticised"))


def test_inside_quote(nlp):
    doc = nlp('Lin said: "The United States must stop. We oppose the sale." Officials agreed.\n\nNew paragraph here.')
    sents = list(doc.sents)
    assert [inside_quote(s) for s in sents] == [False, True, False, False]


def test_quotes_opened_and_closed_across_sentences(nlp):
    doc = nlp('"We oppose the sale. We urge restraint," Lin said. He left.')
    first, second, third = list(doc.sents)
    assert opens_quote(first) and not closes_quote(first)
    assert closes_quote(second) and not opens_quote(second)
    assert not opens_quote(third) and not closes_quote(third)
