"""The persistent graph store: a pyoxigraph Store on disk, one named graph per article.

An article's graph is replaced in one SPARQL update (one transaction): readers see the old claims
or the new ones, never half. File outputs are written to a temporary file and renamed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.rdf.mapping import ACTORS_GRAPH, ONTOLOGY_GRAPH, PREFIXES

STORE_DIR = "store"


def _ntriples_block(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def atomic_write(path: Path, write) -> Path:
    """Call ``write(binary_file)`` on a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class GraphStore:
    """The embedded store under ``DIR/store``."""

    def __init__(self, out_dir: str | Path, *, read_only: bool = False, create: bool = True):
        self.out_dir = Path(out_dir)
        self.read_only = read_only
        path = self.out_dir / STORE_DIR
        if not path.exists() and (read_only or not create):
            raise StoreError(f"{self.out_dir}: no graph store here (run `kg build ... --out {self.out_dir}` first)")
        try:
            if not read_only:
                path.mkdir(parents=True, exist_ok=True)
            self.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the graph store: {exc}") from exc

    # -- writing --------------------------------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Swap a named graph's content for ``quads`` in one transaction."""
        body = _ntriples_block(quads)
        update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        try:
            self.store.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph {graph.value}: {exc}") from exc

    def add(self, quads: list[ox.Quad]) -> None:
        try:
            self.store.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write to the graph store: {exc}") from exc

    def merge(self, quads: list[ox.Quad], single_valued: tuple, preference) -> None:
        """Add ``quads``; for ``single_valued`` predicates keep one value per subject, the one
        ``preference`` ranks first among what the store has and what comes in."""
        keep = []
        for q in quads:
            if q.predicate not in single_valued:
                keep.append(q)
                continue
            existing = list(self.store.quads_for_pattern(q.subject, q.predicate, None, q.graph_name))
            best = min([e.object for e in existing] + [q.object], key=preference)
            for e in existing:
                if e.object != best:
                    self.store.remove(e)
            if best == q.object:
                keep.append(q)
        self.add(keep)

    def load_ontology(self, ttl_files: Iterable[Path]) -> None:
        quads = []
        for path in ttl_files:
            quads += [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                      for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
        self.replace_graph(ONTOLOGY_GRAPH, quads)

    def flush(self) -> None:
        self.store.flush()

    # -- reading --------------------------------------------------------------------------------
    def query(self, sparql: str):
        try:
            return self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError("malformed SPARQL: " + " ".join(str(exc).split())) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)

    # -- files ----------------------------------------------------------------------------------
    def write_trig(self, path: Path) -> Path:
        return atomic_write(path, lambda fh: self.store.dump(fh, ox.RdfFormat.TRIG, prefixes=PREFIXES))

    def write_union_turtle(self, path: Path) -> Path:
        """Every named graph's triples merged into one graph (the "union")."""
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self.store}
        ordered = sorted(triples, key=str)
        return atomic_write(path, lambda fh: ox.serialize(ordered, fh, ox.RdfFormat.TURTLE, prefixes=PREFIXES))

    def close(self) -> None:
        del self.store

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        if not exc[0] and not self.read_only:
            self.flush()


__all__ = ["GraphStore", "atomic_write", "ACTORS_GRAPH", "ONTOLOGY_GRAPH"]
