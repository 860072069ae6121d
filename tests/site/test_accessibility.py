"""Accessibility: axe-core, from the npm registry at the version pinned in tests/site/axe/,
run in Chromium on the home, county, township, item, change-log, downloads and search
pages, in the light and the dark scheme, on a desktop and a phone: no serious or critical
violation.  And the lookup works with the keyboard alone.

axe-core is installed by ``npm ci`` into build/axe the first time (the lock file pins its
version and checksum); later runs, and machines without a network that have it, reuse it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.site.axecore import PIN, version, violations
from tests.site.conftest import Watched

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "county": "shanting/",
    "township": "shanting/townships/xiji/",
    "item": "shanting/items/3700000715006/",
    "changes": "shanting/changes/",
    "downloads": "downloads/",
    "search": "search/?q=不动产登记",
}


@pytest.fixture(scope="module")
def base(site_of: Callable[[str], Path], serve: Callable[[Path], str]) -> str:
    return serve(site_of("data"))


# The dark scheme changes colours only: there, only the rules about colour run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _open(watched: Watched, url: str) -> Page:
    """The page, loaded, once its own scripts have filled it in."""
    page = watched.page
    page.set_default_timeout(5000)  # a local page that has not answered by then will not
    page.goto(url, wait_until="load")
    if page.locator("#tc-lookup").count():
        page.locator("#tc-lookup:not([hidden])").wait_for()
    if page.locator("#tc-search").count() and "?q=" in page.url:
        page.locator("#tc-search-results a").first.wait_for()
    return page


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Watched]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=request.param)
    yield request.param, Watched(context.new_page())
    context.close()


def test_pages_have_no_serious_violation(scheme: tuple[str, Watched], base: str, axe_source: str) -> None:
    name, watched = scheme
    rules = COLOUR_RULES if name == "dark" else None
    found = {}
    for name, path in PAGES.items():
        found[name] = violations(_open(watched, base + path), axe_source, rules)
    # The home page with the lookup's results shown, too.
    page = _open(watched, base)
    page.locator("#tc-town").select_option(label="西集镇")
    found["home with a township looked up"] = violations(page, axe_source, rules)
    assert found == {name: [] for name in found}
    watched.check(base)


def test_phone_pages_have_no_serious_violation(phone: Watched, base: str, axe_source: str) -> None:
    found = {}
    for name in ("home", "township", "item"):
        page = _open(phone, base + PAGES[name])
        found[name] = violations(page, axe_source)
    page.locator(".md-header label[for='__drawer']").click()  # the navigation drawer, open
    page.locator(".md-sidebar--primary nav").first.wait_for()
    found["item, navigation open"] = violations(page, axe_source)
    assert found == {name: [] for name in found}
    phone.check(base)


def test_the_axe_pin_is_exact_and_locked() -> None:
    pinned = version()
    assert pinned.count(".") == 2 and pinned.replace(".", "").isdigit(), "pin one exact version"
    lock = json.loads((PIN / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/axe-core"]
    assert lock["version"] == pinned and lock["integrity"].startswith("sha512-")


# The keyboard alone --------------------------------------------------------------------------


def _focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? (document.activeElement.id || document.activeElement.textContent) : ''"))


def _focus_is_visible(page: Page) -> bool:
    """Whether the focused element shows a focus ring (an outline or a box shadow)."""
    return bool(page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""))


def _tab_to(page: Page, target: str, limit: int = 40) -> int:
    """Press Tab until the element with id ``target`` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == target:
            return presses
    raise AssertionError(f"#{target} not reached with {limit} presses of Tab")


def test_lookup_by_township_with_the_keyboard(watched: Watched, base: str) -> None:
    page = _open(watched, base)
    _tab_to(page, "tc-town")
    assert _focus_is_visible(page)
    page.keyboard.press("ArrowDown")  # the first township
    page.keyboard.press("ArrowDown")  # the second
    second = page.locator("#tc-town option").nth(2).inner_text()
    assert page.locator("#tc-result h3").inner_text().startswith(f"山亭区{second}：")
    assert page.locator("#tc-result li").count() > 0
    page.keyboard.press("Tab")
    assert _focused(page) == "tc-item"
    page.keyboard.press("Tab")
    assert _focused(page) == "查看完整目录和办事地点"
    assert _focus_is_visible(page)
    page.keyboard.press("Tab")  # the township's first item
    item = _focused(page)
    assert item and _focus_is_visible(page)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}shanting/townships/*/")
    assert page.locator("h1").inner_text() == f"{second}赋权事项目录"
    watched.check(base)


def test_lookup_by_matter_with_the_keyboard(watched: Watched, base: str) -> None:
    page = _open(watched, base)
    _tab_to(page, "tc-item")
    assert _focus_is_visible(page)
    page.keyboard.type("不动产")
    assert page.locator("#tc-result h3").inner_text() == "不动产登记（山亭区）：9 个乡镇可办"
    page.keyboard.press("Tab")
    assert _focused(page) == "查看办事指南"
    for _ in range(3):
        page.keyboard.press("Tab")  # into the list of townships
    town = _focused(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}shanting/townships/*/")
    assert page.locator("h1").inner_text() == f"{town}赋权事项目录"
    # Back on the home page: the township list answers Home and End as well as the arrows.
    page = _open(watched, base)
    _tab_to(page, "tc-town")
    page.keyboard.press("End")
    assert page.locator("#tc-result h3").count() == 1
    watched.check(base)
