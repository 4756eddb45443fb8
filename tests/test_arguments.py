"""kg.extract.arguments on small parsed sentences: subjects, objects, prepositions, coordination."""

from __future__ import annotations

from extract_helpers import triples

from kg.extract.arguments import (
    conjuncts_of,
    explicit_subject,
    hyphen_head,
    implicit_subject,
    is_time,
    parties_of,
    pobj_of,
)


def tokens(nlp, text):
    return nlp(text)


def find(doc, text):
    return next(t for t in doc if t.text == text)


def test_subjects_said_and_understood(nlp):
    doc = tokens(nlp, "Iran urged Israel to halt the strikes.")
    assert explicit_subject(find(doc, "urged")).text == "Iran"
    assert implicit_subject(find(doc, "halt")).text == "Israel"  # the one urged does the complement
    doc = tokens(nlp, "Peru called on Chile to end the blockade.")
    assert implicit_subject(find(doc, "end")).text == "Chile"  # "called on X to"


def test_coordination_leaves_out_what_is_denied(nlp):
    doc = tokens(nlp, "Sudan targeted rebels and not civilians.")
    assert [t.text for t in conjuncts_of(find(doc, "rebels"))] == ["rebels"]
    assert conjuncts_of(None) == [None]


def test_a_split_hyphenated_word_is_read_at_its_last_piece(nlp):
    doc = tokens(nlp, "Canada announced counter-tariffs.")
    first = find(doc, "counter")
    assert hyphen_head(first).text == "tariffs" or first.head.text == "tariffs"


def test_the_object_of_a_preposition_parsed_as_a_clause(nlp):
    doc = tokens(nlp, "Bans were imposed on a dozen officials linked to the crackdown.")
    assert pobj_of(find(doc, "on")).text == "officials"


def test_a_date_is_a_time_but_a_known_capital_is_not(nlp):
    doc = tokens(nlp, "Russia fired missiles at Kyiv overnight on Tuesday.")
    assert is_time(find(doc, "Tuesday"))
    assert not is_time(find(doc, "Kyiv"))


def test_a_verb_after_a_closed_quote_has_the_reporters_subject(extractor):
    found = triples(extractor, 'Belarusian spokesman Ruslan Varankov said Warsaw was "using migrants as a tool" '
                               'and called on the European Commission to investigate.')
    assert ("Belarus", "REQUEST", "European Commission") in found
    assert not any(s == "Poland" for s, _, _ in found)


def test_a_name_listed_before_a_subject_is_a_party_but_not_before_an_object(nlp):
    doc = tokens(nlp, "The RSF, led by Hemedti, accused the army of shelling the city.")
    assert [t.text for t in parties_of(implicit_subject(find(doc, "shelling")))] == ["army"]
