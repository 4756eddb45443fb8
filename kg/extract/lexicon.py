"""The relation lexicon (``kg/data/lexicon.json``), validated on load into lookup tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.errors import DataFileError

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicon.json"
POLARITIES = frozenset({"positive", "negative", "neutral"})
# The PLOVER-aligned relation types of the ontology (fp:RelationTypes; tests/test_namespace.py checks they agree).
RELATION_TYPES = frozenset({"SUPPORT", "COOPERATE", "CONSULT", "AGREE", "AID", "CONCEDE", "PURSUE", "REQUEST", "ACCUSE",
                            "REJECT", "CONCERN", "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "ISSUE"})


@dataclass(frozen=True)
class Lexicon:
    polarity: dict[str, str]  # relation type -> polarity
    verbs: dict[str, str]  # verb lemma -> type
    nouns: dict[str, str]  # noun lemma -> type
    phrasal: dict[str, str]  # "lemma particle" -> type
    light_verbs: dict[str, dict[str, str]]  # verb lemma -> {noun lemma -> type}
    symmetric_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    accusing_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    evaluative_verbs: frozenset[str]
    stance_nouns: frozenset[str]  # "confrontational language about China": a noun an evaluation makes a stance
    positive_words: frozenset[str]
    negative_words: frozenset[str]
    diminishers: frozenset[str]
    topic_stop_modifiers: frozenset[str]
    light_nouns: frozenset[str]
    agent_nouns: frozenset[str]  # heads whose modifier names the actor ("Russian officials")
    posts: frozenset[str]  # words of office ("spokeswoman", "minister")
    support_verbs: frozenset[str]  # verbs that take their relation from their object noun ("reaffirm support")
    quantity_nouns: frozenset[str]  # "a package of sanctions": the noun after "of" counts
    definite: dict[str, tuple[str, ...]]  # "the bloc" -> kinds it may resume, most likely first
    first_person: frozenset[str]  # "we" in a quote: the speaker's side
    adjective_predicates: dict[str, dict[str, str]]  # "committed" -> {"to": "PURSUE"}
    partner_types: frozenset[str]  # types whose object is the "with" partner when there is one
    recipient_types: frozenset[str]  # types whose object is the "to" recipient when there is one
    desire_types: frozenset[str]  # "push for an agreement": a relation noun wanted, not done
    speaker_side_types: frozenset[str]  # relation nouns with no owner that may take the speaker's side
    alleging_verbs: frozenset[str]  # "accused X of arming Y": X arming Y is alleged, not established
    reaction_verbs: frozenset[str]  # "drew condemnation from X": X's relation toward the verb's subject
    event_heads: frozenset[str]  # "the Ukraine war": a named modifier of these is no owner
    modifier_target_types: frozenset[str]  # "released five US citizens": the modifier's actor is the target
    area_target_types: frozenset[str]  # "an operation in Syria": "in" names the target of these
    official_nouns: dict[str, str]  # "Swedish officials" -> the generic body ("government") that speaks
    portfolios: dict[str, str]  # "Pakistan's [foreign] minister" -> the generic body ("foreign_ministry") that speaks
    own_side_nouns: frozenset[str]  # "Choi said the government ...": the speaker's own government
    complement_types: frozenset[str]  # "threatened to launch an operation in X": X is the object
    generic_targets: frozenset[str]  # "struck targets in Syria", "troops near its border with Guyana": the place names the target
    event_anaphors: frozenset[str]  # "condemned the decision": the last act told before, and its doer
    inheriting_verbs: frozenset[str]  # "sanctions on X, targeting banks": the act it elaborates gives the type
    receiving_verbs: frozenset[str]  # "Kyiv received tanks from Warsaw": the "from" side gives
    reciprocal_verbs: frozenset[str]  # "traded accusations", "exchanged fire": each subject toward the others
    experiencer_verbs: dict[str, str]  # "the drills alarmed Tokyo": the object's relation toward the subject
    verbal_readings: dict[str, str]  # "attacked Trump for his views": a verb of force used of words
    verbal_modifiers: frozenset[str]  # "a [scathing] attack on Tokyo": the noun of force used of words
    negating_nouns: frozenset[str]  # "Ukraine's refusal to extend the deal": what it governs is not done
    allegation_nouns: frozenset[str]  # "claims that Serbia had massed troops": a charge, not an established act
    refusing_verbs: frozenset[str]  # "refused to accept the demand": a rejection of the demand as well
    group_nouns: frozenset[str]  # "the Armenian opposition accused ...": a group, unless "opposition to X"
    portfolio_words: frozenset[str]  # "[Trade] Minister Don Farrell": a portfolio the NER may take for a name
    intent_nouns: frozenset[str]  # "Sweden's bid to join NATO": what the noun's complement says is intended
    named_object_verbs: dict[str, str]  # "missiles hit [Kyiv]": this reading only with a name the gazetteer knows
    open_when_negated: frozenset[str]  # "did not rule out supporting": negated, these leave the act open

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.polarity) | {"ROLE"}

    @cached_property
    def known_verbs(self) -> frozenset[str]:
        """Every verb lemma the lexicon lists, in any role."""
        phrasal = {p.split()[0] for p in self.phrasal}
        return frozenset(self.verbs) | frozenset(self.light_verbs) | phrasal | self.support_verbs | \
            self.reporting_verbs | self.accusing_verbs | self.negating_verbs | self.hedge_verbs | \
            self.evaluative_verbs | self.reaction_verbs | self.alleging_verbs | frozenset(self.experiencer_verbs) | \
            frozenset(self.named_object_verbs)

    def verb_lemma(self, token) -> str:
        """The token's lemma, or, when the model's lemma is no verb the lexicon knows ("staged" ->
        "stag"), the known verb its written form inflects ("stage")."""
        lemma = token.lemma_.lower()
        if lemma in self.known_verbs or token.pos_ not in ("VERB", "AUX"):
            return lemma
        word = token.lower_
        if word in self.known_verbs:
            return word
        if word.endswith(("s", "d", "ing")):
            for stem in (word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
                if stem in self.known_verbs:
                    return stem
        return lemma

    def noun_type(self, word: str, lemma: str) -> str | None:
        """The relation a noun signals, by its form or its lemma ("talks" is listed, its lemma is "talk")."""
        return self.nouns.get(word.lower()) or self.nouns.get(lemma.lower())


def _words(data: dict, name: str, where: str) -> frozenset[str]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(f"{where}: '{name}' must be a list of words")
    return frozenset(value)


def _typed(mapping: dict, types: set[str], where: str) -> dict[str, str]:
    bad = {k: v for k, v in mapping.items() if v not in types}
    if bad:
        raise DataFileError(f"{where}: unknown relation types {sorted(set(bad.values()))}")
    return dict(mapping)


def _type_set(data: dict, name: str, types: set[str], where: str) -> frozenset[str]:
    """A list of relation types, each checked against the lexicon's types."""
    words = _words(data, name, where)
    unknown = sorted(words - types)
    if unknown:
        raise DataFileError(f"{where}: '{name}' has unknown relation types {unknown}")
    return words


def _relations(data: dict, where: str) -> tuple[dict, dict, dict]:
    polarity, verbs, nouns = {}, {}, {}
    relations = data.get("relations", {})
    if not isinstance(relations, dict):
        raise DataFileError(f"{where}: 'relations' must be an object")
    for rtype, spec in relations.items():
        if rtype not in RELATION_TYPES:
            raise DataFileError(f"{where}: unknown relation type {rtype!r}")
        if not isinstance(spec, dict) or spec.get("polarity") not in POLARITIES:
            raise DataFileError(f"{where}: relation {rtype} needs a polarity in {sorted(POLARITIES)}")
        polarity[rtype] = spec["polarity"]
        for word in _words(spec, "verbs", f"{where} {rtype}"):
            verbs.setdefault(word, rtype)
        for word in _words(spec, "nouns", f"{where} {rtype}"):
            nouns.setdefault(word, rtype)
    if not polarity:
        raise DataFileError(f"{where}: no relations")
    return polarity, verbs, nouns


def _definite(data: dict, where: str) -> dict[str, tuple[str, ...]]:
    """Invert {kind: [nouns]} into {noun: (kinds...)}, kinds in file order."""
    raw = data.get("definite_descriptions", {})
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: 'definite_descriptions' must map actor kinds to nouns")
    out: dict[str, tuple[str, ...]] = {}
    for kind in raw:
        for noun in _words(raw, kind, f"{where} definite_descriptions"):
            out[noun] = out.get(noun, ()) + (kind,)
    return out


def _official_nouns(data: dict, where: str, name: str = "official_nouns") -> dict[str, str]:
    raw = data.get(name, {})
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in raw.items()):
        raise DataFileError(f"{where}: '{name}' must map words to generic body types")
    return dict(raw)


# fields read the same way from the data key of their own name
WORD_LISTS = (
    "symmetric_nouns",
    "reporting_verbs",
    "negating_verbs",
    "hedge_modals",
    "hedge_adverbs",
    "hedge_verbs",
    "topic_stop_modifiers",
    "light_nouns",
    "agent_nouns",
    "posts",
    "support_verbs",
    "quantity_nouns",
    "first_person",
    "alleging_verbs",
    "reaction_verbs",
    "event_heads",
    "own_side_nouns",
    "generic_targets",
    "event_anaphors",
    "inheriting_verbs",
    "receiving_verbs",
    "reciprocal_verbs",
    "open_when_negated",
    "verbal_modifiers",
    "negating_nouns",
    "allegation_nouns",
    "refusing_verbs",
    "group_nouns",
    "portfolio_words",
    "intent_nouns",
)
TYPED_TABLES = (
    "experiencer_verbs",
    "verbal_readings",
    "named_object_verbs",
)
TYPE_SETS = (
    "partner_types",
    "modifier_target_types",
    "area_target_types",
    "complement_types",
    "desire_types",
    "speaker_side_types",
    "recipient_types",
)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    path = Path(path) if path else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read lexicon: {exc}") from exc
    where = path.name
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a JSON object")
    polarity, verbs, nouns = _relations(data, where)
    types = set(polarity)
    light = {verb: _typed(objs, types, f"{where} light_verbs.{verb}") for verb, objs in data.get("light_verbs", {}).items()}
    ev = data.get("evaluative", {})
    same_name = {name: _words(data, name, where) for name in WORD_LISTS}
    same_name |= {name: _typed(data.get(name, {}), types, f"{where} {name}") for name in TYPED_TABLES}
    same_name |= {name: _type_set(data, name, types, where) for name in TYPE_SETS}
    return Lexicon(
        polarity=polarity, verbs=verbs, nouns=nouns,
        phrasal=_typed(data.get("phrasal_verbs", {}), types, f"{where} phrasal_verbs"),
        light_verbs=light,
        accusing_verbs=_words(data, "accusing_reporting_verbs", where),
        evaluative_verbs=_words(ev, "verbs", f"{where} evaluative"),
        stance_nouns=_words(ev, "nouns", f"{where} evaluative"),
        positive_words=_words(ev, "positive", f"{where} evaluative"),
        negative_words=_words(ev, "negative", f"{where} evaluative"),
        diminishers=_words(ev, "diminishers", f"{where} evaluative"),
        definite=_definite(data, where),
        adjective_predicates={adj: _typed(preps, set(polarity), f"{where} adjective_predicates.{adj}")
                              for adj, preps in data.get("adjective_predicates", {}).items()},
        official_nouns=_official_nouns(data, where),
        portfolios=_official_nouns(data, where, "portfolios"),
        **same_name,
    )
