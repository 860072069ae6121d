"""Tables that do not give every township every item alike: the site's county XLSX, whose 备注
names the townships of an item not all of them have that way, imports back to the same entries
(township × item × mode × scope) for every fictional county of tests/cases/base and
tests/shapes; a workbook with one sheet per township becomes each township's entries, a shared
list where several sheets give the same.  All counties, townships and items here are fictional."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.catalog import load_catalog
from generator.model import County
from generator.site.views import CountyView
from generator.site.xlsx import county_xlsx
from tests.importer.test_import import run

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "tests" / "cases" / "base", *sorted((ROOT / "tests" / "shapes").glob("*/data"))]
COUNTIES = [(folder, county.slug) for folder in FOLDERS for county in load_catalog(folder, checks=False)[0].counties]
DOCUMENT = [
    "--document", "示政发〔2024〕1号", "--document-title", "示例县乡镇赋权通知", "--issuer", "示例县人民政府", "--date", "2024-03-01",
]

Fact = tuple[str, str, str, tuple[str, ...] | None]


def facts(county: County) -> set[Fact]:
    """What the county XLSX holds of each township's entries: township, item (by its code, or
    its name where it has none), mode and scope."""
    items = {item.key: item.code or item.name for item in county.items}
    return {(town.slug, items[e.code], e.mode.value, e.scope) for town in county.townships for e in town.entries}


def exported(folder: Path, slug: str, tmp_path: Path) -> tuple[County, Path]:
    """A county of ``folder``, and its county XLSX as the site exports it, written in ``tmp_path``."""
    county = next(c for c in load_catalog(folder, checks=False)[0].counties if c.slug == slug)
    table = tmp_path / f"{slug}.xlsx"
    table.write_bytes(county_xlsx(CountyView(county), "2024-01-01"))
    return county, table


def townships(county: County) -> list[str]:
    return ["--townships", ",".join(f"{town.name}={town.slug}" for town in county.townships)]


@pytest.mark.parametrize(("folder", "slug"), COUNTIES, ids=[f"{f.parent.name}-{s}" for f, s in COUNTIES])
def test_the_county_xlsx_imports_back_where_townships_differ(tmp_path: Path, folder: Path, slug: str) -> None:
    county, table = exported(folder, slug, tmp_path)
    data = tmp_path / "data"
    (data / slug).mkdir(parents=True)
    if not any(item.departments for item in county.items):
        # A guide's items name no department, so the XLSX gives none: the county file says them.
        (data / slug / "county.yaml").write_text(f"departments: [{', '.join(county.departments)}]\n", encoding="utf-8")
    argv = ["import", table, "--county", slug, "--data", data, *DOCUMENT, "--name", county.name, "--province", county.province]
    code, out = run(*argv, *townships(county))
    assert code == 0, out
    assert "import-remark" not in out
    imported = next(c for c in load_catalog(data)[0].counties)
    assert facts(imported) == facts(county)
    # One file per item, however many rows give it.
    assert len(imported.items) == len({e.code for town in county.townships for e in town.entries})
    code, out = run(*argv, *townships(county))
    assert code == 0 and "：0 个文件有变化，" in out


def test_townships_named_in_the_remarks_share_a_list_or_hold_their_own_entries(tmp_path: Path) -> None:
    """饶示县 (tests/cases/base/raoshi): 发达镇 and 河西街道 share two items, 发达镇 and 青山乡 two
    others; 建筑工程施工许可 is 河西街道's alone."""
    county, table = exported(ROOT / "tests" / "cases" / "base", "raoshi", tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "raoshi", "--data", data, *DOCUMENT, "--name", "饶示县", "--province", "示例省",
                    *townships(county))
    assert code == 0, out
    folder = data / "raoshi"
    assert (folder / "county.yaml").read_text(encoding="utf-8").split("lists:\n")[1] == (
        "  # raoshi.xlsx 的清单，由 import 读入\n"
        "  - title: 饶示县乡镇赋权事项清单（5项，赋予3个乡镇）\n"
        "    to: {townships: [fada, hexi]}\n"
        "    document: 示政发〔2024〕1号\n"
        "    items:\n"
        "      # raoshi.xlsx，工作表“赋权事项”第 4 行：个体工商户登记\n"
        "      - code: 3600000000001\n"
        "        mode: 直接下放\n"
        "      # raoshi.xlsx，工作表“赋权事项”第 7 行：食品经营许可\n"
        "      - code: 3600000000002\n"
        "        mode: 委托\n"
        "  # raoshi.xlsx 的清单，由 import 读入\n"
        "  - to: {townships: [fada, qingshan]}\n"
        "    document: 示政发〔2024〕1号\n"
        "    items:\n"
        "      # raoshi.xlsx，工作表“赋权事项”第 5 行：临时救助对象认定\n"
        "      - code: 3600000000005\n"
        "        mode: 直接下放\n"
        "      # raoshi.xlsx，工作表“赋权事项”第 8 行：最低生活保障对象认定\n"
        "      - code: 3600000000004\n"
        "        mode: 委托\n"
    )
    assert (folder / "townships" / "hexi.yaml").read_text(encoding="utf-8") == (
        "# raoshi.xlsx，工作表“赋权事项”第 4 行：承接单位“河西街道”，由 import 读入\n"
        "name: 河西街道\n"
        "items:\n"
        "  # raoshi.xlsx，工作表“赋权事项”第 10 行：建筑工程施工许可\n"
        "  - code: 3600000000003\n"
        "    mode: 服务窗口前移\n"
        "    document: 示政发〔2024〕1号\n"
    )


def test_a_changed_table_drops_the_list_it_no_longer_gives(tmp_path: Path) -> None:
    """饶示县's XLSX imported, then changed so that 青山乡 alone has the two items it shared
    with 发达镇: their list goes, the items are 青山乡's own, and 发达镇 no longer has them."""
    county, table = exported(ROOT / "tests" / "cases" / "base", "raoshi", tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    argv = ["import", table, "--county", "raoshi", "--data", data, *DOCUMENT, "--name", "饶示县", "--province", "示例省",
            *townships(county)]
    assert run(*argv)[0] == 0
    book = openpyxl.load_workbook(table)
    sheet = book.active
    assert sheet is not None and [sheet["F5"].value, sheet["F8"].value] == ["发达镇、青山乡", "发达镇、青山乡"]
    sheet["F5"] = sheet["F8"] = "青山乡"
    book.save(table)
    code, out = run(*argv)
    assert code == 0, out
    text = (data / "raoshi" / "county.yaml").read_text(encoding="utf-8")
    assert "to: {townships: [fada, hexi]}" in text and "qingshan]" not in text
    entries = {t.slug: {e.code for e in t.entries} for t in load_catalog(data)[0].counties[0].townships}
    assert entries == {
        "fada": {"3600000000001", "3600000000002"},
        "hexi": {"3600000000001", "3600000000002", "3600000000003"},
        "qingshan": {"3600000000004", "3600000000005"},
    }


HEADER = ["序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注"]
# Sheet → its title row, and its rows by section; 甲镇 and 乙乡 have the same two items.
SHEETS: dict[str, tuple[str, dict[str, list[list[str]]]]] = {
    "甲镇": ("示例县甲镇赋权事项清单（2项）", {
        "一、直接下放事项（1项）": [["县民政局", "9900000000011", "临时救助审批", "行政给付", ""]],
        "二、服务窗口前移事项（1项）": [["县医疗保障局", "9900000000012", "异地就医备案", "公共服务", "前移“转外就医备案”"]],
    }),
    "乙乡": ("示例县乙乡赋权事项清单（2项）", {
        "一、直接下放事项（1项）": [["县民政局", "9900000000011", "临时救助审批", "行政给付", ""]],
        "二、服务窗口前移事项（1项）": [["县医疗保障局", "9900000000012", "异地就医备案", "公共服务", "前移“转外就医备案”"]],
    }),
    # A sheet not named for its township: its title names it.
    "Sheet3": ("示例县丙镇赋权事项清单（2项）", {
        "一、直接下放事项（2项）": [
            ["县民政局", "9900000000011", "临时救助审批", "行政给付", ""],
            ["县自然资源局", "9900000000013", "不动产登记", "行政确认", ""],
        ],
    }),
}
THREE = ["--name", "示例县", "--province", "示例省", "--townships", "甲镇=jia,乙乡=yi,丙镇=bing"]


def workbook(path: Path, sheets: dict[str, tuple[str, dict[str, list[list[str]]]]] = SHEETS) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, (title, sections) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append([title])
        sheet.append(HEADER)
        number = 0
        for heading, rows in sections.items():
            sheet.append([heading])
            for row in rows:
                number += 1
                sheet.append([str(number), *row])
    book.save(path)
    return path


def test_one_sheet_per_township(tmp_path: Path) -> None:
    table = workbook(tmp_path / "乡镇.xlsx")
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shili", "--data", data, *DOCUMENT, *THREE)
    assert code == 0, out
    folder = data / "shili"
    assert (folder / "county.yaml").read_text(encoding="utf-8").split("lists:\n")[1] == (
        "  # 乡镇.xlsx 的清单，由 import 读入\n"
        "  - to: {townships: [bing, jia, yi]}\n"
        "    document: 示政发〔2024〕1号\n"
        "    items:\n"
        "      # 乡镇.xlsx，工作表“甲镇”第 4 行：临时救助审批\n"
        "      - code: 9900000000011\n"
        "        mode: 直接下放\n"
        "  # 乡镇.xlsx 的清单，由 import 读入\n"
        "  - to: {townships: [jia, yi]}\n"
        "    document: 示政发〔2024〕1号\n"
        "    items:\n"
        "      # 乡镇.xlsx，工作表“甲镇”第 6 行：异地就医备案\n"
        "      - code: 9900000000012\n"
        "        mode: 服务窗口前移\n"
        "        scope: [转外就医备案]\n"
    )
    assert (folder / "townships" / "bing.yaml").read_text(encoding="utf-8").splitlines()[1:] == [
        "name: 丙镇", "items:", "  # 乡镇.xlsx，工作表“Sheet3”第 5 行：不动产登记", "  - code: 9900000000013",
        "    mode: 直接下放", "    document: 示政发〔2024〕1号",
    ]
    towns = {t.slug: {(e.code, e.mode.value, e.scope) for e in t.entries} for t in load_catalog(data)[0].counties[0].townships}
    both = {("9900000000011", "直接下放", None), ("9900000000012", "服务窗口前移", ("转外就医备案",))}
    assert towns == {"jia": both, "yi": both, "bing": {("9900000000011", "直接下放", None), ("9900000000013", "直接下放", None)}}
    code, out = run("import", table, "--county", "shili", "--data", data, *DOCUMENT, *THREE)
    assert "：0 个文件有变化，7 个不变。" in out


def test_a_township_sheet_counts_its_own_title(tmp_path: Path) -> None:
    title, sections = SHEETS["乙乡"]
    table = workbook(tmp_path / "乡镇.xlsx", {**SHEETS, "乙乡": (title.replace("2项", "3项"), sections)})
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shili", "--data", data, *DOCUMENT, *THREE)
    assert code == 1
    assert [line for line in out.splitlines() if ": error[" in line] == [
        f"{table}:1:1: error[import-count]: 工作表“乙乡”第 1 行 A 列：乙乡的清单标题写明 3 项，实际读到 2 项："
        "请对照原件核对，是漏了、多了事项行，还是标题里的项数写错了，改正后再导入。"
    ]
    assert list(data.iterdir()) == []


def test_a_township_named_that_has_no_file(tmp_path: Path) -> None:
    """A sheet or a 备注 naming a township that neither the county nor --townships has."""
    table = workbook(tmp_path / "乡镇.xlsx")
    (tmp_path / "data").mkdir()
    code, out = run("import", table, "--county", "shili", "--data", tmp_path / "data", *DOCUMENT, "--name", "示例县",
                    "--province", "示例省", "--townships", "甲镇=jia,乙乡=yi")
    assert code == 1
    assert [line for line in out.splitlines() if ": error[" in line] == [
        f"{table}:1:1: error[import-receivers]: 工作表“Sheet3”第 1 行 A 列：乡镇 丙镇 还没有乡镇文件，导入不会替它们编拼音："
        "请用 --townships 给出每个乡镇的文件名（小写拼音），在等号后补上即可：--townships 丙镇="
    ]


def test_a_remark_neither_scope_nor_townships_is_reported(tmp_path: Path) -> None:
    table = tmp_path / "附件.csv"
    table.write_text(
        "序号,实施部门,事项编码,事项名称,事项类型,赋权方式,备注\n"
        "1,县民政局,9900000000011,困难群众走访,公共服务,服务窗口前移,前移“走访登记”；甲镇；需配备专职人员\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    code, out = run("import", table, "--county", "shili", "--data", data, *DOCUMENT, *THREE)
    assert code == 0, out
    assert [line for line in out.splitlines() if "import-remark" in line] == [
        f"{table}:2:7: warning[import-remark]: 第 2 行 G 列（备注）：备注“需配备专职人员”没有导入（导入只读“下放“子项””“前移“子项””"
        "这样写明承接子项的备注，和“西集镇、北庄镇”这样写明哪些乡镇的备注）：请核对它说的是什么，需要的话在 YAML 里手工写上。"
    ]
    jia = next(t for t in load_catalog(data)[0].counties[0].townships if t.slug == "jia")
    assert [(e.code, e.mode.value, e.scope) for e in jia.entries] == [("9900000000011", "服务窗口前移", ("走访登记",))]
