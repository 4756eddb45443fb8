#!/usr/bin/env python3
"""Validate the actor gazetteer in kg/data/gazetteer/.

Checks, using the standard library only:

* each file is ``{"version": 1, "actors": [...]}`` (bodies.json also has
  ``"generic_bodies"``) and has no unknown top-level fields;
* every actor has the fields its file requires, with the right types, and no
  unknown fields; ``kind`` is one of the allowed kinds and fits the file;
* keys are lowercase snake_case and unique across all files;
* ``parent`` and ``body`` references resolve to the right kind of actor;
* ``wikidata`` matches ``^Q[0-9]+$`` or is null and no Q-id is used twice;
  ``iso`` matches ``^[A-Z]{2}$`` or is null and no code is used twice;
* no surface string (label, alias, metonym, demonym; case-sensitive) is
  claimed by two actors, nor repeated within one actor;
* generic body types are unique and their aliases clash neither with each
  other nor with any actor's surface strings.

Usage: ``python scripts/check_gazetteer.py [GAZETTEER_DIR]``.
Prints the problems found (if any) and per-file counts; exits 1 on problems.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer"

KINDS = {
    "State",
    "InternationalOrganization",
    "GovernmentBody",
    "Person",
    "ArmedGroup",
    "Company",
    "Organization",
    "Location",
}

KEY_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[0-9]+$")
ISO_RE = re.compile(r"^[A-Z]{2}$")

STR = "str"
OPT_STR = "str|null"
STR_LIST = "list[str]"

# file name -> (allowed kinds, required fields, optional fields)
COMMON_REQUIRED = {"key": STR, "label": STR, "kind": STR, "wikidata": OPT_STR, "aliases": STR_LIST}
SPECS: dict[str, tuple[set[str], dict[str, str], dict[str, str]]] = {
    "states.json": (
        {"State"},
        {**COMMON_REQUIRED, "iso": OPT_STR, "metonyms": STR_LIST, "demonyms": STR_LIST},
        {"note": STR},
    ),
    "organizations.json": (
        {"InternationalOrganization"},
        {**COMMON_REQUIRED, "metonyms": STR_LIST, "demonyms": STR_LIST},
        {"parent": OPT_STR, "note": STR},
    ),
    "bodies.json": (
        {"GovernmentBody", "ArmedGroup", "Organization", "Company"},
        {**COMMON_REQUIRED, "parent": OPT_STR},
        {"metonyms": STR_LIST, "demonyms": STR_LIST, "note": STR},
    ),
    "people.json": (
        {"Person"},
        {**COMMON_REQUIRED, "parent": OPT_STR, "body": OPT_STR, "post": STR},
        {"note": STR},
    ),
    "places.json": (
        {"Location"},
        {**COMMON_REQUIRED, "metonyms": STR_LIST, "demonyms": STR_LIST},
        {"parent": OPT_STR, "note": STR},
    ),
}
FILES = list(SPECS)
SURFACE_FIELDS = ("aliases", "metonyms", "demonyms")

# Which files a reference may point into.
PARENT_TARGETS = {
    "states.json": set(),
    "organizations.json": {"organizations.json"},
    "bodies.json": {"states.json", "organizations.json", "bodies.json"},
    "people.json": {"states.json", "organizations.json"},
    "places.json": {"states.json"},
}
BODY_TARGETS = {"bodies.json"}


def _type_ok(value: object, spec: str) -> bool:
    if spec == STR:
        return isinstance(value, str)
    if spec == OPT_STR:
        return value is None or isinstance(value, str)
    if spec == STR_LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    raise AssertionError(spec)


def _check_string(where: str, value: str, errors: list[str]) -> None:
    if not value.strip():
        errors.append(f"{where}: empty string")
    elif value != value.strip() or "  " in value:
        errors.append(f"{where}: stray whitespace in {value!r}")


def check(directory: Path) -> tuple[list[str], dict[str, dict[str, int]]]:
    errors: list[str] = []
    counts: dict[str, dict[str, int]] = {}
    actors: dict[str, tuple[str, dict]] = {}  # key -> (file, actor), first one wins
    records: list[tuple[str, dict]] = []  # every well-formed actor, duplicates included
    loaded: dict[str, dict] = {}

    for name in FILES:
        path = directory / name
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            errors.append(f"{name}: missing")
            continue
        except json.JSONDecodeError as exc:
            errors.append(f"{name}: invalid JSON: {exc}")
            continue
        if not isinstance(data, dict):
            errors.append(f"{name}: top level must be an object")
            continue
        allowed_top = {"version", "actors"} | ({"generic_bodies"} if name == "bodies.json" else set())
        for extra in sorted(set(data) - allowed_top):
            errors.append(f"{name}: unknown top-level field {extra!r}")
        if data.get("version") != 1 or isinstance(data.get("version"), bool):
            errors.append(f"{name}: version must be 1")
        if not isinstance(data.get("actors"), list):
            errors.append(f"{name}: 'actors' must be a list")
            continue
        if name == "bodies.json" and not isinstance(data.get("generic_bodies"), list):
            errors.append(f"{name}: 'generic_bodies' must be a list")
        loaded[name] = data

        kinds, required, optional = SPECS[name]
        per_kind: dict[str, int] = {}
        for i, actor in enumerate(data["actors"]):
            where = f"{name}[{i}]"
            if not isinstance(actor, dict):
                errors.append(f"{where}: actor must be an object")
                continue
            key = actor.get("key")
            if isinstance(key, str):
                where = f"{name}:{key}"
            bad = False
            for field, spec in required.items():
                if field not in actor:
                    errors.append(f"{where}: missing field {field!r}")
                    bad = True
                elif not _type_ok(actor[field], spec):
                    errors.append(f"{where}: field {field!r} must be {spec}")
                    bad = True
            for field, spec in optional.items():
                if field in actor and not _type_ok(actor[field], spec):
                    errors.append(f"{where}: field {field!r} must be {spec}")
                    bad = True
            for extra in sorted(set(actor) - set(required) - set(optional)):
                errors.append(f"{where}: unknown field {extra!r}")
            if bad:
                continue

            if not KEY_RE.match(key):
                errors.append(f"{where}: key must be lowercase ascii snake_case")
            if key in actors:
                errors.append(f"{where}: duplicate key (also in {actors[key][0]})")
            else:
                actors[key] = (name, actor)
            records.append((name, actor))

            kind = actor["kind"]
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r}")
            elif kind not in kinds:
                errors.append(f"{where}: kind {kind!r} does not belong in {name}")
            per_kind[kind] = per_kind.get(kind, 0) + 1

            _check_string(f"{where}.label", actor["label"], errors)
            if actor["wikidata"] is not None and not QID_RE.match(actor["wikidata"]):
                errors.append(f"{where}: bad wikidata id {actor['wikidata']!r}")
            if "iso" in actor and actor["iso"] is not None and not ISO_RE.match(actor["iso"]):
                errors.append(f"{where}: bad iso code {actor['iso']!r}")
            if "post" in actor:
                _check_string(f"{where}.post", actor["post"], errors)
            if "note" in actor:
                _check_string(f"{where}.note", actor["note"], errors)
            for field in SURFACE_FIELDS:
                for value in actor.get(field, []):
                    _check_string(f"{where}.{field}", value, errors)
            if kind == "GovernmentBody" and actor.get("parent") is None:
                errors.append(f"{where}: a GovernmentBody needs a parent")
        counts[name] = {"actors": len(data["actors"]), **dict(sorted(per_kind.items()))}

    # References.
    for key, (name, actor) in actors.items():
        where = f"{name}:{key}"
        parent = actor.get("parent")
        if parent is not None:
            if parent == key:
                errors.append(f"{where}: parent is itself")
            elif parent not in actors:
                errors.append(f"{where}: parent {parent!r} does not resolve")
            elif actors[parent][0] not in PARENT_TARGETS[name]:
                errors.append(f"{where}: parent {parent!r} is in {actors[parent][0]}, "
                              f"expected one of {sorted(PARENT_TARGETS[name])}")
        body = actor.get("body")
        if body is not None:
            if body not in actors:
                errors.append(f"{where}: body {body!r} does not resolve")
            elif actors[body][0] not in BODY_TARGETS:
                errors.append(f"{where}: body {body!r} is in {actors[body][0]}, expected bodies.json")
        if name == "people.json" and parent is None and body is None:
            errors.append(f"{where}: a person needs a parent or a body")

    # Parent cycles.
    for key in actors:
        seen = {key}
        cur = actors[key][1].get("parent")
        while cur is not None and cur in actors:
            if cur in seen:
                errors.append(f"{actors[key][0]}:{key}: parent chain has a cycle")
                break
            seen.add(cur)
            cur = actors[cur][1].get("parent")

    # Unique wikidata ids and iso codes.
    for field in ("wikidata", "iso"):
        owners: dict[str, str] = {}
        for _, actor in records:
            key = actor["key"]
            value = actor.get(field)
            if value is None:
                continue
            if value in owners:
                errors.append(f"{field} {value!r} used by both {owners[value]!r} and {key!r}")
            else:
                owners[value] = key

    # Surface strings: one actor per string, no repeats within an actor.
    claims: dict[str, str] = {}
    claim_owner: dict[str, int] = {}  # string -> id() of the claiming record
    for name, actor in records:
        key = actor["key"]
        strings = [actor["label"]]
        for field in SURFACE_FIELDS:
            strings += actor.get(field, [])
        local: set[str] = set()
        for s in strings:
            if s in local:
                errors.append(f"{name}:{key}: string {s!r} listed more than once")
                continue
            local.add(s)
            if s in claims and claim_owner[s] != id(actor):
                errors.append(f"string {s!r} claimed by both {claims[s]!r} and {key!r}")
            else:
                claims[s] = key
                claim_owner[s] = id(actor)

    # Generic body types.
    generic = loaded.get("bodies.json", {}).get("generic_bodies")
    if isinstance(generic, list):
        types: set[str] = set()
        generic_claims: dict[str, str] = {}
        for i, item in enumerate(generic):
            where = f"bodies.json:generic_bodies[{i}]"
            if not isinstance(item, dict):
                errors.append(f"{where}: must be an object")
                continue
            spec = {"type": STR, "label": STR, "aliases": STR_LIST}
            if any(f not in item or not _type_ok(item[f], t) for f, t in spec.items()):
                errors.append(f"{where}: needs type (str), label (str), aliases (list[str])")
                continue
            if not isinstance(item.get("alone", True), bool):
                errors.append(f"{where}: 'alone' must be true or false")
            for extra in sorted(set(item) - set(spec) - {"alone"}):
                errors.append(f"{where}: unknown field {extra!r}")
            gtype = item["type"]
            where = f"bodies.json:generic:{gtype}"
            if not KEY_RE.match(gtype):
                errors.append(f"{where}: type must be lowercase ascii snake_case")
            if gtype in types:
                errors.append(f"{where}: duplicate type")
            types.add(gtype)
            local = set()
            for s in [item["label"], *item["aliases"]]:
                _check_string(f"{where}.aliases", s, errors)
                if s in local:
                    errors.append(f"{where}: string {s!r} listed more than once")
                    continue
                local.add(s)
                if s in claims:
                    errors.append(f"{where}: string {s!r} is also a surface string of actor {claims[s]!r}")
                if s in generic_claims and generic_claims[s] != gtype:
                    errors.append(f"string {s!r} claimed by generic types {generic_claims[s]!r} and {gtype!r}")
                generic_claims[s] = gtype
        counts.setdefault("bodies.json", {})["generic_bodies"] = len(generic)

    return errors, counts


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    errors, counts = check(directory)
    for err in errors:
        print(f"ERROR {err}")
    for name in FILES:
        if name in counts:
            detail = ", ".join(f"{k}={v}" for k, v in counts[name].items())
            print(f"{name}: {detail}")
    total = sum(c.get("actors", 0) for c in counts.values())
    print(f"{total} actors, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
