"""Project the store's claims onto the page's nodes and edges: one edge per (subject, object,
polarity), its claims aggregated; one node per actor or topic at either end."""

from __future__ import annotations

from pathlib import Path

from kg import queries
from kg.store import GraphStore
from kg.viz.page import write_page


def _claim(row: dict) -> dict:
    return {
        "relation": row["relation"], "date": row["date"], "speaker": row["speakerLabel"],
        "hedged": row["hedged"] == "true", "negated": row["negated"] == "true", "evidence": row["evidence"],
        "source": row["source"], "title": row["title"] or "", "article": row["articleId"],
    }


def project(store: GraphStore) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) for :func:`kg.viz.page.render_page`, in a stable order."""
    names, table = queries.rows(store.query(queries.load("graph_claims")))
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    for values in table:
        row = dict(zip(names, values))
        for end in ("s", "o"):
            nodes.setdefault(row[end], {"id": row[end], "label": row[f"{end}Label"], "kind": row[f"{end}Type"]})
        key = (row["s"], row["o"], row["polarity"])
        edge = edges.setdefault(key, {"source": row["s"], "target": row["o"], "polarity": row["polarity"],
                                      "claims": []})
        edge["claims"].append(_claim(row))
    return [nodes[k] for k in sorted(nodes)], [edges[k] for k in sorted(edges)]


def write_graph_page(store: GraphStore, path: str | Path, *, title: str = "Foreign-policy knowledge graph") -> Path:
    nodes, edges = project(store)
    return write_page(nodes, edges, path, title=title)
