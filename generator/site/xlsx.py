"""XLSX in the layout of the official attachment (seed 004): 序号, 实施部门, 事项编码,
事项名称, 事项类型, 备注, in groups by mode ("一、直接下放事项（5项）").

The workbook is dated with the catalog's date, so the same data gives the same bytes.
"""

from __future__ import annotations

from generator.model import Mode, Township
from generator.site.modes import SCOPE_VERB
from generator.site.views import CountyView
from generator.site.workbook import Row, Sheet, Style, xlsx_bytes

HEADER = ("序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注")
WIDTHS = (6, 22, 16, 48, 12, 40)
NUMERALS = "一二三四五六七八九十"
TITLE = Style(bold=True, size=14)
Line = tuple[str, str, str, str, str]  # 实施部门, 事项编码, 事项名称, 事项类型, 备注
Group = tuple[str, list[Line]]


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


def _sheet(title: str, groups: list[Group]) -> Sheet:
    """A title row, the header, then each group under its numbered heading; the items
    are numbered through all groups."""
    total = sum(len(lines) for _, lines in groups)
    rows = [Row([f"{title}（{total}项）"], TITLE, across=True), Row(HEADER)]
    number = 0
    for n, (heading, lines) in enumerate(groups):
        rows.append(Row([f"{NUMERALS[n]}、{heading}（{len(lines)}项）"], across=True))
        for line in lines:
            number += 1
            rows.append(Row([number, *line]))
    return Sheet("赋权事项", WIDTHS, rows)


def _xlsx(title: str, groups: list[Group], stamp: str) -> bytes:
    return xlsx_bytes([_sheet(title, groups)], stamp=stamp, creator="township-catalog")


def township_xlsx(view: CountyView, town: Township, stamp: str) -> bytes:
    return _xlsx(f"{view.county.name}{town.name}赋权事项目录", township_groups(view, town), stamp)


def county_xlsx(view: CountyView, stamp: str) -> bytes:
    return _xlsx(f"{view.county.name}乡镇赋权事项清单", county_groups(view), stamp)
