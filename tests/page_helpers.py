"""Driving the graph page in the browser: what it drew, hovering a node or edge, clean reports."""

from __future__ import annotations

_HOVER_POINTS = """([kind, id]) => {
  // centre the view on each candidate point of the item; keep the DOM points where it, and nothing else, is hit
  const net = window.network;
  const points = kind === 'node' ? [net.getPositions([id])[id]]
      : [0.5, 0.35, 0.65, 0.2, 0.8, 0.45, 0.55, 0.3, 0.7, 0.25, 0.75].map(t => net.body.edges[id].edgeType.getPoint(t));
  const hits = [];
  for (const p of points) {
    net.moveTo({position: p, scale: 1.5, animation: false});
    const dom = net.canvasToDOM(p);
    const node = net.getNodeAt(dom), edge = net.getEdgeAt(dom);
    if (kind === 'node' ? node === id : node === undefined && edge === id) hits.push([p, dom]);
  }
  return hits;
}"""

_TOOLTIP_FOR = """(id) => {
  const tip = document.querySelector('div.vis-tooltip');
  const shown = network.interactionHandler.popupObj;
  return !!tip && tip.style.visibility === 'visible' && !!shown && shown.id === id;
}"""


def drawn(page) -> dict:
    """Ids of the nodes and edges the network holds (the edges after the page's filters)."""
    return page.evaluate("""() => ({
        nodes: network.body.data.nodes.getIds(),
        edges: network.body.data.edges.getIds(),
        edgeEnds: network.body.data.edges.get().map(e => [e.from, e.to, e.polarity]),
        nodeCount: Number(document.getElementById('node-count').textContent),
        edgeCount: Number(document.getElementById('edge-count').textContent),
    })""")


def hover(page, kind: str, item_id: str) -> str:
    """Hover node or edge ``item_id`` and return the text of the tooltip it shows. A point on an edge
    can lie under another edge's label, whose tooltip then wins: the next point is tried."""
    hits = page.evaluate(_HOVER_POINTS, [kind, item_id])
    assert hits, f"no point hits only {kind} {item_id}"
    box = page.locator("#graph canvas").bounding_box()
    for position, point in hits:
        page.mouse.move(1, 1)  # off the canvas, so that the next move is a fresh hover
        page.evaluate("(p) => network.moveTo({position: p, scale: 1.5, animation: false})", position)
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        try:
            page.wait_for_function(_TOOLTIP_FOR, arg=item_id, timeout=2500)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: try the next point
            continue
        return page.locator("div.vis-tooltip").text_content()
    raise AssertionError(f"no tooltip for {kind} {item_id} at any of {len(hits)} points")


def hover_all(page) -> dict[str, str]:
    """Hover every drawn node and edge; ``{id: tooltip text}``."""
    ids = drawn(page)
    tips = {n: hover(page, "node", n) for n in ids["nodes"]}
    tips.update({e: hover(page, "edge", e) for e in ids["edges"]})
    return tips


def assert_clean(report) -> None:
    """Nothing left the machine, nothing failed, no dialog opened."""
    assert report.external == [] and report.blocked == [], report.external
    assert report.console_errors == [] and report.page_errors == [], report
    assert report.dialogs == [], report.dialogs
