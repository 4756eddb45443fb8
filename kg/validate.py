"""SHACL validation of the store against ``ontologies/shapes.ttl`` (pyshacl).

The data graph is the union of the store's graphs, the ontology graph included (class constraints
such as ``fp:relation sh:class fp:RelationType`` need the relation-type instances it declares); the
ontology (the store's ``…/graph/ontology``, else ``ontologies/fp.ttl``) is also given to pyshacl as
``ont_graph``, which adds its class and property hierarchy for class inference. Results are grouped by
(severity, path, constraint) and counted, so a systematic defect reads as one line, not thousands.

    report = validate(GraphStore("output", read_only=True))
    print(report.conforms, report.total, [g.count for g in report.groups()])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from kg.errors import KgError
from kg.rdf.gen_namespace import ONTOLOGY_DIR
from kg.rdf.mapping import BASE, ONTOLOGY_GRAPH, PREFIXES

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
FP_TTL = ONTOLOGY_DIR / "fp.ttl"


class ShapesError(KgError):
    """The shapes file is missing or is not Turtle."""


@dataclass(frozen=True)
class Result:
    """One SHACL validation result."""

    focus: str
    path: str | None
    message: str
    severity: str  # Violation, Warning, Info
    constraint: str  # e.g. MinCountConstraintComponent
    value: str | None = None


@dataclass
class Group:
    """Results of one kind: the same severity, path and constraint."""

    severity: str
    path: str | None
    constraint: str
    message: str  # the first result's message
    results: list[Result] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.results)


@dataclass
class Report:
    conforms: bool
    results: list[Result]
    triples: int  # in the data graph
    shapes: Path

    @property
    def total(self) -> int:
        return len(self.results)

    def groups(self) -> list[Group]:
        """Results grouped by (severity, path, constraint), the largest group first."""
        by_key: dict[tuple, Group] = {}
        for r in self.results:
            key = (r.severity, r.path, r.constraint)
            if key not in by_key:
                by_key[key] = Group(r.severity, r.path, r.constraint, r.message)
            by_key[key].results.append(r)
        return sorted(by_key.values(), key=lambda g: (-g.count, g.severity, g.path or "", g.constraint))


# Files written for other stores spell IRIs out (Virtuoso mis-reads escaped local names); a report reads better short.
DISPLAY_PREFIXES = {**PREFIXES, "kg": BASE}


def short(term) -> str:
    """An IRI as prefix:local where a known prefix fits; other terms as their value."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, rdflib.URIRef):
        for prefix, ns in sorted(DISPLAY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, rdflib.BNode):
        return "[]"
    return text


def store_graphs(store) -> tuple[rdflib.Graph, rdflib.Graph]:
    """(the union of all the store's graphs, its ontology graph) as rdflib graphs; when the store has
    no ontology graph, ``ontologies/fp.ttl`` stands in for it (and is added to the data)."""
    data, ontology = rdflib.Graph(), rdflib.Graph()
    for graph in [ox.DefaultGraph()] + [ox.NamedNode(g) for g in store.graphs()]:
        text = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8")
        data.parse(data=text, format="nt")
        if graph == ONTOLOGY_GRAPH:
            ontology.parse(data=text, format="nt")
    if not len(ontology):
        ontology.parse(FP_TTL, format="turtle")
        data += ontology
    return data, ontology


def load_shapes(path: Path = SHAPES) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise ShapesError(f"{path}: no such shapes file") from exc
    except OSError as exc:
        raise ShapesError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib raises parser-specific exceptions
        raise ShapesError(f"{path}: not a Turtle shapes file: {' '.join(str(exc).split())[:200]}") from exc


def _results(results_graph: rdflib.Graph) -> list[Result]:
    out = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        def one(prop):
            return results_graph.value(node, prop)
        path = one(SH.resultPath)
        out.append(Result(
            focus=short(one(SH.focusNode)),
            path=None if path is None else ("(complex path)" if isinstance(path, rdflib.BNode) else short(path)),
            message=" ".join(str(one(SH.resultMessage) or "").split()),
            severity=str(one(SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1],
            constraint=str(one(SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1],
            value=None if one(SH.value) is None else short(one(SH.value)),
        ))
    return sorted(out, key=lambda r: (r.severity, r.path or "", r.constraint, r.focus))


def validate(store, shapes: Path = SHAPES) -> Report:
    """Validate ``store`` (a :class:`kg.store.GraphStore`) against ``shapes``."""
    import pyshacl

    shapes_graph = load_shapes(shapes)
    data, ontology = store_graphs(store)
    conforms, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
        abort_on_first=False, allow_warnings=False, advanced=False)
    return Report(bool(conforms), _results(results_graph), len(data), Path(shapes))
