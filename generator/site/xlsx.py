"""XLSX in the layout of the official attachment (seed 004): 序号, 实施部门, 事项编码, 事项名称, 事项类型, 备注,
in groups by mode ("一、直接下放事项（5项）"); dated with its county's latest date, so the same data gives the same bytes.
Titles count as the pages do: a township's items it takes (承接), and apart from them those it declined and those
taken back; the county's items given to its townships.
"""

from __future__ import annotations

import itertools

from generator.model import Entry, Item, ListKind, Mode, Township
from generator.site.modes import SCOPE_VERB
from generator.site.views import CountyView
from generator.site.workbook import Row, xlsx_bytes

HEADER = ("序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注")
WIDTHS = (6, 22, 16, 48, 12, 40)
NUMERALS = "一二三四五六七八九十"
Line = tuple[str, str, str, str, str, str]  # a key (what counts once), then 实施部门, 事项编码, 事项名称, 事项类型, 备注
Group = tuple[str, list[Line]]  # a heading, and its lines


def _line(item: Item, note: str) -> Line:
    return (item.key, item.department or "", item.code or "", item.name, item.type, note)


def _remark(mode: Mode, scope: tuple[str, ...] | None) -> str:
    return SCOPE_VERB[mode] + "".join(f"“{s}”" for s in scope) if scope else ""


def _items(lines: list[Line]) -> int:
    """How many items: a county lists an item once per scope it is given in, the page counts it once."""
    return len({line[0] for line in lines})


def _xlsx(title: str, groups: list[Group], stamp: str, notes: tuple[str, ...] = ()) -> bytes:
    """A title row, the header, then each non-empty group under its numbered heading (items are numbered through all
    groups), then the attachment's 注."""
    groups = [(heading, lines) for heading, lines in groups if lines]
    rows = [Row([title], bold=True, size=14, across=True), Row(HEADER)]
    numbers = itertools.count(1)
    for n, (heading, lines) in enumerate(groups):
        rows.append(Row([f"{NUMERALS[n]}、{heading}（{_items(lines)}项）"], across=True))
        rows += (Row([next(numbers), *line[1:]]) for line in lines)
    rows += (Row([f"注：{note}"], across=True) for note in notes)
    return xlsx_bytes("赋权事项", WIDTHS, rows, stamp=stamp, creator="township-catalog")


def township_xlsx(view: CountyView, town: Township, stamp: str) -> bytes:
    """The township's catalog by mode, then its declined and withdrawn items."""
    groups = [(f"{mode.value}事项", [_line(view.item(e.code), _remark(mode, e.scope)) for e in entries])
              for mode, entries in view.groups(town)]
    declined = [_line(view.item(d.code), "；".join(filter(None, (d.reason, d.expected and f"预计{d.expected}承接"))))
                for d in town.declined]
    withdrawn = [_line(view.item(w.code), f"{w.date}依据{w.document}收回" + (f"：{w.reason}" if w.reason else "")) for w in town.withdrawn]
    # As the township page says it: 承接 N 项, and the declined and withdrawn ones apart.
    apart = (("暂不承接", declined), ("已收回", withdrawn))
    counts = [f"承接{len(town.entries)}项", *(f"{label}{len(rows)}项" for label, rows in apart if rows)]
    title = f"{view.county.name}{town.name}赋权事项目录（{'，'.join(counts)}）"
    return _xlsx(title, [*groups, *((f"{label}事项", rows) for label, rows in apart)], stamp)


def county_xlsx(view: CountyView, stamp: str) -> bytes:
    """The county's list: each item once per mode and scope, as the attachment lists it; the remark names the townships
    when not all of them have it that way."""
    towns: dict[tuple[Mode, str, tuple[str, ...] | None], list[str]] = {}
    for town in view.county.townships:
        for e in town.entries:
            towns.setdefault((e.mode, e.code, e.scope), []).append(town.name)
    everyone = len(view.county.townships)
    lines = [
        (mode, view.item(code), "；".join(filter(None, (_remark(mode, scope), "" if len(names) == everyone else "、".join(names)))))
        for (mode, code, scope), names in towns.items()
    ]
    groups = [(f"{mode.value}事项", [_line(item, note) for m, item, note in lines if m is mode]) for mode in Mode]
    given = len({code for _, code, _ in towns})
    receiving = sum(bool(town.entries) for town in view.county.townships)
    # One list whose attachment the data heads: its own title, as the notice prints it.
    titled = [a.title for a in view.county.attachments if a.title]
    title = titled[0] if len(titled) == 1 else f"{view.county.name}乡镇赋权事项清单（{given}项，赋予{receiving}个乡镇）"
    return _xlsx(title, groups, stamp, tuple(a.note for a in view.county.attachments if a.note))


def list_xlsx(view: CountyView, town: Township, name: str, kind: ListKind | None, stamp: str) -> bytes:
    """One of the township's three lists (三清单) in the same layout: a delegated list by mode, with what the county keeps
    in its 备注; the 配合事项 with the department that holds the power in 实施部门, and what the township does and on which
    document in 备注."""
    if kind is None:
        assists = [(a.name, a.department, "", a.name, "配合事项", "；".join(filter(None, (a.duties, f"依据{a.document}"))))
                   for a in town.assists]
        groups: list[Group] = [("配合事项", assists)]
        count = len(town.assists)
    else:
        groups = [(f"{mode.value}事项", [_line(view.item(e.code), _note(view, mode, e)) for e in entries])
                  for mode, entries in view.groups(town, kind)]
        count = len(view.of_list(town, kind))
    return _xlsx(f"{view.county.name}{town.name}{name}（{count}项）", groups, stamp)


def _note(view: CountyView, mode: Mode, entry: Entry) -> str:
    kept = view.reserved(entry)
    return "；".join(filter(None, (_remark(mode, entry.scope), kept and f"区县保留：{kept}")))
