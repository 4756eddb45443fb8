"""kg.queries: loading and binding canned queries, and what each returns on a small hand-filled store."""

from __future__ import annotations

import itertools

import pytest

from kg import queries
from kg.errors import QueryError
from kg.rdf.gen_namespace import ONTOLOGY_DIR
from kg.rdf.mapping import result_quads
from kg.records import Actor, Article, ArticleResult, Claim
from kg.store import GraphStore

RUSSIA = Actor("russia", "Russia", "State", wikidata="Q159", iso="RU")
NATO = Actor("nato", "NATO", "InternationalOrganization")
CHINA = Actor("china", "China", "State", iso="CN")
UKRAINE = Actor("ukraine", "Ukraine", "State", iso="UA")
US = Actor("united_states", "United States", "State", iso="US")
ZAKHAROVA = Actor("maria_zakharova", "Maria Zakharova", "Person", parent="russia")
RUTTE = Actor("mark_rutte", "Mark Rutte", "Person")
EXPANSION = Actor("nato_expansion", "NATO expansion", "Topic", about=("nato",))
ENERGY = Actor("energy_dominance", "energy dominance", "Topic")
PEACE = Actor("peace_deal", "peace deal", "Topic")
WAR = Actor("war", "war", "Topic")
ACTORS = (RUSSIA, NATO, CHINA, UKRAINE, US, ZAKHAROVA, RUTTE, EXPANSION, ENERGY, PEACE, WAR)

_offsets = itertools.count(0, 10)


def claim(article, subject, relation, obj, polarity, evidence, **kw) -> Claim:
    start = next(_offsets)
    return Claim(article, subject, relation, obj, polarity, evidence, start, start + 5, **kw)


A1 = [
    claim("a1", RUSSIA, "ACCUSE", NATO, "negative", "Russia criticized NATO.", speaker=ZAKHAROVA),
    claim("a1", RUSSIA, "ACCUSE", NATO, "negative", "Moscow again slammed NATO."),
    claim("a1", CHINA, "ACCUSE", NATO, "negative", "Beijing did not criticize NATO.", negated=True),
    claim("a1", RUSSIA, "REJECT", EXPANSION, "negative", "Russia rejects NATO expansion."),
    claim("a1", RUSSIA, "COOPERATE", CHINA, "positive", "Russia and China deepened cooperation."),
    claim("a1", RUTTE, "ROLE", NATO, "neutral", "NATO Secretary General Mark Rutte"),
]
A2 = [
    claim("a2", UKRAINE, "ACCUSE", RUSSIA, "negative", "Ukraine condemned Russia."),
    claim("a2", US, "SANCTION", RUSSIA, "negative", "The US sanctioned Russia."),
    claim("a2", US, "THREATEN", RUSSIA, "negative", "The US threatened Russia."),
    claim("a2", US, "CONSULT", RUSSIA, "positive", "US and Russian envoys met."),
    claim("a2", US, "REQUEST", RUSSIA, "neutral", "The US urged Russia to talk."),
    claim("a2", US, "PURSUE", ENERGY, "positive", "The US pursues energy dominance."),
    claim("a2", US, "PURSUE", PEACE, "positive", "The US may seek a peace deal.", hedged=True),
    claim("a2", US, "PURSUE", WAR, "positive", "The US does not seek war.", negated=True),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = GraphStore(tmp_path_factory.mktemp("queries"))
    s.load_ontology([ONTOLOGY_DIR / "fp.ttl"])
    for art, claims in (("a1", A1), ("a2", A2)):
        own, shared = result_quads(ArticleResult(Article(id=art, text="...", title=f"Title {art}"), ACTORS,
                                                 tuple(claims)))
        s.replace_graph(own[0].graph_name, own)
        s.add(shared)
    return s


def run(store, name: str, **params):
    return queries.rows(store.query(queries.bind(queries.load(name), params)))


# -- loading and binding ---------------------------------------------------------------------------
def test_available_lists_the_canned_queries_with_a_description():
    found = queries.available()
    assert {"who_criticizes_whom", "actor_pursues", "claims_about", "antagonisms"} <= set(found)
    assert all(found[name] for name in found), "every query starts with a comment line"


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "who_criticizes_whom.rq", "Who", "", "a b", "x/y"])
def test_load_rejects_bad_names(name):
    with pytest.raises(QueryError, match="bad query name"):
        queries.load(name)


def test_load_rejects_unknown_names_and_lists_the_known():
    with pytest.raises(QueryError, match="no canned query 'nope'") as info:
        queries.load("nope")
    assert "who_criticizes_whom" in str(info.value)


VALUES = ['plain', 'Say "hi"', 'two\nlines\r\n', 'back\\slash', '"""', "'single'", '} } . ?x ?y ?z . {',
          '\\"', '\\', "tab\tend", "unicode \u00e9\u2028 end"]


@pytest.mark.parametrize("value", VALUES)
def test_bind_keeps_a_value_one_literal(store, value):
    sparql = queries.bind("SELECT ?v ?w WHERE { BIND($actor AS ?v) BIND(\"sentinel\" AS ?w) }", {"actor": value})
    names, table = queries.rows(store.query(sparql))
    assert names == ["v", "w"]
    assert table == [[value, "sentinel"]]


def test_bind_replaces_every_occurrence_but_not_longer_names():
    sparql = queries.bind("SELECT * WHERE { ?a ?b $x . ?c ?d $x . ?e ?f $xy }", {"x": "1", "xy": "2"})
    assert sparql == 'SELECT * WHERE { ?a ?b "1" . ?c ?d "1" . ?e ?f "2" }'


def test_bind_raises_when_a_parameter_is_missing():
    with pytest.raises(QueryError, match="actor"):
        queries.bind(queries.load("claims_about"), {})
    with pytest.raises(QueryError, match="other"):
        queries.bind("SELECT * WHERE { ?s ?p $actor . ?s ?p $other }", {"actor": "NATO"})


def test_bind_rejects_bad_parameter_names():
    with pytest.raises(QueryError, match="bad parameter name"):
        queries.bind("SELECT * WHERE { ?s ?p ?o }", {"x) }": "v"})


@pytest.mark.parametrize("params", [{"a": "cost $b", "b": 'x"y'}, {"a": "see $note"}])
def test_bind_does_not_look_inside_bound_values(store, params):
    # a value holding "$b" must neither be substituted again (breaking out of its literal) nor be
    # reported as a missing parameter
    sparql = queries.bind("SELECT ?v WHERE { BIND($a AS ?v) }", params)
    assert queries.rows(store.query(sparql))[1] == [[params["a"]]]


def test_rows_refuses_non_select(store):
    with pytest.raises(QueryError):
        queries.rows(store.query("ASK { ?s ?p ?o }"))


# -- each canned query ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(queries.available()))
def test_every_canned_query_runs(store, name):
    params = {"actor": "United States"} if "$actor" in queries.load(name) else {}
    names, table = run(store, name, **params)
    assert names and table


def test_who_criticizes_whom(store):
    names, table = run(store, "who_criticizes_whom")
    assert names == ["critic", "target", "claims", "example"]
    assert [r[:3] for r in table] == [["Russia", "NATO", "2"], ["Ukraine", "Russia", "1"]]
    assert table[0][3] in {"Russia criticized NATO.", "Moscow again slammed NATO."}
    assert table[1][3] == "Ukraine condemned Russia."  # China's negated ACCUSE is not there


def test_antagonisms_rank_negative_minus_positive(store):
    names, table = run(store, "antagonisms")
    assert names == ["actor", "target", "negative", "positive", "antagonism"]
    assert table == [
        ["Russia", "NATO", "2", "0", "2"],  # the REJECT of a topic about NATO is not a pair of actors
        ["United States", "Russia", "2", "1", "1"],  # neutral REQUEST not counted; ties: more negative first
        ["Ukraine", "Russia", "1", "0", "1"],
    ]  # Russia -> China is only positive; China -> NATO is negated


def test_actor_pursues(store):
    names, table = run(store, "actor_pursues", actor="United States")
    assert names == ["goal", "hedged", "evidence"]
    assert table == [["energy dominance", "false", "The US pursues energy dominance."],
                     ["peace deal", "true", "The US may seek a peace deal."]]  # not the negated "war"
    assert run(store, "actor_pursues", actor="Russia")[1] == []


def test_claims_about(store):
    names, table = run(store, "claims_about", actor="NATO")
    rows = [dict(zip(names, r)) for r in table]
    got = sorted((r["subject"], r["relation"], r["object"], r["negated"]) for r in rows)
    assert got == [("China", "ACCUSE", "NATO", "true"), ("Russia", "ACCUSE", "NATO", "false"),
                   ("Russia", "ACCUSE", "NATO", "false"), ("Russia", "REJECT", "NATO expansion", "false")]
    # no ROLE claim (Mark Rutte), nothing from a2; the speaker is optional
    assert sorted(r["speaker"] or "" for r in rows) == ["", "", "", "Maria Zakharova"]
    assert {r["article"] for r in rows} == {"a1"}


def test_evaluation_claims_lists_every_claim_once(store):
    names, table = run(store, "evaluation_claims")
    assert names[:5] == ["claim", "article", "subject", "object", "relation"]
    assert len(table) == len(A1) + len(A2)
    assert len({r[0] for r in table}) == len(table)
    assert ["a2", "United States", "war", "PURSUE", "positive", "true"] in [r[1:7] for r in table]


def test_graph_claims_keeps_roles_and_types_the_ends(store):
    names, table = run(store, "graph_claims")
    rows = [dict(zip(names, r)) for r in table]
    assert len(rows) == len(A1) + len(A2)
    assert "ROLE" in {r["relation"] for r in rows}
    types = {(r["sLabel"], r["sType"]) for r in rows} | {(r["oLabel"], r["oType"]) for r in rows}
    assert ("NATO", "InternationalOrganization") in types and ("NATO expansion", "Topic") in types
    assert {r["articleId"] for r in rows} == {"a1", "a2"}
