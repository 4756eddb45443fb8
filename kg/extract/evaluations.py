"""Evaluations as stances: "described the sanctions as illegal", "hostile language about X",
"the sanctions are illegal, the ministry said", "critical of X". Each rule family is a small
generator over a sentence yielding :class:`~kg.extract.relations.Candidate` records, like the
verb and noun families of :mod:`kg.extract.relations`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.arguments import (
    OBJECT_DEPS,
    active_or_passive_subject,
    dep_children,
    explicit_subject,
    implicit_subject,
    pobj_of,
)
from kg.extract.lexicon import Lexicon
from kg.extract.relations import CLOSE_DEPS, Candidate


def evaluative_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    """"described the sanctions as illegal", "called the plan pragmatic": a stance by evaluation."""
    for verb in sent:
        if verb.pos_ != "VERB" or lex.verb_lemma(verb) not in lex.evaluative_verbs:
            continue
        objs = dep_children(verb, OBJECT_DEPS)
        comps = dep_children(verb, frozenset({"oprd", "acomp", "ccomp", "xcomp"}))
        comps += [c for p in dep_children(verb, frozenset({"prep"})) if p.lower_ == "as" for c in p.children]
        comps += [c for o in objs for c in o.children if c.dep_ in ("oprd", "amod") and c.i > o.i]
        comps += [c for o in objs for a in o.children if a.dep_ == "acl" for c in a.children if c.dep_ == "oprd"]
        if not objs or not comps:
            continue
        close = [t for c in comps for t in (c, *c.children) if t is c or t.dep_ in CLOSE_DEPS]
        words = {t.lower_ for t in close} | {t.lemma_.lower() for t in close}
        polarity = _evaluation(words, lex, has_adjective=any(t.pos_ == "ADJ" for t in close))
        if polarity:
            rtype = _judged(polarity, objs[0], lex)
            subject = explicit_subject(verb) or implicit_subject(verb)
            yield Candidate(rtype, verb, subject, objs[0], "evaluative")
            for owner in _named_modifiers(comps):  # "sees the war as a Western proxy war": the West's
                yield Candidate(rtype, verb, subject, owner, "attributed")


def _judged(polarity: str, target: Token, lex: Lexicon) -> str:
    """A positive evaluation supports; a negative one accuses, or rejects a charge ("the accusations
    are baseless")."""
    if polarity == "positive":
        return "SUPPORT"
    return "REJECT" if lex.noun_type(target.text, target.lemma_) == "ACCUSE" else "ACCUSE"


def _named_modifiers(nouns: list[Token]) -> list[Token]:
    """Capitalised modifiers of evaluating nouns ("a [Western] proxy war", "an [American] provocation")."""
    return [c for n in nouns if n.pos_ in ("NOUN", "PROPN") for c in n.children
            if c.dep_ in ("amod", "compound", "poss") and c.text[:1].isupper() and c.pos_ in ("ADJ", "PROPN")]


COPULAS = frozenset({"be", "remain", "seem", "appear", "become"})


def copular_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    """"The sanctions are illegal, the ministry said": an evaluation in the speaker's words. The
    candidate has no subject: the claims layer gives it to whoever is reported to say it."""
    for word in sent:
        if word.dep_ not in ("acomp", "attr") or word.head.lemma_.lower() not in COPULAS:
            continue
        close = [word, *(c for c in word.children if c.dep_ in CLOSE_DEPS)]
        words = {t.lower_ for t in close} | {t.lemma_.lower() for t in close}
        polarity = _evaluation(words, lex, has_adjective=word.pos_ == "ADJ")
        target = active_or_passive_subject(word.head)
        if polarity and target is not None and target.pos_ != "PRON":
            yield Candidate(_judged(polarity, target, lex), word, None, target, "copular")


STANCE_PREPS = frozenset({"about", "toward", "towards", "against", "on", "over", "to", "for"})


def stance_noun_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    """"retains confrontational language about China", "Tokyo's hostile stance toward Beijing": an
    evaluated way of speaking or acting is a stance toward its target, held by its owner or user."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.stance_nouns and noun.lower_ not in lex.stance_nouns:
            continue
        words = {t.lower_ for t in noun.children if t.dep_ in ("amod", "compound")}
        polarity = _evaluation(words, lex, has_adjective=True) if words else None
        preps = dep_children(noun, frozenset({"prep"})) + (dep_children(noun.head, frozenset({"prep"})) if noun.dep_ in OBJECT_DEPS else [])
        target = next((pobj_of(p) for p in preps if p.lower_ in STANCE_PREPS and pobj_of(p) is not None), None)
        if polarity is None or target is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None and noun.dep_ in OBJECT_DEPS:
            owner = explicit_subject(noun.head) or implicit_subject(noun.head)
        yield Candidate("SUPPORT" if polarity == "positive" else "ACCUSE", noun, owner, target, "evaluative")


def _evaluation(words: set[str], lex: Lexicon, *, has_adjective: bool = False) -> str | None:
    """Polarity of an evaluation: a negative word, or a positive one; "insufficiently specific",
    "not constructive": a diminished quality is a criticism."""
    if words & lex.negative_words:
        return "negative"
    if words & lex.diminishers and (has_adjective or words & lex.positive_words):
        return "negative"
    if words & lex.positive_words:
        return "positive"
    return None


ADJECTIVE_PREP_DEPS = frozenset({"prep", "agent"})  # "concerned [by] the drills" may parse as a passive's agent


def adjective_candidates(sent: Span, lex: Lexicon) -> Iterator[Candidate]:
    """"Washington remained committed to peace", "Moscow is concerned about the drills"."""
    for adj in sent:
        preps = lex.adjective_predicates.get(adj.lower_) if adj.pos_ in ("ADJ", "VERB") else None
        if not preps or adj.dep_ not in ("acomp", "oprd", "ROOT", "xcomp", "amod"):
            continue
        if dep_children(adj, OBJECT_DEPS):
            continue  # "Israel alarmed its neighbours by ...": the verb, not the adjective
        for prep in dep_children(adj, ADJECTIVE_PREP_DEPS):
            obj = pobj_of(prep)
            if prep.lower_ in preps and obj is not None:
                subject = explicit_subject(adj.head) if adj.dep_ != "ROOT" else explicit_subject(adj)
                if adj.dep_ == "amod":
                    subject = adj.head
                yield Candidate(preps[prep.lower_], adj, subject, obj, "verb")
