"""The header row: found by the columns' names and the synonyms counties print (seed 004 and
other published attachments), so that each column is read for what it holds."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from generator.importer.tables import Cell, Table
from generator.model import Loc
from generator.problems import error
from generator.source import Refused

# Field → the column names that hold it, the data model's word first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号",),
    "department": ("实施部门", "区级实施部门", "县级实施部门", "原实施主体", "责任单位"),
    "code": ("事项编码", "基本编码", "实施编码"),
    "name": ("事项名称", "权力事项名称"),
    "type": ("事项类型", "权力类型"),
    "remark": ("备注",),
    "mode": ("赋权方式", "调整方式"),
}
_FIELD = {name: field for field, names in COLUMNS.items() for name in names}
_SPACE = re.compile(r"\s+")
# Headers searched: a title and a few lines of preamble come first, never more.
_FIRST_ROWS = 30


@dataclass(frozen=True)
class Header:
    row: int  # the header's index in its table's rows
    columns: dict[str, int]  # field → index of its cell in a row
    names: dict[str, str]  # field → the column's name as printed
    unread: tuple[Cell, ...]  # printed columns no field takes

    def cell(self, row: tuple[Cell, ...], field: str) -> Cell | None:
        index = self.columns.get(field)
        return row[index] if index is not None and index < len(row) else None


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def _mapped(row: tuple[Cell, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        field = _FIELD.get(_key(cell.text))
        if field == "code" and "code" in columns:
            # 基本编码 beside 实施编码: the first is the item's code, the other the service system's.
            columns.setdefault("implementation_code", index)
        elif field and field not in columns:
            columns[field] = index
    return columns


def find_header(table: Table) -> Header | None:
    """The first row that names the item column and at least one other; None if no row does."""
    for n, row in enumerate(table.rows[:_FIRST_ROWS]):
        columns = _mapped(row)
        if "name" in columns and len(columns) >= 2:
            names = {field: row[i].text for field, i in columns.items()}
            taken = set(columns.values())
            unread = tuple(c for i, c in enumerate(row) if i not in taken and c.text and c.text not in names.values())
            return Header(n, columns, names, unread)
    return None


def no_header(file: str, tables: list[Table]) -> Refused:
    """No table has a header: the message lists the columns seen and the names known."""
    rows = [row for t in tables for row in t.rows[:_FIRST_ROWS] if sum(bool(c.text) for c in row) >= 2]
    seen = max(rows, key=lambda row: sum(bool(c.text) for c in row), default=())
    texts = list(dict.fromkeys(c.text for c in seen if c.text))
    where = dataclasses.replace(seen[0].place, col=0) if seen else None
    known = "；".join(f"{'/'.join(names)}" for names in COLUMNS.values())
    shown = "、".join(f"“{t}”" for t in texts) if texts else "（没有一行有两个以上的格子）"
    return Refused(error(where.loc if where else Loc(file, 1, 1), "import-header", (
        f"{where.said() + '：' if where else ''}找不到表头：看到的列是 {shown}，其中没有事项名称列。"
        f"认得的列名是 {known}；请把表头的列名改成其中的写法（至少要有“事项名称”）再导入。")))
