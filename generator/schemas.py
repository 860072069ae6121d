"""The JSON Schemas in ``schemas/``: loaded and compiled once, applied to loaded files.

The schemas are normative: the validator uses exactly these files, and editors use
them for completion.  Since the loader keeps every scalar as text, the schema also
decides types: where it says ``integer`` or ``boolean``, the text is converted first.
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

    def check(self, loaded: Loaded) -> Checked:
        """The file's data with types applied, and what the schema finds wrong in it."""
        data = _coerce(loaded.data, self.raw, self.raw)
        errors = sorted(self.validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
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
    return Schema(kind, raw, Draft202012Validator(raw, format_checker=_FORMATS))


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _coerce(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    node = _resolve(node, root)
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


def _title(node: dict[str, Any], root: dict[str, Any], fallback: str) -> str:
    return str(node.get("title") or _resolve(node, root).get("title") or fallback)


def _field(error_: ValidationError, root: dict[str, Any]) -> str:
    """How people call the value that failed: its Chinese title and its key."""
    key = next((p for p in reversed(error_.absolute_path) if isinstance(p, str)), "")
    title = _title(error_.schema if isinstance(error_.schema, dict) else {}, root, key)
    return f"{title}（{key}）" if key and key != title else title


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
    field = _field(e, root)
    value = e.instance
    if e.validator == "required":
        missing = str(e.message.split("'")[1])
        props = e.schema.get("properties", {}) if isinstance(e.schema, dict) else {}
        title = _title(props.get(missing, {}), root, missing)
        return "required", f"缺少必填字段“{missing}”（{title}）：请在这里补上 {missing}: …", None
    if e.validator == "additionalProperties" and isinstance(e.schema, dict):
        allowed = sorted(e.schema.get("properties", {}))
        extra = sorted(set(e.instance) - set(allowed))[0]
        hint = did_you_mean(extra, allowed) or f"允许的字段有：{'、'.join(allowed)}"
        return "unknown-key", f"不认识的字段“{extra}”：{hint}。", loaded.key_at((*path, extra))
    if e.validator == "enum" and isinstance(e.validator_value, list):
        options = [str(o) for o in e.validator_value]
        hint = did_you_mean(str(value), options) or f"可选的有：{'、'.join(options)}"
        return "enum", f"{field}写的是{_shown(value)}，不是有效的值：{hint}。", None
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
