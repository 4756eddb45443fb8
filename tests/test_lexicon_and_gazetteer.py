"""The bundled data files load, and malformed ones are refused with a DataFileError that says where."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from kg.errors import DataFileError
from kg.extract.lexicon import load_lexicon
from kg.nlp.gazetteer import KINDS, load_gazetteer
from kg.rdf.gen_namespace import FP_IRI, FP_TTL
from kg.rdf.mapping import DIRECT_PREDICATE


# -- the lexicon ------------------------------------------------------------------------------
def test_bundled_lexicon_loads():
    lex = load_lexicon()
    assert lex.types == set(DIRECT_PREDICATE)
    assert "ROLE" in lex.types and "ROLE" not in lex.polarity
    assert lex.polarity["ACCUSE"] == "negative" and lex.polarity["SUPPORT"] == "positive"
    assert lex.verbs["condemn"] == "ACCUSE" and lex.nouns["sanctions"] == "SANCTION"
    assert set(lex.phrasal.values()) <= lex.types
    assert all(set(objs.values()) <= lex.types for objs in lex.light_verbs.values())
    assert "say" in lex.reporting_verbs and "could" in lex.hedge_modals


def _lexicon(**overrides) -> dict:
    data = {"version": 1,
            "relations": {"ACCUSE": {"polarity": "negative", "verbs": ["condemn"], "nouns": ["condemnation"]},
                          "SUPPORT": {"polarity": "positive", "verbs": ["back"]}},
            "phrasal_verbs": {"call for": "ACCUSE"},
            "light_verbs": {"voice": {"support": "SUPPORT"}},
            "reporting_verbs": ["say"]}
    data.update(overrides)
    return data


def _write_lexicon(tmp_path: Path, data) -> Path:
    path = tmp_path / "my-lexicon.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_small_lexicon_loads(tmp_path):
    lex = load_lexicon(_write_lexicon(tmp_path, _lexicon()))
    assert lex.polarity == {"ACCUSE": "negative", "SUPPORT": "positive"}
    assert lex.verbs == {"condemn": "ACCUSE", "back": "SUPPORT"}
    assert lex.phrasal == {"call for": "ACCUSE"} and lex.light_verbs == {"voice": {"support": "SUPPORT"}}
    assert lex.hedge_modals == frozenset()  # optional lists default to empty


@pytest.mark.parametrize("data, words", [
    (_lexicon(phrasal_verbs={"call for": "DEMAND"}), ["DEMAND"]),
    (_lexicon(light_verbs={"voice": {"support": "PRAISE"}}), ["PRAISE", "light_verbs.voice"]),
], ids=["phrasal", "light"])
def test_lexicon_with_an_unknown_relation_type_is_refused(tmp_path, data, words):
    with pytest.raises(DataFileError) as info:
        load_lexicon(_write_lexicon(tmp_path, data))
    assert "my-lexicon.json" in str(info.value)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("spec", [{"verbs": ["condemn"]}, {"polarity": None}, {"polarity": "hostile"}],
                         ids=["missing", "null", "unknown"])
def test_lexicon_relation_without_a_polarity_is_refused(tmp_path, spec):
    data = _lexicon(relations={"ACCUSE": spec})
    with pytest.raises(DataFileError) as info:
        load_lexicon(_write_lexicon(tmp_path, data))
    assert "my-lexicon.json" in str(info.value) and "ACCUSE" in str(info.value)


@pytest.mark.parametrize("data, word", [
    (_lexicon(relations={}), "no relations"),
    (_lexicon(reporting_verbs="say"), "reporting_verbs"),
    (_lexicon(reporting_verbs=["say", ""]), "reporting_verbs"),
    (_lexicon(relations={"ACCUSE": {"polarity": "negative", "verbs": [1]}}), "verbs"),
    ("{not json", "cannot read lexicon"),
], ids=["no-relations", "string-not-list", "empty-word", "non-string-word", "bad-json"])
def test_malformed_lexicon_is_refused(tmp_path, data, word):
    with pytest.raises(DataFileError) as info:
        load_lexicon(_write_lexicon(tmp_path, data))
    assert "my-lexicon.json" in str(info.value) and word in str(info.value)


def test_missing_lexicon_file_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="nowhere.json"):
        load_lexicon(tmp_path / "nowhere.json")


def test_lexicon_relation_type_unknown_to_the_ontology_is_refused(tmp_path):
    data = _lexicon(relations={"FROBNICATE": {"polarity": "negative", "verbs": ["frobnicate"]}},
                    phrasal_verbs={}, light_verbs={})
    with pytest.raises(DataFileError, match="FROBNICATE"):
        load_lexicon(_write_lexicon(tmp_path, data))


@pytest.mark.parametrize("data", [_lexicon(relations={"ACCUSE": "negative"}), ["not", "an", "object"]],
                         ids=["spec-string", "file-list"])
def test_lexicon_that_is_not_made_of_objects_is_refused(tmp_path, data):
    with pytest.raises(DataFileError):
        load_lexicon(_write_lexicon(tmp_path, data))


# -- the gazetteer ----------------------------------------------------------------------------
def test_bundled_gazetteer_loads_and_fits_the_ontology():
    gaz = load_gazetteer()
    assert len(gaz.entries) > 300
    assert gaz.actor("russia").kind == "State" and gaz.actor("russia").iso == "RU"
    ontology = rdflib.Graph().parse(FP_TTL, format="turtle")
    for kind in {e.actor.kind for e in gaz.entries.values()}:
        assert kind in KINDS
        assert (rdflib.URIRef(FP_IRI + kind), RDF.type, OWL.Class) in ontology, kind
    for key, entry in gaz.entries.items():
        assert key == entry.actor.key
        assert entry.actor.parent is None or entry.actor.parent in gaz.entries
    assert gaz.generic_bodies


STATE = {"key": "turkey", "label": "Turkey", "kind": "State", "wikidata": "Q43", "iso": "TR",
         "aliases": ["Republic of Turkey"], "metonyms": ["Ankara"], "demonyms": ["Turkish"]}
BODY = {"key": "turkey_mfa", "label": "Turkish Foreign Ministry", "kind": "GovernmentBody", "parent": "turkey",
        "wikidata": None}
PERSON = {"key": "hakan_fidan", "label": "Hakan Fidan", "kind": "Person", "parent": "turkey", "body": "turkey_mfa",
          "post": "Foreign Minister", "aliases": ["Fidan"]}


def _gazetteer(tmp_path: Path, files: dict[str, object]) -> Path:
    directory = tmp_path / "gaz"
    directory.mkdir(exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(
            content if isinstance(content, dict) else {"version": 1, "actors": content})
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_small_gazetteer_loads(tmp_path):
    gaz = load_gazetteer(_gazetteer(tmp_path, {"states.json": [STATE], "people.json": [BODY, PERSON]}))
    assert set(gaz.entries) == {"turkey", "turkey_mfa", "hakan_fidan"}
    assert gaz.actor("turkey_mfa").parent == "turkey"
    assert gaz.entries["hakan_fidan"].body == "turkey_mfa"
    assert ("Ankara", "METONYM", "turkey") in gaz.surface_forms()
    assert gaz.by_demonym() == {"turkish": "turkey"}


@pytest.mark.parametrize("files, words", [
    ({"a.json": [STATE, dict(STATE, label="Türkiye")]}, ["a.json", "duplicate", "turkey"]),
    ({"a.json": [STATE], "b.json": [dict(STATE, label="Türkiye")]}, ["b.json", "duplicate", "turkey"]),
], ids=["same-file", "across-files"])
def test_gazetteer_with_a_duplicate_key_is_refused(tmp_path, files, words):
    with pytest.raises(DataFileError) as info:
        load_gazetteer(_gazetteer(tmp_path, files))
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("wikidata", ["X43", "43", "Q", "q43", "Q43a", "Q 43"])
def test_gazetteer_with_a_bad_wikidata_id_is_refused(tmp_path, wikidata):
    with pytest.raises(DataFileError, match="bad wikidata id") as info:
        load_gazetteer(_gazetteer(tmp_path, {"states.json": [dict(STATE, wikidata=wikidata)]}))
    assert "states.json actor #1" in str(info.value)


@pytest.mark.parametrize("kind", ["Planet", "state", "Topic", ""])
def test_gazetteer_with_an_unknown_kind_is_refused(tmp_path, kind):
    with pytest.raises(DataFileError, match="kind") as info:
        load_gazetteer(_gazetteer(tmp_path, {"states.json": [STATE, dict(BODY, kind=kind)]}))
    assert "states.json actor #2" in str(info.value)


@pytest.mark.parametrize("actors, key, ref", [
    ([STATE, dict(BODY, parent="atlantis")], "turkey_mfa", "atlantis"),
    ([STATE, BODY, dict(PERSON, body="atlantis_mfa")], "hakan_fidan", "atlantis_mfa"),
    ([dict(BODY, parent="turkey")], "turkey_mfa", "turkey"),  # the parent is missing altogether
], ids=["parent", "body", "missing-state"])
def test_gazetteer_with_a_dangling_reference_is_refused(tmp_path, actors, key, ref):
    with pytest.raises(DataFileError, match="unknown reference") as info:
        load_gazetteer(_gazetteer(tmp_path, {"a.json": actors}))
    assert repr(key) in str(info.value) and repr(ref) in str(info.value)


def test_gazetteer_references_may_cross_files(tmp_path):
    gaz = load_gazetteer(_gazetteer(tmp_path, {"a.json": [PERSON, BODY], "z.json": [STATE]}))
    assert gaz.actor("hakan_fidan").parent == "turkey"


@pytest.mark.parametrize("files, words", [
    ({}, ["no gazetteer files"]),
    ({"a.json": "{oops"}, ["a.json", "cannot read"]),
    ({"a.json": {"actors": {"turkey": STATE}}}, ["a.json", "'actors' list"]),
    ({"a.json": [dict(STATE, iso="TUR")]}, ["ISO 3166"]),
    ({"a.json": [dict(STATE, label="  ")]}, ["label"]),
    ({"a.json": [dict(STATE, aliases="Turkey")]}, ["aliases"]),
    ({"a.json": {"actors": [STATE], "generic_bodies": [{"label": "Foreign Ministry"}]}}, ["generic body #1"]),
    ({"a.json": {"actors": [STATE], "generic_bodies": [{"type": "media", "label": "Media", "alone": "no"}]}},
     ["generic body #1", "'alone'"]),
], ids=["empty-dir", "bad-json", "actors-not-list", "bad-iso", "blank-label", "aliases-not-list", "generic-body",
        "generic-body-alone"])
def test_malformed_gazetteer_is_refused(tmp_path, files, words):
    with pytest.raises(DataFileError) as info:
        load_gazetteer(_gazetteer(tmp_path, files))
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("field, value", [("wikidata", 43), ("wikidata", "Q43\n"), ("iso", "TR\n")])
def test_gazetteer_refuses_malformed_ids(tmp_path, field, value):
    with pytest.raises(DataFileError):
        load_gazetteer(_gazetteer(tmp_path, {"states.json": [dict(STATE, **{field: value})]}))


def test_the_bundled_gazetteer_passes_its_own_checker():
    script = Path(__file__).resolve().parents[1] / "scripts" / "check_gazetteer.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "places.json" in done.stdout  # every bundled file is checked


def test_a_verb_the_model_lemmatises_wrongly_is_still_known(nlp, lexicon):
    doc = nlp("China staged drills and is staging more; it stages them often.")
    assert [lexicon.verb_lemma(t) for t in doc if t.pos_ == "VERB"] == ["stage", "stage", "stage"]
