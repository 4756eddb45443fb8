"""What a trigger word signals: the relation type a verb or noun gives, read as the rule families
read it (phrasal, light-verb, plain), and the word its object phrase is headed by.

:mod:`kg.extract.relations` turns these readings into candidates; :mod:`kg.extract.pairs` uses the
same typing for the stance model's claims.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    RELATIVE_PRONOUNS,
    active_or_passive_subject,
    dep_children,
    explicit_subject,
    hyphen_head,
    implicit_subject,
    is_time,
    known_name,
    place,
    pobj_of,
    prep_object,
)
from kg.extract.lexicon import Lexicon

ARG_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "for", "about", "over", "into", "at",
                       "around", "near", "off"})
AREA_PREPS = frozenset({"in", "inside", "across"})
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "THREATEN", "CONCERN"})  # "warned that X would ...": X is the target


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
    if found is None:
        return None
    return _in_words(noun, lex) or found  # "launched a scathing attack": an attack in words


def _in_words(noun: Token, lex: Lexicon) -> str | None:
    """"a scathing attack on Tokyo", "a verbal attack": a noun of force used of words, and its type then."""
    lemma = noun.lemma_.lower()
    if lemma in lex.verbal_readings and any(c.dep_ == "amod" and c.lower_ in lex.verbal_modifiers
                                            for c in noun.children):
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


def is_act(token: Token | None) -> bool:
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


def named_modifier(noun: Token) -> bool:
    """"five US citizens", "Indian goods": the noun carries the actor it is about."""
    return any(c.dep_ in ("compound", "amod", "poss") and c.text[:1].isupper() for c in noun.children)


def _named_official(noun: Token, lex: Lexicon) -> bool:
    """"summoned the Russian ambassador (over a missile)": the official is who the act is aimed at."""
    return (noun.lower_ in lex.official_nouns or noun.lemma_.lower() in lex.official_nouns) and named_modifier(noun)


def read_verb(verb: Token, lex: Lexicon) -> tuple[str | None, Token | None, str]:
    """(type, object word, family) for a verb, trying phrasal, light-verb and plain readings."""
    lemma = lex.verb_lemma(verb)
    if lemma in lex.inheriting_verbs and verb.dep_ in ("advcl", "acl") and verb.head.i != verb.i:
        head = verb.head  # "imposed sanctions on Belarus, targeting banks": the sanctions' type
        rtype = read_verb(head, lex)[0] if head.pos_ == "VERB" else lex.noun_type(head.text, head.lemma_)
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
    if noun is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
        noun = verb.head  # "drones launched by the Houthis": the light verb's noun is the one it describes
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
            prep_object(noun, preps) or prep_object(noun, of_noun) or prep_object(verb, preps) \
            or prep_object(noun, ARG_PREPS) or prep_object(verb, ARG_PREPS)
        if target is not None and rtype in lex.area_target_types and target.dep_ == "pobj" \
                and target.head.lower_ == "with":  # "with rifles [on a patrol]"
            target = prep_object(target, frozenset({"on", "at", "against"})) or target
        target = content_noun(target, lex) if target is not None else None  # "on $20 billion worth of goods"
        if target is None and rtype in CLAUSE_TARGET_TYPES:  # "voiced concern that the tariffs could ..."
            target = _clause_subject(noun) or _clause_subject(verb)
        if target is None and rtype in ("SANCTION", "REJECT", "CONCEDE"):  # "recalled its ambassador from Ethiopia"
            target = prep_object(noun, frozenset({"from"})) or prep_object(verb, frozenset({"from"}))
        if target is None and rtype in lex.area_target_types:  # "an operation in northern Syria"
            target = place(prep_object(noun, AREA_PREPS) or prep_object(verb, AREA_PREPS))
        if target is None and (rtype == "REQUEST" or rtype in lex.modifier_target_types and named_modifier(noun)):
            target = noun  # "seeks clarification", "released five US citizens"
        return rtype, target, "light"
    if lemma in lex.experiencer_verbs and (dobjs or dep_children(verb, PASSIVE_SUBJECT_DEPS)):
        return lex.experiencer_verbs[lemma], (dobjs or [None])[0], "verb"  # "alarmed Tokyo": see verb_candidates
    if lemma in lex.named_object_verbs and lemma not in lex.verbs and dobjs and known_name(dobjs[0]):
        return lex.named_object_verbs[lemma], dobjs[0], "verb"  # "Russian missiles hit Kyiv", not "hit a record"
    favoured = _in_favour_of(verb)
    if favoured is not None:
        return "SUPPORT", favoured, "phrasal"  # "voted in favour of the resolution"
    if lemma in lex.verbs:
        rtype = lex.verbal_readings[lemma] if lemma in lex.verbal_readings and _of_words(verb) else lex.verbs[lemma]
        obj = _preferred_object(verb, rtype, lex) or (
            content_noun(dobjs[0], lex) if dobjs else prep_object(verb, ARG_PREPS))
        if obj is not None and rtype in lex.partner_types:  # "brokered a ceasefire between Israel and Hamas"
            obj = prep_object(obj, frozenset({"between"})) or obj
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


def _in_favour_of(verb: Token) -> Token | None:
    """What a verb is "in favour of" ("voted in favour of the resolution", "spoke in favor of sanctions")."""
    for prep in dep_children(verb, frozenset({"prep"})):
        favour = pobj_of(prep) if prep.lower_ == "in" else None
        if favour is not None and favour.lower_ in ("favour", "favor"):
            return prep_object(favour, frozenset({"of"}))
    return None


def _of_words(verb: Token) -> bool:
    """"attacked Trump for his views": a reason given is an attack in words (not "attacked Gaza for a
    third day"), and so is one on a person the NER names and the gazetteer does not know (the NER
    takes some states for people)."""
    reasons = [pobj_of(p) for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"]
    if any(r is not None and not is_time(r) and not r.like_num and not any(c.like_num for c in r.children)
           for r in reasons):
        return True
    return any(o.ent_type_ == "PERSON" and not known_name(o) for o in dep_children(verb, OBJECT_DEPS))


def verb_type(verb: Token, lex: Lexicon) -> str | None:
    """The relation a verb signals, read as the rule families read it (phrasal, light-verb, plain)."""
    return read_verb(verb, lex)[0]


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


def issuer(verb: Token, lex: Lexicon) -> Token | None:
    """"The Assembly adopted a resolution condemning X": who issued the document says what it says."""
    document = verb.head if verb.dep_ == "acl" and verb.head.dep_ in OBJECT_DEPS else None
    if document is None or document.head.pos_ != "VERB" or read_verb(document.head, lex)[0] != "ISSUE":
        return None
    return explicit_subject(document.head) or implicit_subject(document.head)
