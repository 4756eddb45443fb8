"""Evaluations as stances (kg.extract.evaluations): described as, hostile language about, reported verdicts."""

from __future__ import annotations

import pytest
from extract_helpers import claims


@pytest.mark.parametrize("text, expected", [
    ("Iran used harsh language about Israel.", ("Iran", "ACCUSE", "Israel")),
    ("Tokyo's hostile stance toward Beijing worries investors.", ("Japan", "ACCUSE", "China")),
    ("China adopted a conciliatory tone toward Australia.", ("China", "SUPPORT", "Australia")),
])
def test_an_evaluated_way_of_speaking_is_a_stance(extractor, text, expected):
    assert expected + (False, False) in claims(extractor, text)


def test_an_evaluation_naming_an_actor_targets_the_actor(extractor):
    found = claims(extractor, "Beijing described the new tariffs as an American provocation.")
    assert ("China", "ACCUSE", "United States", False, False) in found
    assert not any(o == "American" for _, _, o, _, _ in found)  # never the bare modifier as a topic


def test_an_evaluation_nobody_is_reported_to_make_is_no_claim(extractor):
    assert claims(extractor, "The sanctions are illegal.") == set()


def test_concerned_by_is_concern_however_the_parser_attaches_by(extractor):
    found = claims(extractor, "Norway said it was deeply concerned by Iran's missile tests.")
    assert ("Norway", "CONCERN", "Iran", False, False) in found


@pytest.mark.parametrize("text", ['"These accusations are baseless," the Cuban foreign ministry said.',
                                  "Cuba called the allegations absurd."])
def test_a_charge_judged_false_is_rejected(extractor, text):
    found = {(s, r) for s, r, *_ in claims(extractor, text)}
    assert ("Cuba", "REJECT") in found and ("Cuba", "ACCUSE") not in found
