"""Stances between actor pairs that the rules left silent, from the learned directed-stance model.

The rules find typed relations where the lexicon and the parse agree; many sentences still say
who is for or against whom without a verb the lexicon knows ("X, a close ally of Y, ..."). For
each pair of actors in a sentence that no rule claim links, :func:`pair_stances` asks the model
(:mod:`kg.extract.stance`) for a polarity and a direction; the lexicon types the relation when a
word of that polarity governs the target ("cut off relations with Iran"), else it is a plain
SUPPORT or ACCUSE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.arguments import (
    NOMINAL_SUBJECT_DEPS,
    explicit_subject,
    implicit_subject,
    pobj_of,
)
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.stance import StanceModel
from kg.extract.triggers import noun_relation, verb_type

MAX_MENTIONS = 6  # a sentence naming more actors is a list, not a stance
DEFAULT_TYPE = {"positive": "SUPPORT", "negative": "ACCUSE"}
LABEL_POLARITY = {1: "positive", 2: "positive", 3: "negative", 4: "negative"}
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "parataxis", "conj"})  # a typing word is looked for within the clause


@dataclass(frozen=True)
class PairStance:
    holder: Mention
    target: Mention
    polarity: str
    relation: str
    trigger: Token | None  # the lexicon word that typed it, if any
    probability: float


def _posted_to(m: Mention, doc, lex: Lexicon) -> bool:
    """"Russia's ambassador [to the UN]", "Israel's [U.N.] ambassador": where an official is posted, not
    a party to what is said."""
    root = doc[m.start:m.end].root
    post = root.head
    if root.dep_ in ("compound", "amod") and (post.lower_ in lex.posts or post.lower_ in lex.official_nouns) \
            and any(c.dep_ == "poss" and c.i < root.i for c in post.children):
        return True
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in ("to", "at", "for") and (
        prep.head.lower_ in lex.posts or prep.head.lower_ in lex.official_nouns)  # "Special Envoy [for Yemen]"


DESCRIBING_PARTICIPLES = frozenset({"flagged", "owned", "based", "registered", "born", "made", "built", "operated"})


def _describes(m: Mention, doc) -> bool:
    """"the [Liberian]-flagged, [Greek]-owned tanker": a description of something else, no party."""
    return m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in DESCRIBING_PARTICIPLES


def _distinct_mentions(index: dict[int, Mention]) -> list[Mention]:
    """The sentence's mentions in order, the gazetteer's places left out; a pronoun only for someone
    the sentence does not name."""
    unique = {(m.start, m.end): m for m in index.values()  # a known place (Gaza, the Sahel) holds no stance
              if not (m.actor.kind == "Location" and m.form != "NER")}
    named = {m.actor.key for m in unique.values() if m.form != "PRONOUN"}
    return [unique[k] for k in sorted(unique) if unique[k].form != "PRONOUN" or unique[k].actor.key not in named]


def _typed_trigger(sent: Span, polarity: str, lex: Lexicon, target: Mention,
                   others: Callable[[Token], bool]) -> tuple[str, Token | None]:
    """A lexicon verb or noun of that polarity that governs the target types the relation ("cut off
    relations with Iran": SANCTION), unless it is someone else's act (``others``); with none, a plain
    SUPPORT or ACCUSE."""
    doc = sent.doc
    below = doc[target.start:target.end].root
    for token in below.ancestors:
        if below.dep_ in CLAUSE_DEPS:
            break  # "threatened to strike ships if [Israel] continues ...": the strike is not aimed at Israel
        below = token
        if others(token):
            continue
        rtype = verb_type(token, lex) if token.pos_ == "VERB" else \
            noun_relation(token, lex) if token.pos_ == "NOUN" else None
        if rtype and lex.polarity.get(rtype) == polarity:
            return rtype, token
    return DEFAULT_TYPE[polarity], None


def _acted_by_other(trigger: Token, holder: Mention, index: dict[int, Mention], principal) -> bool:
    """Is the word someone else's act: its subject (said or understood: "accused Rwanda of deploying
    troops") names nobody on the holder's side ("[Erdogan] threatened to block the bid unless
    [Stockholm] cracked down on [militants]": the crackdown is Stockholm's, no type for Erdogan's stance)?"""
    if trigger.pos_ == "NOUN":  # "welcomed the agreement between Armenia and Azerbaijan": theirs, not France's
        between = next((pobj_of(p) for p in trigger.children if p.dep_ == "prep" and p.lower_ == "between"), None)
        parties = [between, *between.conjuncts] if between is not None else []
        side = principal(holder.actor).key
        return bool(parties) and all(t.i not in index or principal(index[t.i].actor).key != side for t in parties)
    if trigger.pos_ != "VERB":
        return False
    subject = explicit_subject(trigger) or implicit_subject(trigger)
    if subject is None:
        return False
    named = [index[i].actor for i in range(subject.left_edge.i, subject.i + 1) if i in index]
    side = principal(holder.actor).key
    return all(principal(a).key != side for a in named) and (bool(named) or subject.pos_ in ("NOUN", "PROPN", "PRON"))


def _modified(token: Token) -> Token:
    """The noun a modifier belongs to: "[Syria]'s sovereignty", "the [Somali] people"."""
    while token.dep_ in ("compound", "poss", "amod") and token.head.i != token.i:
        token = token.head
    return token


def _wronged(token: Token, lex: Lexicon) -> bool:
    """"a violation of [UN Security Council] resolutions", "a breach of [Syria]'s sovereignty": what is
    wronged is named after a negative noun's "of"; it is not what the stance is against."""
    token = _modified(token)
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    noun = token.head.head
    return noun.lower_ in lex.negative_words or noun.lemma_.lower() in lex.negative_words


def _speaks_of_own_side(holder: Mention, target: Mention, sent: Span, lex: Lexicon, principal) -> bool:
    """""China firmly opposes this," spokesman [Wang] said': a spokesperson reporting what their
    state (or, when it is not known, a state) does speaks for it, not against it."""
    if holder.actor.kind != "Person" or target.actor.kind != "State":
        return False
    side = principal(holder.actor)
    if side.key != holder.actor.key and side.key != principal(target.actor).key:
        return False  # "Lin Jian ..., saying Japan and the Philippines were ganging up": not his own side
    if not any(t.lower_ in SPOKESPEOPLE for t in sent.doc[max(sent.start, holder.start - 3):holder.end]):
        return False
    word = sent.doc[target.start:target.end].root
    if word.dep_ not in NOMINAL_SUBJECT_DEPS:
        return False
    verb = word.head
    for _ in range(4):
        if verb.pos_ == "VERB" and lex.verb_lemma(verb) in lex.reporting_verbs and verb.i != word.head.i:
            subject = explicit_subject(verb) or implicit_subject(verb)  # "accused Tokyo ... and said China had"
            return subject is not None and holder.start <= subject.i < holder.end
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _where(target: Mention, doc) -> bool:
    """"criticized the role of Russia [in Syria]": where something happens is not whom a stance is toward."""
    root = doc[target.start:target.end].root
    return root.dep_ == "pobj" and root.head.lower_ == "in"


def _beside(holder: Mention, doc) -> bool:
    """"Egypt, which has a dispute [with Ethiopia], condemned ...": a party named beside a noun in a
    relative clause holds no stance there."""
    root = doc[holder.start:holder.end].root
    return root.dep_ == "pobj" and root.head.lower_ in ("with", "over", "about", "between") \
        and any(t.dep_ == "relcl" for t in root.ancestors)


def _in_negated_clause(target: Mention, doc) -> bool:
    """"the move was not directed against [the Somali people]": what a negated act is not aimed at is no target."""
    root = _modified(doc[target.start:target.end].root)
    if root.dep_ != "pobj" or root.head.lower_ not in ("against", "toward", "towards", "at"):
        return False
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def _clause_of(token: Token) -> Token:
    """The head of the clause a word is in."""
    while token.dep_ not in CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _owned_by(word: Token, target: Mention) -> bool:
    """"condemning [Russia]'s annexation": the annexation is the target's act, no type for a stance toward it."""
    return any(c.dep_ in ("poss", "compound", "amod") and target.start <= c.i < target.end for c in word.children)


def pair_stances(sent: Span, index: dict[int, Mention], linked: set[frozenset[str]], model: StanceModel,
                 lex: Lexicon, *, principal, threshold: float,
                 holders: frozenset[str] = frozenset(), one_clause: bool = False) -> Iterator[PairStance]:
    """Stances the model finds with at least ``threshold`` probability between actors of ``sent``
    whose principals are not in ``linked`` (pairs of actor keys the rules already linked), the most
    probable one per pair of principals. ``holders`` (who acts in the rules' claims) are never the
    target of a stance held by someone else: the model does not turn the rules' reading around. With
    ``one_clause`` (headlines), both actors must be in the same clause."""
    mentions = [m for m in _distinct_mentions(index)
                if not _posted_to(m, sent.doc, lex) and not _describes(m, sent.doc)]
    if not 2 <= len(mentions) <= MAX_MENTIONS:
        return
    best: dict[frozenset[str], PairStance] = {}
    for i, p in enumerate(mentions):
        for q in mentions[i + 1:]:
            a, b = principal(p.actor), principal(q.actor)
            if a.key == b.key and a.key not in (p.actor.key, q.actor.key) and p.actor.kind == q.actor.kind == "Person":
                a, b = p.actor, q.actor  # two officials of one side: a stance inside it (not its bodies)
            pair = frozenset((a.key, b.key))
            if a.key == b.key or pair in linked or a.parent == b.key or b.parent == a.key:
                continue  # the same side, or an organ and the organisation it belongs to
            if one_clause and _clause_of(sent.doc[p.start:p.end].root).i != _clause_of(sent.doc[q.start:q.end].root).i:
                continue  # a headline's "X backs Y as Z rules out W": no stance across its clauses
            label, probability = model.predict(sent, (p.start, p.end), (q.start, q.end))
            if label == 0 or probability < threshold:
                continue
            holder, target = (p, q) if label in (1, 3) else (q, p)
            if label in (3, 4) and _wronged(sent.doc[target.start:target.end].root, lex):
                continue
            if _where(target, sent.doc) or _beside(holder, sent.doc) or _in_negated_clause(target, sent.doc):
                continue
            if _speaks_of_own_side(holder, target, sent, lex, principal):
                continue
            if principal(target.actor).key in holders and principal(holder.actor).key not in holders:
                continue
            if pair not in best or probability > best[pair].probability:
                polarity = LABEL_POLARITY[label]
                relation, trigger = _typed_trigger(
                    sent, polarity, lex, target,
                    lambda t: _acted_by_other(t, holder, index, principal) or _owned_by(t, target))
                best[pair] = PairStance(holder, target, polarity, relation, trigger, probability)
    yield from best.values()
