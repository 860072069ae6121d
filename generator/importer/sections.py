"""Section rows ("一、直接下放事项（5项）"): the mode of the rows below them and how many
there are, checked against the rows read; a mode named in a column or a sheet name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.tables import Cell
from generator.model import Mode
from generator.problems import Problem, clip, error

_HEADING = re.compile(r"([一二三四五六七八九十]+)\s*[、.．]\s*(.+?)\s*(?:[（(]\s*([0-9]+)\s*项\s*[）)])?")
_COUNT = re.compile(r"[（(]\s*([0-9]+)\s*项\s*[）)]$")
ACCEPTED = "、".join(f"“{m.value}”" for m in Mode)


@dataclass(frozen=True)
class Section:
    cell: Cell
    heading: str
    count: int | None  # as printed: （5项）
    mode: Mode | None


def mode_of(text: str) -> Mode | None:
    """The one mode a heading or a cell names (直接下放, 直接下放事项, 一、直接下放事项), or None."""
    named = [m for m in Mode if m.value in text]
    return named[0] if len(named) == 1 else None


def section(cell: Cell) -> Section | None:
    if not (found := _HEADING.fullmatch(cell.text)):
        return None
    return Section(cell, found.group(2), int(found.group(3)) if found.group(3) else None, mode_of(found.group(2)))


def stated(text: str) -> int | None:
    """The count a title states at its end: 山亭区…清单（13项）."""
    found = _COUNT.search(text)
    return int(found.group(1)) if found else None


def unknown_mode(cell: Cell, column: str) -> Problem:
    return error(cell.place.loc, "import-mode", (
        f"{cell.place.said(column)}：不认识赋权方式“{clip(cell.text)}”：能导入的赋权方式是 {ACCEPTED}，"
        "请改成其中之一（节标题写成如“一、直接下放事项（5项）”）。"))


def count_problem(part: Section | Cell, count: int, read: int, what: str) -> Problem:
    cell = part.cell if isinstance(part, Section) else part
    return error(cell.place.loc, "import-count", (
        f"{cell.place.said()}：{what}写明 {count} 项，实际读到 {read} 项：请对照原件核对，是漏了、多了事项行，"
        "还是标题里的项数写错了，改正后再导入。"))
