"""Rule families of the extractor on small hand-built sentences, asserted and negated and hedged."""

from __future__ import annotations

import pytest
from extract_helpers import claims, run, triples


@pytest.mark.parametrize("text, expected", [
    # subject-verb-object
    ("Turkey criticized Greece on Monday.", ("Turkey", "ACCUSE", "Greece")),
    ("Japan welcomed the new trade agreement.", ("Japan", "SUPPORT", "trade agreement")),
    # phrasal verbs
    ("France called for an immediate ceasefire.", ("France", "REQUEST", "immediate ceasefire")),
    ("Germany ruled out new arms deliveries.", ("Germany", "REJECT", "arms deliveries")),
    # light verbs
    ("Brazil voiced concern over the naval blockade.", ("Brazil", "CONCERN", "naval blockade")),
    ("The European Union imposed sanctions on Iran.", ("European Union", "SANCTION", "Iran")),
    ("India held talks with Japan in Tokyo.", ("India", "CONSULT", "Japan")),
    # passive voice
    ("Sanctions were imposed on Syria by Canada.", ("Canada", "SANCTION", "Syria")),
    ("Venezuela was condemned by Colombia.", ("Colombia", "ACCUSE", "Venezuela")),
    # open clausal complements inherit the subject
    ("Iran vowed to attack Israel.", ("Iran", "ASSAULT", "Israel")),
    # nominal forms
    ("The US goal of achieving energy dominance worries analysts.", ("United States", "PURSUE", "energy dominance")),
    # verbs and frames the lexicon lists beyond the basic ones
    ("Russia warned the United States against deploying missiles in Europe.", ("Russia", "THREATEN", "United States")),
    ("China fired missiles at Taiwan.", ("China", "ASSAULT", "Taiwan")),
    ("The EU put pressure on Hungary to drop its veto.", ("European Union", "COERCE", "Hungary")),
    ("Beijing castigated Tokyo over the visit.", ("China", "ACCUSE", "Japan")),
    ("Seoul opened talks with Hanoi.", ("South Korea", "CONSULT", "Vietnam")),
])
def test_asserted_relations(extractor, text, expected):
    found = triples(extractor, text, asserted=True)
    assert expected in found


def test_coordination_gives_one_claim_per_actor(extractor):
    found = claims(extractor, "Russia and China condemned the strikes on Syria.")
    subjects = {s for s, r, _, neg, _ in found if r == "ACCUSE" and not neg}
    assert {"Russia", "China"} <= subjects


@pytest.mark.parametrize("text", [
    "Canada did not criticize Mexico.",
    "Poland refused to sign the agreement with Belarus.",
    "Egypt never condemned Sudan.",
    "Spain does not advocate sanctions on Cuba, its foreign minister said.",
    "Turkey denied supplying weapons to Sudan.",
    "Neither Chile nor Peru signed the accord.",
])
def test_negated_acts_are_marked_not_asserted(extractor, text):
    result = run(extractor, text)
    relations = [c for c in result.claims if c.relation not in ("ROLE", "REJECT")]  # a refusal is also a REJECT
    assert relations, "the act should still be recorded"
    assert all(c.negated for c in relations)


@pytest.mark.parametrize("text", [
    "Chile could impose sanctions on Peru.",
    "Norway may support the resolution.",
    "Kenya reportedly criticized Uganda.",
    "Vietnam appears to oppose the plan.",
])
def test_hedged_acts(extractor, text):
    relations = [c for c in run(extractor, text).claims if c.relation != "ROLE"]
    assert relations and all(c.hedged and not c.negated for c in relations)


@pytest.mark.parametrize("text, act", [
    ("Mali no longer cooperates with France.", ("Mali", "COOPERATE", "France")),
    ("Peru made no concessions to Chile.", ("Peru", "CONCEDE", "Chile")),
    ("Italy ruled out sending weapons to Libya.", ("Italy", "AID", "Libya")),
    ("Qatar called on Egypt to stop attacking Libya.", ("Egypt", "ASSAULT", "Libya")),
])
def test_acts_ruled_out_or_to_be_stopped_are_negated(extractor, text, act):
    found = claims(extractor, text)
    assert act + (True, False) in found
    assert not any((s, r, o) == act and not neg for s, r, o, neg, _ in found)
    assert not any(s == "Qatar" and r == "ASSAULT" for s, r, *_ in found)


@pytest.mark.parametrize("text, expected", [
    ("Italy did not rule out sending weapons to Libya.", ("Italy", "AID", "Libya", False, True)),
    ("Chad did not deny arming the rebels.", ("Chad", "AID", "rebels", False, True)),
    ("Ghana never failed to condemn Togo.", ("Ghana", "ACCUSE", "Togo", False, False)),
    ("Peru had no choice but to back Chile.", ("Peru", "SUPPORT", "Chile", False, False)),
])
def test_a_negated_refusal_leaves_the_act_open_or_done(extractor, text, expected):
    assert expected in claims(extractor, text)


@pytest.mark.parametrize("text, expected", [
    ("Kenya's refusal to renew the trade deal with Uganda angered Kampala.", ("Kenya", "AGREE", "Uganda", True, False)),
    ("Chad denied that its army was supplying weapons to Sudan.", ("Chad", "AID", "Sudan", True, False)),
    ("Oman was unlikely to expel Iranian diplomats.", ("Oman", "SANCTION", "Iran", True, True)),
    ("Chile said it may table a resolution to condemn Peru.", ("Chile", "ACCUSE", "Peru", False, True)),
    ("Laos rejected claims that Vientiane had sent troops to Myanmar.", ("Laos", "MOBILIZE", "Myanmar", True, False)),
    ("Qatar denied reports that Doha had funded Hamas.", ("Qatar", "AID", "Hamas", True, False)),
])
def test_refusals_denials_and_intentions(extractor, text, expected):
    assert expected in claims(extractor, text)
    assert expected[:3] + (False, False) not in claims(extractor, text)


def test_what_has_yet_to_happen_is_negated_and_a_conditional_hedged(extractor):
    (claim,) = [c for c in run(extractor, "Ghana has yet to recognise Somaliland.").claims if c.relation != "ROLE"]
    assert claim.negated
    found = claims(extractor, "If Iran closes the strait, Oman will condemn Iran.")
    assert ("Oman", "ACCUSE", "Iran", False, True) in found


def test_a_coordinated_object_with_not_is_left_out(extractor):
    found = triples(extractor, "Kenya said Somalia was targeting al-Shabaab and not Ethiopia.")
    assert not any(o == "Ethiopia" for _, _, o in found)


def test_a_charge_the_accuser_reports_is_alleged(extractor):
    text = "Chad accused Sudan of sending troops to support the rebels."
    alleged = {(c.subject.label, c.relation, c.alleged) for c in run(extractor, text).claims if c.relation != "ROLE"}
    assert ("Sudan", "SUPPORT", True) in alleged or ("Sudan", "MOBILIZE", True) in alleged
    assert not any(s == "Sudan" and not a for s, _, a in alleged)


def test_a_charge_cited_is_alleged_and_a_demanded_act_is_not_done(extractor):
    (claim,) = [c for c in run(extractor, "Kenya cited reports that Eritrea had sent troops to Sudan.").claims
                if c.relation == "MOBILIZE"]
    assert (claim.subject.label, claim.alleged, claim.negated) == ("Eritrea", True, False)
    found = claims(extractor, "Kurti demanded that the EU impose sanctions on Serbia.")
    assert ("Kurti", "REQUEST", "European Union", False, False) in found
    assert not any(r == "SANCTION" for _, r, *_ in found)  # asked for, not imposed


def test_a_relation_said_to_be_over_is_negated(extractor):
    assert ("France", "COOPERATE", "Chad", True, False) in claims(
        extractor, "Paris said France's military cooperation with Chad was over.")
    assert ("France", "COOPERATE", "Chad", False, False) in claims(extractor, "France's cooperation with Chad is strong.")


def test_readiness_to_act_is_hedged(extractor):
    assert ("Peru", "CONSULT", "Chile", False, True) in claims(extractor, "Peru is ready to negotiate with Chile.")
    assert ("Peru", "CONSULT", "Chile", False, True) in claims(extractor, "Peru remained open to talks with Chile.") | \
        claims(extractor, "Peru remained open to negotiating with Chile.")


def test_a_subject_hung_on_the_auxiliary_still_acts(extractor):
    found = claims(extractor, "Washington has, however, paused some assistance programmes to Bamako.")
    assert ("United States", "SANCTION", "Mali", False, False) in found


def test_anothers_request_stands_whatever_the_clause_says(extractor):
    found = claims(extractor, "Tehran has yet to respond to a Western request for inspections.")
    assert ("the West", "REQUEST", "inspections", False, False) in found
    found = claims(extractor, "The new doctrine appears to scale back earlier Russian ambitions for regional hegemony.")
    assert ("Russia", "PURSUE", "regional hegemony", True, False) in found


def test_demanded_possible_and_too_late_acts_are_not_asserted(extractor):
    found = claims(extractor, "Ankara demanded that Stockholm crack down on Kurdish militants.")
    assert ("Turkey", "REQUEST", "Sweden", False, False) in found
    assert all(hedged for s, _, _, _, hedged in found if s == "Sweden")
    (claim,) = [c for c in run(extractor, "It is possible that Beijing hopes to broker a truce.").claims if c.relation != "ROLE"]
    assert claim.hedged
    found = claims(extractor, "Chile has been too slow to impose sanctions on Peru.")
    assert not any(r == "SANCTION" and not neg for _, r, _, neg, _ in found)


def test_what_is_under_review_is_hedged(extractor):
    (claim,) = [c for c in run(extractor, "Japan said it was reviewing its assistance to Myanmar.").claims if c.relation != "ROLE"]
    assert claim.hedged and (claim.subject.label, claim.object.label) == ("Japan", "Myanmar")


def test_a_question_asserts_nothing(extractor):
    assert claims(extractor, "Does Chile support Peru's plan to leave the pact?") == set()
    assert ("Chile", "ACCUSE", "Peru", False, False) in claims(extractor, "Why would Chile attack now? Chile has condemned Peru.")


def test_an_act_warned_against_is_not_asserted(extractor):
    found = claims(extractor, "Chile warned Bolivia against arming Peru.")
    assert ("Bolivia", "AID", "Peru", False, True) in found
    assert ("Bolivia", "AID", "Peru", False, False) not in found


def test_plain_act_is_neither_negated_nor_hedged(extractor):
    (claim,) = [c for c in run(extractor, "Chile imposed sanctions on Peru.").claims]
    assert not claim.negated and not claim.hedged


def test_official_speaks_for_the_state(extractor):
    result = run(extractor, "Russian Foreign Minister Sergey Lavrov criticized NATO expansion.")
    (claim,) = [c for c in result.claims if c.relation == "ACCUSE" and c.object.kind == "Topic"]
    assert claim.subject.label == "Russia"
    assert claim.speaker is not None and claim.speaker.label == "Sergey Lavrov"
    assert claim.object.label == "NATO expansion"


def test_reported_speech_attributes_and_resolves_pronouns(extractor):
    text = ("Foreign Ministry spokeswoman Maria Zakharova spoke on Monday. "
            "She said Washington had undermined the talks.")
    result = run(extractor, text, title="Moscow Rebukes Washington")
    roles = [c for c in result.claims if c.relation == "ROLE"]
    assert any(c.subject.label == "Maria Zakharova" and c.object.label.startswith("Russian") for c in roles)
    (claim,) = [c for c in result.claims if c.relation == "REJECT"]
    assert claim.subject.label == "United States"
    assert claim.speaker.label == "Maria Zakharova"


def test_headline_is_parsed_in_sentence_case(extractor):
    result = run(extractor, "No body text with actors.", title="Moscow Seeks Clarification From Washington")
    (claim,) = [c for c in result.claims if c.relation == "REQUEST"]
    assert claim.subject.label == "Russia" and claim.section == "title"
    assert result.article.title[claim.start:claim.end] == claim.evidence


def test_evidence_offsets_slice_the_text(extractor):
    text = "Some filler here.\n\nTurkey criticized Greece over drilling. More text follows."
    (claim,) = run(extractor, text).claims
    assert text[claim.start:claim.end] == claim.evidence == "Turkey criticized Greece over drilling."


def test_a_run_on_sentence_keeps_a_bounded_evidence_around_the_trigger(extractor):
    filler = ", and the talks went on for hours" * 80
    text = "Chile condemned Peru" + filler + "."
    (claim, *_) = [c for c in run(extractor, text).claims if c.relation == "ACCUSE"]
    assert len(claim.evidence) <= 1002 and "Chile condemned Peru" in claim.evidence
    assert text[claim.start:claim.end] == text  # the offsets still point at the whole sentence


def test_text_without_actors_gives_no_claims(extractor):
    assert run(extractor, "The bakery won a prize. It criticized the weather and condemned the rain.").claims == ()


def test_symmetric_relation_puts_the_holder_first(extractor):
    found = claims(extractor, "Russia believes the plan could open the way to cooperation between Washington and Moscow.")
    assert ("Russia", "COOPERATE", "United States", False, True) in found


def test_evaluation_gives_a_stance(extractor):
    found = claims(extractor, "Canada described the sanctions as illegal.")
    assert ("Canada", "ACCUSE", "sanctions", False, False) in found


def test_an_unowned_intention_has_no_subject(extractor):
    # who intends is not said: the subject of "signals" (the plan) does not intend anything
    found = claims(extractor, "The plan signals an intention to keep pressuring Iran, Bahrain said.")
    assert not any(r == "COERCE" for _, r, _, _, _ in found)
    found = claims(extractor, "Qatar announced its intention to sanction Iran.")
    assert any(s == "Qatar" and r == "SANCTION" and o == "Iran" for s, r, o, _, _ in found)


def test_the_definite_description_resumes_the_named_topic(extractor):
    text = ("Chile published the National Defence Strategy on Monday. It is the first Chilean strategy "
            "to mention Antarctica. Peru criticized the strategy.")
    found = claims(extractor, text)
    assert ("Peru", "ACCUSE", "Chile National Defence Strategy", False, False) in found or \
        any(s == "Peru" and r == "ACCUSE" and "National Defence Strategy" in o for s, r, o, _, _ in found)


def test_definite_descriptions_resume_the_last_compatible_actor(extractor):
    text = ("ASEAN met in Jakarta on Monday. The bloc criticized China over the collision. "
            "Thai Foreign Minister Somchai Wong spoke later. The diplomat condemned the blockade.")
    found = claims(extractor, text)
    assert ("ASEAN", "ACCUSE", "China", False, False) in found
    assert any(s == "Thailand" and r == "ACCUSE" for s, r, _, _, _ in found)


def test_we_in_a_quote_is_the_speakers_side(extractor):
    found = claims(extractor, '"We condemn the strikes on Odesa," Ukrainian Foreign Minister Andrii Sybiha said.')
    assert any(s == "Ukraine" and r == "ACCUSE" for s, r, _, _, _ in found)


def test_bad_input_gives_no_crash_and_no_spurious_claims(extractor):
    long_sentence = "The committee discussed the budget, " * 300 + "and then it adjourned."
    assert run(extractor, long_sentence).claims == ()
    odd = "“Russia” — as ever — condemned\u2011the strikes… on ‘Kyiv’ ＋ ＠ 🙂"
    found = claims(extractor, odd)
    assert all(s == "Russia" for s, *_ in found)
    shouting = run(extractor, "No actors here.", title="RUSSIA SLAMS NATO OVER NEW DRILLS")
    assert [(c.subject.label, c.relation, c.object.label) for c in shouting.claims] == [("Russia", "ACCUSE", "NATO")]


def test_object_control_gives_the_complement_its_subject(extractor):
    found = claims(extractor, "Sudan accused the United Arab Emirates of arming the Rapid Support Forces.")
    assert ("United Arab Emirates", "AID", "Rapid Support Forces", False, False) in found  # alleged, not hedged
    assert ("Sudan", "ACCUSE", "United Arab Emirates", False, False) in found
    found = claims(extractor, "France urged Iran to halt enrichment.")  # asked for, not done: only the request
    assert ("France", "REQUEST", "Iran", False, False) in found and not any(r == "CONCEDE" for _, r, *_ in found)
    found = claims(extractor, "France urged Iran to stop attacking Iraq.")  # the urged act is Iran's, and not asserted
    assert not any(s == "France" and r == "ASSAULT" for s, r, *_ in found)
    assert not any(r == "ASSAULT" and not negated for _, r, _, negated, _ in found)


def test_adjective_predicates(extractor):
    found = claims(extractor, "Washington remained committed to peace in the Taiwan Strait.")
    assert any(s == "United States" and r == "PURSUE" for s, r, *_ in found)
    found = claims(extractor, "Norway is deeply concerned about the blockade of Gaza.")
    assert any(s == "Norway" and r == "CONCERN" for s, r, *_ in found)


def test_a_wanted_agreement_is_not_a_claim_between_the_parties(extractor):
    found = claims(extractor, "Washington has pushed for a normalisation agreement between Israel and Saudi Arabia.")
    assert not any(r == "AGREE" for _, r, *_ in found)


def test_reported_it_is_who_reports_it(extractor):
    found = claims(extractor, "Iran said it would attack Israel if provoked.")
    assert any(s == "Iran" and r == "ASSAULT" and o == "Israel" for s, r, o, *_ in found)


def test_a_dateline_names_the_place_not_a_new_actor(extractor):
    result = run(extractor, "MOSCOW, Dec 9 (Reuters) - Russia criticized NATO expansion on Monday.")
    assert {(c.subject.label, c.relation, c.object.label) for c in result.claims} == {
        ("Russia", "ACCUSE", "NATO expansion"), ("Russia", "ACCUSE", "NATO")}  # the topic, and NATO whose it is
    assert all(a.label != "MOSCOW" for a in result.actors)


def test_a_named_official_as_target_stays_the_person(extractor):
    found = claims(extractor, "Russia condemned Donald Trump.")
    assert ("Russia", "ACCUSE", "Donald Trump", False, False) in found


def test_it_after_a_persons_report_resumes_the_document_and_its_state(extractor):
    text = ("Russia welcomed the new US National Security Strategy, Maria Zakharova said. "
            "Zakharova called the strategy pragmatic but said it retains hostile language about China.")
    result = run(extractor, text, model=True)
    found = {(c.subject.label, c.relation, c.object.label) for c in result.claims}
    assert ("United States", "ACCUSE", "China") in found  # "it" is the strategy, not Zakharova
    assert ("Russia", "ACCUSE", "China") not in found  # nor does the model give her the strategy's stance


def test_a_speaker_is_given_only_to_what_they_are_reported_to_say(extractor):
    result = run(extractor, "China backed Iran's position, while Lavrov said Russia opposed the sanctions.")
    by_subject = {c.subject.label: c for c in result.claims if c.relation != "ROLE"}
    assert by_subject["China"].speaker is None
    assert by_subject["Russia"].speaker.label == "Sergey Lavrov"


def test_a_negated_verb_does_not_negate_another_actors_owned_act(extractor):
    found = claims(extractor, "Brazil did not endorse Washington's call for a new election.")
    assert ("United States", "REQUEST", "new election", False, False) in found or \
        ("United States", "REQUEST", "election", False, False) in found
    assert ("Brazil", "SUPPORT", "United States", True, False) in found
    assert ("United States", "ACCUSE", "Iran", True, False) in claims(extractor, "There was no criticism of Iran by the US.")


def test_two_officials_of_one_state_keep_their_dispute_between_them(extractor):
    found = triples(extractor, "Sergey Lavrov criticized Vladimir Putin. The Pentagon praised the State Department.")
    assert ("Sergey Lavrov", "ACCUSE", "Vladimir Putin") in found
    assert ("US Department of Defense", "SUPPORT", "US State Department") in found
    assert not any(s == o for s, _, o in found)
    # an official acting on their own state still gives no claim of the state on itself
    assert not triples(extractor, "Sergey Lavrov praised Russia.")


def test_both_countries_as_target_and_delegations_from_two_sides(extractor):
    text = "Fighting between Chad and Sudan eased on Monday. Kenya urged both countries to talk. Egypt criticized both sides."
    found = triples(extractor, text)
    assert {("Kenya", "REQUEST", "Chad"), ("Kenya", "REQUEST", "Sudan"), ("Egypt", "ACCUSE", "Chad"),
            ("Egypt", "ACCUSE", "Sudan")} <= found
    found = triples(extractor, "Delegations from Sudan and Chad held talks in Jeddah.")
    assert {("Sudan", "CONSULT", "Chad"), ("Chad", "CONSULT", "Sudan")} <= found


def test_a_refusal_is_a_rejection_and_a_vetoed_text_says_nothing(extractor):
    found = claims(extractor, "Iran refused to accept the Omani proposal.")
    assert ("Iran", "REJECT", "Omani proposal", False, False) in found
    assert ("Iran", "AGREE", "Omani proposal", True, False) in found
    assert not any(r == "REJECT" for _, r, *_ in claims(extractor, "Iran did not refuse to accept the proposal."))
    found = claims(extractor, "The United States vetoed a draft Security Council resolution demanding access to Gaza.")
    assert not any(s == "UN Security Council" and not negated for s, _, _, negated, _ in found)


def test_a_briefing_answer_speaks_for_the_spokespersons_state(extractor):
    title = "Foreign Ministry Spokesperson Lin Jian's Regular Press Conference on May 3"
    text = ("Q: Washington imposed new tariffs on Chinese goods. What is your response?\n\n"
            "A: We firmly oppose the tariffs. We urge the United States to correct its wrong practices.")
    result = run(extractor, text, title)
    found = {(c.subject.label, c.relation, c.object.label, c.speaker.label if c.speaker else None) for c in result.claims}
    assert ("China", "REQUEST", "United States", "Lin Jian") in found
    assert ("China", "REJECT", "tariffs", "Lin Jian") in found


def test_the_two_leaders_are_the_last_pair_that_acted_together(extractor):
    text = ("Kenyan President William Ruto and Ugandan President Yoweri Museveni signed a joint declaration in Nairobi. "
            "Ghana praised the declaration. The two leaders agreed to meet again in Kampala.")
    found = triples(extractor, text)
    assert ("Kenya", "AGREE", "Uganda") in found and ("Uganda", "AGREE", "Kenya") in found
    assert not any("Ghana" in (s, o) and r == "AGREE" for s, r, o in found)
    assert ("Uganda", "CONCEDE", "United States") in triples(extractor, "Uganda released three US citizens.")


def test_a_quote_that_goes_on_stays_in_the_speakers_words(extractor):
    text = 'Chinese Foreign Ministry spokesman Lin Jian said: "Washington must stop. We firmly oppose the arms sale."'
    found = {(c.subject.label, c.relation, c.object.label, c.speaker.label if c.speaker else None)
             for c in run(extractor, text).claims}
    assert ("China", "REJECT", "arms sale", "Lin Jian") in found


@pytest.mark.parametrize("text", [
    "Kremlin spokesman Dmitry Peskov declined to say whether Moscow had concerns about India's role.",
    "He did not say whether Washington would ease restrictions on Belarus.",
    "Reporters asked if Kyiv would attend talks with Moscow.",
])
def test_an_indirect_question_asserts_nothing(extractor, text):
    assert not [c for c in run(extractor, text).claims if c.relation != "ROLE" and not c.negated]


def test_a_quote_named_only_where_it_closes_is_in_its_speakers_words(extractor):
    text = ('"We firmly oppose the arms sale. We urge Washington to stop," Chinese Foreign Ministry '
            'spokesman Lin Jian told reporters.\n\nJapan criticized the sale.')
    found = {(c.subject.label, c.relation, c.object.label, c.speaker.label if c.speaker else None)
             for c in run(extractor, text).claims if c.relation != "ROLE"}
    assert ("China", "REJECT", "arms sale", "Lin Jian") in found
    assert ("China", "REQUEST", "United States", "Lin Jian") in found
    assert ("Japan", "ACCUSE", "arms sale", None) in found


def test_pressure_resisted_rejected_talks_purposes_and_a_parenthetical_source(extractor):
    found = triples(extractor, "Iraq and Syria resisted pressure from Turkey to close the border.")
    assert {("Turkey", "COERCE", "Iraq"), ("Turkey", "COERCE", "Syria")} <= found
    assert not any(o == "Turkey" for _, _, o in found)
    assert ("Kenya", "CONSULT", "al-Shabaab", True, False) in claims(
        extractor, "Kenya said it rejected any negotiation with al-Shabaab.")
    assert ("Russia", "COERCE", "Moldova", False, True) in claims(
        extractor, "Moscow cut gas supplies to punish Moldova.")
    found = triples(extractor, "Iran launched a drone on Tuesday, Iraqi officials said, drawing condemnation from Qatar.")
    assert ("Qatar", "ACCUSE", "Iran") in found and ("Qatar", "ACCUSE", "Iraq") not in found


def test_a_bid_is_intended_a_voted_down_text_says_nothing_and_a_welcomed_deal_is_its_parties(extractor):
    found = claims(extractor, "Turkey blocked Sweden's bid to join NATO.")
    assert not any(s == "Sweden" and r == "COOPERATE" and not negated for s, r, _, negated, _ in found)
    found = claims(extractor, "Brazil voted against the resolution condemning Russia.")
    assert not any(r == "ACCUSE" and o == "Russia" and not negated for _, r, o, negated, _ in found)
    result = run(extractor, "France welcomed the agreement between Armenia and Azerbaijan.", model=True)
    assert not any(c.subject.label == "France" and c.relation == "AGREE" for c in result.claims)
