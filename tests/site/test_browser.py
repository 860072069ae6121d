"""The built site in Debian's Chromium, driven by Playwright, served from 127.0.0.1.

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.site.conftest import ARTIFACTS, PHONE, REPO, Watched, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> str:
    return serve(site_of("data"))


def _shot(page: Page, name: str, *, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_home_and_lookup_by_township(watched: Watched, base: str) -> None:
    page = watched.open(base)
    assert page.locator("#tc-lookup").is_visible()
    page.locator("#tc-town").select_option(label="西集镇")
    result = page.locator("#tc-result")
    assert result.locator("h4").all_inner_texts() == ["直接下放（5 项）", "下放实质性审核权（3 项）", "服务窗口前移（5 项）"]
    assert result.locator("li").count() == 13
    _shot(page, "home")
    watched.check(base)


def test_lookup_by_matter_with_the_keyboard(watched: Watched, base: str) -> None:
    page = watched.open(base)
    page.locator("#tc-town").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tc-item"
    page.keyboard.type("不动产登记")
    result = page.locator("#tc-result")
    assert result.locator("h3").inner_text() == "不动产登记（山亭区）：9 个乡镇可办"
    assert result.locator("li").count() == 9
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "查看办事指南"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}shanting/items/3700000715006/")
    watched.check(base)


@pytest.mark.parametrize(("matter", "code", "expected"), [
    ("不动产登记", "3700000715006", ["能办：西集镇可以办理“不动产登记”", "赋权方式：服务窗口前移", "谁作出决定：区自然资源局",
                                "区县保留：未登记。", "查看西集镇目录 · 查看“不动产登记”办事指南"]),
    ("异地就医", "3700002036027", ["能办：西集镇可以办理“基本医疗保险参保人员异地就医备案”", "赋权方式：直接下放（只含：转外就医备案）",
                        "谁作出决定：西集镇，以自己的名义", "区县保留：所列子项以外的部分仍由区医疗保障局办理。",
                        "查看西集镇目录 · 查看“基本医疗保险参保人员异地就医备案”办事指南"]),
])
def test_lookup_answers_a_township_and_a_matter(watched: Watched, base: str, matter: str, code: str, expected: list[str]) -> None:
    """Issue 14: "I live in 西集镇: can I get 不动产登记 done there, and who decides?" """
    page = watched.open(base)
    page.locator("#tc-town").select_option(label="西集镇")
    page.locator("#tc-item").fill(matter)
    answer = page.locator("#tc-result .tc-answer")
    assert answer.count() == 1
    assert [answer.locator("h3").inner_text(), *answer.locator("p").all_inner_texts()] == expected
    links = answer.locator("a").evaluate_all("(as) => as.map((a) => a.href)")
    assert links == [f"{base}shanting/townships/xiji/", f"{base}shanting/items/{code}/"]
    # Clearing the matter shows the township's whole catalog again.
    page.locator("#tc-item").fill("")
    assert page.locator("#tc-result li").count() == 13
    watched.check(base)


def test_without_javascript_home_links_every_township_and_matter(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    assert not page.locator("#tc-lookup").is_visible()
    links = page.locator("article a").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert len([h for h in links if "/townships/" in h]) == 9
    assert len([h for h in links if "/items/" in h]) == 13
    context.close()


@pytest.mark.parametrize(("query", "expected"), [("不动产登记", "shanting/items/3700000715006/"), ("西集镇", "shanting/townships/xiji/")])
def test_chinese_search(watched: Watched, base: str, query: str, expected: str) -> None:
    page = watched.open(f"{base}search/?q={query}")
    results = page.locator("#tc-search-results a")
    results.first.wait_for()
    hrefs = results.evaluate_all("(as) => as.map((a) => a.href)")
    assert any(h.startswith(base + expected) for h in hrefs), hrefs
    assert page.locator("#tc-search-results mark").count() > 0
    # The search ran on the site's own Pagefind index, fetched in chunks.
    assert [u for u in watched.requests if u.startswith(base + "pagefind/index/")]
    watched.check(base)


def _search(page: Page) -> tuple[list[str], list[str]]:
    """The results' links and excerpts, once the search has finished."""
    done = "() => { const t = document.querySelector('#tc-search-status').textContent; return t && !t.startsWith('正在'); }"
    page.wait_for_function(done)
    results = page.locator("#tc-search-results li")
    return results.locator("a").evaluate_all("(as) => as.map((a) => a.href)"), results.locator("p").all_inner_texts()


@pytest.mark.parametrize(("query", "top"), [
    # A township and a matter: both pages come first, before the pages that list everything.
    ("西集镇 不动产登记", {"shanting/townships/xiji/", "shanting/items/3700000715006/"}),
    ("3700000715006", {"shanting/items/3700000715006/"}),
])
def test_search_answers_township_and_matter_and_codes(watched: Watched, base: str, query: str, top: set[str]) -> None:
    hrefs, _ = _search(watched.open(f"{base}search/?q={query}"))
    assert top <= {h.removeprefix(base) for h in hrefs[:3]}, hrefs
    watched.check(base)


def test_search_finds_an_everyday_name(watched: Watched, site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> None:
    """房产证 is the 俗称 the (fictional) data gives 不动产登记: it comes first, not an item
    that merely shares the character 证."""
    base = serve(site_of("base"))
    hrefs, _ = _search(watched.open(f"{base}search/?q=房产证"))
    assert hrefs[0] == f"{base}shili/items/9900000000004/", hrefs
    watched.check(base)


def test_staff_guides_only_when_asked_and_never_yaml(watched: Watched, base: str) -> None:
    page = watched.open(f"{base}search/?q=暂不承接")
    hrefs, _ = _search(page)
    assert hrefs and not [h for h in hrefs if "/guides/" in h or h.endswith("/rules/")], hrefs
    page.locator("#tc-search-staff").check()
    hrefs, excerpts = _search(page)
    assert f"{base}guides/staff/" in hrefs, hrefs
    # The staff guide's YAML examples are not indexed: no excerpt shows a key of the data.
    assert not [e for e in excerpts if "code:" in e or "reason:" in e or "- code" in e], excerpts
    page.locator("#tc-search-input").press("Enter")
    assert page.url.endswith("staff=1")
    watched.check(base)


def test_search_from_the_home_page(watched: Watched, base: str) -> None:
    page = watched.open(base)
    page.locator("#tc-q").fill("西集镇")
    page.locator("#tc-q").press("Enter")
    page.wait_for_url(f"{base}search/?q=*")
    page.locator("#tc-search-results a").first.wait_for()
    assert page.locator("#tc-search-input").input_value() == "西集镇"
    _shot(page, "search")
    watched.check(base)


def test_township_and_item_pages(watched: Watched, base: str) -> None:
    page = watched.open(f"{base}shanting/townships/xiji/")
    assert page.locator("h1").inner_text() == "西集镇赋权事项目录"
    headings = ["三清单", "直接下放（5 项）", "下放实质性审核权（3 项）", "服务窗口前移（5 项）"]
    assert page.locator("article h2").all_inner_texts()[1:] == headings
    assert "区、镇同等受理权" in page.locator("article").inner_text()
    _shot(page, "township")
    page = watched.open(f"{base}shanting/items/3700000715006/")
    assert page.locator("h1").inner_text() == "不动产登记"
    assert page.locator("article table").nth(1).locator("tbody tr").count() == 10  # the county and nine townships
    _shot(page, "item")
    watched.check(base)


def test_phone(phone: Watched, base: str) -> None:
    page = phone.open(f"{base}shanting/townships/xiji/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("h1").is_visible()
    _shot(page, "phone-township", full=False)
    page = phone.open(base)
    page.locator("#tc-town").select_option(label="西集镇")
    assert page.locator("#tc-result li").count() == 13
    _shot(page, "phone-home", full=False)
    phone.check(base)


def test_escaping_every_page(browser: Browser, site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> None:
    site = site_of("escaping")
    base = serve(site)
    context = browser.new_context()
    watched = Watched(context.new_page())
    injected = """() => [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
        || ['IFRAME', 'MARQUEE', 'U'].includes(el.tagName)
        || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')
        || (el.tagName === 'SCRIPT' && el.textContent.includes('alert'))
        || (el.tagName === 'STYLE' && el.textContent.includes('display:none'))).map((el) => el.outerHTML)"""
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    for path in [*pages, "search/?q=alert"]:
        page = watched.page
        # Scripts and images in the page have run or failed by "load"; no need to wait for the network to idle.
        page.goto(base + ("" if path == "." else path if "?" in path else path + "/"), wait_until="load")
        assert page.evaluate(injected) == [], path
    page = watched.open(f"{base}evil/townships/evil/")
    assert "<script>alert('town')</script>镇" in page.locator("h1").inner_text()
    assert page.title().startswith("<script>alert('town')</script>镇")
    watched.check(base)
    context.close()


def test_lookup_says_from_when_an_entry_starts(
    watched: Watched, serve: Callable[[Path], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry starting after the data's last change: the answer gives its start date and
    where to go until then, not 能办 (fictional: 西桥镇 of tests/cases/base, a start in 2030)."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "测试员")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tester@example.invalid")
        monkeypatch.setenv(f"GIT_{who}_DATE", "2026-11-20T09:00:00+08:00")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "cases" / "base", root / "data")
    town = root / "data" / "shili" / "townships" / "xiqiao.yaml"
    text = town.read_text(encoding="utf-8")
    row = "    mode: 服务窗口前移\n    document: 示政发〔2024〕1号\n"
    town.write_text(text.replace(row, row + "    effective: 2030-01-01\n", 1), encoding="utf-8")
    assert town.read_text(encoding="utf-8") != text
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "fictional"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    base = serve(build_site(root / "data", tmp_path))
    page = watched.open(base)
    page.locator("#tc-town").select_option(label="西桥镇")
    page.locator("#tc-item").fill("不动产登记")
    answer = page.locator("#tc-result .tc-answer")
    assert [answer.locator("h3").inner_text(), *answer.locator("p").all_inner_texts()[:2]] == [
        "自 2030-01-01 起能办：西桥镇将可以办理“不动产登记”", "赋权方式：服务窗口前移", "在此之前请到示例县的县自然资源局办理。"]
    watched.check(base)
