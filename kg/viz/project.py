"""From the store to the page: load the claims, make the view, lay it out if it is big, write it."""

from __future__ import annotations

from pathlib import Path

from kg.store import GraphStore
from kg.viz import layout
from kg.viz.claims import load_claims
from kg.viz.page import write_page
from kg.viz.views import GraphView, ViewOptions, make_view

DEFAULT_TITLE = "Foreign-policy knowledge graph"
# Above this many nodes the positions are computed in Python and the page's physics stays off
# (vis-network's physics took seconds to settle a few hundred nodes, and never settled 1,000).
PHYSICS_MAX_NODES = 150


def view_of(store: GraphStore, options: ViewOptions | None = None) -> GraphView:
    """The view of the store's claims that ``options`` asks for (:func:`kg.viz.views.make_view`)."""
    return make_view(load_claims(store), options or ViewOptions())


def project(store: GraphStore, options: ViewOptions | None = None) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) of that view, for :func:`kg.viz.page.render_page`."""
    view = view_of(store, options)
    return view.nodes, view.edges


def draw(nodes: list[dict], edges: list[dict], path: str | Path, *, title: str = DEFAULT_TITLE,
         note: str | None = None, physics_max_nodes: int = PHYSICS_MAX_NODES) -> Path:
    """Write the page for ``nodes`` and ``edges``; graphs above ``physics_max_nodes`` get Python positions."""
    positions = None
    if len(nodes) > physics_max_nodes:
        positions = layout.positions([n["id"] for n in nodes], [(e["source"], e["target"]) for e in edges])
    return write_page(nodes, edges, path, title=title, positions=positions, note=note)


def write_view_page(store: GraphStore, path: str | Path, options: ViewOptions | None = None, *,
                    title: str = DEFAULT_TITLE) -> GraphView:
    """Write the page of one view of the store and return the view (what it drew and left out)."""
    view = view_of(store, options)
    draw(view.nodes, view.edges, path, title=title, note=view.note())
    return view


def write_graph_page(store: GraphStore, path: str | Path, *, title: str = DEFAULT_TITLE,
                     options: ViewOptions | None = None) -> Path:
    """The page ``kg build`` writes: the default view (state level, top nodes by degree)."""
    write_view_page(store, path, options, title=title)
    return Path(path)
