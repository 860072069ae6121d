"""What a schema error means, said to a clerk: the field's Chinese title, what is wrong
with the value and how to write it, located at the value or at its key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import reduce
from typing import TYPE_CHECKING, Any

from generator.loader import Loaded, Path_
from generator.problems import Problem, clip, did_you_mean, error

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (the schemas' ``date`` format)."""
    if not isinstance(value, str):
        return True
    try:
        return _DATE.fullmatch(value) is not None and bool(date.fromisoformat(value))
    except ValueError:
        return False


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:  # "#/$defs/mode": a path from the root
        node = reduce(lambda target, part: target[part], node["$ref"].removeprefix("#/").split("/"), root)
    return node


def field_name(path: Path_, root: dict[str, Any]) -> str:
    """How people call the value at ``path``: its Chinese title and its key."""
    node: dict[str, Any] | None = root
    for part in path:
        if node is None:
            break
        resolved = resolve(node, root)
        node = resolved.get("properties", {}).get(part) if isinstance(part, str) else resolved.get("items")
    title = str((node or {}).get("title") or resolve(node or {}, root).get("title") or "")
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if title and key and title != key:
        return f"{title}（{key}）"
    return key or title


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


def problem(e: ValidationError, loaded: Loaded, root: dict[str, Any]) -> Problem:
    rule, message, loc = _explain(e, loaded, root)
    # A value's own schema may name the rule it belongs to (codes, scope...);
    # required and unknown-key errors are about the parent object instead, and a
    # value of the wrong type or an empty one is that, whatever its family.
    if e.validator not in ("required", "additionalProperties", "type", "minItems", "minLength") and isinstance(e.schema, dict):
        rule = str(e.schema.get("x-rule", rule))
    return error(loc or loaded.at(tuple(e.absolute_path)), rule, message)


# Modes and types as the documents write them, with the value the schema takes and why.
# Only words of the same legal category: a close spelling is never a reason to suggest
# another (行政备案 is not 行政许可), so other values get a hint only for a slip or a cut word.
DOCUMENT_WORDS = {
    "以自身名义行使": ("直接下放", "乡镇以自己的名义行使、承担法律责任，就是直接下放（安徽、磐安等地的文件这样写）"),
    "委托下放": ("委托", "以区县部门的名义办理、由部门承担责任，是委托"),
    "受委托组织": ("委托", "政务服务网办事指南写“受委托组织”，指乡镇以部门的名义办理，是委托"),
    "窗口前移": ("服务窗口前移", "乡镇只收件、转交区县部门审批，是服务窗口前移"),
    "前移": ("服务窗口前移", "乡镇只收件、转交区县部门审批，是服务窗口前移"),
    "下放审核权": ("下放实质性审核权", "乡镇作实质性审核、区县部门见章发证，是下放实质性审核权"),
    "实质性审核权下放": ("下放实质性审核权", "乡镇作实质性审核、区县部门见章发证，是下放实质性审核权"),
    "其它行政权力": ("其他行政权力", "“其它”与“其他”是同一个类型"),
    "行政许可事项": ("行政许可", "事项类型只写类型本身"),
    "行政处罚事项": ("行政处罚", "事项类型只写类型本身"),
    "公共服务事项": ("公共服务", "事项类型只写类型本身"),
}


def _one_edit(value: str, option: str) -> bool:
    """Whether ``value`` is ``option`` with one character mistyped, missing or extra, or a
    part of it (服务窗口 for 服务窗口前移)."""
    if len(value) >= 2 and (value in option or option in value):
        return value != option
    if abs(len(value) - len(option)) > 1 or value == option:
        return False
    if len(value) == len(option):
        return sum(a != b for a, b in zip(value, option, strict=True)) == 1
    short, long = sorted((value, option), key=len)
    return any(long[:n] + long[n + 1:] == short for n in range(len(long)))


def _explain(e: ValidationError, loaded: Loaded, root: dict[str, Any]) -> tuple[str, str, Any]:
    path = tuple(e.absolute_path)
    field = field_name(path, root)
    value: Any = e.instance
    if e.validator == "required":
        missing = str(e.message.split("'")[1])
        return "required", f"缺少必填字段{field_name((*path, missing), root)}：请在这里补上 {missing}: …", None
    if e.validator == "additionalProperties" and isinstance(e.schema, dict):
        allowed = sorted(e.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed))[0]
        return "unknown-key", (f"不认识的字段“{clip(extra)}”{did_you_mean(extra, allowed)}："
                               f"允许的字段有：{'、'.join(allowed)}。"), loaded.key_at((*path, extra))
    if e.validator == "enum" and isinstance(e.validator_value, list):
        options = [str(o) for o in e.validator_value]
        word = DOCUMENT_WORDS.get(str(value))
        if word is not None and word[0] in options:
            return "enum", f"{field}写的是{_shown(value)}：{word[1]}，这里请写“{word[0]}”。", None
        hint = next((f"（是不是要写“{o}”？）" for o in options if _one_edit(str(value), o)), "")
        return "enum", f"{field}写的是{_shown(value)}{hint}，不是有效的值：可选的有：{'、'.join(options)}。", None
    if e.validator == "type":
        wanted = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        names = "或".join(_TYPE_NAMES[str(w)] for w in wanted if w != "null")
        return "type", f"{field}应为{names}，这里是{_shown(value)}：{_type_fix(wanted, value)}。", None
    if e.validator == "format":
        hint = _hidden_or_wide(str(value), is_date) or "不是一个真实的日期：请写成 YYYY-MM-DD，如 2021-06-28。"
        return "date", f"{field}{_shown(value)}{hint}", None
    if e.validator == "pattern":
        return "pattern", _pattern_message(field, str(value), e), None
    if e.validator == "uniqueItems" and isinstance(value, list):
        return "unique", f"{field}里{_shown(_first_repeat(value))}写了不止一次：每个值只写一次，请删除重复的。", None
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
    """Why a value that looks right is not: a character that shows as nothing (a zero-width
    space pasted from a web page) or full-width characters; nothing when neither explains it."""
    if hidden := next((c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")), ""):
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
