"""Views of the claims: which claims, at which level, around whom, and how many nodes.

:func:`make_view` turns a :class:`~kg.viz.claims.ClaimSet` into the page's nodes and edges:

1. filter claims by article date, relation type and polarity;
2. ``level="state"`` rolls officials and government bodies up to the state or organisation they
   belong to (``org:memberOf``, ``org:unitOf``); claims that then join an actor to itself (an
   official's ROLE in their own state) are folded away; ``level="full"`` keeps every actor;
3. aggregate the claims between the same two ends with the same polarity into one edge and keep
   the edges with at least ``min_claims`` claims;
4. ``focus``: the ego network within ``hops`` steps of one actor (over edges with an asserted claim);
5. ``max_nodes``: the nodes with the most neighbours; the rest are counted in the view's summary.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from dataclasses import dataclass, field

from kg.errors import KgError
from kg.rdf.mapping import DIRECT_PREDICATE
from kg.viz.claims import ROLLED_UP_KINDS, ClaimRow, ClaimSet

LEVELS = ("state", "full")
POLARITIES = ("positive", "negative", "neutral")
DEFAULT_MAX_NODES = 5000
RELATIONS = frozenset(DIRECT_PREDICATE)
_OMITTED_EXAMPLES = 5


class ViewError(KgError):
    """A view cannot be made: unknown actor, level, relation or polarity, or bad bounds."""


@dataclass(frozen=True)
class ViewOptions:
    """What to draw. Empty ``relations``/``polarities`` mean all; ``max_nodes=None`` means no limit."""

    level: str = "state"
    focus: str | None = None
    hops: int = 1
    since: dt.date | None = None
    until: dt.date | None = None
    relations: frozenset[str] = frozenset()
    polarities: frozenset[str] = frozenset()
    min_claims: int = 1
    max_nodes: int | None = DEFAULT_MAX_NODES

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ViewError(f"unknown level {self.level!r}: use one of {', '.join(LEVELS)}")
        if self.hops < 0 or self.min_claims < 1 or (self.max_nodes is not None and self.max_nodes < 1):
            raise ViewError("hops must be >= 0, min_claims >= 1 and max_nodes >= 1")
        if self.since and self.until and self.since > self.until:
            raise ViewError(f"--since {self.since} is after --until {self.until}")
        object.__setattr__(self, "relations", frozenset(r.upper() for r in self.relations))
        object.__setattr__(self, "polarities", frozenset(p.lower() for p in self.polarities))
        for name, given, known in (("relation type", self.relations, RELATIONS),
                                   ("polarity", self.polarities, POLARITIES)):
            if set(given) - set(known):
                raise ViewError(f"unknown {name} {', '.join(sorted(set(given) - set(known)))}: "
                                f"use {', '.join(sorted(known))}")


@dataclass
class GraphView:
    """Nodes and edges for :func:`kg.viz.page.render_page`, and what was left out."""

    nodes: list[dict]
    edges: list[dict]
    focus: str | None = None  # IRI of the focus actor
    folded_claims: int = 0  # claims joining an actor to itself after the roll-up
    omitted_actors: int = 0  # beyond max_nodes
    omitted_edges: int = 0
    omitted_claims: int = 0
    omitted_examples: list[str] = field(default_factory=list)  # labels of the biggest omitted actors

    @property
    def claims(self) -> int:
        return sum(len(e["claims"]) for e in self.edges)

    def note(self) -> str | None:
        """One sentence on what the view left out, or None."""
        if not self.omitted_actors:
            return None
        examples = ", ".join(self.omitted_examples)
        more = ", ..." if self.omitted_actors > len(self.omitted_examples) else ""
        return (f"{self.omitted_actors} other actors ({self.omitted_edges} edges, {self.omitted_claims} claims) "
                f"not shown: only the {len(self.nodes)} with the most neighbours are drawn "
                f"(the biggest left out: {examples}{more}).")


# --- levels ----------------------------------------------------------------------------------


def rollup_map(claims: ClaimSet) -> dict[str, str]:
    """Official or body IRI -> the state or organisation it rolls up to (through ``parents``)."""
    roots: dict[str, str] = {}

    def root(iri: str, path: frozenset[str]) -> str:
        if iri in roots:
            return roots[iri]
        info = claims.actors.get(iri)
        parents = [p for p in claims.parents.get(iri, []) if p not in path]
        if info is None or info.kind not in ROLLED_UP_KINDS or not parents:
            return iri
        candidates = [root(p, path | {iri}) for p in parents]
        # prefer a parent chain that ends in a state or organisation, then a stable order
        best = min(candidates, key=lambda r: (_kind(claims, r) in ROLLED_UP_KINDS, claims.label(r), r))
        roots[iri] = best
        return best

    for iri in claims.parents:
        root(iri, frozenset())
    return {k: v for k, v in roots.items() if k != v}


def _kind(claims: ClaimSet, iri: str) -> str:
    info = claims.actors.get(iri)
    return info.kind if info else ""


# --- filters ---------------------------------------------------------------------------------


def select_claims(claims: list[ClaimRow], options: ViewOptions) -> list[ClaimRow]:
    """The claims within the dates, relation types and polarities of ``options``."""
    since = options.since.isoformat() if options.since else None
    until = options.until.isoformat() if options.until else None
    relations = options.relations
    out = []
    for c in claims:
        if (since or until) and not c.date:
            continue
        if (since and c.date < since) or (until and c.date > until):
            continue
        if relations and c.relation not in relations:
            continue
        if options.polarities and c.polarity not in options.polarities:
            continue
        out.append(c)
    return out


def leveled(claims: list[ClaimRow], mapping: dict[str, str]) -> tuple[list[ClaimRow], int]:
    """Claims with both ends mapped (officials -> states), and how many became self-loops (dropped)."""
    out, folded = [], 0
    for c in claims:
        s, o = mapping.get(c.subject, c.subject), mapping.get(c.object, c.object)
        if s == o:
            folded += 1
            continue
        out.append(c if (s, o) == (c.subject, c.object) else _moved(c, s, o))
    return out, folded


def _moved(c: ClaimRow, subject: str, obj: str) -> ClaimRow:
    fields = dict(c.__dict__, subject=subject, object=obj)
    return ClaimRow(**fields)


def aggregate(claims: list[ClaimRow], min_claims: int = 1) -> list[dict]:
    """One edge per (subject, object, polarity) with its claims, in a stable order."""
    edges: dict[tuple[str, str, str], dict] = {}
    for c in claims:
        key = (c.subject, c.object, c.polarity)
        edge = edges.setdefault(key, {"source": c.subject, "target": c.object, "polarity": c.polarity,
                                      "claims": []})
        edge["claims"].append(c.for_page())
    return [edges[k] for k in sorted(edges) if len(edges[k]["claims"]) >= min_claims]


# --- focus and size --------------------------------------------------------------------------


def find_actor(claims: ClaimSet, query: str, mapping: dict[str, str] | None = None) -> str:
    """The IRI of the actor named ``query`` (IRI, exact label, or a unique part of a label), mapped
    through ``mapping`` (the roll-up) when given."""
    q = query.strip().casefold()
    if not q:
        raise ViewError("empty actor name")
    actors = sorted(claims.actors.values(), key=lambda a: (a.kind == "Topic", a.label, a.iri))
    exact = [a for a in actors if a.iri == query.strip() or a.label.casefold() == q]
    partial = [a for a in actors if q in a.label.casefold()]
    if not exact and len(partial) > 1:
        names = ", ".join(sorted({a.label for a in partial})[:8])
        raise ViewError(f"{query!r} matches several actors: {names}; give the full name")
    if not exact and not partial:
        raise ViewError(f"no actor {query!r} in the graph")
    iri = (exact or partial)[0].iri
    return (mapping or {}).get(iri, iri)


def ego_edges(edges: list[dict], center: str, hops: int) -> list[dict]:
    """The edges among the nodes within ``hops`` steps of ``center`` (steps over asserted claims)."""
    neighbours: dict[str, set[str]] = {}
    for e in edges:
        if any(not c["negated"] for c in e["claims"]):
            neighbours.setdefault(e["source"], set()).add(e["target"])
            neighbours.setdefault(e["target"], set()).add(e["source"])
    seen, queue = {center: 0}, deque([center])
    while queue:
        node = queue.popleft()
        if seen[node] == hops:
            continue
        for other in sorted(neighbours.get(node, ())):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return [e for e in edges if e["source"] in seen and e["target"] in seen]


def degrees(edges: list[dict]) -> Counter:
    """Number of distinct neighbours of each node (direction and polarity ignored)."""
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    return Counter(end for pair in pairs for end in pair)


def make_view(claims: ClaimSet, options: ViewOptions = ViewOptions()) -> GraphView:
    """The nodes and edges to draw for ``options`` (see the module docstring)."""
    mapping = rollup_map(claims) if options.level == "state" else {}
    rows, folded = leveled(select_claims(claims.claims, options), mapping)
    edges = aggregate(rows, options.min_claims)
    focus = None
    if options.focus is not None:
        focus = find_actor(claims, options.focus, mapping)
        if not any(focus in (e["source"], e["target"]) for e in edges):
            raise ViewError(f"{claims.label(focus)!r} has no claims in this view")
        edges = ego_edges(edges, focus, options.hops)
    view = GraphView([], edges, focus=focus, folded_claims=folded)
    ids = {e[end] for e in edges for end in ("source", "target")} | ({focus} if focus else set())
    ids = _keep_top(view, claims, ids, options.max_nodes)
    view.nodes = _nodes(ids, claims, mapping)
    return view


def _keep_top(view: GraphView, claims: ClaimSet, ids: set[str], max_nodes: int | None) -> set[str]:
    """The ``max_nodes`` nodes with the most neighbours (the focus first); drops the other edges.
    A node kept for its degree stays even when every neighbour of it was left out."""
    if max_nodes is None or len(ids) <= max_nodes:
        return ids
    degree = degrees(view.edges)
    ranked = sorted(ids, key=lambda n: (n != view.focus, -degree[n], claims.label(n), n))
    keep = set(ranked[:max_nodes])
    dropped = [e for e in view.edges if e["source"] not in keep or e["target"] not in keep]
    view.edges = [e for e in view.edges if e["source"] in keep and e["target"] in keep]
    view.omitted_actors = len(ids) - len(keep)
    view.omitted_edges = len(dropped)
    view.omitted_claims = sum(len(e["claims"]) for e in dropped)
    view.omitted_examples = [claims.label(n) for n in ranked[max_nodes:max_nodes + _OMITTED_EXAMPLES]]
    return keep


def _nodes(ids: set[str], claims: ClaimSet, mapping: dict[str, str]) -> list[dict]:
    members: dict[str, list[str]] = {}
    for child, parent in mapping.items():
        if parent in ids:
            members.setdefault(parent, []).append(claims.label(child))
    out = []
    for iri in sorted(ids):
        info = claims.actors.get(iri)
        node = {"id": iri, "label": info.label if info else iri, "kind": info.kind if info else "Other"}
        if iri in members:
            node["members"] = sorted(members[iri])
        out.append(node)
    return out

