"""The offline HTML graph page: escaping and structure without a browser, behaviour in Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from page_helpers import assert_clean, hover, hover_all

from kg.errors import StoreError
from kg.viz import page as viz
from kg.viz import render_page, write_page

# --- a small hand-made graph full of hostile text -------------------------------------------

SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "\"'><svg onload=alert(1)>"
ID = "https://kg.example/id/"
USA, CHN, HAMAS, ACME, ODD = (ID + k for k in ("usa", "chn", "hamas", "acme", "odd"))

NODES = [
    {"id": USA, "label": "United States", "kind": "State"},
    {"id": CHN, "label": "China", "kind": "State"},
    {"id": HAMAS, "label": "Hamas " + SCRIPT, "kind": "ArmedGroup"},
    {"id": ACME, "label": SVG + " Acme", "kind": "Company"},
    {"id": ODD, "label": IMG, "kind": "Spaceship"},  # unknown kind: default style
]


def claim(relation, evidence, *, negated=False, hedged=False, speaker=None, date="2025-12-09"):
    return {"relation": relation, "verb": relation.lower() + "s", "date": date, "speaker": speaker,
            "hedged": hedged, "negated": negated, "evidence": evidence, "source": "Wire " + SVG,
            "title": "Headline " + SCRIPT, "article": "a1"}


EDGES = [
    {"source": USA, "target": CHN, "polarity": "negative",
     "claims": [claim("ACCUSE", "The US accused China. <script>alert(1)</script>"),
                claim("CRITICIZE", "It criticised Beijing " + IMG)]},
    {"source": CHN, "target": USA, "polarity": "negative",
     "claims": [claim("THREATEN", "China may retaliate " + SVG, hedged=True, speaker="Wang " + IMG)]},
    {"source": USA, "target": HAMAS, "polarity": "negative",
     "claims": [claim("CONDEMN", "Washington condemned the attack.", date=None)]},
    {"source": CHN, "target": ACME, "polarity": "positive",
     "claims": [claim("PRAISE", f"Praise number {i} \u2028 & more") for i in range(3)]},
    {"source": USA, "target": ODD, "polarity": "neutral",
     "claims": [claim("CONSULT", "They met & talked \u2029.")]},
    {"source": USA, "target": CHN, "polarity": "positive",  # every claim negated: hidden by default
     "claims": [claim("COOPERATE", "The US will not cooperate.", negated=True),
                claim("COOPERATE", "Nor will it help.", negated=True)]},
]
VISIBLE_EDGES = [e for e in EDGES if not all(c["negated"] for c in e["claims"])]
PAYLOADS = (SCRIPT, IMG, SVG, "<script>alert(1)</script>")


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the raw text of each <script>/<style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw: list[tuple[str, dict, str]] = []  # (tag, attrs, text)
        self._open: tuple[str, dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.raw.append((tag, self._open[1], "".join(self._open[2])))
            self._open = None


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def page_data(html: str) -> dict:
    blocks = [text for tag, attrs, text in parse(html).raw if attrs.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def html() -> str:
    return render_page(NODES, EDGES, title="Graph " + SCRIPT)


# --- without a browser ----------------------------------------------------------------------


def test_json_block_cannot_be_broken(html):
    parsed = parse(html)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "kg-data"}, {}, {}]  # data, vis, app
    block = next(text for tag, attrs, text in parsed.raw if attrs.get("id") == "kg-data")
    for char in "<>&\u2028\u2029":
        assert char not in block
    data = json.loads(block)  # and the payloads survive intact as data
    assert [n["label"] for n in data["nodes"]] == [n["label"] for n in NODES]
    assert data["edges"][0]["claims"][0]["title"] == "Headline " + SCRIPT
    assert data["edges"][3]["claims"][0]["evidence"].endswith("\u2028 & more")
    for payload in PAYLOADS:
        assert payload not in html


def test_no_remote_resources(html):
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base")
        assert not {"src", "href", "srcset", "action"} & attrs.keys(), (tag, attrs)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    styles = "".join(text for tag, _, text in parsed.raw if tag == "style")
    assert "@import" not in styles and "@font-face" not in styles
    assert all(u.startswith(("url(\"data:", "url('data:", "url(data:"))
               for u in re.findall(r"url\([^)]*", styles))


def test_csp_forbids_fetches_and_allows_exactly_our_scripts(html):
    parsed = parse(html)
    csp = next(a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    executable = [text for tag, attrs, text in parsed.raw if tag == "script" and not attrs]
    assert len(executable) == 2
    assert all(viz.csp_hash(text) in csp for text in executable)


def test_title_is_escaped_and_counts_shown(html):
    assert html.count("Graph &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # <title>, <h1>
    assert '<span id="node-count">5</span> nodes' in html
    assert '<span id="edge-count">6</span> edges' in html


def test_vis_network_inlined_from_pyvis(html):
    js, css = viz._vis_assets()
    assert js in html and css in html
    assert len(js) > 100_000


def test_nodes_styled_by_kind_and_sized_by_degree(html):
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert (nodes[USA]["color"], nodes[USA]["shape"]) == viz.KIND_STYLES["State"][:2]
    assert (nodes[ODD]["color"], nodes[ODD]["shape"]) == viz.DEFAULT_STYLE[:2]
    assert nodes[USA]["degree"] == 3 and nodes[ACME]["degree"] == 1
    assert nodes[USA]["size"] > nodes[ACME]["size"]
    assert "Spaceship" not in html.split('id="legend"')[1].split("</aside>")[0]  # shown as "other"
    assert "> other</li>" in html and "> ArmedGroup</li>" in html


def test_edges_coloured_by_polarity_and_weighted_by_claims(html):
    edges = page_data(html)["edges"]
    assert [e["color"]["color"] for e in edges[:5]] == [
        viz.POLARITY_COLORS[p] for p in ("negative", "negative", "negative", "positive", "neutral")]
    assert edges[0]["label"] == "ACCUSE, CRITICIZE" and edges[0]["arrows"] == "to"
    assert edges[3]["width"] > edges[0]["width"] > edges[2]["width"]
    assert [e["negatedOnly"] for e in edges] == [False] * 5 + [True]
    assert edges[5]["dashes"] is True and edges[5]["color"]["color"] == viz.NEGATED_COLOR
    assert page_data(html)["options"]["physics"]["stabilization"]["iterations"] <= 1000


def test_bad_edges_are_refused():
    with pytest.raises(ValueError, match="not a node"):
        render_page(NODES, [{"source": USA, "target": ID + "nobody", "polarity": "neutral", "claims": []}])
    with pytest.raises(ValueError, match="polarity"):
        render_page(NODES, [{"source": USA, "target": CHN, "polarity": "angry", "claims": []}])


def test_render_is_deterministic_and_handles_empty_graph(html):
    assert render_page(NODES, EDGES, title="Graph " + SCRIPT) == html
    empty = render_page([], [])
    assert page_data(empty)["nodes"] == [] and "<title>kg graph</title>" in empty


def test_write_page_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out" / "graph.html"
    assert write_page(NODES, EDGES, target, title="t") == target
    assert target.read_text(encoding="utf-8") == render_page(NODES, EDGES, title="t")
    write_page(NODES[:2], [], str(target))  # overwrite through a str path
    before = target.read_text(encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr("kg.files.os.replace", fail)
    with pytest.raises((OSError, StoreError), match="disk on fire"):
        write_page(NODES, EDGES, target)
    assert target.read_text(encoding="utf-8") == before
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temp file left


# --- in headless Chromium, network cut off ---------------------------------------------------


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    return write_page(NODES, EDGES, tmp_path_factory.mktemp("viz") / "graph.html", title="Graph " + SCRIPT)


@pytest.fixture
def opened(browser, page_file):
    with browser.open(page_file) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        yield page, report


def _hover(page, js_point: str) -> str:
    """Move the mouse to a canvas point (JS expression) and return the tooltip's text."""
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(f"network.canvasToDOM({js_point})")
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function("() => (document.querySelector('div.vis-tooltip') || {style: {}}).style.visibility === 'visible'")
    text = page.locator("div.vis-tooltip").text_content()
    page.mouse.move(box["x"] + 3, box["y"] + 3)  # a blank corner of the canvas hides it
    page.wait_for_function("() => document.querySelector('div.vis-tooltip').style.visibility !== 'visible'")
    return text


def test_helper_catches_leaks_and_dialogs(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<img src="https://example.invalid/x.png"><script>alert("hi")</script>')
    with browser.open(bad) as (page, report):
        page.wait_for_timeout(100)
    assert report.external == ["https://example.invalid/x.png"]
    assert report.blocked == ["https://example.invalid/x.png"] and report.dialogs == ["alert: hi"]
    assert not report.clean


def test_page_is_offline_clean_and_not_injectable(opened):
    page, report = opened
    node_tip = _hover(page, f"network.getPositions([{json.dumps(ODD)}])[{json.dumps(ODD)}]")
    assert IMG in node_tip and "Spaceship" in node_tip and "degree 1" in node_tip
    edge_tip = _hover(page, "network.body.edges['e1'].edgeType.getPoint(0.5)")
    assert SVG in edge_tip and "hedged" in edge_tip and "Wang " + IMG in edge_tip
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.title() == "Graph " + SCRIPT
    assert report.external == [] and report.blocked == []
    assert report.console_errors == [] and report.page_errors == [] and report.dialogs == []


def test_drawn_counts_and_negated_edges_hidden(opened):
    page, _ = opened
    assert page.evaluate("[kgNodes.length, network.body.data.nodes.length, kgEdges.length]") == [5, 5, 6]
    assert page.evaluate("network.body.data.edges.length") == len(VISIBLE_EDGES)
    assert page.evaluate("network.body.data.edges.getIds()") == ["e0", "e1", "e2", "e3", "e4"]
    assert page.text_content("#shown-count") == "5"
    assert page.evaluate("network.physics.physicsEnabled") is False  # frozen after stabilising
    page.check("#show-negated")
    assert page.evaluate("network.body.data.edges.length") == 6


def test_polarity_and_relation_filters(opened):
    page, _ = opened
    page.uncheck("#pol-negative")
    shown = page.evaluate("network.body.data.edges.get().map(e => e.polarity)")
    assert shown == ["positive", "neutral"] and page.text_content("#shown-count") == "2"
    page.check("#pol-negative")
    page.uncheck("#relation-filter input[value=ACCUSE]")  # e0 still has CRITICIZE
    assert page.evaluate("network.body.data.edges.length") == 5
    page.uncheck("#relation-filter input[value=CRITICIZE]")
    assert "e0" not in page.evaluate("network.body.data.edges.getIds()")


def test_search_selects_and_focuses_a_node(opened):
    page, report = opened
    page.fill("#search", "china")
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [CHN]
    page.fill("#search", "acme")  # substring match
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [ACME]
    page.fill("#search", "atlantis")
    page.press("#search", "Enter")
    assert page.text_content("#search-msg") == "no match"
    assert page.url.startswith("file://") and report.clean


def test_every_node_and_edge_has_a_text_title(opened):
    page, _ = opened
    titles = page.evaluate("""() => [...kgNodes.get(), ...kgEdges.get()].map(item =>
        [item.title instanceof Element, item.title.textContent.trim().length,
         item.title.querySelectorAll('*:not(div):not(strong):not(span):not(ol):not(li):not(blockquote)').length])""")
    assert len(titles) == 11
    assert all(is_el and length > 0 and foreign == 0 for is_el, length, foreign in titles)
    first = page.evaluate("kgEdges.get('e0').title.textContent")
    assert "<script>alert(1)</script>" in first and "Headline " + SCRIPT in first


def test_every_node_and_edge_shows_its_tooltip_on_hover(opened):
    page, report = opened
    page.check("#show-negated")
    tips = hover_all(page)
    assert len(tips) == len(NODES) + len(EDGES)
    for node in NODES:
        assert node["label"] in tips[node["id"]] and node["id"] in tips[node["id"]]
    for i, edge in enumerate(EDGES):
        assert all(c["evidence"] in tips[f"e{i}"] for c in edge["claims"])
    assert page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    assert_clean(report)


# --- positions from Python, direct filling, notes --------------------------------------------

POSITIONS = {n["id"]: (100.0 * i, -50.0 * i) for i, n in enumerate(NODES)}


def test_direct_fill_gives_what_pyvis_gives():
    by_pyvis = viz.vis_data(NODES, EDGES, POSITIONS)
    direct = viz.vis_data(NODES, EDGES, POSITIONS, pyvis_max_nodes=0)
    assert json.dumps(direct) == json.dumps(by_pyvis)
    assert json.dumps(viz.vis_data(NODES, EDGES, pyvis_max_nodes=0)) == json.dumps(viz.vis_data(NODES, EDGES))


def test_positions_turn_physics_off_and_are_required_for_every_node():
    data = page_data(render_page(NODES, EDGES, positions=POSITIONS))
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    assert {n["id"]: (n["x"], n["y"]) for n in data["nodes"]} == POSITIONS
    with pytest.raises(ValueError, match="no position"):
        render_page(NODES, EDGES, positions={USA: (0, 0)})


def test_only_edges_between_the_same_nodes_are_curved(html):
    smooth = [e["smooth"] for e in page_data(html)["edges"]]
    assert [s["enabled"] for s in smooth] == [True, True, False, False, False, True]  # USA<->CHN three ways
    assert smooth[0]["roundness"] < smooth[5]["roundness"]


def test_note_and_members_are_text():
    nodes = [dict(NODES[0], members=["Official " + IMG]), *NODES[1:]]
    html = render_page(nodes, EDGES, note="3 other actors left out " + SCRIPT)
    assert '<p id="omitted" class="note">3 other actors left out &lt;/script&gt;' in html
    assert page_data(html)["nodes"][0]["members"] == ["Official " + IMG]
    assert 'id="omitted"' not in render_page(NODES, EDGES)


@pytest.fixture(scope="module")
def positioned_file(tmp_path_factory) -> Path:
    nodes = [dict(NODES[0], members=["Tom Keller", "US State Department"]), *NODES[1:]]
    return write_page(nodes, EDGES, tmp_path_factory.mktemp("viz-pos") / "graph.html", positions=POSITIONS,
                      note="2 other actors (2 edges, 3 claims) not shown")


def test_positioned_page_settles_without_physics(browser, positioned_file):
    with browser.open(positioned_file) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert page.evaluate("network.physics.physicsEnabled") is False
        drawn_at = page.evaluate("network.getPositions()")
        assert {k: (v["x"], v["y"]) for k, v in drawn_at.items()} == POSITIONS
        assert page.text_content("#omitted").startswith("2 other actors")
        tip = hover(page, "node", USA)
        assert "includes Tom Keller, US State Department" in tip
        assert page.evaluate("kgEdges.get('e0').label") == "ACCUSE, CRITICIZE"  # few edges: labels on
    assert_clean(report)


def test_big_pages_start_without_edge_labels(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(viz, "EDGE_LABELS_MAX_EDGES", 2)
    path = write_page(NODES, EDGES, tmp_path / "graph.html", positions=POSITIONS)
    with browser.open(path) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert page.is_checked("#edge-labels") is False
        assert page.evaluate("kgEdges.get().map(e => e.label)") == [None] * len(EDGES)
        page.check("#edge-labels")
        assert page.evaluate("kgEdges.get('e0').label") == "ACCUSE, CRITICIZE"
        assert page.evaluate("network.body.data.edges.length") == len(VISIBLE_EDGES)  # filters untouched
    assert_clean(report)


def test_empty_page_settles(browser, tmp_path):
    with browser.open(write_page([], [], tmp_path / "empty.html")) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert page.evaluate("network.body.data.nodes.length") == 0
    assert_clean(report)


def test_big_graph_is_laid_out_in_python_and_settles(browser, tmp_path):
    from kg.viz.project import PHYSICS_MAX_NODES, draw

    n = 1200
    nodes = [{"id": f"{ID}n{i}", "label": f"Actor {i}", "kind": "State" if i % 5 == 0 else "Topic"} for i in range(n)]
    edges = [{"source": f"{ID}n{(i * 7919) % (n // 5) * 5}", "target": f"{ID}n{i}", "polarity": "negative",
              "claims": [claim("ACCUSE", f"Claim {i}.")]} for i in range(n) if i % 5]
    edges += [{"source": f"{ID}n{i * 5}", "target": f"{ID}n{(i + 1) * 5 % n}", "polarity": "positive",
               "claims": [claim("SUPPORT", f"Support {i}.")]} for i in range(n // 5)]
    assert n > viz.PYVIS_MAX_NODES and n > PHYSICS_MAX_NODES and len(edges) > viz.EDGE_LABELS_MAX_EDGES
    path = draw(nodes, edges, tmp_path / "big.html", note=f"{n} nodes")
    data = page_data(path.read_text(encoding="utf-8"))
    assert data["options"]["physics"]["enabled"] is False and data["edgeLabels"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])
    with browser.open(path, timeout_ms=30_000) as (page, report):
        page.wait_for_function("() => window.kgStable === true")
        assert page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") == [n, len(edges)]
        assert page.evaluate("window.kgStableAt") < 30_000
        page.fill("#search", "Actor 1199")
        page.press("#search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [f"{ID}n1199"]
    assert_clean(report)
