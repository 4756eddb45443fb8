"""kg.build.build end to end: outputs, idempotence, failure safety, the claim contract, RDF validity.

External checkers: ``rapper`` (raptor2-utils), Apache Jena's ``riot`` (tests/jena.py) and pyshacl.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from decimal import Decimal
from pathlib import Path

import hostile
import pytest
from conftest import write_articles
from jena import Jena, JenaUnavailable, problems
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.build import build
from kg.errors import StoreError
from kg.ingest import read_inputs
from kg.rdf.mapping import BASE, DIRECT_PREDICATE
from kg.records import Article
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "ontologies" / "shapes.ttl"
FP = Namespace("https://w3id.org/fpkg/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # (rdflib.XSD warns when pytest probes it)
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
KG = Namespace(BASE)
OUTPUTS = ["graph.html", "graph.trig", "graph.ttl", "store"]

pytestmark = [  # rdflib's own TriG parser uses its deprecated APIs
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]
needs_rapper = pytest.mark.skipif(shutil.which("rapper") is None,
                                  reason="`rapper` not installed (apt-get install raptor2-utils)")


# --- helpers ---------------------------------------------------------------------------------


def named_graphs(out: Path) -> dict[str, Graph]:
    """graph.trig's named graphs by IRI (parsed with rdflib); the default graph must be empty."""
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    graphs = {str(g.identifier): g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID}
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0
    return graphs


def union(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for g in graphs.values():
        merged += g
    return merged


def claims_of(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, FP.Claim))


def one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def articles_in(directory: Path) -> dict[str, Article]:
    return {a.id: a for a in read_inputs([directory]) if isinstance(a, Article)}


def assert_same_dataset(a: dict[str, Graph], b: dict[str, Graph]) -> None:
    assert sorted(a) == sorted(b)
    for iri in a:
        assert isomorphic(a[iri], b[iri]), iri


def leftovers(out: Path) -> list[str]:
    """Anything in the output directory besides the four outputs (temporary files, partial writes)."""
    return sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS)


def rapper(path: Path, syntax: str) -> int:
    """Parse with ``rapper -c``; return the number of triples it counted."""
    run = subprocess.run(["rapper", "-c", "-i", syntax, str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower() and "warning" not in run.stderr.lower(), run.stderr
    return int(re.search(r"Parsing returned (\d+) triples", run.stderr).group(1))


@pytest.fixture(scope="module")
def graphs(built) -> dict[str, Graph]:
    return named_graphs(built)


@pytest.fixture(scope="module")
def merged(graphs) -> Graph:
    return union(graphs)


@pytest.fixture(scope="module")
def source_articles(built) -> dict[str, Article]:
    return articles_in(built.parent / "articles")


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory, extractor) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    report = build([hostile.write_hostile(root / "in")], root / "out", extractor=extractor)
    assert report.built == [hostile.ID] and report.skipped == []
    assert report.claims >= 1
    return root / "out"


@pytest.fixture(scope="session")
def jena(tmp_path_factory) -> Jena:
    try:
        return Jena(tmp_path_factory.mktemp("jena"))
    except JenaUnavailable as exc:
        pytest.skip(f"Jena riot needs java and the Debian Jena jars (libapache-jena-java): {exc}")


# --- outputs, idempotence, failures ----------------------------------------------------------


def test_outputs_exist(built):
    assert sorted(p.name for p in built.iterdir()) == OUTPUTS  # and no temporary files
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (built / name).stat().st_size > 0
    assert any((built / "store").iterdir())
    assert (built / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_counts(tmp_path, extractor):
    report = build([write_articles(tmp_path / "in")], tmp_path / "out", extractor=extractor, html=False)
    assert report.built == ["01_summit", "02_quiet"] and report.skipped == []
    assert report.out_dir == str(tmp_path / "out")
    g = union(named_graphs(tmp_path / "out"))
    assert report.claims == len(claims_of(g)) > 0
    assert report.triples == len(GraphStore(tmp_path / "out", read_only=True))
    assert not (tmp_path / "out" / "graph.html").exists()


def test_rebuild_is_idempotent(tmp_path, extractor, built):
    arts = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    first = build([arts], out, extractor=extractor)
    before = named_graphs(out)
    trig, ttl = (out / "graph.trig").read_bytes(), (out / "graph.ttl").read_bytes()
    second = build([arts], out, extractor=extractor)
    after = named_graphs(out)
    assert_same_dataset(before, after)
    assert claims_of(union(before)) == claims_of(union(after))  # the same claim IRIs
    assert (first.built, first.added, first.unchanged) == (["01_summit", "02_quiet"],) * 2 + ([],)
    assert (second.built, second.claims, second.triples) == ([], 0, first.triples)  # incremental: nothing parsed
    assert second.unchanged == first.built and second.nothing_to_do
    assert (out / "graph.trig").read_bytes() == trig and (out / "graph.ttl").read_bytes() == ttl
    assert_same_dataset(after, named_graphs(built))  # and a fresh build elsewhere gives the same
    assert leftovers(out) == []


def test_failed_inputs_keep_what_was_good(tmp_path, extractor, monkeypatch):
    arts = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    build([arts], out, extractor=extractor)
    good = named_graphs(out)
    empty = tmp_path / "bad" / "empty.txt"
    empty.parent.mkdir()
    empty.write_text("")
    broken = tmp_path / "bad" / "wire.jsonl"
    broken.write_text('{"id": "w1", "text": \n')

    # 1. bad inputs next to the good ones: reported, skipped, nothing else changes
    report = build([arts, empty, broken], out, extractor=extractor)
    assert report.built == [] and report.unchanged == ["01_summit", "02_quiet"]  # (incremental: not parsed again)
    assert report.skipped == [f"{empty}: empty file", f"{broken}:1: invalid JSON: Expecting value (column 22)"]
    assert_same_dataset(good, named_graphs(out))
    assert leftovers(out) == []

    # 2. only bad inputs: the articles built before are still there
    report = build([empty], out, extractor=extractor)
    assert report.built == [] and len(report.skipped) == 1
    assert_same_dataset(good, named_graphs(out))

    # 3. extraction fails for one article: it is reported and its previous graph is kept
    #    (the article is edited so that the incremental build parses it again)
    import kg.build

    real = kg.build.extract_article

    def flaky(article, *args, **kwargs):
        if article.id == "01_summit":
            raise ValueError("boom")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(kg.build, "extract_article", flaky)
    summit = arts / "01_summit.txt"
    summit.write_text(summit.read_text(encoding="utf-8") + "\nGreece criticized Turkey.\n", encoding="utf-8")
    report = build([arts], out, extractor=extractor)
    assert report.built == [] and report.unchanged == ["02_quiet"]
    assert report.skipped == [f"{arts / '01_summit.txt'}: extraction failed: boom"]
    assert_same_dataset(good, named_graphs(out))
    monkeypatch.undo()

    # 4. writing an output fails: every file keeps its old content, no temporary file is left
    files = {name: (out / name).read_bytes() for name in ("graph.trig", "graph.ttl", "graph.html")}

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises((OSError, StoreError), match="No space left"):
        build([arts], out, extractor=extractor)
    monkeypatch.undo()
    assert {name: (out / name).read_bytes() for name in files} == files
    assert leftovers(out) == []


def test_output_files_share_one_mode(built):
    modes = {name: stat.S_IMODE((built / name).stat().st_mode) for name in ("graph.trig", "graph.ttl", "graph.html")}
    assert len(set(modes.values())) == 1, modes


# --- the graphs and the claim contract -------------------------------------------------------


def test_one_named_graph_per_article_plus_actors_and_ontology(built, graphs):
    expected = {KG["graph/article/01_summit"], KG["graph/article/02_quiet"], KG["graph/actors"], KG["graph/ontology"]}
    assert set(graphs) == {str(g) for g in expected}
    assert GraphStore(built, read_only=True).graphs() == sorted(graphs)
    ontology, actors = graphs[str(KG["graph/ontology"])], graphs[str(KG["graph/actors"])]
    assert (FP.Claim, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology
    assert not claims_of(ontology) and not claims_of(actors)
    for iri, g in graphs.items():  # each article's claims and metadata live in its own graph
        if "/graph/article/" in iri:
            article_id = iri.rsplit("/", 1)[1]
            assert set(g.subjects(RDF.type, FP.Article)) == {KG[f"article/{article_id}"]}
            for claim in claims_of(g):
                assert one(g, claim, PROV.wasDerivedFrom) == KG[f"article/{article_id}"]


def test_claims_carry_every_contract_property(graphs, merged, source_articles):
    claims = claims_of(merged)
    assert claims
    for claim in claims:
        article_node = one(merged, claim, PROV.wasDerivedFrom)
        assert (article_node, RDF.type, FP.Article) in merged
        article_id = str(one(merged, article_node, DCT.identifier))
        article = source_articles[article_id]
        assert (claim, RDF.type, FP.Claim) in graphs[str(KG[f"graph/article/{article_id}"])]
        assert one(merged, article_node, DCT.title) == Literal(article.title)
        assert one(merged, article_node, DCT.date) == Literal(article.date, datatype=XSD.date)
        assert one(merged, article_node, DCT.source) == Literal(article.source)

        for end in (FP.subject, FP.object):
            node = one(merged, claim, end)
            assert isinstance(node, URIRef) and str(node).startswith(BASE)
            label = one(merged, node, RDFS.label)
            assert isinstance(label, Literal) and label.datatype in (None, XSD.string) and str(label).strip()
        relation = one(merged, claim, FP.relation)
        assert (relation, RDF.type, FP.RelationType) in merged
        assert str(one(merged, claim, FP.polarity)) in ("positive", "negative", "neutral")
        for flag in (FP.negated, FP.hedged):
            assert one(merged, claim, flag).datatype == XSD.boolean
        confidence = one(merged, claim, FP.confidence)
        assert confidence.datatype == XSD.decimal and Decimal(0) <= confidence.toPython() <= Decimal(1)
        speakers = list(merged.objects(claim, FP.speaker))
        assert len(speakers) <= 1 and all(str(one(merged, s, RDFS.label)).strip() for s in speakers)

        evidence = one(merged, claim, FP.evidence)
        assert evidence.datatype in (None, XSD.string) and str(evidence).strip()
        start, end = one(merged, claim, FP.evidenceStart), one(merged, claim, FP.evidenceEnd)
        assert start.datatype == XSD.integer and end.datatype == XSD.integer
        section = str(one(merged, claim, FP.evidenceSection))
        source = {"body": article.text, "title": article.title}[section]
        assert source[start.toPython():end.toPython()] == str(evidence), claim


def test_asserted_claims_have_direct_edges(graphs):
    for iri, g in graphs.items():
        for claim in claims_of(g):
            s, o = one(g, claim, FP.subject), one(g, claim, FP.object)
            relation = str(one(g, claim, FP.relation)).rsplit("#", 1)[1]
            if not one(g, claim, FP.negated).toPython():
                assert (s, URIRef(str(DIRECT_PREDICATE[relation])), o) in g, (iri, claim)


def label_of(g: Graph, claim, end) -> str:
    return str(one(g, one(g, claim, end), RDFS.label))


def test_negated_claim_has_no_direct_edge(merged):
    negated = [c for c in claims_of(merged) if str(one(merged, c, FP.evidence)).startswith("Beijing did not criticize")]
    assert len(negated) == 1
    claim = negated[0]
    assert (label_of(merged, claim, FP.subject), label_of(merged, claim, FP.object)) == ("China", "NATO")
    assert one(merged, claim, FP.negated) == Literal(True)
    china, nato = one(merged, claim, FP.subject), one(merged, claim, FP.object)
    assert list(merged.predicates(china, nato)) == []  # no fp:criticizes (nor any other edge)
    asserted = [c for c in claims_of(merged) if (label_of(merged, c, FP.subject), label_of(merged, c, FP.object))
                == ("Turkey", "Greece")]
    assert asserted and one(merged, asserted[0], FP.negated) == Literal(False)
    assert list(merged.predicates(one(merged, asserted[0], FP.subject), one(merged, asserted[0], FP.object)))


def test_article_without_actors_has_no_claims(graphs, merged):
    quiet = KG["article/02_quiet"]
    assert list(merged.subjects(PROV.wasDerivedFrom, quiet)) == []
    assert set(graphs[str(KG["graph/article/02_quiet"])].subjects()) == {quiet}


def test_evidence_has_no_surrounding_whitespace(merged):
    evidence = [str(one(merged, c, FP.evidence)) for c in claims_of(merged)]
    assert [e for e in evidence if e != e.strip()] == []


# --- the files parse and validate ------------------------------------------------------------


@needs_rapper
@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_files_parse_with_rapper_and_rdflib(built, name, syntax):
    counted = rapper(built / name, syntax)
    if syntax == "trig":
        assert counted == sum(len(g) for g in named_graphs(built).values()) == len(GraphStore(built, read_only=True))
    else:
        assert counted == len(Graph().parse(built / name, format="turtle"))


def test_union_turtle_is_the_union_of_the_named_graphs(built, merged):
    assert isomorphic(Graph().parse(built / "graph.ttl", format="turtle"), merged)


def test_trig_passes_jena_riot_validate(built, hostile_out, jena, tmp_path):
    result = jena.riot_validate(built / "graph.trig", hostile_out / "graph.trig")
    assert result.returncode == 0 and problems(result) == [], result.stderr
    bad = tmp_path / "bad.trig"  # the helper really validates: a bad literal and a syntax error fail
    bad.write_text('@prefix x: <http://e/> .\nx:g { x:a x:b "12x"^^<http://www.w3.org/2001/XMLSchema#integer> }\n')
    result = jena.riot_validate(bad)
    assert result.returncode != 0 and "12x" in " ".join(problems(result))


def shacl(data: Graph) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl", reason="pyshacl is in the dev extra")
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES, format="turtle"),
                                         inference="none", abort_on_first=False, allow_warnings=False)
    return conforms, text


def test_union_graph_conforms_to_shapes(built):
    data = Graph().parse(built / "graph.ttl", format="turtle")
    conforms, report = shacl(data)
    assert conforms, report
    claim = claims_of(data)[0]  # the shapes do bite: a claim without evidence fails
    data.remove((claim, FP.evidence, None))
    conforms, report = shacl(data)
    assert not conforms and "evidence" in report


# --- hostile text ----------------------------------------------------------------------------


@needs_rapper
def test_hostile_article_parses_with_rapper(hostile_out):
    assert rapper(hostile_out / "graph.trig", "trig") == len(GraphStore(hostile_out, read_only=True))
    assert rapper(hostile_out / "graph.ttl", "turtle") == len(Graph().parse(hostile_out / "graph.ttl"))


def test_hostile_text_is_kept_exactly_as_literals(hostile_out):
    graphs = named_graphs(hostile_out)
    g = graphs[str(KG[f"graph/article/{hostile.ID}"])]
    article = KG[f"article/{hostile.ID}"]
    assert one(g, article, DCT.title) == Literal(hostile.TITLE)
    assert one(g, article, DCT.source) == Literal(hostile.SOURCE)
    evidence = {str(one(g, c, FP.evidence)) for c in claims_of(g)}
    assert evidence and evidence <= set(hostile.SENTENCES), evidence
    assert any(hostile.SCRIPT in e for e in evidence)
    for claim in claims_of(g):  # offsets still slice the text exactly
        start, end = one(g, claim, FP.evidenceStart).toPython(), one(g, claim, FP.evidenceEnd).toPython()
        assert hostile.TEXT[start:end] == str(one(g, claim, FP.evidence))
    ttl = Graph().parse(hostile_out / "graph.ttl", format="turtle")
    assert (article, DCT.title, Literal(hostile.TITLE)) in ttl
    assert isomorphic(ttl, union(graphs))


def test_hostile_shacl(hostile_out):
    conforms, report = shacl(Graph().parse(hostile_out / "graph.ttl", format="turtle"))
    assert conforms, report


def test_the_build_says_what_the_page_left_out(tmp_path, extractor, monkeypatch):
    import kg.viz.project as project
    from kg.viz.views import ViewOptions

    original = project.view_of
    monkeypatch.setattr(project, "view_of", lambda store, options=None: original(store, ViewOptions(max_nodes=2)))
    report = build([write_articles(tmp_path / "in")], tmp_path / "out", extractor=extractor)
    assert report.page_note and "not shown" in report.page_note
