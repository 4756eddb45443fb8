"""Export the store for other tools: RDF in six syntaxes, property graphs for Gephi and Neo4j.

RDF is streamed: pyoxigraph serializes the store's quads graph by graph as they are read (or dumps
the whole dataset itself), so memory stays flat however big the store. Quad formats (TriG, N-Quads,
JSON-LD) keep the named graphs; triple formats (Turtle, N-Triples, RDF/XML) write the union of the
picked graphs, each triple once (it is written from the first picked graph that holds it, which a
store lookup tells without remembering what was written).

``truthy`` keeps only the direct edges (the properties ``fp:directPredicate`` names, e.g.
``fp:criticizes``) and the ``rdfs:label``/``rdf:type`` of their ends, for users who want a plain
actor graph.

Property graphs (networkx): nodes are the actors and topics of the actors graph (label, kind,
Wikidata id), edges are claims (relation, polarity, negated, hedged, evidence, article, date,
speaker), written as GraphML, GEXF or a Neo4j-ready CSV pair (``nodes.csv``, ``edges.csv``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from kg import queries
from kg.errors import KgError
from kg.rdf._FP import FP
from kg.rdf.mapping import (
    ACTORS_GRAPH,
    DIRECT_PREDICATE,
    ONTOLOGY_GRAPH,
    OWL_SAME_AS,
    PREFIXES,
    RDF_TYPE,
    RDFS_LABEL,
    article_graph,
)
from kg.store import GraphStore, atomic_write

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
}
PROPERTY_FORMATS = ("graphml", "gexf", "csv")
FORMATS = (*RDF_FORMATS, *PROPERTY_FORMATS)
NODE_HEADER = ["iri:ID", "label", "kind", "wikidata", ":LABEL"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "claim", "relation", "polarity", "negated:boolean",
               "hedged:boolean", "evidence", "article", "date", "speaker"]
_NODES = f"""SELECT ?n ?label ?type ?wikidata WHERE {{ GRAPH {ACTORS_GRAPH} {{
  ?n {RDFS_LABEL} ?label ; {RDF_TYPE} ?type . OPTIONAL {{ ?n {OWL_SAME_AS} ?wikidata }} }} }} ORDER BY ?n"""


class ExportError(KgError):
    """The export cannot be made as asked (unknown format or graph, no output directory)."""


# --- RDF -------------------------------------------------------------------------------------


def pick_graphs(store: GraphStore, graphs: Iterable[str] | None = None) -> list[ox.NamedNode]:
    """The named graphs to export, in order: the ones asked for (each must exist), else all of them."""
    present = store.graphs()
    if not graphs:
        return [ox.NamedNode(g) for g in present]
    asked = list(dict.fromkeys(graphs))
    unknown = [g for g in asked if g not in present]
    if unknown:
        raise ExportError(f"no such graph in {store.out_dir}: {', '.join(unknown)}")
    return [ox.NamedNode(g) for g in asked]


def direct_predicates(store: GraphStore) -> list[ox.NamedNode]:
    """What ``fp:directPredicate`` points to in the store's ontology (the mapping's table if it has none)."""
    found = {q.object for q in store.store.quads_for_pattern(None, ox.NamedNode(str(FP.directPredicate)), None,
                                                              ONTOLOGY_GRAPH)}
    return sorted(found or {ox.NamedNode(str(p)) for p in DIRECT_PREDICATE.values()}, key=str)


def _all_quads(store: GraphStore, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    for graph in graphs:
        yield from store.store.quads_for_pattern(None, None, None, graph)


def _direct_edges(store: GraphStore, graphs: list[ox.NamedNode], ends: set) -> Iterator[ox.Quad]:
    predicates = direct_predicates(store)
    for graph in graphs:
        for predicate in predicates:
            for q in store.store.quads_for_pattern(None, predicate, None, graph):
                ends.update((q.subject, q.object))
                yield q


def _end_descriptions(store: GraphStore, ends: set) -> Iterator[ox.Quad]:
    """rdfs:label and rdf:type of the direct edges' ends, from the actors graph (once the edges are out)."""
    for node in sorted(ends, key=str):
        for predicate in (RDFS_LABEL, RDF_TYPE):
            yield from store.store.quads_for_pattern(node, predicate, None, ACTORS_GRAPH)


def _first_holder(store: GraphStore, quads: Iterable[ox.Quad], graphs: list[ox.NamedNode]) -> Iterator[ox.Triple]:
    """The union of ``quads`` (taken from ``graphs`` in order) as triples, each written once: from the
    first of ``graphs`` that holds it. Constant memory: the store says which graphs hold a triple."""
    if len(graphs) == 1:  # nothing to merge
        yield from (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        return
    rank = {g: i for i, g in enumerate(graphs)}
    for q in quads:
        mine = rank[q.graph_name]
        holders = store.store.quads_for_pattern(q.subject, q.predicate, q.object, None)
        if all(rank.get(h.graph_name, mine) >= mine for h in holders):
            yield ox.Triple(q.subject, q.predicate, q.object)


def rdf_stream(store: GraphStore, graphs: list[ox.NamedNode], *, triples: bool, truthy: bool) -> Iterator:
    """Quads (or, with ``triples``, the union's triples) of ``graphs``, lazily, graph by graph."""
    if not truthy:
        quads = _all_quads(store, graphs)
        return _first_holder(store, quads, graphs) if triples else quads
    ends: set = set()
    edges = _direct_edges(store, graphs, ends)
    if triples:
        edges = _first_holder(store, edges, graphs)
        labels = (ox.Triple(q.subject, q.predicate, q.object) for q in _end_descriptions(store, ends))
    else:
        labels = _end_descriptions(store, ends)
    return chain(edges, labels)  # lazy: ``ends`` is complete when the labels are read


def write_rdf(store: GraphStore, fmt: str, fh: BinaryIO, *, graphs: Iterable[str] | None = None,
              truthy: bool = False) -> None:
    """Serialize the picked graphs (default: all) in ``fmt`` (a key of :data:`RDF_FORMATS`) to ``fh``."""
    rdf_format = RDF_FORMATS[fmt]
    picked = pick_graphs(store, graphs)
    prefixes = None if rdf_format is ox.RdfFormat.JSON_LD else PREFIXES
    if rdf_format.supports_datasets and not graphs and not truthy:
        store.store.dump(fh, rdf_format, prefixes=prefixes)  # the whole dataset, streamed by oxigraph
        return
    stream = rdf_stream(store, picked, triples=not rdf_format.supports_datasets, truthy=truthy)
    ox.serialize(stream, fh, rdf_format, prefixes=prefixes)


# --- property graphs -------------------------------------------------------------------------


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _add_nodes(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    for row in store.store.query(_NODES):
        node = row["n"].value
        if node not in graph:
            wikidata = row["wikidata"]
            graph.add_node(node, label=row["label"].value, kind=_local(row["type"].value),
                           wikidata=_local(wikidata.value) if wikidata is not None else "")


def _add_edges(graph: nx.MultiDiGraph, store: GraphStore, picked: set[str] | None, truthy: bool) -> None:
    names, rows = queries.rows(store.query(queries.load("graph_claims")))
    for values in rows:
        row = dict(zip(names, values))
        if picked is not None and article_graph(row["articleId"]).value not in picked:
            continue
        if truthy and row["negated"] == "true":
            continue
        graph.add_edge(row["s"], row["o"], key=row["claim"], claim=row["claim"], relation=row["relation"],
                       polarity=row["polarity"], negated=row["negated"] == "true", hedged=row["hedged"] == "true",
                       evidence=row["evidence"], article=row["articleId"], date=row["date"] or "",
                       speaker=row["speakerLabel"] or "")


def property_graph(store: GraphStore, *, graphs: Iterable[str] | None = None, truthy: bool = False) -> nx.MultiDiGraph:
    """Every actor and topic as a node; claims as edges (of the picked article graphs; asserted only
    with ``truthy``), keyed by claim IRI."""
    picked = {g.value for g in pick_graphs(store, graphs)} if graphs else None
    graph = nx.MultiDiGraph()
    _add_nodes(graph, store)
    _add_edges(graph, store, picked, truthy)
    return graph


def _neo4j_labels(kind: str) -> str:
    return "Topic" if kind == "Topic" else f"Actor;{kind}"


def _csv_writer(rows: Iterable[list], header: list[str]):
    def write(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        text.flush()
        text.detach()
    return write


def write_neo4j_csv(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """``nodes.csv`` and ``edges.csv`` with ``neo4j-admin database import`` headers, each written atomically."""
    nodes = ([n, d["label"], d["kind"], d["wikidata"], _neo4j_labels(d["kind"])] for n, d in graph.nodes(data=True))
    edges = ([s, o, d["relation"], d["claim"], d["relation"], d["polarity"], str(d["negated"]).lower(),
              str(d["hedged"]).lower(), d["evidence"], d["article"], d["date"], d["speaker"]]
             for s, o, d in graph.edges(data=True))
    return [atomic_write(directory / "nodes.csv", _csv_writer(nodes, NODE_HEADER)),
            atomic_write(directory / "edges.csv", _csv_writer(edges, EDGE_HEADER))]


def write_property_graph(graph: nx.MultiDiGraph, fmt: str, fh: BinaryIO) -> None:
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, fh)


# --- entry point -----------------------------------------------------------------------------


def export(out_dir: str | Path, fmt: str, output: str | Path | None = None, *, graphs: Iterable[str] | None = None,
           truthy: bool = False, stdout: BinaryIO | None = None) -> list[Path]:
    """Export the store under ``out_dir`` in ``fmt`` to ``output`` (written atomically; for ``csv`` a
    directory) or to the binary stream ``stdout``. Returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "csv" and output is None:
        raise ExportError("--format csv writes nodes.csv and edges.csv: give the directory with -o DIR")
    store = GraphStore(out_dir, read_only=True)
    if fmt in RDF_FORMATS:
        pick_graphs(store, graphs)  # unknown graphs fail before anything is written
        write = lambda fh: write_rdf(store, fmt, fh, graphs=graphs, truthy=truthy)  # noqa: E731
    else:
        pgraph = property_graph(store, graphs=graphs, truthy=truthy)
        if fmt == "csv":
            return write_neo4j_csv(pgraph, Path(output))
        write = lambda fh: write_property_graph(pgraph, fmt, fh)  # noqa: E731
    if output is None:
        write(stdout)
        stdout.flush()
        return []
    return [atomic_write(Path(output), write)]
