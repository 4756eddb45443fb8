"""kg.extract.triggers: the relation type a verb or noun signals, and the head of its object."""

from __future__ import annotations

import pytest

from kg.extract.triggers import content_noun, noun_relation, read_verb, verb_type


def word(nlp, text, which):
    return next(t for t in nlp(text) if t.text == which)


@pytest.mark.parametrize("text, verb, rtype, obj", [
    ("Japan imposed sanctions on Russia.", "imposed", "SANCTION", "Russia"),  # light verb: the noun types it
    ("Peru called for a ceasefire.", "called", "REQUEST", "ceasefire"),  # phrasal verb
    ("Ghana condemned Togo.", "condemned", "ACCUSE", "Togo"),  # plain verb
    ("Mali attacked Niger for its remarks.", "attacked", "ACCUSE", "Niger"),  # force used of words
    ("Mali attacked Niger at dawn.", "attacked", "ASSAULT", "Niger"),
    ("Chadian troops opened fire with rifles on a Sudanese patrol.", "opened", "ASSAULT", "patrol"),  # not the instrument
])
def test_read_verb_gives_type_and_object(nlp, lexicon, text, verb, rtype, obj):
    found, target, _ = read_verb(word(nlp, text, verb), lexicon)
    assert (found, target.text if target is not None else None) == (rtype, obj)
    assert verb_type(word(nlp, text, verb), lexicon) == rtype


def test_nouns_and_their_content(nlp, lexicon):
    assert noun_relation(word(nlp, "China launched a scathing attack on Japan.", "attack"), lexicon) == "ACCUSE"
    assert noun_relation(word(nlp, "Russia launched a missile attack on Kyiv.", "attack"), lexicon) == "ASSAULT"
    assert content_noun(word(nlp, "The EU adopted a package of sanctions.", "package"), lexicon).text == "sanctions"
    assert content_noun(word(nlp, "Armenia blocked dozens of accounts.", "dozens"), lexicon).text == "accounts"


def test_in_favour_of_and_a_mediators_parties(nlp, lexicon):
    assert read_verb(word(nlp, "Brazil voted in favour of the resolution.", "voted"), lexicon)[:2][0] == "SUPPORT"
    rtype, obj, _ = read_verb(word(nlp, "Qatar brokered a ceasefire between Israel and Hamas.", "brokered"), lexicon)
    assert (rtype, obj.text) == ("CONSULT", "Israel")


def test_a_verb_read_only_with_a_known_name_and_a_light_verbs_passive_noun(nlp, lexicon):
    assert read_verb(word(nlp, "Russian missiles hit Kyiv overnight.", "hit"), lexicon)[0] == "ASSAULT"
    assert read_verb(word(nlp, "The sanctions hit a record number of banks.", "hit"), lexicon)[0] is None
    assert read_verb(word(nlp, "Ships fired at drones launched by the Houthis.", "launched"), lexicon)[0] == "ASSAULT"
