"""A published attachment → its tables as rows of cells, each cell with its place (file,
sheet or table, row, column), so that every message and every written record can name it.

Merged cells hold the text of their top-left cell in every cell they cover, as the reader of
the printed table sees it.  What Excel stored as a number is marked: a code must never be
read from one (its leading zero is gone, or it shows as 3.7E+12)."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.model import Loc
from generator.problems import error
from generator.source import Refused, decoded, read_bytes


@dataclass(frozen=True)
class Place:
    """Where a cell is: ``area`` names the sheet (工作表“附件”), the Word table (表格 1) or
    the text around it (正文); a CSV has none.  ``col`` 0 is the whole row or paragraph."""

    file: str
    area: str
    row: int
    col: int = 0
    letters: bool = True  # columns named A, B, C as Excel shows them; Word's are counted

    @property
    def loc(self) -> Loc:
        return Loc(self.file, self.row, max(self.col, 1))

    def said(self, column: str = "") -> str:
        """The place in words, e.g. 工作表“附件”第 5 行 C 列（事项编码）."""
        unit = "段" if self.area == "正文" else "行"
        where = f"{self.area}第 {self.row} {unit}"
        if self.col:
            where += f" {get_column_letter(self.col)} 列" if self.letters else f"第 {self.col} 列"
        return where + (f"（{column}）" if column else "")


@dataclass(frozen=True)
class Cell:
    text: str  # as printed, line breaks inside a cell joined
    place: Place
    number: bool = False  # Excel stored a number here, not text


@dataclass(frozen=True)
class Table:
    """One sheet or one Word table, with the paragraphs around it as one-cell rows."""

    area: str
    rows: tuple[tuple[Cell, ...], ...]
    name: str = ""  # a sheet's own name (a township's, or a mode's); Word tables and CSV have none


_PDF = "不能直接读取 PDF 附件：请在 WPS 或 Adobe Acrobat 里把附件的表格另存为 Excel（.xlsx），核对一遍再导入。"
_OLD = {
    ".xls": "这是旧的 Excel 格式（.xls）：请在 Excel 或 WPS 里“另存为”Excel 工作簿（.xlsx）再导入。",
    ".doc": "这是旧的 Word 格式（.doc）：请在 Word 或 WPS 里“另存为”Word 文档（.docx）再导入。",
    ".pdf": _PDF,
}


def read_tables(path: Path, file: str) -> list[Table]:
    """The tables of ``path`` (shown to people as ``file``), or :class:`Refused`."""
    suffix = path.suffix.lower()
    if suffix in _OLD:
        raise Refused(error(Loc(file, 1, 1), "import-file", _OLD[suffix]))
    readers = {".xlsx": _xlsx, ".xlsm": _xlsx, ".docx": _docx, ".csv": _csv}
    if suffix not in readers:
        raise Refused(error(Loc(file, 1, 1), "import-file", (
            f"不认识“{suffix or path.name}”这种文件：能导入 Excel（.xlsx）、Word（.docx）和 CSV（.csv）里的表格，"
            "请把附件另存为其中一种。")))
    raw = read_bytes(path, file)
    try:
        tables = readers[suffix](raw, file)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as broken:
        raise Refused(error(Loc(file, 1, 1), "import-file", (
            f"打不开这个文件（{type(broken).__name__}）：它可能已损坏，或不是真正的 {suffix} 文件；"
            "请用 Excel、Word 或 WPS 打开后重新另存一份再导入。"))) from None
    if not any(any(c.text for c in row) for t in tables for row in t.rows):
        raise Refused(error(Loc(file, 1, 1), "import-table", (
            "文件里没有表格：请导入附件里的事项清单表格（Word 文档里须是真正的表格，不是用空格对齐的文字）。")))
    return tables


def _joined(text: str) -> str:
    return "".join(line.strip() for line in text.strip().splitlines())


def _value(value: object) -> tuple[str, bool]:
    if value is None:
        return "", False
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int | float):
        shown = str(int(value)) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else str(value)
        return shown, True
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10], False
    return _joined(str(value)), False


def _xlsx(raw: bytes, file: str) -> list[Table]:
    book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    return [_sheet(sheet, file) for sheet in book.worksheets if isinstance(sheet, Worksheet)]


def _sheet(sheet: Worksheet, file: str) -> Table:
    area = f"工作表“{sheet.title}”"
    grid = [[_value(c.value) for c in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = top
    rows = tuple(
        tuple(Cell(text, Place(file, area, r, c), number) for c, (text, number) in enumerate(row, 1))
        for r, row in enumerate(grid, 1)
    )
    return Table(area, rows, sheet.title)


def _csv(raw: bytes, file: str) -> list[Table]:
    text = decoded(raw, file)
    rows = tuple(
        tuple(Cell(_joined(value), Place(file, "", r, c)) for c, value in enumerate(row, 1))
        for r, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1)
    )
    return [Table("", rows)]


def _docx(raw: bytes, file: str) -> list[Table]:
    """Each Word table with the paragraphs before it (a title) and, for the last, after it (注)."""
    tables: list[Table] = []
    around: list[tuple[Cell, ...]] = []
    paragraphs = 0
    for block in docx.Document(io.BytesIO(raw)).iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            if text := _joined(block.text):
                around.append((Cell(text, Place(file, "正文", paragraphs, letters=False)),))
            continue
        area = f"表格 {len(tables) + 1}"
        tables.append(Table(area, (*around, *_word_rows(block, file, area))))
        around = []
    if tables and around:
        tables[-1] = Table(tables[-1].area, (*tables[-1].rows, *around))
    return tables


def _word_rows(table: DocxTable, file: str, area: str) -> list[tuple[Cell, ...]]:
    # row.cells gives a merged cell in every grid column it spans, and in every row it spans
    # down, as a merged cell in Excel is read.
    return [
        tuple(Cell(_joined(cell.text), Place(file, area, r, c, letters=False)) for c, cell in enumerate(row.cells, 1))
        for r, row in enumerate(table.rows, 1)
    ]
