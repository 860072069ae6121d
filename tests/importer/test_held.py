"""Importing into a county that already holds the table's facts, however it wrote them (lists
to all, tags, groups, a guide catalog's lists, township overrides): its own county XLSX
imported into a copy of its folder changes no byte, for every fictional county of
tests/cases/base and tests/shapes; a table that differs in one entry changes that entry in
the township's file, and ``diff`` shows only it.  All counties here are fictional."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.catalog import load_catalog
from generator.problems import Severity
from tests.importer.test_import import run
from tests.importer.test_townships import COUNTIES, DOCUMENT, ROOT, exported, townships

LISTS = ROOT / "tests" / "shapes" / "lists" / "data"


def files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def errors(folder: Path) -> list[str]:
    return [p.line().replace(folder.as_posix(), "") for p in load_catalog(folder)[1] if p.severity is Severity.ERROR]


@pytest.mark.parametrize(("folder", "slug"), COUNTIES, ids=[f"{f.parent.name}-{s}" for f, s in COUNTIES])
def test_the_county_xlsx_imported_into_its_own_folder_changes_nothing(tmp_path: Path, folder: Path, slug: str) -> None:
    county, table = exported(folder, slug, tmp_path)
    data = tmp_path / "data"
    shutil.copytree(folder, data)
    before, found = files(data), errors(data)
    # A document the county records already is named by its number alone, as a clerk would.
    document = DOCUMENT[:2] if any(d.number == DOCUMENT[1] for d in county.documents) else DOCUMENT
    code, out = run("import", table, "--county", slug, "--data", data, *document, "--name", county.name,
                    "--province", county.province, *townships(county))
    assert "：0 个文件有变化，" in out, out
    assert files(data) == before
    assert errors(data) == found
    assert code == (1 if found else 0)


BAISHI = (
    "# 虚构数据，仅供测试。中心镇：种子许可只承接证书核发；临时占用城市道路审批已收回；另承接宅基地审批的受理。\n"
    "name: 白石镇\n"
    "kind: 镇\n"
    "tags: [中心镇]\n"
    "service_center: {name: 白石镇便民服务中心, hours: 工作日 9:00-17:00}\n"
    "items:\n"
    "  # liexu.xlsx，工作表“赋权事项”第 12 行：农作物种子生产经营许可\n"
    "  - code: 9937000000002\n"
    "    scope: [种子生产经营许可证变更]\n"
    "  - code: 9937000000007\n"
    "    mode: 服务窗口前移\n"
    "    document: 列虚政发〔2024〕9号\n"
    "    effective: 2024-09-15\n"
    "withdrawn:\n"
    "  - code: 9937000000003\n"
    "    document: 列虚政字〔2025〕2号\n"
    "    date: 2025-02-10\n"
    "    reason: 城区扩展后由县城市管理局统一审批\n"
)
QINGSHAN = (
    "# 虚构数据，仅供测试。普通乡：按需认领。\n"
    "name: 青山乡\n"
    "items:\n"
    "  - code: 3600000000005\n"
    "    mode: 直接下放\n"
    "    document: 饶示府发〔2020〕5号\n"
    "    agreement: {number: 协-6, date: 2020-06-20}\n"
    "declined:\n"
    "  - code: 3600000000001\n"
    "    reason: 乡便民服务中心场地正在改造\n"
    "    expected: 2027-03-31\n"
)
# A county, the 备注 cell changed (what it said, what it says now), the document named, then
# the one file that changes (its text after) and what ``diff`` says of the change.
CHANGES = {
    # 列虚县's list to all gives 农作物种子生产经营许可 with two sub-items; 白石镇 takes only
    # 种子生产经营许可证核发, and now 种子生产经营许可证变更 instead: its override changes.
    "scope": (LISTS, "liexu", "F12", "委托“种子生产经营许可证核发”；白石镇", "委托“种子生产经营许可证变更”；白石镇", "列虚政发〔2024〕1号",
              "townships/baishi.yaml", BAISHI,
              "  子项范围调整：1\n\n白石镇（列虚县）\n  - 子项范围调整：农作物种子生产经营许可（9937000000002）："
              "种子生产经营许可证核发 → 种子生产经营许可证变更；依据列虚政发〔2024〕1号\n"),
    # 饶示县's townships claim their items in their own files; 青山乡 no longer has 最低生活保障对象认定.
    "own": (ROOT / "tests" / "cases" / "base", "raoshi", "F8", "发达镇、青山乡", "发达镇", "饶示府发〔2020〕5号",
            "townships/qingshan.yaml", QINGSHAN,
            "  删除（没有收回记录）：1\n\n青山乡（饶示县）\n  - 删除（没有收回记录）：最低生活保障对象认定（3600000000004）：原为委托\n"),
}


@pytest.mark.parametrize("case", CHANGES)
def test_a_changed_entry_changes_only_that_entry(tmp_path: Path, case: str) -> None:
    folder, slug, cell, was, now, number, changed, text, said = CHANGES[case]
    county, table = exported(folder, slug, tmp_path)
    book = openpyxl.load_workbook(table)
    sheet = book.active
    assert sheet is not None and sheet[cell].value == was
    sheet[cell] = now
    book.save(table)
    data = tmp_path / "data"
    shutil.copytree(folder, data)
    before = files(data)
    code, out = run("import", table, "--county", slug, "--data", data, "--document", number, *townships(county))
    assert code == 0, out
    assert f"写入 {data.as_posix()}/{slug}：1 个文件有变化，" in out and f"\n  {changed}\n检查结果" in out
    after = files(data)
    assert {name for name in before if before[name] != after[name]} == {Path(slug, changed)}
    # The clerks' comments stay; an entry the table changed says where it was read.
    assert after[Path(slug, changed)].decode() == text
    shown = run("diff", folder, data)[1]
    assert shown.startswith(f"目录变更：{folder.as_posix()} → {data.as_posix()}，共 1 项变化。\n{said}")


def test_a_listed_item_the_table_no_longer_gives_is_for_the_clerk(tmp_path: Path) -> None:
    """南虚县 takes its guide catalog's list: a table without 太平镇's 个体工商户登记 cannot say
    whether it is declined or withdrawn, so nothing is written and the report says what to write."""
    folder = ROOT / "tests" / "shapes" / "jiangxi" / "data"
    county, table = exported(folder, "nanxu", tmp_path)
    book = openpyxl.load_workbook(table)
    sheet = book.active
    assert sheet is not None and [sheet["D4"].value, sheet["F4"].value] == ["个体工商户登记", None]
    sheet["F4"] = "南镇"
    book.save(table)
    data = tmp_path / "data"
    shutil.copytree(folder, data)
    before = files(data)
    code, out = run("import", table, "--county", "nanxu", "--data", data, "--document", "南虚府发〔2025〕2号", *townships(county))
    assert code == 1
    assert [line for line in out.splitlines() if ": error[" in line] == [
        f"{data.as_posix()}/nanxu/townships/taiping.yaml:1:1: error[import-merge]: 太平镇的“个体工商户登记”（9936000000101）："
        "表格不再给它，它是依据虚府发〔2025〕14号的清单给的：导入不替乡镇决定是暂不承接还是收回，请在这个文件的 declined"
        "（暂不承接，写明原因）或 withdrawn（收回，写明文件和日期）里写上它，再导入。"
    ]
    assert files(data) == before
