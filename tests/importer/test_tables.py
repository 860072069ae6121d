"""Other layouts counties publish, on fictional tables (a county 示例县 and its towns, made up
for these tests): CSV with and without a byte-order mark, a mode column instead of sections,
one sheet per mode with a department merged down its rows, other column names."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.importer.test_import import run

HEAD = ["--document", "示政发〔2024〕1号", "--document-title", "示例县乡镇赋权通知", "--issuer", "示例县人民政府",
        "--date", "2024-03-01", "--name", "示例县", "--province", "示例省", "--townships", "甲镇=jia,乙乡=yi"]
CSV = (
    "序号,实施部门,事项编码,事项名称,事项类型,赋权方式,备注\n"
    "1,县民政局,0370000117086,临时救助审批,行政给付,直接下放,\n"
    "2,县民政局,,困难群众走访,公共服务,服务窗口前移,前移“走访登记”\n"
    "注：承接单位为甲镇、乙乡。\n"
)


def county(tmp_path: Path, table: Path) -> tuple[int, str, Path]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    code, out = run("import", table, "--county", "shili", "--data", data, *HEAD)
    return code, out, data / "shili"


def test_a_csv_with_a_mode_column(tmp_path: Path) -> None:
    for name, raw in (("plain.csv", CSV.encode()), ("bom.csv", b"\xef\xbb\xbf" + CSV.encode())):
        table = tmp_path / name
        table.write_bytes(raw)
        code, out, folder = county(tmp_path, table)
        assert code == 0, out
        assert (folder / "items" / "0370000117086.yaml").read_text(encoding="utf-8").splitlines()[1] == "code: 0370000117086"
        local = (folder / "items" / "item-001.yaml").read_text(encoding="utf-8")
        assert local.splitlines()[1:] == ["name: 困难群众走访", "type: 公共服务", "department: 县民政局", "sub_items: [走访登记]"]
        missing = "warning[import-missing]: 没有写 items/item-001.yaml 的事项编码：表格“事项编码”列这一格是空的，照原件补上。"
        assert f"{table}:3:1: {missing}" in out
        assert (folder / "townships" / "yi.yaml").read_text(encoding="utf-8").splitlines()[1:] == ["name: 乙乡"]
        assert "    to: {townships: [jia, yi]}\n" in (folder / "county.yaml").read_text(encoding="utf-8")


def test_one_sheet_per_mode_with_merged_departments(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "直接下放"
    second = book.create_sheet("委托")
    for sheet, codes in ((first, ("3700000000001", "3700000000002")), (second, ("3700000000003",))):
        sheet.append(["序号", "原实施主体", "基本编码", "权力事项名称", "权力类型"])
        for n, code in enumerate(codes, 1):
            sheet.append([n, "县交通运输局" if n == 1 else None, code, f"示例事项{code[-1]}", "行政处罚"])
        sheet.merge_cells(start_row=2, start_column=2, end_row=1 + len(codes), end_column=2)
    second.append(["注：承接单位为甲镇。"])
    table = tmp_path / "sheets.xlsx"
    book.save(table)
    code, out, folder = county(tmp_path, table)
    assert code == 0, out
    text = (folder / "county.yaml").read_text(encoding="utf-8")
    assert "departments: [县交通运输局]" in text
    assert "      # sheets.xlsx，工作表“委托”第 2 行：示例事项3\n      - code: 3700000000003\n        mode: 委托\n" in text
    assert "      - code: 3700000000002\n        mode: 直接下放\n" in text
    assert (folder / "items" / "3700000000002.yaml").read_text(encoding="utf-8").splitlines()[4] == "department: 县交通运输局"
