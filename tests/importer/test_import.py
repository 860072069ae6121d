"""``import`` of seed 004's attachment, built from the notice's text as XLSX and as DOCX: the
catalog it gives is data/shanting's in every fact the attachment holds; the site's own county
XLSX imports back to the same catalog; importing again changes no byte, a changed table is an
ordinary diff, and importing into data/shanting itself duplicates nothing."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.cli import main
from generator.site.views import CountyView
from generator.site.xlsx import county_xlsx
from tests.importer import attachment as seed

ROOT = Path(__file__).resolve().parents[2]
SHANTING = ROOT / "data" / "shanting"
TOWNSHIPS = ["--townships", ",".join(f"{name}={slug}" for name, slug in seed.TOWNSHIPS.items())]
# What the attachment does not hold, so an import leaves it out and the report lists it.
NOT_IN_ATTACHMENT = {"max_mode", "contact.phone", "contact.email", "service_center.name", "status"}


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()


def imported(tmp_path: Path, table: Path, *extra: str) -> tuple[int, str, Path]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    code, out = run("import", table, "--county", "shanting", "--data", data, *seed.DOCUMENT, *TOWNSHIPS, *extra)
    return code, out, data


def changed_fields(base: Path, head: Path) -> set[str]:
    """Every field and kind of change ``diff --format json`` reports between two data folders."""
    code, out = run("diff", base, head, "--format", "json")
    assert code == 0
    report = json.loads(out)
    found: set[str] = set()
    for county in report["counties"]:
        assert county["status"] == "changed"
        for document in county["documents"]:  # the attachment says nothing of a document's status
            assert document["status"] == "changed"
            found |= {f["field"] for f in document["fields"]}
        found |= {f["field"] for f in county["fields"]}
        for item in county["items"]:
            assert item["status"] == "changed"
            found |= {f["field"] for f in item["fields"]}
        for town in county["townships"]:
            assert town["status"] == "changed" and town["changes"] == []
            found |= {f["field"] for f in town["fields"]}
    return found


def shanting(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    shutil.copytree(SHANTING, base / "shanting")
    return base


BUILDERS: dict[str, Callable[[Path], Path]] = {"xlsx": seed.xlsx, "docx": seed.docx_file}


@pytest.mark.parametrize("kind", BUILDERS)
def test_the_seed_attachment_imports_to_shanting(tmp_path: Path, kind: str) -> None:
    table = BUILDERS[kind](tmp_path / f"附件.{kind}")
    code, out, data = imported(tmp_path, table)
    assert code == 0, out
    # Items, departments, townships, entries, modes and scopes are the same; only what the
    # attachment does not say differs.
    assert changed_fields(shanting(tmp_path), data) == NOT_IN_ATTACHMENT
    assert out.count("warning[import-missing]") == 13
    # The 13 import-missing above, and the 13 supervisor and 13 service-guide warnings of the real data.
    assert out.endswith("检查通过：没有错误；有 39 个警告，不影响通过，但请逐条看过。\n")


def test_the_report_and_the_files_name_their_source(tmp_path: Path) -> None:
    code, out, data = imported(tmp_path, seed.xlsx(tmp_path / "附件.xlsx"))
    assert code == 0
    first = out.splitlines()[1]
    assert first == (
        f"{tmp_path}/附件.xlsx:5:1: warning[import-missing]: 没有写 items/3700000117086.yaml 的 max_mode（最多赋权方式）："
        "表格不写法律允许的最多方式，页面会显示“未登记”，validate 报 ceiling-unknown；请按法律法规核实后补上。"
    )
    assert "写入 " in out and "：23 个文件有变化，0 个不变。" in out
    assert (data / "shanting" / "items" / "3700002036027.yaml").read_text(encoding="utf-8") == (
        "# 附件.xlsx，工作表“附件”第 6 行：由 import 读入（python -m generator import）\n"
        "code: 3700002036027\nname: 基本医疗保险参保人员异地就医备案\ntype: 公共服务\ndepartment: 区医疗保障局\n"
        "sub_items: [转外就医备案]\n"
    )
    assert (data / "shanting" / "townships" / "xiji.yaml").read_text(encoding="utf-8") == (
        "# 附件.xlsx，工作表“附件”第 20 行 A 列：承接单位“西集镇”，由 import 读入\nname: 西集镇\ntags: [双十镇]\n"
    )
    county = (data / "shanting" / "county.yaml").read_text(encoding="utf-8")
    assert "      # 附件.xlsx，工作表“附件”第 6 行：基本医疗保险参保人员异地就医备案\n      - code: 3700002036027\n" in county
    assert "  - title: 山亭区“双十镇”精准定向赋权事项清单（13项）\n" in county


def test_importing_again_changes_no_byte(tmp_path: Path) -> None:
    table = seed.xlsx(tmp_path / "附件.xlsx")
    _, _, data = imported(tmp_path, table)
    before = {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    code, out, _ = imported(tmp_path, table)
    assert code == 0
    assert "：0 个文件有变化，23 个不变。" in out
    assert {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))} == before


def test_importing_into_shanting_duplicates_nothing(tmp_path: Path) -> None:
    """data/shanting was typed by hand from the same notice: importing it there changes nothing."""
    base = shanting(tmp_path)
    before = {p: p.read_bytes() for p in sorted(base.rglob("*.yaml"))}
    table = seed.docx_file(tmp_path / "附件.docx")
    code, out = run("import", table, "--county", "shanting", "--data", base, "--document", "山政办发〔2021〕12号")
    assert code == 0, out
    assert "：0 个文件有变化，23 个不变。" in out
    assert {p: p.read_bytes() for p in sorted(base.rglob("*.yaml"))} == before


def test_a_changed_table_is_an_ordinary_diff(tmp_path: Path) -> None:
    _, _, data = imported(tmp_path, seed.xlsx(tmp_path / "附件.xlsx"))
    before = tmp_path / "before"
    shutil.copytree(data, before)
    # 医疗保险参保和变更登记 moves from 直接下放 to 服务窗口前移.
    moved = seed.ROWS[3]
    rows = [row for row in seed.ROWS if row is not moved]
    rows[0], rows[rows.index("三、服务窗口前移事项（5项）")] = "一、直接下放事项（4项）", "三、服务窗口前移事项（6项）"
    rows.append(moved)
    code, out, _ = imported(tmp_path, seed.xlsx(tmp_path / "新附件.xlsx", rows))
    assert code == 0, out
    # The list's entry changes where it stands, and says where it was read now.
    assert "：1 个文件有变化，22 个不变。\n  county.yaml\n" in out
    assert ("      # 新附件.xlsx，工作表“附件”第 19 行：医疗保险参保和变更登记\n      - code: 3700002036017\n        mode: 服务窗口前移\n"
            in (data / "shanting" / "county.yaml").read_text(encoding="utf-8"))
    code, shown = run("diff", before, data)
    assert "医疗保险参保和变更登记" in shown and "直接下放 → 服务窗口前移" in shown


def test_the_site_county_xlsx_imports_back(tmp_path: Path) -> None:
    catalog, _ = load_catalog(ROOT / "data")
    county = next(c for c in catalog.counties if c.slug == "shanting")
    table = tmp_path / "shanting.xlsx"
    table.write_bytes(county_xlsx(CountyView(county), "2024-01-01"))
    code, out, data = imported(tmp_path, table)
    assert code == 0, out
    assert changed_fields(shanting(tmp_path), data) == NOT_IN_ATTACHMENT
