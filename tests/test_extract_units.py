"""Unit tests of the extraction helpers (mentions, phrases, relations, modality) on parsed sentences."""

from __future__ import annotations

import pytest

from kg.extract import modality
from kg.extract.arguments import implicit_subject
from kg.extract.mentions import ArticleActors, focal_state, slug
from kg.extract.phrases import phrase_label, topic_of, topic_words
from kg.extract.rules import candidates


def sent(nlp, text):
    return next(iter(nlp(text).sents))


def word(span, text):
    return next(t for t in span if t.text == text)


# -- mentions -----------------------------------------------------------------------------------
def test_slug_is_stable_ascii():
    assert slug("Maria Zakharova") == "maria_zakharova"
    assert slug("Côte d'Ivoire") == "cote_d_ivoire"
    assert slug("!!!") == "x"


def test_focal_state_prefers_the_title(nlp, gazetteer):
    title, body = nlp("Moscow rebukes Kyiv"), nlp("Ukraine and Ukraine and Russia.")
    assert focal_state([title, body], gazetteer) == "russia"
    assert focal_state([body], gazetteer) == "ukraine"


def test_generic_body_belongs_to_the_state_named_before_it_or_the_article(nlp, gazetteer, lexicon):
    actors = ArticleActors(gazetteer, lexicon, focal="france")
    index = actors.read(sent(nlp, "Japan's defence ministry and the Foreign Ministry met."))
    labels = {m.actor.label for m in index.values()}
    assert any(label.startswith("Japan") and "Defence" in label for label in labels)
    assert any(label.startswith("French") and "Foreign Ministry" in label for label in labels)
    lower = actors.read(sent(nlp, "The government met."))
    assert not any(m.actor.kind == "GovernmentBody" for m in lower.values())  # no state named: nobody


def test_surnames_and_pronouns_resolve_to_the_last_person(nlp, gazetteer, lexicon):
    actors = ArticleActors(gazetteer, lexicon)
    first = actors.read(sent(nlp, "Chilean diplomat Ana Fuentes arrived."))
    actors.after_sentence(first)
    second = actors.read(sent(nlp, "Fuentes said she was pleased."))
    names = {t: m.actor.label for t, m in second.items()}
    assert set(names.values()) == {"Ana Fuentes"} and len(names) == 2


def test_officials_get_a_role_and_act_for_their_state(nlp, gazetteer, lexicon):
    actors = ArticleActors(gazetteer, lexicon)
    index = actors.read(sent(nlp, "Russian Foreign Minister Sergey Lavrov spoke."))
    person = next(m.actor for m in index.values() if m.actor.kind == "Person")
    assert actors.principal(person).label == "Russia"
    assert [(r.person.label, r.organization.label) for r in actors.roles] == [("Sergey Lavrov", "Russia")]


# -- phrases ------------------------------------------------------------------------------------
def test_topic_labels_are_short_normalised_phrases(nlp, lexicon):
    s = sent(nlp, "Brazil voiced concern about the lack of clarity on the newly revised nuclear doctrine.")
    assert phrase_label(topic_words(word(s, "lack"), lexicon)) == "lack of clarity"
    topic = topic_of(word(s, "doctrine"), {}, lexicon, {})
    assert topic.label == "nuclear doctrine" and topic.kind == "Topic"


def test_dates_are_not_topics(nlp, lexicon):
    s = sent(nlp, "Peru criticized Monday.")
    assert topic_of(word(s, "Monday"), {}, lexicon, {}) is None


# -- relations ----------------------------------------------------------------------------------
def test_candidates_name_trigger_subject_object_and_family(nlp, lexicon):
    s = sent(nlp, "Germany called for talks and imposed sanctions on Syria.")
    found = {(c.rtype, c.trigger.text, c.subject.text, c.object.text, c.family) for c in candidates(s, lexicon)}
    assert ("REQUEST", "called", "Germany", "talks", "phrasal") in found
    assert ("SANCTION", "imposed", "Germany", "Syria", "light") in found


def test_open_complement_inherits_the_subject(nlp):
    s = sent(nlp, "Iran vowed to attack Israel.")
    assert implicit_subject(word(s, "attack")).text == "Iran"


# -- modality -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, trigger, negated, hedged", [
    ("Egypt did not condemn Sudan.", "condemn", True, False),
    ("Egypt refused to condemn Sudan.", "condemn", True, False),
    ("Egypt condemned Sudan without naming Chad.", "naming", True, False),
    ("Egypt may condemn Sudan.", "condemn", False, True),
    ("Egypt reportedly condemned Sudan.", "condemned", False, True),
    ("Egypt will condemn Sudan if talks fail.", "condemn", False, True),  # the main clause of a conditional
    ("Egypt condemned Sudan.", "condemned", False, False),
])
def test_negation_and_hedging(nlp, lexicon, text, trigger, negated, hedged):
    token = word(sent(nlp, text), trigger)
    assert modality.is_negated(token, lexicon) is negated
    assert modality.is_hedged(token, lexicon) is hedged


def test_an_act_named_as_what_someone_criticises_is_their_charge(nlp, lexicon):
    doc = nlp("Kallas criticised China's support for Russia.")
    assert modality.criticised(doc[4], lexicon)  # "support"
    assert not modality.criticised(nlp("Kallas welcomed China's support for Russia.")[4], lexicon)
