"""Noun phrases to actors and topics: "EU officials" -> EU, "the lack of clarity on ..." -> a topic.

Pure helpers over tokens; the article's state (known topics) is passed in, never kept here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from spacy.tokens import Token

from kg.extract.arguments import RELATIVE_PRONOUNS, hyphen_end
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention, slug
from kg.records import Actor

MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
SPECIFIC_KINDS = frozenset({"GovernmentBody", "Person"})  # a modifier naming these beats a state's name
TOPIC_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
QUOTES = "\"'“”‘’«»"
SKIP_POS = frozenset({"PRON", "DET", "NUM", "SYM", "PUNCT", "X"})
MAX_TOPIC_WORDS = 6  # "of X" joins a topic only while the label stays short
NOT_TOPICS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def actor_of(token: Token, index: dict[int, Mention], lex: Lexicon, *, owners: bool = False) -> Actor | None:
    """The actor a phrase headed by ``token`` names: itself, or the modifier of an agent noun
    ("EU officials"); with ``owners``, also the owner of a relation noun ("the US goal")."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = token.head.head
    mention = index.get(token.i)
    if mention:
        return mention.actor
    named = next((index[c.i] for c in token.children if c.dep_ == "appos" and c.i in index), None) \
        if not any(c.dep_ == "neg" for c in token.children) else None  # not "companies, not Israel"
    if named is not None:  # "his Russian counterpart, Vladimir Putin"
        return named.actor
    after = index.get(token.i + 1)
    if after is not None and after.start == token.i + 1 and token.doc[token.i + 1].dep_ in ("npadvmod", "appos"):
        return after.actor  # "the UN refugee agency UNHCR voiced ...", the name parsed apart
    return _modifier_actor(token, index, lex, owners=owners, depth=2)


def _modifier_actor(token: Token, index: dict[int, Mention], lex: Lexicon, *, owners: bool, depth: int) -> Actor | None:
    """"EU officials" -> EU; "European Union foreign ministers meeting" -> EU (through "ministers")."""
    lemma = token.lemma_.lower()
    agentive = lemma in lex.agent_nouns or token.lower_ in lex.agent_nouns
    if not (agentive or (owners and (lemma in lex.nouns or lemma in lex.light_nouns))):
        return None
    if lemma in lex.group_nouns and not any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in token.children):
        return None  # "the Armenian opposition": a group, not Armenia's act
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and agentive:  # "leaders of the Group of Seven"
            found += [index[o.i].actor for o in child.children if o.dep_ == "pobj" and o.i in index]
        if child.dep_ not in MODIFIER_DEPS:
            continue
        if child.i in index:
            found.append(index[child.i].actor)
        elif depth > 1:
            found.append(_modifier_actor(child, index, lex, owners=False, depth=depth - 1))
    found = [a for a in found if a is not None]
    # "a Syrian Foreign Ministry official": the ministry, which the state's name only qualifies
    return next((a for a in found if a.kind in SPECIFIC_KINDS), found[0] if found else None)


def coordinated_modifier_actors(token: Token, index: dict[int, Mention]) -> list[Actor]:
    """"Israeli and US forces": the actors of the first modifier and of those coordinated with it
    (none when no modifier is coordinated)."""
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and child.i in index and child.conjuncts:
            return [index[c.i].actor for c in (child, *child.conjuncts) if c.i in index]
    return []


def _modifiers(token: Token, lex: Lexicon) -> list[Token]:
    words = []
    for child in token.children:
        if child.dep_ not in TOPIC_MODIFIER_DEPS or child.i > token.i or child.pos_ in SKIP_POS:
            continue
        if child.lower_ in lex.topic_stop_modifiers or child.pos_ == "ADV":
            continue
        words += _modifiers(child, lex) + _hyphenated_left(child) + [child]
        words += [c for c in child.children if c.dep_ == "case"]
    return list({t.i: t for t in words}.values())


def _hyphenated_left(token: Token) -> list[Token]:
    """"AU-led", "army-aligned": the words joined to ``token`` by a hyphen, without spaces."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    return list(doc[start:token.i])


def _hyphenated_right(token: Token) -> list[Token]:
    """"de-escalation" when the parser took "de" for the head: the words joined after it by a hyphen."""
    return list(token.doc[token.i + 1:hyphen_end(token.doc, token.i, len(token.doc)) + 1])


class TopicMemory:
    """Head lemma -> the named thing "the <head>" resumes: the latest proper name ("US National
    Security Strategy"), else the latest description of two words or more. Descriptions are only
    built when asked for: most are never resumed."""

    def __init__(self) -> None:
        self._seen: dict[str, list[tuple[Callable[[], Actor | None], bool]]] = {}

    def remember(self, head: str, make: Callable[[], Actor | None], *, proper: bool) -> None:
        self._seen.setdefault(head, []).append((_once(make), proper))

    def get(self, head: str) -> Actor | None:
        entries = self._seen.get(head, ())
        for proper in (True, False):
            for make, is_proper in reversed(entries):
                thing = make() if is_proper == proper else None
                if thing is not None and len(thing.label.split()) >= 2:
                    return thing
        return None


def _once(make: Callable[[], Actor | None]) -> Callable[[], Actor | None]:
    done: list = []

    def value() -> Actor | None:
        if not done:
            done.append(make())
        return done[0]
    return value


def topic_words(token: Token, lex: Lexicon) -> list[Token]:
    """The words of a short, normalised noun phrase: modifiers + head (+ "of X" after a light noun)."""
    joined = _hyphenated_left(token) + [token] + _hyphenated_right(token)  # "cease-fire", "de-escalation"
    words = sorted({t.i: t for t in _modifiers(token, lex) + joined}.values(), key=lambda t: t.i)
    if token.lemma_.lower() in lex.light_nouns or token.lower_ in lex.symmetric_nouns:
        for acl in token.children:  # "the language surrounding the Golden Dome concept"
            objs = [c for c in acl.children if c.dep_ == "dobj"] if acl.dep_ == "acl" and acl.tag_ == "VBG" else []
            if objs:
                return words + [acl] + sorted(_modifiers(objs[0], lex) + [objs[0]], key=lambda t: t.i)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "to", "with"):
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    words += [prep] + sorted(_modifiers(objs[0], lex) + [objs[0]], key=lambda t: t.i)
                break
        return words
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > token.i), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):  # "rules of engagement", "deportation of children"
        tail = [of] + sorted(_modifiers(obj, lex) + [obj], key=lambda t: t.i)
        if len(words) + len(tail) <= MAX_TOPIC_WORDS:
            words += tail
    return words


def phrase_label(words: list[Token]) -> str:
    text, prev = "", None
    for t in words:
        piece = t.text.replace("’", "'") if t.dep_ == "case" else t.text.strip(QUOTES)
        if not piece:
            continue
        hyphen = prev is not None and prev.i == t.i - 1 and not prev.whitespace_ and "-" in (prev.text, t.text)
        glue = "" if t.dep_ == "case" or not text or hyphen else " "
        text += glue + piece
        prev = t
    text = re.sub(r"\s+", " ", text).strip(" -–—")
    first = words[0] if words else None
    if first is not None and first.pos_ != "PROPN" and not first.ent_type_ and first.is_sent_start \
            and text[:1].isupper() and not text[:2].isupper():  # capitalised only because it starts the sentence
        text = text[:1].lower() + text[1:]
    return text


def topic_of(token: Token, index: dict[int, Mention], lex: Lexicon, known: Mapping[str, Actor] | TopicMemory) -> Actor | None:
    """A topic for the phrase headed by ``token``; "the strategy" resumes a topic named before."""
    if token.pos_ not in ("NOUN", "PROPN") and not (token.pos_ == "VERB" and token.dep_ == "pcomp"):
        return None
    if token.ent_type_ in NOT_TOPICS:
        return None
    head = token.lemma_.lower()
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    bare = not any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in lex.topic_stop_modifiers
                   for c in token.children)
    resumed = known.get(head) if determiners & DEFINITE and bare else None
    if resumed is not None:
        return resumed
    words = topic_words(token, lex)
    label = phrase_label(words)
    if not label or len(label) > 80 or len(words) == 1 and head in lex.posts and token.tag_ == "NN" and not determiners:
        return None  # "a bid for president": an office alone is no issue
    about = tuple(dict.fromkeys(index[t.i].actor.key for t in words if t.i in index))
    return Actor(key=slug(label.replace("'s", "").replace("’s", "")), label=label, kind="Topic", about=about)


DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def _place_of(token: Token) -> Token:
    """"waters east and south of the island", "north of Kharkiv": the place the direction is taken from."""
    if token.lower_ not in DIRECTIONS:
        return token
    for head in (token, *token.conjuncts):
        for prep in head.children:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "of" else None
            if prep.dep_ == "prep" and obj is not None:
                return obj
    return token


def target_of(token: Token, index: dict[int, Mention], lex: Lexicon, known: Mapping[str, Actor] | TopicMemory) -> Actor | None:
    """An object phrase as an actor when it names one, else as a topic."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":  # "the resolution, which was drafted by"
        token = token.head.head
    token = _place_of(token)
    if token.dep_ == "pcomp" or (token.pos_ == "VERB" and token.dep_ in ("xcomp", "pcomp")):
        objs = [c for c in token.children if c.dep_ == "dobj"]
        if objs:
            token = objs[0]
    actor = actor_of(token, index, lex)
    if actor:
        return actor
    return topic_of(token, index, lex, known)
