"""Claims kg.extract.derived makes from a rule claim: accusations, owners, requests instead of acts."""

from __future__ import annotations

import pytest
from extract_helpers import claims, run, triples


def test_claiming_a_hostile_act_accuses_its_doer(extractor):
    found = claims(extractor, "Spain alleged that Morocco had blocked the border crossings.")
    assert ("Morocco", "COERCE", "border crossings", False, False) in found  # alleged, not hedged
    (claim,) = [c for c in run(extractor, "Spain alleged that Morocco had blocked the border crossings.").claims
                if c.relation == "COERCE"]
    assert claim.alleged and not claim.hedged
    assert ("Spain", "ACCUSE", "Morocco", False, False) in found


def test_a_stance_toward_what_an_actor_owns_is_toward_the_actor(extractor):
    found = claims(extractor, "Russia condemned Israel's decision to expand settlements.")
    assert {("Russia", "ACCUSE", "Israel", False, False), ("Russia", "ACCUSE", "Israel's decision", False, False)} <= found
    negated = claims(extractor, "Russia did not condemn Israel's decision.")
    assert ("Russia", "ACCUSE", "Israel", True, False) in negated  # negated like the claim it comes from
    assert not any(not neg for _, _, _, neg, _ in negated)


def test_what_a_speaker_says_another_should_do_is_a_request_not_an_act(extractor):
    text = ("The IAEA board met in Vienna. Russia and China backed Tehran's position, "
            "arguing that the agency should first condemn the strikes.")
    found = claims(extractor, text)
    assert {("Russia", "REQUEST", "International Atomic Energy Agency", False, False),
            ("China", "REQUEST", "International Atomic Energy Agency", False, False)} <= found
    assert not any(s == "International Atomic Energy Agency" for s, *_ in found)  # the agency has condemned nothing


@pytest.mark.parametrize("text, expected, absent", [
    ("Israel launched airstrikes on Hezbollah positions.", ("Israel", "ASSAULT", "Hezbollah"), None),
    ("Germany condemned the Russian strikes on Kyiv.", ("Germany", "ACCUSE", "Russia"), None),
    ("Russia criticized the Ukraine war.", ("Russia", "ACCUSE", "Ukraine war"), ("Russia", "ACCUSE", "Ukraine")),
    ("North Korea fired a missile, drawing condemnation from Japan and South Korea.",
     ("South Korea", "ACCUSE", "North Korea"), None),
    ("Saudi Arabia and Iran restored diplomatic ties.", ("Iran", "COOPERATE", "Saudi Arabia"), None),
    ("Tehran summoned the British ambassador.", ("Iran", "ACCUSE", "United Kingdom"), None),
    ("NATO scrambled Polish jets.", None, ("NATO", "MOBILIZE", "Poland")),  # Poland owns the jets
])
def test_owners_of_targets_and_reactions(extractor, text, expected, absent):
    found = triples(extractor, text, asserted=True)
    assert expected is None or expected in found
    assert absent not in found


def test_a_stance_toward_an_actors_earlier_act_reaches_the_actor(extractor):
    text = "China staged large-scale drills around Taiwan. The United States voiced concern over the drills."
    found = claims(extractor, text)
    assert ("United States", "CONCERN", "China", False, False) in found  # "the drills" are China's
    assert ("United States", "CONCERN", "large-scale drills", False, False) in found


def test_cutting_off_relations_with_a_state_targets_the_state(extractor):
    found = claims(extractor, "Saudi Arabia cut off diplomatic relations with Iran.")
    assert ("Saudi Arabia", "SANCTION", "Iran", False, False) in found


def test_they_inside_a_report_is_not_the_reporter(extractor):
    text = "A Pentagon official said the Houthis may have mistaken the ship they attacked for a US Navy ship."
    assert not any(s == "United States" and r == "ASSAULT" for s, r, *_ in claims(extractor, text))


@pytest.mark.parametrize("text, expected", [
    ("Lin Jian told reporters that the Philippines should stop sending vessels to the area.",
     ("China", "REQUEST", "Philippines", False, False)),
    ("Ukraine must not join NATO, Peskov said.", ("Russia", "REQUEST", "Ukraine", False, False)),
])
def test_what_an_actor_should_do_in_anyones_words_is_their_request(extractor, text, expected):
    assert expected in claims(extractor, text)


def test_the_decision_resumes_the_last_act_told(extractor):
    found = triples(extractor, "Japan imposed new tariffs on Vietnam. Vietnam condemned the decision.")
    assert ("Vietnam", "ACCUSE", "Japan") in found
    found = triples(extractor, "Vietnam condemned the decision.")
    assert found == {("Vietnam", "ACCUSE", "decision")}


def test_that_move_is_the_last_actors_even_when_no_rule_read_it(extractor):
    found = triples(extractor, "Maduro ordered the oil company to issue licences. Guyana rejected that move.")
    assert ("Guyana", "REJECT", "Venezuela") in found


def test_remarks_by_a_side_are_that_sides(extractor):
    found = triples(extractor, "The Chinese side appreciates the remarks by the Vietnamese side.")
    assert ("China", "SUPPORT", "Vietnam") in found


def test_a_move_summing_up_an_act_reaches_its_doer_and_its_critic_speaks_for_itself(extractor):
    result = run(extractor, "Chile said it would send troops to Bolivia, a move Peru criticised as reckless.")
    found = {(c.subject.label, c.relation, c.object.label) for c in result.claims}
    assert ("Peru", "ACCUSE", "Chile") in found
    (criticism, *_) = [c for c in result.claims if c.subject.label == "Peru"]
    assert criticism.speaker is None  # Chile reports its own plan, not Peru's criticism
    found = triples(extractor, "Japan expanded its missile defences, a step China condemned.")
    assert ("China", "ACCUSE", "Japan") in found


def test_the_role_of_a_state_is_its_own_and_where_it_happens_is_no_target(extractor):
    found = triples(extractor, "Britain criticized the role of Russia in Syria.")
    assert ("United Kingdom", "ACCUSE", "Russia") in found
    assert ("United Kingdom", "ACCUSE", "Russia") in triples(extractor, "Britain condemned the actions of Russia.")
    result = run(extractor, "Britain criticized the role of Russia in Syria.", model=True)
    assert not any(c.object.label == "Syria" for c in result.claims)
