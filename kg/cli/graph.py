"""``kg graph``."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

import typer

from kg.cli._app import app, fail, say
from kg.errors import KgError

DATE = ["%Y-%m-%d"]


class Level(str, Enum):
    state = "state"
    full = "full"


class Polarity(str, Enum):
    positive = "positive"
    negative = "negative"
    neutral = "neutral"


LEVEL_HELP = "state: officials and bodies rolled up to their state or organisation; full: every actor."


@app.command()
def graph(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    output: Path = typer.Option(..., "-o", "--output", help="HTML file to write."),
    level: Level = typer.Option(Level.state, "--level", help=LEVEL_HELP),
    focus: str | None = typer.Option(None, "--focus", help="Only this actor's neighbourhood (a name or an IRI)."),
    hops: int = typer.Option(1, "--hops", min=0, help="With --focus: how many steps out from the actor."),
    since: datetime | None = typer.Option(None, "--since", formats=DATE, help="Only articles dated on or after."),
    until: datetime | None = typer.Option(None, "--until", formats=DATE, help="Only articles dated on or before."),
    relation: list[str] = typer.Option([], "--relation", help="Only this relation type, e.g. ACCUSE (repeatable)."),
    polarity: list[Polarity] = typer.Option([], "--polarity", help="Only this polarity (repeatable)."),
    min_claims: int = typer.Option(1, "--min-claims", min=1, help="Only edges with at least N claims."),
    max_nodes: int = typer.Option(5000, "--max-nodes", min=0,
                                  help="Draw the N actors with the most neighbours; the build says what it left out (0: all)."),
    title: str = typer.Option("Foreign-policy knowledge graph", "--title", help="The page's title."),
) -> None:
    """Draw the graph as an interactive HTML page that works offline: views by level, actor, date, relation, polarity.

    Example: kg graph output -o output/russia.html --focus Russia --hops 2 --since 2025-11-01
    """
    from kg.store import GraphStore
    from kg.viz.project import write_view_page
    from kg.viz.views import ViewOptions

    try:
        options = ViewOptions(
            level=level.value, focus=focus, hops=hops,
            since=since.date() if since else None, until=until.date() if until else None,
            relations=frozenset(relation), polarities=frozenset(p.value for p in polarity),
            min_claims=min_claims, max_nodes=max_nodes or None)
        view = write_view_page(GraphStore(out_dir, read_only=True), output, options, title=title)
    except (KgError, OSError) as exc:
        fail(str(exc))
    say(f"wrote {output}")
    if view.note():
        say(f"left out: {view.note()}")
