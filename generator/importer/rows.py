"""One attachment's tables → its records (one per item row, with the place of each value),
its title and its closing 注, and every problem found on the way, all collected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.importer.codes import code_of
from generator.importer.header import Header, find_header, no_header
from generator.importer.remarks import Note, note_of, scope_of
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


@dataclass(frozen=True)
class Attachment:
    file: str
    title: Cell | None
    note: Note | None
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


def read_attachment(path: Path, file: str) -> Attachment:
    try:
        tables = read_tables(path, file)
    except Refused as refused:
        return Attachment(file, None, None, (), (refused.problem,))
    headed = [(t, h) for t in tables if (h := find_header(t)) is not None]
    if not headed:
        return Attachment(file, None, None, (), (no_header(file, tables).problem,))
    reader = _Reader()
    for table, header in headed:
        reader.table(table, header)
    for table in tables:
        if all(t is not table for t, _ in headed) and any(c.text for row in table.rows for c in row):
            reader.problems.append(warning(table.rows[0][0].place.loc, "import-table", (
                f"{table.area or file}没有找到表头，没有导入：如果它也是事项清单，请给它加上表头（至少要有“事项名称”列）。")))
    if reader.title and (count := stated(reader.title.text)) is not None and count != len(reader.records):
        reader.problems.append(count_problem(reader.title, count, len(reader.records), "清单标题"))
    return Attachment(file, reader.title, reader.note, tuple(reader.records), tuple(reader.problems))


def _single(row: tuple[Cell, ...]) -> Cell | None:
    """A row of one text (a title, a section, a 注), however many cells it is merged over."""
    texts = {c.text for c in row if c.text}
    return next(c for c in row if c.text) if len(texts) == 1 else None


class _Reader:
    def __init__(self) -> None:
        self.title: Cell | None = None
        self.note: Note | None = None
        self.records: list[Record] = []
        self.problems: list[Problem] = []
        self.types = tuple(schema("item").raw["properties"]["type"]["enum"])

    def table(self, table: Table, header: Header) -> None:
        for row in table.rows[: header.row]:
            if (cell := _single(row)) and not _ANNEX.fullmatch(cell.text):
                self.title = self.title or cell
        self.problems += (warning(c.place.loc, "import-column", (
            f"{c.place.said()}：列“{clip(c.text)}”没有导入（不认识这个列名）：请核对它的内容，需要的话在 YAML 里手工写上。"))
            for c in header.unread)
        sheet_mode = mode_of(table.area)
        current: Section | None = None
        counted = 0
        for row in table.rows[header.row + 1:]:
            if not any(c.text for c in row) or _is_header(row, header):
                continue
            if (cell := _single(row)) and (heading := section(cell)):
                self._close(current, counted)
                current, counted = heading, 0
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
            counted += 1
            self.records.append(self._record(row, header, current.mode if current else sheet_mode))
        self._close(current, counted)

    def _close(self, current: Section | None, counted: int) -> None:
        if current and current.count is not None and current.count != counted:
            self.problems.append(count_problem(current, current.count, counted, f"“{current.heading}”这一节"))

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
        if cell := header.cell(row, "remark"):
            scope, found = scope_of(cell, mode, header.names["remark"])
            self.problems += found
        for field, what in (("type", "事项类型"), ("department", "实施部门")):
            if not text(field):
                missing.append((header.names.get(field, ""), what))
        return Record(
            place, code, text("implementation_code"), name.text, kind, text("department"), mode, scope, tuple(missing), refused
        )


def _is_header(row: tuple[Cell, ...], header: Header) -> bool:
    """The header printed again (a Word table across pages, each sheet of a workbook)."""
    name = header.cell(row, "name")
    return name is not None and name.text == header.names["name"]
