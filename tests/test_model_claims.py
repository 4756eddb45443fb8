"""kg.extract.model_claims: the stance model's claims inside an article, attributed and guarded."""

from __future__ import annotations

from extract_helpers import run


def test_model_claims_fill_what_the_rules_miss(extractor):
    text = "Trump lashed Biden over the border."  # "lash" is no lexicon verb: the rules are silent
    assert run(extractor, text).claims == ()
    (claim,) = run(extractor, text, model=True).claims
    assert (claim.subject.label, claim.relation, claim.object.label) == ("United States", "ACCUSE", "Biden")
    assert claim.speaker.label == "Donald Trump" and claim.trigger == "stance model"
    assert claim.confidence <= 0.6 and not claim.negated

def test_an_actor_that_denies_something_gets_no_model_stance(extractor):
    result = run(extractor, "Seoul said it would not seek new compensation from Tokyo.", model=True)
    assert not any(c.trigger == "stance model" and c.subject.label == "South Korea" for c in result.claims)

def test_an_actor_that_rejects_a_charge_gets_no_model_stance(extractor):
    text = "Vucic spoke on Tuesday. He rejected claims by the White House that Serbia had massed troops near Kosovo."
    result = run(extractor, text, model=True)
    assert not any(c.subject.label == "Serbia" and c.object.label == "Kosovo" and not c.negated for c in result.claims)


def test_a_headline_has_no_model_stance_across_its_clauses(extractor):
    result = run(extractor, "", title="Security Council Backs Sudan Plan as Riyadh Rules Out Ties With Iran", model=True)
    assert not any(c.subject.label == "UN Security Council" and c.object.label == "Iran" for c in result.claims)


def test_a_model_stance_between_two_officials_of_one_state_stays_between_them(extractor):
    text = "Sergey Lavrov lashed Vladimir Putin over the border."  # "lash" is no lexicon verb
    found = {(c.subject.label, c.object.label, c.speaker) for c in run(extractor, text, model=True).claims
             if c.trigger == "stance model"}
    assert found == {("Sergey Lavrov", "Vladimir Putin", None)}  # not Russia against itself, dropped
