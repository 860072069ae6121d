"""The generated Markdown: golden pages, the one escaping function, the lookup index
and the search dictionary.  Regenerate the goldens with UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import posixpath
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from markupsafe import Markup

from generator.catalog import load_catalog
from generator.markup import md
from generator.model import Catalog
from generator.site.lookup import lookup_index
from generator.site.tree import site_tree
from generator.urls import page_url, relative
from tests.conftest import CASES, overlay_data
from tests.site.conftest import REPO, SCENARIOS, TODAY

GOLDEN = Path(__file__).parent / "golden"


def _catalog(data: Path) -> Catalog:
    catalog, problems = load_catalog(data, today=TODAY)
    assert not [p for p in problems if p.severity.value == "error"]
    return catalog


@pytest.fixture(scope="module")
def real() -> dict[str, str | bytes]:
    return site_tree(_catalog(REPO / "data"), today=TODAY)


@pytest.fixture(scope="module")
def evil() -> dict[str, str | bytes]:
    return site_tree(_catalog(SCENARIOS / "escaping"), today=TODAY)


@pytest.fixture(scope="module")
def enforcement() -> dict[str, str | bytes]:
    return site_tree(_catalog(SCENARIOS / "zhifa"), today=TODAY)


@pytest.mark.parametrize(
    ("which", "page", "golden"),
    [
        ("real", "shanting/townships/xiji.md", "xiji.md"),
        ("real", "shanting/items/3700000715006.md", "3700000715006.md"),
        ("real", "shanting/notices/xiji.md", "xiji-notice.md"),
        ("evil", "evil/townships/evil.md", "escaping-township.md"),
        ("evil", "evil/items/X0001.md", "escaping-item.md"),
        # An enforcement entry in each mode and the 配合事项, on the township page; items delegated and entrusted.
        ("enforcement", "jinhe/townships/qiaotou.md", "zhifa-qiaotou.md"),
        ("enforcement", "jinhe/items/zf-001.md", "zhifa-zf-001.md"),
        ("enforcement", "jinhe/items/zf-003.md", "zhifa-zf-003.md"),
        ("enforcement", "jinhe/index.md", "zhifa-county.md"),
    ],
)
def test_golden_pages(which: str, page: str, golden: str, request: pytest.FixtureRequest) -> None:
    text = request.getfixturevalue(which)[page]
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_a_page_for_every_township_and_item(real: dict[str, str | bytes]) -> None:
    towns = [p for p in real if p.startswith("shanting/townships/")]
    items = [p for p in real if p.startswith("shanting/items/")]
    assert len(towns) == 9 and len(items) == 13
    assert "downloads/shanting.xlsx" in real and "schemas/township.schema.json" in real


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", "[x](javascript:alert(1))", "*a* _b_ `c`", "| a |", "{: onclick=x }", "a\n# b\n\n- c", "&lt;"],
)
def test_escape_leaves_no_markup(payload: str) -> None:
    out = md(payload)
    assert not set(out) & set("<>[]()*_`|{}\n\"'") and "&lt;" not in out
    assert "\n" not in out


def test_escape_keeps_the_text_and_passes_markup() -> None:
    assert md("西集镇 2021-06-28") == "西集镇 2021&#45;06&#45;28"
    assert md(Markup("<a>")) == "<a>"
    with pytest.raises(TypeError):
        md(None)


def test_front_matter_titles_are_escaped(evil: dict[str, str | bytes]) -> None:
    page = str(evil["evil/townships/evil.md"])
    meta = yaml.safe_load(page.split("---")[1])
    assert meta["title"] == "&#60;script&#62;alert&#40;&#39;town&#39;&#41;&#60;&#47;script&#62;镇赋权事项目录"


def test_generated_pages_stay_out_of_the_nav(real: dict[str, str | bytes]) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert not [p for p in real if p.endswith(".md") and "/" in p and p in config]


def test_lookup_index() -> None:
    data = json.loads(lookup_index(_catalog(REPO / "data"), today=TODAY))
    xiji = next(t for t in data["townships"] if t["name"] == "西集镇")
    assert xiji["url"] == "shanting/townships/xiji/"
    modes = Counter(data["modes"][mode] for _, mode, *_ in xiji["entries"])
    assert modes == {"直接下放": 5, "下放实质性审核权": 3, "服务窗口前移": 5}
    land = next(n for n, i in enumerate(data["items"]) if i["name"] == "不动产登记")
    assert sum(e[0] == land for t in data["townships"] for e in t["entries"]) == 9


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("c/items/1.md", "c/changes/t.md"),
        ("c/townships/t.md", "c/changes/index.md"),
        ("c/feed.xml", "c/changes/index.md"),
        ("changes.md", "changes.md"),
        ("c/changes/index.md", "changes.md"),
        ("changes.md", "c/townships/t.md"),
        ("c/index.md", "c/index.md"),
        ("cc/index.md", "c/index.md"),
        ("c/x/y/z.md", "c/x/w.md"),
        ("c/x", "c/x/index.md"),
    ],
)
def test_relative_links_are_those_of_relpath(path: str, page: str) -> None:
    assert relative(path, page) == posixpath.relpath(path, posixpath.dirname(page) or ".")


def test_page_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("shanting/index.md") == "shanting/"
    assert page_url("shanting/items/1.md", directory_urls=False) == "shanting/items/1.html"


def test_tree_is_deterministic() -> None:
    assert site_tree(_catalog(REPO / "data"), today=TODAY) == site_tree(_catalog(REPO / "data"), today=TODAY)


def test_rule_reference_has_an_anchor_for_every_rule_id(site_of: Callable[[str], Path]) -> None:
    """An error line's rule id can be looked up on the rule reference page."""
    from generator.rules import RULES

    html = (site_of("data") / "rules" / "index.html").read_text(encoding="utf-8")
    assert [rid for rid in RULES if f'id="{rid}"' not in html] == []


def test_a_refusal_is_shown_with_its_reason(tmp_path: Path) -> None:
    """A claimed item the county declined to delegate: on the county page and the township's, with its reason and document."""
    data = overlay_data(CASES / "valid" / "refused-with-reason", tmp_path)
    tree = site_tree(load_catalog(data, today=TODAY)[0], today=TODAY)
    county, town = str(tree["shili/index.md"]), str(tree["shili/townships/dongcun.md"])
    reason = "需全县统一审核，乡镇暂不具备条件 | 示政办发〔2024〕9号 |"
    assert f"| [再生育审批](items/9900000000003.md) | [东村镇](townships/dongcun.md) | {reason}" in county.splitlines()
    assert "## 不予赋权（1 项）" in town.splitlines()
    assert "| [再生育审批](../items/9900000000003.md) | 需全县统一审核，乡镇暂不具备条件 | 示政办发〔2024〕9号 |" in town.splitlines()


def test_a_filing_without_a_number_says_so(tmp_path: Path) -> None:
    """The county page states the catalog's 备案 as recorded; its number, not given, is 未登记."""
    data = overlay_data(CASES / "valid" / "filing-recorded", tmp_path)
    county = str(site_tree(load_catalog(data, today=TODAY)[0], today=TODAY)["shili/index.md"])
    assert "目录向社会公布：未登记。目录备案：2024&#45;03&#45;10 报示例市人民政府备案，备案编号 未登记。" in county.splitlines()


_SHANTING = "山亭区人民政府办公室《关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知》（山政办发〔2021〕12号）"
_SHANGRAO_DRAFT = "《上饶市推进乡镇（街道）赋权工作实施方案（征求意见稿）》（江西省上饶市）是征求意见稿，不约束任何区县"


@pytest.mark.parametrize(
    ("rule", "scope"),
    [
        ("service&#45;guide", f"{_SHANTING}约束的山东省枣庄市山亭区；{_SHANGRAO_DRAFT}"),
        ("filing", _SHANGRAO_DRAFT),
        ("publication", _SHANGRAO_DRAFT),
    ],
)
def test_the_rule_reference_names_the_notices_that_can_bind_a_duty(real: dict[str, str | bytes], rule: str, scope: str) -> None:
    """A duty only some notices ask for: its rule says which notices bind where, and how another county adopts it."""
    section = str(real["rules.md"]).split(f"\n## {rule}：")[1].split("\n## ")[0]
    assert (f"- 适用范围：{scope}。其他区县用本县文件采用这条规则的，在 county.yaml 的 policy 下写 adopts，"
            f"如“{rule}: 本县文号”") in section.splitlines()
