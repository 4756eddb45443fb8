"""Claims that follow from a rule claim, as pure functions of the claim and its sentence.

- :func:`accusations`: "..., claiming EU officials undermined the initiative": whoever claims a
  hostile act accuses its doer.
- :func:`owner_claims`: "praised Putin's leadership": a stance toward what an actor owns is a stance
  toward the actor.
- :func:`demand`: "argued that the agency should condemn the strikes": an act someone says another
  *should* do is not done; it is the speaker's request to the one who should act.

The claims layer (:mod:`kg.extract.claims`) passes in what it knows of the sentence: its mention
index, its reported speaker and how to find an actor's principal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from kg.extract import modality
from kg.extract.arguments import conjuncts_of, implicit_subject, pobj_of
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ACTING_FOR_OTHERS as ACTS_FOR_STATE
from kg.extract.mentions import Mention, bare_definite
from kg.extract.phrases import actor_of
from kg.extract.relations import Candidate
from kg.records import Actor, Claim

DEONTIC_MODALS = frozenset({"should", "must", "ought"})
Principal = Callable[[Actor], Actor]


def accusing_head(trigger: Token, lex: Lexicon) -> Token | None:
    """The "claim"/"allege" verb whose reported clause holds ``trigger``, if any."""
    token = trigger
    for _ in range(12):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB" and lex.verb_lemma(token) in lex.accusing_verbs:
            return token
    return None


def accusations(claim: Claim, cand: Candidate, index: dict[int, Mention], speaker: Actor | None, lex: Lexicon,
                principal: Principal) -> list[Claim]:
    """The holder of a claimed hostile act accuses its doer."""
    if claim.polarity != "negative" or claim.negated or claim.relation == "ACCUSE":
        return []
    verb = accusing_head(cand.trigger, lex)
    if verb is None:
        return []
    subj = implicit_subject(verb)
    holder = (actor_of(subj, index, lex) if subj is not None else None) or speaker
    if holder is None:
        return []
    said_by = holder if holder.kind in ACTS_FOR_STATE else claim.speaker
    holder = principal(holder)
    if holder.key == claim.subject.key:
        return []
    return [replace(claim, subject=holder, relation="ACCUSE", object=claim.subject, speaker=said_by,
                    hedged=False, alleged=False, trigger=verb.text, confidence=round(claim.confidence - 0.1, 2))]


def owner_claims(claim: Claim, cand: Candidate, index: dict[int, Mention], principal: Principal,
                 lex: Lexicon, actors: dict[str, Actor] | None = None, last_doer: Actor | None = None) -> list[Claim]:
    """A polar claim about a topic an actor owns ("Israel's decision", "Hezbollah positions",
    "Russian strikes") also reaches the owner, asserted, negated or hedged as the claim is. A named
    modifier of an event or a place ("the Ukraine war", "Gaza ceasefire") is no owner. "The
    decision", "that demand" with no owner named are the last act told before (``last_doer``'s)."""
    if claim.object.kind != "Topic" or claim.polarity == "neutral":
        return []
    token = cand.object
    if token.dep_ == "pcomp" or token.pos_ == "VERB":
        return []
    owner = _owner(token, index, lex) or _partner(token, index, lex) or _resumed_owner(claim.object, token, actors) \
        or _event_doer(token, lex, last_doer)
    if owner is None:
        return []
    owner = principal(owner) if owner.kind == "GovernmentBody" else owner
    if principal(owner).key == claim.subject.key:
        return []
    return [replace(claim, object=owner, confidence=round(claim.confidence - 0.1, 2))]


DEMONSTRATIVES = frozenset({"the", "this", "that", "these", "those"})
OWNER_KINDS = frozenset({"State", "InternationalOrganization", "ArmedGroup", "Organization", "Company", "Person",
                         "GovernmentBody"})


def _owner(token: Token, index: dict[int, Mention], lex: Lexicon) -> Actor | None:
    possessor = next((c for c in token.children if c.dep_ == "poss" and (c.pos_ != "PRON" or c.i in index)), None)
    if possessor is not None:  # "Israel's decision"; "its nuclear sites", when the mentions resolved "its"
        return index[possessor.i].actor if possessor.i in index else None
    by = next((pobj_of(p) for p in token.children if p.dep_ == "prep" and p.lower_ == "by"), None)
    if by is not None:  # "the demand by Hamas", "remarks by the Philippine side"
        return actor_of(by, index, lex)
    if token.lemma_.lower() in lex.event_heads or token.lower_ in lex.event_heads:
        return None
    if token.lemma_.lower() in lex.light_nouns or token.lower_ in lex.event_anaphors:
        of = next((pobj_of(p) for p in token.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is not None and of.i in index and index[of.i].actor.kind in OWNER_KINDS:
            return index[of.i].actor  # "the role of Russia", "the actions of Israel"
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.i < token.i and child.i in index:
            actor = index[child.i].actor
            return actor if actor.kind in OWNER_KINDS else None
    return None


def _partner(token: Token, index: dict[int, Mention], lex: Lexicon) -> Actor | None:
    """"cut off relations with Iran", "ruled out talks with Washington": the other party."""
    if token.lower_ not in lex.symmetric_nouns and token.lemma_.lower() not in lex.symmetric_nouns:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.i in index:
                return index[obj.i].actor
    return None


def _event_doer(token: Token, lex: Lexicon, last_doer: Actor | None) -> Actor | None:
    """"Belarus condemned the decision" after "the EU imposed sanctions": the decision is the EU's."""
    anaphor = token.lower_ in lex.event_anaphors or token.lemma_.lower() in lex.event_anaphors
    return last_doer if anaphor and bare_definite(token, lex, DEMONSTRATIVES) else None


def _resumed_owner(topic: Actor, token: Token, actors: dict[str, Actor] | None) -> Actor | None:
    """"concern over the drills", the drills being China's (said before): their doer."""
    bare = not any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep") for c in token.children)  # not "of Ukraine"
    if not actors or not bare or not any(c.lower_ in ("the", "these", "those") for c in token.children):
        return None
    owners = [actors[k] for k in topic.about if k in actors and actors[k].kind in OWNER_KINDS]
    return owners[-1] if owners else None


def is_deontic(trigger: Token) -> bool:
    """"should condemn", "must withdraw": an act the text says is due, not done."""
    return any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in trigger.children)


def reporters(trigger: Token, index: dict[int, Mention], lex: Lexicon, *, direct: bool = False) -> list[Actor]:
    """The actors whose reporting verb ("said", "argued") has ``trigger`` in its clause, coordinated
    subjects included ("Russia and China ..., arguing that ..."); with ``direct``, only when
    ``trigger`` heads the reported clause itself (not a clause inside it: "the ship they attacked")."""
    token = trigger
    while token.head.i != token.i:
        if direct and token.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "ROOT"):
            return []
        token = token.head
        if token.pos_ == "VERB" and lex.verb_lemma(token) in lex.reporting_verbs:
            subj = implicit_subject(token)
            found = [actor_of(s, index, lex) for s in conjuncts_of(subj)] if subj is not None else []
            return [a for a in found if a is not None]
    return []


def demand(claim: Claim, askers: list[Actor], principal: Principal) -> list[Claim]:
    """What ``askers`` say ``claim``'s subject should do: their REQUEST to it, in place of the act."""
    out = []
    for asker in askers:
        side = principal(asker)
        if side.key == claim.subject.key:
            continue
        out.append(replace(claim, subject=side, relation="REQUEST", polarity="neutral", object=claim.subject,
                           speaker=asker if asker.kind in ACTS_FOR_STATE else None, hedged=False, alleged=False,
                           negated=False,  # "Ukraine must not join NATO": the request stands, whatever it asks
                           confidence=round(claim.confidence - 0.1, 2)))
    return out


def refusal(claim: Claim, cand: Candidate, lex: Lexicon) -> list[Claim]:
    """"Iran refused to accept the US demand": beside the negated acceptance, Iran's REJECT of it."""
    head = cand.trigger.head
    if not claim.negated or claim.polarity != "positive" or cand.trigger.dep_ != "xcomp" \
            or lex.verb_lemma(head) not in lex.refusing_verbs or not modality.gives_up(head, lex):
        return []  # "did not refuse to accept": no rejection
    return [replace(claim, relation="REJECT", polarity="negative", negated=False, trigger=head.text,
                    confidence=round(claim.confidence - 0.1, 2))]
