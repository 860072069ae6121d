"""Injection: a site whose every text field is a payload (tests/site/payloads.py) runs
nothing, adds no element, fetches nothing from elsewhere and shows every payload as text;
its CSV and XLSX cells run no formula and its Atom feeds carry the payloads as text.

"Adds no element" is checked against the harmless twin of the same data: page by page,
in the HTML files and in Chromium's live DOM, the payload site has exactly the twin's
elements and attribute names.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from playwright.sync_api import Browser, Page

from generator.markup import md
from tests.site import payloads
from tests.site.conftest import REPO
from tests.site.dom import Element, collapse, page, parse, signature
from tests.site.test_browser import Watched

FORMULA = ("=", "+", "-", "@", "\t")
# What a value means when it is shown: runs of whitespace are one space, as on a page.
VALUES = {tag: collapse(text) for tag, text in payloads.values().items()}


@pytest.fixture(scope="module")
def twins(site_of: Callable[[str], Path]) -> tuple[Path, Path]:
    return site_of("payloads"), site_of("payloads-neutral")


def _html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# The scenario itself ---------------------------------------------------------------------

_PROBES = ("<b>x</b>", "https://x.invalid/<b>", "<b>x</b>@x.invalid")


def _schema_text_fields(kind: str) -> Iterator[str]:
    """Paths of the fields of a schema that accept markup: every field a payload can reach."""
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})

    def accepts_markup(node: dict[str, Any]) -> bool:
        checker = jsonschema.Draft202012Validator(node, format_checker=jsonschema.FormatChecker())
        return any(checker.is_valid(probe) for probe in _PROBES)

    def walk(node: dict[str, Any], path: str) -> Iterator[str]:
        while "$ref" in node:
            node = {**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        types = node.get("type", [])
        types = [types] if isinstance(types, str) else types
        if "object" in types:
            for key, child in node.get("properties", {}).items():
                yield from walk(child, f"{path}.{key}" if path else key)
        if "array" in types:  # a field may take a text or a list of them (an item's department)
            yield from walk(node.get("items", {}), f"{path}[]")
        if "string" in types and accepts_markup(node):
            yield path

    yield from walk(schema, "")


def test_every_text_field_of_the_schemas_carries_the_payloads() -> None:
    """If a schema grows a text field, the scenario must give it payloads too."""
    expected = {(kind, path) for kind in ("catalog", "county", "item", "township") for path in _schema_text_fields(kind)}
    covered = {(kind, path) for kind, path, _ in payloads.fields()}
    assert expected - covered == set(), "text fields without payloads"
    assert covered - expected == set(), "payloads in fields the schemas do not have"
    assert len(expected) > 50
    # Every value holds every kind of payload, and the values start in turn with every formula character.
    for kind in ("<script>", "onerror=", "javascript:", "](", "![", "{{", "{%", "{: ", "onclick=", "\u202e", "\u200b", "W" * 500):
        assert kind in payloads.BODY
    starts = Counter(v[:1] for v in payloads.values().values())
    assert all(starts[c] >= 3 for c in FORMULA), starts


def test_the_payload_data_is_valid(twins: tuple[Path, Path]) -> None:
    """The builds validate the data first: both sites exist, so both data folders are valid."""
    payload, neutral = twins
    assert _html_pages(payload) == _html_pages(neutral)
    assert "zhuru/townships/jia/index.html" in _html_pages(payload)


# Static HTML ------------------------------------------------------------------------------


def test_pages_have_exactly_the_elements_of_the_harmless_twin(twins: tuple[Path, Path]) -> None:
    payload, neutral = twins
    different = {}
    for name in _html_pages(payload):
        got, want = signature(page(payload / name)), signature(page(neutral / name))
        if got != want:
            different[name] = list(difflib.unified_diff(want, got, "expected", "built", lineterm="", n=0))[2:8]
    assert different == {}


def _attributes(root: Element) -> Iterator[tuple[str, str, str]]:
    for element in root.iter():
        for name, value in element.attrs.items():
            yield element.tag, name, value


def test_no_page_holds_a_script_or_handler_from_data(twins: tuple[Path, Path]) -> None:
    """Belt and braces beside the twin comparison: nothing executable anywhere."""
    payload, _ = twins
    for name in _html_pages(payload):
        root = page(payload / name)
        executable = re.compile(r"\s*(javascript|vbscript|data):", re.I)
        bad = [(t, n, v[:80]) for t, n, v in _attributes(root) if n.startswith("on") or executable.match(v)]
        assert bad == [], name
        content = [e for article in root.find_all("article") for e in article.iter()]
        assert [e.tag for e in content if e.tag in ("iframe", "object", "embed", "svg", "style", "marquee", "b", "i")] == [], name
        scripts = [e for e in root.find_all("script") if "alert" in e.text or "evil" in e.attrs.get("src", "")]
        assert scripts == [], name
        images = [e.attrs for e in root.find_all("img") if not e.attrs.get("src", "").startswith(("../", "assets/", "data:"))]
        assert images == [], name


def _site_text(site: Path) -> dict[str, str]:
    """Each page's text as a browser shows it, whitespace collapsed; and every href."""
    texts = {}
    for name in _html_pages(site):
        root = page(site / name)
        hrefs = " ".join(e.attrs.get("href", "") for e in root.find_all("a"))
        texts[name] = root.text + " " + hrefs
    return texts


def test_every_payload_is_shown_as_text(twins: tuple[Path, Path]) -> None:
    """Each field's whole value appears literally on some page; the county's, townships'
    and items' own fields on their own pages."""
    texts = _site_text(twins[0])
    nowhere = [tag for tag, value in VALUES.items() if not any(value in text for text in texts.values())]
    assert nowhere == []
    own = {
        "town.jia.": "zhuru/townships/jia/index.html",
        "town.jia.guide.": "zhuru/items/Z0001/index.html",  # a township's own guide is on the item's page
        "town.yi.": "zhuru/townships/yi/index.html",
        "item.1.": "zhuru/items/Z0001/index.html",
        "doc.": "zhuru/documents/index.html",
        "county.": "zhuru/index.html",
    }
    for prefix, name in own.items():
        mine = [tag for tag in VALUES if tag.startswith(prefix) and not any(tag.startswith(p) for p in own if len(p) > len(prefix))]
        assert [tag for tag in mine if VALUES[tag] not in texts[name]] == [], name


def _open_bidi(text: str) -> list[str]:
    """The embeddings, overrides ("e") and isolates ("i") still open at the end of ``text`` (UAX #9)."""
    stack: list[str] = []
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("e")
        elif ch == "\u202c" and stack and stack[-1] == "e":
            stack.pop()
        elif ch in "\u2066\u2067\u2068":
            stack.append("i")
        elif ch == "\u2069" and "i" in stack:
            del stack[len(stack) - 1 - stack[::-1].index("i") :]
    return stack


def test_bidi_controls_in_data_do_not_reorder_the_page(twins: tuple[Path, Path]) -> None:
    """A right-to-left override in a value is closed where the value ends, so the page's
    own words after it keep their order."""
    for name in _html_pages(twins[0]):
        root = page(twins[0] / name)
        runs = [child for e in root.iter() for child in e.children if isinstance(child, str)]
        assert [run[:60] for run in runs if _open_bidi(run)] == [], name
    assert _open_bidi(payloads.BODY), "the payload must leave an override open"


@pytest.mark.parametrize("text", ["a\u202eb", "\u2069x\u202ey", "\u2067\u2067x", "\u202a\u202c\u2069\u2069z\u202b", "\u2066\u2069\u202e"])
def test_escape_closes_every_override_the_text_opens(text: str) -> None:
    out = str(md(text))
    assert _open_bidi(out) == [] and _open_bidi(text)
    assert out.replace("\u2068", "").replace("\u2069", "") == text.replace("\u2068", "").replace("\u2069", "")
    assert md("西集镇") == "西集镇"


# In Chromium -------------------------------------------------------------------------------

# Each element's tag and attribute names; Material adds ``title`` to text it shortens with an ellipsis.
# Material's layout script sets style on its sidebars by timing; data only reaches the
# article, so style counts there (the static HTML comparison checks every attribute).
_SIGNATURE = """() => [...document.querySelectorAll('*')].map((e) => e.tagName.toLowerCase() + [...e.attributes]
    .map((a) => a.name).filter((n) => n !== 'title' && (n !== 'style' || e.closest('article')))
    .sort().map((n) => ' ' + n).join(''))"""
_EXECUTABLE = """() => [...document.querySelectorAll('*')].filter((el) =>
    [...el.attributes].some((a) => a.name.startsWith('on') || /^\\s*(javascript|vbscript):/i.test(a.value))
    || ['IFRAME', 'OBJECT', 'EMBED', 'MARQUEE', 'svg', 'STYLE'].includes(el.tagName) && el.closest('article')
    || (el.tagName === 'SCRIPT' && /alert|evil/.test(el.textContent + (el.getAttribute('src') || '')))
    || (el.tagName === 'IMG' && !el.src.startsWith(location.origin))).map((el) => el.outerHTML.slice(0, 120))"""


def _visible(text: str | None) -> str:
    """Text as shown, without the isolates (FSI, PDI) a page puts around bidirectional text."""
    return collapse((text or "").replace("\u2068", "").replace("\u2069", ""))


_ORDER = """([selector, words]) => {
    const node = [...document.querySelector(selector).childNodes].filter((n) => n.nodeType === 3).pop();
    const at = node.textContent.lastIndexOf(words);
    const left = (i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
    };
    return left(at) < left(at + words.length - 1);
}"""


def _in_order(page: Page, selector: str, words: str) -> bool:
    """Whether the page's own ``words`` at the end of the last text of ``selector`` read left to right."""
    return bool(page.evaluate(_ORDER, [selector, words]))


def _url(base: str, name: str) -> str:
    return base + name.removesuffix("index.html")


def _settled(page: Page, url: str) -> Page:
    page.goto(url, wait_until="load")
    if page.locator("#tc-lookup").count():
        page.locator("#tc-lookup:not([hidden])").wait_for(state="attached")
    return page


@pytest.fixture(scope="module")
def bases(twins: tuple[Path, Path], serve: Callable[[Path], str]) -> tuple[str, str]:
    return serve(twins[0]), serve(twins[1])


@pytest.mark.browser
def test_every_page_in_chromium(browser: Browser, twins: tuple[Path, Path], bases: tuple[str, str]) -> None:
    """No dialog, no request outside the site, no script error, no element from data."""
    payload, neutral = twins
    base, twin_base = bases
    context = browser.new_context(locale="zh-CN")
    watched, twin = Watched(context.new_page()), context.new_page()
    different = {}
    for name in _html_pages(payload):
        if name == "404.html":
            continue
        built = _settled(watched.page, _url(base, name))
        assert built.evaluate(_EXECUTABLE) == [], name
        if (payload / name).read_bytes() != (neutral / name).read_bytes():
            got, want = built.evaluate(_SIGNATURE), _settled(twin, _url(twin_base, name)).evaluate(_SIGNATURE)
            if got != want:
                different[name] = list(difflib.unified_diff(want, got, "expected", "built", lineterm="", n=0))[2:8]
    assert different == {}
    watched.check(base)
    context.close()


@pytest.mark.browser
def test_payloads_read_literally_in_chromium(watched: Watched, bases: tuple[str, str]) -> None:
    base = bases[0]
    page = _settled(watched.page, base + "zhuru/townships/jia/")
    name = payloads.payload(payloads.Text("town.jia.name")).strip()
    assert _visible(page.locator("h1").text_content()) == collapse(name) + "赋权事项目录"
    assert _visible(page.title()).startswith(collapse(name) + "赋权事项目录")
    # The words after a value keep their order: 赋 is left of 录 in the heading.
    assert _in_order(page, "h1", "赋权事项目录")
    item = _settled(watched.page, base + "zhuru/items/Z0001/")
    cell = item.locator("article table").first.locator("td").nth(1)
    assert collapse(cell.text_content() or "") == "Z0001"
    assert collapse(payloads.payload(payloads.Text("item.1.guide.result"))) in collapse(item.locator("article").text_content() or "")
    watched.check(base)


@pytest.mark.browser
def test_lookup_shows_payload_names_as_text(browser: Browser, bases: tuple[str, str]) -> None:
    """The home page lookup builds its lists from JSON: text nodes only, never HTML."""
    base, twin_base = bases
    context = browser.new_context(locale="zh-CN")
    watched, twin = Watched(context.new_page()), context.new_page()
    result = "() => [...document.querySelectorAll('#tc-result *')].map((e) => e.tagName + [...e.attributes].map((a) => a.name).sort())"
    home = _settled(watched.page, base)
    _settled(twin, twin_base)
    options = home.locator("#tc-town option:not([value=''])")
    assert options.count() == len(payloads.TOWNS)
    for n in range(len(payloads.TOWNS)):
        home.locator("#tc-town").select_option(str(n))
        twin.locator("#tc-town").select_option(str(n))
        assert home.evaluate(result) == twin.evaluate(result)
        assert home.evaluate(_EXECUTABLE) == []
    county = VALUES["county.name"]
    labels = home.locator("#tc-town optgroup").evaluate_all("(gs) => gs.map((g) => g.label)")
    assert [collapse(label) for label in labels] == [county]
    # A matter with a township chosen is an answer; without one, every township that has it.
    home.locator("#tc-item").fill(payloads.CODES[0])
    twin.locator("#tc-item").fill(payloads.CODES[0])
    assert home.locator("#tc-result .tc-answer").count() == 1
    assert home.evaluate(result) == twin.evaluate(result)
    assert home.evaluate(_EXECUTABLE) == []
    home.locator("#tc-town").select_option("")
    twin.locator("#tc-town").select_option("")
    for n, code in enumerate(payloads.CODES):
        home.locator("#tc-item").fill(code)
        twin.locator("#tc-item").fill(code)
        heading = _visible(home.locator("#tc-result h3").text_content())
        assert heading.startswith(VALUES[f"item.{n + 1}.name"] + "（" + county + "）："), code
        assert _in_order(home, "#tc-result h3", "个乡镇可办"), code
        assert home.evaluate(result) == twin.evaluate(result)
        assert home.evaluate(_EXECUTABLE) == []
    watched.check(base)
    context.close()


@pytest.mark.browser
def test_search_results_show_payloads_as_text(watched: Watched, bases: tuple[str, str]) -> None:
    """The search page builds its results from the index's titles and excerpts: as text."""
    base = bases[0]
    for query in ("alert", "onerror", "javascript", "script"):
        page = _settled(watched.page, f"{base}search/?q={query}")
        page.locator("#tc-search-results a").first.wait_for(state="attached")
        assert page.locator("#tc-search-results li").count() > 0
        tags = page.locator("#tc-search-results *").evaluate_all("(es) => es.map((e) => e.tagName)")
        assert set(tags) <= {"LI", "A", "P", "MARK"}, query
        assert page.evaluate(_EXECUTABLE) == [], query
    watched.check(base)


@pytest.mark.browser
def test_long_unbroken_text_does_not_widen_the_page_on_a_phone(phone: Watched, bases: tuple[str, str]) -> None:
    base = bases[0]
    for path in ("zhuru/townships/jia/", "zhuru/items/Z0001/", "zhuru/"):
        page = _settled(phone.page, base + path)
        # Material clips the page sideways (overflow-x: hidden): look at each element instead.
        # Tables scroll in their own box.
        wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter((e) => !e.closest('.md-typeset__scrollwrap')).map((e) => e.tagName)""")
        assert wide == [], path
    phone.check(base)


# Exports and feeds ----------------------------------------------------------------------------


def _formula_like(text: str) -> bool:
    return text.startswith((*FORMULA, "\r"))


def test_csv_cells_run_no_formula(twins: tuple[Path, Path]) -> None:
    texts = set(payloads.values().values())
    for name in ("downloads/catalog.csv", "downloads/zhuru.csv"):
        rows = list(csv.reader(io.StringIO((twins[0] / name).read_text(encoding="utf-8-sig"), newline="")))
        cells = [cell for row in rows[1:] for cell in row]
        assert [c[:40] for c in cells if _formula_like(c)] == [], name
        neutralized = [c[1:] for c in cells if c.startswith("'") and _formula_like(c[1:])]
        # Each neutralized cell is a data value (or several joined) behind one apostrophe.
        assert all(any(c.startswith(t) for t in texts) for c in neutralized)
        assert {c[:1] for c in neutralized} == set(FORMULA), name
    # Each township's three lists (三清单) too.
    lists = sorted((twins[0] / "downloads" / payloads.COUNTY).rglob("*.csv"))
    assert len(lists) == 3 * len(payloads.TOWNS)
    for path in lists:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert [c[:40] for row in rows[1:] for c in row if _formula_like(c)] == [], path.name


def test_xlsx_cells_are_text_never_formulas(twins: tuple[Path, Path]) -> None:
    books = sorted((twins[0] / "downloads").rglob("*.xlsx"))
    assert len(books) == 1 + len(payloads.TOWNS) * (1 + 3)  # the county's; each township's, and its three lists
    starts: set[str] = set()
    for path in books:
        with zipfile.ZipFile(path) as archive:
            sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not [s for s in sheets if b"<f>" in s or b"<f " in s], path
        sheet = openpyxl.load_workbook(path).active
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and _formula_like(cell.value):
                    assert cell.data_type == "s", (path.name, cell.coordinate)
                    assert cell.quotePrefix, (path.name, cell.coordinate)  # Excel keeps it text when edited
                    starts.add(cell.value[0])
    assert starts == set(FORMULA)


ATOM = "{http://www.w3.org/2005/Atom}"
_FEED_TAGS = {"p", "h3", "ul", "li", "b"}


def test_feeds_parse_and_carry_payloads_as_text(twins: tuple[Path, Path]) -> None:
    for name in ("feed.xml", "zhuru/feed.xml"):
        feed = ET.parse(twins[0] / name).getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert entries, name
        titles = " ".join(collapse(e.findtext(f"{ATOM}title") or "") for e in entries)
        assert VALUES["county.name"] in titles and VALUES["town.jia.name"] in titles
        shown = ""
        for entry in entries:
            content = entry.find(f"{ATOM}content")
            assert content is not None and content.get("type") == "html"
            html = parse(content.text or "")
            assert {e.tag for e in html.iter()} - {"#document"} <= _FEED_TAGS, name
            assert not [a for e in html.iter() for a in e.attrs], name
            shown += html.text
        for tag in ("town.yi.declined.reason", "doc.2.number", "item.3.name"):
            assert VALUES[tag] in shown, (name, tag)
