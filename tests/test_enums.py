"""Every enum of the JSON Schemas is tied to the model field that holds its values.

Where the model holds them as an Enum, both list the same values in the same order;
where the model keeps the text as written (``str``), the schema alone decides them.
A new enum in a schema, a new property using one, or a new Enum in the model fails
here until it is tied in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest

from generator import model
from generator.model import Document, Entry, GuideCatalog, Item, Material, Township

SCHEMAS = sorted((Path(__file__).resolve().parent.parent / "schemas").glob("*.schema.json"))

# Each schema enum, as file#pointer, and the model fields whose values it lists, each as
# (class, field) or, where the schema's property has another name, (class, field, property).
FIELDS: dict[str, tuple[tuple[type, str] | tuple[type, str, str], ...]] = {
    "item.schema.json#/$defs/mode": ((Item, "max_mode"),),
    "item.schema.json#/properties/type": ((Item, "type"),),
    "item.schema.json#/properties/level": ((Item, "level"),),
    "item.schema.json#/$defs/material/properties/form": ((Material, "form"),),
    "township.schema.json#/$defs/mode": ((Entry, "mode"),),
    "township.schema.json#/properties/kind": ((Township, "kind"),),
    "township.schema.json#/$defs/material/properties/form": ((Material, "form"),),
    # A list entry's mode, and a ceiling the county narrows (county.yaml ceilings → Item.max_mode).
    "county.schema.json#/$defs/mode": ((Entry, "mode"), (Item, "max_mode", "ceilings")),
    "county.schema.json#/properties/documents/items/properties/level": ((Document, "level"),),
    "county.schema.json#/properties/documents/items/properties/status": ((Document, "status"),),
    "catalog.schema.json#/properties/documents/items/properties/status": ((Document, "status"),),
    "catalog.schema.json#/$defs/mode": ((Entry, "mode"),),
    "catalog.schema.json#/properties/level": ((GuideCatalog, "level"),),
    "catalog.schema.json#/properties/documents/items/properties/level": ((Document, "level"),),
}


def _fields(where: str) -> list[tuple[type, str, str]]:
    return [(spec[0], spec[1], spec[-1]) for spec in FIELDS[where]]


def _enums(node: Any, pointer: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every enum list below ``node``, with the JSON Pointer of the schema that has it."""
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):  # not a property that happens to be called "enum"
            yield pointer, node["enum"]
        for key, child in node.items():
            yield from _enums(child, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _enums(child, f"{pointer}/{i}")


def _users(node: Any, target: str, pointer: str = "", name: str | None = None) -> Iterator[str]:
    """The properties whose values the schema at ``target`` lists: each one that is that
    schema, or refers to it at any depth (as a list of them does)."""
    if isinstance(node, dict):
        if name is not None and (pointer == target or node.get("$ref") == "#" + target):
            yield name
        for key, child in node.items():
            if key == "properties" and isinstance(child, dict):
                for prop, schema in child.items():
                    yield from _users(schema, target, f"{pointer}/properties/{prop}", prop)
            else:
                yield from _users(child, target, f"{pointer}/{key}", name)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _users(child, target, f"{pointer}/{i}", name)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


FOUND = {f"{path.name}#{pointer}": values for path in SCHEMAS for pointer, values in _enums(_load(path))}


def _held(kind: type, field: str) -> Any:
    """The type a model field holds, without the None of an optional field."""
    hint = get_type_hints(kind)[field]
    kept = [arg for arg in get_args(hint) if arg is not type(None)] or [hint]
    assert len(kept) == 1, f"{kind.__name__}.{field}: {hint}"
    return kept[0]


def test_every_schema_enum_is_tied_to_the_model() -> None:
    assert FOUND, "no enum found: the walk is broken"
    assert set(FOUND) == set(FIELDS)


@pytest.mark.parametrize("where", sorted(FIELDS))
def test_the_fields_are_the_properties_that_use_the_enum(where: str) -> None:
    file, pointer = where.split("#")
    schema = _load(next(path for path in SCHEMAS if path.name == file))
    assert set(_users(schema, pointer)) == {prop for _, _, prop in _fields(where)}


@pytest.mark.parametrize("where", sorted(FIELDS))
def test_the_model_holds_exactly_the_schema_values(where: str) -> None:
    schema = FOUND[where]
    for kind, field, _ in _fields(where):
        held = _held(kind, field)
        if isinstance(held, type) and issubclass(held, Enum):
            values = [member.value for member in held]
            assert set(schema) == set(values), f"{kind.__name__}.{field}"
            # Order matters for Mode: it is the rank (most delegated first) by which the rules
            # compare modes and the site orders its groups, legends and XLSX sections.
            assert schema == values, f"{kind.__name__}.{field}: same values, another order"
        else:
            # The model keeps this text as written; only the schema lists its values (in an
            # order nothing depends on: the site shows the text, never the list).
            assert held is str, f"{kind.__name__}.{field}: {held}"


def test_every_model_enum_holds_a_schema_enum() -> None:
    defined = {v for v in vars(model).values() if isinstance(v, type) and issubclass(v, Enum) and v.__module__ == model.__name__}
    tied = {_held(kind, field) for where in FIELDS for kind, field, _ in _fields(where)}
    assert defined <= tied, f"not in any schema: {defined - tied}"
