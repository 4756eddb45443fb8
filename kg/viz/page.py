"""Render the graph as one self-contained, offline HTML page (vis-network through pyvis).

pyvis builds the node and edge lists and the options; our own template
(``templates/graph.html``) draws them, with vis-network's JS and CSS inlined from pyvis's
package files, so the page asks no server for anything.

Article text is untrusted. It only reaches the page inside a ``<script type="application/json">``
block in which ``<``, ``>``, ``&``, U+2028 and U+2029 are escaped, and the page's script turns
it into DOM text nodes (never ``innerHTML``). A Content-Security-Policy allows only the page's
own two scripts (by hash) and forbids every fetch.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import math
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.errors import DataFileError
from kg.files import atomic_write

# kind -> (colour, vis shape, legend glyph). Shapes all draw their label below the node.
KIND_STYLES: dict[str, tuple[str, str, str]] = {
    "State": ("#1f77b4", "dot", "\u25cf"),
    "InternationalOrganization": ("#9467bd", "hexagon", "\u2b22"),
    "GovernmentBody": ("#17becf", "square", "\u25a0"),
    "Person": ("#ff7f0e", "triangle", "\u25b2"),
    "ArmedGroup": ("#8c564b", "triangleDown", "\u25bc"),
    "Company": ("#bcbd22", "diamond", "\u25c6"),
    "Organization": ("#e377c2", "hexagon", "\u2b22"),
    "Location": ("#8fbc8f", "square", "\u25a0"),
    "Topic": ("#f1c40f", "star", "\u2605"),
}
DEFAULT_STYLE: tuple[str, str, str] = ("#97c2fc", "dot", "\u25cf")
POLARITY_COLORS: dict[str, str] = {"positive": "#2ca02c", "negative": "#d62728", "neutral": "#8c8c8c"}
NEGATED_COLOR = "#bbbbbb"
STABILIZATION_ITERATIONS = 400
EDGE_LABELS_MAX_EDGES = 1000  # above this, edge labels start hidden (a box in the page shows them)
PYVIS_MAX_NODES = 500  # above this, vis node and edge lists are filled directly

# Passed through pyvis's ``set_options``, which strips every space: keep string values space-free.
_OPTIONS = {
    "layout": {"randomSeed": 7},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
        "minVelocity": 1,
        "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                          "updateInterval": 25, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False},
    "nodes": {"borderWidth": 1, "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 10, "align": "middle", "strokeWidth": 3, "color": "#444444"},
        "selectionWidth": 2,
    },
}
_CLAIM_FIELDS = ("relation", "verb", "date", "speaker", "hedged", "negated", "evidence",
                 "source", "title", "article")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render_page(nodes: list[dict], edges: list[dict], *, title: str = "kg graph",
                positions: dict[str, tuple[float, float]] | None = None, note: str | None = None) -> str:
    """Return the HTML page drawing ``nodes`` and ``edges`` (see the module docstring).

    With ``positions`` (``{node id: (x, y)}``, e.g. from :mod:`kg.viz.layout`) the nodes are drawn
    there with physics off; without, vis-network's physics lays them out, then stops. ``note`` is
    shown under the title (what the view left out)."""
    vis_nodes, vis_edges, options = vis_data(nodes, edges, positions)
    data = {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": options,
        "relations": sorted({r for e in vis_edges for r in e["relations"]}),
        "polarityColors": POLARITY_COLORS,
        "edgeLabels": len(vis_edges) <= EDGE_LABELS_MAX_EDGES,
    }
    vis_js, vis_css = _vis_assets()
    return _template().render(
        title=title,
        note=note,
        node_count=len(vis_nodes),
        edge_count=len(vis_edges),
        legend=_legend({n["kind"] for n in vis_nodes}),
        polarities=list(POLARITY_COLORS.items()),
        negated_color=NEGATED_COLOR,
        data_json=Markup(_json_for_script(data)),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
    )


def write_page(nodes: list[dict], edges: list[dict], path: str | Path, *, title: str = "kg graph",
               positions: dict[str, tuple[float, float]] | None = None, note: str | None = None) -> Path:
    """Render the page and write it to ``path`` atomically (temp file, then ``os.replace``)."""
    path = Path(path)
    html = render_page(nodes, edges, title=title, positions=positions, note=note)
    return atomic_write(path, lambda fh: fh.write(html.encode("utf-8")))


# --- graph -> vis-network node and edge lists -------------------------------------------------


def vis_data(nodes: list[dict], edges: list[dict], positions: dict[str, tuple[float, float]] | None = None,
             *, pyvis_max_nodes: int = PYVIS_MAX_NODES) -> tuple[list[dict], list[dict], dict]:
    """(vis nodes, vis edges, vis options). Small graphs go through pyvis's ``Network``; bigger
    ones are filled directly into the same dicts (pyvis checks every id against a list: O(n^2))."""
    _check_edges({n["id"] for n in nodes}, edges, positions)
    degree = _degrees(edges)
    node_items = [_node_item(n, degree[n["id"]], positions) for n in nodes]
    edge_items = _edge_items(edges)
    options = _options(positioned=positions is not None)
    if len(nodes) > pyvis_max_nodes:
        vis_nodes = [_direct_node(n["id"], item) for n, item in zip(nodes, node_items)]
        vis_edges = [{**item, "from": e["source"], "to": e["target"], "arrows": "to"}
                     for e, item in zip(edges, edge_items)]
        return vis_nodes, vis_edges, options
    net = Network(directed=True)
    for n, item in zip(nodes, node_items):
        net.add_node(n["id"], **item)
    for e, item in zip(edges, edge_items):
        net.add_edge(e["source"], e["target"], **item)
    net.set_options(json.dumps(options))
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()
    return vis_nodes, vis_edges, json.loads(options_json)


def _direct_node(node_id: str, item: dict) -> dict:
    """What pyvis's ``add_node(node_id, **item)`` would have made, key order included."""
    rest = {k: v for k, v in item.items() if k not in ("color", "label", "shape")}
    return {"color": item["color"], **rest, "id": node_id, "label": item["label"], "shape": item["shape"]}


def _options(*, positioned: bool) -> dict:
    options = copy.deepcopy(_OPTIONS)
    if positioned:  # drawn where Python put the nodes: no physics, no initial layout
        options["physics"] = {"enabled": False, "stabilization": {"enabled": False}}
        options["layout"]["improvedLayout"] = False
    return options


def _check_edges(ids: set[str], edges: list[dict], positions: dict | None) -> None:
    for e in edges:
        for end in ("source", "target"):
            if e[end] not in ids:
                raise ValueError(f"edge {end} {e[end]!r} is not a node")
        if e["polarity"] not in POLARITY_COLORS:
            raise ValueError(f"unknown polarity {e['polarity']!r}")
    if positions is not None and ids - positions.keys():
        raise ValueError(f"no position for node {min(ids - positions.keys())!r}")


def _degrees(edges: list[dict]) -> Counter:
    """Number of distinct neighbours of each node (direction and polarity ignored)."""
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    return Counter(end for pair in pairs for end in pair)


def _node_item(node: dict, degree: int, positions: dict | None) -> dict:
    kind = node.get("kind") or "Other"
    color, shape, _ = KIND_STYLES.get(kind, DEFAULT_STYLE)
    item = {
        "label": str(node.get("label") or node["id"]),
        "color": color,
        "shape": shape,
        "size": round(min(10 + 5 * math.sqrt(degree), 45), 1),
        "kind": kind,
        "degree": degree,
    }
    if node.get("members"):
        item["members"] = list(node["members"])
    if positions is not None:
        item["x"], item["y"] = positions[node["id"]]
    return item


def _edge_items(edges: list[dict]) -> list[dict]:
    """Edges between the same two nodes (either way) are curved apart; single ones are straight."""
    between = Counter(frozenset((e["source"], e["target"])) for e in edges)
    nth: Counter = Counter()
    items = []
    for i, e in enumerate(edges):
        nth[(e["source"], e["target"])] += 1
        several = between[frozenset((e["source"], e["target"]))] > 1
        items.append(_edge_item(i, e, nth[(e["source"], e["target"])] if several else 0))
    return items


def _edge_item(index: int, edge: dict, nth_parallel: int) -> dict:
    claims = [_claim(c) for c in edge.get("claims", [])]
    relations = sorted({c["relation"] for c in claims})
    negated_only = bool(claims) and all(c["negated"] for c in claims)
    color = NEGATED_COLOR if negated_only else POLARITY_COLORS[edge["polarity"]]
    # parallel edges between the same ordered pair get increasingly curved
    smooth = ({"enabled": True, "type": "curvedCW", "roundness": round(0.1 + 0.15 * (nth_parallel - 1), 2)}
              if nth_parallel else {"enabled": False})
    return {
        "id": f"e{index}",
        "label": ", ".join(relations),
        "color": {"color": color, "highlight": color, "hover": color},
        "width": _edge_width(len(claims)),
        "dashes": negated_only,
        "smooth": smooth,
        "polarity": edge["polarity"],
        "relations": relations,
        "negatedOnly": negated_only,
        "claims": claims,
    }


def _edge_width(n_claims: int) -> float:
    return round(min(1 + 1.5 * math.log2(1 + n_claims), 10), 2)


def _claim(claim: dict) -> dict:
    out = {k: claim.get(k) for k in _CLAIM_FIELDS}
    out["relation"] = out["relation"] or "UNKNOWN"
    out["hedged"] = bool(out["hedged"])
    out["negated"] = bool(out["negated"])
    return out


def _legend(kinds: set[str]) -> list[dict]:
    """Legend rows for the kinds present; every unknown kind shares the default style."""
    rows = [(k, style) for k, style in KIND_STYLES.items() if k in kinds]
    if kinds - KIND_STYLES.keys():
        rows.append(("other", DEFAULT_STYLE))
    return [{"kind": k, "color": c, "glyph": g} for k, (c, _, g) in rows]


# --- assets and escaping --------------------------------------------------------------------


def _json_for_script(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` survive."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(str.maketrans(_JSON_ESCAPES))


def csp_hash(script: str) -> Markup:
    """The CSP source expression allowing exactly this inline script (base64: no escaping needed)."""
    digest = hashlib.sha256(str(script).encode("utf-8")).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's own package files."""
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"pyvis's vis-network files are missing: {exc}") from exc
    if "</script" in js.lower() or "</style" in css.lower():
        raise DataFileError("vis-network assets cannot be inlined (they contain a closing tag)")
    return js, css


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["csp_hash"] = csp_hash
    source = files("kg.viz").joinpath("templates", "graph.html").read_text(encoding="utf-8")
    return env.from_string(source)
