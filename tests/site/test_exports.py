"""Exports: JSON against its schema, CSV for Excel, XLSX in the official layout."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import jsonschema
import openpyxl
import pytest

from generator.catalog import load_catalog
from generator.model import Catalog
from generator.site import exports
from generator.site.tree import catalog_date, site_tree
from tests.site.conftest import REPO, SCENARIOS, TODAY


@pytest.fixture(scope="module", params=["data", "base", "escaping"])
def catalog(request: pytest.FixtureRequest) -> Catalog:
    data = {"data": REPO / "data", "base": REPO / "tests" / "cases" / "base"}.get(request.param, SCENARIOS / request.param)
    return load_catalog(data, today=TODAY)[0]


def test_json_follows_its_schema(catalog: Catalog) -> None:
    schema = json.loads(exports.export_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    whole = json.loads(exports.catalog_json(catalog))
    jsonschema.validate(whole, schema)
    for county in catalog.counties:
        jsonschema.validate(json.loads(exports.county_json(county)), schema)
    towns = [t for c in whole["counties"] for t in c["townships"]]
    assert sum(len(t["entries"]) for t in towns) == sum(len(t.entries) for c in catalog.counties for t in c.townships)


def test_a_county_file_gives_back_what_it_was_made_from(catalog: Catalog) -> None:
    """An incremental build reads an unchanged county's text and rows back from its files."""
    for county in catalog.counties:
        assert exports.text_of_county_json(exports.county_json(county)) == exports.county_text(county)
        assert exports.rows_of_county_csv(exports.catalog_csv((county,))) == exports.county_rows(county)
    assert exports.text_of_county_json(exports.catalog_json(catalog)) is None
    assert exports.rows_of_county_csv(b"\xef\xbb\xbf\xe5\x8e\xbf") is None


def test_json_is_written_as_json_dumps_indents_it(catalog: Catalog) -> None:
    # The exports have their own encoder (speed); its text must be json's, byte for byte.
    for text in [exports.catalog_json(catalog), *(exports.county_json(c) for c in catalog.counties)]:
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_csv_opens_in_excel_and_runs_no_formula(catalog: Catalog) -> None:
    raw = exports.catalog_csv(catalog.counties)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == exports.CSV_HEADER
    assert len(rows) - 1 == sum(len(t.entries) + len(t.declined) + len(t.withdrawn) for c in catalog.counties for t in c.townships)
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]


# Each column means one thing: the columns a row of each state may fill, by name.
STATE_COLUMNS = {
    "承接": {"赋权方式", "范围", "依据文件", "生效日期"},
    "暂不承接": {"批准文件", "预计承接日期", "原因"},
    "已收回": {"收回文件", "收回日期", "原因"},
}


def test_csv_columns_each_mean_one_thing(catalog: Catalog) -> None:
    rows = list(csv.DictReader(io.StringIO(exports.catalog_csv(catalog.counties).decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "县区", "乡镇", "状态", "赋权方式", "实施部门", "事项编码", "事项名称", "事项类型", "范围",
        "依据文件", "生效日期", "批准文件", "预计承接日期", "收回文件", "收回日期", "原因",
    ]
    others = set().union(*STATE_COLUMNS.values())
    for row in rows:
        assert {name for name in others if row[name]} <= STATE_COLUMNS[row["状态"]], row
        assert row["状态"] != "承接" or (row["依据文件"] and row["范围"])
    assert {row["状态"] for row in rows} == ({"承接"} if catalog.counties[0].slug == "shanting" else set(STATE_COLUMNS))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"])
def test_formula_cells_are_neutralized(text: str) -> None:
    assert exports._cell(text) == "'" + text
    assert exports._cell("西集镇") == "西集镇"


def _sheet(data: bytes) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_township_xlsx_has_the_official_layout() -> None:
    catalog = load_catalog(REPO / "data", today=TODAY)[0]
    rows = _sheet(site_tree(catalog, today=TODAY)["downloads/shanting/xiji.xlsx"])  # type: ignore[arg-type]
    assert rows[0][0] == "山亭区西集镇赋权事项目录（承接13项）"  # the page: 西集镇承接山亭区 13 项
    assert rows[1] == ("序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注")
    headings = [r[0] for r in rows if isinstance(r[0], str) and "、" in r[0]]
    assert headings == ["一、直接下放事项（5项）", "二、下放实质性审核权事项（3项）", "三、服务窗口前移事项（5项）"]
    assert rows[3] == (1, "区行政审批服务局", "3700000117086", "在城市建筑物、设施上张挂、张贴宣传品审批", "行政许可", None)
    assert rows[4][5] == "下放“转外就医备案”"
    county = _sheet(site_tree(catalog, today=TODAY)["downloads/shanting.xlsx"])  # type: ignore[arg-type]
    # The attachment's own title and 注, as 山政办发〔2021〕12号 prints them.
    assert county[0][0] == "山亭区“双十镇”精准定向赋权事项清单（13项）"
    note = "注：“双十镇”赋权事项承接单位分别为西集镇、桑村镇、城头镇、冯卯镇、店子镇、水泉镇、徐庄镇、北庄镇、凫城镇。"
    assert county[-1] == (note, *(None,) * 5)
    assert county[2:-1] == rows[2:]  # all nine townships alike: the county list is the attachment


def test_a_township_xlsx_counts_declined_and_withdrawn_items_apart() -> None:
    """Its title says what the township page says: 承接 1 项, and 暂不承接 and 已收回 apart."""
    tree = site_tree(load_catalog(REPO / "tests" / "cases" / "base", today=TODAY)[0], today=TODAY)
    rows = _sheet(tree["downloads/shili/xiqiao.xlsx"])  # type: ignore[arg-type]
    assert rows[0][0] == "示例县西桥镇赋权事项目录（承接1项，暂不承接1项，已收回1项）"
    headings = [r[0] for r in rows if isinstance(r[0], str) and "、" in r[0]]
    assert headings == ["一、服务窗口前移事项（1项）", "二、暂不承接事项（1项）", "三、已收回事项（1项）"]
    assert "西桥镇承接示例县 1 项行政权力事项" in str(tree["shili/townships/xiqiao.md"])


def test_xlsx_keeps_formulas_as_text_and_is_reproducible() -> None:
    catalog = load_catalog(SCENARIOS / "escaping", today=TODAY)[0]
    first, second = site_tree(catalog, today=TODAY), site_tree(catalog, today=TODAY)
    data = first["downloads/evil/evil.xlsx"]
    assert isinstance(data, bytes) and data == second["downloads/evil/evil.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time[:3] for i in archive.infolist()} == {(2024, 3, 1)}
        assert catalog_date(catalog) == "2024-03-01"
        assert b"2024-03-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_the_downloads_page_says_which_file_keeps_codes_as_text() -> None:
    """The XLSX does (every code cell is a string); a CSV opened in Excel does not, and the
    page says so and how to import it instead; the CSV itself holds each code as written."""
    catalog = load_catalog(REPO / "data", today=TODAY)[0]
    tree = site_tree(catalog, today=TODAY)
    page = str(tree["downloads.md"])
    assert "- **Excel 格式（.xlsx）的文件把事项编码存为文本**，直接打开就是原样。" in page
    assert "- **CSV 文件用 Excel 双击打开时，Excel 会把 13 位的事项编码当作数字**，显示成 3.7E+12 这样的科学计数法" in page
    assert "在 Excel 里请用“数据 → 从文本/CSV”导入，把“事项编码”列设为“文本”再加载" in page
    codes = [row[2] for row in _sheet(tree["downloads/shanting.xlsx"])[2:] if isinstance(row[0], int)]  # type: ignore[arg-type]
    assert len(codes) == 13 and all(isinstance(code, str) and len(code) == 13 for code in codes)
    listed = list(csv.DictReader(io.StringIO(bytes(tree["downloads/shanting.csv"]).decode("utf-8-sig"))))  # type: ignore[arg-type]
    assert {row["事项编码"] for row in listed} == {item.code for item in catalog.counties[0].items}
