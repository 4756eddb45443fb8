"""One actor's claims over time, by polarity: as the one who acts or speaks, and as the target.

:func:`actor_timeline` counts the actor's asserted stance claims per period (day, week or month,
chosen from the date span unless given); :func:`timeline_figure` draws them as two stacked-bar
panels with matplotlib (a bare ``Figure``, no pyplot state, Agg/SVG output); :func:`write_timeline`
saves a PNG or SVG atomically. At ``level="state"`` claims by officials and bodies count for their
state, as on the graph page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from kg.analytics import stance_claims
from kg.errors import KgError
from kg.files import atomic_write
from kg.viz.claims import ClaimSet
from kg.viz.views import find_actor, rollup_map

PERIODS = ("day", "week", "month")
POLARITY_COLORS = {"positive": "#2ca02c", "negative": "#d62728", "neutral": "#8c8c8c"}
FORMATS = (".png", ".svg")


class TimelineError(KgError):
    """No claims to plot for the actor, or an output format that is not PNG or SVG."""


@dataclass
class Timeline:
    """Claim counts per period start, per polarity, with the actor as subject and as object."""

    actor: str  # label
    iri: str
    by: str  # day / week / month
    periods: list[dt.date] = field(default_factory=list)
    subject: dict[str, list[int]] = field(default_factory=dict)  # polarity -> count per period
    object: dict[str, list[int]] = field(default_factory=dict)
    undated: int = 0  # the actor's claims whose article has no date (not plotted)

    @property
    def claims(self) -> int:
        return sum(sum(v) for v in self.subject.values()) + sum(sum(v) for v in self.object.values())


def period_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def choose_period(first: dt.date, last: dt.date) -> str:
    span = (last - first).days
    return "day" if span <= 31 else "week" if span <= 190 else "month"


def actor_timeline(claims: ClaimSet, actor: str, *, level: str = "state", by: str = "auto") -> Timeline:
    """Count ``actor``'s asserted stance claims per period (see the module docstring)."""
    if by != "auto" and by not in PERIODS:
        raise TimelineError(f"unknown period {by!r}: use auto, {', '.join(PERIODS)}")
    iri = find_actor(claims, actor, rollup_map(claims) if level == "state" else None)
    rows = [c for c in stance_claims(claims, level) if iri in (c.subject, c.object)]
    dated = [(dt.date.fromisoformat(c.date), c) for c in rows if c.date]
    label = claims.label(iri)
    if not dated:
        raise TimelineError(f"no dated claims by or about {label!r}"
                            + (f" ({len(rows)} undated)" if rows else ""))
    if by == "auto":
        by = choose_period(min(d for d, _ in dated), max(d for d, _ in dated))
    counts = Counter((period_start(d, by), "subject" if c.subject == iri else "object", c.polarity)
                     for d, c in dated)
    periods = sorted({p for p, _, _ in counts})
    timeline = Timeline(label, iri, by, periods, undated=len(rows) - len(dated))
    for role in ("subject", "object"):
        setattr(timeline, role, {pol: [counts[(p, role, pol)] for p in periods] for pol in POLARITY_COLORS})
    return timeline


def timeline_figure(timeline: Timeline) -> Figure:
    """Two panels sharing the time axis: claims by the actor, and claims about it."""
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    width = {"day": 0.8, "week": 6, "month": 27}[timeline.by]
    for ax, role, title in ((axes[0], "subject", f"{timeline.actor}: stances taken"),
                            (axes[1], "object", f"{timeline.actor}: stances toward it")):
        bottom = [0] * len(timeline.periods)
        for polarity, color in POLARITY_COLORS.items():
            values = getattr(timeline, role)[polarity]
            ax.bar(timeline.periods, values, width=width, bottom=bottom, color=color, label=polarity,
                   align="edge")
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.set_title(title, loc="left", fontsize=11)
        ax.set_ylabel(f"claims per {timeline.by}")
        ax.yaxis.get_major_locator().set_params(integer=True)
    locator = AutoDateLocator()
    axes[1].xaxis.set_major_locator(locator)
    axes[1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes[0].legend(loc="upper right", fontsize=9)
    return fig


def write_timeline(timeline: Timeline, path: str | Path) -> Path:
    """Save the figure as PNG or SVG (by the file's suffix), written to a temp file then renamed."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise TimelineError(f"{path}: write a .png or an .svg file")
    fig = timeline_figure(timeline)
    fmt = path.suffix.lower()[1:]
    metadata = {"Date": None} if fmt == "svg" else None
    return atomic_write(path, lambda fh: fig.savefig(fh, format=fmt, dpi=120, metadata=metadata))
