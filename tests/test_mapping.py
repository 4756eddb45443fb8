"""kg.rdf.mapping: hand-built records -> quads, compared graph by graph with a hand-built rdflib dataset."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
import rdflib
from pyoxigraph import RdfFormat
from rdflib import Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.rdf import gen_namespace
from kg.rdf.mapping import (
    ACTORS_GRAPH,
    BASE,
    article_graph,
    article_iri,
    claim_iri,
    claim_quads,
    result_quads,
)
from kg.records import Actor, Article, ArticleResult, Claim

FP = Namespace(gen_namespace.FP_IRI)
ID = Namespace(BASE)
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace("http://www.wikidata.org/entity/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module attributes

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # rdflib's own parsers

TURKEY = Actor("turkey", "Turkey", "State", wikidata="Q43", iso="TR")
GREECE = Actor("greece", "Greece", "State", wikidata="Q41", iso="GR")
FIDAN = Actor("hakan_fidan", "Hakan Fidan", "Person", wikidata="Q1606324", parent="turkey")
MFA = Actor("turkey_foreign_ministry", "Turkish Foreign Ministry", "GovernmentBody", parent="turkey")
NATO = Actor("nato", "NATO", "InternationalOrganization", wikidata="Q7184")
DRILLING = Actor("drilling_plans", "drilling plans", "Topic", about=("greece",))

TEXT = "Turkey criticized Greece over drilling plans, Fidan said. Turkey did not reject the plans."
EV1 = "Turkey criticized Greece over drilling plans, Fidan said."
EV2 = "Turkey did not reject the plans."


def _article(**kw) -> Article:
    values = dict(id="art-1", text=TEXT, title="Ankara slams Athens", date="2026-02-03", source="Test Desk",
                  url="https://example.org/news/1?id=2#top")
    values.update(kw)
    return Article(**values)


def _claim(**kw) -> Claim:
    values = dict(article_id="art-1", subject=TURKEY, relation="ACCUSE", object=GREECE, polarity="negative",
                  evidence=EV1, start=0, end=len(EV1))
    values.update(kw)
    return Claim(**values)


ACCUSE = _claim(speaker=FIDAN, confidence=0.8, trigger="criticized")
NEGATED = _claim(relation="REJECT", object=DRILLING, evidence=EV2, start=len(EV1) + 1, end=len(TEXT),
                 negated=True, hedged=True, section="body", confidence=1 / 3)
ROLE = _claim(subject=FIDAN, relation="ROLE", object=TURKEY, polarity="neutral", evidence="Foreign Minister Hakan Fidan",
              start=0, end=28, section="title", confidence=0.9)
RESULT = ArticleResult(_article(), actors=(TURKEY, GREECE, FIDAN, MFA, NATO, DRILLING),
                       claims=(ACCUSE, NEGATED, ROLE))


# -- helpers ------------------------------------------------------------------------------------
def to_dataset(quads) -> rdflib.Dataset:
    data = pyoxigraph.serialize(list(quads), format=RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def named_graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    """Graph name -> a plain Graph of its triples (non-empty graphs only)."""
    out = {}
    for g in ds.graphs():
        if len(g):
            plain = rdflib.Graph()
            for t in g:
                plain.add(t)
            out[str(g.identifier)] = plain
    return out


def assert_isomorphic(actual: rdflib.Graph, expected: rdflib.Graph, name: str) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(f"graph {name} differs\n-- only in output:\n{only_actual.serialize(format='nt')}"
                    f"\n-- only in expected:\n{only_expected.serialize(format='nt')}")


def _claim_node(claim: Claim) -> URIRef:
    return URIRef(claim_iri(claim).value)


def expected_article_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    art = ID["article/art-1"]
    g.add((art, RDF.type, FP.Article))
    g.add((art, DCTERMS.identifier, Literal("art-1")))
    g.add((art, DCTERMS.title, Literal("Ankara slams Athens")))
    g.add((art, DCTERMS.date, Literal("2026-02-03", datatype=XSD.date)))
    g.add((art, DCTERMS.source, Literal("Test Desk")))
    g.add((art, FOAF.page, URIRef("https://example.org/news/1?id=2#top")))

    c = _claim_node(ACCUSE)
    for p, o in [(RDF.type, FP.Claim), (FP.subject, ID["actor/turkey"]), (FP.object, ID["actor/greece"]),
                 (FP.relation, FP.ACCUSE), (FP.polarity, Literal("negative")),
                 (FP.negated, Literal("false", datatype=XSD.boolean)),
                 (FP.hedged, Literal("false", datatype=XSD.boolean)), (FP.speaker, ID["actor/hakan_fidan"]),
                 (FP.evidence, Literal(EV1)), (FP.evidenceStart, Literal("0", datatype=XSD.integer)),
                 (FP.evidenceEnd, Literal(str(len(EV1)), datatype=XSD.integer)),
                 (FP.evidenceSection, Literal("body")), (FP.confidence, Literal("0.80", datatype=XSD.decimal)),
                 (FP.trigger, Literal("criticized")), (PROV.wasDerivedFrom, art)]:
        g.add((c, p, o))
    g.add((ID["actor/turkey"], FP.criticizes, ID["actor/greece"]))

    c = _claim_node(NEGATED)
    for p, o in [(RDF.type, FP.Claim), (FP.subject, ID["actor/turkey"]), (FP.object, ID["topic/drilling_plans"]),
                 (FP.relation, FP.REJECT), (FP.polarity, Literal("negative")),
                 (FP.negated, Literal("true", datatype=XSD.boolean)),
                 (FP.hedged, Literal("true", datatype=XSD.boolean)),
                 (FP.evidence, Literal(EV2)), (FP.evidenceStart, Literal(str(len(EV1) + 1), datatype=XSD.integer)),
                 (FP.evidenceEnd, Literal(str(len(TEXT)), datatype=XSD.integer)),
                 (FP.evidenceSection, Literal("body")), (FP.confidence, Literal("0.33", datatype=XSD.decimal)),
                 (PROV.wasDerivedFrom, art)]:
        g.add((c, p, o))  # negated: no fp:rejects edge, no trigger (empty)

    c = _claim_node(ROLE)
    for p, o in [(RDF.type, FP.Claim), (FP.subject, ID["actor/hakan_fidan"]), (FP.object, ID["actor/turkey"]),
                 (FP.relation, FP.ROLE), (FP.polarity, Literal("neutral")),
                 (FP.negated, Literal("false", datatype=XSD.boolean)),
                 (FP.hedged, Literal("false", datatype=XSD.boolean)),
                 (FP.evidence, Literal("Foreign Minister Hakan Fidan")),
                 (FP.evidenceStart, Literal("0", datatype=XSD.integer)),
                 (FP.evidenceEnd, Literal("28", datatype=XSD.integer)),
                 (FP.evidenceSection, Literal("title")), (FP.confidence, Literal("0.90", datatype=XSD.decimal)),
                 (PROV.wasDerivedFrom, art)]:
        g.add((c, p, o))
    g.add((ID["actor/hakan_fidan"], FP.holdsRoleIn, ID["actor/turkey"]))
    return g


def expected_actors_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    turkey, greece, fidan = ID["actor/turkey"], ID["actor/greece"], ID["actor/hakan_fidan"]
    mfa, nato, topic = ID["actor/turkey_foreign_ministry"], ID["actor/nato"], ID["topic/drilling_plans"]
    for t in [
        (turkey, RDF.type, FP.State), (turkey, RDFS.label, Literal("Turkey")), (turkey, OWL.sameAs, WD.Q43),
        (turkey, FP.iso3166Code, Literal("TR")),
        (greece, RDF.type, FP.State), (greece, RDFS.label, Literal("Greece")), (greece, OWL.sameAs, WD.Q41),
        (greece, FP.iso3166Code, Literal("GR")),
        # a person's parent is not written as an org: edge; the ROLE claim adds org:memberOf
        (fidan, RDF.type, FP.Person), (fidan, RDFS.label, Literal("Hakan Fidan")),
        (fidan, OWL.sameAs, WD.Q1606324), (fidan, ORG.memberOf, turkey),
        (mfa, RDF.type, FP.GovernmentBody), (mfa, RDFS.label, Literal("Turkish Foreign Ministry")),
        (mfa, ORG.unitOf, turkey),
        (nato, RDF.type, FP.InternationalOrganization), (nato, RDFS.label, Literal("NATO")),
        (nato, OWL.sameAs, WD.Q7184),
        (topic, RDF.type, FP.Topic), (topic, RDFS.label, Literal("drilling plans")), (topic, FP.about, greece),
    ]:
        g.add(t)
    return g


# -- the whole mapping --------------------------------------------------------------------------
def test_result_quads_match_the_expected_graphs():
    own, shared = result_quads(RESULT)
    assert {q.graph_name for q in own} == {article_graph("art-1")}
    assert {q.graph_name for q in shared} == {ACTORS_GRAPH}
    graphs = named_graphs(to_dataset(own + shared))
    assert set(graphs) == {BASE + "graph/article/art-1", BASE + "graph/actors"}
    assert_isomorphic(graphs[BASE + "graph/article/art-1"], expected_article_graph(), "article")
    assert_isomorphic(graphs[BASE + "graph/actors"], expected_actors_graph(), "actors")


def test_minimal_article_has_no_optional_metadata():
    own, shared = result_quads(ArticleResult(Article(id="bare", text="x")))
    assert shared == []
    art = ID["article/bare"]
    expected = rdflib.Graph()
    expected.add((art, RDF.type, FP.Article))
    expected.add((art, DCTERMS.identifier, Literal("bare")))
    expected.add((art, DCTERMS.title, Literal("")))
    assert_isomorphic(named_graphs(to_dataset(own))[BASE + "graph/article/bare"], expected, "bare article")


def test_output_conforms_to_the_shapes():
    pyshacl = pytest.importorskip("pyshacl")
    own, shared = result_quads(RESULT)
    data = rdflib.Graph()
    for g in named_graphs(to_dataset(own + shared)).values():
        data += g
    data.parse(gen_namespace.ONTOLOGY_DIR / "fp.ttl", format="turtle")
    shapes = rdflib.Graph().parse(gen_namespace.ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report


# -- claim IRIs -----------------------------------------------------------------------------------
def test_claim_iri_is_stable_and_content_derived():
    assert claim_iri(ACCUSE) == claim_iri(_claim(speaker=FIDAN, confidence=0.8, trigger="criticized"))
    assert claim_iri(ACCUSE) == claim_iri(_claim())  # speaker, confidence, trigger do not change identity
    assert re.fullmatch(re.escape(BASE) + r"claim/[0-9a-f]{20}", claim_iri(ACCUSE).value)


@pytest.mark.parametrize("change", [
    {"start": 1}, {"end": len(EV1) - 1}, {"section": "title"}, {"negated": True}, {"relation": "REJECT"},
    {"object": NATO}, {"subject": GREECE}, {"article_id": "art-2"},
])
def test_claim_iri_changes_with_what_and_where(change):
    assert claim_iri(_claim(**change)) != claim_iri(ACCUSE)


# -- direct edges --------------------------------------------------------------------------------
def _direct_edges(quads):
    claim_props = {str(FP[n]) for n in ("subject", "object", "relation", "polarity", "negated", "hedged", "alleged", "speaker",
                                        "evidence", "evidenceStart", "evidenceEnd", "evidenceSection",
                                        "confidence", "trigger")}
    return [q for q in quads if not q.subject.value.startswith(BASE + "claim/")
            and q.predicate.value.startswith(str(FP)) and q.predicate.value not in claim_props]


def test_negated_claim_has_no_direct_edge_and_asserted_has_exactly_one():
    art = article_iri("art-1")
    graph = article_graph("art-1")
    asserted = list(claim_quads(ACCUSE, art, graph))
    negated = list(claim_quads(_claim(negated=True), art, graph))
    assert [(q.subject.value, q.predicate.value, q.object.value) for q in _direct_edges(asserted)] == [
        (BASE + "actor/turkey", str(FP.criticizes), BASE + "actor/greece")]
    assert _direct_edges(negated) == []
    hedged = list(claim_quads(_claim(hedged=True), art, graph))
    assert len(_direct_edges(hedged)) == 1  # hedged is not negated: the edge stays


def test_an_alleged_act_says_so_and_a_plain_one_does_not():
    art, graph = article_iri("art-1"), article_graph("art-1")
    alleged = [q for q in claim_quads(_claim(alleged=True), art, graph) if q.predicate.value == str(FP.alleged)]
    assert [q.object.value for q in alleged] == ["true"]
    assert not [q for q in claim_quads(ACCUSE, art, graph) if q.predicate.value == str(FP.alleged)]


# -- untrusted text ------------------------------------------------------------------------------
NASTY_ID = 'a b/<script>"x'
NASTY_TEXT = 'He said """no""" \\ and \\" then\nline two\r\n<b>bold</b> > < \t tab \u2028 sep "q\'s" end\\'


def test_untrusted_article_id_becomes_a_valid_percent_encoded_iri():
    own, _ = result_quads(ArticleResult(Article(id=NASTY_ID, text="x"), claims=(
        _claim(article_id=NASTY_ID),)))
    iri = article_iri(NASTY_ID).value
    assert iri == BASE + "article/a%20b%2F%3Cscript%3E%22x"
    assert article_graph(NASTY_ID).value == BASE + "graph/article/a%20b%2F%3Cscript%3E%22x"
    assert article_iri("a/b") != article_iri("a%2Fb")  # encoding is injective
    ds = to_dataset(own)
    graph = named_graphs(ds)[article_graph(NASTY_ID).value]
    assert (URIRef(iri), DCTERMS.identifier, Literal(NASTY_ID)) in graph
    assert set(graph.objects(None, PROV.wasDerivedFrom)) == {URIRef(iri)}


def test_untrusted_actor_key_is_percent_encoded():
    actor = Actor('k y/"<>', "Odd", "Organization", parent="p q")
    own, shared = result_quads(ArticleResult(_article(), actors=(actor,), claims=(_claim(subject=actor),)))
    graph = named_graphs(to_dataset(shared))[ACTORS_GRAPH.value]
    node = URIRef(BASE + "actor/k%20y%2F%22%3C%3E")
    assert (node, RDFS.label, Literal("Odd")) in graph
    assert (node, ORG.subOrganizationOf, URIRef(BASE + "actor/p%20q")) in graph


@pytest.mark.parametrize("fmt", [RdfFormat.N_QUADS, RdfFormat.TRIG])
def test_evidence_and_title_round_trip_exactly(fmt):
    article = _article(id=NASTY_ID, title=NASTY_TEXT, source=NASTY_TEXT)
    claim = _claim(article_id=NASTY_ID, evidence=NASTY_TEXT, trigger=NASTY_TEXT)
    own, shared = result_quads(ArticleResult(article, actors=(Actor("t", NASTY_TEXT, "Topic"),), claims=(claim,)))
    text = pyoxigraph.serialize(own + shared, format=fmt).decode("utf-8")
    ds = rdflib.Dataset()
    ds.parse(data=text, format="nquads" if fmt == RdfFormat.N_QUADS else "trig")
    graphs = named_graphs(ds)
    graph = graphs[article_graph(NASTY_ID).value]
    assert [str(o) for o in graph.objects(None, FP.evidence)] == [NASTY_TEXT]
    assert [str(o) for o in graph.objects(None, FP.trigger)] == [NASTY_TEXT]
    assert [str(o) for o in graph.objects(None, DCTERMS.title)] == [NASTY_TEXT]
    assert [str(o) for o in graphs[ACTORS_GRAPH.value].objects(None, RDFS.label)] == [NASTY_TEXT]


def test_evidence_round_trips_through_turtle():
    claim = _claim(evidence=NASTY_TEXT)
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object)
               for q in claim_quads(claim, article_iri("art-1"), article_graph("art-1"))]
    text = pyoxigraph.serialize(triples, format=RdfFormat.TURTLE).decode("utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert [str(o) for o in graph.objects(None, FP.evidence)] == [NASTY_TEXT]


def _pages(article: Article) -> list:
    own, _ = result_quads(ArticleResult(article))
    return [q.object for q in own if q.predicate.value == str(FOAF.page)]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://x y", "ftp://example.org/file",
                                 "http://example.org/<script>", 'http://example.org/"x"', "//example.org/x",
                                 "data:text/html,<b>x</b>", ""])
def test_unsafe_url_is_not_written_as_an_iri(url):
    own, _ = result_quads(ArticleResult(_article(url=url)))
    assert _pages(_article(url=url)) == []
    assert not any(url and url in q.object.value for q in own if isinstance(q.object, pyoxigraph.NamedNode))


@pytest.mark.parametrize("url", ["http://example.org/\n", "http://example.org/%zz", "http://example.org/a#b#c"])
def test_url_that_looks_safe_but_is_no_iri_is_skipped(url):
    # a trailing newline ("$" would allow it), a bad %-escape, two "#": pyoxigraph refuses these IRIs
    assert _pages(_article(url=url)) == []


def test_safe_url_is_written_once():
    assert [n.value for n in _pages(_article())] == ["https://example.org/news/1?id=2#top"]
