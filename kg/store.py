"""The persistent graph store: a pyoxigraph Store on disk, one named graph per article.

An article's graph is replaced in one SPARQL update (one transaction): readers see the old claims
or the new ones, never half. File outputs are written to a temporary file and renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.files import atomic_write
from kg.rdf.mapping import (
    ACTORS_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    merge_actor_quads,
    parse_record,
)

_FP = "https://w3id.org/fpkg/ontology#"
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_ARTICLES = f"""SELECT ?g ?id ?hash ?record WHERE {{ GRAPH ?g {{
  ?a a <{_FP}Article> ; <http://purl.org/dc/terms/identifier> ?id .
  OPTIONAL {{ ?a <{_FP}contentHash> ?hash }} OPTIONAL {{ ?a <{_FP}actorTriples> ?record }} }} }}"""

STORE_DIR = "store"


def _ntriples_block(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)



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
            if "lock" in str(exc).lower():
                raise StoreError(f"{path}: the graph store is in use by another process (a build or remove); "
                                 "try again when it has finished") from exc
            raise StoreError(f"{path}: cannot open the graph store: {exc}") from exc
        except RuntimeError as exc:  # RocksDB: "Corruption: ..." and the like
            raise StoreError(f"{path}: not a usable graph store (corrupt, or not made by kg): "
                             f"{' '.join(str(exc).split())}") from exc

    # -- writing --------------------------------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Swap a named graph's content for ``quads`` in one transaction."""
        body = _ntriples_block(quads)
        self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}", graph)

    def sync_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], *, drop: Iterable[ox.NamedNode] = ()) -> bool:
        """In one transaction, drop the graphs ``drop`` and make ``graph`` hold exactly ``quads``.
        Nothing is written when nothing would change; returns whether the store changed."""
        wanted, drop = set(quads), list(drop)
        same = wanted == set(self.store.quads_for_pattern(None, None, None, graph))
        if same and not drop:
            return False
        parts = [f"DROP SILENT GRAPH {g}" for g in drop]
        if not same:
            parts.append(f"DROP SILENT GRAPH {graph}")
            if wanted:
                body = _ntriples_block(sorted(wanted, key=str))
                parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        self._update(" ;\n".join(parts), graph)
        return True

    def sync_actors(self, drop: Iterable[ox.NamedNode] = ()) -> bool:
        """Drop the article graphs ``drop`` and recompute the actors graph from the ``fp:actorTriples``
        of the articles left, in one transaction: actors and topics no article contributes any more
        (and memberships from ROLE claims that are gone) leave with them. Returns whether the store changed."""
        drop = list(drop)
        return self.sync_graph(ACTORS_GRAPH, merge_actor_quads(self._contributions({g.value for g in drop})),
                               drop=drop)

    def _contributions(self, skip: set[str]):
        legacy = False
        for row in self.store.query(_ARTICLES):
            if row["g"].value in skip:
                continue
            if row["record"] is None:
                legacy = True
            else:
                yield from parse_record(row["record"].value)
        if legacy:  # an article built before fp:actorTriples: keep what the actors graph has (no GC)
            yield from self.store.quads_for_pattern(None, None, None, ACTORS_GRAPH)

    def _update(self, update: str, graph: ox.NamedNode) -> None:
        try:
            self.store.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph {graph.value}: {exc}") from exc

    def add(self, quads: list[ox.Quad]) -> None:
        try:
            self.store.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write to the graph store: {exc}") from exc

    def load_ontology(self, ttl_files: Iterable[Path]) -> bool:
        """Make the ontology graph hold these files' triples; returns whether the store changed."""
        quads = []
        for path in ttl_files:
            quads += [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                      for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
        return self.sync_graph(ONTOLOGY_GRAPH, quads)

    def flush(self) -> None:
        self.store.flush()

    # -- reading --------------------------------------------------------------------------------
    def query(self, sparql: str):
        try:
            return self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError("malformed SPARQL: " + " ".join(str(exc).split())) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def article_hashes(self) -> dict[str, str | None]:
        """Article id -> the ``fp:contentHash`` it was built with (None when built without one)."""
        return {row["id"].value: row["hash"] and row["hash"].value for row in self.store.query(_ARTICLES)}

    def __len__(self) -> int:
        return len(self.store)

    # -- files ----------------------------------------------------------------------------------
    def write_trig(self, path: Path, *, comment: str = "") -> Path:
        """Every named graph as TriG, after a ``# comment`` line when one is given."""
        def write(fh) -> None:
            if comment:
                fh.write(f"# {comment}\n".encode("utf-8"))
            self.store.dump(fh, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        return atomic_write(path, write)

    def write_union_turtle(self, path: Path) -> Path:
        """Every named graph's triples merged into one graph (the "union"). CONSTRUCT drops the
        duplicates; the store's index order makes the file the same for the same content."""
        triples = self.store.query(_UNION)
        return atomic_write(path, lambda fh: ox.serialize(triples, fh, ox.RdfFormat.TURTLE, prefixes=PREFIXES))

    def close(self) -> None:
        del self.store

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        if not exc[0] and not self.read_only:
            self.flush()


__all__ = ["GraphStore", "atomic_write", "ACTORS_GRAPH", "ONTOLOGY_GRAPH"]
