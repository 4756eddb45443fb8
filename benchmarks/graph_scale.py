"""How the graph page scales: file size and time to settle in headless Chromium, network blocked.

    python benchmarks/graph_scale.py [--sizes 100 1000 5000] [--chromium /usr/bin/chromium]

For each size a synthetic graph shaped like the real ones (a fifth of the nodes are actors with a
few stances among themselves, the rest topics each targeted by one to three actors; one to three
claims per edge) is drawn through :func:`kg.viz.project.draw` (the path ``kg graph`` takes:
Python layout and physics off above ``PHYSICS_MAX_NODES`` nodes), then opened in headless
Chromium with every non-file request aborted. "settle" is the time from navigation start until
the page sets ``window.kgStable`` (layout done, first frame drawn). Every figure is also printed as
a ratio against the first (smallest) size, measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import OfflineBrowser  # noqa: E402

from kg.viz.project import PHYSICS_MAX_NODES, draw  # noqa: E402

RELATIONS = {"positive": ["SUPPORT", "COOPERATE", "PRAISE"], "negative": ["ACCUSE", "THREATEN", "SANCTION"],
             "neutral": ["REQUEST", "CONSULT"]}
KINDS = ["State", "State", "InternationalOrganization", "GovernmentBody", "Person", "ArmedGroup"]


def synthetic_graph(n: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """``n`` nodes and their edges, each edge with 1-3 claims, deterministic for ``seed``."""
    rng = random.Random(seed)
    n_actors = max(2, n // 5)
    actors = [f"https://kg.example/actor/{i}" for i in range(n_actors)]
    topics = [f"https://kg.example/topic/{i}" for i in range(n - n_actors)]
    nodes = [{"id": a, "label": f"Actor {i}", "kind": rng.choice(KINDS)} for i, a in enumerate(actors)]
    nodes += [{"id": t, "label": f"topic {i}", "kind": "Topic"} for i, t in enumerate(topics)]
    weight = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]  # a few actors are very active
    pairs = set()
    for i, a in enumerate(actors[1:], start=1):  # a connected backbone, then preferential extras
        pairs.add((a, actors[rng.randrange(i)]))
    for _ in range(n_actors):
        a, b = rng.choices(actors, weight, k=2)
        if a != b:
            pairs.add((a, b))
    for t in topics:
        for a in set(rng.choices(actors, weight, k=rng.randint(1, 3))):
            pairs.add((a, t))
    edges = []
    for s, o in sorted(pairs):
        polarity = rng.choice(list(RELATIONS))
        claims = [{"relation": rng.choice(RELATIONS[polarity]), "date": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                   "speaker": None, "hedged": rng.random() < 0.1, "negated": False,
                   "evidence": f"Sentence {k} about {s} and {o}.", "source": "Synthetic Wire", "title": "Synthetic",
                   "article": f"a{rng.randrange(n)}"} for k in range(rng.randint(1, 3))]
        edges.append({"source": s, "target": o, "polarity": polarity, "claims": claims})
    return nodes, edges


def measure(browser: OfflineBrowser, n: int, directory: Path) -> dict:
    nodes, edges = synthetic_graph(n)
    start = time.perf_counter()
    path = draw(nodes, edges, directory / f"graph-{n}.html", title=f"{n} nodes")
    python_s = time.perf_counter() - start
    with browser.open(path, timeout_ms=120_000) as (page, report):
        page.wait_for_function("() => window.kgStable === true", timeout=120_000)
        settle_ms = page.evaluate("window.kgStableAt")
        drawn = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    if drawn != [len(nodes), len(edges)] or not report.clean:
        raise SystemExit(f"{n} nodes: drew {drawn} of {[len(nodes), len(edges)]}; {report}")
    return {"nodes": n, "edges": len(edges), "python_s": python_s, "settle_s": settle_ms / 1000,
            "mb": path.stat().st_size / 1e6, "physics": n <= PHYSICS_MAX_NODES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-graph-scale-") as tmp, OfflineBrowser(args.chromium) as browser:
        rows = [measure(browser, n, Path(tmp)) for n in args.sizes]
    base = rows[0]
    print(f"{'nodes':>6} {'edges':>6} {'layout':>8} {'python s':>9} {'settle s':>9} {'x base':>7} "
          f"{'MB':>6} {'x base':>7}")
    for r in rows:
        print(f"{r['nodes']:>6} {r['edges']:>6} {'physics' if r['physics'] else 'python':>8} {r['python_s']:>9.2f} "
              f"{r['settle_s']:>9.2f} {r['settle_s'] / base['settle_s']:>7.1f} {r['mb']:>6.2f} "
              f"{r['mb'] / base['mb']:>7.1f}")
    print(f"baseline: {base['nodes']} nodes, measured in this run; network blocked, no request left the machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
