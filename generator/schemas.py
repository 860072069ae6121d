"""The JSON Schemas in ``schemas/``: loaded and compiled once, applied to loaded files.

The schemas are normative: the validator uses exactly these files, and editors complete
from them.  The loader keeps every scalar as text, so the schema also decides types:
where it says ``integer`` or ``boolean``, the text is converted first.  ``jsonschema-rs``
decides whether a file is valid, a hundred times faster than ``jsonschema``, which is
imported (a tenth of a second) only to walk the errors of the few files it rejects.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from generator.loader import Loaded, Path_
from generator.problems import Problem, did_you_mean, error
from generator.schema_messages import field_name, is_date, problem, resolve

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Schema:
    raw: dict[str, Any]
    gate: jsonschema_rs.Draft202012Validator

    @cached_property
    def validator(self) -> Draft202012Validator:
        """The validator that lists a rejected file's errors, made when one is first needed."""
        from jsonschema import Draft202012Validator, FormatChecker

        # Only the date format is checked, by the same function the gate uses.
        formats = FormatChecker(formats=())
        formats.checks("date")(is_date)
        return Draft202012Validator(self.raw, format_checker=formats)

    def check(self, loaded: Loaded) -> Checked:
        """The file's data with types applied, and what the schema finds wrong in it."""
        data = _coerce(loaded.data, self.raw, self.raw)
        if self.gate.is_valid(data):
            return Checked(data, (), [])
        # A list over its maximum is one problem: its thousands of elements are not
        # walked one by one, which would take seconds and bury it under their messages.
        over = _over_long(data, self.raw)
        walked = {**data, **{key: [] for key in over}} if over else data
        errors = _one_per_value(_merge_typos(sorted(self.validator.iter_errors(walked), key=lambda e: [str(p) for p in e.absolute_path])))
        paths = tuple((key,) for key in over) + tuple(tuple(e.absolute_path) for e in errors)
        found = [_too_many(key, data[key], limit, loaded, self.raw) for key, limit in over.items()]
        return Checked(data, paths, found + [problem(e, loaded, self.raw) for e in errors])


@dataclass(frozen=True)
class Checked:
    """A file after its schema: typed data, and the paths and problems of its errors."""

    data: Any
    error_paths: tuple[Path_, ...]
    problems: list[Problem]


@cache
def schema(kind: str) -> Schema:
    """The compiled schema of ``kind`` (county, item or township), read once per process."""
    raw = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    gate = jsonschema_rs.Draft202012Validator(raw, formats={"date": is_date}, validate_formats=True)
    return Schema(raw, gate)


def _merge_typos(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop "missing X" where the same object has an unknown key that is a misspelling
    of X: the unknown-key message already says what to write instead."""
    unknown = {
        tuple(e.absolute_path): set(e.instance) - set(e.schema.get("properties", {}))
        for e in errors
        if e.validator == "additionalProperties" and isinstance(e.schema, dict) and isinstance(e.instance, dict)
    }
    return [e for e in errors if not (
        e.validator == "required" and did_you_mean(e.message.split("'")[1], unknown.get(tuple(e.absolute_path), ())))]


# What is wrong with a value, most basic first: ``mode: ~`` breaks both "type" and
# "enum", but "it is empty" is the one message that helps.
_VALUE_ERRORS = ("type", "maxLength", "enum", "format", "pattern", "minLength", "minItems", "minimum", "uniqueItems")


def _one_per_value(errors: list[ValidationError]) -> list[ValidationError]:
    """One problem per value: keep the most basic of the errors about the same value.
    (Missing and unknown keys are about the object around and are all kept.)"""
    rank = {name: i for i, name in enumerate(_VALUE_ERRORS)}
    best: dict[tuple[Any, ...], ValidationError] = {}
    for e in sorted((e for e in errors if e.validator in rank), key=lambda e: rank[str(e.validator)]):
        best.setdefault(tuple(e.absolute_path), e)
    kept = [e for e in errors if e.validator not in rank or best[tuple(e.absolute_path)] is e]
    # "A value is written twice" says nothing more when the values themselves are wrong.
    below = {tuple(e.absolute_path)[:-1] for e in kept if e.absolute_path}
    return [e for e in kept if not (e.validator == "uniqueItems" and tuple(e.absolute_path) in below)]


def _over_long(data: Any, root: dict[str, Any]) -> dict[str, int]:
    if not isinstance(data, dict):
        return {}
    limits = {key: node.get("maxItems") for key, node in root.get("properties", {}).items()}
    return {key: limit for key, value in data.items() if isinstance(limit := limits.get(key), int) and isinstance(value, list)
            and len(value) > limit}


def _too_many(key: str, value: list[Any], limit: int, loaded: Loaded, root: dict[str, Any]) -> Problem:
    # Only the township lists have a maximum (see its $comment in the schema).
    return error(loaded.at((key,)), "too-many", (
        f"{field_name((key,), root)}有 {len(value)} 条，超过上限 {limit} 条：一个乡镇不会有这么多事项，"
        "请检查是否误粘贴了重复的内容，或是否把几个乡镇写进了一个文件。"))


def _has_typed(node: dict[str, Any], root: dict[str, Any], seen: set[str]) -> bool:
    """Whether anything at or below ``node`` is an integer or a boolean."""
    ref = node.get("$ref")
    if ref in seen:
        return False
    if ref:
        seen.add(ref)
    node = resolve(node, root)
    if node.get("type") in ("integer", "boolean"):
        return True
    children = list(node.get("properties", {}).values())
    if isinstance(node.get("items"), dict):
        children.append(node["items"])
    return any(_has_typed(child, root, seen) for child in children)


# Schema nodes live as long as the process (``schema`` is cached), so their ids are stable keys.
_TYPED: dict[int, bool] = {}


def _coerce(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    node = resolve(node, root)
    if id(node) not in _TYPED:
        _TYPED[id(node)] = _has_typed(node, root, set())
    if not _TYPED[id(node)]:
        return value
    kind = node.get("type")
    if isinstance(value, str):
        if kind == "integer" and _INTEGER.fullmatch(value):
            return int(value)
        if kind == "boolean" and value in ("true", "false"):
            return value == "true"
    if isinstance(value, dict):
        props = node.get("properties", {})
        return {k: _coerce(v, props[k], root) if k in props else v for k, v in value.items()}
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        return [_coerce(v, node["items"], root) for v in value]
    return value
