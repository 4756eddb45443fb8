"""``kg timeline``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from kg.cli._app import app, fail, say
from kg.cli.graph import LEVEL_HELP, Level
from kg.errors import KgError


class Period(str, Enum):
    auto = "auto"
    day = "day"
    week = "week"
    month = "month"


@app.command()
def timeline(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    actor: str = typer.Option(..., "--actor", help="The actor (a name or an IRI)."),
    output: Path = typer.Option(..., "-o", "--output", help="Image to write: .png or .svg."),
    level: Level = typer.Option(Level.state, "--level", help=LEVEL_HELP),
    by: Period = typer.Option(Period.auto, "--by", help="Count claims per day, week or month (auto: from the date span)."),
) -> None:
    """Plot one actor's claims over time by polarity, as subject and as object (PNG or SVG).

    Example: kg timeline output --actor China -o output/china.png
    """
    from kg.store import GraphStore
    from kg.timeline import FORMATS, TimelineError, actor_timeline, write_timeline
    from kg.viz.claims import load_claims

    if output.suffix.lower() not in FORMATS:
        fail(f"{output}: write a .png or an .svg file")
    try:
        found = actor_timeline(load_claims(GraphStore(out_dir, read_only=True)), actor, level=level.value,
                               by=by.value)
        write_timeline(found, output)
    except TimelineError as exc:
        fail(str(exc), code=1)
    except (KgError, OSError) as exc:
        fail(str(exc))
    undated = f"; {found.undated} undated claim(s) not plotted" if found.undated else ""
    say(f"wrote {output}: {found.claims} claim(s) by or about {found.actor} per {found.by}{undated}")
