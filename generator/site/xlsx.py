"""XLSX in the layout of the official attachment (seed 004): 序号, 实施部门, 事项编码,
事项名称, 事项类型, 备注, in groups by mode ("一、直接下放事项（5项）").

openpyxl stamps the time of saving into the document properties and the zip entries;
both are fixed here to the catalog's date, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

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


def _clean(text: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))


def workbook_bytes(title: str, groups: Iterable[Group], stamp: str) -> bytes:
    """One sheet: a title row, the header, then each group under its numbered heading."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = "赋权事项"
    groups = list(groups)
    total = sum(len(rows) for _, rows in groups)
    ws.append([_clean(f"{title}（{total}项）")])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(list(HEADER))
    number = 0
    for n, (heading, rows) in enumerate(groups):
        ws.append([f"{NUMERALS[n]}、{heading}（{len(rows)}项）"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER))
        for row in rows:
            number += 1
            ws.append([number, *(_clean(text) for text in row)])
            for cell in ws[ws.max_row][1:]:
                cell.data_type = "s"  # text stays text, even "=…" (openpyxl would write a formula)
    for col, width in zip("ABCDEF", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws["A1"].font = Font(bold=True, size=14)
    when = datetime.fromisoformat(stamp)
    wb.properties.creator = "township-catalog"
    wb.properties.created = wb.properties.modified = when
    return _fixed_zip(wb, when)


def _fixed_zip(wb: Workbook, when: datetime) -> bytes:
    raw = io.BytesIO()
    # ExcelWriter, not wb.save(): save() overwrites the modified date with now.
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def township_xlsx(view: CountyView, town: Township, stamp: str) -> bytes:
    return workbook_bytes(f"{view.county.name}{town.name}赋权事项目录", township_groups(view, town), stamp)


def county_xlsx(view: CountyView, stamp: str) -> bytes:
    return workbook_bytes(f"{view.county.name}乡镇赋权事项清单", county_groups(view), stamp)
