"""Relation candidates in a sentence, from the lexicon and the dependency parse.

Each rule family is a small generator over a sentence that yields :class:`Candidate` records:
which word signalled which relation type, and the head words of its subject and object phrases.
Turning those words into actors and topics, and attributing them, is :mod:`kg.extract.claims`'s job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.arguments import (
    NOMINAL_SUBJECT_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    PREP_DEPS,
    conjuncts_of,
    dep_children,
    explicit_subject,
    implicit_subject,
    parties_of,
    place,
    pobj_of,
    prep_object,
    reduced_relative,
)
from kg.extract.lexicon import Lexicon
from kg.extract.modality import requests
from kg.extract.triggers import (
    AREA_PREPS,
    content_noun,
    is_act,
    issuer,
    named_modifier,
    noun_relation,
    read_verb,
    verb_type,
)

NOUN_OBJECT_PREPS = frozenset({"of", "for", "against", "on", "with", "toward", "towards", "to", "over", "about", "in"})
DEONTIC = frozenset({"should", "must", "ought"})
CLOSE_DEPS = frozenset({"amod", "advmod", "compound", "neg", "npadvmod", "acomp", "attr"})


@dataclass(frozen=True)
class Candidate:
    rtype: str
    trigger: Token
    subject: Token | None  # head word of the subject phrase, if the parse gives one
    object: Token  # head word of the object phrase
    family: str  # rule family that found it: verb, phrasal, light, passive, noun, symmetric, mutual, pair, attributed, copular
    partner: Token | None = None  # symmetric relations: the other participant when both are in a "between" phrase


PLACE_PREPS = frozenset({"in", "inside", "with", "near", "across", "along", "of", "on"})


def _placed(obj: Token | None, verb: Token, lex: Lexicon) -> Token | None:
    """"struck targets in Syria", "deployed troops near its border with Guyana": a generic place noun
    with nobody named in it gives way to the place it is in or with (unless it names its owner:
    "Hezbollah positions")."""
    if obj is None or not (obj.lower_ in lex.generic_targets or obj.lemma_.lower() in lex.generic_targets) \
            or named_modifier(obj):
        return obj
    found = place(prep_object(obj, PLACE_PREPS)) or place(prep_object(verb, AREA_PREPS))
    return found if found is not None else obj


def _giver(verb: Token, lex: Lexicon) -> Token | None:
    """Who gave what the verb's subject received: "from Poland", else "Indian [artillery]"."""
    given = prep_object(verb, frozenset({"from"}))
    if given is not None:
        return given
    things = dep_children(verb, OBJECT_DEPS)
    thing = content_noun(things[0], lex) if things else None
    return next((c for c in thing.children if c.dep_ in ("amod", "compound", "poss") and c.text[:1].isupper()), None) \
        if thing is not None else None


def verb_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        rtype, obj, family = read_verb(verb, lex)
        if rtype is None or lex.verb_lemma(verb) in lex.negating_verbs and is_act(obj) \
                and lex.noun_type(obj.text, obj.lemma_) != "ACCUSE":
            continue  # "denied supplying weapons": a negated act; "denied the spying allegations": a rejection
        if verb.dep_ in OBJECT_DEPS and verb.head.pos_ == "VERB" and read_verb(verb.head, lex)[2] == "light":
            continue  # "slashes funding for UNICEF": the light verb's reading, not "funding" on its own
        passive = dep_children(verb, PASSIVE_SUBJECT_DEPS)
        agent = next((pobj_of(a) for a in dep_children(verb, frozenset({"agent"}))), None)
        if family == "verb" and (passive or reduced_relative(verb)):  # "the aid, sent by X"
            obj, subject, family = (passive[0] if passive else verb.head), agent, "passive"
        elif family == "light" and passive:
            subject = agent
        else:
            subject = explicit_subject(verb) or implicit_subject(verb) or issuer(verb, lex)
        if family == "light" and rtype == "AID" and lex.verb_lemma(verb) in lex.receiving_verbs:
            subject, obj = _giver(verb, lex), subject  # "received tanks from Poland"
            if subject is None or obj is None:
                continue
        if family in ("verb", "passive") and lex.verb_lemma(verb) in lex.experiencer_verbs:
            if any(p.lower_ == "by" and pobj_of(p) is not None and pobj_of(p).pos_ == "VERB"
                   for p in dep_children(verb, PREP_DEPS | {"agent"})):
                continue  # "Israel alarmed its neighbours by announcing ...": an agent's act, not a stance
            subject, obj = obj, subject  # "the drills alarmed Tokyo", "Tokyo was alarmed by the drills": Tokyo's concern
        obj = _placed(obj, verb, lex)
        if obj is None:  # "Egypt and Jordan met", "signed an agreement"
            if _joint_act(rtype, verb, family, lex):
                if pair_noun(subject):  # "the two countries": the claims layer names them
                    yield Candidate(rtype, verb, subject, subject, "pair")
                else:
                    yield from _mutual(rtype, verb, subject)
            continue
        if _reciprocal(obj) or family == "light" and lex.verb_lemma(verb) in lex.reciprocal_verbs \
                and _several(subject):  # "accused each other", "traded accusations over X"
            yield from _mutual(rtype, verb, subject)
            continue
        if family in ("verb", "phrasal") and rtype in lex.partner_types and not _is_partner(obj):
            yield from _mutual(rtype, verb, subject)  # "X and Y met over the conflict"
        objects = [obj] + [o for o in obj.conjuncts if o.pos_ in ("NOUN", "PROPN")  # not "east and south"
                           and not any(c.dep_ == "neg" for c in o.children)]  # "militants and not civilians"
        for s in parties_of(subject):
            for o in objects:
                yield Candidate(rtype, verb, s, o, family)


def demand_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    """"the Philippines should stop sending vessels, Lin said": what a speaker says an actor should or
    must do is the speaker's request to it (acts the lexicon knows are turned into requests by
    :func:`kg.extract.derived.demand` instead). No subject: the claims layer gives it to the speaker."""
    for verb in sent:
        if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in verb.children):
            continue
        stops = lex.verb_lemma(verb) in lex.negating_verbs and any(
            c.dep_ == "xcomp" or c.dep_ in OBJECT_DEPS and is_act(c) for c in verb.children)
        if verb_type(verb, lex) is not None and not stops:
            continue  # a typed act becomes a request in the claims layer; "should stop sending ..." is one here
        subject = explicit_subject(verb)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            yield Candidate("REQUEST", verb, None, subject, "demand")


def _joint_act(rtype: str, verb: Token, family: str, lex: Lexicon) -> bool:
    """An act with no other party than its subjects: a light verb with a symmetric noun ("signed an
    agreement"), or a partner verb with no object at all ("met")."""
    nouns = dep_children(verb, OBJECT_DEPS)
    if family == "light" and nouns:
        noun = content_noun(nouns[0], lex)
        return noun.lower_ in lex.symmetric_nouns or noun.lemma_.lower() in lex.symmetric_nouns \
            or lex.verb_lemma(verb) in lex.reciprocal_verbs
    return family in ("verb", "phrasal") and not nouns and rtype in lex.partner_types


PAIR_NOUNS = frozenset({"country", "countries", "nation", "nations", "side", "sides", "government", "governments",
                        "leader", "leaders", "state", "states", "neighbour", "neighbours", "neighbor", "neighbors"})


def pair_noun(subject: Token | None) -> bool:
    """"The two countries", "both sides": a pair named before."""
    return subject is not None and subject.lower_ in PAIR_NOUNS and any(
        c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet", "amod") for c in subject.children)


def _several(subject: Token | None) -> bool:
    """Coordinated subjects, or a subject with coordinated modifiers ("Indian and Pakistani troops")."""
    return subject is not None and (len(parties_of(subject)) > 1 or _coordinated_modifier(subject) is not None)


def _coordinated_modifier(subject: Token) -> Token | None:
    """The first of coordinated modifiers ("Indian and Pakistani troops") or "from"/"of" objects
    ("delegations from Sudan and Chad") of a subject."""
    for c in subject.children:
        if c.dep_ in ("amod", "compound") and c.conjuncts:
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            obj = pobj_of(c)
            if obj is not None and obj.conjuncts:
                return obj
    return None


def _mutual(rtype: str, verb: Token, subject: Token | None) -> Iterator[Candidate]:
    """Each of the coordinated subjects toward the others (none with fewer than two); "Indian and
    Pakistani troops": the coordinated modifiers."""
    parties = parties_of(subject)
    if len(parties) == 1 and subject is not None:
        named = _coordinated_modifier(subject)
        parties = [named, *named.conjuncts] if named is not None else parties
    if len(parties) < 2:
        return
    for a in parties:
        for b in parties:
            if a.i != b.i:
                yield Candidate(rtype, verb, a, b, "mutual")


def _is_partner(obj: Token) -> bool:
    """Is ``obj`` who the act is with ("met with Xi", "met Xi"), not what it is about ("met over the conflict")?"""
    return obj.dep_ in OBJECT_DEPS or obj.dep_ == "pobj" and obj.head.lower_ == "with"


def _reciprocal(obj: Token) -> bool:
    """"each other", "one another"."""
    return obj.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in obj.children) \
        or obj.lower_ == "other" and obj.i > 0 and obj.doc[obj.i - 1].lower_ == "each"


def _noun_participants(noun: Token) -> tuple[Token | None, Token | None]:
    """(owner, target) of a relation noun: "the US goal of X", "criticism of X by Y", "talks with X"."""
    owner = next((c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  and (c.pos_ in ("PROPN", "NOUN") or c.pos_ == "ADJ" and c.text[:1].isupper())), None)  # not "close"
    target = None
    for prep in dep_children(noun, frozenset({"prep"})):
        obj = pobj_of(prep)
        if obj is None:
            continue
        if prep.lower_ in ("by", "from"):  # "criticism by Y", "condemnation from Y"
            owner = obj
        elif prep.lower_ in NOUN_OBJECT_PREPS and target is None:
            target = obj
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_ == "responsibility" \
            and noun.head.head.head.lemma_ in ("claim", "take", "accept", "admit"):
        owner = explicit_subject(noun.head.head.head)  # "the Houthis claimed responsibility for the attack"
    elif owner is None and noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB" \
            and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        owner = explicit_subject(noun.head) or implicit_subject(noun.head)  # "Spain scaled back its support"
    elif owner is None and noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        owner = noun.head  # "Russia, a close ally of Damascus"
    elif owner is None and noun.dep_ == "attr" and noun.head.pos_ == "AUX":
        owner = explicit_subject(noun.head)  # "Russia is a close ally of Syria"
    return owner, target


def _desired(noun: Token, lex: Lexicon) -> bool:
    """Is the noun what a verb of wanting asks for ("push for a deal", "seek talks"), or what someone
    is asked to do?"""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in OBJECT_DEPS else None
    if head is None or head.pos_ != "VERB":
        return False
    if head.dep_ == "xcomp" and requests(head.head, lex):
        return True  # "called on Iran to resume cooperation with the agency": asked for, not done
    lemma = lex.verb_lemma(head)
    prep = noun.head.lower_ if noun.dep_ == "pobj" else ""
    rtype = lex.phrasal.get(f"{lemma} {prep}") if prep else lex.verbs.get(lemma)
    return rtype in lex.desire_types


def noun_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    for noun in sent:
        lemma = noun.lemma_.lower()
        rtype = noun_relation(noun, lex) if noun.pos_ == "NOUN" else None
        if rtype is None:
            continue
        if noun.dep_ in OBJECT_DEPS and lex.verb_lemma(noun.head) in lex.light_verbs:
            continue  # "voiced concern over X" is the light-verb reading
        if _desired(noun, lex):
            continue  # "pushing for a normalisation agreement": wanted, not done
        between = next((p for p in dep_children(noun, frozenset({"prep"})) if p.lower_ == "between"), None)
        if between is not None and (lemma in lex.symmetric_nouns or noun.lower_ in lex.symmetric_nouns):
            first = pobj_of(between)
            others = first.conjuncts if first is not None else ()
            if first is not None and others:
                yield Candidate(rtype, noun, first, others[0], "symmetric", partner=first)
            continue
        owner, target = _noun_participants(noun)
        if target is None and noun.dep_ in OBJECT_DEPS and lex.verb_lemma(noun.head) in lex.reaction_verbs:
            target = explicit_subject(noun.head) or implicit_subject(noun.head)  # "X drew criticism from Y"
            owner = owner or prep_object(noun.head, frozenset({"from"}))
        if target is not None:  # with no owner named, the claims layer may take the speaker's side
            for who in conjuncts_of(owner):  # "condemnation from Japan and South Korea"
                for whom in (parties_of(target) if target.dep_ in NOMINAL_SUBJECT_DEPS else [target]):
                    yield Candidate(rtype, noun, who, whom, "noun")  # "Iraq and Syria resisted pressure from X"
