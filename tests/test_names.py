"""kg.extract.names: where names start and end in a sentence, and the posts around a person's name."""

from __future__ import annotations

from kg.extract.mentions import ArticleActors, Mention
from kg.extract.names import opens_a_name, outside_named_orgs, unrecognised_name
from kg.records import Actor

WEST = Actor(key="the_west", label="the West", kind="InternationalOrganization")
SYRIA = Actor(key="syria", label="Syria", kind="State")


def test_a_name_with_an_article_that_runs_on_opens_another_name(nlp):
    doc = nlp("The West Virginia Coal Association endorsed him. The West condemned it.")
    first, second = list(doc.sents)
    assert opens_a_name(Mention(0, 2, WEST, "NAME"), first)
    assert not opens_a_name(Mention(second.start, second.start + 2, WEST, "NAME"), second)
    assert not opens_a_name(Mention(0, 2, WEST, "METONYM"), first)  # "The White House Press Secretary" keeps it


def test_a_demonym_opening_an_organisation_name_is_dropped(nlp):
    doc = nlp("The Syrian Observatory for Human Rights said so.")
    demonym = Mention(1, 2, SYRIA, "DEMONYM")
    assert outside_named_orgs([demonym], list(doc.ents)) == []
    doc = nlp("The Syrian army said so.")
    assert outside_named_orgs([demonym], list(doc.ents)) == [demonym]


def test_a_capitalised_argument_no_entity_covers(nlp, lexicon):
    doc = nlp("Officials praised the FA on Monday.")
    assert unrecognised_name(doc[3], doc[:], lexicon.posts)
    assert not unrecognised_name(doc[0], doc[:], lexicon.posts)


def test_posts_around_a_name_give_a_role(extractor):
    actors = ArticleActors(extractor.gazetteer, extractor.lexicon)
    doc = extractor.nlp("Foreign Ministry spokeswoman Maria Zakharova spoke.")
    actors.read(next(iter(doc.sents)))
    assert any(r.person.label == "Maria Zakharova" and "spokeswoman" in r.post for r in actors.roles)
