"""``kg export``: every RDF format round-trips (rdflib and Jena riot) to the store's dataset (quad
formats) or to the union of its graphs (triple formats); --graph, --truthy; GraphML/GEXF through
networkx; the Neo4j CSV pair; errors; writing in constant Python memory.
"""

from __future__ import annotations

import csv
import json
import os
import tracemalloc
from pathlib import Path

import hostile
import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import write_articles
from jena import Jena, JenaUnavailable, problems
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from store_helpers import FP, KG, assert_same, dataset, union
from typer.testing import CliRunner

from kg import queries
from kg.build import build
from kg.cli import app
from kg.errors import StoreError
from kg.export import EDGE_HEADER, NODE_HEADER, RDF_FORMATS, export, rdf_stream
from kg.rdf.mapping import ACTORS_GRAPH, BASE, DIRECT_PREDICATE, article_graph
from kg.store import GraphStore

pytestmark = [  # rdflib's own TriG/N-Quads parsers use its deprecated APIs
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "xml": "xml", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = ("trig", "nq", "jsonld")
TRIPLE_FORMATS = ("ttl", "nt", "xml")
ARTICLES = {
    "taiwan.txt": (" date 2026-03-01 China Warns Taiwan\nBy Test Desk\n\n"
                   "China criticized Taiwan over the drills on Monday, Chinese Foreign Ministry spokesperson "
                   "Mao Ning said.\n\nThe United States supported Taiwan.\n"),
    "aegean.txt": (" date 2026-03-02 Türkiye And Greece Trade Words\nBy Test Desk\n\n"
                   "Turkey criticized Greece over new drilling plans on Monday, Turkish Foreign Minister Hakan "
                   "Fidan said.\n\nChina criticized Taiwan again. Athens rejected the “claims” about Zelenskyy’s "
                   "plan. Russia did not criticize China.\n"),
}
ODD_ID = "wire 7/β"  # an id that needs escaping in the graph IRI


# --- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, extractor) -> Path:
    root = tmp_path_factory.mktemp("export")
    inputs = write_articles(root / "in", ARTICLES)
    (inputs / "wire.jsonl").write_text(json.dumps({"id": ODD_ID, "date": "2026-03-04", "title": "Wire",
                                                   "text": "Japan supported the Philippines."}) + "\n")
    hostile.write_hostile(root / "hostile")
    report = build([inputs, root / "hostile"], root / "out", extractor=extractor, html=False)
    assert report.skipped == [] and len(report.added) == 4
    return root / "out"


@pytest.fixture(scope="module")
def store_graphs(store_dir) -> dict[str, Graph]:
    return dataset(store_dir)


@pytest.fixture(scope="module")
def jena(tmp_path_factory) -> Jena:
    try:
        jena = Jena(tmp_path_factory.mktemp("jena"))
    except JenaUnavailable as exc:
        pytest.skip(f"Jena riot needs java and the Debian Jena jars (libapache-jena-java): {exc}")
    # Debian's Jena 4.5 reads JSON-LD 1.1 with Titanium, which finds no jakarta.json provider here;
    # its JSON-LD 1.0 reader (jsonld-java) works once httpclient-cache is on the classpath.
    cache = Path("/usr/share/java/httpclient-cache.jar")
    if cache.is_file():
        jena.classpath += os.pathsep + str(cache)
    return jena


def parse_dataset(path: Path, fmt: str) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(path, format=RDFLIB_FORMAT[fmt])
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0
    return {str(g.identifier): g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}


def run(*args: object):
    return CliRunner().invoke(app, ["export", *map(str, args)], catch_exceptions=False)


def riot(jena: Jena, path: Path, fmt: str) -> None:
    syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
    result = jena.run("riotcmd.riot", *syntax, "--validate", str(path))
    assert result.returncode == 0 and problems(result) == [], result.stderr


def truthy_expected(graphs: dict[str, Graph], only: list[str] | None = None) -> dict[str, Graph]:
    """Direct edges per graph, plus the labels and types of their ends in the actors graph."""
    direct = {URIRef(str(p)) for p in DIRECT_PREDICATE.values()}
    out, ends = {}, set()
    for iri, g in graphs.items():
        if only is not None and iri not in only:
            continue
        edges = Graph()
        for s, p, o in g:
            if p in direct:
                edges.add((s, p, o))
                ends |= {s, o}
        if len(edges):
            out[iri] = edges
    labels = Graph()
    for s, p, o in graphs[ACTORS_GRAPH.value]:
        if s in ends and p in (RDFS.label, RDF.type):
            labels.add((s, p, o))
    out.setdefault(ACTORS_GRAPH.value, Graph())
    out[ACTORS_GRAPH.value] += labels
    return out


# --- RDF round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_round_trip_to_the_dataset(store_dir, store_graphs, tmp_path, jena, fmt):
    path = tmp_path / f"graph.{fmt}"
    result = run(store_dir, "--format", fmt, "-o", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {path}"
    assert_same(parse_dataset(path, fmt), store_graphs)
    riot(jena, path, fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_round_trip_to_the_union(store_dir, store_graphs, tmp_path, jena, fmt):
    path = tmp_path / f"graph.{fmt}"
    assert run(store_dir, "--format", fmt, "-o", path).exit_code == 0
    assert isomorphic(Graph().parse(path, format=RDFLIB_FORMAT[fmt]), union(store_graphs))
    riot(jena, path, fmt)


def test_union_writes_each_triple_once(store_dir, store_graphs, tmp_path):
    path = tmp_path / "graph.nt"
    export(store_dir, "nt", path)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(lines) == len(set(lines)) == len(union(store_graphs))
    shared = (KG["actor/china"], FP.criticizes, KG["actor/taiwan"])  # in two article graphs
    assert sum(1 for g in store_graphs.values() if shared in g) == 2


@pytest.mark.parametrize("fmt", ["nq", "ttl", "jsonld"])
def test_stdout_is_the_same_bytes_as_the_file(store_dir, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    export(store_dir, fmt, path)
    result = run(store_dir, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == path.read_bytes()
    assert "Türkiye".encode("utf-8") in result.stdout_bytes


# --- --graph and --truthy --------------------------------------------------------------------


def test_graph_picks_named_graphs(store_dir, store_graphs, tmp_path):
    picked = [article_graph(ODD_ID).value, ACTORS_GRAPH.value]
    assert picked[0] in store_graphs  # (the id is escaped in the IRI)
    result = run(store_dir, "--format", "trig", "--graph", picked[0], "-g", picked[1], "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    assert_same(parse_dataset(tmp_path / "g.trig", "trig"), {g: store_graphs[g] for g in picked})
    for fmt in ("ttl", "xml"):
        path = tmp_path / f"g.{fmt}"
        export(store_dir, fmt, path, graphs=picked)
        assert isomorphic(Graph().parse(path, format=RDFLIB_FORMAT[fmt]), union(store_graphs, picked))


def test_unknown_graph_exits_2(store_dir, tmp_path):
    result = run(store_dir, "--format", "nq", "--graph", BASE + "graph/article/nope", "-o", tmp_path / "x.nq")
    assert result.exit_code == 2 and "no such graph" in result.stderr and "graph/article/nope" in result.stderr
    assert not (tmp_path / "x.nq").exists()


def test_truthy_keeps_direct_edges_and_their_ends(store_dir, store_graphs, tmp_path, jena):
    expected = truthy_expected(store_graphs)
    assert len(expected) > 2 and len(expected[ACTORS_GRAPH.value]) > 0
    export(store_dir, "nq", tmp_path / "t.nq", truthy=True)
    assert_same(parse_dataset(tmp_path / "t.nq", "nq"), expected)
    export(store_dir, "ttl", tmp_path / "t.ttl", truthy=True)
    truthy = Graph().parse(tmp_path / "t.ttl", format="turtle")
    assert isomorphic(truthy, union(expected))
    assert not list(truthy.subjects(RDF.type, FP.Claim))
    riot(jena, tmp_path / "t.ttl", "ttl")
    negated = (KG["actor/russia"], FP.criticizes, KG["actor/china"])  # "Russia did not criticize China."
    assert negated not in truthy


def test_truthy_with_graph(store_dir, store_graphs, tmp_path):
    picked = [article_graph("taiwan").value]
    export(store_dir, "nt", tmp_path / "t.nt", graphs=picked, truthy=True)
    assert isomorphic(Graph().parse(tmp_path / "t.nt", format="nt"), union(truthy_expected(store_graphs, picked)))


# --- property graphs -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def expected_counts(store_dir) -> tuple[int, int]:
    store = GraphStore(store_dir, read_only=True)
    actors = {q.subject for q in store.store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None,
                                                                ACTORS_GRAPH)}
    _, rows = queries.rows(store.query("SELECT ?c WHERE { ?c a <https://w3id.org/fpkg/ontology#Claim> }"))
    return len(actors), len(rows)


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_in_networkx(store_dir, tmp_path, expected_counts, fmt, read):
    path = tmp_path / f"graph.{fmt}"
    assert run(store_dir, "--format", fmt, "-o", path).exit_code == 0
    graph = read(path)
    assert graph.is_directed() and graph.is_multigraph()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected_counts
    china = graph.nodes[str(KG["actor/china"])]
    assert (china["label"], china["kind"]) == ("China", "State")
    edges = [d for _, o, d in graph.edges(str(KG["actor/china"]), data=True) if o == str(KG["actor/taiwan"])]
    assert {e["relation"] for e in edges} == {"ACCUSE", "THREATEN"}  # "criticized" twice; "China Warns Taiwan"
    edges = [e for e in edges if e["relation"] == "ACCUSE"]
    assert len(edges) == 2 and {e["article"] for e in edges} == {"taiwan", "aegean"}
    for edge in edges:
        assert (edge["relation"], edge["polarity"], edge["negated"], edge["hedged"]) == ("ACCUSE", "negative",
                                                                                      False, False)
        assert edge["evidence"].startswith("China criticized Taiwan") and edge["date"].startswith("2026-03-0")
    hostile_edges = [d for _, _, d in graph.edges(data=True) if d["article"] == hostile.ID]
    assert any(hostile.SCRIPT in d["evidence"] for d in hostile_edges)  # text kept as text


def test_truthy_property_graph_keeps_asserted_claims(store_dir, tmp_path, expected_counts):
    export(store_dir, "graphml", tmp_path / "t.graphml", truthy=True)
    graph = nx.read_graphml(tmp_path / "t.graphml")
    assert graph.number_of_nodes() == expected_counts[0]
    assert 0 < graph.number_of_edges() < expected_counts[1]
    assert not any(d["negated"] for _, _, d in graph.edges(data=True))


def test_neo4j_csv_pair(store_dir, tmp_path, expected_counts):
    target = tmp_path / "neo4j"
    result = run(store_dir, "--format", "csv", "-o", target)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["edges.csv", "nodes.csv"]
    with (target / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.reader(fh))
    with (target / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.reader(fh))
    assert nodes[0] == NODE_HEADER and edges[0] == EDGE_HEADER
    assert any(h.endswith(":ID") for h in nodes[0]) and ":LABEL" in nodes[0]
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(edges[0])
    ids = [row[0] for row in nodes[1:]]
    assert len(ids) == len(set(ids)) == expected_counts[0]
    assert len(edges) - 1 == expected_counts[1]
    col = {name: i for i, name in enumerate(edges[0])}
    for row in edges[1:]:
        assert row[col[":START_ID"]] in ids and row[col[":END_ID"]] in ids
        assert row[col[":TYPE"]] == row[col["relation"]] and row[col[":TYPE"]].isupper()
        assert row[col["negated:boolean"]] in ("true", "false") and row[col["hedged:boolean"]] in ("true", "false")
    labels = {row[0]: row[-1] for row in nodes[1:]}
    assert labels[str(KG["actor/china"])] == "Actor;State"
    assert all(v == "Topic" for k, v in labels.items() if "/topic/" in k)


def test_csv_needs_an_output_directory(store_dir):
    result = run(store_dir, "--format", "csv")
    assert result.exit_code == 2 and "-o DIR" in result.stderr


def test_help_documents_the_neo4j_import(store_dir):
    result = CliRunner().invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Example: kg export" in text and "neo4j-admin database import" in text
    for header in (":ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE"):
        assert header in text


# --- errors and safety -----------------------------------------------------------------------


def test_missing_store_exits_2(tmp_path):
    result = run(tmp_path / "nothing-here", "--format", "ttl", "-o", tmp_path / "x.ttl")
    assert result.exit_code == 2 and "no graph store here" in result.stderr
    assert not (tmp_path / "x.ttl").exists() and not (tmp_path / "nothing-here").exists()


def test_bad_format_exits_2(store_dir, tmp_path):
    result = run(store_dir, "--format", "rdfa", "-o", tmp_path / "x")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_failed_export_keeps_the_old_file(store_dir, tmp_path, monkeypatch):
    path = tmp_path / "graph.nq"
    path.write_bytes(b"old\n")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ox, "serialize", broken)
    with pytest.raises(StoreError, match="No space left"):
        export(store_dir, "nq", path, graphs=[ACTORS_GRAPH.value])
    assert path.read_bytes() == b"old\n" and [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


# --- streaming -------------------------------------------------------------------------------


def test_export_streams_in_constant_python_memory(tmp_path):
    """Exporting 20 graphs of 1,000 quads allocates a small fraction of what the quads take as Python objects."""
    out = tmp_path / "big"
    store = GraphStore(out)
    ex = "http://example.org/"
    store.store.bulk_extend([ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p{i % 7}"),
                                     ox.Literal(f"value {i} " * 4), ox.NamedNode(f"{ex}g{i % 20}"))
                             for i in range(20_000)])
    store.add([ox.Quad(ox.NamedNode(f"{ex}shared"), ox.NamedNode(f"{ex}p"), ox.Literal("x"), ox.NamedNode(f"{ex}g{g}"))
               for g in range(20)])
    store.flush()
    del store
    reader = GraphStore(out, read_only=True)
    graphs = reader.graphs()
    stream = rdf_stream(reader, [ox.NamedNode(g) for g in graphs], triples=True, truthy=False)
    assert hasattr(stream, "__next__") and not isinstance(stream, (list, tuple))  # lazy, not materialised
    tracemalloc.start()
    materialised = list(reader.store)
    _, baseline = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del materialised
    for fmt, picked in (("nq", graphs), ("nt", None), ("ttl", graphs), ("jsonld", graphs)):
        tracemalloc.start()
        export(out, fmt, tmp_path / f"big.{fmt}", graphs=picked)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < baseline / 20, (fmt, peak, baseline)
    assert (tmp_path / "big.nt").read_bytes().count(b"\n") == 20_001  # the triple in all 20 graphs, once
    assert (tmp_path / "big.nq").read_bytes().count(b"\n") == 20_020
    assert set(RDF_FORMATS) == {"ttl", "trig", "nq", "nt", "jsonld", "xml"}
