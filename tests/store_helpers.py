"""Helpers for tests that compare stores graph by graph (test_incremental.py, test_export.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from kg.rdf.mapping import ACTORS_GRAPH, BASE
from kg.store import GraphStore

FP = Namespace("https://w3id.org/fpkg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
KG = Namespace(BASE)


def dataset(out: Path) -> dict[str, Graph]:
    """Every named graph of the store under ``out`` by IRI (a str), read from the store itself."""
    store = GraphStore(out, read_only=True)
    return {g: Graph().parse(data=store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)),
                             format="nt") for g in store.graphs()}


def graph_iri(path: str) -> str:
    """The key of a :func:`dataset` entry: ``graph_iri("graph/article/x")``."""
    return BASE + path


def assert_same(a: dict[str, Graph], b: dict[str, Graph]) -> None:
    assert sorted(a) == sorted(b)
    for iri, graph in a.items():
        assert isomorphic(graph, b[iri]), iri


def union(graphs: dict[str, Graph], only: list[str] | None = None) -> Graph:
    merged = Graph()
    for iri, graph in graphs.items():
        if only is None or iri in only:
            merged += graph
    return merged


def one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def claims(graphs: dict[str, Graph]) -> set[URIRef]:
    return {c for g in graphs.values() for c in g.subjects(RDF.type, FP.Claim)}


def is_actor(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith((BASE + "actor/", BASE + "topic/"))


def _reachable(actors: Graph, start: set) -> set:
    """Actors and topics reachable from ``start`` through the actors graph (unitOf, about, memberOf)."""
    reachable, frontier = set(start), list(start)
    while frontier:
        for o in actors.objects(frontier.pop(), None):
            if is_actor(o) and o not in reachable:
                reachable.add(o)
                frontier.append(o)
    return reachable


def assert_consistent(graphs: dict[str, Graph]) -> None:
    """No orphan claims, actors or topics, no dangling references, one label and type per actor, and
    no membership without the ROLE claim it comes from."""
    actors = graphs[ACTORS_GRAPH.value]
    articles = {iri: g for iri, g in graphs.items() if "/graph/article/" in iri}
    for iri, g in graphs.items():  # every claim lives in its article's graph and derives from that article
        for claim in g.subjects(RDF.type, FP.Claim):
            assert iri in articles, (iri, claim)
            assert list(g.objects(claim, PROV.wasDerivedFrom)) == [KG["article/" + iri.rsplit("/", 1)[1]]]
    referenced = {t for g in articles.values() for s, _, o in g for t in (s, o) if is_actor(t)}
    described = set(actors.subjects(RDFS.label, None))
    orphans = described - _reachable(actors, referenced)
    assert not orphans, f"orphans: {sorted(orphans)}"
    used = {t for g in graphs.values() for s, _, o in g for t in (s, o) if is_actor(t)}
    assert used <= described, f"dangling: {sorted(used - described)}"
    for node in described:
        assert len(list(actors.objects(node, RDFS.label))) == 1 and len(list(actors.objects(node, RDF.type))) == 1
    roles = {(one(g, c, FP.subject), one(g, c, FP.object)) for g in articles.values()
             for c in g.subjects(FP.relation, FP.ROLE)}
    assert set(actors.subject_objects(ORG.memberOf)) <= roles
