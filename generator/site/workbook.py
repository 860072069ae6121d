"""A minimal XLSX writer: sheets of text and whole-number cells, with column widths and
fonts, as the bytes of a workbook.

The XML is written directly (openpyxl took ~50 ms a workbook, most of the export time
of a province).  Every zip entry and the document dates carry the given day, so the
same sheets give the same bytes.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

# Spreadsheets run a cell starting with these as a formula (CSV injection); tab and CR
# count too, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run this text as a formula: a CSV cell then needs a
    leading apostrophe, an XLSX cell the quotePrefix style, to stay text."""
    return text.startswith(_FORMULA_START)


@dataclass(frozen=True)
class Style:
    """A cell's font (Calibri); every cell wraps its text and is centred vertically."""

    bold: bool = False
    size: int = 11


@dataclass(frozen=True)
class Row:
    """One row of cells from column A; an empty text is an empty cell.  ``across``: the
    first cell is merged over every column of the sheet, as for a title."""

    cells: Sequence[str | int]
    style: Style = Style()
    across: bool = False


@dataclass(frozen=True)
class Sheet:
    """A sheet: its rows from row 1, and the width of each column from A (in characters).
    Excel refuses a name longer than 31 characters or with any of ``[]:*?/\\``."""

    name: str
    widths: Sequence[float]
    rows: Sequence[Row]


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "application/vnd.openxmlformats-package.relationships+xml"
_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_ALIGNMENT = '<alignment vertical="center" wrapText="1"/>'


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """Text for an XML element: control characters Excel refuses become U+FFFD.  The
    same texts repeat across the workbooks of one export: escaped once."""
    return escape(_ILLEGAL.sub("\ufffd", value))


@functools.cache
def _column(number: int) -> str:
    """The letters of the 1-based column ``number``: A … Z, AA …"""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _font(style: Style) -> str:
    bold = '<b val="1"/>' if style.bold else ""
    return f'<font>{bold}<sz val="{style.size}"/><name val="Calibri"/><family val="2"/></font>'


def _styles(styles: Sequence[Style]) -> str:
    """The stylesheet: format 0 is Excel's default, 1 … n the given (distinct) styles,
    n+1 … 2n the same with quotePrefix, which keeps formula-like text text when someone
    edits it; font 0 must be the default font."""
    fonts = [Style(), *(s for s in styles if s != Style())]
    formats = []
    for quote in ("", ' quotePrefix="1"'):
        for style in styles:
            font = fonts.index(style)
            applied = ' applyFont="1"' if font else ""
            formats.append(
                f'<xf numFmtId="0" fontId="{font}" fillId="0" borderId="0" xfId="0"{applied} applyAlignment="1"{quote}>{_ALIGNMENT}</xf>'
            )
    return (
        f'<styleSheet {_NS}><fonts count="{len(fonts)}">{"".join(map(_font, fonts))}</fonts>'
        '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(formats) + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>{"".join(formats)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


def _cell(ref: str, value: str | int, style: int, quoted: int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if not value:
        return f'<c r="{ref}" s="{style}"/>'
    # An inline string is text, never a formula, even when it starts with "="; quotePrefix
    # keeps it text when someone edits the cell in Excel, as a CSV cell's leading ' does.
    s = quoted if looks_like_formula(value) else style
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _sheet(sheet: Sheet, number: dict[Style, int]) -> str:
    """The worksheet XML; ``number`` gives each style its format (its quotePrefix twin
    follows ``len(number)`` later)."""
    last = _column(len(sheet.widths))
    rows: list[str] = []
    merged: list[str] = []
    for n, row in enumerate(sheet.rows, 1):
        style = number[row.style]
        cells = "".join(_cell(f"{_column(i)}{n}", v, style, style + len(number)) for i, v in enumerate(row.cells, 1))
        rows.append(f'<row r="{n}">{cells}</row>')
        if row.across:
            merged.append(f'<mergeCell ref="A{n}:{last}{n}"/>')
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1))
    # A merge list must not be empty: left out when no row spans the sheet.
    merges = f'<mergeCells count="{len(merged)}">{"".join(merged)}</mergeCells>' if merged else ""
    # "A1:F0" would be invalid: an empty sheet still spans row 1.
    return (
        f'<worksheet {_NS}><dimension ref="A1:{last}{max(len(rows), 1)}"/><cols>{cols}</cols>'
        f'<sheetData>{"".join(rows)}</sheetData>{merges}</worksheet>'
    )


def _package(sheets: Sequence[Sheet]) -> dict[str, str]:
    """The parts that list the workbook's pieces: content types, relationships, sheet names."""
    numbers = range(1, len(sheets) + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.spreadsheetml.worksheet+xml"/>' for i in numbers
    )
    listed = "".join(f'<sheet name="{_text(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1))
    links = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in numbers)
    return {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{_RELS}"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.spreadsheetml.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/docProps/core.xml" ContentType="{_CORE}"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": f'<workbook {_NS} xmlns:r="{_REL}"><sheets>{listed}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}">{links}'
            f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
    }


def xlsx_bytes(sheets: Sequence[Sheet], *, stamp: str, creator: str) -> bytes:
    """The workbook of these sheets; ``stamp`` (YYYY-MM-DD) dates its document and every
    zip entry."""
    styles = list(dict.fromkeys(row.style for sheet in sheets for row in sheet.rows))
    number = {style: i for i, style in enumerate(styles, 1)}
    moment = f"{stamp}T00:00:00Z"
    parts = {
        **_package(sheets),
        "xl/styles.xml": _styles(styles),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>{_text(creator)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>'
        ),
        **{f"xl/worksheets/sheet{i}.xml": _sheet(s, number) for i, s in enumerate(sheets, 1)},
    }
    when = date.fromisoformat(stamp).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), _XML + text, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
