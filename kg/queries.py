"""Canned SPARQL queries: ``kg/queries/*.rq`` files, validated on load, run against the store."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import Literal, QuerySolutions

from kg.errors import QueryError

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def available() -> dict[str, str]:
    """Name -> first comment line, for every canned query."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
        out[path.stem] = first.lstrip("# ").strip()
    return out


def load(name: str) -> str:
    if not _NAME.match(name):
        raise QueryError(f"bad query name {name!r}: use letters, digits and _ (see `kg query --list`)")
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no canned query {name!r}; available: {', '.join(available())}")
    return path.read_text(encoding="utf-8")


def bind(sparql: str, params: dict[str, str]) -> str:
    """Replace ``$name`` placeholders by string literals (escaped), e.g. ``$actor`` -> ``"Russia"``."""
    for key in params:
        if not _NAME.match(key):
            raise QueryError(f"bad parameter name {key!r}")
    missing = sorted(set(re.findall(r"\$([a-z][a-z0-9_]*)\b", sparql)) - set(params))
    if missing:
        raise QueryError(f"query needs parameter(s) {', '.join(missing)}: pass --param NAME=VALUE")
    # one pass over the query text: a bound value is never scanned again
    return re.sub(r"\$([a-z][a-z0-9_]*)\b", lambda m: str(Literal(params[m.group(1)])), sparql)


def term_value(term) -> str | None:
    if term is None:
        return None
    return term.value


def rows(solutions: QuerySolutions) -> tuple[list[str], list[list[str | None]]]:
    """(column names, rows of plain values) from a SELECT result."""
    if not isinstance(solutions, QuerySolutions):
        raise QueryError("only SELECT queries can be shown as rows; run CONSTRUCT/ASK queries on graph.trig with another SPARQL tool")
    names = [v.value for v in solutions.variables]
    return names, [[term_value(s[n]) for n in names] for s in solutions]


__all__ = ["available", "load", "bind", "rows"]
