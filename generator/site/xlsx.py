"""XLSX in the layout of the official attachment (seed 004): 序号, 实施部门, 事项编码,
事项名称, 事项类型, 备注, in groups by mode ("一、直接下放事项（5项）").

The workbook is written as plain XML; its document dates and zip entries carry the
catalog's date, so the same data gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from generator.model import Mode, Township
from generator.site.context import SCOPE_VERB
from generator.site.views import CountyView

HEADER = ("序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注")
WIDTHS = (6, 22, 16, 48, 12, 40)
NUMERALS = "一二三四五六七八九十"
Row = tuple[str, str, str, str, str]  # 实施部门, 事项编码, 事项名称, 事项类型, 备注
Group = tuple[str, list[Row]]


def _remark(mode: Mode, scope: tuple[str, ...] | None) -> str:
    return SCOPE_VERB[mode] + "".join(f"“{s}”" for s in scope) if scope else ""


def township_groups(view: CountyView, town: Township) -> list[Group]:
    """The township's catalog as groups of rows, then its declined and withdrawn items."""
    groups: list[Group] = []
    for mode, entries in view.groups(town):
        rows = []
        for e in entries:
            item = view.item(e.code)
            rows.append((item.department, item.code, item.name, item.type, _remark(mode, e.scope)))
        groups.append((f"{mode.value}事项", rows))
    declined = [(view.item(d.code), "；".join(filter(None, (d.reason, d.expected and f"预计{d.expected}承接")))) for d in town.declined]
    withdrawn = [(view.item(w.code), f"{w.date}依据{w.document}收回" + (f"：{w.reason}" if w.reason else "")) for w in town.withdrawn]
    for title, pairs in (("暂不承接事项", declined), ("已收回事项", withdrawn)):
        if pairs:
            groups.append((title, [(i.department, i.code, i.name, i.type, note) for i, note in pairs]))
    return groups


def county_groups(view: CountyView) -> list[Group]:
    """The county's list: each item once per mode and scope, as the attachment lists it;
    the remark names the townships when not all of them have it that way."""
    groups: list[Group] = []
    everyone = len(view.county.townships)
    for mode in Mode:
        found: dict[tuple[str, tuple[str, ...] | None], list[str]] = {}
        for town in view.county.townships:
            for e in town.entries:
                if e.mode is mode:
                    found.setdefault((e.code, e.scope), []).append(town.name)
        rows = []
        for (code, scope), towns in found.items():
            item = view.item(code)
            note = "；".join(filter(None, (_remark(mode, scope), "" if len(towns) == everyone else "、".join(towns))))
            rows.append((item.department, item.code, item.name, item.type, note))
        if rows:
            groups.append((f"{mode.value}事项", rows))
    return groups


# Spreadsheets read a cell starting with these as a formula (as exports.py neutralizes them in CSV).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Style 1: the title (bold, 14 pt); style 2: every other cell (wrapped, vertically centred);
# styles 3 and 4: the same with quotePrefix, for text that starts like a formula.
_STYLES = (
    f"<styleSheet {_NS}>"
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1" quotePrefix="1">'
    '<alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" quotePrefix="1">'
    '<alignment vertical="center" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook {_NS} xmlns:r="{_REL}"><sheets><sheet name="赋权事项" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": _STYLES,
}


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """Text for an XML element: control characters Excel refuses become U+FFFD.  Names,
    departments and documents repeat in every workbook of a county: escaped once."""
    return escape(_ILLEGAL.sub("\ufffd", value))


def _cell(ref: str, value: str | int, style: int = 2) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if not value:
        return f'<c r="{ref}" s="{style}"/>'
    # An inline string is text, never a formula, even when it starts with "="; quotePrefix
    # keeps it text when someone edits the cell in Excel, as a CSV cell's leading ' does.
    if value.startswith(_FORMULA_START):
        style += 2
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _row(n: int, values: Iterable[str | int], style: int = 2) -> str:
    cells = "".join(_cell(f"{col}{n}", v, style) for col, v in zip("ABCDEF", values, strict=False))
    return f'<row r="{n}">{cells}</row>'


def workbook_bytes(title: str, groups: Iterable[Group], stamp: str) -> bytes:
    """One sheet: a title row, the header, then each group under its numbered heading.

    The XML is written directly (openpyxl took ~50 ms a workbook, most of the export time
    of a province); every zip entry and the document dates carry ``stamp``."""
    groups = list(groups)
    total = sum(len(rows) for _, rows in groups)
    rows = [_row(1, [f"{title}（{total}项）"], 1), _row(2, HEADER)]
    merged = ["A1:F1"]
    number = 0
    for n, (heading, items) in enumerate(groups):
        rows.append(_row(len(rows) + 1, [f"{NUMERALS[n]}、{heading}（{len(items)}项）"]))
        merged.append(f"A{len(rows)}:F{len(rows)}")
        for row in items:
            number += 1
            rows.append(_row(len(rows) + 1, [number, *row]))
    merges = "".join(f'<mergeCell ref="{m}"/>' for m in merged)
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(WIDTHS, 1))
    sheet = (
        f'<worksheet {_NS}><dimension ref="A1:F{len(rows)}"/><cols>{cols}</cols>'
        f'<sheetData>{"".join(rows)}</sheetData>'
        f'<mergeCells count="{len(merged)}">{merges}</mergeCells></worksheet>'
    )
    moment = f"{stamp}T00:00:00Z"
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>township-catalog</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>'
    )
    parts = {**_PARTS, "docProps/core.xml": core, "xl/worksheets/sheet1.xml": sheet}
    when = date.fromisoformat(stamp).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), _XML + text, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def township_xlsx(view: CountyView, town: Township, stamp: str) -> bytes:
    return workbook_bytes(f"{view.county.name}{town.name}赋权事项目录", township_groups(view, town), stamp)


def county_xlsx(view: CountyView, stamp: str) -> bytes:
    return workbook_bytes(f"{view.county.name}乡镇赋权事项清单", county_groups(view), stamp)
