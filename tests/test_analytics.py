"""kg.analytics and ``kg stats`` on the hand-made store of tests/handmade.py (numbers worked out by hand).

State level, asserted stance claims only (the negated China-Russia cooperation and both ROLE claims
are out): 14 claims, 6 actors.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import handmade as hm
import pytest
from typer.testing import CliRunner

from kg.analytics import StatsError, compute_stats, stance_claims
from kg.cli import app
from kg.store import GraphStore
from kg.viz.claims import load_claims


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return hm.fill(tmp_path_factory.mktemp("stats") / "out")


@pytest.fixture(scope="module")
def claims(store_dir):
    return load_claims(GraphStore(store_dir, read_only=True))


@pytest.fixture(scope="module")
def stats(claims):
    return compute_stats(claims)


def counts(rows, *keys):
    return [[r[k] for k in keys] for r in rows]


def test_counts_asserted_stances_at_the_state_level(claims, stats):
    assert (stats["level"], stats["claims"], stats["actors"]) == ("state", 14, 6)
    assert (stats["first_date"], stats["last_date"]) == ("2025-01-10", "2025-04-25")
    assert len(stance_claims(claims, "full")) == 14  # the same claims, officials unmerged
    assert compute_stats(claims, level="full")["actors"] == 8


def test_most_active_and_most_targeted(stats):
    assert counts(stats["most_active"], "actor", "claims", "positive", "negative", "neutral") == [
        ["United States", 6, 4, 2, 0], ["China", 3, 0, 3, 0], ["Russia", 3, 0, 3, 0],
        ["European Union", 1, 0, 1, 0], ["Ukraine", 1, 0, 0, 1]]
    # topics are targets, not actors: "peace talks" (2 claims) is not listed
    assert counts(stats["most_targeted"], "actor", "claims") == [
        ["Ukraine", 3], ["China", 2], ["NATO", 2], ["Russia", 2], ["United States", 2]]


def test_stance_balance_per_pair(stats):
    balance = {(b["subject"], b["object"]): b["balance"] for b in stats["stance_balance"]}
    assert len(stats["stance_balance"]) == 10  # --top 10 of the 11 pairs
    assert counts(stats["stance_balance"][:2], "subject", "object", "balance") == [
        ["China", "United States", -2], ["United States", "Ukraine", 2]]
    assert balance[("United States", "China")] == 0  # one positive, one negative


def test_balance_lists_every_pair_with_a_big_top(claims):
    pairs = compute_stats(claims, top=50)["stance_balance"]
    assert len(pairs) == 11
    ukraine_talks = next(p for p in pairs if p["subject"] == "Ukraine")
    assert (ukraine_talks["object"], ukraine_talks["neutral"], ukraine_talks["balance"]) == ("peace talks", 1, 0)


def test_reciprocity(stats):
    assert stats["reciprocity"] == {
        "directed_pairs": 8, "reciprocated_pairs": 1, "reciprocity": 0.25,
        "pairs": [{"a": "China", "b": "United States", "a_to_b": -2, "b_to_a": 0}]}


def test_communities_partition_the_stance_graph(stats):
    groups = stats["communities"]["groups"]
    members = [m for g in groups for m in g["members"]]
    assert sorted(members) == sorted(["China", "European Union", "NATO", "Russia", "Ukraine", "United States",
                                      "peace talks", "sanctions on Russia"])
    assert len(members) == len(set(members))
    assert [g["size"] for g in groups] == sorted((g["size"] for g in groups), reverse=True)
    together = next(g["members"] for g in groups if "China" in g["members"])
    assert "United States" in together  # four claims between them
    assert stats["communities"]["modularity"] > 0


def test_stance_change_between_the_halves_of_the_date_range(stats, claims):
    change = stats["stance_change"]
    assert change["split"] == "2025-03-03" and change["undated"] == 1  # middle of 2025-01-10 .. 2025-04-25
    assert change["before"] == {"claims": 6, "positive": 1, "negative": 5, "neutral": 0, "balance": -4}
    assert change["after"] == {"claims": 7, "positive": 3, "negative": 3, "neutral": 1, "balance": 0}
    assert counts(change["pairs"], "subject", "object", "before", "after", "change") == [
        ["United States", "China", -1, 1, 2], ["China", "United States", -1, -1, 0],
        ["United States", "Ukraine", 1, 1, 0]]
    late = compute_stats(claims, split=dt.date(2025, 4, 1))["stance_change"]
    assert (late["before"]["claims"], late["after"]["claims"]) == (10, 3)


def test_top_must_be_positive_and_empty_store_gives_zeros(claims, tmp_path):
    with pytest.raises(StatsError):
        compute_stats(claims, top=0)
    GraphStore(tmp_path / "empty").flush()
    empty = compute_stats(load_claims(GraphStore(tmp_path / "empty", read_only=True)))
    assert empty["claims"] == 0 and empty["most_active"] == [] and empty["communities"]["groups"] == []
    assert empty["stance_change"]["split"] is None and empty["reciprocity"]["reciprocity"] == 0.0


# --- kg stats ---------------------------------------------------------------------------------


def kg(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_kg_stats_json_is_compute_stats(store_dir, claims):
    result = kg("stats", store_dir, "--json", "--split", "2025-04-01", "--top", 3)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == compute_stats(claims, split=dt.date(2025, 4, 1), top=3)


def test_kg_stats_prints_tables(store_dir):
    result = kg("stats", store_dir, "--level", "full")
    assert result.exit_code == 0, result.output
    for title in ("Summary", "Most active", "Most targeted", "Stance balance", "Reciprocated pairs", "Communities",
                  "Stance change (split 2025-03-03", "Pairs seen before and after"):
        assert title in result.stdout
    assert "0.222 (1 of 9 actor pairs answered back)" in result.stdout  # the bodies count apart


def test_kg_stats_errors(tmp_path, store_dir):
    assert kg("stats", tmp_path / "nothing").exit_code == 2
    result = kg("stats", store_dir, "--split", "yesterday")
    assert result.exit_code == 2 and "yesterday" in result.stderr
