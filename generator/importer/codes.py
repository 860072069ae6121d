"""A code cell, read as the text printed, or the reason it cannot be trusted: Excel turned it
into a number (the leading zero is gone, or it shows as 3.7E+12), or it has full-width digits."""

from __future__ import annotations

import re
import unicodedata

from generator.catalog import CODE
from generator.importer.tables import Cell
from generator.problems import Problem, clip, error

_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+")


def code_of(cell: Cell, column: str) -> tuple[str | None, Problem | None]:
    """The code of ``cell`` (None when it is empty or cannot be trusted) and what is wrong."""
    text = cell.text
    where = cell.place.said(column)
    if not text:
        return None, None
    if cell.number:
        return None, error(cell.place.loc, "import-code", (
            f"{where}：事项编码“{text}”在 Excel 里存成了数字，不是文字：开头的 0 会丢，长编码还会变成 3.7E+12 这样的写法，"
            "导入不会用它。请把这一列的单元格格式设为“文本”，照原件重新输入编码，保存后再导入。"))
    if _SCIENTIFIC.fullmatch(text):
        return None, error(cell.place.loc, "import-code", (
            f"{where}：事项编码写成了“{text}”，这是 Excel 的科学计数法，原来的数字已经丢了：请照原件重新输入完整的编码"
            "（先把单元格格式设为“文本”；CSV 请在 Excel 里用“数据 → 从文本/CSV”导入，把这一列设为文本）。"))
    half = unicodedata.normalize("NFKC", text)
    if half != text and CODE.fullmatch(half):
        return None, error(cell.place.loc, "import-code", (
            f"{where}：事项编码“{text}”里有全角字符：编码只能用半角数字和大写字母，请改成“{half}”再导入。"))
    if not CODE.fullmatch(text):
        return None, error(cell.place.loc, "import-code", (
            f"{where}：事项编码“{clip(text)}”里有编码不会有的字符：编码只能是半角数字和大写字母，请照原件核对。"))
    return text, None
