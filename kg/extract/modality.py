"""Negation, hedging and allegation of a relation trigger, read from the dependency parse.

Both look along the trigger's *clause path*: from the trigger up through the arcs that stay in
its clause (objects, prepositions, open complements) to the verb that heads the clause. A
reported clause (ccomp), a coordinated verb (conj) or an adverbial clause starts a new scope.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.arguments import NOMINAL_SUBJECT_DEPS, OBJECT_DEPS, reduced_relative
from kg.extract.lexicon import Lexicon

# arcs along which a trigger stays in the scope of the word above it
IN_CLAUSE_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd", "amod",
                            "compound", "nsubj", "nsubjpass", "appos", "dative", "agent", "acl"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
HEDGE_ADJECTIVES = frozenset({"possible", "likely", "unlikely", "unclear", "probable", "conceivable", "uncertain"})
WILLING_ADJECTIVES = frozenset({"open", "ready", "willing", "prepared"})  # "open to discussing": willing, not done
NEITHER_NOR = frozenset({"neither", "nor"})  # on a subject: "Neither Russia nor China signed"
DOUBTING_ADJECTIVES = frozenset({"unlikely"})  # "was unlikely to expel": not expected to happen
DENYING_VERBS = frozenset({"deny"})  # "denied that its troops had entered Kosovo": the clause is denied
BLOCKING_VERBS = frozenset({"block"})  # "blocked a resolution condemning X": the text says nothing


def clause_path(trigger: Token) -> Iterator[Token]:
    """The trigger and the words above it within its clause."""
    token = trigger
    yield token
    if token.dep_ == "appos" and token.head.dep_ in NOMINAL_SUBJECT_DEPS:
        return  # "Iran, a backer of Hamas, denied ...": the description is not in the verb's scope
    while (token.dep_ in IN_CLAUSE_DEPS or _to_relative(token)) and token.head.i != token.i:
        if reduced_relative(token):
            return  # "the plan, proposed by Britain, has been shelved": the proposal stands
        token = token.head
        yield token


def _infinitival(token: Token) -> bool:
    """A "to" clause: "to block", "to punish", "to join"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _to_relative(token: Token) -> bool:
    """"a resolution [to block] the sale": an infinitival relative with no subject of its own."""
    return token.dep_ == "relcl" and _infinitival(token) \
        and not any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in token.children)


def _own_negation(token: Token) -> bool:
    """"did not", "no talks", "no longer cooperates"."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children) or \
        any(c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children) for c in token.children)


def gives_up(verb: Token, lex: Lexicon) -> bool:
    """A verb that gives up what it governs ("refused to", "ruled out"), itself not negated: "did not
    rule out supporting" leaves the support open."""
    return verb.pos_ == "VERB" and negating(verb, lex) and not _own_negation(verb)


def _negated_here(token: Token, lex: Lexicon, *, is_trigger: bool) -> bool:
    if not is_trigger and token.pos_ == "VERB" and negating(token, lex):
        return not _own_negation(token)  # "refused to sign"; "did not refuse to sign": the two cancel
    if not is_trigger and token.pos_ == "NOUN" and token.lemma_.lower() in lex.negating_nouns:
        return not _own_negation(token)  # "Ukraine's refusal to extend the deal"
    if not is_trigger and token.dep_ == "acomp" and token.lower_ in DOUBTING_ADJECTIVES:
        return True  # "was unlikely to expel"
    if _own_negation(token):
        return True
    if is_trigger and token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_ == "be" \
            and any(c.lower_ in ("over", "finished") and c.i > token.head.i for c in token.head.children):
        return True  # "France's military cooperation with Niger was over"
    if is_trigger and any(c.dep_ in OBJECT_DEPS and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                          for c in token.children):
        return True  # "made no concessions", "gave no support"
    if token.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in token.children) \
            and any(c.dep_ == "xcomp" for c in token.children):
        return True  # "has yet to meet", "is yet to respond"
    return any(c.dep_ in NOMINAL_SUBJECT_DEPS and any(w.lower_ in NEITHER_NOR for w in c.children)
               for c in token.children)  # "Neither Russia nor China signed"


def negating(verb: Token, lex: Lexicon, words: frozenset[str] | None = None) -> bool:
    """"refused to", "failed to", and what gives up what it governs: "abandoned", "scaled back" (or
    a verb of ``words``, with its particle)."""
    words = lex.negating_verbs if words is None else words
    lemma = lex.verb_lemma(verb)
    return lemma in words or any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in words for c in verb.children)


def is_negated(trigger: Token, lex: Lexicon, *, clause: bool = True) -> bool:
    """"did not condemn", "refused to sign", "no talks with", "without consulting"; with ``clause``
    False, only the trigger's own negation ("no call for ...") and a verb that gives it up ("scaled
    back US aspirations")."""
    if not clause and trigger.dep_ in OBJECT_DEPS and gives_up(trigger.head, lex):
        return True
    for token in clause_path(trigger) if clause else [trigger]:
        if token.dep_ == "prep" and token.lower_ == "but":
            return False  # "had no choice but to endorse", "did nothing but criticize": done all the same
        if _negated_here(token, lex, is_trigger=token.i == trigger.i):
            return True
        if token.dep_ == "pcomp" and token.head.lower_ == "without":
            return True
        if token.dep_ == "advcl" and token.tag_ == "VBG" and gives_up(token.head, lex):
            return True  # "ruled out sending weapons", parsed as an adverbial clause
        if token.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ == "too" for c in token.head.children):
            return True  # "too slow to impose sanctions": not imposed
        if token.dep_ == "ccomp" and lex.verb_lemma(token.head) in DENYING_VERBS and not _own_negation(token.head):
            return True  # "Egypt denied that Cairo was supplying weapons": denied, not told
        if clause and token.i == trigger.i and token.pos_ == "NOUN" and token.dep_ == "dobj" and _rejects(token.head, lex):
            return True  # "rejected any negotiation with al-Shabaab": the talks are refused, not held
        if token.dep_ in ("acl", "relcl") and _denied_charge(token.head, lex):
            return True  # "rejected claims that Serbia had massed troops": a charge denied, no act told
        if clause and token.i != trigger.i and trigger.dep_ == "acl" and token.pos_ == "VERB" \
                and _voted_down(token, lex) and not _own_negation(token):
            return True  # "voted against the resolution condemning Russia": the text did not pass
    return False


def is_hedged(trigger: Token, lex: Lexicon) -> bool:
    """"could open the door", "may pressure", "appears to scale back", "reportedly", "if"; "would"
    too, except in reported speech ("Iran said it would respond": a future, not a maybe)."""
    path = list(clause_path(trigger))
    reported = path[-1].dep_ == "ccomp" and lex.verb_lemma(path[-1].head) in lex.reporting_verbs
    for token in path:
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in lex.hedge_modals and not (word == "would" and reported):
                return True
            if child.dep_ == "advmod" and word in lex.hedge_adverbs:
                return True
            if child.dep_ == "mark" and word in CONDITIONAL_MARKS:
                return True
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in child.children):
                return True  # the main clause of a conditional: "If Iran enriches ..., Israel will strike"
        if token.i != trigger.i and (token.lower_ in HEDGE_ADJECTIVES | WILLING_ADJECTIVES and token.dep_ == "acomp"
                                     or _to_relative(token)):
            return True  # "was unlikely to expel", "ready to negotiate"; "a resolution to block the sale": intended
        if token.i != trigger.i and token.pos_ == "VERB" and (lex.verb_lemma(token) in lex.hedge_verbs or (
                negating(token, lex, lex.open_when_negated) and _own_negation(token))):
            return True  # "considers imposing"; "did not rule out supporting": left open
        if token.dep_ == "pcomp" and token.head.lower_ == "against":
            return True  # "warned Washington against arming Taiwan": an act warned of, not done
        if token.dep_ == "ccomp" and (requests(token.head, lex) or _possible(token.head)):
            return True  # "demanded that Stockholm crack down", "it is possible that Beijing hopes to"
    if trigger.dep_ == "advcl" and _infinitival(trigger):
        return True  # "could cut gas supplies to punish Moldova": a purpose, not a deed
    if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in lex.intent_nouns and _infinitival(trigger):
        return True  # "Sweden's bid to join NATO": intended, not done
    head = trigger.head
    return trigger.dep_ == "xcomp" and (lex.verb_lemma(head) in lex.hedge_verbs or requests(head, lex))


def _possible(verb: Token) -> bool:
    """"It is possible / likely / unclear that ...": what follows may not be so."""
    return any(c.dep_ == "acomp" and c.lower_ in HEDGE_ADJECTIVES for c in verb.children)


def requests(verb: Token, lex: Lexicon) -> bool:
    """"urged Western powers to keep up the pressure": the complement is asked for, not done."""
    lemma = lex.verb_lemma(verb)
    if lex.verbs.get(lemma) == "REQUEST":
        return True
    return any(lex.phrasal.get(f"{lemma} {c.lower_}") == "REQUEST" for c in verb.children if c.dep_ in ("prt", "prep"))


def _charge(token: Token, lex: Lexicon) -> bool:
    """"claims", "allegations", "reports" (that something was done)."""
    return token.pos_ == "NOUN" and (token.lower_ in lex.allegation_nouns or token.lemma_.lower() in lex.allegation_nouns)


def _rejects(verb: Token, lex: Lexicon) -> bool:
    """"rejected", "dismissed" (a REJECT verb), itself not negated."""
    return verb.pos_ == "VERB" and lex.verbs.get(lex.verb_lemma(verb)) == "REJECT" and not _own_negation(verb)


def _denied_charge(token: Token, lex: Lexicon) -> bool:
    """"[claims] by the White House that ...", the object of "rejected", "denied", "dismissed"."""
    return _charge(token, lex) and token.dep_ in OBJECT_DEPS and (_rejects(token.head, lex) or gives_up(token.head, lex))


def denies_charge(verb: Token, lex: Lexicon) -> bool:
    """"rejected claims that ...", "denied the reports": the verb turns a charge down."""
    return any(_denied_charge(c, lex) for c in verb.children)


def is_alleged(trigger: Token, lex: Lexicon) -> bool:
    """"accused the UAE of arming the RSF", "alleged that Morocco had blocked ...", "claims that Serbia
    had massed troops": reported as a charge."""
    token = trigger
    for _ in range(5):
        if token.dep_ in ("acl", "relcl") and _charge(token.head, lex) and any(c.dep_ == "nsubj" for c in token.children):
            return True
        purpose = token.dep_ == "advcl" and _infinitival(token)
        if token.dep_ not in ("pcomp", "ccomp", "pobj", "prep", "xcomp") and not purpose or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ == "VERB" and lex.verb_lemma(token) in lex.alleging_verbs:
            return True
    return False


def criticised(trigger: Token, lex: Lexicon) -> bool:
    """"criticised China's support for Russia": an act named as what someone criticises is their charge."""
    return trigger.pos_ == "NOUN" and trigger.dep_ in OBJECT_DEPS and trigger.head.pos_ == "VERB" \
        and lex.verbs.get(lex.verb_lemma(trigger.head)) in ("ACCUSE", "CONCERN")


def asked_about(trigger: Token) -> bool:
    """"declined to say whether Moscow had concerns", "asked if Kyiv would attend": an indirect question
    asserts nothing, whichever way it is answered."""
    top = list(clause_path(trigger))[-1]
    return top.dep_ in ("ccomp", "advcl", "xcomp", "pcomp") and any(
        c.dep_ == "mark" and (c.lower_ == "whether" or c.lower_ == "if" and top.dep_ == "ccomp") for c in top.children)


def _voted_down(verb: Token, lex: Lexicon) -> bool:
    """"voted against", "blocked": what the rejected text says is not said ("vetoed" is a negating verb,
    which negates what it governs already)."""
    lemma = lex.verb_lemma(verb)
    return lemma in BLOCKING_VERBS or any(
        c.dep_ == "prep" and lex.phrasal.get(f"{lemma} {c.lower_}") == "REJECT" for c in verb.children)
