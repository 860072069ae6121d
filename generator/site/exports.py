"""JSON and CSV exports of the catalog, and the JSON Schema of the JSON export.

The JSON is the model itself, field for field, so nothing in ``data/`` is dropped; its
schema is derived from the model's type hints, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import types
from collections.abc import Iterable
from enum import Enum
from json.encoder import encode_basestring
from typing import Any, Union, get_args, get_origin, get_type_hints

from generator.model import Catalog, County, ListKind, Township, data_fields
from generator.site.views import CountyView
from generator.site.workbook import looks_like_formula

FORMAT = {"format": "township-catalog", "version": 2}
# Each column means one thing, named as the data model names it: an entry's document and
# date, a declined item's approving document and expected date and a withdrawal's document
# and date are different facts, each in its own column, empty on the rows of other states.
CSV_HEADER = (
    "县区", "乡镇", "状态", "赋权方式", "实施部门", "事项编码", "事项名称", "事项类型", "范围",
    "依据文件", "生效日期", "批准文件", "预计承接日期", "收回文件", "收回日期", "原因",
)

# A township's 审批服务 and 行政执法 lists, one row an entry, and its 配合事项 (三清单).
LIST_HEADER = ("序号", "实施部门", "事项编码", "事项名称", "事项类型", "领域", "赋权方式", "范围", "依据文件", "生效日期", "区县保留")
ASSIST_HEADER = ("序号", "主责部门", "事项名称", "配合内容", "依据文件")


def _encode(value: Any, indent: str) -> str:
    """A model value as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes its plain
    data, ``indent`` deep; ``where`` (file positions) is not part of the catalog.  Written
    here because json's fast C encoder cannot indent, and its Python one took most of an
    export's time (30 ms a county, 3 s a province; now 60% of that)."""
    names = data_fields(type(value))
    inner = indent + "  "
    if names is not None:
        return "{\n" + ",\n".join(f'{inner}"{name}": {_encode(getattr(value, name), inner)}' for name in names) + "\n" + indent + "}"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, tuple):
        return "[\n" + ",\n".join(inner + _encode(v, inner) for v in value) + "\n" + indent + "]" if value else "[]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    raise TypeError(f"not in the export: {value!r}")


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def county_text(county: County) -> str:
    """One county as indented JSON, without the final newline."""
    return _encode(county, "")


def catalog_json(catalog: Catalog, county_texts: dict[str, str] | None = None) -> str:
    """The whole catalog; ``county_texts`` may give each county's JSON (``county_json``
    already made it), which is then indented in place instead of encoded again."""
    texts = county_texts or {}
    blocks = [texts[c.slug] if c.slug in texts else county_text(c) for c in catalog.counties]
    head = _dump({**FORMAT, "counties": []})[: -len("[]\n}\n")]
    # Each county sits two levels deep: the same bytes as json.dumps(indent=2) of it all
    # (its text has no blank line, so every line is indented).
    counties = "[\n" + ",\n".join("    " + b.replace("\n", "\n    ") for b in blocks) + "\n  ]" if blocks else "[]"
    return head + counties + "\n}\n"


def county_json(county: County, text: str | None = None) -> str:
    """One county's JSON file; ``text`` may give its :func:`county_text`."""
    body = (county_text(county) if text is None else text).replace("\n", "\n  ")  # one level deep; the brace follows the key
    head, tail = _county_head()
    return head + body + tail


def _county_head() -> tuple[str, str]:
    """What a county's JSON file holds before and after its county text."""
    return _dump({**FORMAT, "county": None})[: -len("null\n}\n")], "\n}\n"


def text_of_county_json(data: str) -> str | None:
    """The :func:`county_text` a county's JSON file (:func:`county_json`) was made from;
    None when ``data`` is not such a file.  An incremental build takes it from the last
    site for a county that did not change, rather than encoding that county again."""
    head, tail = _county_head()
    if not (data.startswith(head) and data.endswith(tail)):
        return None
    # Every line of the text was indented one level (it has no blank line).
    return data[len(head) : -len(tail)].replace("\n  ", "\n")


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [_type_schema(arg, defs) for arg in get_args(tp) if arg is not type(None)]
        return {"anyOf": [*options, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(get_args(tp)[0], defs)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [member.value for member in tp]}
    if (names := data_fields(tp)) is not None:  # the fields _encode writes
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder first: breaks cycles
            hints = get_type_hints(tp)
            defs[tp.__name__] = {
                "type": "object",
                "description": (tp.__doc__ or tp.__name__).strip().split("\n\n")[0],
                "properties": {name: _type_schema(hints[name], defs) for name in names},
                "required": names,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return {"type": {str: "string", int: "integer", bool: "boolean"}[tp]}


def export_schema() -> str:
    """The JSON Schema that ``catalog.json`` and each county's JSON follow."""
    defs: dict[str, Any] = {}
    county = _type_schema(County, defs)
    header = {key: {"const": value} for key, value in FORMAT.items()}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "乡镇赋权事项目录（导出）",
        "description": "catalog.json 有 counties（全部县区）；每个县区的文件有 county。",
        "type": "object",
        "properties": {**header, "counties": {"type": "array", "items": county}, "county": county},
        "required": list(FORMAT),
        "oneOf": [{"required": ["counties"]}, {"required": ["county"]}],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
    return _dump(schema)


def _cell(text: str) -> str:
    # A leading apostrophe makes a spreadsheet read the text as text, not as a formula.
    return "'" + text if looks_like_formula(text) else text


def _csv(rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def county_rows(county: County) -> str:
    """One county's rows of the catalog table, as CSV lines."""
    view = CountyView(county)
    rows: list[list[str]] = []

    def row(town: str, status: str, code: str, mode: str, scope: str, facts: tuple[str, str, str, str, str, str], reason: str) -> None:
        item = view.item(code)
        cells = (county.name, town, status, mode, item.department or "", code, item.name, item.type, scope, *facts, reason)
        rows.append([_cell(text) for text in cells])

    for town in county.townships:
        for e in town.entries:
            scope = "、".join(e.scope) if e.scope else "全部"
            row(town.name, "承接", e.code, e.mode.value, scope, (e.document, e.effective or "", "", "", "", ""), "")
        for d in town.declined:
            row(town.name, "暂不承接", d.code, "", "", ("", "", d.document or "", d.expected or "", "", ""), d.reason or "")
        for w in town.withdrawn:
            row(town.name, "已收回", w.code, "", "", ("", "", "", "", w.document, w.date), w.reason or "")
    return _csv(rows)


def catalog_csv(counties: tuple[County, ...], county_rows_text: dict[str, str] | None = None) -> bytes:
    """The catalog table of these counties: UTF-8 with a byte-order mark, CRLF lines;
    ``county_rows_text`` may give counties' rows already made by :func:`county_rows`."""
    made = county_rows_text or {}
    rows = "".join(made[c.slug] if c.slug in made else county_rows(c) for c in counties)
    return ("\ufeff" + _csv([CSV_HEADER]) + rows).encode("utf-8")


def rows_of_county_csv(data: bytes) -> str | None:
    """The :func:`county_rows` a county's CSV file (``catalog_csv`` of that county) was made
    from; None when ``data`` is not such a file."""
    head = "\ufeff" + _csv([CSV_HEADER])
    text = data.decode("utf-8", errors="strict") if data.startswith(head.encode("utf-8")) else None
    return text[len(head) :] if text is not None else None


def list_csv(view: CountyView, town: Township, kind: ListKind | None) -> bytes:
    """One of the township's three lists as CSV: a delegated list's entries in file order, or its 配合事项 (kind None)."""
    header: tuple[str, ...] = ASSIST_HEADER if kind is None else LIST_HEADER
    rows: list[tuple[str, ...]] = []
    if kind is None:
        rows += ((a.department, a.name, a.duties or "", a.document) for a in town.assists)
    else:
        for e in view.of_list(town, kind):
            item = view.item(e.code)
            scope = "、".join(e.scope) if e.scope else "全部"
            rows.append((item.department or "", item.code or "", item.name, item.type, item.domain or "", e.mode.value, scope,
                         e.document, e.effective or "", view.reserved(e) or ""))
    cells = [[str(n), *(_cell(text) for text in row)] for n, row in enumerate(rows, 1)]
    return ("\ufeff" + _csv([header, *cells])).encode("utf-8")
