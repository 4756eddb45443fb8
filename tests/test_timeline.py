"""kg.timeline and ``kg timeline`` on the hand-made store of tests/handmade.py."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import handmade as hm
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import GraphStore
from kg.timeline import (
    TimelineError,
    actor_timeline,
    choose_period,
    period_start,
    write_timeline,
)
from kg.viz.claims import ClaimSet, load_claims
from kg.viz.views import ViewError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MONTHS = [dt.date(2025, m, 1) for m in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return hm.fill(tmp_path_factory.mktemp("timeline") / "out")


@pytest.fixture(scope="module")
def claims(store_dir):
    return load_claims(GraphStore(store_dir, read_only=True))


def test_counts_per_month_as_subject_and_object(claims):
    us = actor_timeline(claims, "united states", by="month")
    assert (us.actor, us.by, us.periods, us.undated) == ("United States", "month", MONTHS, 0)
    # by the US (its State Department's accusation of Russia included): Jan +1 -1, Feb -1, Mar +2, Apr +1
    assert us.subject == {"positive": [1, 0, 2, 1], "negative": [1, 1, 0, 0], "neutral": [0, 0, 0, 0]}
    # about the US: China in Feb, the Chinese Foreign Ministry in Apr
    assert us.object == {"positive": [0, 0, 0, 0], "negative": [0, 1, 0, 1], "neutral": [0, 0, 0, 0]}
    assert us.claims == 8


def test_levels_periods_and_undated_claims(claims):
    body = actor_timeline(claims, "US State Department", level="full", by="day")
    assert body.periods == [dt.date(2025, 1, 10)] and body.subject["negative"] == [1]
    assert actor_timeline(claims, "US State Department").actor == "United States"  # rolled up
    russia = actor_timeline(claims, "Russia")
    assert russia.undated == 1 and russia.by == "week"  # Jan..Apr spans 105 days
    assert all(p.weekday() == 0 for p in russia.periods)
    assert choose_period(dt.date(2025, 1, 1), dt.date(2025, 1, 20)) == "day"
    assert choose_period(dt.date(2025, 1, 1), dt.date(2026, 1, 20)) == "month"
    assert period_start(dt.date(2025, 3, 20), "week") == dt.date(2025, 3, 17)


def test_no_claims_is_a_clear_error(claims):
    undated = ClaimSet(claims.actors, [c for c in claims.claims if c.date is None], claims.parents)
    with pytest.raises(TimelineError, match=r"no dated claims by or about 'peace talks' \(1 undated\)"):
        actor_timeline(undated, "peace talks")
    with pytest.raises(TimelineError, match="no dated claims by or about 'Antony Blinken'$"):
        actor_timeline(claims, "Antony Blinken", level="full")  # only a ROLE claim: no stance
    with pytest.raises(ViewError, match="no actor"):
        actor_timeline(claims, "Atlantis")
    with pytest.raises(TimelineError, match="unknown period"):
        actor_timeline(claims, "China", by="year")


def test_writes_png_and_svg(claims, tmp_path):
    us = actor_timeline(claims, "United States")
    png = write_timeline(us, tmp_path / "plots" / "us.png")
    assert png.read_bytes().startswith(PNG_MAGIC) and png.stat().st_size > 5_000
    svg = write_timeline(us, tmp_path / "us.svg")
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "United States: stances taken" in svg.read_text(encoding="utf-8")
    with pytest.raises(TimelineError, match="png or an .svg"):
        write_timeline(us, tmp_path / "us.jpg")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plots", "us.png", "us.svg"]  # no temp files


# --- kg timeline ------------------------------------------------------------------------------


def kg(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_kg_timeline_writes_the_plot(store_dir, tmp_path):
    result = kg("timeline", store_dir, "--actor", "China", "-o", tmp_path / "china.svg", "--by", "month")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {tmp_path / 'china.svg'}: 5 claim(s) by or about China per month"
    result = kg("timeline", store_dir, "--actor", "Russia", "-o", tmp_path / "russia.png")
    assert result.exit_code == 0 and "1 undated claim(s) not plotted" in result.stdout
    assert (tmp_path / "russia.png").read_bytes().startswith(PNG_MAGIC)


def test_kg_timeline_errors(store_dir, tmp_path):
    result = kg("timeline", store_dir, "--actor", "Atlantis", "-o", tmp_path / "x.png")
    assert result.exit_code == 2 and "no actor 'Atlantis'" in result.stderr
    result = kg("timeline", store_dir, "--actor", "China", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and "write a .png or an .svg" in result.stderr
    assert list(tmp_path.iterdir()) == []
