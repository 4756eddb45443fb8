"""Actor mentions in one article: gazetteer spans, named entities, officials, their posts and pronouns.

:class:`ArticleActors` reads an article's sentences in order and remembers what an analyst would:
which state the article is about (for "the Foreign Ministry"), who "Zakharova" and "she" are, and
which state or organisation each official speaks for.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.arguments import NOMINAL_SUBJECT_DEPS, hyphen_end, known_name
from kg.extract.lexicon import Lexicon
from kg.extract.names import (
    opens_a_name,
    organization_near,
    outside_named_orgs,
    post_tokens,
    titles_a_post,
    unrecognised_name,
    with_first_names,
)
from kg.nlp.gazetteer import Gazetteer
from kg.records import Actor

SPANS_KEY = "kg_actors"
NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "NORP": "Organization", "LOC": None}
PERSON_PRONOUNS = frozenset({"she", "he", "her", "him", "his"})
TITLES = frozenset({"mr", "ms", "mrs", "dr", "sen", "rep", "gov", "gen", "prof"})
STATE_KINDS = frozenset({"State", "InternationalOrganization"})


def slug(text: str) -> str:
    """A stable ASCII key for a name: "Maria Zakharova" -> "maria_zakharova"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "x"


ACTING_FOR_OTHERS = frozenset({"Person", "GovernmentBody"})  # officials and ministries act for a principal


@dataclass(frozen=True)
class Mention:
    start: int  # token indices in the Doc
    end: int
    actor: Actor
    form: str  # NAME, METONYM, DEMONYM, BODY, NER, PRONOUN


@dataclass(frozen=True)
class Role:
    person: Actor
    organization: Actor
    post: str
    sentence: Span


def focal_state(docs: list[Doc], gazetteer: Gazetteer) -> str | None:
    """The state an article is about: the first state named in its title, else the most named one."""
    counts: dict[str, int] = {}
    for doc in docs:
        for span in doc.spans.get(SPANS_KEY, []):
            entry = gazetteer.entries.get(span.id_)
            if entry and entry.actor.kind == "State" and span.label_ != "BODY_TYPE":
                if doc is docs[0] and len(docs) > 1:
                    return span.id_
                counts[span.id_] = counts.get(span.id_, 0) + 1
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


@dataclass
class ArticleActors:
    gazetteer: Gazetteer
    lexicon: Lexicon
    focal: str | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    principals: dict[str, Actor] = field(default_factory=dict)  # person/body key -> state or organisation
    roles: list[Role] = field(default_factory=list)
    _surnames: dict[str, Actor] = field(default_factory=dict)
    _recent: list[Actor] = field(default_factory=list)  # actors in order of last mention
    last_person: Actor | None = None
    last_subject: Actor | None = None  # a state, organisation or body the last sentence had as its subject

    _doc_spans: tuple | None = None  # (doc, {"actors"/"ents": (starts, spans)}) for the Doc being read

    # -- public -------------------------------------------------------------------------------
    def prime(self, doc: Doc) -> None:
        """Learn the full names of the people ``doc`` names, so that a family name read before them
        (a headline's "Biden") is already that person ("Joe Biden")."""
        for span in doc.spans.get(SPANS_KEY, []):
            entry = self.gazetteer.entries.get(span.id_)
            if entry is not None and entry.actor.kind == "Person":
                self._remember_name(entry.actor)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                self._ner_actor(ent)

    def read(self, sent: Span) -> dict[int, Mention]:
        """Mentions in a sentence, by token index (every token of a mention points to it)."""
        index: dict[int, Mention] = {}
        # gazetteer names first: a named entity that overlaps one ("the United States") gives way,
        # unless it is a longer name that only starts with a demonym ("the Syrian Observatory for Human Rights")
        gazetteer = outside_named_orgs([m for m in self._gazetteer_mentions(sent) if not opens_a_name(m, sent)],
                                       self._spans_in(sent, "ents"), self.lexicon.posts)
        for group in (gazetteer, self._ner_mentions(sent), self._proper_noun_mentions(sent)):
            self._add(index, group)
        self._add(index, self._definite_mentions(sent, index))  # "the agency" may be one this sentence named
        self._add(index, self._pronoun_mentions(sent, index))  # "she" may be someone this sentence named
        self._read_roles(sent, index)
        return index

    def _spans_in(self, sent: Span, which: str) -> list[Span]:
        """The gazetteer spans or named entities that start in the sentence: sorted once per Doc and
        found by binary search, not by a scan of the whole Doc for every sentence."""
        doc = sent.doc
        if self._doc_spans is None or self._doc_spans[0] is not doc:
            groups = {"actors": sorted(doc.spans.get(SPANS_KEY, []), key=lambda s: s.start), "ents": list(doc.ents)}
            self._doc_spans = (doc, {k: ([s.start for s in v], v) for k, v in groups.items()})
        starts, spans = self._doc_spans[1][which]
        return spans[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]

    def _add(self, index: dict[int, Mention], mentions: list[Mention]) -> None:
        for m in mentions:
            if any(i in index for i in range(m.start, m.end)):
                continue
            for i in range(m.start, m.end):
                index[i] = m
            self.actors.setdefault(m.actor.key, m.actor)

    def after_sentence(self, index: dict[int, Mention], sent: Span | None = None) -> None:
        """Remember the sentence's actors; the person "he" or "she" will next refer to is the one the
        sentence had as a subject, else the last one it named."""
        people = []
        for m in sorted({id(m): m for m in index.values()}.values(), key=lambda m: m.start):
            if m.form in ("PRONOUN", "DEFINITE"):
                continue
            if m.actor.kind == "Person":
                people.append(m)
            self._recent = [a for a in self._recent if a.key != m.actor.key] + [m.actor]
        subjects = [m for m in people if sent is not None and _is_subject(sent.doc, m)]
        if people:
            self.last_person = (subjects or people)[-1].actor
        if sent is not None:
            subject = next((index.get(c.i) for c in sent.root.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
            self.last_subject = subject.actor if subject is not None and subject.actor.kind != "Person" else None

    def recent_states(self, n: int) -> list[Actor]:
        """The last ``n`` distinct states named (through their officials and bodies too), latest last."""
        out: list[Actor] = []
        for actor in reversed(self._recent):
            state = self.principal(actor)
            if state.kind == "State" and all(s.key != state.key for s in out):
                out.append(state)
            if len(out) == n:
                break
        return list(reversed(out))

    def principal(self, actor: Actor) -> Actor:
        """The state or organisation an official or body acts for (the actor itself otherwise); an
        organisation acts for itself, even inside a larger one (the IAEA in the UN system)."""
        seen = set()
        while actor.kind in ACTING_FOR_OTHERS and actor.key in self.principals and actor.key not in seen:
            seen.add(actor.key)
            actor = self.principals[actor.key]
        return actor

    # -- gazetteer ----------------------------------------------------------------------------
    def _gazetteer_mentions(self, sent: Span) -> list[Mention]:
        spans = [s for s in self._spans_in(sent, "actors") if s.end <= sent.end]
        out = []
        for span in spans:
            if span.label_ == "BODY_TYPE":
                actor = self._generic_body(span, spans)
            else:
                actor = self.gazetteer.actor(span.id_)
                self._register_gazetteer_actor(span.id_)
            if actor:
                out.append(Mention(span.start, span.end, actor, "BODY" if span.label_ == "BODY_TYPE" else span.label_))
        return out

    def _register_gazetteer_actor(self, key: str) -> None:
        entry = self.gazetteer.entries[key]
        ref = entry.body or entry.actor.parent
        if ref and ref in self.gazetteer.entries and key not in self.principals:
            self.principals[key] = self.gazetteer.actor(ref)
            self._register_gazetteer_actor(ref)
        if entry.actor.kind == "Person":
            self._remember_name(entry.actor)

    def _generic_body(self, span: Span, spans: list[Span]) -> Actor | None:
        """"Russia's army" -> the army of the state named just before it; a capitalised body named
        alone ("the Foreign Ministry") -> the article's state; "the government" alone -> nobody."""
        state_key = None
        for other in spans:
            if other.end in (span.start, span.start - 1) and other.label_ != "BODY_TYPE":
                entry = self.gazetteer.entries.get(other.id_)
                if entry and entry.actor.kind == "State":
                    state_key = other.id_
        if state_key is None:  # "Foreign Ministry Spokesperson [Lin Jian]": the known official's state
            person = next((self.gazetteer.entries.get(o.id_) for o in spans if span.end <= o.start <= span.end + 3
                           and o.label_ != "BODY_TYPE"), None)
            if person is not None and person.actor.kind == "Person" and person.actor.parent:
                state_key = person.actor.parent
        if state_key is None and span.text[:1].isupper() and self.gazetteer.generic_bodies[span.id_].alone:
            # "the Foreign Ministry": the article's state ("Media reports said": nobody's)
            state_key = self.focal
        if not state_key:
            return self._resumed_body(span)
        return self.body_of(state_key, span.id_)

    def _resumed_body(self, span: Span) -> Actor | None:
        """"the army" after "Sudan's army": the last body of that type named in the article ("the
        government" is left to whoever speaks of it)."""
        body = self.gazetteer.generic_bodies[span.id_]
        if body.type == "government" or span.start == 0 or span.doc[span.start - 1].lower_ != "the":
            return None
        words = {phrase.lower() for phrase in (body.label, *body.aliases)}
        return next((a for a in reversed(self._recent)
                     if a.kind == "GovernmentBody" and any(w in a.label.lower() for w in words)), None)

    def body_of(self, state_key: str, body_type: str) -> Actor:
        """The state's body of a generic type ("Swedish Government", "Russian Foreign Ministry")."""
        state = self.gazetteer.entries[state_key]
        body = self.gazetteer.generic_bodies[body_type]
        prefix = state.demonyms[0] if state.demonyms else state.actor.label
        actor = Actor(key=f"{state_key}_{body.type}", label=f"{prefix} {body.label}", kind="GovernmentBody",
                      parent=state_key)
        self.principals[actor.key] = state.actor
        self.actors.setdefault(actor.key, actor)
        return actor

    # -- named entities -----------------------------------------------------------------------
    def _ner_mentions(self, sent: Span) -> list[Mention]:
        out = []
        for ent in self._spans_in(sent, "ents"):
            if ent.end > sent.end:
                continue
            ent = with_first_names(ent, sent, self.lexicon.posts)
            actor = self._ner_actor(ent)
            if actor:
                out.append(Mention(ent.start, ent.end, actor, "NER"))
        return out

    def _post_in_name(self, token: Token, ent: Span) -> bool:
        """"[President] Lula", "[Foreign Minister] Wang Yi": a post before the name; "Peter King" ends
        with a surname that is also a post."""
        if token.lower_ not in self.lexicon.posts:
            return False
        surname = token.i == ent.end - 1 and token.i > ent.start and ent.label_ == "PERSON" \
            and ent.doc[token.i - 1].pos_ == "PROPN" and ent.doc[token.i - 1].lower_ not in self.lexicon.posts
        return not surname

    def _ner_actor(self, ent: Span) -> Actor | None:
        tokens = [t for t in ent if not self._post_in_name(t, ent) and (t.pos_ == "PROPN" or t.text[:1].isupper())
                  and not (t.is_stop and t.pos_ != "PROPN")
                  and not (ent.label_ == "PERSON" and t.lower_.rstrip(".") in TITLES)]
        if not tokens or not any(t.text[:1].isupper() for t in tokens):
            return None  # "the state news agency": a description, not a name
        last = hyphen_end(ent.doc, tokens[-1].i, ent.end)  # "Min-seok" keeps its lower-case part
        name = ent.doc[tokens[0].i:last + 1].text  # "Ministry of National Defense", as written
        known = self._surnames.get(name) if len(tokens) == 1 else None
        if known:
            return known
        after_post = ent.start > 0 and ent.doc[ent.start - 1].lower_ in self.lexicon.posts
        if ent.label_ == "ORG" and titles_a_post(ent, self.lexicon.posts) and (
                len(tokens) == 1 and tokens[0].lower_ in self.lexicon.portfolio_words or known_name(ent[0])):
            return None  # "[Trade] Minister Don Farrell", "[Philippine Foreign Affairs] Secretary": a portfolio
        kind = "Person" if after_post and ent.label_ in ("ORG", "GPE", "NORP") else NER_KINDS.get(ent.label_)
        if not kind:
            return None
        if slug(name) in self.gazetteer.entries:  # "United States'" missed by the ruler, found by NER
            return self.gazetteer.actor(slug(name))
        actor = Actor(key=slug(name), label=name, kind=kind)
        if kind == "Person":
            self._remember_name(actor)
        return actor

    def _remember_name(self, person: Actor) -> None:
        """The one-word names a person is referred to by later: the last word ("Zakharova") and, as many
        names put the family name first ("Wang Yi"), the first, unless someone took them before."""
        words = person.label.split()
        for word in (words[-1], words[0]) if len(words) > 1 else words:
            self._surnames.setdefault(word.strip(".,"), person)

    # -- proper nouns the NER missed ------------------------------------------------------------
    def _proper_noun_mentions(self, sent: Span) -> list[Mention]:
        """"Tam criticized ...", "the FA charged ...": a proper noun the model tagged but did not
        recognise as an entity still names an actor when it is an argument of the clause."""
        out, doc = [], sent.doc
        for token in sent:
            if not unrecognised_name(token, sent, self.lexicon.posts):
                continue
            start = token.i
            while start > sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                    and not doc[start - 1].ent_type_ and doc[start - 1].lower_ not in self.lexicon.posts:
                start -= 1
            name = doc[start:token.i + 1].text
            titled = start > sent.start and doc[start - 1].lower_.rstrip(".") in TITLES
            actor = self._surnames.get(name) or Actor(
                key=slug(name), label=name, kind="Organization" if token.is_upper and not titled else "Person")
            if actor.kind == "Person":
                self._remember_name(actor)
            out.append(Mention(start, token.i + 1, actor, "NER"))
        return out

    # -- definite descriptions ("the bloc", "the ministry", "the diplomat") ----------------------
    def _definite_mentions(self, sent: Span, index: dict[int, Mention]) -> list[Mention]:
        out = []
        for token in sent:
            kinds = self.lexicon.definite.get(token.lower_) if token.pos_ == "NOUN" else None
            if not kinds or not bare_definite(token, self.lexicon):
                continue
            before = [m.actor for m in sorted({id(m): m for m in index.values()}.values(), key=lambda m: m.start)
                      if m.end <= token.i and m.form != "PRONOUN"]
            recent = self._recent + before
            named = [a for a in reversed(recent) if a.kind in kinds and token.lower_ in a.label.lower().split()]
            found = (next((a for a in reversed(self._recent) if a.kind == kind), None) for kind in kinds)
            # "the agency" is the International Atomic Energy Agency if it was named; else the likeliest
            # kind first, then the latest
            actor = named[0] if named else next((a for a in found if a is not None), None)
            if actor is not None:
                out.append(Mention(token.i, token.i + 1, actor, "DEFINITE"))
        return out

    # -- pronouns -----------------------------------------------------------------------------
    def _pronoun_mentions(self, sent: Span, index: dict[int, Mention]) -> list[Mention]:
        """"he", "she": a person named earlier in the sentence (a subject first), else the last one;
        "It" opening a sentence as the subject of its main verb: the last sentence's subject, when that
        was a state, organisation or body ("The ministry rejected the decision. It accused Brussels ...")."""
        out, doc = [], sent.doc
        opening = sent[0] if len(sent) else None
        if opening is not None and opening.lower_ == "it" and self.last_subject is not None \
                and opening.dep_ in NOMINAL_SUBJECT_DEPS and opening.head.i == sent.root.i and opening.head.pos_ == "VERB":
            out.append(Mention(opening.i, opening.i + 1, self.last_subject, "PRONOUN"))
        for t in sent:
            side = self._possessor(t, sent, index)
            if side is not None:
                out.append(Mention(t.i, t.i + 1, side, "PRONOUN"))
            if t.lower_ not in PERSON_PRONOUNS or t.pos_ != "PRON":
                continue
            before = sorted({m.start: m for m in index.values() if m.end <= t.i and m.actor.kind == "Person"
                             and m.form != "PRONOUN"}.values(), key=lambda m: m.start)
            subjects = [m for m in before if _is_subject(doc, m)]
            person = (subjects or before)[-1].actor if before else self.last_person
            if person is not None:
                out.append(Mention(t.i, t.i + 1, person, "PRONOUN"))
        return out

    def _possessor(self, t: Token, sent: Span, index: dict[int, Mention]) -> Actor | None:
        """"its forces", "their troops": the state, organisation or group named last before, in the
        sentence, else the last sentence's subject; only for those who act for it or what it holds (an agent
        noun, a generic target: "its nuclear sites")."""
        if t.lower_ not in ("its", "their") or t.dep_ != "poss":
            return None
        head, lex = t.head, self.lexicon  # "its forces", "its nuclear sites"
        if not any(w in lex.agent_nouns or w in lex.generic_targets for w in (head.lemma_.lower(), head.lower_)):
            return None
        before = [m for m in index.values() if m.end <= t.i and m.form != "PRONOUN"
                  and m.actor.kind not in ("Person", "Topic", "Location")]
        return max(before, key=lambda m: m.start).actor if before else self.last_subject

    # -- posts and roles ----------------------------------------------------------------------
    def _read_roles(self, sent: Span, index: dict[int, Mention]) -> None:
        """"Foreign Ministry spokeswoman Maria Zakharova", "Lavrov, Russia's foreign minister"."""
        for m in {id(m): m for m in index.values()}.values():
            if m.actor.kind != "Person" or m.form == "PRONOUN":
                continue
            head = sent.doc[m.end - 1]
            around = post_tokens(head, m, self.lexicon.posts)
            if not around:
                continue
            org = organization_near(around, index, m) or self._default_organization(m.actor)
            if org is None:
                continue
            post = " ".join(t.text for t in around if t.lower_ in self.lexicon.posts)
            self.roles.append(Role(m.actor, org, post, sent))
            self.principals.setdefault(m.actor.key, self.principal(org) if org.kind != "Person" else org)

    def _default_organization(self, person: Actor) -> Actor | None:
        """A known official's organisation. (A post with no state named stays unattached: in an
        article about several states, the article's main state is too often the wrong guess.)"""
        return self.principals.get(person.key)


def _is_subject(doc: Doc, mention: Mention) -> bool:
    return doc[mention.start:mention.end].root.dep_ in NOMINAL_SUBJECT_DEPS


def bare_definite(token: Token, lex: Lexicon, determiners: frozenset[str] = frozenset({"the", "this"})) -> bool:
    """"the bloc", "the Asian bloc"? no: only a bare "the/this" (or other ``determiners``) + noun,
    not followed by "of"."""
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in determiners for c in children):
        return False
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.lower_ not in lex.topic_stop_modifiers
           for c in children):
        return False
    return not any(c.dep_ in ("prep", "relcl", "acl") for c in children)  # "the government in Caracas": a new one
