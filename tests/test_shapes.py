"""The real shapes of a catalog (tests/shapes/, fictional): each data folder gives exactly
its expected validate output, and builds with MkDocs into the pages its shape needs.
Regenerate the expected outputs with UPDATE_GOLDEN=1, then read the differences."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import TODAY, run_cli
from tests.site.conftest import build_site
from tests.site.dom import Element, page

SHAPES = Path(__file__).parent / "shapes"
SCENARIOS = ("anhui", "gansu", "guanwei", "jiangxi")
# The guide catalog (指导目录) each scenario's counties adopt.
GUIDES = {"anhui": "wan-2022", "gansu": "gan-2023", "jiangxi": "xu-2025"}


@pytest.mark.parametrize("name", SCENARIOS)
def test_validate_gives_the_expected_output(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(SHAPES / name)
    code, out, err = run_cli(capsys, "validate", "data", "--today", TODAY)
    expected = SHAPES / name / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(out, encoding="utf-8")
    assert (out, err) == (expected.read_text(encoding="utf-8"), "")
    assert "error[" not in out and code == 0


def test_every_yaml_file_says_it_is_fictional() -> None:
    for path in sorted(SHAPES.rglob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# 虚构数据，仅供测试。"), path
    for folder in sorted(p for p in SHAPES.iterdir() if p.is_dir()):
        assert "虚构" in (folder / "README.md").read_text(encoding="utf-8"), folder


@pytest.fixture(scope="module")
def site_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The site ``mkdocs build`` makes of a scenario, built once.  The data is copied out
    of the repository first, so that the build does not depend on its git history."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            out = tmp_path_factory.mktemp(name)
            data = shutil.copytree(SHAPES / name / "data", out / "data")
            built[name] = build_site(data, out)
        return built[name]

    return site


def _rows(root: Element) -> list[tuple[str, ...]]:
    """Every table row of a page, as the texts of its cells."""
    return [tuple(cell.text for cell in tr.iter() if cell.tag in ("td", "th")) for tr in root.find_all("tr")]


def _main_text(root: Element) -> str:
    return next(e for e in root.iter() if e.tag == "article").text


@pytest.mark.parametrize("name", sorted(GUIDES))
def test_the_guide_page_is_built(name: str, site_of: Callable[[str], Path]) -> None:
    site = site_of(name)
    guide = page(site / "guide-catalogs" / GUIDES[name] / "index.html")
    # The 类别 column (基本盘 / 自选) only where the guide has baseline items.
    split = ("类别",) if name == "anhui" else ()
    assert ("序号", "事项名称", "事项编码", "类型", "部门或领域", *split, "赋权上限", "采用的区县", "承接乡镇") in _rows(guide)
    for county in sorted(p.name for p in (SHAPES / name / "data").iterdir() if (p / "county.yaml").is_file()):
        assert (site / county / "index.html").is_file(), county


def test_jiangxi_guide_pages_link_the_editions(site_of: Callable[[str], Path]) -> None:
    site = site_of("jiangxi")
    new = page(site / "guide-catalogs" / "xu-2025" / "index.html")
    old = page(site / "guide-catalogs" / "xu-2020" / "index.html")
    older = "虚构省赋予乡镇（街道）首批县级审批服务执法权限指导目录"
    assert f"本版替代了旧版：{older}。" in _main_text(new)
    assert [a.attrs["href"] for a in new.find_all("a") if a.text == older] == ["../xu-2020/"]
    assert "本版已被新版替代：虚构省赋予乡镇（街道）县级审批服务执法权限指导目录（2025年版）。" in _main_text(old)
    assert "还没有区县采用本目录。" in _main_text(old)
    rows = _rows(new)
    assert ("东虚县", "3", "18", "—", "不要求") in rows
    assert ("南虚县", "2", "12", "—", "不要求") in rows
    assert ("西虚县", "2", "11", "—", "不要求") in rows
    assert ("6", "农村危房改造补助资金给付", "未公布", "行政给付", "县住房和城乡建设局", "下放实质性审核权", "3", "6") in rows


def test_anhui_guide_page_counts_the_baseline(site_of: Callable[[str], Path]) -> None:
    rows = _rows(page(site_of("anhui") / "guide-catalogs" / "wan-2022" / "index.html"))
    # 湾虚区: 3 townships × 4 baseline items, one declined with approval and swapped.
    assert ("湾虚区", "3", "16", "11 / 12", "不要求") in rows
    assert ("泾虚县", "2", "9", "8 / 8", "不要求") in rows
    assert ("3", "乡村医生执业注册", "9934000000203", "行政许可", "县卫生健康委员会", "基本盘", "委托", "2", "4") in rows


def test_gansu_item_without_code_or_ceiling(site_of: Callable[[str], Path]) -> None:
    site = site_of("gansu")
    rows = _rows(page(site / "guxu" / "items" / "gs-001" / "index.html"))
    assert ("事项编码", "未公布") in rows
    assert ("赋权上限", "未登记（没有登记法律允许的最多赋权方式）") in rows
    assert ("领域", "生态环境保护") in rows
    guide = _rows(page(site / "guide-catalogs" / "gan-2023" / "index.html"))
    assert ("1", "对在禁止区域内露天焚烧秸秆的处罚", "未公布", "行政处罚", "生态环境保护", "未登记", "1", "4") in guide


def test_guanwei_receivers_and_levels(site_of: Callable[[str], Path]) -> None:
    site = site_of("guanwei")
    town = _main_text(page(site / "xubei" / "townships" / "xingfu" / "index.html"))
    assert "幸福街道承接虚北区 3 项行政权力事项（一镇一目录）。承接主体类型：街道。由虚北经济开发区管委会代管。" in town
    committee = _main_text(page(site / "xubei" / "townships" / "kaifaqu" / "index.html"))
    assert "虚北经济开发区管委会承接虚北区 4 项行政权力事项（一镇一目录）。承接主体类型：管委会。" in committee
    rows = _rows(page(site / "xubei" / "items" / "sz-001" / "index.html"))
    assert ("事项编码", "未公布") in rows
    assert ("实施编码", "11362300MB0000000X400011702500001") in rows
    assert ("实施主体编码", "11362300MB0000000X") in rows
