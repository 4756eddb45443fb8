"""A small store filled by hand (kg.rdf.mapping.result_quads on hand-built records, no spaCy).

Officials and bodies (Blinken in the State Department, a unit of the US; Wang Yi of China; the
Chinese Foreign Ministry) speak or act so that ``--level state`` has something to roll up; dates
span four months (plus one undated article) for the date filters, the stance change and the
timeline. The expected numbers in the tests are worked out by hand from the list below.

State level (ROLE claims fold away), ``+`` positive, ``-`` negative, ``0`` neutral:

    a1 2025-01-10  US +SUPPORT Ukraine (speaker Blinken) | Russia -ACCUSE NATO | [State Dept] -ACCUSE Russia
    a2 2025-02-15  China -ACCUSE US (speaker Wang Yi) | US -ACCUSE China | Russia -THREATEN Ukraine
    a3 2025-03-20  US +COOPERATE China | EU -SANCTION Russia | US +SUPPORT sanctions | China -ACCUSE NATO (hedged)
    a4 2025-04-25  [Chinese MFA] -ACCUSE US | China +COOPERATE Russia (negated) | Ukraine 0REQUEST talks
                   | US +SUPPORT Ukraine
    a5 (no date)   Russia -REJECT talks
"""

from __future__ import annotations

import itertools
from pathlib import Path

from kg.rdf.mapping import BASE, result_quads
from kg.records import Actor, Article, ArticleResult, Claim
from kg.store import GraphStore

US = Actor("united_states", "United States", "State", iso="US")
CHINA = Actor("china", "China", "State", iso="CN")
RUSSIA = Actor("russia", "Russia", "State", iso="RU")
UKRAINE = Actor("ukraine", "Ukraine", "State", iso="UA")
NATO = Actor("nato", "NATO", "InternationalOrganization")
EU = Actor("european_union", "European Union", "InternationalOrganization")
STATE_DEPT = Actor("us_state_department", "US State Department", "GovernmentBody", parent="united_states")
CHINA_MFA = Actor("chinese_foreign_ministry", "Chinese Foreign Ministry", "GovernmentBody", parent="china")
BLINKEN = Actor("antony_blinken", "Antony Blinken", "Person")
WANG = Actor("wang_yi", "Wang Yi", "Person")
SANCTIONS = Actor("sanctions_on_russia", "sanctions on Russia", "Topic", about=("russia",))
TALKS = Actor("peace_talks", "peace talks", "Topic")
ACTORS = (US, CHINA, RUSSIA, UKRAINE, NATO, EU, STATE_DEPT, CHINA_MFA, BLINKEN, WANG, SANCTIONS, TALKS)

DATES = {"a1": "2025-01-10", "a2": "2025-02-15", "a3": "2025-03-20", "a4": "2025-04-25", "a5": None}
_offsets = itertools.count(0, 20)


def iri(actor: Actor) -> str:
    return f"{BASE}{'topic' if actor.kind == 'Topic' else 'actor'}/{actor.key}"


def claim(article, subject, relation, obj, polarity, **kw) -> Claim:
    start = next(_offsets)
    evidence = kw.pop("evidence", f"{subject.label} {relation.lower()} {obj.label} ({article}).")
    return Claim(article, subject, relation, obj, polarity, evidence, start, start + 10, **kw)


CLAIMS = {
    "a1": [claim("a1", US, "SUPPORT", UKRAINE, "positive", speaker=BLINKEN),
           claim("a1", RUSSIA, "ACCUSE", NATO, "negative"),
           claim("a1", STATE_DEPT, "ACCUSE", RUSSIA, "negative"),
           claim("a1", BLINKEN, "ROLE", STATE_DEPT, "neutral")],
    "a2": [claim("a2", CHINA, "ACCUSE", US, "negative", speaker=WANG),
           claim("a2", US, "ACCUSE", CHINA, "negative"),
           claim("a2", WANG, "ROLE", CHINA, "neutral"),
           claim("a2", RUSSIA, "THREATEN", UKRAINE, "negative")],
    "a3": [claim("a3", US, "COOPERATE", CHINA, "positive"),
           claim("a3", EU, "SANCTION", RUSSIA, "negative"),
           claim("a3", US, "SUPPORT", SANCTIONS, "positive"),
           claim("a3", CHINA, "ACCUSE", NATO, "negative", hedged=True)],
    "a4": [claim("a4", CHINA_MFA, "ACCUSE", US, "negative"),
           claim("a4", CHINA, "COOPERATE", RUSSIA, "positive", negated=True),
           claim("a4", UKRAINE, "REQUEST", TALKS, "neutral"),
           claim("a4", US, "SUPPORT", UKRAINE, "positive")],
    "a5": [claim("a5", RUSSIA, "REJECT", TALKS, "negative")],
}


def fill(directory: Path) -> Path:
    """Write the hand-made store under ``directory`` (a ``kg build`` output directory) and return it."""
    store = GraphStore(directory)
    for article_id, claims in CLAIMS.items():
        article = Article(id=article_id, text="...", title=f"Title of {article_id}", date=DATES[article_id],
                          source="Hand Wire")
        own, shared = result_quads(ArticleResult(article, ACTORS, tuple(claims)))
        store.replace_graph(own[0].graph_name, own)
        store.add(shared)
    store.flush()
    del store
    return directory
