"""Enforcement powers and the three lists (三清单) on the fictional enforcement-heavy county
of scenarios/zhifa (锦河区): lists by the item's nature, the downloads per list, the pages'
wording, and the township page at phone width in Chromium."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from generator.catalog import load_catalog
from generator.model import Item
from generator.site.tree import site_tree
from generator.site.views import CountyView
from tests.site.conftest import ARTIFACTS, SCENARIOS, TODAY, Watched

# Words that belong to applications: an enforcement entry never says them (申请行政复议 is the review route).
APPLICATION = re.compile(r"申请(?!行政复议)|材料|办事指南|受理|可以办理")


@pytest.fixture(scope="module")
def tree() -> dict[str, str | bytes]:
    catalog, problems = load_catalog(SCENARIOS / "zhifa", today=TODAY)
    assert problems == []
    return site_tree(catalog, today=TODAY)


@pytest.mark.parametrize(
    ("type_", "kind"),
    [
        *(
            (t, "审批服务")
            for t in (
                "行政许可",
                "行政确认",
                "行政给付",
                "行政征收",
                "行政奖励",
                "行政裁决",
                "行政备案",
                "公共服务",
                "其他行政权力",
                "其他",
            )
        ),
        *((t, "行政执法") for t in ("行政处罚", "行政强制", "行政检查")),
    ],
)
def test_an_item_belongs_to_a_list_by_its_type(type_: str, kind: str) -> None:
    assert Item("k", "事项", type_).list_kind == kind


def test_the_three_lists_count_each_township() -> None:
    catalog, _ = load_catalog(SCENARIOS / "zhifa", today=TODAY)
    view = CountyView(catalog.counties[0])
    counts = {town.name: [(name, n) for name, _, n in view.lists(town)] for town in view.county.townships}
    assert counts == {
        "山北乡": [("审批服务事项清单", 1), ("行政执法事项清单", 7), ("配合事项清单", 1)],
        "桥头镇": [("审批服务事项清单", 2), ("行政执法事项清单", 7), ("配合事项清单", 2)],
    }


def _sheet(data: str | bytes) -> list[list[object]]:
    assert isinstance(data, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


def test_each_list_downloads_in_the_attachment_layout(tree: dict[str, str | bytes]) -> None:
    rows = _sheet(tree["downloads/jinhe/qiaotou/zhifa.xlsx"])
    assert rows[:3] == [
        ["锦河区桥头镇行政执法事项清单（7项）"],
        ["序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注"],
        ["一、直接下放事项（3项）"],
    ]
    assert rows[3] == [
        1,
        "区城市管理局",
        "对在城市道路两侧擅自堆放物料行为的处罚",
        "行政处罚",
        "区县保留：重大行政处罚（拟罚款五万元以上）仍由区城市管理局实施",
    ]
    assert [r[0] for r in rows if len(r) == 1][1:] == [
        "一、直接下放事项（3项）",
        "二、委托事项（2项）",
        "三、下放实质性审核权事项（1项）",
        "四、服务窗口前移事项（1项）",
    ]
    assert _sheet(tree["downloads/jinhe/qiaotou/peihe.xlsx"]) == [
        ["锦河区桥头镇配合事项清单（2项）"],
        ["序号", "实施部门", "事项编码", "事项名称", "事项类型", "备注"],
        ["一、配合事项（2项）"],
        [
            1,
            "区自然资源局",
            "违法建设巡查发现和报告",
            "配合事项",
            "日常巡查，发现违法建设及时制止并报告区自然资源局；依据锦政办〔2024〕12号",
        ],
        [2, "区市场监督管理局", "配合开展食品安全事故调查", "配合事项", "依据锦政办〔2024〕12号"],
    ]
    assert _sheet(tree["downloads/jinhe/qiaotou/shenpi.xlsx"])[0] == ["锦河区桥头镇审批服务事项清单（2项）"]
    data = tree["downloads/jinhe/shanbei/zhifa.csv"]
    assert isinstance(data, bytes) and data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [
        "序号",
        "实施部门",
        "事项编码",
        "事项名称",
        "事项类型",
        "领域",
        "赋权方式",
        "范围",
        "依据文件",
        "生效日期",
        "区县保留",
    ]
    assert table[4] == [
        "4",
        "区市场监督管理局",
        "",
        "对食品小作坊、小餐饮违法生产经营行为的处罚",
        "行政处罚",
        "市场监管",
        "委托",
        "全部",
        "锦政〔2024〕8号",
        "2024-04-01",
        "重大行政处罚和涉及跨乡案件由区市场监督管理局实施",
    ]
    peihe = tree["downloads/jinhe/shanbei/peihe.csv"]
    assert isinstance(peihe, bytes)
    assert list(csv.reader(io.StringIO(peihe.decode("utf-8-sig")))) == [
        ["序号", "主责部门", "事项名称", "配合内容", "依据文件"],
        ["1", "区应急管理局", "森林防火巡查", "组织护林员巡查，发现火情立即报告", "锦政办〔2024〕12号"],
    ]


def _enforcement_part(page: str) -> str:
    """The township page from its first enforcement group to the 配合事项."""
    return page[page.index("## 行政执法 · ") : page.index("## 配合事项")]


def test_enforcement_pages_carry_no_application_wording(tree: dict[str, str | bytes]) -> None:
    for town in ("qiaotou", "shanbei"):
        assert APPLICATION.findall(_enforcement_part(str(tree[f"jinhe/townships/{town}.md"]))) == []
    for key in ("zf-001", "zf-002", "zf-003", "zf-004", "zf-005", "zf-006", "zf-007"):
        page = str(tree[f"jinhe/items/{key}.md"])
        assert APPLICATION.findall(page) == [], key
        assert "## 执法依据和方式" in page and "## 由谁执法" in page
    # An application item keeps its wording.
    assert "## 在哪里可以办" in str(tree["jinhe/items/sp-001.md"]) and "## 办事指南" in str(tree["jinhe/items/sp-001.md"])


def test_a_township_sets_aside_a_reserved_part_of_its_own(tree: dict[str, str | bytes]) -> None:
    page = str(tree["jinhe/townships/shanbei.md"])
    assert "区县保留：重大行政处罚和涉及跨乡案件由区市场监督管理局实施" in page
    assert "谁执法：山北乡，受区市场监督管理局委托，以区市场监督管理局的名义执法" in page
    # Equal acceptance is 山亭区's notice's (seed 004 一（三）): nothing binding 锦河区 says it.
    assert "同等受理权" not in page


def test_a_list_sets_aside_a_reserved_part_for_every_township_it_reaches(tree: dict[str, str | bytes]) -> None:
    """The list gives 违法占地建住宅 with what stays with the district (county.yaml, lists):
    every township it reaches says so, and the item's page lists it per township."""
    reserved = "区县保留：强制拆除违法建筑由区综合行政执法局组织实施"
    for town in ("qiaotou", "shanbei"):
        page = str(tree[f"jinhe/townships/{town}.md"])
        assert reserved in page, town
    item = str(tree["jinhe/items/zf-002.md"])
    assert item.count("| 强制拆除违法建筑由区综合行政执法局组织实施 |") == 2


def test_township_page_on_a_phone(phone: Watched, site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> None:
    base = serve(site_of("zhifa"))
    page = phone.open(base + "jinhe/townships/qiaotou/")
    lists = page.locator("table").filter(has_text="配合事项清单")
    rows = [r.split("\t")[:2] for r in lists.inner_text().splitlines()[1:]]
    assert rows == [["审批服务事项清单", "2 项"], ["行政执法事项清单", "7 项"], ["配合事项清单", "2 项"]]
    entry = page.locator("li").filter(has_text="对食品小作坊、小餐饮违法生产经营行为的处罚").first
    text = entry.inner_text()
    assert "谁执法：桥头镇，受区市场监督管理局委托，以区市场监督管理局的名义执法" in text
    assert "区县保留：重大行政处罚由区市场监督管理局实施" in text and "举报投诉：举报电话 12315" in text
    assert APPLICATION.findall(text) == []
    assert entry.bounding_box() is not None and entry.bounding_box()["width"] <= 390  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-enforcement-township.png"), full_page=True)
    phone.check(base)


def test_lookup_answers_an_enforcement_matter_and_narrows_by_list(
    watched: Watched, site_of: Callable[[str], Path], serve: Callable[[Path], str]
) -> None:
    base = serve(site_of("zhifa"))
    page = watched.open(base)
    page.locator("#tc-town").select_option(label="桥头镇")
    page.locator("#tc-kind").select_option(label="行政执法")
    assert page.locator("#tc-result h3").inner_text() == "锦河区桥头镇：行政执法 7 项"
    page.locator("#tc-item").fill("堆放物料")
    answer = page.locator("#tc-result .tc-answer")
    assert [answer.locator("h3").inner_text(), *answer.locator("p").all_inner_texts()] == [
        "由桥头镇执法：“对在城市道路两侧擅自堆放物料行为的处罚”",
        "执法方式：直接下放",
        "谁执法、以谁的名义：桥头镇，以自己的名义执法",
        "谁作出处理决定：桥头镇，以自己的名义作出，并承担法律责任",
        "区县保留：重大行政处罚（拟罚款五万元以上）仍由区城市管理局实施。",
        "查看桥头镇目录 · 查看“对在城市道路两侧擅自堆放物料行为的处罚”执法说明",
    ]
    assert APPLICATION.findall(answer.inner_text()) == []
    page.locator("#tc-kind").select_option(label="审批服务")
    assert page.locator("#tc-result").inner_text() == "没有找到名称含“堆放物料”的事项。"
    watched.check(base)


def test_search_narrows_to_one_list(watched: Watched, site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> None:
    """A matter page carries its list as the page's search meta; the 事项类别 choice keeps the other list's matter pages out."""
    base = serve(site_of("zhifa"))
    page = watched.open(f"{base}search/?q=区城市管理局")
    done = "() => { const t = document.querySelector('#tc-search-status').textContent; return t && !t.startsWith('正在'); }"
    page.wait_for_function(done)
    every = page.locator("#tc-search-results a").evaluate_all("(as) => as.map((a) => a.href)")
    assert f"{base}jinhe/items/zf-001/" in every and f"{base}jinhe/items/sp-002/" in every, every
    page.locator("#tc-search-kind").select_option("审批服务")
    page.wait_for_function("() => document.querySelector('#tc-search-status').textContent.includes('审批服务事项和其他页面')")
    narrowed = page.locator("#tc-search-results a").evaluate_all("(as) => as.map((a) => a.href)")
    assert f"{base}jinhe/items/sp-002/" in narrowed and not [h for h in narrowed if "/items/zf-" in h], narrowed
    watched.check(base)
