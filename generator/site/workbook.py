"""A minimal XLSX writer: one sheet of text and whole-number cells, with column widths and fonts, its XML written directly
(openpyxl took ~50 ms a workbook, most of a province's export time); the given day dates the document and every zip entry.
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


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run this text as a formula (CSV injection; tab and CR count too, as OWASP advises):
    a CSV cell then needs a leading apostrophe, an XLSX cell the quotePrefix style, to stay text."""
    return text.startswith(("=", "+", "-", "@", "\t", "\r"))


@dataclass(frozen=True)
class Row:
    """Cells from column A ("" is an empty cell) in Calibri of ``size`` points, wrapped and centred vertically."""

    cells: Sequence[str | int]
    bold: bool = False
    size: int = 11
    across: bool = False  # the first cell merged over every column, as for a title


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_OPC = "application/vnd.openxmlformats-package"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FONT = '<font>{}<sz val="{}"/><name val="Calibri"/><family val="2"/></font>'
_XF = '<xf numFmtId="0" fontId="{}" fillId="0" borderId="0"'
_FORMAT = _XF + ' xfId="0"{} applyAlignment="1"{}><alignment vertical="center" wrapText="1"/></xf>'
_PACKAGE = {  # the parts that are the same in every workbook of one sheet
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    f'<Default Extension="rels" ContentType="{_OPC}.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SML}.styles+xml"/>'
    f'<Override PartName="/docProps/core.xml" ContentType="{_OPC}.core-properties+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
}


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """Escaped text, control characters Excel refuses as U+FFFD (cached: texts repeat across an export's workbooks)."""
    return escape(_ILLEGAL.sub("\ufffd", value))


@functools.cache
def _column(number: int) -> str:
    """The letters of the 1-based column ``number``: A … Z, AA …"""
    return _column((number - 1) // 26) + chr(ord("A") + (number - 1) % 26) if number else ""


def _styles(fonts: Sequence[tuple[bool, int]]) -> str:
    """The stylesheet: format 0 is Excel's default, 1 … n the given distinct (bold, size) fonts, n+1 … 2n the same with
    quotePrefix, which keeps formula-like text text when someone edits it; font 0 must be the default font."""
    listed = [(False, 11), *(f for f in fonts if f != (False, 11))]
    formats = [(listed.index(f), quote) for quote in ("", ' quotePrefix="1"') for f in fonts]
    return (
        f'<styleSheet {_NS}><fonts count="{len(listed)}">'
        + "".join(_FONT.format('<b val="1"/>' if bold else "", size) for bold, size in listed)
        + '</fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        f'<cellStyleXfs count="1">{_XF.format(0)}/></cellStyleXfs><cellXfs count="{len(formats) + 1}">{_XF.format(0)} xfId="0"/>'
        + "".join(_FORMAT.format(font, ' applyFont="1"' if font else "", quote) for font, quote in formats)
        + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


def _cell(ref: str, value: str | int, style: int, quoted: int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if not value:
        return f'<c r="{ref}" s="{style}"/>'
    # Inline strings are never formulas; quotePrefix keeps one text when edited in Excel, as a CSV cell's leading ' does.
    s = quoted if looks_like_formula(value) else style
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _sheet(widths: Sequence[float], rows: Sequence[Row], number: dict[tuple[bool, int], int]) -> str:
    """The worksheet XML; ``number`` gives each font its format (its quotePrefix twin follows ``len(number)`` later)."""
    last = _column(len(widths))
    xml = []
    for n, row in enumerate(rows, 1):
        style = number[row.bold, row.size]
        cells = "".join(_cell(f"{_column(i)}{n}", v, style, style + len(number)) for i, v in enumerate(row.cells, 1))
        xml.append(f'<row r="{n}">{cells}</row>')
    merged = [f'<mergeCell ref="A{n}:{last}{n}"/>' for n, row in enumerate(rows, 1) if row.across]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    # Neither may be empty: no merge list when no row spans the sheet; an empty sheet still spans row 1 ("A1:F0" is invalid).
    merges = f'<mergeCells count="{len(merged)}">{"".join(merged)}</mergeCells>' if merged else ""
    return (
        f'<worksheet {_NS}><dimension ref="A1:{last}{max(len(rows), 1)}"/><cols>{cols}</cols>'
        f'<sheetData>{"".join(xml)}</sheetData>{merges}</worksheet>'
    )


def xlsx_bytes(name: str, widths: Sequence[float], rows: Sequence[Row], *, stamp: str, creator: str) -> bytes:
    """A workbook of one sheet: ``rows`` from row 1, column ``widths`` (in characters) from A; Excel refuses a sheet
    ``name`` over 31 characters or with any of ``[]:*?/\\``.  ``stamp`` (YYYY-MM-DD) dates the document and every zip entry."""
    number = {font: i for i, font in enumerate(dict.fromkeys((row.bold, row.size) for row in rows), 1)}
    parts = {
        **_PACKAGE,
        "xl/workbook.xml": f'<workbook {_NS} xmlns:r="{_REL}"><sheets><sheet name="{_text(name)}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _styles(list(number)),
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>{_text(creator)}</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}T00:00:00Z</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}T00:00:00Z</dcterms:modified></cp:coreProperties>',
        "xl/worksheets/sheet1.xml": _sheet(widths, rows, number),
    }
    when = date.fromisoformat(stamp).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in parts.items():
            archive.writestr(zipfile.ZipInfo(part, date_time=when), _XML + text, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
