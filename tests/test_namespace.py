"""The ontology files, the generated ``FP`` namespace, the lexicon and the RDF mapping agree."""

from __future__ import annotations

import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.extract.lexicon import load_lexicon
from kg.rdf import gen_namespace
from kg.rdf.mapping import DIRECT_PREDICATE

FP = Namespace(gen_namespace.FP_IRI)
SH = Namespace("http://www.w3.org/ns/shacl#")
FP_TTL = gen_namespace.ONTOLOGY_DIR / "fp.ttl"
SHAPES_TTL = gen_namespace.ONTOLOGY_DIR / "shapes.ttl"


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(FP_TTL, format="turtle")


def _relation_types(graph: rdflib.Graph) -> set[str]:
    return {str(s)[len(str(FP)):] for s in graph.subjects(RDF.type, FP.RelationType)}


def test_generated_namespace_is_current():
    expected = gen_namespace.render(gen_namespace.defined_terms())
    actual = gen_namespace.TARGET.read_text(encoding="utf-8")
    assert actual == expected, "kg/rdf/_FP.py is stale: run `python -m kg.rdf.gen_namespace`"


def test_fp_ttl_parses_and_declares_the_ontology():
    graph = _ontology()
    assert len(graph) > 100
    assert (URIRef("https://w3id.org/fpkg/ontology"), RDF.type, OWL.Ontology) in graph
    assert (FP.Claim, RDF.type, OWL.Class) in graph


def test_every_lexicon_relation_type_is_in_the_ontology_with_the_same_polarity():
    graph = _ontology()
    lexicon = load_lexicon()
    expected = dict(lexicon.polarity)
    expected["ROLE"] = "neutral"  # ROLE is structural: not in the lexicon's relations, neutral in the gold format
    assert set(expected) == lexicon.types
    for rtype, polarity in expected.items():
        node = FP[rtype]
        assert (node, RDF.type, FP.RelationType) in graph, f"fp:{rtype} is not an fp:RelationType"
        assert list(graph.objects(node, FP.polarity)) == [Literal(polarity)], f"fp:{rtype} polarity"


def test_ontology_has_no_relation_type_the_lexicon_lacks():
    assert _relation_types(_ontology()) == load_lexicon().types


def test_direct_predicates_match_the_ontology():
    graph = _ontology()
    declared = {}
    for rtype in _relation_types(graph):
        objects = list(graph.objects(FP[rtype], FP.directPredicate))
        assert len(objects) == 1, f"fp:{rtype} needs exactly one fp:directPredicate"
        declared[rtype] = str(objects[0])
    assert {k: str(v) for k, v in DIRECT_PREDICATE.items()} == declared


def test_direct_predicates_are_declared_sub_properties_of_related_to():
    graph = _ontology()
    for rtype, prop in DIRECT_PREDICATE.items():
        node = URIRef(str(prop))
        assert (node, RDF.type, OWL.ObjectProperty) in graph, f"{rtype}: {node} not declared"
        assert (node, RDFS.subPropertyOf, FP.relatedTo) in graph, f"{rtype}: {node} not under fp:relatedTo"


def test_shapes_ttl_parses_and_only_uses_defined_fp_terms():
    shapes = rdflib.Graph().parse(SHAPES_TTL, format="turtle")
    assert (URIRef("https://w3id.org/fpkg/shapes#ClaimShape"), RDF.type, SH.NodeShape) in shapes
    defined = set(gen_namespace.defined_terms())
    used = {str(o)[len(str(FP)):] for p in (SH.targetClass, SH.path, SH["class"])
            for o in shapes.objects(None, p) if str(o).startswith(str(FP))}
    assert used, "shapes.ttl should refer to fp: terms"
    assert used <= defined, f"shapes.ttl uses undefined fp terms: {sorted(used - defined)}"
