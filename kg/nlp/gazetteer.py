"""The actor gazetteer: JSON files under ``kg/data/gazetteer/``, validated on load.

Each file holds ``{"version": 1, "actors": [...]}``; an actor has ``key``, ``label``, ``kind`` and
optional ``wikidata``, ``iso``, ``parent``, ``body``, ``post``, ``aliases``, ``metonyms``,
``demonyms``. ``bodies.json`` may also hold ``generic_bodies``: body types named without their
state ("Foreign Ministry"), resolved to a state from context by the extractor; one with
``"alone": false`` ("Media") is some state's only when the state is named with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataFileError
from kg.records import Actor

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
KINDS = frozenset(
    {"State", "InternationalOrganization", "GovernmentBody", "Person", "ArmedGroup", "Company",
     "Organization", "Location"}
)
FORMS = ("label", "aliases", "metonyms", "demonyms")
_WIKIDATA = re.compile(r"Q[0-9]+")
_ISO = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Entry:
    """One gazetteer actor with the surface forms it is known by."""

    actor: Actor
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    post: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class GenericBody:
    """A body type named without its state, e.g. ``foreign_ministry`` / "Foreign Ministry"."""

    type: str
    label: str
    aliases: tuple[str, ...]
    alone: bool = True  # named capitalised with no state, it is the article's state's ("the Foreign Ministry")


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    generic_bodies: dict[str, GenericBody] = field(default_factory=dict)

    def actor(self, key: str) -> Actor:
        return self.entries[key].actor

    def get(self, key: str | None) -> Actor | None:
        entry = self.entries.get(key) if key else None
        return entry.actor if entry else None

    def surface_forms(self) -> list[tuple[str, str, str]]:
        """(phrase, form, key) for every name, alias, metonym and demonym; form is NAME, METONYM, DEMONYM or BODY_TYPE."""
        out = []
        for key, e in self.entries.items():
            out += [(p, "NAME", key) for p in (e.actor.label, *e.aliases)]
            out += [(p, "METONYM", key) for p in e.metonyms]
            out += [(p, "DEMONYM", key) for p in e.demonyms]
        for g in self.generic_bodies.values():
            out += [(p, "BODY_TYPE", g.type) for p in (g.label, *g.aliases)]
        return out

    def by_demonym(self) -> dict[str, str]:
        return {d.lower(): k for k, e in self.entries.items() for d in e.demonyms}


def _str_list(raw: dict, name: str, where: str) -> tuple[str, ...]:
    value = raw.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: '{name}' must be a list of non-empty strings")
    return tuple(value)


def _entry(raw: dict, where: str) -> Entry:
    for name in ("key", "label", "kind"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise DataFileError(f"{where}: missing or empty '{name}'")
    if raw["kind"] not in KINDS:
        raise DataFileError(f"{where}: unknown kind {raw['kind']!r}")
    for name, pattern, what in (("wikidata", _WIKIDATA, "wikidata id"), ("iso", _ISO, "ISO 3166 code")):
        value = raw.get(name)
        if value is not None and not (isinstance(value, str) and pattern.fullmatch(value)):
            raise DataFileError(f"{where}: bad {what} {value!r}")
    actor = Actor(key=raw["key"], label=raw["label"], kind=raw["kind"], wikidata=raw.get("wikidata"),
                  iso=raw.get("iso"), parent=raw.get("parent") or None)
    return Entry(actor=actor, aliases=_str_list(raw, "aliases", where), metonyms=_str_list(raw, "metonyms", where),
                 demonyms=_str_list(raw, "demonyms", where), post=raw.get("post"), body=raw.get("body"))


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read gazetteer file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise DataFileError(f"{path}: expected an object with an 'actors' list")
    return data


def _check_references(gaz: Gazetteer) -> None:
    for key, e in gaz.entries.items():
        for ref in (e.actor.parent, e.body):
            if ref and ref not in gaz.entries:
                raise DataFileError(f"gazetteer actor {key!r}: unknown reference {ref!r}")


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """Load and validate every ``*.json`` file in ``directory`` (default: the bundled gazetteer)."""
    directory = Path(directory) if directory else DEFAULT_DIR
    files = sorted(directory.glob("*.json"))
    if not files:
        raise DataFileError(f"{directory}: no gazetteer files (*.json)")
    gaz = Gazetteer()
    for path in files:
        data = _read(path)
        for i, raw in enumerate(data.get("actors", [])):
            entry = _entry(raw, f"{path.name} actor #{i + 1}")
            if entry.actor.key in gaz.entries:
                raise DataFileError(f"{path.name}: duplicate actor key {entry.actor.key!r}")
            gaz.entries[entry.actor.key] = entry
        for i, raw in enumerate(data.get("generic_bodies", [])):
            where = f"{path.name} generic body #{i + 1}"
            if not raw.get("type") or not raw.get("label"):
                raise DataFileError(f"{where}: needs 'type' and 'label'")
            if not isinstance(raw.get("alone", True), bool):
                raise DataFileError(f"{where}: 'alone' must be true or false")
            gaz.generic_bodies[raw["type"]] = GenericBody(raw["type"], raw["label"], _str_list(raw, "aliases", where),
                                                          raw.get("alone", True))
    _check_references(gaz)
    return gaz
