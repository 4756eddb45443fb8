"""The ``kg`` command line through typer's CliRunner: exit codes, printed paths, error lines, formats.

``kg build`` reuses the session's spaCy pipeline (``kg.build.Extractor`` is patched to return it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import queries
from kg.cli import app
from kg.store import GraphStore

STATES = "SELECT ?label WHERE { ?s a fp:State ; rdfs:label ?label } ORDER BY ?label"
PREFIXES = ("PREFIX fp: <https://w3id.org/fpkg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
STATES_QUERY = PREFIXES + STATES


@pytest.fixture
def kg(monkeypatch, extractor):
    """``kg("build", ...)`` runs the CLI in-process and returns click's Result (stdout/stderr apart)."""
    monkeypatch.setattr("kg.build.Extractor", lambda: extractor)
    runner = CliRunner()

    def invoke(*args: object):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def graphs_of(out: Path) -> list[str]:
    return [g.rsplit("/", 1)[1] for g in GraphStore(out, read_only=True).graphs() if "/graph/article/" in g]


# --- kg build --------------------------------------------------------------------------------


def test_build_prints_paths_and_writes_files(kg, articles_dir, tmp_path):
    out = tmp_path / "a-rather-long-output-directory-name" / "that-makes-the-printed-paths-long" / "out"
    result = kg("build", articles_dir, "--out", out)
    assert result.exit_code == 0, result.output
    assert lines(result.stderr) == []  # (the transient progress bar may leave a bare newline)
    printed = result.stdout.splitlines()
    counts = re.fullmatch(r"built 2 article\(s\), (\d+) claim\(s\), (\d+) triples", printed[0])
    assert counts, printed
    store = GraphStore(out, read_only=True)
    assert int(counts[2]) == len(store) > 0
    n_claims = queries.rows(store.query("SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/fpkg/ontology#Claim> }"))
    assert int(counts[1]) == int(n_claims[1][0][0]) > 0
    assert f"store: {out / 'store'}" in printed
    assert f"graph: {out / 'graph.trig'}  {out / 'graph.ttl'}" in printed
    assert f"HTML graph: {out / 'graph.html'}" in printed
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0
    assert (out / "store").is_dir()
    assert graphs_of(out) == ["01_summit", "02_quiet"]


def test_build_quiet_and_no_html(kg, articles_dir, tmp_path):
    result = kg("build", articles_dir, "--out", tmp_path / "out", "--quiet", "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out" / "graph.trig").is_file() and not (tmp_path / "out" / "graph.html").exists()


BAD_INPUTS = {
    "empty": ("empty.txt", b"", None, "empty file"),
    "binary": ("blob.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", None, "binary file, not text"),
    "invalid-utf8": ("latin1.txt", "Turkey criticized Greece, caf\u00e9.".encode("latin-1"), None, "not valid UTF-8"),
    "missing": ("nowhere.txt", None, None, "no such file"),
    "jsonl-line": ("wire.jsonl",
                   (json.dumps({"id": "w1", "text": "France praised Germany on Monday."}) + "\n"
                    + '{"id": "w2", "text": "broken\n'
                    + json.dumps({"id": "w3", "text": "Japan criticized China on Tuesday."}) + "\n").encode(),
                   2, "invalid JSON"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_build_skips_a_bad_input_and_exits_1(kg, articles_dir, tmp_path, case):
    name, content, line, reason = BAD_INPUTS[case]
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out"
    result = kg("build", articles_dir, bad, "--out", out, "--no-html")
    assert result.exit_code == 1, result.output
    where = f"{bad}:{line}" if line else str(bad)
    errors = lines(result.stderr)
    assert len(errors) == 1, errors  # one line per skipped input, nothing else
    assert errors[0].startswith(f"skipped {where}: {reason}"), errors
    good = ["01_summit", "02_quiet"] + (["w1", "w3"] if case == "jsonl-line" else [])
    assert result.stdout.startswith(f"built {len(good)} article(s)")
    assert graphs_of(out) == good  # the good articles were still built
    assert (out / "graph.trig").is_file() and (out / "graph.ttl").is_file()


def test_build_reports_every_skipped_input(kg, articles_dir, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    wire = tmp_path / "wire.jsonl"
    wire.write_text("not json\n" + json.dumps({"id": "ok", "text": "France praised Germany."}) + "\n[1]\n")
    result = kg("build", articles_dir, empty, wire, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    errors = lines(result.stderr)
    assert [e.split(": ", 1)[0] for e in errors] == [f"skipped {empty}", f"skipped {wire}:1", f"skipped {wire}:3"]
    assert graphs_of(tmp_path / "out") == ["01_summit", "02_quiet", "ok"]
    again = kg("build", articles_dir, empty, wire, "--out", tmp_path / "out", "--no-html")
    assert again.exit_code == 1  # still skipped, and nothing else to do
    assert lines(again.stdout)[0] == "nothing to do: 3 articles unchanged, 3 inputs skipped"


def test_build_write_failure_is_one_error_line(kg, articles_dir, tmp_path, monkeypatch):
    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    result = kg("build", articles_dir, "--out", tmp_path / "out")
    assert result.exit_code != 0
    assert lines(result.stderr)[-1].startswith("error:") and "No space left" in result.stderr


@pytest.mark.parametrize("args", [[], ["--frobnicate", "x"]], ids=["no-inputs", "unknown-option"])
def test_build_usage_errors_exit_2(kg, tmp_path, args):
    result = kg("build", *args, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()


# --- kg query --------------------------------------------------------------------------------


def parse_csv(text: str, delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def states_in(out: Path) -> list[str]:
    """The same query run on the store directly: what the CLI must print."""
    return [row[0] for row in queries.rows(GraphStore(out, read_only=True).query(STATES_QUERY))[1]]


def test_query_inline_sparql(kg, built):
    expected = states_in(built)
    assert {"China", "Greece", "Turkey"} <= set(expected)
    result = kg("query", built, STATES_QUERY, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "label\n" + "".join(f"{label}\n" for label in expected)


def test_query_needs_no_prefix_declarations_for_the_usual_vocabularies(kg, built):
    result = kg("query", built, STATES, "--format", "csv")  # fp: and rdfs: are predeclared
    assert result.exit_code == 0, result.output
    assert result.stdout == "label\n" + "".join(f"{label}\n" for label in states_in(built))


def test_query_from_file(kg, built, tmp_path):
    rq = tmp_path / "states.rq"
    rq.write_text(STATES_QUERY, encoding="utf-8")
    result = kg("query", built, "--file", rq, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"label": label} for label in states_in(built)]


def test_query_canned_in_every_format(kg, built):
    def run(fmt):
        result = kg("query", built, "--name", "who_criticizes_whom", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert lines(result.stderr) == []
        return result.stdout

    names, rows = queries.rows(GraphStore(built, read_only=True).query(queries.load("who_criticizes_whom")))
    as_csv = parse_csv(run("csv"))
    assert as_csv == [dict(zip(names, row)) for row in rows]
    assert ("Turkey", "Greece", "1") in {(r["critic"], r["target"], r["claims"]) for r in as_csv}
    as_tsv = parse_csv(run("tsv"), delimiter="\t")
    assert as_tsv == as_csv
    as_json = json.loads(run("json"))
    assert [{k: str(v) for k, v in r.items()} for r in as_json] == as_csv
    table = run("table")
    assert "critic" in table and "target" in table and "Turkey" in table and "Greece" in table


def test_query_with_param(kg, built):
    result = kg("query", built, "--name", "claims_about", "--param", "actor=NATO", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert ("China", "ACCUSE", "NATO", "true") in [(r["subject"], r["relation"], r["object"], r["negated"])
                                                   for r in rows]
    assert all("NATO" in (r["subject"], r["object"]) for r in rows)


def test_query_list(kg):
    result = kg("query", "--list", "unused-dir")
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in lines(result.stdout)]
    assert listed == list(queries.available())
    assert "who_criticizes_whom" in listed


MULTILINE_PARSE_ERROR = ()  # fixed: parse errors are one line now


@pytest.mark.parametrize("sparql", [
    pytest.param("SELECT ?x WHERE { ?x ", marks=MULTILINE_PARSE_ERROR, id="unfinished"),
    pytest.param("SELEKT * WHERE { ?s ?p ?o }", id="bad-keyword"),
    pytest.param("SELECT * WHERE { ?s undeclared:p ?o }", marks=MULTILINE_PARSE_ERROR, id="unknown-prefix"),
])
def test_query_malformed_sparql_exits_2_with_one_line(kg, built, sparql):
    result = kg("query", built, sparql)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    errors = lines(result.stderr)
    assert len(errors) == 1 and errors[0].startswith("error: malformed SPARQL"), result.stderr


@pytest.mark.parametrize("args, message", [
    (["--name", "no_such_query"], "no canned query 'no_such_query'"),
    (["--name", "claims_about"], "needs parameter(s) actor"),
    (["--file", "/nonexistent/q.rq"], "cannot read query file"),
    ([], "give exactly one of"),
    ([STATES_QUERY, "--name", "antagonisms"], "give exactly one of"),
    (["--format", "xml", STATES_QUERY], ""),
])
def test_query_usage_errors_exit_2(kg, built, args, message):
    result = kg("query", built, *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())


@pytest.mark.parametrize("sparql", ["ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_query_that_is_not_a_select_exits_2(kg, built, sparql):
    result = kg("query", built, sparql)
    assert result.exit_code == 2, result.output
    errors = lines(result.stderr)
    assert len(errors) == 1 and "only SELECT queries" in errors[0]


def test_query_errors_only_name_commands_that_exist(kg, built):
    result = kg("query", built, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    named = set(re.findall(r"`kg (\w+)", result.stderr))
    assert named <= {c.name or c.callback.__name__ for c in app.registered_commands}, named


def test_query_missing_store_exits_2(kg, tmp_path):
    result = kg("query", tmp_path / "nothing-here", STATES_QUERY)
    assert result.exit_code == 2, result.output
    errors = lines(result.stderr)
    assert len(errors) == 1 and "no graph store here" in errors[0]
    assert not (tmp_path / "nothing-here").exists()  # a query never creates a store


# --- kg graph, kg evaluate -------------------------------------------------------------------


def test_graph_writes_the_page(kg, built, tmp_path):
    page = tmp_path / "pages" / "g.html"
    result = kg("graph", built, "-o", page)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {page}"
    assert page.read_text(encoding="utf-8") == (built / "graph.html").read_text(encoding="utf-8")


def test_graph_missing_store_exits_2(kg, tmp_path):
    result = kg("graph", tmp_path / "nothing-here", "-o", tmp_path / "g.html")
    assert result.exit_code == 2 and "no graph store here" in result.stderr
    assert not (tmp_path / "g.html").exists()


GOLD = [
    {"article": "01_summit", "subject": "Turkey", "relation": "ACCUSE", "polarity": "negative", "object": "Greece",
     "evidence": "Turkey criticized Greece over new drilling plans on Monday"},
    {"article": "01_summit", "subject": "Greece", "relation": "THREATEN", "polarity": "negative", "object": "Turkey",
     "subject_alts": ["Athens"], "evidence": "(not in the text: never found)"},
    {"article": "01_summit", "subject": "China", "relation": "ACCUSE", "polarity": "negative", "object": "NATO",
     "must_not": True, "evidence": "Beijing did not criticize NATO."},
]


@pytest.fixture
def evaluated(built, tmp_path) -> tuple[Path, Path, dict]:
    """A copy of the built store (evaluate opens it for writing), a small gold file and the expected scores."""
    names, rows = queries.rows(GraphStore(built, read_only=True).query(queries.load("evaluation_claims")))
    claims = [dict(zip(names, row)) for row in rows]
    asserted = [c for c in claims
                if c["article"] == "01_summit" and c["negated"] == "false" and c["relation"] != "ROLE"]
    assert any((c["subject"], c["object"]) == ("Turkey", "Greece") for c in asserted)
    assert any((c["subject"], c["object"], c["negated"]) == ("China", "NATO", "true") for c in claims)
    precision, recall = 1 / len(asserted), 0.5  # only Turkey -> Greece matches
    expected = {"predicted": len(asserted), "gold": 2, "matched_pred": 1, "matched_gold": 1,
                "precision": round(precision, 3), "recall": recall,
                "f1": round(2 * precision * recall / (precision + recall), 3),
                "type_accuracy": 1.0, "traps": 1, "trap_violations": 0}
    out = shutil.copytree(built, tmp_path / "out")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    return out, gold, expected


def test_evaluate_prints_scores(kg, evaluated):
    out, gold, expected = evaluated
    result = kg("evaluate", out, "--gold", gold, "--show", "5")
    assert result.exit_code == 0, result.output
    first = dict(pair.split("=") for pair in result.stdout.splitlines()[0].split())
    assert first == {k: str(v) for k, v in expected.items()}
    assert "ACCUSE" in result.stdout and "THREATEN" in result.stdout
    assert "-- missed: 1" in result.stdout and f"-- spurious: {expected['predicted'] - 1}" in result.stdout
    assert "-- trap violations: 0" in result.stdout


def test_evaluate_show_with_gold_without_evidence(kg, evaluated):
    out, gold, _ = evaluated
    gold.write_text("".join(json.dumps({k: v for k, v in g.items() if k != "evidence"}) + "\n" for g in GOLD))
    result = kg("evaluate", out, "--gold", gold, "--show", "5")
    assert result.exit_code == 0 and "-- missed: 1" in result.stdout


def test_evaluate_json(kg, evaluated):
    out, gold, expected = evaluated
    result = kg("evaluate", out, "--gold", gold, "--json")
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score == {**expected, "by_relation": {"ACCUSE": {"gold": 1, "found": 1, "typed": 1},
                                                 "THREATEN": {"gold": 1, "found": 0, "typed": 0}}}


def test_evaluate_missing_store_exits_2(kg, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD[0]) + "\n")
    result = kg("evaluate", tmp_path / "nothing-here", "--gold", gold)
    assert result.exit_code == 2 and "no graph store here" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_evaluate_missing_gold_exits_2(kg, evaluated):
    out, gold, _ = evaluated
    result = kg("evaluate", out, "--gold", gold.with_name("missing.jsonl"))
    assert result.exit_code == 2 and "missing.jsonl" in result.stderr


def test_evaluate_bad_gold_line_exits_2(kg, evaluated):
    out, gold, _ = evaluated
    gold.write_text(json.dumps(GOLD[0]) + "\n{oops\n")
    result = kg("evaluate", out, "--gold", gold)
    assert result.exit_code == 2
    assert lines(result.stderr) and lines(result.stderr)[0].startswith(f"error: {gold}:2: invalid JSON")


# --- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "query", "graph", "evaluate"])
def test_every_command_help_has_an_example(kg, command):
    result = kg(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert f"kg {command}" in result.stdout.split("Example:", 1)[1]


def test_no_arguments_shows_help(kg):
    result = kg()
    assert result.exit_code in (0, 2)  # click's no_args_is_help exits 2 since click 8.2
    assert "build" in result.output and "query" in result.output
