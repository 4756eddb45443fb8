"""The learned stance model wired into extraction: pairs the rules left without a stance."""

from __future__ import annotations

from extract_helpers import run

from kg.extract.mentions import ArticleActors
from kg.extract.pairs import pair_stances
from kg.extract.stance import StanceModel


def stances(extractor, text, linked=frozenset()):
    doc = extractor.nlp(text)
    sent = next(iter(doc.sents))
    actors = ArticleActors(extractor.gazetteer, extractor.lexicon)
    index = actors.read(sent)
    return list(pair_stances(sent, index, set(linked), StanceModel.load(), extractor.lexicon,
                             principal=actors.principal, threshold=0.5))


def test_the_model_gives_direction_and_polarity(extractor):
    (stance,) = stances(extractor, "Russia condemned Ukraine.")
    assert (stance.holder.actor.label, stance.target.actor.label, stance.polarity) == ("Russia", "Ukraine", "negative")
    assert stance.relation == "ACCUSE" and stance.trigger.text == "condemned"  # the lexicon types it
    (stance,) = stances(extractor, "Ukraine was condemned by Russia.")
    assert (stance.holder.actor.label, stance.target.actor.label) == ("Russia", "Ukraine")


def test_pairs_the_rules_linked_are_left_alone(extractor):
    assert stances(extractor, "Russia condemned Ukraine.", {frozenset(("russia", "ukraine"))}) == []


def test_a_lone_actor_has_no_pair(extractor):
    assert stances(extractor, "Russia condemned the weather.") == []


def test_one_stance_per_pair_of_principals(extractor):
    # "Moscow" and "Russia" are one principal: the model answers once for Russia and the US
    found = stances(extractor, "Moscow condemned Washington, and Russia blamed the United States.")
    assert len({frozenset((s.holder.actor.key, s.target.actor.key)) for s in found}) == len(found) <= 2


def test_the_model_does_not_target_who_the_rules_say_acts(extractor):
    doc = extractor.nlp("Russia condemned Ukraine.")
    sent = next(iter(doc.sents))
    actors = ArticleActors(extractor.gazetteer, extractor.lexicon)
    index = actors.read(sent)
    found = pair_stances(sent, index, set(), StanceModel.load(), extractor.lexicon, principal=actors.principal,
                         threshold=0.5, holders=frozenset({"ukraine"}))
    assert list(found) == []  # the model's reading (Russia against Ukraine) would turn the rules' holder into a target


def test_a_model_stance_is_typed_only_by_a_word_that_governs_its_target(extractor):
    for stance in stances(extractor, "Saudi Arabia cut off relations with Iran after the embassy attack."):
        assert stance.relation != "ASSAULT"  # "attack" does not govern Iran


def test_a_model_stance_is_not_typed_by_someone_elses_act(extractor):
    text = "Greece warned it would veto the deal unless Ankara cracked down on the smugglers from Turkey."
    for stance in stances(extractor, text):
        if stance.trigger is not None and stance.trigger.lower_ == "cracked":
            assert stance.holder.actor.key == "turkey"


def test_a_model_stance_is_not_typed_by_the_targets_own_act(extractor):
    for stance in stances(extractor, "The Arab League adopted a statement condemning Israel's annexation plans."):
        assert stance.trigger is None or stance.trigger.lower_ != "annexation"


def test_what_a_violation_wrongs_is_not_the_target_of_the_stance(extractor):
    result = run(extractor, "Peru and Chile condemned the test as a violation of UN Security Council resolutions.", model=True)
    assert not any(c.object.label == "UN Security Council" for c in result.claims)


def test_a_denier_gets_no_model_stance_and_typing_stays_in_the_clause(extractor):
    result = run(extractor, "Oman denies supplying drones to the Houthis.", model=True)
    assert not any(c.trigger == "stance model" and c.subject.label == "Oman" for c in result.claims)
    for stance in stances(extractor, "The Houthis threatened to strike ships if Israel continues its operations."):
        if stance.target.actor.label == "Israel":
            assert stance.relation != "ASSAULT"


def test_a_spokesperson_voicing_a_state_does_not_oppose_it(extractor):
    result = run(extractor, '"Vietnam firmly opposes this," spokeswoman Pham Thu Hang said.', model=True)
    assert not any(c.subject.label == "Pham Thu Hang" and c.object.label == "Vietnam" for c in result.claims)


def test_known_places_and_postings_hold_no_stance(extractor):
    result = run(extractor, "Algeria condemned the Moroccan strikes on Western Sahara.", model=True)
    assert not any(c.object.label == "Western Sahara" and c.trigger == "stance model" for c in result.claims)
    result = run(extractor, "Chile's ambassador to the UN, Ana Soto, criticised Peru.", model=True)
    assert not any(c.subject.label == "United Nations" for c in result.claims)
    result = run(extractor, "Chile's U.N. ambassador Ana Soto denounced the vote, saying it would help Peru.", model=True)
    assert not any(c.subject.label == "United Nations" for c in result.claims)


def test_an_organ_holds_no_model_stance_toward_its_organisation(extractor):
    result = run(extractor, "The African Union's Peace and Security Council suspended the country from all AU activities.", model=True)
    assert not any(c.object.label == "African Union" for c in result.claims)


def test_descriptions_and_postings_are_no_parties(extractor):
    found = stances(extractor, "Houthi fighters fired missiles at the Liberian-flagged, Greek-owned tanker.")
    assert not any(s.target.actor.label in ("Liberia", "Greece") for s in found)
    found = stances(extractor, "UN Special Envoy for Yemen Hans Grundberg praised the truce.")
    assert not any("Yemen" in (s.holder.actor.label, s.target.actor.label) for s in found)


def test_a_party_named_beside_a_noun_in_a_relative_clause_holds_no_stance(extractor):
    text = "Egypt, which has its own long-running dispute with Ethiopia over the Nile, condemned Somalia."
    assert not any(s.holder.actor.label == "Ethiopia" for s in stances(extractor, text))


def test_what_a_negated_act_is_not_aimed_at_is_no_target(extractor):
    text = "Foreign Minister Gedion Timothewos said the move was not directed against the Somali people."
    assert not any(s.target.actor.label == "Somalia" for s in stances(extractor, text))


def test_a_spokesperson_whose_post_is_in_the_name_speaks_for_their_state(extractor):
    text = "Spokesperson Wang Wenbin accused Tokyo of provoking trouble and said China had sovereignty over the islands."
    assert not any(s.target.actor.label == "China" for s in stances(extractor, text))


def test_a_spokesperson_speaking_of_another_state_may_hold_a_stance_toward_it(extractor):
    text = ("Chinese Foreign Ministry spokesperson Lin Jian condemned the document, saying Japan was "
            "\"ganging up to stir up trouble\" in the region.")
    found = stances(extractor, text)
    assert any(s.target.actor.label == "Japan" for s in found)  # his own state's guard does not cover Japan
    assert not any(s.target.actor.label == "China" for s in found)
