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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.loader import Loaded, Path_
from generator.problems import Problem, clip, did_you_mean, error

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
        # A list over its maximum is one problem: its thousands of elements are not
        # walked one by one, which would take seconds and bury it under their messages.
        over = _over_long(data, self.raw)
        walked = {**data, **{key: [] for key in over}} if over else data
        errors = _one_per_value(_merge_typos(sorted(self.validator.iter_errors(walked), key=lambda e: [str(p) for p in e.absolute_path])))
        return Checked(
            data,
            tuple((key,) for key in over) + tuple(tuple(e.absolute_path) for e in errors),
            [_too_many(key, data[key], limit, loaded, self.raw) for key, limit in over.items()]
            + [_problem(e, loaded, self.raw) for e in errors],
        )


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


# What is wrong with a value, most basic first: ``mode: ~`` breaks both "type" and
# "enum", but "it is empty" is the one message that helps.
_VALUE_ERRORS = ("type", "maxLength", "enum", "format", "pattern", "minLength", "minItems", "minimum", "uniqueItems")


def _one_per_value(errors: list[ValidationError]) -> list[ValidationError]:
    """One problem per value: keep the most basic of the errors about the same value.
    (Missing and unknown keys are about the object around and are all kept.)"""
    best: dict[tuple[Any, ...], ValidationError] = {}
    rank = {name: i for i, name in enumerate(_VALUE_ERRORS)}
    for e in errors:
        if e.validator in rank:
            path = tuple(e.absolute_path)
            if path not in best or rank[str(e.validator)] < rank[str(best[path].validator)]:
                best[path] = e
    kept = [e for e in errors if e.validator not in rank or best[tuple(e.absolute_path)] is e]
    # "A value is written twice" says nothing more when the values themselves are wrong.
    below = {tuple(e.absolute_path)[:-1] for e in kept if e.absolute_path}
    return [e for e in kept if not (e.validator == "uniqueItems" and tuple(e.absolute_path) in below)]


def _over_long(data: Any, root: dict[str, Any]) -> dict[str, int]:
    """The top-level lists of ``data`` longer than their schema's ``maxItems``, with that maximum."""
    if not isinstance(data, dict):
        return {}
    limits = {key: node.get("maxItems") for key, node in root.get("properties", {}).items()}
    return {key: limit for key, value in data.items() if isinstance(limit := limits.get(key), int) and isinstance(value, list)
            and len(value) > limit}


def _too_many(key: str, value: list[Any], limit: int, loaded: Loaded, root: dict[str, Any]) -> Problem:
    # Only the township lists have a maximum (see its $comment in the schema).
    return error(loaded.at((key,)), "too-many", (
        f"{_field((key,), root)}有 {len(value)} 条，超过上限 {limit} 条：一个乡镇不会有这么多事项，"
        "请检查是否误粘贴了重复的内容，或是否把几个乡镇写进了一个文件。"))


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
    "string": "文字", "integer": "整数", "boolean": " true 或 false", "object": "“键: 值”形式的映射", "array": "列表", "null": "空",
}


def _shown(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    return f"“{clip(str(value))}”"


def _first_repeat(values: list[Any]) -> Any:
    """The first value written twice (values may be lists or maps, which do not hash)."""
    texts: set[str] = set()
    others: list[Any] = []
    for value in values:
        if isinstance(value, str):
            if value in texts:
                return value
            texts.add(value)
        elif value in others:
            return value
        else:
            others.append(value)
    return ""


def _type_fix(wanted: list[Any], value: Any) -> str:
    """How to write a value of the wanted type, in words."""
    if value is None:
        return "请填写内容"
    if isinstance(value, str) and "boolean" in wanted:
        return "请写 true（是）或 false（否）；yes、no、on、off 在这里不算"
    if isinstance(value, str) and "integer" in wanted:
        return "请只写阿拉伯数字，如 5（不写单位、小数点、冒号或 0o 之类的前缀）"
    if "array" in wanted:
        return "请写成列表：每一项占一行，以“- ”开头，或写成 [甲, 乙]"
    if "object" in wanted and isinstance(value, str) and "：" in value:
        return "要写成“键: 值”，冒号要用半角加一个空格“: ”，不能用全角冒号“：”"
    if "object" in wanted:
        return "请写成“键: 值”的形式，每个键一行"
    if "string" in wanted:
        return "请直接写一段文字，不要写成“键: 值”或列表"
    return "请按说明改写"


def _problem(e: ValidationError, loaded: Loaded, root: dict[str, Any]) -> Problem:
    path = tuple(e.absolute_path)
    rule, message, loc = _explain(e, loaded, root)
    # A value's own schema may name the rule it belongs to (codes, scope...);
    # required and unknown-key errors are about the parent object instead, and a
    # value of the wrong type or an empty one is that, whatever its family.
    node = e.schema if isinstance(e.schema, dict) else {}
    if e.validator not in ("required", "additionalProperties", "type", "minItems", "minLength"):
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
        return "unknown-key", (f"不认识的字段“{clip(extra)}”{did_you_mean(extra, allowed)}："
                               f"允许的字段有：{'、'.join(allowed)}。"), loaded.key_at((*path, extra))
    if e.validator == "enum" and isinstance(e.validator_value, list):
        options = [str(o) for o in e.validator_value]
        hint = did_you_mean(str(value), options)
        return "enum", f"{field}写的是{_shown(value)}{hint}，不是有效的值：可选的有：{'、'.join(options)}。", None
    if e.validator == "type":
        wanted = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        names = "或".join(_TYPE_NAMES[str(w)] for w in wanted if w != "null")
        return "type", f"{field}应为{names}，这里是{_shown(value)}：{_type_fix(wanted, value)}。", None
    if e.validator == "format":
        if hint := _hidden_or_wide(str(value), _is_date):
            return "date", f"{field}{_shown(value)}{hint}", None
        return "date", f"{field}{_shown(value)}不是一个真实的日期：请写成 YYYY-MM-DD，如 2021-06-28。", None
    if e.validator == "pattern":
        return "pattern", _pattern_message(field, str(value), e), None
    if e.validator == "uniqueItems" and isinstance(value, list):
        twice = _first_repeat(value)
        return "unique", f"{field}里{_shown(twice)}写了不止一次：每个值只写一次，请删除重复的。", None
    if e.validator == "maxLength":
        return "schema", (f"{field}有 {len(str(value))} 个字符，超过上限 {e.validator_value} 个："
                          "请核对，是否多写或重复粘贴了。"), None
    if e.validator in ("minItems", "minLength"):
        # Not "or delete it": for a required field, or one a rule requires (a declined
        # item's reason), that would only trade this message for another.
        return "required", f"{field}不能为空：请填写内容。", None
    if e.validator == "minimum":
        return "type", f"{field}不能小于 {e.validator_value}：请改正。", None
    return "schema", f"{field}不符合要求（{clip(e.message, 120)}）：请按说明改写。", None


def _hidden_or_wide(value: str, fits: Callable[[str], bool]) -> str:
    """Why a value that looks right is not: a character that shows as nothing (a
    zero-width space pasted from a web page), or full-width characters.  Nothing
    when neither explains it."""
    hidden = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")), None)
    if hidden is not None:
        return f"里有一个看不见的字符（U+{ord(hidden):04X}）：请删除它（把这个值删掉后重新输入）。"
    normalized = unicodedata.normalize("NFKC", value)
    if normalized != value and fits(normalized):
        return f"里有全角字符：请改成半角“{clip(normalized)}”。"
    return ""


def _pattern_message(field: str, value: str, e: ValidationError) -> str:
    if hint := _hidden_or_wide(value, lambda v: re.fullmatch(str(e.validator_value), v) is not None):
        return f"{field}“{clip(value)}”{hint}"
    if re.fullmatch(str(e.validator_value), value.upper()):
        return f"{field}“{clip(value)}”里有小写字母：请改成大写“{clip(value.upper())}”。"
    description = e.schema.get("description", "") if isinstance(e.schema, dict) else ""
    return f"{field}“{clip(value)}”格式不对：{description}"
