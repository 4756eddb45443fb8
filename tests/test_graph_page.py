"""The graph.html that a build writes, opened in headless Chromium with the network cut off.

What the page draws (the default view: officials and bodies rolled up to their state) is checked
against the store by SPARQL written independently of kg.viz, and an article full of HTML/JS
payloads must show up as text only.
"""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest
from page_helpers import assert_clean, drawn, hover, hover_all

from kg.build import build
from kg.store import GraphStore

# Each claim's ends followed up org:memberOf / org:unitOf to the top (the state level); claims
# that then join an actor to itself (an official's ROLE in their own state) are not drawn.
CLAIM_ENDS = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?s ?o ?polarity ?negated WHERE {
  ?claim a fp:Claim ; fp:relation ?relation ; fp:subject ?s0 ; fp:object ?o0 ;
         fp:polarity ?polarity ; fp:negated ?negated .
  ?s0 (org:memberOf|org:unitOf)* ?s . FILTER NOT EXISTS { ?s org:memberOf|org:unitOf ?above }
  ?o0 (org:memberOf|org:unitOf)* ?o . FILTER NOT EXISTS { ?o org:memberOf|org:unitOf ?over }
  FILTER(?s != ?o)
}
"""
ACTOR = "https://w3id.org/fpkg/id/actor/"


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory, extractor) -> Path:
    root = tmp_path_factory.mktemp("hostile-page")
    report = build([hostile.write_hostile(root / "in")], root / "out", extractor=extractor)
    assert report.built == [hostile.ID] and report.claims >= 1
    return root / "out"


def expected_from_store(out: Path) -> tuple[set[str], set[tuple], set[tuple]]:
    """(node IRIs, edges, edges with an asserted claim) of the state-level view, by SPARQL."""
    store = GraphStore(out, read_only=True)
    rows = [{k: row[k].value for k in ("s", "o", "polarity", "negated")} for row in store.query(CLAIM_ENDS)]
    nodes = {r["s"] for r in rows} | {r["o"] for r in rows}
    edges = {(r["s"], r["o"], r["polarity"]) for r in rows}
    asserted = {(r["s"], r["o"], r["polarity"]) for r in rows if r["negated"] == "false"}
    return nodes, edges, asserted


def all_edges(page) -> set[tuple]:
    return {tuple(e) for e in page.evaluate("kgEdges.get().map(e => [e.from, e.to, e.polarity])")}


def test_built_page_draws_the_state_view_offline(browser, built):
    nodes, edges, asserted = expected_from_store(built)
    assert nodes and ACTOR + "hakan_fidan" not in nodes  # rolled up into Turkey
    with browser.open(built / "graph.html") as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        shown = drawn(page)
        assert set(shown["nodes"]) == nodes and len(shown["nodes"]) == shown["nodeCount"]
        assert all_edges(page) == edges and len(edges) == shown["edgeCount"]
        assert {tuple(e) for e in shown["edgeEnds"]} == asserted  # negated-only edges are hidden
        assert "Hakan Fidan" in page.evaluate(f"kgNodes.get('{ACTOR}turkey').members")
        # the search box finds an actor
        page.fill("#search", "greece")
        page.press("#search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [ACTOR + "greece"]
        # a filter hides what it should
        page.uncheck("#pol-negative")
        assert {tuple(e) for e in drawn(page)["edgeEnds"]} == {e for e in asserted if e[2] != "negative"}
        page.check("#pol-negative")
        # every node and edge (the negated ones shown too) shows its tooltip
        page.check("#show-negated")
        assert {tuple(e) for e in drawn(page)["edgeEnds"]} == edges
        tips = hover_all(page)
        labels = page.evaluate("Object.fromEntries(kgNodes.get().map(n => [n.id, n.label]))")
        for node in nodes:
            assert labels[node] in tips[node] and node in tips[node]
        for edge_id, source, target in page.evaluate("kgEdges.get().map(e => [e.id, e.from, e.to])"):
            assert f"{labels[source]} \u2192 {labels[target]}" in tips[edge_id]
        assert len(tips) == len(nodes) + len(edges)
    assert_clean(report)
    assert [u for u in report.requests if not u.startswith("file:")] == []


def test_hostile_article_is_shown_as_text(browser, hostile_out):
    nodes, _, _ = expected_from_store(hostile_out)
    with browser.open(hostile_out / "graph.html") as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert set(drawn(page)["nodes"]) == nodes
        claims = page.evaluate("kgEdges.get().flatMap(e => e.claims)")
        assert {c["title"] for c in claims} == {hostile.TITLE}  # the data survived intact
        assert {c["source"] for c in claims} == {hostile.SOURCE}
        assert any(hostile.SCRIPT in c["evidence"] for c in claims)
        edge = next(e for e in page.evaluate("kgEdges.get().map(e => [e.id, e.claims[0].evidence])")
                    if hostile.SCRIPT in e[1] or hostile.IMG in e[1])
        tip = hover(page, "edge", edge[0])
        assert edge[1] in tip and hostile.TITLE in tip and hostile.SOURCE in tip  # shown, as text
        injected = page.evaluate("""() => [
            document.querySelectorAll('img, svg, iframe, object, embed, link, base').length,
            document.querySelectorAll('[onload], [onerror]').length,
            document.querySelectorAll('script').length,
            document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img, div.vis-tooltip svg').length]""")
        assert injected == [0, 0, 3, 0]
        page.wait_for_timeout(100)  # let any injected handler fire
    assert_clean(report)
