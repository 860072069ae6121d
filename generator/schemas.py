"""The JSON Schemas in ``schemas/``: loaded and compiled once, applied to loaded files.

The schemas are normative: the validator uses exactly these files, and editors use
them for completion.  Since the loader keeps every scalar as text, the schema also
decides types: where it says ``integer`` or ``boolean``, the text is converted first.

Two validators compile the same schema: ``jsonschema-rs`` (Rust) decides whether a
file is valid, about a hundred times faster, and only for the few files it rejects
does ``jsonschema`` walk the errors that the Chinese messages are made from.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.loader import Loaded, Path_
from generator.problems import Problem, did_you_mean, error

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?[0-9]+")
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date")
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Schema:
    """One compiled schema."""

    kind: str
    raw: dict[str, Any]
    validator: Draft202012Validator
    gate: jsonschema_rs.Draft202012Validator

    def check(self, loaded: Loaded) -> Checked:
        """The file's data with types applied, and what the schema finds wrong in it."""
        data = _coerce(loaded.data, self.raw, self.raw)
        if self.gate.is_valid(data):
            return Checked(data, (), [])
        errors = _merge_typos(sorted(self.validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]))
        return Checked(data, tuple(tuple(e.absolute_path) for e in errors), [_problem(e, loaded, self.raw) for e in errors])


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
    gate = jsonschema_rs.Draft202012Validator(raw, formats={"date": _is_date}, validate_formats=True)
    return Schema(kind, raw, Draft202012Validator(raw, format_checker=_FORMATS), gate)


def _merge_typos(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop "missing X" where the same object has an unknown key that is a misspelling
    of X: the unknown-key message already says what to write instead."""
    unknown = {
        tuple(e.absolute_path): set(e.instance) - set(e.schema.get("properties", {}))
        for e in errors
        if e.validator == "additionalProperties" and isinstance(e.schema, dict) and isinstance(e.instance, dict)
    }

    def misspelt(e: ValidationError) -> bool:
        missing = str(e.message.split("'")[1])
        return bool(did_you_mean(missing, unknown.get(tuple(e.absolute_path), ())))

    return [e for e in errors if not (e.validator == "required" and misspelt(e))]


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _has_typed(node: dict[str, Any], root: dict[str, Any], seen: set[str]) -> bool:
    """Whether anything at or below ``node`` is an integer or a boolean."""
    ref = node.get("$ref")
    if ref in seen:
        return False
    if ref:
        seen.add(ref)
    node = _resolve(node, root)
    if node.get("type") in ("integer", "boolean"):
        return True
    children = list(node.get("properties", {}).values())
    if isinstance(node.get("items"), dict):
        children.append(node["items"])
    return any(_has_typed(child, root, seen) for child in children)


# Schema nodes live as long as the process (``schema`` is cached), so their ids are stable keys.
_TYPED: dict[int, bool] = {}


def _coerce(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    node = _resolve(node, root)
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
        return value
    if isinstance(value, dict):
        props = node.get("properties", {})
        return {k: _coerce(v, props[k], root) if k in props else v for k, v in value.items()}
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        return [_coerce(v, node["items"], root) for v in value]
    return value


def _field(path: Path_, root: dict[str, Any]) -> str:
    """How people call the value at ``path``: its Chinese title and its key."""
    node: dict[str, Any] | None = root
    for part in path:
        if node is None:
            break
        resolved = _resolve(node, root)
        node = resolved.get("properties", {}).get(part) if isinstance(part, str) else resolved.get("items")
    title = str((node or {}).get("title") or _resolve(node or {}, root).get("title") or "")
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if not key:
        return title
    return f"{title}（{key}）" if title and title != key else key


_TYPE_NAMES = {
    "string": "文字", "integer": "整数", "boolean": "true 或 false", "object": "“键: 值”形式的映射", "array": "列表", "null": "空",
}


def _shown(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    return f"“{value}”"


def _problem(e: ValidationError, loaded: Loaded, root: dict[str, Any]) -> Problem:
    path = tuple(e.absolute_path)
    rule, message, loc = _explain(e, loaded, root)
    # A value's own schema may name the rule it belongs to (codes, scope...);
    # required and unknown-key errors are about the parent object instead.
    node = e.schema if isinstance(e.schema, dict) else {}
    if e.validator not in ("required", "additionalProperties"):
        rule = str(node.get("x-rule", rule))
    return error(loc or loaded.at(path), rule, message)


def _explain(e: ValidationError, loaded: Loaded, root: dict[str, Any]) -> tuple[str, str, Any]:
    path = tuple(e.absolute_path)
    field = _field(path, root)
    value: Any = e.instance
    if e.validator == "required":
        missing = str(e.message.split("'")[1])
        return "required", f"缺少必填字段{_field((*path, missing), root)}：请在这里补上 {missing}: …", None
    if e.validator == "additionalProperties" and isinstance(e.schema, dict):
        allowed = sorted(e.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed))[0]
        return "unknown-key", (f"不认识的字段“{extra}”{did_you_mean(extra, allowed)}："
                               f"允许的字段有：{'、'.join(allowed)}。"), loaded.key_at((*path, extra))
    if e.validator == "enum" and isinstance(e.validator_value, list):
        options = [str(o) for o in e.validator_value]
        hint = did_you_mean(str(value), options)
        return "enum", f"{field}写的是{_shown(value)}{hint}，不是有效的值：可选的有：{'、'.join(options)}。", None
    if e.validator == "type":
        wanted = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        names = "或".join(_TYPE_NAMES[str(w)] for w in wanted if w != "null")
        fix = "请填写内容" if value is None else "请按说明改写"
        return "type", f"{field}应为{names}，这里是{_shown(value)}：{fix}。", None
    if e.validator == "format":
        return "date", f"{field}{_shown(value)}不是一个真实的日期：请写成 YYYY-MM-DD，如 2021-06-28。", None
    if e.validator == "pattern":
        return "pattern", _pattern_message(field, str(value), e), None
    if e.validator == "uniqueItems":
        return "unique", f"{field}里有重复的值：每个值只写一次。", None
    if e.validator in ("minItems", "minLength"):
        return "required", f"{field}不能为空：请填写，或删除这一项。", None
    if e.validator == "minimum":
        return "type", f"{field}不能小于 {e.validator_value}：请改正。", None
    return "schema", f"{field}不符合要求（{e.message}）：请按说明改写。", None


def _pattern_message(field: str, value: str, e: ValidationError) -> str:
    normalized = unicodedata.normalize("NFKC", value)
    if normalized != value and re.fullmatch(str(e.validator_value), normalized):
        return f"{field}“{value}”里有全角字符：请改成半角“{normalized}”。"
    description = e.schema.get("description", "") if isinstance(e.schema, dict) else ""
    return f"{field}“{value}”格式不对：{description}"
