"""Who the words name (kg.extract.mentions): names, titles, pronouns, bylines, officials and their side."""

from __future__ import annotations

import pytest

from extract_helpers import claims, run, triples

from kg.extract.mentions import ArticleActors


def test_an_organisations_official_speaks_for_the_organisation(extractor):
    (claim,) = [c for c in run(extractor, "Rafael Grossi urged Iran to allow inspectors back.").claims if c.relation != "ROLE"]
    assert (claim.subject.label, claim.speaker.label, claim.object.label) == (
        "International Atomic Energy Agency", "Rafael Grossi", "Iran")  # not the UN the IAEA belongs to


def test_a_hyphenated_given_name_is_one_person(extractor):
    result = run(extractor, "South Korea's Unification Minister Choi Min-seok urged Pyongyang to return to talks.")
    (claim,) = [c for c in result.claims if c.relation == "REQUEST"]
    assert (claim.subject.label, claim.speaker.label, claim.object.label) == ("South Korea", "Choi Min-seok", "North Korea")


def test_an_officials_ministry_speaks_and_a_by_clause_is_the_subjects_act(extractor):
    (claim, *_) = run(extractor, "A Syrian Foreign Ministry official accused Saudi Arabia of lying by saying "
                                 "there would be a plan B.").claims
    assert (claim.subject.label, claim.relation, claim.object.label) == ("Syria", "ACCUSE", "Saudi Arabia")
    assert claim.speaker is not None and claim.speaker.kind == "GovernmentBody"


def test_a_title_is_not_part_of_the_name(extractor):
    result = run(extractor, "Mr Okonkwo criticized the IAEA on Monday.")
    (claim,) = [c for c in result.claims if c.relation == "ACCUSE"]
    assert claim.subject.label == "Okonkwo" and claim.subject.kind == "Person"


def test_a_capitalised_argument_the_ner_missed_is_still_an_actor(extractor):
    doc = extractor.nlp("Officials said Kenya praised the FA for its decision.")
    actors = ArticleActors(extractor.gazetteer, extractor.lexicon)
    index = actors.read(next(iter(doc.sents)))
    assert {m.actor.label for m in index.values()} >= {"Kenya", "FA"}


def test_a_byline_names_no_actor(extractor):
    result = run(extractor, "By Staff Writer\n\nChina condemned Japan. He said the talks had failed.")
    assert {c.subject.label for c in result.claims} == {"China"}


def test_the_west_is_an_actor_and_western_places_are_not_it(extractor):
    assert ("Russia", "ACCUSE", "the West", False, False) in claims(extractor, "Moscow accused the West of escalating the war.")
    found = claims(extractor, "Russia criticized the US focus on the Western Hemisphere.")
    assert not any("the West" in (s, o) for s, _, o, _, _ in found)


def test_pronouns_and_family_names_resolve_to_the_right_person(extractor):
    text = ("Indian Foreign Minister Subrahmanyam Jaishankar met his counterpart Wang Yi in Beijing. "
            "He told Wang that India would not accept any change to the status quo. "
            "The bloc's foreign policy chief Kaja Kallas said she was concerned about the clashes.")
    result = run(extractor, text)
    speakers = {c.relation: c.speaker.label for c in result.claims if c.speaker is not None and c.relation != "ROLE"}
    assert speakers.get("CONCERN") == "Kaja Kallas"  # "she" is the person this sentence named, not Wang
    assert not any(a.label in ("The", "Wang") for a in result.actors)  # "Wang" is Wang Yi


def test_the_government_in_an_officials_words_is_the_officials_own(extractor):
    text = "Japan's Foreign Minister Kenji Morimoto spoke on Monday, saying the government remained open to dialogue."
    (claim,) = [c for c in run(extractor, text).claims if c.relation == "PURSUE"]
    assert (claim.subject.label, claim.object.label) == ("Japan", "dialogue")
    assert claims(extractor, "The government remained open to dialogue.") == set()  # nobody reports it: unknown


def test_unnamed_officials_speak_for_their_government(extractor):
    (claim, *_) = [c for c in run(extractor, "Swedish officials criticized the new tariffs.").claims]
    assert (claim.subject.label, claim.speaker.label, claim.speaker.kind) == ("Sweden", "Swedish Government", "GovernmentBody")
    (claim, *_) = [c for c in run(extractor, "Polish lawmakers condemned the strikes.").claims]
    assert (claim.subject.label, claim.speaker.label) == ("Poland", "Polish Parliament")
    (claim, *_) = [c for c in run(extractor, "Greece's foreign minister condemned the strikes.").claims]
    assert (claim.subject.label, claim.speaker.label) == ("Greece", "Greek Foreign Ministry")


def test_courts_state_media_and_troops_are_bodies_of_their_state(extractor):
    (claim, *_) = [c for c in run(extractor, "A Chilean judge accused Bolivia of hiding evidence.").claims]
    assert (claim.subject.label, claim.speaker.label, claim.speaker.kind) == ("Chile", "Chilean Judiciary", "GovernmentBody")
    (claim, *_) = [c for c in run(extractor, "Cuban state media condemned the new sanctions.").claims]
    assert (claim.subject.label, claim.speaker.label) == ("Cuba", "Cuban State Media")
    (claim, *_) = [c for c in run(extractor, "Malian troops attacked the rebels' positions.").claims if c.relation == "ASSAULT"]
    assert (claim.subject.label, claim.speaker.label) == ("Mali", "Malian Military")
    speakers = {c.speaker.label for c in run(extractor, "Media reports said Chile accused Peru of lying.").claims if c.speaker}
    assert not any("Chilean" in s or "Peruvian" in s for s in speakers)  # "Media" alone is nobody's


def test_it_opening_a_sentence_resumes_the_last_subject_state_or_body(extractor):
    found = claims(extractor, "Serbia's foreign ministry rejected the report. It accused Croatia of spreading lies.")
    assert ("Serbia", "ACCUSE", "Croatia", False, False) in found


def test_an_expletive_or_a_persons_it_resolves_to_nobody(extractor):
    text = "Peru's foreign minister met Bolivian officials. It is unclear whether Chile condemned the move."
    assert not any(s == "Peru" and o != "Bolivia" for s, _, o, *_ in claims(extractor, text))
    text = "Ana Silva criticised the plan. It accused Chile of lying."
    assert not any(r == "ACCUSE" and o == "Chile" for _, r, o, *_ in claims(extractor, text))


def test_a_headline_family_name_is_the_person_the_body_names_in_full(extractor):
    result = run(extractor, "President Gustavo Petro of Colombia met President Lula in Brasilia. Petro praised Brazil.",
                 title="Petro and Lula agree to cooperate")
    people = {a.label for a in result.actors if a.kind == "Person"}
    assert "Petro" not in people and "Gustavo Petro" in people
    title = {(c.subject.label, c.relation, c.object.label) for c in result.claims if c.section == "title"}
    assert ("Colombia", "AGREE", "Brazil") in title or ("Colombia", "COOPERATE", "Brazil") in title


def test_a_named_organisation_opening_with_a_demonym_is_the_organisation(extractor):
    (claim, *_) = [c for c in run(extractor, "Israeli jets struck a depot near Homs, according to the Syrian Observatory for Human Rights.").claims
                   if c.relation != "ROLE"]
    assert claim.speaker is not None and claim.speaker.label == "Syrian Observatory for Human Rights"
    (claim, *_) = [c for c in run(extractor, "Israeli jets struck a depot near Homs, according to Syrian officials.").claims
                   if c.relation != "ROLE"]
    assert claim.speaker is not None and claim.speaker.label == "Syrian Government"


@pytest.mark.parametrize("text, expected", [
    ("OSLO, May 3 - Nordic leaders condemned the attack.", "Nordic"),
    ("LIMA, June 1 (Reuters) - Chinese coast guard ships fired water cannon at a Peruvian boat.", "China"),
])
def test_a_dateline_city_never_acts(extractor, text, expected):
    subjects = {c.subject.label for c in run(extractor, text).claims if c.relation != "ROLE"}
    assert "Norway" not in subjects and "Peru" not in subjects and "Reuters" not in subjects


def test_the_agency_is_the_agency_named_even_in_the_same_sentence(extractor):
    text = "The E3 drafted the text. IAEA chief Rafael Grossi said the agency was ready to talk with Tehran."
    found = triples(extractor, text)
    assert ("International Atomic Energy Agency", "CONSULT", "Iran") in found
    assert not any(s == "E3" and o == "Iran" for s, _, o in found)


def test_regions_are_places_not_states(extractor):
    found = claims(extractor, "Chile said South America must remain a zone of peace.")
    assert not any(o == "United States" for _, _, o, *_ in found)


def test_leaders_of_an_organisation_and_its_board_act_for_it(extractor):
    found = triples(extractor, "Leaders of the Group of Seven announced new sanctions on Iran.")
    assert ("G7", "SANCTION", "Iran") in found
    found = triples(extractor, "The IAEA board passed a resolution censuring Syria.")
    assert ("International Atomic Energy Agency", "ACCUSE", "Syria") in found


def test_speakers_quoted_by_media_and_sources_of_reports(extractor):
    (claim,) = [c for c in run(extractor, "State media quoted Deputy Foreign Minister Sergei Ryabkov as saying that "
                                          "Russia would station missiles in Belarus.").claims if c.relation == "MOBILIZE"]
    assert claim.speaker is not None and claim.speaker.label == "Sergei Ryabkov"
    text = "Chinese coast guard ships fired water cannon at a Vietnamese boat, the Vietnamese military said."
    (claim, *_) = [c for c in run(extractor, text).claims if c.subject.label == "China"]
    assert claim.speaker is not None and claim.speaker.label.endswith("Military") and "Viet" in claim.speaker.label


def test_a_lower_case_description_the_ner_took_for_a_name_is_no_actor(extractor):
    result = run(extractor, "Chile welcomed the outcome, according to a statement carried by the state news agency.")
    assert {a.label for a in result.actors} >= {"Chile"} and not any(a.label.lower() == "state" for a in result.actors)


def test_a_name_with_an_article_that_runs_on_is_another_name(extractor):
    found = triples(extractor, "The West Virginia Coal Association endorsed Ghana.")
    assert not any(s == "the West" for s, _, _ in found)
    assert ("the West", "ACCUSE", "Russia") in triples(extractor, "The West condemned Russia.")


def test_its_forces_are_the_last_state_or_group_named(extractor):
    assert ("Russia", "ASSAULT", "Ukraine") in triples(extractor, "Russia said its forces struck Ukraine.")
    found = triples(extractor, "Israel has massed troops on the border. Its forces shelled Lebanon overnight.")
    assert ("Israel", "ASSAULT", "Lebanon") in found
    found = triples(extractor, "Iran said Hezbollah and its fighters attacked Israel.")
    assert not any(s == "Iran" and r == "ASSAULT" for s, r, _ in found)


def test_a_portfolio_is_not_an_organisation_and_a_name_after_its_description_acts(extractor):
    found = triples(extractor, "Albanese said a visit to Tokyo by Trade Minister Don Farrell went ahead.")
    assert not any(s == "Trade" for s, _, _ in found)
    assert ("UNHCR", "CONCERN", "suspension") in triples(
        extractor, "The United Nations refugee agency UNHCR voiced concern about the suspension.")
    found = triples(extractor, "The Armenian opposition accused the government of silencing critics.")
    assert not any(s == "Armenia" for s, _, _ in found)


def test_a_demonym_before_a_post_title_is_the_state(extractor):
    found = triples(extractor, "Philippine Foreign Affairs Secretary Theresa Lazaro welcomed the pledge.")
    assert ("Philippines", "SUPPORT", "pledge") in found


def test_a_surname_that_is_also_a_post_stays_in_the_name(extractor):
    found = claims(extractor, "Senator Peter King blamed Iran for the attack.")
    assert any(s == "United States" or s == "Peter King" for s, *_ in found)
    assert not any(s == "Peter" for s, *_ in found)
    speakers = {c.speaker.label for c in run(extractor, "Saudi King Salman praised Egypt.").claims if c.speaker}
    assert speakers == {"Salman"}  # a post before the name is still no part of it


def test_the_army_resumes_the_army_named_before(extractor):
    found = claims(extractor, "Sudan's army and the RSF resumed talks. The army accused the RSF of looting homes.")
    assert ("Sudan", "ACCUSE", "Rapid Support Forces", False, False) in found
    assert not any(r == "ACCUSE" for _, r, *_ in claims(extractor, "The army accused the RSF of looting homes."))


def test_a_junta_is_its_states_body(extractor):
    text = "Mali's military rulers welcomed the decision. The junta accused Paris of interfering."
    (claim,) = [c for c in run(extractor, text).claims if c.relation == "ACCUSE"]
    assert (claim.subject.label, claim.speaker.label, claim.object.label) == ("Mali", "Malian Junta", "France")
