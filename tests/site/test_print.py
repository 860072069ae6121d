"""Citizen pages in Debian's Chromium: tables on a phone, the print layout.

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.site.conftest import ARTIFACTS, Watched

pytestmark = pytest.mark.browser

# Every table of the page, each as the box that scrolls it (Material's wrapper once its
# script has run, else the table): what of it a phone does not show.
_CLIPPED = """() => [...document.querySelectorAll('article table')].flatMap((table) => {
  const box = table.closest('.md-typeset__scrollwrap') || table;
  const edge = Math.min(box.getBoundingClientRect().right, window.innerWidth);
  const scrolls = box.scrollWidth > box.clientWidth;
  const found = [];
  if (box.getBoundingClientRect().right > window.innerWidth + 0.5) found.push('past the screen: ' + table.rows[0].textContent);
  if (scrolls && !getComputedStyle(box).backgroundImage.includes('radial-gradient')) found.push('scrolls without a cue');
  for (const cell of table.querySelectorAll('th, td')) {
    if (cell.scrollWidth > cell.clientWidth) found.push('text wider than its cell: ' + cell.textContent);
    if (!scrolls && cell.getBoundingClientRect().right > edge + 0.5) found.push('cut: ' + cell.textContent);
  }
  return found;
})"""
_SCROLLING = """() => [...document.querySelectorAll('article table')]
  .map((table) => table.closest('.md-typeset__scrollwrap') || table)
  .filter((box) => box.scrollWidth > box.clientWidth).length"""


def _shot(page: Page, name: str, *, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


@pytest.fixture(scope="module")
def sites(site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> dict[str, str]:
    return {name: serve(site_of(name)) for name in ("data", "base")}


@pytest.mark.parametrize(
    ("site", "path", "scrolling"),
    [
        ("data", "shanting/items/3700000715006/", 0),  # four columns fit a phone now
        ("data", "shanting/townships/xiji/", 0),
        ("data", "shanting/", 1),  # the items × townships matrix scrolls, with a cue
        ("data", "shanting/documents/", 0),
        ("data", "rules/", 0),
        ("base", "shili/townships/xiqiao/", 0),  # its declined table
        ("base", "shili/items/9900000000001/", 0),  # a whole guide
    ],
)
def test_no_table_text_is_cut_on_a_phone(phone: Watched, sites: dict[str, str], site: str, path: str, scrolling: int) -> None:
    page = phone.open(sites[site] + path)
    assert page.locator("article table").count() > 0
    assert page.evaluate(_CLIPPED) == []
    assert page.evaluate(_SCROLLING) == scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]
    phone.check(sites[site])


def test_a_wide_table_shows_that_it_scrolls(phone: Watched, sites: dict[str, str]) -> None:
    page = phone.open(sites["data"] + "shanting/")
    matrix = page.locator("article .md-typeset__scrollwrap").filter(has_text="北庄镇").last
    matrix.scroll_into_view_if_needed()
    _shot(page, "phone-county-matrix", full=False)
    phone.check(sites["data"])


_SCREEN_ONLY = ".md-header, .md-tabs, .md-sidebar--primary, .md-footer, .tc-screen"


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize(
    ("path", "name"),
    [("shanting/townships/xiji/", "print-township"), ("shanting/items/3700000715006/", "print-item")],
)
def test_print_shows_the_page_without_navigation(watched: Watched, sites: dict[str, str], path: str, name: str) -> None:
    page = watched.open(sites["data"] + path)
    screen_only = page.locator(_SCREEN_ONLY)
    assert screen_only.count() >= 4 and page.locator(".tc-screen").first.is_visible()
    page.emulate_media(media="print")
    assert [n for n in range(screen_only.count()) if screen_only.nth(n).is_visible()] == []
    assert page.locator("article h1").is_visible()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    _shot(page, name)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    if "items" in path:
        assert _pages(pdf) == 1  # an item's guide, where to go and who decides: one A4 sheet
    watched.check(sites["data"])
