"""The lifecycle scenario (tests/site/scenarios/lifecycle, fictional): one county with a basis
chain, a draft that nothing rests on, a replaced decision an entry still rests on, an entry
not yet in force, one in its transition period, a refusal with its written reason, and the
catalog's 备案 and publication.  It is committed to a real git repository, so that its pages
have their 最后更新; 尚未实施 and 过渡期 are as of TODAY, the day the site is built; its pages are golden files,
each fact is checked on the page that states it, and validate prints exactly what the data
asks for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.history.changelog import change_log
from generator.site.tree import site_tree
from tests.conftest import TODAY, run_cli
from tests.history.conftest import REPO, Repo, assert_golden

SCENARIO = REPO / "tests" / "site" / "scenarios" / "lifecycle"
NUMBER = ", number: 示市审改备〔2024〕12号}"
PAGES = ("index.md", "documents.md", "townships/dongpo.md", "townships/xihe.md", "items/9500000000003.md")


def _commit(repo: Repo) -> None:
    """The scenario as imported (2026-11-02, the township and item pages' 最后更新), then its filing
    number added (2026-11-20, the county's)."""
    shutil.copytree(SCENARIO, repo.root / "data")
    repo.edit("licheng/county.yaml", NUMBER, "}")
    repo.commit("Import 历程县", "2026-11-02T09:00:00+08:00")
    repo.edit("licheng/county.yaml", "date: 2024-03-20}", "date: 2024-03-20" + NUMBER)
    repo.commit("历程县：补录目录备案编号", "2026-11-20T09:00:00+08:00")


@pytest.fixture
def tree(repo: Repo) -> dict[str, str | bytes]:
    _commit(repo)
    catalog, problems = load_catalog(repo.root / "data", today=TODAY)
    assert [p.rule for p in problems] == ["document-repealed"]
    return site_tree(catalog, change_log(repo.root, Path("data")), today=TODAY)


@pytest.mark.parametrize("page", PAGES)
def test_golden_pages(tree: dict[str, str | bytes], page: str) -> None:
    assert_golden(f"lifecycle/{page.replace('/', '--')}", str(tree[f"licheng/{page}"]))


def _lines(tree: dict[str, str | bytes], page: str) -> list[str]:
    return str(tree[f"licheng/{page}"]).splitlines()


def test_the_documents_page_gives_each_documents_standing(tree: dict[str, str | bytes]) -> None:
    lines = _lines(tree, "documents.md")
    # The basis chain: the county's decisions rest on the city's plan, which rests on the province's decision.
    assert "示例市人民政府办公室，2023&#45;09&#45;01。状态：正式。依据：示省政〔2023〕8号。" in lines
    assert "历程县人民政府，2025&#45;05&#45;01。状态：正式。依据：示市政办〔2023〕20号。" in lines
    # Replaced, with what still rests on it.
    assert "历程县人民政府，2024&#45;03&#45;01。状态：正式；已被历政发〔2025〕4号替代。依据：示市政办〔2023〕20号。" in lines
    assert "| [城乡居民医疗保险参保登记](items/9500000000002.md) | 委托 | 全部 | 东坡镇 |" in lines
    # The draft, which nothing rests on.
    draft = lines.index("## 历政办〔2026〕3号")
    assert lines[draft + 4:draft + 7] == [
        "历程县人民政府办公室，2026&#45;10&#45;15。状态：征求意见稿（不是生效的决定）。", "", "本目录中没有依据这份文件的事项。"]


def test_the_county_page_states_the_filing_the_publication_and_the_refusal(tree: dict[str, str | bytes]) -> None:
    lines = _lines(tree, "index.md")
    url = "https&#58;&#47;&#47;example&#46;invalid&#47;licheng&#47;catalog"
    assert (f"目录向社会公布：2024&#45;03&#45;15（<a href=\"{url}\">公布的网址</a>）。"
            "目录备案：2024&#45;03&#45;20 报示例市人民政府备案，备案编号 示市审改备〔2024〕12号。") in lines
    assert ("| [农药经营许可](items/9500000000005.md) | [西河乡](townships/xihe.md) | 须配备专业检测设备和持证人员，全县统一办理 "
            "| 历政办函〔2025〕7号 |") in lines


def test_the_township_pages_say_what_is_not_yet_in_force_in_transition_or_refused(tree: dict[str, str | bytes]) -> None:
    dongpo = _lines(tree, "townships/dongpo.md")
    # Listed with from when, not as a place to apply now; its entry says where to go until then.
    assert ("在东坡镇可以办理：户外广告设施设置审批；城乡居民医疗保险参保登记；农机购置补贴申领（2027&#45;01&#45;01 起）；"
            "农村村民宅基地审批。") in dongpo
    assert "    **尚未实施**：自 2027&#45;01&#45;01 起实施，在此之前请到历程县的县农业农村局办理  " in dongpo
    assert "    **过渡期**：至 2027&#45;03&#45;31，此前已受理的仍由历程县的县农业农村局办结  " in dongpo
    # The entry still rests on a replaced decision (document-repealed warns): the page says so.
    assert "    依据历政发〔2024〕1号（2024&#45;03&#45;01，已被历政发〔2025〕4号替代），起始日期未写明  " in dongpo
    xihe = _lines(tree, "townships/xihe.md")
    assert "## 不予赋权（1 项）" in xihe
    assert "| [农药经营许可](../items/9500000000005.md) | 须配备专业检测设备和持证人员，全县统一办理 | 历政办函〔2025〕7号 |" in xihe


def test_the_item_page_says_from_when(tree: dict[str, str | bytes]) -> None:
    lines = _lines(tree, "items/9500000000003.md")
    assert ("农机购置补贴申领，事项编码 9500000000003，由县农业农村局（历程县）实施；"
            "可以在 1 个乡镇办理：东坡镇（2027&#45;01&#45;01 起）。") in lines
    assert "共 1 个乡镇可以办理（其中 1 个尚未实施）；历程县的县农业农村局也可以办理。" in lines
    assert "| [东坡镇](../townships/dongpo.md) | 下放实质性审核权 | 全部 | 2027&#45;01&#45;01（尚未实施） |" in lines
    # One in its transition period is a place to apply: what the county received before, it finishes.
    assert "| [东坡镇](../townships/dongpo.md) | 直接下放 | 全部 | 2025&#45;06&#45;01 |" in _lines(tree, "items/9500000000004.md")


def test_the_export_and_the_diff_carry_the_filing(tree: dict[str, str | bytes], capsys: pytest.CaptureFixture[str]) -> None:
    county = json.loads(tree["downloads/licheng.json"])["county"]
    assert county["filed"] == {"to": "示例市人民政府", "date": "2024-03-20", "number": "示市审改备〔2024〕12号"}
    assert county["published"] == {"date": "2024-03-15", "url": "https://example.invalid/licheng/catalog"}
    code, out, _ = run_cli(capsys, "diff", "HEAD~1", "HEAD")
    assert code == 0 and "  - 区县信息：目录备案编号：（未写） → 示市审改备〔2024〕12号" in out.splitlines()


def test_validate_prints_exactly_the_replaced_basis(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """The draft nothing rests on, the duties the county adopted (filing, publication, both met) and the
    refusal raise nothing; the entry on the replaced decision is the one warning."""
    _commit(repo)
    assert run_cli(capsys, "validate", "data", "--today", TODAY) == (0, (
        "data/licheng/townships/dongpo.yaml:11:15: warning[document-repealed]: 事项 9500000000002 依据的“历政发〔2024〕1号”"
        "已被历政发〔2025〕4号替代：请按现行文件更新这一条的 document（历政发〔2025〕4号），或者把它移到 withdrawn。\n"
        "检查通过：没有错误；有 1 个警告，不影响通过，但请逐条看过。\n"), "")
