"""Views of the graph (kg.viz.views, kg graph): level, focus, dates, relation, polarity, min-claims,
max-nodes, on the hand-made store of tests/handmade.py (expected values worked out there by hand)."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import handmade as hm
import pytest
from page_helpers import assert_clean, drawn
from typer.testing import CliRunner

from kg.cli import app
from kg.store import GraphStore
from kg.viz import layout
from kg.viz.claims import load_claims
from kg.viz.views import DEFAULT_MAX_NODES, ViewError, ViewOptions, make_view

US, CHINA, RUSSIA, UKRAINE, NATO, EU, SANCTIONS, TALKS = (
    hm.iri(a) for a in (hm.US, hm.CHINA, hm.RUSSIA, hm.UKRAINE, hm.NATO, hm.EU, hm.SANCTIONS, hm.TALKS))
STATE_DEPT, CHINA_MFA, BLINKEN, WANG = (hm.iri(a) for a in (hm.STATE_DEPT, hm.CHINA_MFA, hm.BLINKEN, hm.WANG))
STATE_EDGES = {
    (US, UKRAINE, "positive"): 2, (RUSSIA, NATO, "negative"): 1, (US, RUSSIA, "negative"): 1,
    (CHINA, US, "negative"): 2, (US, CHINA, "negative"): 1, (RUSSIA, UKRAINE, "negative"): 1,
    (US, CHINA, "positive"): 1, (EU, RUSSIA, "negative"): 1, (US, SANCTIONS, "positive"): 1,
    (CHINA, NATO, "negative"): 1, (CHINA, RUSSIA, "positive"): 1, (UKRAINE, TALKS, "neutral"): 1,
    (RUSSIA, TALKS, "negative"): 1,
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return hm.fill(tmp_path_factory.mktemp("views") / "out")


@pytest.fixture(scope="module")
def claims(store_dir):
    return load_claims(GraphStore(store_dir, read_only=True))


def edges_of(view) -> dict[tuple, int]:
    return {(e["source"], e["target"], e["polarity"]): len(e["claims"]) for e in view.edges}


def nodes_of(view) -> set[str]:
    return {n["id"] for n in view.nodes}


def test_state_level_rolls_officials_and_bodies_up(claims):
    view = make_view(claims)
    assert edges_of(view) == STATE_EDGES
    assert nodes_of(view) == {US, CHINA, RUSSIA, UKRAINE, NATO, EU, SANCTIONS, TALKS}
    assert view.folded_claims == 2 and view.claims == 15  # the two ROLE claims join a state to itself
    nodes = {n["id"]: n for n in view.nodes}
    assert nodes[US]["members"] == ["Antony Blinken", "US State Department"]
    assert nodes[CHINA]["members"] == ["Chinese Foreign Ministry", "Wang Yi"]
    moved = next(e for e in view.edges if e["source"] == US and e["target"] == RUSSIA)["claims"][0]
    assert moved["evidence"].startswith("US State Department accuse")  # the claim is kept as said
    us_ukraine = next(e for e in view.edges if e["source"] == US and e["target"] == UKRAINE)
    assert [c["speaker"] for c in us_ukraine["claims"]] == ["Antony Blinken", None]
    assert view.note() is None


def test_full_level_keeps_every_actor(claims):
    view = make_view(claims, ViewOptions(level="full"))
    assert nodes_of(view) == {US, CHINA, RUSSIA, UKRAINE, NATO, EU, SANCTIONS, TALKS,
                              STATE_DEPT, CHINA_MFA, BLINKEN, WANG}
    edges = edges_of(view)
    assert len(edges) == 16 and view.claims == 17 and view.folded_claims == 0
    assert edges[(BLINKEN, STATE_DEPT, "neutral")] == 1 and edges[(CHINA_MFA, US, "negative")] == 1
    assert edges[(CHINA, US, "negative")] == 1
    assert all("members" not in n for n in view.nodes)


def test_date_filter_uses_the_article_date(claims):
    view = make_view(claims, ViewOptions(since=dt.date(2025, 2, 1), until=dt.date(2025, 3, 31)))
    assert edges_of(view) == {(CHINA, US, "negative"): 1, (US, CHINA, "negative"): 1,
                              (RUSSIA, UKRAINE, "negative"): 1, (US, CHINA, "positive"): 1,
                              (EU, RUSSIA, "negative"): 1, (US, SANCTIONS, "positive"): 1,
                              (CHINA, NATO, "negative"): 1}
    assert TALKS not in nodes_of(view)  # the undated article is outside every date range
    assert edges_of(make_view(claims, ViewOptions(since=dt.date(2025, 4, 25)))) == {
        (CHINA, US, "negative"): 1, (CHINA, RUSSIA, "positive"): 1, (UKRAINE, TALKS, "neutral"): 1,
        (US, UKRAINE, "positive"): 1}
    with pytest.raises(ViewError, match="after"):
        ViewOptions(since=dt.date(2025, 5, 1), until=dt.date(2025, 1, 1))


def test_relation_and_polarity_filters(claims):
    accuse = make_view(claims, ViewOptions(relations=frozenset({"accuse"})))
    assert edges_of(accuse) == {(RUSSIA, NATO, "negative"): 1, (US, RUSSIA, "negative"): 1,
                                (CHINA, US, "negative"): 2, (US, CHINA, "negative"): 1, (CHINA, NATO, "negative"): 1}
    positive = make_view(claims, ViewOptions(polarities=frozenset({"positive"})))
    assert edges_of(positive) == {(US, UKRAINE, "positive"): 2, (US, CHINA, "positive"): 1,
                                  (US, SANCTIONS, "positive"): 1, (CHINA, RUSSIA, "positive"): 1}
    both = make_view(claims, ViewOptions(relations=frozenset({"SUPPORT", "REQUEST"}),
                                         polarities=frozenset({"positive", "neutral"})))
    assert edges_of(both) == {(US, UKRAINE, "positive"): 2, (US, SANCTIONS, "positive"): 1,
                              (UKRAINE, TALKS, "neutral"): 1}
    with pytest.raises(ViewError, match="unknown relation type BLAME"):
        ViewOptions(relations=frozenset({"BLAME"}))
    with pytest.raises(ViewError, match="unknown polarity"):
        ViewOptions(polarities=frozenset({"angry"}))


def test_min_claims_keeps_the_heavier_edges(claims):
    view = make_view(claims, ViewOptions(min_claims=2))
    assert edges_of(view) == {(US, UKRAINE, "positive"): 2, (CHINA, US, "negative"): 2}
    assert nodes_of(view) == {US, UKRAINE, CHINA}
    assert make_view(claims, ViewOptions(min_claims=3)).nodes == []


def test_focus_gives_the_ego_network(claims):
    ukraine = make_view(claims, ViewOptions(focus="Ukraine"))
    assert nodes_of(ukraine) == {UKRAINE, US, RUSSIA, TALKS} and ukraine.focus == UKRAINE
    assert set(edges_of(ukraine)) == {(US, UKRAINE, "positive"), (US, RUSSIA, "negative"),
                                      (RUSSIA, UKRAINE, "negative"), (UKRAINE, TALKS, "neutral"),
                                      (RUSSIA, TALKS, "negative")}
    assert nodes_of(make_view(claims, ViewOptions(focus="ukraine", hops=0))) == {UKRAINE}
    two = make_view(claims, ViewOptions(focus="Ukraine", hops=2))
    assert nodes_of(two) == {UKRAINE, US, RUSSIA, TALKS, CHINA, SANCTIONS, NATO, EU}


def test_focus_on_an_official_follows_the_level(claims):
    state = make_view(claims, ViewOptions(focus="Wang Yi"))  # Wang Yi speaks for China
    assert state.focus == CHINA and nodes_of(state) == {CHINA, US, NATO}  # a negated claim is no step
    assert (CHINA, RUSSIA, "positive") not in edges_of(state)
    full = make_view(claims, ViewOptions(level="full", focus=WANG))  # by IRI
    assert edges_of(full) == {(WANG, CHINA, "neutral"): 1}


def test_focus_errors_are_clear(claims):
    with pytest.raises(ViewError, match="no actor 'Atlantis'"):
        make_view(claims, ViewOptions(focus="Atlantis"))
    with pytest.raises(ViewError, match="several actors"):
        make_view(claims, ViewOptions(focus="an"))
    with pytest.raises(ViewError, match="no claims in this view"):
        make_view(claims, ViewOptions(focus="Ukraine", relations=frozenset({"SANCTION"})))


def test_max_nodes_keeps_the_best_connected_and_says_what_it_left_out(claims):
    view = make_view(claims, ViewOptions(max_nodes=3))
    assert nodes_of(view) == {RUSSIA, US, CHINA}  # 6, 4, 3 neighbours (China before Ukraine by name)
    assert set(edges_of(view)) == {(US, RUSSIA, "negative"), (US, CHINA, "negative"), (US, CHINA, "positive"),
                                   (CHINA, US, "negative"), (CHINA, RUSSIA, "positive")}
    assert (view.omitted_actors, view.omitted_edges, view.omitted_claims) == (5, 8, 9)
    assert view.omitted_examples == ["Ukraine", "NATO", "peace talks", "European Union", "sanctions on Russia"]
    assert view.note().startswith("5 other actors (8 edges, 9 claims) not shown: only the 3 with")
    focused = make_view(claims, ViewOptions(focus="European Union", hops=2, max_nodes=2))
    assert EU in nodes_of(focused) and len(focused.nodes) == 2  # the focus always stays
    assert make_view(claims, ViewOptions(max_nodes=None)).omitted_actors == 0


def test_layout_is_deterministic_and_spreads_nodes():
    ids = [f"n{i}" for i in range(600)]
    pairs = [(f"n{i}", f"n{(i * 7 + 1) % 600}") for i in range(600)] + [("n0", f"n{i}") for i in range(1, 80)]
    first = layout.positions(ids, pairs)
    assert first == layout.positions(ids, pairs) and set(first) == set(ids)
    assert len(set(first.values())) == len(ids)  # no two nodes on the same spot
    small = layout.positions(ids[:5], [("n0", "n1"), ("n1", "n2"), ("n2", "n2")])
    assert set(small) == set(ids[:5]) and layout.positions([], []) == {}


# --- kg graph ---------------------------------------------------------------------------------


def kg(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_kg_graph_views_from_the_command_line(store_dir, tmp_path):
    page = tmp_path / "g.html"
    result = kg("graph", store_dir, "-o", page, "--max-nodes", 3)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"wrote {page}", "left out: " + make_view(
        load_claims(GraphStore(store_dir, read_only=True)), ViewOptions(max_nodes=3)).note()]
    result = kg("graph", store_dir, "-o", page, "--level", "full", "--focus", "wang yi", "--since", "2025-01-01",
                "--until", "2025-12-31", "--relation", "ROLE", "--relation", "accuse", "--polarity", "neutral",
                "--polarity", "negative", "--min-claims", 1, "--hops", 1)
    assert result.exit_code == 0 and result.stdout.strip() == f"wrote {page}"
    assert '<span id="node-count">2</span> nodes' in page.read_text(encoding="utf-8")
    result = kg("graph", store_dir, "-o", page, "--max-nodes", 0)  # 0: no limit
    assert result.exit_code == 0 and result.stdout.strip() == f"wrote {page}"


@pytest.mark.parametrize("args, message", [
    (["--focus", "Atlantis"], "no actor 'Atlantis'"),
    (["--relation", "BLAME"], "unknown relation type BLAME"),
    (["--polarity", "angry"], "angry"),
    (["--since", "2025-13-01"], "2025-13-01"),
    (["--since", "2025-05-01", "--until", "2025-01-01"], "after"),
])
def test_kg_graph_usage_errors_exit_2(store_dir, tmp_path, args, message):
    result = kg("graph", store_dir, "-o", tmp_path / "g.html", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "g.html").exists()


def test_kg_graph_default_is_the_library_default():
    from kg.cli.graph import graph

    assert inspect.signature(graph).parameters["max_nodes"].default.default == DEFAULT_MAX_NODES


def test_view_page_draws_what_the_view_holds(browser, claims, store_dir, tmp_path):
    page_path = tmp_path / "focus.html"
    assert kg("graph", store_dir, "-o", page_path, "--focus", "Ukraine").exit_code == 0
    view = make_view(claims, ViewOptions(focus="Ukraine"))
    with browser.open(page_path) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        shown = drawn(page)
        assert set(shown["nodes"]) == nodes_of(view) and shown["nodeCount"] == len(view.nodes)
        assert {tuple(e) for e in shown["edgeEnds"]} == set(edges_of(view)) and shown["edgeCount"] == len(view.edges)
        page.uncheck("#relation-filter input[value=THREATEN]")
        assert (RUSSIA, UKRAINE, "negative") not in {tuple(e) for e in drawn(page)["edgeEnds"]}
    assert_clean(report)
