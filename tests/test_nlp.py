"""The kg_* spaCy components and text preparation, on small docs."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.actor_ruler import ActorRuler, phrase_patterns
from kg.nlp.gazetteer import Entry, Gazetteer, GenericBody
from kg.nlp.headline import is_headline_case, sentence_case, uncapitalise_lines
from kg.nlp.paragraphs import break_at_newlines, prefix_end
from kg.records import Actor


def small_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    gaz.entries["united_states"] = Entry(Actor("united_states", "United States", "State"),
                                         aliases=("US", "U.S."), metonyms=("Washington", "the White House"),
                                         demonyms=("American",))
    gaz.entries["nato"] = Entry(Actor("nato", "NATO", "InternationalOrganization"))
    gaz.generic_bodies["foreign_ministry"] = GenericBody("foreign_ministry", "Foreign Ministry", ("foreign ministry",))
    return gaz


@pytest.fixture(scope="module")
def blank_ruler():
    nlp = spacy.blank("en")
    ruler = ActorRuler(nlp)
    ruler.initialize(nlp=nlp, gazetteer=small_gazetteer())
    return nlp, ruler


def spans(nlp, ruler, text):
    doc = ruler(nlp(text))
    return [(s.text, s.label_, s.id_) for s in doc.spans["kg_actors"]]


def test_actor_ruler_marks_names_metonyms_demonyms_and_body_types(blank_ruler):
    nlp, ruler = blank_ruler
    found = spans(nlp, ruler, "The White House and NATO met; American and U.S. officials and the Foreign Ministry spoke.")
    assert ("The White House", "METONYM", "united_states") in found
    assert ("NATO", "NAME", "nato") in found
    assert ("American", "DEMONYM", "united_states") in found
    assert ("U.S.", "NAME", "united_states") in found
    assert ("Foreign Ministry", "BODY_TYPE", "foreign_ministry") in found


def test_actor_ruler_is_case_sensitive_and_keeps_the_longest_match(blank_ruler):
    nlp, ruler = blank_ruler
    assert spans(nlp, ruler, "tell us what you think") == []
    assert [s[0] for s in spans(nlp, ruler, "the White House said")] == ["the White House"]


def test_phrase_patterns_group_forms_by_key():
    groups = phrase_patterns(small_gazetteer())
    assert set(groups[("NAME", "united_states")]) == {"United States", "UNITED STATES", "US", "U.S."}
    assert set(groups[("METONYM", "united_states")]) == {"Washington", "WASHINGTON", "the White House",
                                                         "The White House"}
    assert groups[("BODY_TYPE", "foreign_ministry")] == ["Foreign Ministry", "foreign ministry"]


def test_the_pipeline_has_the_kg_components(nlp):
    assert nlp.pipe_names.index("kg_paragraphs") < nlp.pipe_names.index("parser")
    assert nlp.pipe_names[-1] == "kg_actor_ruler"


def test_line_breaks_end_sentences(nlp):
    doc = nlp("By Staff, Agencies\n\nRussia criticized NATO on Monday.")
    assert [s.text.strip() for s in doc.sents][:2] == ["By Staff, Agencies", "Russia criticized NATO on Monday."]


def test_break_at_newlines_on_a_blank_pipeline():
    nlp = spacy.blank("en")
    doc = break_at_newlines(nlp("One line\nTwo line"))
    assert doc[3].text == "Two" and doc[3].is_sent_start


@pytest.mark.parametrize("title, expected", [
    ("Moscow Sees Potential, But Seeks Clarification", "Moscow sees potential, but seeks clarification"),
    ("RUSSIA SLAMS NATO OVER DRILLS", "Russia slams NATO over drills"),
    ("Venezuela Frees Americans in Brazil-Brokered Deal", "Venezuela frees Americans in Brazil-brokered deal"),
    ("Russia criticizes the plan", "Russia criticizes the plan"),  # already sentence case
])
def test_sentence_case_keeps_names_and_offsets(title, expected):
    names = frozenset({"Moscow", "Russia", "NATO", "Venezuela", "Americans", "Brazil"})
    out = sentence_case(title, names)
    assert out == expected and len(out) == len(title)


def test_is_headline_case():
    assert is_headline_case("Security Council Backs Gaza Plan")
    assert not is_headline_case("The council backed the plan on Monday.")


@pytest.mark.parametrize("text, prefix", [
    ("VILNIUS, July 12 (Reuters) - NATO leaders met.", "VILNIUS, July 12 (Reuters) -"),
    ("TEHRAN, Iran (AP) — Iran vowed to respond.", "TEHRAN, Iran (AP) —"),
    ("10:42 GMT – Russia launched drones.", "10:42 GMT –"),
    ("Q: Will Chile respond?", "Q:"),
    ("US - China talks resumed.", None),
    ("PARIS, the French capital, hosted talks.", None),
])
def test_a_paragraph_prefix_is_a_sentence_of_its_own(nlp, text, prefix):
    doc = nlp(text)
    end = prefix_end(doc, 0)
    assert (doc[:end + 1].text if end is not None else None) == prefix
    if prefix is not None:
        assert doc[end + 1].is_sent_start


def test_all_caps_body_lines_are_read_in_sentence_case_at_the_same_offsets():
    names = frozenset({"Kremlin", "Kyiv", "NATO"})
    text = "THE KREMLIN ACCUSED KYIV AND NATO OF A PROVOCATION.\nThe talks went on."
    fixed = uncapitalise_lines(text, names)
    assert fixed.splitlines()[0] == "The Kremlin accused Kyiv and NATO of a provocation."
    assert len(fixed) == len(text) and fixed.splitlines()[1] == "The talks went on."
    assert uncapitalise_lines("Plain text, as written.", names) == "Plain text, as written."


def test_a_possessive_known_name_keeps_its_case_in_a_headline():
    from kg.nlp.headline import sentence_case
    assert sentence_case("Spokesperson Lin Jian's Regular Press Conference", frozenset({"Lin", "Jian"})) == \
        "Spokesperson Lin Jian's regular press conference"
