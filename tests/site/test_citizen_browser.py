"""Citizen pages in Debian's Chromium: tables on a phone, the print layout, the 公示
sheet, and the 404 page of a site served under a sub-path as GitHub Pages serves a
project site (/<repo>/).

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.site.conftest import ARTIFACTS, REPO, Watched, build_site

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


REPO_PATH = "/catalog/"  # the project site's sub-path


class _ProjectSite(http.server.SimpleHTTPRequestHandler):
    """The built site under REPO_PATH only; a missing file there gets the site's 404.html
    with status 404, as GitHub Pages answers for a project site."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        inside = path.startswith(REPO_PATH)
        return super().translate_path("/" + path.removeprefix(REPO_PATH) if inside else "/\0outside")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.path.startswith(REPO_PATH):
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real catalog built with SITE_URL at a sub-path of a local server; its address."""
    out = tmp_path_factory.mktemp("project")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_ProjectSite, directory=str(out / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}{REPO_PATH}"
    build_site(REPO / "data", out, site_url=address)
    yield address
    server.shutdown()
    server.server_close()


def test_the_404_page_under_a_sub_path(watched: Watched, project: str) -> None:
    """Chinese, styled (Material's and our stylesheets load from the sub-path), with
    working links home and to the search, however deep the missing address."""
    responses: list[tuple[str, int]] = []
    watched.page.on("response", lambda r: responses.append((r.url, r.status)))
    missing, deeper = project + "some/missing/path", project + "a/deeper/missing/page/"
    page = watched.open(missing)
    assert page.title() == "找不到这个页面 - 乡镇赋权事项目录"
    assert page.locator("article h1").inner_text() == "找不到这个页面"
    assert page.locator("article p").first.inner_text() == "这个网址没有页面（404）：可能是网址输错了，或者页面已经移动。"
    sheets = page.evaluate("[...document.styleSheets].map((s) => s.href)")
    assert any(h.startswith(project + "assets/stylesheets/main.") for h in sheets) and project + "assets/catalog.css" in sheets
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(0, 121, 107)"  # catalog.css's teal over Material's
    _shot(page, "404-subpath")
    page.get_by_role("link", name="回到首页").click()
    page.wait_for_url(project)
    assert page.locator("article h1").inner_text() == "乡镇赋权事项目录"
    page = watched.open(missing)
    page.get_by_role("link", name="搜索全站").click()
    page.wait_for_url(project + "search/")
    page = watched.open(deeper)
    page.locator("#tc-q").fill("西集镇")
    page.locator("#tc-q").press("Enter")
    page.wait_for_url(f"{project}search/?q=*")
    assert page.locator("#tc-search-input").input_value() == "西集镇"
    # Only the missing addresses answered 404 (the browser logs each); every asset loaded.
    assert [(u, s) for u, s in responses if s not in (200, 304)] == [(missing, 404), (missing, 404), (deeper, 404)]
    assert watched.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"] * 3
    watched.errors.clear()
    watched.check(project)


def test_the_notice_sheet_prints_on_one_a4_page_with_its_qr_code(watched: Watched, project: str) -> None:
    page = watched.open(project + "shanting/townships/xiji/")
    page.get_by_role("link", name="打印公示（张贴在便民服务中心）").click()
    page.wait_for_url(project + "shanting/notices/xiji/")
    page.locator("article h1", has_text="西集镇赋权事项公示").wait_for()
    qr = page.get_by_role("img", name=f"二维码：{project}shanting/townships/xiji/")
    assert qr.is_visible()
    _shot(page, "notice")
    page.emulate_media(media="print")
    assert page.locator(_SCREEN_ONLY).evaluate_all("(els) => els.filter((e) => e.checkVisibility()).length") == 0
    page.set_viewport_size({"width": 794, "height": 1123})
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150  # 40 mm at 96 dpi is 151 px
    _shot(page, "print-notice")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (ARTIFACTS / "print-notice.pdf").write_bytes(pdf)
    assert _pages(pdf) == 1
    watched.check(project)
