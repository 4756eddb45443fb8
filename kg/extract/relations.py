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
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    PREP_DEPS,
    RELATIVE_PRONOUNS,
    active_or_passive_subject,
    conjuncts_of,
    dep_children,
    explicit_subject,
    hyphen_head,
    implicit_subject,
    is_time,
    parties_of,
    place,
    pobj_of,
    prep_object,
)
from kg.extract.lexicon import Lexicon
from kg.extract.modality import requests

ARG_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "for", "about", "over", "into", "at",
                       "around", "near", "off"})
NOUN_OBJECT_PREPS = frozenset({"of", "for", "against", "on", "with", "toward", "towards", "to", "over", "about", "in"})
AREA_PREPS = frozenset({"in", "inside", "across"})
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "THREATEN", "CONCERN"})  # "warned that X would ...": X is the target
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


def _preferred_object(verb: Token, rtype: str, lex: Lexicon) -> Token | None:
    """Partners ("share data with Seoul") and recipients ("transfer ships to Manila") over the thing."""
    if rtype in lex.partner_types:
        return prep_object(verb, frozenset({"with"}))
    if rtype in lex.recipient_types:
        return prep_object(verb, frozenset({"to"}))
    return None


def content_noun(noun: Token, lex: Lexicon) -> Token:
    """"a new package of sanctions" -> "sanctions"; "$500 million in aid" -> "aid"."""
    if noun.lemma_.lower() in lex.quantity_nouns:
        for prep in dep_children(noun, frozenset({"prep"})):
            if prep.lower_ in ("of", "in") and pobj_of(prep) is not None:
                return pobj_of(prep)
    return noun


def light_type(verb: Token, noun: Token, lex: Lexicon) -> str | None:
    """"voiced concern", "imposed sanctions", "reaffirmed its support": the type the noun gives the verb."""
    lemma = lex.verb_lemma(verb)
    light = lex.light_verbs.get(lemma, {})
    found = light.get(noun.lower_) or light.get(noun.lemma_.lower())
    if found is None and lemma in lex.support_verbs:
        found = lex.noun_type(noun.text, noun.lemma_)
    if found is None:  # "announced a military aid package": the compound says what the package is
        found = next((t for c in noun.children if c.dep_ == "compound"
                      for t in (light.get(c.lower_), lex.noun_type(c.text, c.lemma_) if lemma in lex.support_verbs
                                else None) if t), None)
    return _in_words(noun, lex) or found if found is not None else None


def _in_words(noun: Token, lex: Lexicon) -> str | None:
    """"a scathing attack on Tokyo", "a verbal attack": a noun of force used of words, and its type then."""
    lemma = noun.lemma_.lower()
    if lemma in lex.verbal_readings and any(c.dep_ == "amod" and c.lower_ in lex.verbal_modifiers for c in noun.children):
        return lex.verbal_readings[lemma]
    return None


def noun_relation(noun: Token, lex: Lexicon) -> str | None:
    """The relation a noun signals ("sanctions", "a verbal attack")."""
    return _in_words(noun, lex) or lex.noun_type(noun.text, noun.lemma_)


def _complement_object(verb: Token, lex: Lexicon) -> Token | None:
    """What the open complement acts on: "threatened to launch an operation [in Syria]"."""
    for comp in dep_children(verb, frozenset({"xcomp"})):
        objs = dep_children(comp, OBJECT_DEPS)
        if objs:
            noun = content_noun(objs[0], lex)
            return prep_object(noun, AREA_PREPS | ARG_PREPS) or noun
    return None


def _is_act(token: Token | None) -> bool:
    """A gerund or what a gerund modifies ("denied [supplying] weapons", as the parser may have it)."""
    return token is not None and (token.pos_ == "VERB" or any(c.pos_ == "VERB" and c.tag_ == "VBG" and c.i < token.i
                                                              for c in token.children))


def _what_it_called(verb: Token) -> Token | None:
    """"criticised what he called the council's silence", "what it described as a provocation": the
    named thing is the object."""
    for clause in dep_children(verb, frozenset({"ccomp"})):
        if not any(c.lower_ == "what" and c.dep_ in OBJECT_DEPS for c in clause.children):
            continue
        named = dep_children(clause, frozenset({"oprd"}))
        named += [pobj_of(p) for p in dep_children(clause, frozenset({"prep"})) if p.lower_ == "as" and pobj_of(p) is not None]
        if named:
            return named[0]
    return None


def _named_modifier(noun: Token) -> bool:
    """"five US citizens", "Indian goods": the noun carries the actor it is about."""
    return any(c.dep_ in ("compound", "amod", "poss") and c.text[:1].isupper() for c in noun.children)


def _named_official(noun: Token, lex: Lexicon) -> bool:
    """"summoned the Russian ambassador (over a missile)": the official is who the act is aimed at."""
    return (noun.lower_ in lex.official_nouns or noun.lemma_.lower() in lex.official_nouns) and _named_modifier(noun)


def _verb_type(verb: Token, lex: Lexicon) -> tuple[str | None, Token | None, str]:
    """(type, object word, family) for a verb, trying phrasal, light-verb and plain readings."""
    lemma = lex.verb_lemma(verb)
    if lemma in lex.inheriting_verbs and verb.dep_ in ("advcl", "acl") and verb.head.i != verb.i:
        head = verb.head  # "imposed sanctions on Belarus, targeting banks": the sanctions' type
        rtype = _verb_type(head, lex)[0] if head.pos_ == "VERB" else lex.noun_type(head.text, head.lemma_)
        if rtype is not None:
            return rtype, (dep_children(verb, OBJECT_DEPS) or [None])[0], "verb"
    for part in verb.children:
        if part.dep_ == "prep" and any(is_time(o) for o in part.children if o.dep_ == "pobj"):
            continue  # "called on Sunday on Mali to ...": a date, not the particle
        if part.dep_ in ("prt", "prep") and f"{lemma} {part.lower_}" in lex.phrasal:
            rtype = lex.phrasal[f"{lemma} {part.lower_}"]
            obj = dep_children(verb, OBJECT_DEPS) or ([pobj_of(part)] if part.dep_ == "prep" and pobj_of(part) else [])
            if not obj and part.dep_ == "prt":  # "cracked down on militants"
                obj = [o for o in [prep_object(verb, ARG_PREPS)] if o is not None]
            return rtype, (obj[0] if obj else None), "phrasal"
    dobjs = [hyphen_head(d) for d in dep_children(verb, OBJECT_DEPS)[:1]]
    noun = (dobjs or dep_children(verb, PASSIVE_SUBJECT_DEPS) or [None])[0]
    noun = content_noun(noun, lex) if noun is not None else None
    rtype = light_type(verb, noun, lex) if noun is not None else None
    supplied = prep_object(verb, frozenset({"with"})) if rtype is None and dobjs else None
    supplied_type = light_type(verb, content_noun(supplied, lex), lex) if supplied is not None else None
    if supplied_type:
        return supplied_type, dobjs[0], "light"  # "provided Kyiv with tanks"
    if rtype:
        preps = ARG_PREPS - {"with"} if rtype in lex.area_target_types else ARG_PREPS  # "fire with mortars on X"
        # "ordered the expulsion of diplomats", "froze its participation in the treaty"
        of_noun = preps | {"of"} | ({"in"} if rtype in ("REJECT", "CONCEDE") else set())
        target = noun if _named_official(noun, lex) else \
            prep_object(noun, of_noun) or prep_object(verb, preps) or prep_object(noun, ARG_PREPS) or prep_object(verb, ARG_PREPS)
        target = content_noun(target, lex) if target is not None else None  # "on $20 billion worth of goods"
        if target is None and rtype in CLAUSE_TARGET_TYPES:  # "voiced concern that the tariffs could ..."
            target = _clause_subject(noun) or _clause_subject(verb)
        if target is None and rtype in ("SANCTION", "REJECT", "CONCEDE"):  # "recalled its ambassador from Ethiopia"
            target = prep_object(noun, frozenset({"from"})) or prep_object(verb, frozenset({"from"}))
        if target is None and rtype in lex.area_target_types:  # "an operation in northern Syria"
            target = place(prep_object(noun, AREA_PREPS) or prep_object(verb, AREA_PREPS))
        if target is None and (rtype == "REQUEST" or rtype in lex.modifier_target_types and _named_modifier(noun)):
            target = noun  # "seeks clarification", "released five US citizens"
        return rtype, target, "light"
    if lemma in lex.experiencer_verbs and (dobjs or dep_children(verb, PASSIVE_SUBJECT_DEPS)):
        return lex.experiencer_verbs[lemma], (dobjs or [None])[0], "verb"  # "alarmed Tokyo": see verb_candidates
    if lemma in lex.verbs:
        rtype = lex.verbal_readings[lemma] if lemma in lex.verbal_readings and _of_words(verb) else lex.verbs[lemma]
        obj = _preferred_object(verb, rtype, lex) or (content_noun(dobjs[0], lex) if dobjs else prep_object(verb, ARG_PREPS))
        if obj is None and verb.dep_ == "relcl" and not dep_children(verb, PASSIVE_SUBJECT_DEPS) \
                and not any(s.lower_ in RELATIVE_PRONOUNS for s in dep_children(verb, frozenset({"nsubj"}))):
            obj = verb.head  # "a charge Abu Dhabi has rejected" (not "Qatar, which has sought to mediate")
        if obj is None and rtype in lex.complement_types:  # "threatened to launch an operation"
            obj = _complement_object(verb, lex)
        if obj is None:
            obj = _what_it_called(verb)
        if obj is None and rtype in CLAUSE_TARGET_TYPES:  # "demanded that Stockholm crack down": asked of Stockholm
            obj = _clause_subject(verb, future=rtype == "THREATEN")  # "warned that X would face ..."
        return rtype, obj, "verb"
    return None, None, ""


def _of_words(verb: Token) -> bool:
    """"attacked Trump for his views", "attacked Trump over the deal": a reason given, or a person
    attacked, is an attack in words (not "attacked Gaza for a third day")."""
    reasons = [pobj_of(p) for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"]
    if any(r is not None and not is_time(r) and not r.like_num and not any(
            c.dep_ in ("nummod", "amod") and c.tag_ in ("CD", "JJ") and c.like_num for c in r.children) for r in reasons):
        return True
    return any(o.ent_type_ == "PERSON" for o in dep_children(verb, OBJECT_DEPS))


def verb_type(verb: Token, lex: Lexicon) -> str | None:
    """The relation a verb signals, read as the rule families read it (phrasal, light-verb, plain)."""
    return _verb_type(verb, lex)[0]


def _clause_subject(word: Token, *, future: bool = False) -> Token | None:
    """The subject of a "that" clause hanging from ``word`` ("demanded that Stockholm crack down");
    with ``future``, only of a clause about what will happen ("warned that Iran would face ...", not
    "warned that the drills were dangerous")."""
    clause = next((c for c in word.children if c.dep_ in ("ccomp", "acl") and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        clause = next((c for c in word.children if c.dep_ == "ccomp"), None)
    if clause is None or future and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "'ll")
                                            for c in clause.children):
        return None
    subject = active_or_passive_subject(clause)
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None


def _issuer(verb: Token, lex: Lexicon) -> Token | None:
    """"The Assembly adopted a resolution condemning X": who issued the document says what it says."""
    document = verb.head if verb.dep_ == "acl" and verb.head.dep_ in OBJECT_DEPS else None
    if document is None or document.head.pos_ != "VERB" or _verb_type(document.head, lex)[0] != "ISSUE":
        return None
    return explicit_subject(document.head) or implicit_subject(document.head)


PLACE_PREPS = frozenset({"in", "inside", "with", "near", "across", "along", "of", "on"})


def _placed(obj: Token | None, verb: Token, lex: Lexicon) -> Token | None:
    """"struck targets in Syria", "deployed troops near its border with Guyana": a generic place noun
    with nobody named in it gives way to the place it is in or with (unless it names its owner:
    "Hezbollah positions")."""
    if obj is None or not (obj.lower_ in lex.generic_targets or obj.lemma_.lower() in lex.generic_targets) \
            or _named_modifier(obj):
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
        rtype, obj, family = _verb_type(verb, lex)
        if rtype is None or lex.verb_lemma(verb) in lex.negating_verbs and _is_act(obj) \
                and lex.noun_type(obj.text, obj.lemma_) != "ACCUSE":
            continue  # "denied supplying weapons": a negated act; "denied the spying allegations": a rejection
        passive = dep_children(verb, PASSIVE_SUBJECT_DEPS)
        agent = next((pobj_of(a) for a in dep_children(verb, frozenset({"agent"}))), None)
        if family == "verb" and (passive or (verb.dep_ == "acl" and verb.tag_ == "VBN")):
            obj, subject, family = (passive[0] if passive else verb.head), agent, "passive"
        elif family == "light" and passive:
            subject = agent
        else:
            subject = explicit_subject(verb) or implicit_subject(verb) or _issuer(verb, lex)
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
        if verb_type(verb, lex) is not None:
            continue
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
    if owner is None and noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB" \
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
        rtype = lex.noun_type(noun.text, lemma) if noun.pos_ == "NOUN" else None
        if rtype is None:
            continue
        rtype = _in_words(noun, lex) or rtype
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
                yield Candidate(rtype, noun, who, target, "noun")
