"""The graph.html that a build writes, opened in headless Chromium with the network cut off.

What the page draws is checked against the store (SPARQL), and an article full of HTML/JS payloads
must show up as text only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hostile
from kg.build import build
from kg.store import GraphStore

CLAIM_ENDS = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
SELECT ?s ?o ?polarity ?negated WHERE {
  ?claim a fp:Claim ; fp:relation ?relation ; fp:subject ?s ; fp:object ?o ;
         fp:polarity ?polarity ; fp:negated ?negated .
}
"""
NODE_COUNT = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {
  ?claim a fp:Claim ; fp:relation ?relation .
  { ?claim fp:subject ?node } UNION { ?claim fp:object ?node }
}
"""


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory, extractor) -> Path:
    root = tmp_path_factory.mktemp("hostile-page")
    report = build([hostile.write_hostile(root / "in")], root / "out", extractor=extractor)
    assert report.built == [hostile.ID] and report.claims >= 1
    return root / "out"


def expected_from_store(out: Path) -> tuple[int, set[str], set[tuple], set[tuple]]:
    """(node count, node IRIs, edges, edges with an asserted claim) for every claim in the store (ROLE included)."""
    store = GraphStore(out, read_only=True)
    count = int(next(iter(store.query(NODE_COUNT)))["n"].value)
    rows = [{k: row[k].value for k in ("s", "o", "polarity", "negated")} for row in store.query(CLAIM_ENDS)]
    nodes = {r["s"] for r in rows} | {r["o"] for r in rows}
    edges = {(r["s"], r["o"], r["polarity"]) for r in rows}
    asserted = {(r["s"], r["o"], r["polarity"]) for r in rows if r["negated"] == "false"}
    return count, nodes, edges, asserted


def drawn(page) -> dict:
    return page.evaluate("""() => ({
        nodes: network.body.data.nodes.getIds(),
        edges: kgEdges.get().map(e => [e.from, e.to, e.polarity]),
        shown: network.body.data.edges.get().map(e => [e.from, e.to, e.polarity]),
        nodeCount: document.getElementById('node-count').textContent,
    })""")


def assert_clean(report) -> None:
    assert report.external == [] and report.blocked == [], report.external
    assert report.console_errors == [] and report.page_errors == [], report
    assert report.dialogs == [], report.dialogs


def test_built_page_draws_every_claim_end_offline(browser, built):
    count, nodes, edges, asserted = expected_from_store(built)
    assert count == len(nodes) > 0
    with browser.open(built / "graph.html") as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        shown = drawn(page)
        assert len(shown["nodes"]) == count == int(shown["nodeCount"])
        assert set(shown["nodes"]) == nodes
        assert {tuple(e) for e in shown["edges"]} == edges
        assert {tuple(e) for e in shown["shown"]} == asserted  # negated-only edges are hidden
        page.check("#show-negated")
        assert page.evaluate("network.body.data.edges.length") == len(edges)
    assert_clean(report)
    assert [u for u in report.requests if not u.startswith("file:")] == []


def hover_tooltip(page, js_point: str) -> str:
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(f"network.canvasToDOM({js_point})")
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(
        "() => (document.querySelector('div.vis-tooltip') || {style: {}}).style.visibility === 'visible'")
    return page.locator("div.vis-tooltip").text_content()


def test_hostile_article_is_shown_as_text(browser, hostile_out):
    count, nodes, _, _ = expected_from_store(hostile_out)
    with browser.open(hostile_out / "graph.html") as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert set(drawn(page)["nodes"]) == nodes and len(nodes) == count
        claims = page.evaluate("kgEdges.get().flatMap(e => e.claims)")
        assert {c["title"] for c in claims} == {hostile.TITLE}  # the data survived intact
        assert {c["source"] for c in claims} == {hostile.SOURCE}
        assert any(hostile.SCRIPT in c["evidence"] for c in claims)
        edge = next(e for e in page.evaluate("kgEdges.get().map(e => [e.id, e.claims[0].evidence])")
                    if hostile.SCRIPT in e[1] or hostile.IMG in e[1])
        tip = hover_tooltip(page, f"network.body.edges[{json.dumps(edge[0])}].edgeType.getPoint(0.5)")
        assert edge[1] in tip and hostile.TITLE in tip  # shown, as text
        injected = page.evaluate("""() => [
            document.querySelectorAll('img, svg, iframe, object, embed, link, base').length,
            document.querySelectorAll('[onload], [onerror]').length,
            document.querySelectorAll('script').length,
            document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img, div.vis-tooltip svg').length]""")
        assert injected == [0, 0, 3, 0]
        page.wait_for_timeout(100)  # let any injected handler fire
    assert_clean(report)
