"""One attachment's tables → its records (one per item row, with the place of each value, and
the townships it is for where a 备注, a sheet's name or its title names them), its title and its
closing 注, and every problem found on the way, all collected."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from generator.importer.codes import code_of
from generator.importer.header import Header, find_header, no_header
from generator.importer.remarks import Note, note_of, remark_of, township_titled, townships_in
from generator.importer.sections import Section, count_problem, mode_of, section, stated, unknown_mode
from generator.importer.tables import Cell, Place, Table, read_tables
from generator.model import Mode
from generator.problems import Problem, clip, error, warning
from generator.schemas import schema
from generator.source import Refused

_ANNEX = re.compile(r"附件\s*[0-9一二三四五六七八九十]*")


@dataclass(frozen=True)
class Record:
    """One item row: each value as printed, or None where its cell is empty or untrusted."""

    place: Place  # the row
    code: str | None
    implementation_code: str | None
    name: str
    type: str | None
    department: str | None
    mode: Mode | None
    scope: tuple[str, ...] | None
    missing: tuple[tuple[str, str], ...]  # (column, what) the row does not give
    refused: bool = False  # its code cell cannot be trusted: the row is never written
    townships: tuple[str, ...] = ()  # the townships it is for, as printed; none: every 承接单位
    named: Place | None = None  # where they are named: its 备注, or its sheet's name or title


@dataclass(frozen=True)
class Attachment:
    file: str
    title: Cell | None
    note: Note | None
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Part:
    """One table read: its title (the one-text row above the header) and its records."""

    table: Table
    title: Cell | None
    start: int  # the slice of the reader's records it read
    end: int


def read_attachment(path: Path, file: str, known: Collection[str] = ()) -> Attachment:
    """``known``: the townships the county has or the command line names, as printed."""
    try:
        tables = read_tables(path, file)
    except Refused as refused:
        return Attachment(file, None, None, (), (refused.problem,))
    headed = [(t, h) for t in tables if (h := find_header(t)) is not None]
    if not headed:
        return Attachment(file, None, None, (), (no_header(file, tables).problem,))
    reader = _Reader(known)
    for table, header in headed:
        reader.table(table, header)
    reader.sheets({*known, *(reader.note.receivers if reader.note else ())})
    for table in tables:
        if all(t is not table for t, _ in headed) and any(c.text for row in table.rows for c in row):
            reader.problems.append(warning(table.rows[0][0].place.loc, "import-table", (
                f"{table.area or file}没有找到表头，没有导入：如果它也是事项清单，请给它加上表头（至少要有“事项名称”列）。")))
    return Attachment(file, reader.title, reader.note, tuple(reader.records), tuple(reader.problems))


def _item(record: Record) -> str:
    """What a count counts once: an item listed once per scope or township set it is given in."""
    return record.code or record.name


def _single(row: tuple[Cell, ...]) -> Cell | None:
    """A row of one text (a title, a section, a 注), however many cells it is merged over."""
    texts = {c.text for c in row if c.text}
    return next(c for c in row if c.text) if len(texts) == 1 else None


def _township_of(part: _Part, known: Collection[str], several: bool) -> tuple[str, Place] | None:
    """The township a sheet is for: its name (西集镇), or, where the attachment has several
    tables, the one township its title names (山亭区西集镇赋权事项目录)."""
    table = part.table
    if table.name and (names := townships_in(table.name, known)) and len(names) == 1:
        return names[0], Place(table.rows[0][0].place.file, table.area, 1)
    if several and part.title and (name := township_titled(part.title.text, known)):
        return name, part.title.place
    return None


class _Reader:
    def __init__(self, known: Collection[str]) -> None:
        self.known = known
        self.title: Cell | None = None
        self.note: Note | None = None
        self.records: list[Record] = []
        self.parts: list[_Part] = []
        self.problems: list[Problem] = []
        self.types = tuple(schema("item").raw["properties"]["type"]["enum"])

    def sheets(self, known: Collection[str]) -> None:
        """Each sheet for one township gives it its rows and checks its own title's count; the
        other tables share the attachment's title, which counts all their rows."""
        shared: set[str] = set()
        for part in self.parts:
            records = self.records[part.start:part.end]
            if (township := _township_of(part, known, len(self.parts) > 1)) is None:
                self.title = self.title or part.title
                shared |= {_item(r) for r in records}
                continue
            name, place = township
            self.records[part.start:part.end] = [
                r if r.townships else dataclasses.replace(r, townships=(name,), named=place) for r in records
            ]
            if part.title and (count := stated(part.title.text)) is not None and count != len(items := {_item(r) for r in records}):
                self.problems.append(count_problem(part.title, count, len(items), f"{name}的清单标题"))
        if self.title and (count := stated(self.title.text)) is not None and count != len(shared):
            self.problems.append(count_problem(self.title, count, len(shared), "清单标题"))

    def table(self, table: Table, header: Header) -> None:
        title = next((c for row in table.rows[: header.row] if (c := _single(row)) and not _ANNEX.fullmatch(c.text)), None)
        start = len(self.records)
        self.problems += (warning(c.place.loc, "import-column", (
            f"{c.place.said()}：列“{clip(c.text)}”没有导入（不认识这个列名）：请核对它的内容，需要的话在 YAML 里手工写上。"))
            for c in header.unread)
        sheet_mode = mode_of(table.area)
        current: Section | None = None
        counted: set[str] = set()
        for row in table.rows[header.row + 1:]:
            if not any(c.text for c in row) or _is_header(row, header):
                continue
            if (cell := _single(row)) and (heading := section(cell)):
                self._close(current, counted)
                current, counted = heading, set()
                if heading.mode is None and "mode" not in header.columns:
                    self.problems.append(unknown_mode(cell, ""))
                continue
            if cell and (note := note_of(cell)):
                self.note = self.note or note
                continue
            name = header.cell(row, "name")
            if not name or not name.text or cell:
                shown = cell or next(c for c in row if c.text)
                self.problems.append(warning(shown.place.loc, "import-row", (
                    f"{shown.place.said()}：这一行“{clip(shown.text)}”不是事项行，没有导入：请核对它说的是什么。")))
                continue
            self.records.append(self._record(row, header, current.mode if current else sheet_mode))
            counted.add(_item(self.records[-1]))
        self._close(current, counted)
        self.parts.append(_Part(table, title, start, len(self.records)))

    def _close(self, current: Section | None, counted: set[str]) -> None:
        if current and current.count is not None and current.count != len(counted):
            self.problems.append(count_problem(current, current.count, len(counted), f"“{current.heading}”这一节"))

    def _record(self, row: tuple[Cell, ...], header: Header, mode: Mode | None) -> Record:
        def text(field: str) -> str | None:
            cell = header.cell(row, field)
            return cell.text if cell and cell.text else None

        name = header.cell(row, "name")
        assert name is not None
        place = Place(name.place.file, name.place.area, name.place.row, letters=name.place.letters)
        missing: list[tuple[str, str]] = []
        code: str | None = None
        refused = False
        if cell := header.cell(row, "code"):
            code, wrong = code_of(cell, header.names["code"])
            if wrong:
                refused = True
                self.problems.append(wrong)
            elif code is None:
                missing.append((header.names["code"], "事项编码"))
        else:
            missing.append(("", "事项编码"))
        if cell := header.cell(row, "mode"):
            mode = mode_of(cell.text) if cell.text else mode
            if cell.text and mode is None:
                self.problems.append(unknown_mode(cell, header.names["mode"]))
        if mode is None and "mode" not in header.columns and not any(p.rule == "import-mode" for p in self.problems):
            self.problems.append(error(place.loc, "import-mode", (
                f"{place.said()}：表格没有写赋权方式（没有“一、直接下放事项（5项）”这样的节标题，也没有“赋权方式”列）："
                "请按原件加上节标题或赋权方式列再导入。")))
        kind = text("type")
        if kind and kind not in self.types and (cell := header.cell(row, "type")):
            self.problems.append(error(cell.place.loc, "import-type", (
                f"{cell.place.said(header.names['type'])}：不认识事项类型“{clip(kind)}”：能用的是 "
                f"{'、'.join(self.types)}，请照原件核对后改成其中之一。")))
        scope: tuple[str, ...] | None = None
        townships: tuple[str, ...] = ()
        named: Place | None = None
        if cell := header.cell(row, "remark"):
            remark = remark_of(cell, mode, header.names["remark"], self.known)
            scope, townships, named = remark.scope, remark.townships, cell.place if remark.townships else None
            self.problems += remark.problems
        for field, what in (("type", "事项类型"), ("department", "实施部门")):
            if not text(field):
                missing.append((header.names.get(field, ""), what))
        return Record(
            place, code, text("implementation_code"), name.text, kind, text("department"), mode, scope, tuple(missing), refused,
            townships, named,
        )


def _is_header(row: tuple[Cell, ...], header: Header) -> bool:
    """The header printed again (a Word table across pages, each sheet of a workbook)."""
    name = header.cell(row, "name")
    return name is not None and name.text == header.names["name"]
