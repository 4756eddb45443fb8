"""kg.evaluate: the shared claim-matching measure on hand-made predictions and gold claims.

The expected numbers were worked out by hand from the measure the outside scorer uses
(``score_claims.py``: P over asserted non-ROLE predictions, R over gold merged per
(article, subject, relation, polarity, object), labels matched against the names and alternatives).
"""

from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.evaluate import (
    evaluate,
    merge_gold,
    predictions,
    read_gold,
    same,
    score,
    tokens,
)
from kg.rdf.mapping import result_quads
from kg.records import Actor, Article, ArticleResult, Claim
from kg.store import GraphStore


def P(article, subject, relation, polarity, obj, negated=False):
    return dict(article=article, subject=subject, relation=relation, polarity=polarity, object=obj, negated=negated)


def G(article, subject, relation, polarity, obj, **kw):
    return dict(article=article, subject=subject, relation=relation, polarity=polarity, object=obj, **kw)


GOLD = [
    G("a1", "Russia", "ACCUSE", "negative", "NATO", subject_alts=["Moscow", "Maria Zakharova"],
      object_alts=["North Atlantic Treaty Organization"]),
    G("a1", "United States", "SANCTION", "negative", "Iran", subject_alts=["US"]),
    G("a1", "China", "SUPPORT", "positive", "Russia"),
    G("a1", "Maria Zakharova", "ROLE", "neutral", "Russia"),  # structural: ignored
    G("a1", "China", "ACCUSE", "negative", "NATO", must_not=True, negated=True),  # a trap
]
PREDS = [
    P("a1", "Moscow", "ACCUSE", "negative", "NATO"),  # matches gold 1 via an alt, right type
    P("a1", "U.S.", "REJECT", "negative", "Iran"),  # matches gold 2 via "U.S." -> "us" = alt "US", wrong type
    P("a1", "China", "ACCUSE", "negative", "NATO"),  # spurious, and violates the trap
    P("a1", "China", "ACCUSE", "negative", "NATO", negated=True),  # negated: not counted
    P("a1", "Maria Zakharova", "ROLE", "neutral", "Russia"),  # ROLE: not counted
    P("a2", "Russia", "ACCUSE", "negative", "NATO"),  # an article without gold: not counted by default
    P("a1", "Russia", "ACCUSE", "positive", "NATO"),  # wrong polarity: spurious
]


# -- label matching -------------------------------------------------------------------------------
@pytest.mark.parametrize("label, names", [
    ("Moscow", ["Russia", "Moscow"]),
    ("U.S.", ["US"]),
    ("the U.S", ["US"]),
    ("United States", ["the United States"]),
    ("Russia\u2019s", ["Russia"]),
    ("NATO expansion", ["NATO"]),  # one inside the other, one word apart
    ("NATO", ["NATO enlargement"]),
    ("NATO eastward expansion", ["NATO expansion"]),
    ("Iran nuclear programme", ["Iran's nuclear program"]),  # Jaccard 2/4 >= 0.5
])
def test_same_matches(label, names):
    assert same(label, names)


@pytest.mark.parametrize("label, names", [
    ("U.S.", ["United States"]),  # normalisation is not an alias table
    ("China", ["Taiwan"]),
    ("the", ["the"]),  # only stop words: never a match
    ("Russia", []),
    ("NATO eastward expansion plans", ["NATO"]),  # inside, but three words apart; Jaccard 1/4
    ("European Union sanctions", ["EU sanctions"]),  # Jaccard 1/4
])
def test_same_rejects(label, names):
    assert not same(label, names)


def test_tokens_normalise_case_punctuation_and_stop_words():
    assert tokens("The U.S. and its allies") == {"us", "allies"}
    assert tokens("Russia\u2019s Foreign Ministry") == {"russia", "foreign", "ministry"}


# -- scoring ----------------------------------------------------------------------------------
def test_score_exact_numbers():
    s = score(PREDS, GOLD)
    assert (s.predicted, s.gold, s.matched_pred, s.matched_gold) == (4, 3, 2, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert (s.traps, s.trap_violations, s.type_correct) == (1, 1, 1)
    assert s.summary() == {"predicted": 4, "gold": 3, "matched_pred": 2, "matched_gold": 2, "precision": 0.5,
                           "recall": 0.667, "f1": 0.571, "type_accuracy": 0.5, "traps": 1, "trap_violations": 1}
    assert s.by_relation == {"ACCUSE": {"gold": 1, "found": 1, "typed": 1},
                             "SANCTION": {"gold": 1, "found": 1, "typed": 0},
                             "SUPPORT": {"gold": 1, "found": 0, "typed": 0}}
    assert [g["relation"] for g in s.missed] == ["SUPPORT"]
    assert [(p["subject"], p["polarity"]) for p in s.spurious] == [("China", "negative"), ("Russia", "positive")]
    assert [(t["subject"], p["subject"]) for t, p in s.violations] == [("China", "China")]


def test_score_with_explicit_articles_counts_predictions_on_articles_without_gold():
    s = score(PREDS, GOLD, articles={"a1", "a2"})
    assert (s.predicted, s.matched_pred) == (5, 2)
    assert s.precision == pytest.approx(0.4)


def test_negated_and_role_predictions_are_not_counted():
    only = [P("a1", "Russia", "ACCUSE", "negative", "NATO", negated="true"),
            P("a1", "Maria Zakharova", "ROLE", "neutral", "Russia")]
    s = score(only, GOLD)
    assert (s.predicted, s.matched_pred, s.matched_gold, s.trap_violations) == (0, 0, 0, 0)
    assert s.precision == s.recall == s.f1 == 0.0
    assert "ROLE" not in s.by_relation


def test_negated_prediction_does_not_violate_a_trap():
    s = score([P("a1", "Beijing", "ACCUSE", "negative", "NATO", negated=True)],
              [G("a1", "China", "ACCUSE", "negative", "NATO", subject_alts=["Beijing"], must_not=True)])
    assert (s.traps, s.trap_violations, s.gold) == (1, 0, 0)


def test_gold_is_merged_per_article_subject_relation_polarity_object():
    gold = [G("a1", "Russia", "ACCUSE", "negative", "NATO", subject_alts=["Moscow"]),
            G("a1", "Russia", "ACCUSE", "negative", "NATO", subject_alts=["Kremlin"], object_alts=["the alliance"]),
            G("a1", "Russia", "REJECT", "negative", "NATO"),  # another relation: another gold claim
            G("a2", "Russia", "ACCUSE", "negative", "NATO")]  # another article: another gold claim
    merged = merge_gold(gold)
    assert len(merged) == 3
    assert merged[0]["subject_alts"] == ["Moscow", "Kremlin"] and merged[0]["object_alts"] == ["the alliance"]
    assert gold[0]["subject_alts"] == ["Moscow"]  # the input is not changed
    s = score([P("a1", "Kremlin", "ACCUSE", "negative", "the alliance")], gold)
    assert (s.gold, s.predicted, s.matched_pred) == (3, 1, 1)
    assert s.matched_gold == 1  # through the alts merged from the second line
    assert s.by_relation == {"ACCUSE": {"gold": 2, "found": 1, "typed": 1}, "REJECT": {"gold": 1, "found": 0, "typed": 0}}
    s = score([P("a1", "Russia", "REJECT", "negative", "NATO")], gold)
    assert (s.matched_pred, s.matched_gold, s.type_correct) == (1, 2, 1)  # both a1 claims: same ends and polarity


def test_trap_violations_count_traps_not_predictions():
    gold = [G("a1", "China", "ACCUSE", "negative", "NATO", subject_alts=["Beijing"], must_not=True),
            G("a1", "India", "SANCTION", "negative", "Russia", must_not=True)]
    preds = [P("a1", "China", "ACCUSE", "negative", "NATO"), P("a1", "Beijing", "ACCUSE", "negative", "NATO")]
    s = score(preds, gold)
    assert (s.traps, s.trap_violations, len(s.violations), s.gold, s.predicted) == (2, 1, 2, 0, 2)


def test_empty_inputs_score_zero():
    s = score([], [])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert s.summary()["type_accuracy"] == 0.0


# -- reading gold -----------------------------------------------------------------------------------
def _write_gold(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_gold_skips_blank_lines(tmp_path):
    path = _write_gold(tmp_path / "gold.jsonl", [json.dumps(GOLD[0]), "", "   ", json.dumps(GOLD[1])])
    assert read_gold(path) == GOLD[:2]


def test_read_gold_names_the_line_of_malformed_json(tmp_path):
    path = _write_gold(tmp_path / "gold.jsonl", [json.dumps(GOLD[0]), "", '{"article": "a1", oops}'])
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert info.value.line == 3
    assert f"{path}:3" in str(info.value)


def test_read_gold_names_the_line_of_a_claim_missing_fields(tmp_path):
    path = _write_gold(tmp_path / "gold.jsonl", [json.dumps(GOLD[0]), json.dumps({"article": "a1", "subject": "X"})])
    with pytest.raises(InputError, match="object, polarity, relation") as info:
        read_gold(path)
    assert info.value.line == 2


# -- end to end on a store ------------------------------------------------------------------------
RUSSIA = Actor("russia", "Russia", "State")
CHINA = Actor("china", "China", "State")
NATO = Actor("nato", "NATO", "InternationalOrganization")
ZAKHAROVA = Actor("maria_zakharova", "Maria Zakharova", "Person")


def _store(out, results):
    store = GraphStore(out)
    for result in results:
        own, shared = result_quads(result)
        store.replace_graph(own[0].graph_name, own)
        store.add(shared)
    store.flush()
    store.close()
    return out


def _result(article_id, *claims):
    actors = {a.key: a for c in claims for a in (c.subject, c.object)}
    return ArticleResult(Article(id=article_id, text="..."), tuple(actors.values()), claims)


A1 = _result("a1",
             Claim("a1", RUSSIA, "ACCUSE", NATO, "negative", "Russia criticized NATO.", 0, 10),
             Claim("a1", CHINA, "ACCUSE", NATO, "negative", "China did not criticize NATO.", 20, 30, negated=True),
             Claim("a1", ZAKHAROVA, "ROLE", RUSSIA, "neutral", "Russian spokeswoman Maria Zakharova", 40, 50))
STORE_GOLD = [json.dumps(G("a1", "Russia", "ACCUSE", "negative", "NATO")),
              json.dumps(G("a1", "China", "ACCUSE", "negative", "NATO", must_not=True))]


def test_evaluate_reads_the_store(tmp_path):
    out = _store(tmp_path / "out", [A1])
    s = evaluate(out, _write_gold(tmp_path / "gold.jsonl", STORE_GOLD))
    assert s.summary() == {"predicted": 1, "gold": 1, "matched_pred": 1, "matched_gold": 1, "precision": 1.0,
                           "recall": 1.0, "f1": 1.0, "type_accuracy": 1.0, "traps": 1, "trap_violations": 0}


def test_evaluate_counts_predictions_on_built_articles_without_gold(tmp_path):
    extra = _result("a9", Claim("a9", CHINA, "SUPPORT", RUSSIA, "positive", "China backed Russia.", 0, 10))
    out = _store(tmp_path / "out", [A1, extra])
    s = evaluate(out, _write_gold(tmp_path / "gold.jsonl", STORE_GOLD))
    assert (s.predicted, s.matched_pred) == (2, 1)


def test_each_claim_is_one_prediction_even_when_an_actor_has_two_labels(tmp_path):
    topic_a = Actor("nato_expansion", "NATO expansion", "Topic")
    topic_b = Actor("nato_expansion", "NATO's expansion", "Topic")  # same key, as slug() makes it
    out = _store(tmp_path / "out", [
        _result("a1", Claim("a1", RUSSIA, "REJECT", topic_a, "negative", "Russia rejected NATO expansion.", 0, 9)),
        _result("a2", Claim("a2", RUSSIA, "REJECT", topic_b, "negative", "Russia rejected NATO's expansion.", 0, 9)),
    ])
    store = GraphStore(out, read_only=True)
    preds = predictions(store)
    store.close()
    assert len({p["claim"] for p in preds}) == 2
    assert len(preds) == 2
