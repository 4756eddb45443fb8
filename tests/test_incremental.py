"""Incremental builds and ``kg remove``: content hashes, replacement, garbage collection of the actors
graph, order independence, and runs that have nothing to do.

Stores are compared graph by graph (``rdflib.compare.isomorphic``) as read from the store itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import write_articles
from rdflib import RDF, RDFS, Literal
from store_helpers import (
    FP,
    KG,
    ORG,
    assert_consistent,
    assert_same,
    claims,
    dataset,
    graph_iri,
    is_actor,
    one,
)
from typer.testing import CliRunner

import kg.build
from kg.build import build, content_hash, extraction_version, remove
from kg.cli import app
from kg.errors import StoreError
from kg.ingest import read_inputs
from kg.rdf.mapping import ACTORS_GRAPH, SINGLE_VALUED, actor_quads, merge_actor_quads
from kg.records import Actor, Article, ArticleResult, Claim
from kg.store import GraphStore

TAIWAN = (" date 2026-03-01 China Warns Taiwan\nBy Test Desk\n\n"
          "China criticized Taiwan over the drills on Monday, Chinese Foreign Ministry spokesperson Mao Ning said.\n\n"
          "The United States supported Taiwan.\n")
AEGEAN = (" date 2026-03-02 Türkiye And Greece Trade Words\nBy Test Desk\n\n"
          "Turkey criticized Greece over new drilling plans on Monday, Turkish Foreign Minister Hakan Fidan said.\n\n"
          "China criticized Taiwan again. Athens rejected the “claims” about Zelenskyy’s plan.\n")
AEGEAN_EDITED = (" date 2026-03-02 Türkiye And Greece Trade Words\nBy Test Desk\n\n"
                 "Greece welcomed the talks on Monday.\n\nChina criticized Taiwan again.\n")
SANCTIONS = (" date 2026-03-03 EU Sanctions Russia\nBy Test Desk\n\n"
             "The European Union imposed sanctions on Russia. Moscow condemned the sanctions. "
             "Russia did not criticize China.\n")
ARTICLES = {"a_taiwan.txt": TAIWAN, "b_aegean.txt": AEGEAN, "c_sanctions.txt": SANCTIONS}


# --- helpers ---------------------------------------------------------------------------------


def articles(root: Path, *names: str, **replace: str) -> Path:
    """A directory with the named articles of ARTICLES (``replace``: file stem -> other text)."""
    chosen = {n: replace.get(n[:-4], ARTICLES[n]) for n in names}
    return write_articles(root, chosen)


def quads(out: Path) -> list[str]:
    return sorted(str(q) for q in GraphStore(out, read_only=True).store)


def mtimes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in ("graph.trig", "graph.ttl", "graph.html")}


@pytest.fixture
def no_model(monkeypatch):
    """Fail if a build loads the spaCy pipeline: unchanged articles must not be parsed."""
    def refuse():
        raise AssertionError("the build loaded the model although nothing needed parsing")

    monkeypatch.setattr(kg.build, "Extractor", refuse)


@pytest.fixture(scope="module")
def all_three(tmp_path_factory, extractor) -> Path:
    """The three articles built at once (read-only for tests)."""
    root = tmp_path_factory.mktemp("all3")
    report = build([articles(root / "in", *ARTICLES)], root / "out", extractor=extractor, html=False)
    assert report.added == ["a_taiwan", "b_aegean", "c_sanctions"] and report.claims > 5
    return root / "out"


# --- adding, order independence --------------------------------------------------------------


def test_one_then_two_equals_both_at_once(tmp_path, extractor, all_three):
    out = tmp_path / "out"
    first = build([articles(tmp_path / "in1", "a_taiwan.txt")], out, extractor=extractor, html=False)
    second = build([articles(tmp_path / "in2", "b_aegean.txt", "c_sanctions.txt")], out, extractor=extractor,
                   html=False)
    assert first.added == ["a_taiwan"] and second.added == ["b_aegean", "c_sanctions"]
    assert second.unchanged == second.replaced == []
    assert_same(dataset(out), dataset(all_three))
    assert_consistent(dataset(out))


def test_reverse_order_gives_the_same_store(tmp_path, extractor, all_three):
    out = tmp_path / "out"
    for name in ("c_sanctions.txt", "b_aegean.txt", "a_taiwan.txt"):
        build([articles(tmp_path / name, name)], out, extractor=extractor, html=False)
    assert_same(dataset(out), dataset(all_three))


def test_shared_actors_are_merged_not_duplicated(all_three):
    graphs = dataset(all_three)
    actors = graphs[ACTORS_GRAPH.value]
    china = KG["actor/china"]
    assert len(list(actors.objects(china, RDFS.label))) == 1  # China is in two articles
    assert sum(1 for g in graphs.values() if (china, FP.criticizes, KG["actor/taiwan"]) in g) == 2
    assert_consistent(graphs)


def test_content_hash_is_stored_in_each_article_graph(all_three):
    graphs = dataset(all_three)
    version = extraction_version()
    for article in read_inputs([all_three.parent / "in"]):
        g = graphs[graph_iri(f"graph/article/{article.id}")]
        assert one(g, KG[f"article/{article.id}"], FP.contentHash) == Literal(content_hash(article, version))
        assert one(g, KG[f"article/{article.id}"], FP.actorTriples)


# --- nothing to do ---------------------------------------------------------------------------


def test_second_identical_run_changes_nothing(tmp_path, extractor, no_model):
    arts = articles(tmp_path / "in", "a_taiwan.txt", "b_aegean.txt")
    out = tmp_path / "out"
    build([arts], out, extractor=extractor)
    before, times = quads(out), mtimes(out)
    report = build([arts], out)  # no extractor: one would be made (and fail) if anything needed parsing
    assert report.nothing_to_do and report.unchanged == ["a_taiwan", "b_aegean"]
    assert (report.built, report.added, report.replaced, report.removed, report.written) == ([], [], [], [], [])
    assert quads(out) == before and mtimes(out) == times
    moved = articles(tmp_path / "elsewhere", "b_aegean.txt", "a_taiwan.txt")  # where a file is does not count
    assert build([moved], out).nothing_to_do and quads(out) == before and mtimes(out) == times


def test_cli_says_nothing_to_do(tmp_path, extractor, monkeypatch):
    monkeypatch.setattr(kg.build, "Extractor", lambda: extractor)
    arts, out = articles(tmp_path / "in", "a_taiwan.txt", "c_sanctions.txt"), tmp_path / "out"
    first = CliRunner().invoke(app, ["build", str(arts), "--out", str(out)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[1] == "added 2, replaced 0, unchanged 0, removed 0"
    second = CliRunner().invoke(app, ["build", str(arts), "--out", str(out)], catch_exceptions=False)
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines() == ["nothing to do: 2 articles unchanged", f"store: {out / 'store'}"]
    (arts / "a_taiwan.txt").write_text(TAIWAN + "\nRussia supported China.\n", encoding="utf-8")
    third = CliRunner().invoke(app, ["build", str(arts), "--out", str(out)], catch_exceptions=False)
    assert third.stdout.splitlines()[0].startswith("built 1 article(s), ")
    assert third.stdout.splitlines()[1] == "added 0, replaced 1, unchanged 1, removed 0"


def test_stale_outputs_are_rewritten_without_parsing(tmp_path, extractor, monkeypatch):
    """A build whose file writing failed left the store ahead of the files: the next run notices."""
    arts, out = articles(tmp_path / "in", "a_taiwan.txt"), tmp_path / "out"
    build([arts], out, extractor=extractor)
    (arts / "a_taiwan.txt").write_text(TAIWAN.replace("supported", "criticized"), encoding="utf-8")
    real_replace = os.replace

    def fail_outputs(src, dst):
        if Path(dst).name.startswith("graph."):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_outputs)
    with pytest.raises(StoreError, match="No space left"):
        build([arts], out, extractor=extractor)
    monkeypatch.undo()
    assert b"United States supported Taiwan" in (out / "graph.trig").read_bytes()  # stale
    monkeypatch.setattr(kg.build, "Extractor", lambda: pytest.fail("parsed again"))
    report = build([arts], out)
    assert report.unchanged == ["a_taiwan"] and not report.changed
    assert sorted(Path(p).name for p in report.written) == ["graph.html", "graph.trig", "graph.ttl"]
    trig = (out / "graph.trig").read_bytes()
    assert b"United States supported Taiwan" not in trig and b"United States criticized Taiwan" in trig
    assert build([arts], out).nothing_to_do


def test_html_written_when_asked_after_a_no_html_build(tmp_path, extractor, no_model):
    arts, out = articles(tmp_path / "in", "c_sanctions.txt"), tmp_path / "out"
    build([arts], out, extractor=extractor, html=False)
    report = build([arts], out)
    assert not report.changed and (out / "graph.html").is_file()
    assert [Path(p).name for p in report.written] == ["graph.trig", "graph.ttl", "graph.html"]


# --- the extraction version ------------------------------------------------------------------


def test_changed_rules_rebuild_every_article(tmp_path, extractor, monkeypatch):
    arts, out = articles(tmp_path / "in", "a_taiwan.txt", "c_sanctions.txt"), tmp_path / "out"
    build([arts], out, extractor=extractor, html=False)
    before = dataset(out)
    monkeypatch.setattr(kg.build, "extraction_version", lambda: "lexicon and gazetteer v2")
    report = build([arts], out, extractor=extractor, html=False)
    assert report.replaced == ["a_taiwan", "c_sanctions"] and report.unchanged == [] and report.changed
    after = dataset(out)
    assert claims(after) == claims(before)  # same rules really: same claims, new hashes
    for article in read_inputs([arts]):
        node = KG[f"article/{article.id}"]
        stored = one(after[graph_iri(f"graph/article/{article.id}")], node, FP.contentHash)
        assert stored == Literal(content_hash(article, "lexicon and gazetteer v2"))
    assert build([arts], out, extractor=extractor, html=False).nothing_to_do


def test_extraction_version_hashes_the_data_files(tmp_path, monkeypatch):
    lexicon = tmp_path / "lexicon.json"
    lexicon.write_bytes(kg.build.LEXICON_PATH.read_bytes())
    extraction_version.cache_clear()
    try:
        base = extraction_version()
        monkeypatch.setattr(kg.build, "LEXICON_PATH", lexicon)
        extraction_version.cache_clear()
        assert extraction_version() == base  # same bytes, same version
        lexicon.write_bytes(lexicon.read_bytes() + b"\n")
        extraction_version.cache_clear()
        assert extraction_version() != base
        monkeypatch.undo()
        gazetteer = tmp_path / "gazetteer"
        gazetteer.mkdir()
        for path in kg.build.GAZETTEER_DIR.glob("*.json"):
            (gazetteer / path.name).write_bytes(path.read_bytes())
        (gazetteer / "extra.json").write_text('{"version": 1, "actors": []}')
        monkeypatch.setattr(kg.build, "GAZETTEER_DIR", gazetteer)
        extraction_version.cache_clear()
        assert extraction_version() != base
    finally:
        monkeypatch.undo()
        extraction_version.cache_clear()


# --- replacing and removing ------------------------------------------------------------------


def test_edited_article_replaces_its_old_claims(tmp_path, extractor):
    arts, out = articles(tmp_path / "in", "a_taiwan.txt", "b_aegean.txt"), tmp_path / "out"
    build([arts], out, extractor=extractor, html=False)
    old = dataset(out)
    old_claims = set(old[graph_iri("graph/article/b_aegean")].subjects(RDF.type, FP.Claim))
    assert (KG["actor/hakan_fidan"], RDFS.label, Literal("Hakan Fidan")) in old[ACTORS_GRAPH.value]

    (arts / "b_aegean.txt").write_text(AEGEAN_EDITED, encoding="utf-8")
    report = build([arts], out, extractor=extractor, html=False)
    assert report.replaced == ["b_aegean"] and report.unchanged == ["a_taiwan"] and report.added == []
    new = dataset(out)
    new_claims = set(new[graph_iri("graph/article/b_aegean")].subjects(RDF.type, FP.Claim))
    assert new_claims and old_claims - new_claims
    assert not (old_claims - new_claims) & claims(new)  # the old claims are gone from every graph
    assert (None, None, KG["actor/hakan_fidan"]) not in new[ACTORS_GRAPH.value]  # garbage-collected,
    assert not list(new[ACTORS_GRAPH.value].triples((KG["actor/hakan_fidan"], None, None)))  # membership too
    assert_consistent(new)
    fresh = tmp_path / "fresh"
    build([articles(tmp_path / "in2", "a_taiwan.txt", "b_aegean.txt", b_aegean=AEGEAN_EDITED)], fresh,
          extractor=extractor, html=False)
    assert_same(new, dataset(fresh))


def test_remove_equals_never_having_built_it(tmp_path, extractor):
    out = tmp_path / "out"
    build([articles(tmp_path / "in", *ARTICLES)], out, extractor=extractor)
    before = dataset(out)
    b_claims = set(before[graph_iri("graph/article/b_aegean")].subjects(RDF.type, FP.Claim))
    report = remove(out, ["b_aegean"])
    assert report.removed == ["b_aegean"] and report.skipped == [] and report.changed
    after = dataset(out)
    assert graph_iri("graph/article/b_aegean") not in after and not b_claims & claims(after)
    assert_consistent(after)
    assert (KG["actor/greece"], None, None) not in after[ACTORS_GRAPH.value]  # only article b named Greece
    assert (KG["actor/china"], None, None) in after[ACTORS_GRAPH.value]  # a still does
    assert b"b_aegean" not in (out / "graph.trig").read_bytes() and b"b_aegean" not in (out / "graph.ttl").read_bytes()
    fresh = tmp_path / "fresh"
    build([articles(tmp_path / "in2", "a_taiwan.txt", "c_sanctions.txt")], fresh, extractor=extractor)
    assert_same(after, dataset(fresh))


def test_remove_everything_leaves_only_the_ontology(tmp_path, extractor):
    out = tmp_path / "out"
    build([articles(tmp_path / "in", "a_taiwan.txt", "c_sanctions.txt")], out, extractor=extractor, html=False)
    report = remove(out, ["c_sanctions", "a_taiwan"], html=False)
    assert report.removed == ["c_sanctions", "a_taiwan"]
    assert [g.rsplit("/", 1)[1] for g in GraphStore(out, read_only=True).graphs()] == ["ontology"]


def test_remove_reports_unknown_ids_and_removes_known_ones(tmp_path, extractor):
    out = tmp_path / "out"
    build([articles(tmp_path / "in", "a_taiwan.txt", "c_sanctions.txt")], out, extractor=extractor)
    result = CliRunner().invoke(app, ["remove", str(out), "no-such-id", "a_taiwan"], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"skipped no-such-id: no such article in {out}" in result.stderr
    assert result.stdout.startswith("removed 1 article(s), ")
    assert "a_taiwan" not in " ".join(GraphStore(out, read_only=True).graphs())
    times = mtimes(out)
    again = CliRunner().invoke(app, ["remove", str(out), "a_taiwan"], catch_exceptions=False)
    assert again.exit_code == 1 and mtimes(out) == times  # nothing removed, nothing rewritten


def test_remove_from_a_missing_store_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["remove", str(tmp_path / "nothing-here"), "x"], catch_exceptions=False)
    assert result.exit_code == 2 and "no graph store here" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


# --- the one-label-per-actor rule, without spaCy ---------------------------------------------


class Canned:
    """An extractor that returns prepared results (actors with conflicting labels and kinds)."""

    def __init__(self, results: dict[str, ArticleResult]):
        self.results = results

    def extract(self, items):
        for article in items:
            canned = self.results[article.id]
            yield ArticleResult(article, canned.actors, canned.claims)


def _canned() -> dict[str, ArticleResult]:
    russia = Actor("russia", "Russia", "State", wikidata="Q159", iso="RU")
    acme_x, acme_y = Actor("acme", "Acme", "Organization"), Actor("acme", "ACME", "Company")
    topic_x = Actor("acme_deal", "Acme deal", "Topic", about=("acme",))
    topic_y = Actor("acme_deal", "ACME deal", "Topic", about=("russia",))
    petrov = Actor("ivan_petrov", "Ivan Petrov", "Person")

    def claim(article, s, rel, o, pol="negative"):
        return Claim(article, s, rel, o, pol, "Evidence.", 0, 9)

    return {
        "x": ArticleResult(Article("x", "x"), (acme_x, russia, topic_x),
                           (claim("x", russia, "ACCUSE", acme_x), claim("x", russia, "REJECT", topic_x))),
        "y": ArticleResult(Article("y", "y"), (acme_y, petrov, russia, topic_y),
                           (claim("y", petrov, "ROLE", acme_y, "neutral"),
                            claim("y", acme_y, "PURSUE", topic_y, "positive"))),
    }


@pytest.mark.parametrize("order", [[["x"], ["y"]], [["y"], ["x"]], [["x", "y"]]])
def test_label_rule_is_order_independent_and_gc_safe(tmp_path, order):
    canned = Canned(_canned())
    for name in ("x", "y"):
        (tmp_path / "in" / name).mkdir(parents=True)
        (tmp_path / "in" / name / f"{name}.txt").write_text(f"Text of {name}.", encoding="utf-8")

    def run(out, names, **kw):
        return build([tmp_path / "in" / n for n in names], tmp_path / out, extractor=canned, html=False, **kw)

    for step in order:
        run("out", step)
    run("both", ["x", "y"])
    run("only_x", ["x"])
    run("only_y", ["y"])
    merged = dataset(tmp_path / "out")
    assert_same(merged, dataset(tmp_path / "both"))
    actors = merged[ACTORS_GRAPH.value]
    acme = KG["actor/acme"]
    assert one(actors, acme, RDFS.label) == Literal("ACME") and one(actors, acme, RDF.type) == FP.Company
    assert set(actors.objects(KG["topic/acme_deal"], FP.about)) == {acme, KG["actor/russia"]}
    assert (KG["actor/ivan_petrov"], ORG.memberOf, acme) in actors
    assert_consistent(merged)

    remove(tmp_path / "out", ["y"], html=False)  # what y brought goes: its label, kind, about, membership
    assert_same(dataset(tmp_path / "out"), dataset(tmp_path / "only_x"))
    assert one(dataset(tmp_path / "out")[ACTORS_GRAPH.value], acme, RDFS.label) == Literal("Acme")
    run("out", ["y"])
    remove(tmp_path / "out", ["x"], html=False)
    assert_same(dataset(tmp_path / "out"), dataset(tmp_path / "only_y"))


def test_merge_actor_quads_is_a_function_of_the_set():
    contributions = [q for a in (Actor("k", "b label", "Organization"), Actor("k", "A label", "Person"),
                                 Actor("k", "c", "Company", wikidata="Q1"), Actor("t", "T", "Topic", about=("k",)))
                     for q in actor_quads(a)]
    expected = merge_actor_quads(contributions)
    for shift in range(len(contributions)):
        rotated = contributions[shift:] + contributions[:shift]
        assert merge_actor_quads(reversed(rotated)) == merge_actor_quads(rotated) == expected
    singles = [q for q in expected if q.predicate in SINGLE_VALUED and q.subject.value.endswith("/k")]
    assert sorted(q.object.value for q in singles) == ["A label", "https://w3id.org/fpkg/ontology#Person"]
    assert merge_actor_quads(contributions + contributions) == expected  # duplicates collapse


def test_store_built_before_content_hashes(tmp_path):
    """Article graphs without fp:contentHash/fp:actorTriples (older builds) are rebuilt when seen again,
    and until then their actors are kept: nothing they refer to loses its label."""
    canned = Canned(_canned())
    for name in ("x", "y"):
        (tmp_path / "in" / f"{name}.txt").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / f"{name}.txt").write_text(f"Text of {name}.", encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, extractor=canned, html=False)
    store = GraphStore(out)
    store.store.update(f"DELETE WHERE {{ GRAPH <{graph_iri('graph/article/x')}> {{ ?a {FP.contentHash.n3()} ?h ; "
                       f"{FP.actorTriples.n3()} ?t }} }}")
    del store
    remove(out, ["y"], html=False)
    graphs = dataset(out)  # x's actors are still described (no garbage collection until x is rebuilt)
    ends = {o for c in claims(graphs) for o in graphs[graph_iri("graph/article/x")].objects(c, None) if is_actor(o)}
    assert ends and all((end, RDFS.label, None) in graphs[ACTORS_GRAPH.value] for end in ends)
    report = build([tmp_path / "in" / "x.txt"], out, extractor=canned, html=False)
    assert report.replaced == ["x"]
    fresh = tmp_path / "fresh"
    build([tmp_path / "in" / "x.txt"], fresh, extractor=canned, html=False)
    assert_same(dataset(out), dataset(fresh))  # and now y's contributions are gone
