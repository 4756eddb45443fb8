"""Rule families of kg.extract.relations on small hand-built sentences: frames, evaluations, joint acts."""

from __future__ import annotations

import pytest
from extract_helpers import claims, run, triples


def test_coordinated_parties_of_a_joint_act_each_get_a_claim(extractor):
    found = claims(extractor, "India and Russia held talks in Delhi, with officials signing new contracts.")
    assert {("India", "CONSULT", "Russia", False, False), ("Russia", "CONSULT", "India", False, False)} <= found
    assert not any(c[2] == "contracts" or "contract" in c[2] for c in found)  # "with ... signing" is no partner


def test_plural_relation_nouns_count_as_listed(extractor):
    found = claims(extractor, "A US official said talks with Riyadh were continuing.")
    assert ("United States", "CONSULT", "Saudi Arabia", False, False) in found


def test_readiness_is_a_hedge_and_keeps_its_subject(extractor):
    (claim,) = run(extractor, "South Africa was ready to support an AU-led mediation effort.").claims
    assert (claim.subject.label, claim.relation, claim.object.label) == ("South Africa", "SUPPORT", "AU-led mediation effort")
    assert claim.hedged and not claim.negated
    assert claim.object.about == ("african_union",)


def test_an_amount_of_aid_is_aid(extractor):
    found = claims(extractor, "Saudi Arabia pledged $500 million in aid for Gaza.")
    assert ("Saudi Arabia", "AID", "Gaza", False, False) in found


@pytest.mark.parametrize("text", [
    "Norway pledged 200 million euros in humanitarian aid to Sudan.",
    "Norway will give 200 million euros to Sudan.",
])
def test_money_given_to_an_actor_is_aid(extractor, text):
    found = triples(extractor, text)
    assert ("Norway", "AID", "Sudan") in found
    assert not any("euros" in o for _, _, o in found)


def test_the_official_summoned_is_the_target_not_the_reason(extractor):
    found = triples(extractor, "Lithuania summoned the Belarusian ambassador over a drone incident.")
    assert found == {("Lithuania", "ACCUSE", "Belarus")}


def test_a_named_apposition_is_the_actor(extractor):
    found = triples(extractor, "Chile's president met his Argentine counterpart Javier Milei in Santiago.")
    assert ("Chile", "CONSULT", "Javier Milei") in found
    assert not any("counterpart" in o for _, _, o in found)


@pytest.mark.parametrize("text, expected", [
    ("Vietnam's new airstrip worries the Philippines.", ("Philippines", "CONCERN", "Vietnam")),
    ("The Philippines was alarmed by Vietnam's new airstrip.", ("Philippines", "CONCERN", "Vietnam")),
    ("Norway's decision angered Moscow.", ("Russia", "ACCUSE", "Norway")),
])
def test_the_object_of_an_experiencer_verb_holds_the_stance(extractor, text, expected):
    found = claims(extractor, text)
    assert expected + (False, False) in found
    assert not any(s == expected[2] and o == expected[0] for s, _, o, *_ in found)


@pytest.mark.parametrize("text, expected", [
    ("Belarus, a close ally of Moscow, hosted the talks.", ("Belarus", "COOPERATE", "Russia")),
    ("Belarus is a close ally of Russia.", ("Belarus", "COOPERATE", "Russia")),
    ("Iran, a staunch backer of Hamas, denied any role.", ("Iran", "SUPPORT", "Hamas")),
])
def test_an_ally_or_backer_named_beside_an_actor(extractor, text, expected):
    assert expected in triples(extractor, text, asserted=True)


def test_a_relative_pronoun_subject_is_not_the_object(extractor):
    found = claims(extractor, "Oman and Kuwait, which have sought to mediate, called for de-escalation.")
    assert ("Oman", "REQUEST", "de-escalation", False, False) in found  # the hyphenated word stays whole
    assert not any(o in ("Oman", "Kuwait") for _, _, o, *_ in found)


def test_an_organisations_chief_speaks_for_it(extractor):
    found = claims(extractor, "The UN chief called for a cease-fire in Yemen.")
    assert ("United Nations", "REQUEST", "cease-fire", False, False) in found


@pytest.mark.parametrize("text", ["Spain has scaled back its support for Morocco.", "Spain abandoned its support for Morocco."])
def test_support_given_up_is_negated(extractor, text):
    (claim,) = [c for c in run(extractor, text).claims if c.relation == "SUPPORT"]
    assert (claim.subject.label, claim.object.label, claim.negated) == ("Spain", "Morocco", True)


def test_what_an_actor_is_asked_to_resume_is_no_claim_of_the_asker(extractor):
    found = claims(extractor, "Chile and Peru called on Bolivia to resume cooperation with the tribunal, they said.")
    assert {("Chile", "REQUEST", "Bolivia"), ("Peru", "REQUEST", "Bolivia")} <= {(s, r, o) for s, r, o, *_ in found}
    assert not any(r == "COOPERATE" for _, r, *_ in found)


def test_a_hyphenated_object_split_by_the_parser_is_read_whole(extractor):
    found = claims(extractor, "Brazil announced counter-tariffs on $5 billion worth of Argentine goods.")
    assert ("Brazil", "SANCTION", "Argentina", False, False) in found


def test_an_evaluation_in_quotes_is_a_stance(extractor):
    found = claims(extractor, 'Chile called the decision "unjustified".')
    assert ("Chile", "ACCUSE", "decision", False, False) in found


@pytest.mark.parametrize("text, expected", [
    ("Chad and Sudan traded accusations over the raids.", {("Chad", "ACCUSE", "Sudan"), ("Sudan", "ACCUSE", "Chad")}),
    ("Chad and Sudan exchanged fire near the border.", {("Chad", "ASSAULT", "Sudan"), ("Sudan", "ASSAULT", "Chad")}),
    ("Cuba and Nicaragua voted against the motion.", {("Cuba", "REJECT", "motion"), ("Nicaragua", "REJECT", "motion")}),
])
def test_reciprocal_acts_and_votes(extractor, text, expected):
    assert expected <= triples(extractor, text, asserted=True)


@pytest.mark.parametrize("text", ["Moldova received 30 armoured vehicles from Romania.", "Moldova received Romanian ammunition."])
def test_what_an_actor_receives_is_the_givers_aid(extractor, text):
    found = triples(extractor, text, asserted=True)
    assert ("Romania", "AID", "Moldova") in found
    assert not any(s == "Moldova" for s, _, _ in found)


@pytest.mark.parametrize("text", ["Spain delivered howitzers to Morocco.", "Spain provided Morocco with patrol vessels."])
def test_weapons_delivered_or_provided_are_aid(extractor, text):
    assert ("Spain", "AID", "Morocco", False, False) in claims(extractor, text)


def test_a_demand_by_an_actor_is_that_actors(extractor):
    found = triples(extractor, "Ecuador rejected the demand by Peru.")
    assert ("Ecuador", "REJECT", "Peru") in found


def test_a_participle_elaborating_an_act_takes_its_type(extractor):
    found = triples(extractor, "Canada imposed sanctions on Iran, targeting oil exporters.")
    assert ("Canada", "SANCTION", "oil exporters") in found
    assert not any(r == "ASSAULT" for _, r, _ in found)


def test_a_document_says_what_its_issuer_says(extractor):
    found = triples(extractor, "The African Union adopted a resolution condemning Sudan's offensive.")
    assert ("African Union", "ACCUSE", "Sudan") in found
    found = triples(extractor, "Russia vetoed a resolution condemning the strikes.")
    assert not any(s == "Russia" and r == "ACCUSE" for s, r, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Azerbaijan struck targets in Armenia.", ("Azerbaijan", "ASSAULT", "Armenia")),
    ("Venezuela massed troops near its border with Guyana.", ("Venezuela", "MOBILIZE", "Guyana")),
    ("Russian drones hit energy infrastructure in Ukraine.", ("Russia", "ASSAULT", "Ukraine")),
])
def test_a_generic_place_gives_way_to_the_place_it_is_in(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_recalling_an_ambassador_and_meddling(extractor):
    assert ("Ghana", "SANCTION", "Togo", False, False) in claims(extractor, "Ghana recalled its ambassador from Togo.")
    assert ("Serbia", "COERCE", "Montenegro", True, False) in claims(
        extractor, "Serbia denied interfering in Montenegro's internal affairs.")


def test_sanctions_on_officials_parsed_as_a_clause(extractor):
    found = triples(extractor, "Bans were imposed by the EU on two Belarusian officials linked to the crackdown.")
    assert ("European Union", "SANCTION", "Belarus") in found


def test_a_headline_as_clause_does_not_inherit_the_subject(extractor):
    found = triples(extractor, "", title="Kenya Calls for Truce as Fighting Spreads in Darfur")
    assert not any(r == "ASSAULT" for _, r, _ in found)


def test_a_date_is_not_the_particle_of_a_phrasal_verb(extractor):
    assert ("African Union", "REQUEST", "Mali", False, False) in claims(
        extractor, "The African Union on Sunday called on Mali to hold elections.")


def test_coordinated_modifiers_are_each_a_party(extractor):
    found = triples(extractor, "Greek and Turkish troops exchanged fire near the border.")
    assert {("Greece", "ASSAULT", "Turkey"), ("Turkey", "ASSAULT", "Greece")} <= found
    found = triples(extractor, "Israeli and US forces struck Yemen.")
    assert {("Israel", "ASSAULT", "Yemen"), ("United States", "ASSAULT", "Yemen")} <= found


@pytest.mark.parametrize("text, wrong", [
    ("Israel alarmed its neighbours by announcing new settlements.", ("Israel", "CONCERN")),
    ("The sanctions on Iran worried European companies, not Israel.", ("Israel", "CONCERN")),
    ("The United States imposed sanctions on Russia, hitting a record for the number of entities.", ("United States", "ASSAULT")),
])
def test_experiencers_participles_and_contrasts_do_not_overreach(extractor, text, wrong):
    assert not any((s, r) == wrong for s, r, *_ in claims(extractor, text))


def test_receiving_a_visitor_is_consulting_and_criticism_received_is_not(extractor):
    assert ("Egypt", "CONSULT", "Israel", False, False) in claims(extractor, "Egypt received the Israeli delegation.")
    assert not any(r == "CONSULT" for _, r, *_ in claims(extractor, "Pakistan received sharp criticism from India."))


def test_a_proposal_stands_when_the_plan_is_shelved(extractor):
    found = claims(extractor, "The plan to reopen the embassy, proposed by Britain last year, has now been shelved.")
    assert ("United Kingdom", "ISSUE", "plan", False, False) in found


def test_a_place_the_ner_took_for_a_time_is_still_the_target(extractor):
    found = triples(extractor, "Russia fired missiles at Kyiv overnight.")
    assert ("Russia", "ASSAULT", "Ukraine") in found


def test_a_decision_by_an_actor_to_act_is_its_act(extractor):
    found = triples(extractor, "The decision by Spain to send tanks to Ukraine angered Moscow.")
    assert ("Spain", "AID", "Ukraine") in found


@pytest.mark.parametrize("text, expected", [
    ("Greece closed the frontier with Albania.", ("Greece", "SANCTION", "Albania")),
    ("Belarus halted oil transit from Lithuania.", ("Belarus", "SANCTION", "Lithuania")),
    ("Ghana pledged to send observers to Liberia.", ("Ghana", "AID", "Liberia")),
    ("Nepal will contribute troops to the mission in Lebanon.", ("Nepal", "AID", "Lebanon")),
    ("Cuba declined an invitation from Panama.", ("Cuba", "REJECT", "Panama")),
    ("Eritrean troops clashed with Ethiopian forces.", ("Eritrea", "ASSAULT", "Ethiopia")),
    ("Hanoi warned that Manila would pay a price.", ("Vietnam", "THREATEN", "Philippines")),
    ("Chile voiced concern that Argentina could close the pass.", ("Chile", "CONCERN", "Argentina")),
    ("Fiji signed a new security pact with Tonga.", ("Fiji", "AGREE", "Tonga")),
    ("The World Bank approved a $2 billion loan to Ghana.", ("World Bank", "AID", "Ghana")),
    ("Portugal withdrew its troops from Angola.", ("Portugal", "CONCEDE", "Angola")),
])
def test_more_frames_from_the_lexicon(extractor, text, expected):
    assert expected in triples(extractor, text, asserted=True)


def test_a_warning_about_the_present_is_no_threat(extractor):
    assert not any(r == "THREATEN" for _, r, *_ in claims(extractor, "Japan warned that China's drills were dangerous."))


def test_the_two_countries_are_the_last_two_states_named(extractor):
    found = triples(extractor, "Fiji and Tonga held talks in Suva. The two countries signed an accord.")
    assert {("Fiji", "AGREE", "Tonga"), ("Tonga", "AGREE", "Fiji")} <= found
    assert claims(extractor, "The two countries signed an accord.") == set()  # nobody named before


def test_a_phrasal_verb_takes_its_object_from_the_preposition(extractor):
    found = claims(extractor, "Kenya cracked down on Somali smugglers.")
    assert ("Kenya", "COERCE", "Somali smugglers", False, False) in found


@pytest.mark.parametrize("text, expected", [
    ("Moscow had serious questions about the force's rules of engagement.",
     ("Russia", "CONCERN", "force's rules of engagement")),
    ("Tokyo raised the matter with Beijing.", ("Japan", "CONSULT", "China")),
    ("NATO scrambled jets near the Russian border.", ("NATO", "MOBILIZE", "Russian border")),
])
def test_topics_keep_their_of_phrase_and_more_light_verbs(extractor, text, expected):
    assert expected + (False, False) in claims(extractor, text)


@pytest.mark.parametrize("text, expected", [
    ("The sanctions are illegal, Russia's foreign ministry said in a statement.", ("Russia", "ACCUSE", "sanctions")),
    ("China said the US move was a dangerous provocation.", ("China", "ACCUSE", "United States")),
    ("Egypt and Jordan met in Cairo.", ("Jordan", "CONSULT", "Egypt")),
    ("Putin and Xi agreed to deepen their partnership.", ("China", "COOPERATE", "Russia")),  # leaders: their states
])
def test_reported_evaluations_and_joint_acts(extractor, text, expected):
    assert expected in triples(extractor, text, asserted=True)


def test_a_headline_lists_its_parties_with_commas(extractor):
    found = triples(extractor, "", title="Russia, China Condemn US Strikes")
    assert {("Russia", "ACCUSE", "United States"), ("China", "ACCUSE", "United States")} <= found
    found = triples(extractor, "", title="India, China Hold Talks as Tensions Simmer")
    assert {("India", "CONSULT", "China"), ("China", "CONSULT", "India")} <= found


@pytest.mark.parametrize("text, expected", [
    ("Turkey has threatened to launch a new military operation in northern Syria.", ("Turkey", "THREATEN", "Syria", False, False)),
    ("Turkey has threatened to launch a new military operation in northern Syria.", ("Turkey", "ASSAULT", "Syria", False, True)),
    ("China's embassy in London denied the spying allegations.", ("China", "REJECT", "spying allegations", False, False)),
    ("Azerbaijan and Armenia accused each other of violating the ceasefire.", ("Armenia", "ACCUSE", "Azerbaijan", False, False)),
    ("Germany will not send Taurus missiles to Ukraine.", ("Germany", "AID", "Ukraine", True, False)),
    ("Washington announced a military aid package for Kyiv.", ("United States", "AID", "Ukraine", False, False)),
    ("Iran ruled out direct negotiations with the United States.", ("Iran", "REJECT", "direct negotiations with United States", False, False)),
])
def test_threats_denials_reciprocity_and_packages(extractor, text, expected):
    assert expected in claims(extractor, text)  # a threatened act is hedged: it has not happened


def test_what_someone_called_something_is_the_object(extractor):
    found = claims(extractor, "Russia criticised what it called the council's silence on the settlements.")
    assert ("Russia", "ACCUSE", "council's silence on settlements", False, False) in found or \
        any(r == "ACCUSE" and o.startswith("council's silence") for _, r, o, _, _ in found)


def test_a_relative_pronoun_stands_for_its_noun(extractor):
    text = "The council adopted the Gaza resolution, which was drafted by the United States."
    assert ("United States", "ISSUE", "Gaza resolution", False, False) in claims(extractor, text)


def test_denying_an_act_is_no_rejection_but_denying_a_charge_is(extractor):
    found = claims(extractor, "Turkey, which has close ties with the army, denied supplying weapons to either side.")
    assert not any(r == "REJECT" for _, r, *_ in found)
    assert ("China", "REJECT", "spying allegations", False, False) in claims(
        extractor, "China's embassy denied the spying allegations.")


def test_a_direction_of_a_place_targets_the_place(extractor):
    found = claims(extractor, "China launched drills on Saturday, sending warships into waters east and south of the island.")
    assert ("China", "MOBILIZE", "island", False, False) in found
    assert not any(o in ("south", "east") or o.startswith("waters") for _, _, o, _, _ in found)


def test_parties_meeting_over_something_meet_each_other(extractor):
    found = claims(extractor, "Russia and Ukraine met in Minsk over the conflict.")
    assert {("Russia", "CONSULT", "Ukraine", False, False), ("Ukraine", "CONSULT", "Russia", False, False)} <= found


def test_would_is_a_maybe_except_in_reported_speech(extractor):
    assert ("United States", "AGREE", "bad deal", False, True) in claims(
        extractor, "Israel is convinced the United States would accept a bad deal.")
    assert ("Iran", "THREATEN", "Israel", False, False) in claims(extractor, "Iran said it would threaten Israel.")


@pytest.mark.parametrize("text, expected", [
    ("Iran did not use harsh language about Israel.", ("Iran", "ACCUSE", "Israel", True, False)),
    ("Egypt and Jordan may meet in Cairo.", ("Egypt", "CONSULT", "Jordan", False, True)),
    ("Beijing did not describe the tariffs as an American provocation.", ("China", "ACCUSE", "United States", True, False)),
    ("Turkey has not threatened to launch an operation in Syria.", ("Turkey", "THREATEN", "Syria", True, False)),
    ("Israel refused to cut off relations with Egypt.", ("Israel", "SANCTION", "Egypt", True, False)),
    ("The sanctions may be illegal, Russia's foreign ministry said.", ("Russia", "ACCUSE", "sanctions", False, True)),
])
def test_the_newer_frames_negated_and_hedged(extractor, text, expected):
    found = claims(extractor, text)
    assert expected in found
    assert (*expected[:3], not expected[3], expected[4]) not in found  # never asserted the other way


def test_water_cannon_is_coercion(extractor):
    found = claims(extractor, "China's coast guard fired water cannon at a Philippine supply vessel.")
    assert ("China", "COERCE", "Philippines", False, False) in found


def test_an_act_someone_is_urged_to_do_is_not_done(extractor):
    found = claims(extractor, "Israel has urged Western powers to keep up the pressure on Tehran.")
    assert ("Israel", "REQUEST", "the West", False, False) in found
    assert not any(r == "COERCE" for _, r, *_ in found)  # asked for, not done: the request says it
    assert ("Iran", "SANCTION", "Iran", False, False) not in found


def test_reimposing_sanctions_is_a_sanction(extractor):
    assert ("United Kingdom", "SANCTION", "Iran", False, False) in claims(extractor, "Britain reimposed sanctions on Iran.")


def test_a_joint_act_needs_two_parties(extractor):
    assert claims(extractor, "Egypt met in Cairo.") == set()
    assert claims(extractor, "The talks were held.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Nigeria attacked Ghana for its visa rules.", ("Nigeria", "ACCUSE", "Ghana")),
    ("Nigeria attacked Ghana for the second day.", ("Nigeria", "ASSAULT", "Ghana")),
    ("Nigeria attacked Ghana.", ("Nigeria", "ASSAULT", "Ghana")),
])
def test_an_attack_for_a_reason_is_an_attack_in_words(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_an_office_alone_is_no_topic(extractor):
    found = triples(extractor, "Ghana endorsed Togo's bid for president.")
    assert not any(o == "president" for _, _, o in found)
    assert ("Ghana", "SANCTION", "commanders") in triples(extractor, "Ghana imposed sanctions on commanders.")


@pytest.mark.parametrize("text, expected", [
    ("China launched a scathing attack on Japan over the visit.", ("China", "ACCUSE", "Japan")),
    ("Russia launched a missile attack on Ukraine.", ("Russia", "ASSAULT", "Ukraine")),
])
def test_a_verbal_attack_is_an_accusation(extractor, text, expected):
    assert expected in triples(extractor, text)


def test_rights_groups_are_actors(extractor):
    found = triples(extractor, "A 2024 Human Rights Watch report accused Ethiopia of abuses. Amnesty International condemned Iran.")
    assert ("Human Rights Watch", "ACCUSE", "Ethiopia") in found
    assert ("Amnesty International", "ACCUSE", "Iran") in found


@pytest.mark.parametrize("text, expected", [
    ("Chadian forces opened fire with rifles and mortars on a Sudanese patrol.", ("Chad", "ASSAULT", "Sudan")),
    ("Armenia blocked dozens of social media accounts.", ("Armenia", "COERCE", "social media accounts")),
    ("China, which borders both countries, called for restraint.", ("China", "REQUEST", "restraint")),
])
def test_instruments_quantities_and_a_verbless_parse(extractor, text, expected):
    found = triples(extractor, text)
    assert expected in found
    assert not any(o in ("rifles", "mortars", "dozens") for _, _, o in found)


@pytest.mark.parametrize("text, expected", [
    ("Washington raised duties on Mexican steel.", ("United States", "SANCTION", "Mexico")),
    ("Serbia ordered the closure of all border crossings with Kosovo.", ("Serbia", "SANCTION", "Kosovo")),
    ("Germany ordered the expulsion of two Russian diplomats.", ("Germany", "SANCTION", "Russia")),
    ("Iran resumed talks with Oman.", ("Iran", "CONSULT", "Oman")),
    ("Russia froze its participation in the treaty.", ("Russia", "REJECT", "treaty")),
    ("Hamas vowed to wage war against Israel.", ("Hamas", "ASSAULT", "Israel")),
    ("The United States designated the Houthis as a terrorist organisation.", ("United States", "ACCUSE", "Houthis")),
    ("Moldova applied for membership of the EU.", ("Moldova", "PURSUE", "membership of EU")),
])
def test_more_trade_diplomatic_and_military_phrases(extractor, text, expected):
    assert expected in triples(extractor, text)


@pytest.mark.parametrize("text, expected", [
    ("China banned exports of rare-earth magnets to Japan.", ("China", "SANCTION", "Japan")),
    ("Berlin slashed funding for UNICEF.", ("Germany", "SANCTION", "UNICEF")),
    ("Washington dropped charges against four Iranians.", ("United States", "CONCEDE", "Iran")),
    ("The Alliance of Sahel States condemned ECOWAS.", ("Alliance of Sahel States", "ACCUSE", "ECOWAS")),
    ("Russia's Northern Fleet held exercises near Norway.", ("Russia", "MOBILIZE", "Norway")),
])
def test_cuts_bans_and_dropped_charges(extractor, text, expected):
    found = triples(extractor, text)
    assert expected in found
    assert not any(r == "AID" for _, r, _ in found)  # "slashed funding" is no aid


def test_stopped_by_soldiers_and_a_named_group(extractor):
    assert ("Ethiopia", "COERCE", "trucks") in triples(extractor, "The trucks were stopped by Ethiopian soldiers.")
    assert ("al-Shabaab", "REQUEST", "release of fighters") in triples(
        extractor, "The al-Shabaab group demanded the release of its fighters.")


def test_responsibility_claimed_and_an_approved_sale(extractor):
    assert ("Hamas", "ASSAULT", "Israel") in triples(extractor, "Hamas claimed responsibility for the rocket attack on Israel.")
    assert not any(r == "ASSAULT" for _, r, _ in triples(extractor, "Hamas denied responsibility for the attack on Israel."))
    assert ("United States", "AID", "Saudi Arabia") in triples(
        extractor, "The United States approved the sale of F-35 jets to Saudi Arabia.")
