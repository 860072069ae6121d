"""The site's browser tests on a sample of a built site's pages: checks that hold for any
site the generator builds, their expected values read from the data the site was built
from, in Debian's Chromium served from 127.0.0.1.

The sample is chosen from the catalog and is the same every run: the first, middle and
last county, and in each the first, middle and last township and item.  On each page:
no console error, no dialog, no request off the site; the home page lists every
township, and the lookup or the search form as the catalog's size calls for; a county
page counts its townships and items; a township page shows its name and exactly its
delegated items, grouped by mode, then those it declined or gave back; an item page
lists exactly the townships that handle it.  Searching a township's name finds its page;
a township and an item page fit a phone's width; axe-core finds no serious or critical
violation.

By default on the fictional base counties (tests/cases/base), built by the link and
round-trip tests too.  On a site built beforehand, e.g. the benchmark's province:

    .venv/bin/python -m pytest tests/site/test_sample.py \\
        --sample-site bench/out/province/site --sample-data bench/out/province/data
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from generator.catalog import load_catalog
from generator.model import Catalog, County, Item, Mode, Township
from generator.problems import Severity
from generator.site.pages import HOME_ITEMS
from tests.site.axecore import violations
from tests.site.conftest import PHONE, REPO, TODAY, Watched
from tests.site.dom import seen

pytestmark = pytest.mark.browser

BASE_DATA = REPO / "tests" / "cases" / "base"
T = TypeVar("T")


def spread(things: tuple[T, ...] | list[T], n: int = 3) -> list[T]:
    """Up to ``n`` of ``things``, evenly spaced: the first, ..., the last."""
    if len(things) <= n:
        return list(things)
    return [things[round(k * (len(things) - 1) / (n - 1))] for k in range(n)]


@dataclass(frozen=True)
class Sample:
    catalog: Catalog
    counties: list[County]
    townships: list[tuple[County, Township]]
    items: list[tuple[County, Item]]

    @property
    def list_items(self) -> bool:
        """Whether the home page lists every item (and has the lookup), as a small catalog's does."""
        return sum(len(county.items) for county in self.catalog.counties) <= HOME_ITEMS


@cache
def sample_of(data: Path) -> Sample:
    catalog, problems = load_catalog(data, today=TODAY)
    errors = [p.line() for p in problems if p.severity is Severity.ERROR]
    assert errors == [], "a site is only built from data without errors"
    counties = spread(catalog.counties)
    return Sample(
        catalog,
        counties,
        [(county, town) for county in counties for town in spread(county.townships)],
        [(county, item) for county in counties for item in spread(county.items)],
    )


def _options(config: pytest.Config) -> tuple[Path | None, Path]:
    site, data = config.getoption("sample_site"), config.getoption("sample_data")
    if (site is None) != (data is None):
        raise pytest.UsageError("--sample-site and --sample-data go together: a built site and the data folder it was built from")
    return site, data or BASE_DATA


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each sampled page its own test, named after it (county/township, county/item code)."""
    sample = sample_of(_options(metafunc.config)[1])
    towns = [((c, t), f"{c.slug}/{t.slug}") for c, t in sample.townships]
    items = [((c, i), f"{c.slug}/{i.code}") for c, i in sample.items]
    # Search and the phone: the first sampled township (and item) of each sampled county.
    first_towns = [next(p for p in towns if p[0][0] is c) for c in sample.counties if c.townships]
    first_items = [next(p for p in items if p[0][0] is c) for c in sample.counties if c.items]
    params: dict[str, Sequence[tuple[object, str]]] = {
        "county": [(c, c.slug) for c in sample.counties],
        "township": towns,
        "item": items,
        "searched": first_towns,
        "on_phone": [*first_towns, *first_items],
    }
    for name, pairs in params.items():
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, [value for value, _ in pairs], ids=[id_ for _, id_ in pairs])


# The site and its pages ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(request: pytest.FixtureRequest) -> Sample:
    return sample_of(_options(request.config)[1])


@pytest.fixture(scope="module")
def base(request: pytest.FixtureRequest, site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> str:
    site = _options(request.config)[0]
    if site is None:
        return serve(site_of("base"))
    assert (site / "index.html").is_file() and (site / "pagefind").is_dir(), f"{site} is not a site built with its search index"
    return serve(site)


@pytest.fixture
def visit(request: pytest.FixtureRequest, base: str) -> Callable[[str], str]:
    """The URL of a page of the site; the page is recorded in the test's report
    (``page`` properties of its JUnit XML), so a run can say how many pages it checked."""

    def url(path: str) -> str:
        request.node.user_properties.append(("page", path))
        return base + quote(path, safe="/?=")

    return url


def township_page(county: County, town: Township) -> str:
    return f"{county.slug}/townships/{town.slug}/"


def item_page(county: County, code: str) -> str:
    return f"{county.slug}/items/{code}/"


TABLES = """() => [...document.querySelectorAll('article table')].map((t) => ({
    head: [...t.querySelectorAll('thead th')].map((th) => th.innerText),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((td) => td.innerText)),
}))"""


def table(page: Page, *head: str) -> list[list[str]]:
    """The rows of the article's one table with these column headings, as a reader sees them."""
    found = [t["rows"] for t in page.evaluate(TABLES) if [seen(h) for h in t["head"]] == list(head)]
    assert len(found) == 1, f"{len(found)} tables headed {head}"
    return [[seen(cell) for cell in row] for row in found[0]]


def links(page: Page, selector: str) -> list[tuple[str, str]]:
    """(text, absolute URL) of each link the selector finds, in document order."""
    found = page.locator(selector).evaluate_all("(as) => as.map((a) => [a.innerText, a.href])")
    return [(seen(text), href) for text, href in found]


# Home and county pages -------------------------------------------------------------------------


def _in_source_order(county: County) -> list[Item]:
    """The items as the lists and township files first give them, then the rest by key."""
    seen: list[str] = []
    for town in county.townships:
        seen += [e.code for e in town.entries if e.code not in seen]
    return [county.items_by_key[code] for code in seen] + [i for i in county.items if i.key not in seen]


def test_home(watched: Watched, visit: Callable[[str], str], base: str, sample: Sample) -> None:
    page = watched.open(visit(""))
    assert page.locator("article h1").inner_text() == "乡镇赋权事项目录"
    form = page.locator("article form.tc-searchform")
    assert form.locator("#tc-q").is_visible()
    assert form.evaluate("(f) => f.action") == base + "search/"
    counties = sample.catalog.counties
    everywhere = [(seen(t.name), base + quote(township_page(c, t))) for c in counties for t in c.townships]
    assert [link for link in links(page, "article a") if "/townships/" in link[1]] == everywhere
    items = [link for link in links(page, "article a") if "/items/" in link[1] or link[1].endswith("/#items")]
    if sample.list_items:
        # Small enough for the lookup, which fills the township list from its index.
        page.locator("#tc-lookup:not([hidden])").wait_for()
        assert page.locator("#tc-town option").count() == 1 + len(everywhere)
        assert items == [(seen(i.name), base + quote(item_page(c, i.code))) for c in counties for i in _in_source_order(c)]
    else:
        # Too large for the lookup: never there, never fetched; each county's item table instead.
        assert page.locator("#tc-lookup").count() == 0
        assert [u for u in watched.requests if u.endswith("/lookup.json")] == []
        assert items == [(f"{seen(c.name)}的 {len(c.items)} 项事项", base + quote(c.slug) + "/#items") for c in counties]
    watched.check(base)


def test_county(watched: Watched, visit: Callable[[str], str], base: str, county: County) -> None:
    page = watched.open(visit(f"{county.slug}/"))
    assert page.locator("article h1").inner_text() == seen(f"{county.name}赋权事项总表")
    text = seen(page.locator("article").inner_text())
    assert seen(f"{county.name}把 {len(county.items)} 项行政权力事项赋予 {len(county.townships)} 个乡镇（街道）。") in text
    towns = [[seen(t.name), str(len(t.entries)), str(len(t.declined)), str(len(t.withdrawn))] for t in county.townships]
    assert table(page, "乡镇", "承接事项", "暂不承接", "已收回") == towns
    handled = {item.code: sum(e.code == item.code for t in county.townships for e in t.entries) for item in county.items}
    items = [
        [str(n), seen(i.name), seen(i.type), seen(i.department), i.max_mode.value, str(handled[i.code])]
        for n, i in enumerate(_in_source_order(county), 1)
    ]
    assert table(page, "序号", "事项", "事项类型", "实施部门", "赋权上限", "可办乡镇") == items
    watched.check(base)


# Township and item pages -----------------------------------------------------------------------

SECTIONS = """() => [...document.querySelectorAll('article h2')].map((h) => {
    const links = [];
    for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
        el.querySelectorAll(':scope > li > strong > a, tbody td:first-child a').forEach((a) => links.push([a.innerText, a.href]));
    }
    return [h.innerText, links];
})"""


def _sections(base: str, county: County, town: Township) -> list[tuple[str, list[tuple[str, str]]]]:
    """The township page's sections as the data says: where to go, the three lists, then
    each mode's items (most delegated first, in file order), application items before
    enforcement ones, the 配合事项, then the declined and the withdrawn."""
    names = {item.code: seen(item.name) for item in county.items}

    def listed(codes: list[str]) -> list[tuple[str, str]]:
        return [(names[code], base + quote(item_page(county, code))) for code in codes]

    sections: list[tuple[str, list[tuple[str, str]]]] = [("到哪里办", []), ("三清单", [])]
    items = county.items_by_key
    for kind, prefix in (("审批服务", ""), ("行政执法", "行政执法 · ")):
        for mode in Mode:
            codes = [e.code for e in town.entries if e.mode is mode and items[e.code].list_kind == kind]
            if codes:
                sections.append((f"{prefix}{mode.value}（{len(codes)} 项）", listed(codes)))
    if town.assists:
        sections.append((f"配合事项（{len(town.assists)} 项）", []))
    for heading, rows in (("暂不承接", town.declined), ("已收回", town.withdrawn)):
        if rows:
            sections.append((f"{heading}（{len(rows)} 项）", listed([row.code for row in rows])))
    return sections


def test_township(watched: Watched, visit: Callable[[str], str], base: str, township: tuple[County, Township]) -> None:
    county, town = township
    page = watched.open(visit(township_page(county, town)))
    assert page.locator("article h1").inner_text() == seen(f"{town.name}赋权事项目录")
    assert page.title().startswith(seen(f"{town.name}赋权事项目录"))
    text = seen(page.locator("article").inner_text())
    assert seen(f"{town.name}承接{county.name} {len(town.entries)} 项行政权力事项（一镇一目录）") in text
    found = [(seen(heading), [(seen(name), href) for name, href in rows]) for heading, rows in page.evaluate(SECTIONS)]
    assert found == _sections(base, county, town)
    watched.check(base)


def test_item(watched: Watched, visit: Callable[[str], str], base: str, item: tuple[County, Item]) -> None:
    county, thing = item
    page = watched.open(visit(item_page(county, thing.code)))
    assert page.locator("article h1").inner_text() == seen(thing.name)
    places = [(t, e) for t in county.townships for e in t.entries if e.code == thing.code]
    owner = seen(f"{thing.department}（{county.name}）")
    if thing.list_kind == "行政执法":  # who enforces, and what the county keeps; nothing to apply for
        rows = [[owner, "区县部门", "未赋予乡镇的部分", "—", "—"]]
        for t, e in places:
            scope = seen("、".join(e.scope)) if e.scope else "全部"
            rows.append([seen(t.name), e.mode.value, scope, seen(e.reserved or thing.reserved or "未登记"), e.effective or "未写明"])
        assert table(page, "地方", "赋权方式", "范围", "区县保留", "自何时起") == rows
        assert seen(f"共 {len(places)} 个乡镇承接执法") in seen(page.locator("article").inner_text())
    else:
        rows = [[owner, "区县办理", "全部", "—"]]
        for t, e in places:
            later = "（尚未实施）" if e.effective and e.effective > TODAY else ""
            rows.append([seen(t.name), e.mode.value, seen("、".join(e.scope)) if e.scope else "全部", (e.effective or "未写明") + later])
        assert table(page, "地方", "赋权方式", "范围", "自何时起") == rows
        assert seen(f"共 {len(places)} 个乡镇可以办理") in seen(page.locator("article").inner_text())
    # Every township named with a link: those that handle it, then those that declined it
    # and those it was withdrawn from.
    declined = [t for t in county.townships for d in t.declined if d.code == thing.code]
    withdrawn = [t for t in county.townships for w in t.withdrawn if w.code == thing.code]
    towns = [seen(t.name) for t in [*(t for t, _ in places), *declined, *withdrawn]]
    assert [name for name, href in links(page, "article a") if "/townships/" in href] == towns
    watched.check(base)


# Search, the phone, accessibility ---------------------------------------------------------------


def _search(watched: Watched, url: str) -> tuple[str, list[str]]:
    """The 搜索 page at ``url`` once its results are in: its status line, and the URL of each result shown."""
    page = watched.open(url)
    page.wait_for_function("() => { const t = document.querySelector('#tc-search-status').textContent; return t && t !== '正在搜索……'; }")
    found = page.locator("#tc-search-results li > a").evaluate_all("(as) => as.map((a) => a.href)")
    return page.locator("#tc-search-status").inner_text(), found


def test_search_finds_a_township_by_its_name(
    watched: Watched, visit: Callable[[str], str], base: str, searched: tuple[County, Township]
) -> None:
    county, town = searched
    status, found = _search(watched, visit(f"search/?q={town.name}"))
    assert re.fullmatch(rf"“{re.escape(town.name)}”：找到 (\d+) 个页面(，下面是前 10 个)?。", status), status
    assert base + quote(township_page(county, town)) in found
    # From the site's own Pagefind index, fetched in chunks.
    assert [u for u in watched.requests if u.startswith(base + "pagefind/index/")]
    watched.check(base)


def test_phone_width(phone: Watched, visit: Callable[[str], str], base: str, on_phone: tuple[County, Township | Item]) -> None:
    county, thing = on_phone
    path = township_page(county, thing) if isinstance(thing, Township) else item_page(county, thing.code)
    page = phone.open(visit(path))
    assert page.locator("h1").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.check(base)


def test_no_serious_accessibility_violation(
    watched: Watched, visit: Callable[[str], str], base: str, sample: Sample, axe_source: str
) -> None:
    county, town = sample.townships[len(sample.townships) // 2]
    item = next(i for c, i in sample.items if c is county)
    pages = {
        "home": "",
        "county": f"{county.slug}/",
        "township": township_page(county, town),
        "item": item_page(county, item.code),
        "search": f"search/?q={town.name}",
    }
    found = {}
    for name, path in pages.items():
        page = watched.open(visit(path))
        if name == "home" and sample.list_items:
            page.locator("#tc-lookup:not([hidden])").wait_for()
        if name == "search":
            page.locator("#tc-search-results a").first.wait_for()
        found[name] = violations(page, axe_source)
    assert found == {name: [] for name in pages}
    watched.check(base)
