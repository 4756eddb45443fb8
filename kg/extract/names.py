"""Where a name is in a sentence: a demonym opening a longer organisation name, a name with an
article running on into another, a capitalised word no entity covers, first names before a family
name, and the posts written around a person's name ("Foreign Ministry spokeswoman Maria Zakharova").

Pure helpers over spaCy spans and :class:`~kg.extract.mentions.Mention` records, used by
:class:`~kg.extract.mentions.ArticleActors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract.arguments import hyphen_end

if TYPE_CHECKING:
    from kg.extract.mentions import Mention
    from kg.records import Actor

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "agent", "appos"})


def outside_named_orgs(mentions: list[Mention], ents: list[Span], posts: frozenset[str] = frozenset()) -> list[Mention]:
    """Drop a demonym that only opens a longer organisation name the NER found, when no other
    gazetteer name is in it: "the [Syrian] Observatory for Human Rights" is an organisation, while
    "the Syrian Foreign Ministry" keeps its state and body, and so does a title before a post
    ("[Philippine] Foreign Affairs Secretary")."""
    orgs = [e for e in ents if e.label_ == "ORG" and not titles_a_post(e, posts)]
    out = []
    for m in mentions:
        org = next((e for e in orgs if e.start <= m.start and m.end <= e.end), None)
        inside = [o for o in mentions if org is not None and org.start <= o.start and o.end <= org.end]
        if org is not None and m.form == "DEMONYM" and inside == [m] and org.end - m.end >= 2:
            continue
        out.append(m)
    return out


def titles_a_post(ent: Span, posts: frozenset[str]) -> bool:
    """"[Philippine Foreign Affairs] Secretary Theresa Lazaro": an entity right before a post word."""
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in posts


def opens_a_name(m: Mention, sent: Span) -> bool:
    """"[The West] Virginia Coal Association": a name with an article that runs on into a proper noun
    is the start of another name."""
    doc = sent.doc
    return m.form == "NAME" and doc[m.start].lower_ == "the" and m.end < sent.end and doc[m.end].pos_ == "PROPN" \
        and doc[m.end].text[:1].isupper() and doc[m.end - 1].whitespace_ != "" \
        and doc[m.end].ent_type_ not in ("DATE", "TIME")


def unrecognised_name(token: Token, sent: Span, posts: frozenset[str]) -> bool:
    """A capitalised argument of a clause that no entity covers: a proper noun, or a capitalised noun
    inside the sentence ("praised the FA")."""
    if token.ent_type_ or token.dep_ not in ARGUMENT_DEPS or not token.is_alpha or token.lower_ in posts:
        return False
    if token.pos_ == "PROPN":
        return token.text[:1].isupper()
    return token.pos_ == "NOUN" and token.i > sent.start and (token.is_upper and len(token) > 1 or token.is_title)


def with_first_names(ent: Span, sent: Span, posts: frozenset[str]) -> Span:
    """"Ana [Fuentes]" -> "Ana Fuentes": proper nouns right before an entity belong to it (up to a post:
    "Foreign Minister [Ana Fuentes]" stays as it is); "[Choi Min]-seok": a hyphenated given name too."""
    start, end = ent.start, ent.end
    while start > sent.start:
        before = ent.doc[start - 1]
        if before.pos_ != "PROPN" or before.ent_type_ or before.lower_ in posts:
            break
        start -= 1
    if ent.label_ == "PERSON":
        end = hyphen_end(ent.doc, end - 1, sent.end) + 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)


def post_tokens(head: Token, mention: Mention, posts: frozenset[str]) -> list[Token]:
    """Words of office next to a person's name: compounds to its left, or an appositive noun phrase."""
    left = [t for t in head.doc[max(mention.start - 6, head.sent.start):mention.start]]
    compounds = []
    for t in reversed(left):
        if t.dep_ in ("compound", "amod", "poss", "case", "det") or t.pos_ in ("PROPN", "NOUN", "ADJ", "PART"):
            compounds.insert(0, t)
        else:
            break
    if any(t.lower_ in posts for t in compounds):
        return compounds
    for child in head.children:
        if child.dep_ == "appos" and child.lower_ in posts:
            return list(child.subtree)
    return []


def organization_near(tokens: list[Token], index: dict[int, Mention], person: Mention) -> Actor | None:
    for t in tokens:
        m = index.get(t.i)
        if m and m is not person and m.actor.kind != "Person":
            return m.actor
    return None
