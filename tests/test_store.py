"""kg.store.GraphStore and atomic_write, on stores in temporary directories."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.errors import QueryError, StoreError
from kg.rdf.gen_namespace import ONTOLOGY_DIR
from kg.rdf.mapping import ACTORS_GRAPH, ONTOLOGY_GRAPH, article_graph, result_quads
from kg.records import Actor, Article, ArticleResult, Claim
from kg.store import GraphStore, atomic_write

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # rdflib's own parsers

EX = "http://example.org/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")
TRICKY = 'say """hi""" \\ "q"\nnext line\r\n<tag> } ; . GRAPH <x> { }\t\\n literal-backslash-n'


def q(s: str, p: str, o, g: ox.NamedNode) -> ox.Quad:
    obj = o if isinstance(o, (ox.Literal, ox.NamedNode)) else ox.NamedNode(EX + o)
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, g)


def triples_of(store: GraphStore, graph: ox.NamedNode) -> set[tuple[str, str, str]]:
    return {(x.subject.value, x.predicate.value, str(x.object))
            for x in store.store.quads_for_pattern(None, None, None, graph)}


def store_dataset(store: GraphStore) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=ox.serialize(store.store, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return ds


def plain(graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for t in graph:
        out.add(t)
    return out


def _sample_result(article_id: str = 'a b/<x>"1') -> ArticleResult:
    ru = Actor("russia", "Russia", "State", wikidata="Q159", iso="RU")
    nato = Actor("nato", "NATO", "InternationalOrganization")
    claim = Claim(article_id, ru, "ACCUSE", nato, "negative", TRICKY, 0, 10, trigger="slammed")
    return ArticleResult(Article(id=article_id, text="x", title=TRICKY, date="2026-01-02"), (ru, nato), (claim,))


def _fill(store: GraphStore) -> None:
    own, shared = result_quads(_sample_result())
    store.replace_graph(own[0].graph_name, own)
    store.add(shared)
    store.load_ontology([ONTOLOGY_DIR / "fp.ttl"])


def test_replace_graph_replaces_only_that_graph(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_graph(G1, [q("a", "p", "b", G1), q("a", "p", "c", G1)])
    store.replace_graph(G2, [q("x", "p", "y", G2)])
    store.replace_graph(G1, [q("a", "p", "d", G1), q("a", "label", ox.Literal(TRICKY), G1)])
    assert triples_of(store, G1) == {(EX + "a", EX + "p", f"<{EX}d>"),
                                     (EX + "a", EX + "label", str(ox.Literal(TRICKY)))}
    assert triples_of(store, G2) == {(EX + "x", EX + "p", f"<{EX}y>")}
    assert sorted(store.graphs()) == [EX + "g1", EX + "g2"]


def test_replace_graph_keeps_text_exactly(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_graph(G1, [q("a", "label", ox.Literal(TRICKY), G1)])
    [(value,)] = [tuple(s) for s in store.query(f"SELECT ?v WHERE {{ <{EX}a> <{EX}label> ?v }}")]
    assert value.value == TRICKY


def test_replace_graph_with_nothing_empties_it(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_graph(G1, [q("a", "p", "b", G1)])
    store.replace_graph(G1, [])
    assert triples_of(store, G1) == set()


def test_rebuilding_an_article_replaces_its_claims(tmp_path):
    store = GraphStore(tmp_path)
    _fill(store)
    result = _sample_result()
    graph = article_graph(result.article.id)
    before = triples_of(store, graph)
    moved = Claim(result.article.id, result.claims[0].subject, "REJECT", result.claims[0].object, "negative",
                  "other", 20, 25)
    own, _ = result_quads(ArticleResult(result.article, result.actors, (moved,)))
    store.replace_graph(graph, own)
    after = triples_of(store, graph)
    assert after != before
    assert not any("criticizes" in p for _, p, _ in after)
    assert any(p.endswith("#rejects") for _, p, _ in after)
    assert len(triples_of(store, ACTORS_GRAPH)) > 0 and len(triples_of(store, ONTOLOGY_GRAPH)) > 100


@pytest.mark.parametrize("kwargs", [{"read_only": True}, {"create": False}])
def test_opening_a_missing_store_without_create_raises(tmp_path, kwargs):
    missing = tmp_path / "no such dir"
    with pytest.raises(StoreError) as info:
        GraphStore(missing, **kwargs)
    assert str(missing) in str(info.value)
    assert not missing.exists()


@pytest.mark.parametrize("sparql", ["SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x ?p ", "SELECT * WHERE { ?s nope:p ?o }"])
def test_malformed_sparql_raises_query_error(tmp_path, sparql):
    store = GraphStore(tmp_path)
    with pytest.raises(QueryError):
        store.query(sparql)


def test_query_sees_named_graphs_as_one_union(tmp_path):
    store = GraphStore(tmp_path)
    store.replace_graph(G1, [q("a", "p", "b", G1)])
    store.replace_graph(G2, [q("b", "p", "c", G2)])
    rows = list(store.query(f"SELECT ?z WHERE {{ <{EX}a> <{EX}p> ?y . ?y <{EX}p> ?z }}"))
    assert [r["z"].value for r in rows] == [EX + "c"]


def test_write_trig_is_parseable_and_isomorphic_per_graph(tmp_path):
    store = GraphStore(tmp_path / "out")
    _fill(store)
    path = store.write_trig(tmp_path / "out" / "graph.trig")
    parsed = rdflib.Dataset()
    parsed.parse(path, format="trig")
    expected = {str(g.identifier): plain(g) for g in store_dataset(store).graphs() if len(g)}
    actual = {str(g.identifier): plain(g) for g in parsed.graphs() if len(g)}
    assert set(actual) == set(expected) == set(store.graphs())
    for name in expected:
        assert isomorphic(actual[name], expected[name]), name


def test_write_union_turtle_is_parseable_and_isomorphic_to_the_union(tmp_path):
    store = GraphStore(tmp_path / "out")
    _fill(store)
    store.replace_graph(G2, [q("a", "p", "b", G2)])
    store.replace_graph(G1, [q("a", "p", "b", G1)])  # the same triple in two graphs: once in the union
    path = store.write_union_turtle(tmp_path / "out" / "graph.ttl")
    parsed = rdflib.Graph().parse(path, format="turtle")
    union = rdflib.Graph()
    for g in store_dataset(store).graphs():
        union += g
    assert len(parsed) == len(union) == len(store) - 1
    assert isomorphic(parsed, union)
    titles = {str(o) for o in parsed.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert titles == {TRICKY}


def test_atomic_write_replaces_the_file(tmp_path):
    path = tmp_path / "sub" / "f.txt"
    atomic_write(path, lambda fh: fh.write(b"one"))
    atomic_write(path, lambda fh: fh.write(b"two"))
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["f.txt"]


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old content")

    def broken(fh):
        fh.write(b"half of the new")
        raise RuntimeError("writer died")

    with pytest.raises(RuntimeError, match="writer died"):
        atomic_write(path, broken)
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary file left behind


def test_data_persists_after_close_and_reopen(tmp_path):
    with GraphStore(tmp_path) as store:
        _fill(store)
        count, graphs = len(store), store.graphs()
    store.close()
    assert count > 100
    reader = GraphStore(tmp_path, read_only=True)
    assert len(reader) == count
    assert reader.graphs() == graphs
    rows = list(reader.query('PREFIX dcterms: <http://purl.org/dc/terms/> '
                             'SELECT ?id WHERE { ?a dcterms:identifier ?id }'))
    assert [r["id"].value for r in rows] == ['a b/<x>"1']
    reader.close()
    writer = GraphStore(tmp_path, create=False)
    writer.replace_graph(G1, [q("a", "p", "b", G1)])
    writer.flush()
    writer.close()
    assert len(GraphStore(tmp_path, read_only=True)) == count + 1


def test_read_only_store_works_as_a_context_manager(tmp_path):
    writer = GraphStore(tmp_path)
    writer.replace_graph(G1, [q("a", "p", "b", G1)])
    writer.flush()
    writer.close()
    with GraphStore(tmp_path, read_only=True) as store:
        assert len(store) == 1


def test_a_corrupt_or_foreign_store_is_a_one_line_error(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("not a manifest\n")
    with pytest.raises(StoreError, match="not a usable graph store"):
        GraphStore(tmp_path)


def test_a_store_in_use_says_so(tmp_path):
    import subprocess
    import sys

    GraphStore(tmp_path).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.store import GraphStore; "
                               f"s = GraphStore({str(tmp_path)!r}); print('open', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            GraphStore(tmp_path)
    finally:
        holder.kill()
        holder.wait()
