"""Tables import refuses, each with one located message in Chinese that says how to fix it,
and nothing written (unless --partial).  The tables are seed 004's attachment changed, or
fictional ones (示例县)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.importer import attachment as seed
from tests.importer.test_import import TOWNSHIPS, run

CSV_HEAD = "序号,实施部门,事项编码,事项名称,事项类型,赋权方式\n"
NOTE = "注：承接单位为西集镇。\n"


def _rows(change: Callable[[list[str | tuple[object, ...]]], None]) -> list[str | tuple[object, ...]]:
    rows = list(seed.ROWS)
    change(rows)
    return rows


def _no_table(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("附件：事项清单见下。")
    document.save(path)
    return path


def _csv(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_bytes(text.encode(encoding))
        return path
    return write


def _xlsx(rows: list[str | tuple[object, ...]]) -> Callable[[Path], Path]:
    return lambda path: seed.xlsx(path, rows)


# name → (file suffix, the table's maker, the error line after the file's path)
CASES: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "no-table": (".docx", _no_table, (
        ":1:1: error[import-table]: 文件里没有表格：请导入附件里的事项清单表格（Word 文档里须是真正的表格，不是用空格对齐的文字）。")),
    "header": (".csv", _csv("编号,单位,名称\n1,县民政局,临时救助\n"), (
        ":1:1: error[import-header]: 第 1 行：找不到表头：看到的列是 “编号”、“单位”、“名称”，其中没有事项名称列。"
        "认得的列名是 序号；实施部门/区级实施部门/县级实施部门/原实施主体/责任单位；事项编码/基本编码/实施编码；"
        "事项名称/权力事项名称；事项类型/权力类型；备注；赋权方式/调整方式；请把表头的列名改成其中的写法（至少要有“事项名称”）再导入。")),
    "count": (".xlsx", _xlsx(_rows(lambda rows: rows.__setitem__(0, "一、直接下放事项（6项）"))), (
        ":4:1: error[import-count]: 工作表“附件”第 4 行 A 列：“直接下放事项”这一节写明 6 项，实际读到 5 项：请对照原件核对，"
        "是漏了、多了事项行，还是标题里的项数写错了，改正后再导入。")),
    "number": (".xlsx", _xlsx(_rows(lambda rows: rows.__setitem__(1, (1, "区行政审批服务局", 3700000117086, "宣传品审批", "")))), (
        ":5:3: error[import-code]: 工作表“附件”第 5 行 C 列（事项编码）：事项编码“3700000117086”在 Excel 里存成了数字，不是文字："
        "开头的 0 会丢，长编码还会变成 3.7E+12 这样的写法，导入不会用它。"
        "请把这一列的单元格格式设为“文本”，照原件重新输入编码，保存后再导入。")),
    "scientific": (".csv", _csv(CSV_HEAD + "1,区民政局,3.7E+12,临时救助审批,行政给付,直接下放\n" + NOTE), (
        ":2:3: error[import-code]: 第 2 行 C 列（事项编码）：事项编码写成了“3.7E+12”，这是 Excel 的科学计数法，原来的数字已经丢了："
        "请照原件重新输入完整的编码（先把单元格格式设为“文本”；CSV 请在 Excel 里用“数据 → 从文本/CSV”导入，把这一列设为文本）。")),
    "full-width": (".csv", _csv(CSV_HEAD + "1,区民政局,３７０００００１１７０８６,临时救助审批,行政给付,直接下放\n" + NOTE), (
        ":2:3: error[import-code]: 第 2 行 C 列（事项编码）：事项编码“３７０００００１１７０８６”里有全角字符："
        "编码只能用半角数字和大写字母，请改成“3700000117086”再导入。")),
    "mode": (".csv", _csv(CSV_HEAD + "1,区民政局,3700000117086,临时救助审批,行政给付,下放\n" + NOTE), (
        ":2:6: error[import-mode]: 第 2 行 F 列（赋权方式）：不认识赋权方式“下放”：能导入的赋权方式是 “直接下放”、“委托”、"
        "“下放实质性审核权”、“服务窗口前移”，请改成其中之一（节标题写成如“一、直接下放事项（5项）”）。")),
    "remark-township": (".csv", _csv(
        "序号,实施部门,事项编码,事项名称,事项类型,赋权方式,备注\n"
        "1,区民政局,3700000117086,临时救助审批,行政给付,直接下放,西集镇、丙镇\n" + NOTE), (
        ":2:7: error[import-receivers]: 第 2 行 G 列：乡镇 丙镇 还没有乡镇文件，导入不会替它们编拼音："
        "请用 --townships 给出每个乡镇的文件名（小写拼音），在等号后补上即可：--townships 丙镇=")),
    "gbk": (".csv", _csv(CSV_HEAD + "1,区民政局,3700000117086,临时救助审批,行政给付,直接下放\n", "gbk"), (
        ":1:1: error[encoding]: 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码（Windows 记事本或 WPS 的默认存法）："
        "请用编辑器另存为“UTF-8”编码（VS Code：点右下角的编码 → “通过编码重新打开”选 GBK → 再“通过编码保存”选 UTF-8）。")),
    "pdf": (".pdf", _csv("%PDF-1.4\n"), (
        ":1:1: error[import-file]: 不能直接读取 PDF 附件："
        "请在 WPS 或 Adobe Acrobat 里把附件的表格另存为 Excel（.xlsx），核对一遍再导入。")),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_located_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    suffix, make, message = CASES[case]
    table = make(tmp_path / f"附件{suffix}")
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shanting", "--data", data, *seed.DOCUMENT, *TOWNSHIPS)
    assert code == 1
    errors = [line for line in out.splitlines() if ": error[" in line]
    assert errors == [f"{table}{message}"]
    assert out.splitlines()[-1] == "没有写入任何文件：表格有 1 个错误，请按上面的说明改好表格再导入（加 --partial 则先写入能读出的部分）。"
    assert list(data.iterdir()) == []


def test_partial_writes_what_could_be_read_and_never_a_refused_code(tmp_path: Path) -> None:
    _, make, _ = CASES["number"]
    table = make(tmp_path / "附件.xlsx")
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shanting", "--data", data, *seed.DOCUMENT, *TOWNSHIPS, "--partial")
    assert code == 1
    items = sorted(p.name for p in (data / "shanting" / "items").iterdir())
    assert len(items) == 12 and "3700000117086.yaml" not in items
    assert "：22 个文件有变化，0 个不变。" in out


def test_receivers_without_a_file_name_get_a_line_to_complete(tmp_path: Path) -> None:
    table = seed.xlsx(tmp_path / "附件.xlsx")
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shanting", "--data", data, *seed.DOCUMENT, "--townships", "西集镇=xiji")
    assert code == 1
    assert [line for line in out.splitlines() if ": error[" in line] == [
        f"{table}:20:1: error[import-receivers]: 工作表“附件”第 20 行 A 列："
        "承接单位 桑村镇、城头镇、冯卯镇、店子镇、水泉镇、徐庄镇、北庄镇、凫城镇 还没有乡镇文件，导入不会替它们编拼音："
        "请用 --townships 给出每个乡镇的文件名（小写拼音），在等号后补上即可："
        "--townships 桑村镇=,城头镇=,冯卯镇=,店子镇=,水泉镇=,徐庄镇=,北庄镇=,凫城镇="
    ]
