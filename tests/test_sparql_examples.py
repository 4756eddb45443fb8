"""Every query in docs/sparql-examples.md runs on a built store, and returns what its purpose says.

A SELECT must return rows and a CONSTRUCT triples, unless its purpose line says "(may be empty)";
an ASK must give the answer its purpose line expects ("expect `false`").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples

from kg.store import GraphStore

DOC = Path(__file__).resolve().parents[1] / "docs" / "sparql-examples.md"
EXAMPLE = re.compile(r"^### (?P<title>[^\n]+)\n\n(?P<purpose>[^\n]+)\n\n```sparql\n(?P<query>.*?)```", re.M | re.S)


def examples() -> list[tuple[str, str, str]]:
    return [(m["title"], m["purpose"], m["query"]) for m in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_page_has_about_eight_examples_each_with_a_purpose():
    found = examples()
    assert len(found) >= 8, [t for t, _, _ in found]
    assert len(found) == DOC.read_text(encoding="utf-8").count("```sparql")  # no block without a purpose line
    assert len({t for t, _, _ in found}) == len(found)


@pytest.mark.parametrize("title, purpose, query", examples(), ids=[t for t, _, _ in examples()])
def test_example_runs_and_answers(built, title, purpose, query):
    result = GraphStore(built, read_only=True).query(query)
    may_be_empty = "(may be empty)" in purpose
    if isinstance(result, QuerySolutions):
        rows = list(result)
        assert rows or may_be_empty, f"{title}: no rows"
    elif isinstance(result, QueryTriples):
        assert list(result) or may_be_empty, f"{title}: no triples"
    else:
        assert isinstance(result, QueryBoolean)
        expected = re.search(r"expect `(true|false)`", purpose)
        assert expected, f"{title}: an ASK example should say what to expect"
        assert bool(result) is (expected[1] == "true"), title
