"""The arguments of a word in a dependency parse: subjects (said or understood), objects, the
objects of prepositions, coordinated parties and places. Pure helpers over spaCy tokens, shared by
the rule families (:mod:`kg.extract.relations`, :mod:`kg.extract.evaluations`) and the claims layer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp.actor_ruler import DEFAULT_SPANS_KEY

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})  # a noun phrase as subject, active or passive
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
PREP_DEPS = frozenset({"prep", "dative"})  # "gave 200 million euros [to] Sudan": the parser's dative
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "pcomp", "acomp"})


def dep_children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def pobj_of(prep: Token) -> Token | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if objs and objs[0].dep_ == "pcomp" and objs[0].tag_ in ("VBN", "VBD"):  # "on [officials] linked to ...", as a clause
        objs = dep_children(objs[0], NOMINAL_SUBJECT_DEPS) or objs
    return hyphen_head(objs[0]) if objs else None


def hyphen_head(token: Token) -> Token:
    """"counter-tariffs", "de-escalation" when the parser hung each piece on the same head: the last
    piece, which the others modify (a well-parsed "cease-fire" already has "fire" as its head)."""
    doc, i = token.doc, token.i
    while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_ \
            and doc[i + 2].is_alpha and doc[i + 2].head.i == token.head.i != token.i:
        i += 2
    return doc[i]


def hyphen_end(doc: Doc, last: int, limit: int) -> int:
    """The last token of a hyphenated word running on from token ``last`` ("Min" -> "Min-seok",
    "de" -> "de-escalation"), before token ``limit``."""
    if doc[last].text == "-" and last > 0:
        last -= 1
    while last + 2 < limit and doc[last + 1].text == "-" and doc[last + 2].is_alpha \
            and _joined(doc[last], doc[last + 1]) and _joined(doc[last + 1], doc[last + 2]):
        last += 2
    return last


def _joined(left: Token, right: Token) -> bool:
    return not left.whitespace_ and right.i == left.i + 1


def conjuncts_of(token: Token | None) -> list[Token | None]:
    """``token`` and the words coordinated with it ("Russia and China" -> both; not "..., not Israel")."""
    return [token] if token is None else [token, *(c for c in token.conjuncts if not any(g.dep_ == "neg" for g in c.children))]


def parties_of(subject: Token | None) -> list[Token | None]:
    """The subject's conjuncts, a list the parser hung on it as an apposition, and names listed before
    it with a comma as headlines coordinate ("India, China hold talks": the parser hangs "India" on the verb)."""
    found = conjuncts_of(subject)
    if subject is None:
        return found
    for appos in dep_children(subject, frozenset({"appos"})):
        if any(c.dep_ == "conj" for c in appos.children):  # "Moore, icon Gloria Steinem, Alicia Keys and others"
            found += conjuncts_of(appos)
    doc = subject.doc
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return found  # "The RSF, led by X, accused the army of bombing": the army, the object, bombs
    listed = [t for t in subject.head.children if t.i < subject.i and t.pos_ == "PROPN"
              and t.dep_ in ("npadvmod", "dep", "nsubj") and t.i + 1 < len(doc) and doc[t.i + 1].text == ","]
    return listed + found


def quote_open_before(doc, i: int) -> bool:
    """Is a quotation open at token ``i``, opened earlier in its paragraph? (Read token by token back to
    the paragraph break: ``Doc.text`` would rebuild the whole text on every call.)"""
    curly = straight = 0
    for j in range(i - 1, -1, -1):
        token = doc[j]
        if "\n" in token.text_with_ws and (token.is_space or j < i - 1):
            break
        curly += token.text.count("“") - token.text.count("”")
        straight += token.text.count('"')
    return curly > 0 or straight % 2 == 1


def _closes_quote(first: Token, second: Token) -> bool:
    """Does a quotation that ``first`` is in close before ``second``?"""
    between = first.doc[first.i + 1:second.i]
    return quote_open_before(first.doc, first.i) and any(t.text in ('"', "''") for t in between) \
        or any(t.text == "”" for t in between)


def reduced_relative(verb: Token) -> bool:
    """"the plan, [proposed] by Britain": a past participle hung on a noun with no subject of its own
    (not "reports that X had [funded] Y", which the parser may hang there too)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children)


def explicit_subject(verb: Token) -> Token | None:
    """The verb's subject; or one the parser hung on its auxiliary ("Washington has, however, paused")."""
    subj = dep_children(verb, SUBJECT_DEPS)
    if not subj:
        subj = [s for aux in verb.children if aux.dep_ == "aux" and aux.i < verb.i
                for s in dep_children(aux, SUBJECT_DEPS)]
    return subj[0] if subj else None


def active_or_passive_subject(verb: Token) -> Token | None:
    """The subject, or the passive subject ("the sanctions are illegal", "NATO expansion would be met")."""
    return explicit_subject(verb) or next(iter(dep_children(verb, PASSIVE_SUBJECT_DEPS)), None)


def implicit_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the clause it hangs from ("attempted to undermine", "keep edging")."""
    token = verb
    for _ in range(8):
        subj = explicit_subject(token)
        if subj is not None:
            return subj
        if token.dep_ == "conj" and token.head.dep_ == "ccomp" and _closes_quote(token.head, token):
            token = token.head.head  # 'said Warsaw was "using refugees" and called on ...': the speaker calls
            continue
        reported = next((c for c in token.head.children if c.dep_ == "ccomp" and c.i < token.head.i), None) \
            if token.dep_ == "advcl" and token.i > token.head.i else None
        if reported is not None:  # "Iran launched a drone, Iraqi officials said, drawing condemnation": Iran's act
            token = reported
            continue
        if token.dep_ == "acl" and token.tag_ in ("VBD", "VBZ", "VBN") and token.head.pos_ == "PROPN" \
                and token.head.dep_ == "ROOT":
            return token.head  # "China, which borders both, called for restraint", parsed as a noun phrase
        if token.dep_ == "acl" and token.tag_ == "VBN":  # "the strategy, released by X": no agent subject
            return None
        if token.dep_ == "acl":  # "Russia's bid to join", "an intention to act": the noun's owner, if named
            owner = [c for c in token.head.children if c.dep_ in ("poss", "compound")]
            owner = owner or [o for p in token.head.children if p.dep_ == "prep" and p.lower_ == "by"
                              for o in p.children if o.dep_ == "pobj"]  # "the decision by Germany to send"
            if not owner:
                return None
            if owner[0].pos_ != "PRON":  # "its intention to act": whoever "its" is, further up
                return owner[0]
        if token.dep_ not in INHERIT_SUBJECT_DEPS | {"dobj", "pobj", "prep", "nsubj"} or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ == "as":  # "calls for a truce as fighting spreads": another clause
            return None
        controller = _object_controller(token)
        if controller is not None:
            return controller
        token = token.head
    return None


TIME_ENTS = frozenset({"DATE", "TIME"})


def known_name(token: Token) -> bool:
    """Is the word part of a name the gazetteer knows?"""
    return any(s.start <= token.i < s.end for s in token.doc.spans.get(DEFAULT_SPANS_KEY, ()))


def is_time(token: Token) -> bool:
    """A date or time ("on Wednesday"), unless the gazetteer knows the word ("at [Kyiv] overnight",
    which the NER may take for a time)."""
    return token.ent_type_ in TIME_ENTS and not known_name(token)


CONTROL_PREPS = frozenset({"of", "into", "from", "for", "against"})  # "accused X of", "pressed X into", "barred X from"


def _object_controller(token: Token) -> Token | None:
    """"accused the agency of ignoring", "urged Tehran to allow": the object does the complement."""
    if token.dep_ == "xcomp":
        verb = token.head
    elif token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ in CONTROL_PREPS:
        verb = token.head.head  # "by saying", "after meeting": the subject's own act
    else:
        return None
    objs = dep_children(verb, OBJECT_DEPS) if verb.pos_ == "VERB" else []
    if not objs and token.dep_ == "xcomp":  # "called on Israel to stop": the one called on
        objs = [o for o in [prep_object(verb, frozenset({"on", "upon"}))] if o is not None]
    return objs[0] if objs else None


def prep_object(verb: Token, preps: frozenset[str]) -> Token | None:
    """The object of the first argument-like preposition ("sanctions on Iran"); not a date ("on
    Wednesday"), not an absolute clause ("with refiners signing contracts")."""
    for prep in sorted(dep_children(verb, PREP_DEPS), key=lambda p: p.lower_ != "against"):  # "against X" first
        obj = pobj_of(prep) if prep.lower_ in preps else None
        if obj is None or is_time(obj):
            continue
        if prep.lower_ == "with" and (obj.pos_ == "VERB" or any(c.pos_ == "VERB" for c in obj.children)):
            continue
        return obj
    return None


PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP"})


def place(token: Token | None) -> Token | None:
    """A named place ("in northern Syria"), not a manner ("in support of the regime")."""
    return token if token is not None and (token.pos_ == "PROPN" or token.ent_type_ in PLACE_ENTS) else None
