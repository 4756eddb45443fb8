"""Generate ``kg/rdf/_FP.py``, an rdflib ``DefinedNamespace`` of every term ``ontologies/fp.ttl`` defines.

Run ``python -m kg.rdf.gen_namespace`` after editing the ontology; ``tests/test_namespace.py``
fails while the generated file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rdflib

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontologies"
FP_TTL = ONTOLOGY_DIR / "fp.ttl"
TARGET = Path(__file__).with_name("_FP.py")
FP_IRI = "https://w3id.org/fpkg/ontology#"

HEADER = '''"""The fp ontology's terms. GENERATED from ontologies/fp.ttl by `python -m kg.rdf.gen_namespace`: do not edit."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class FP(DefinedNamespace):
    """Foreign-policy knowledge graph ontology."""

    _fail = True
'''


def defined_terms(ttl: Path = FP_TTL) -> list[str]:
    """Local names of every fp: IRI used as a subject in the ontology, sorted."""
    graph = rdflib.Graph().parse(ttl, format="turtle")
    names = {str(s)[len(FP_IRI):] for s in graph.subjects() if str(s).startswith(FP_IRI)}
    return sorted(n for n in names if n)


def render(terms: list[str]) -> str:
    lines = [HEADER]
    lines += [f"    {name}: URIRef" for name in terms]
    lines.append("")
    lines.append(f'    _NS = Namespace("{FP_IRI}")')
    return "\n".join(lines) + "\n"


def main() -> int:
    TARGET.write_text(render(defined_terms()), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
