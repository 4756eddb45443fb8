"""``kg validate``: SHACL over the store's graphs, a grouped report, exit 0 / 1 / 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.mapping import ONTOLOGY_GRAPH
from kg.store import GraphStore
from kg.validate import SHAPES, ShapesError, load_shapes, validate

pytest.importorskip("pyshacl")

FP = "PREFIX fp: <https://w3id.org/fpkg/ontology#>\n"
ACTORS = "https://w3id.org/fpkg/id/graph/actors"


def kg(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def broken_copy(built: Path, tmp_path: Path, update: str) -> Path:
    out = shutil.copytree(built, tmp_path / "out")
    store = GraphStore(out)
    store.store.update(FP + update)
    store.flush()
    del store
    return out


@pytest.fixture
def broken(built, tmp_path) -> Path:
    """Every claim loses its evidence; one actor gets a second, malformed ISO code."""
    return broken_copy(built, tmp_path, f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        DELETE WHERE {{ GRAPH ?g {{ ?c fp:evidence ?e }} }} ;
        INSERT {{ GRAPH <{ACTORS}> {{ ?a fp:iso3166Code "tur" }} }} WHERE {{ GRAPH <{ACTORS}> {{ ?a rdfs:label "Turkey" }} }}""")


def claims(out: Path) -> int:
    rows = GraphStore(out, read_only=True).query(FP + "SELECT (COUNT(*) AS ?n) WHERE { ?c a fp:Claim }")
    return int(next(iter(rows))["n"].value)


def test_the_built_store_conforms(built):
    result = kg("validate", built)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"conforms: {len(GraphStore(built, read_only=True))} triples in {built}")
    report = validate(GraphStore(built, read_only=True))
    assert report.conforms and report.results == [] and report.groups() == []


def test_violations_are_grouped_counted_and_exit_1(broken):
    n = claims(broken)
    assert n >= 2
    result = kg("validate", broken, "--show", "1")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert out.startswith(f"does not conform: {n + 2} result(s) in 3 group(s)")
    assert f"{n} x Violation: fp:evidence MinCountConstraintComponent" in out
    assert f"... and {n - 1} more" in out and "    kg:claim/" in out
    assert "1 x Violation: fp:iso3166Code PatternConstraintComponent" in out
    assert "1 x Violation: fp:iso3166Code MaxCountConstraintComponent" in out
    assert "    kg:actor/turkey  value: tur" in out


def test_report_object(broken):
    report = validate(GraphStore(broken, read_only=True))
    assert not report.conforms
    groups = report.groups()
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)
    evidence = groups[0]
    assert (evidence.path, evidence.constraint, evidence.severity) == ("fp:evidence", "MinCountConstraintComponent",
                                                                     "Violation")
    assert evidence.count == claims(broken) and all(r.focus.startswith("kg:claim/") for r in evidence.results)
    assert evidence.message


def test_the_ontology_graph_feeds_class_checks(built, tmp_path):
    """Without the store's ontology graph, fp.ttl stands in (relation types are fp:RelationType)."""
    out = broken_copy(built, tmp_path, f"DROP GRAPH <{ONTOLOGY_GRAPH.value}>")
    assert ONTOLOGY_GRAPH.value not in GraphStore(out, read_only=True).graphs()
    assert kg("validate", out).exit_code == 0


def test_a_relation_outside_the_scheme_is_caught(built, tmp_path):
    out = broken_copy(built, tmp_path, """
        DELETE { GRAPH ?g { ?c fp:relation ?r } } INSERT { GRAPH ?g { ?c fp:relation fp:Nonsense } }
        WHERE { GRAPH ?g { ?c fp:relation ?r } }""")
    result = kg("validate", out)
    assert result.exit_code == 1
    assert "fp:relation ClassConstraintComponent" in result.stdout and "value: fp:Nonsense" in result.stdout


def test_usage_errors_exit_2(built, tmp_path):
    result = kg("validate", tmp_path / "nothing")
    assert result.exit_code == 2 and "no graph store" in result.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = kg("validate", built, "--shapes", bad)
    assert result.exit_code == 2 and "not a Turtle shapes file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = kg("validate", built, "--shapes", tmp_path / "missing.ttl")
    assert result.exit_code == 2 and "no such shapes file" in result.stderr


def test_default_shapes_are_the_projects():
    assert SHAPES.name == "shapes.ttl" and SHAPES.parent.name == "ontologies"
    assert len(load_shapes()) > 0
    with pytest.raises(ShapesError):
        load_shapes(SHAPES.with_name("nope.ttl"))
