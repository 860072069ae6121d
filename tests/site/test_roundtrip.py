"""Nothing lost or misstated: every delegated, declined and withdrawn entry of every
township, as the data folder states it, is in the built site's JSON, CSV, XLSX, lookup
index, township page and item page, with the same code, name, mode and scope, and
nothing else is: counts equal, no extra rows.

Run on the real catalog (data/), on the fictional counties of tests/cases/base (declined,
withdrawn and partial scopes) and on the payload scenario (texts that look like markup,
formulas and whitespace).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from generator.catalog import load_catalog
from generator.model import Catalog, County, Mode, Township
from tests.site.conftest import REPO, TODAY
from tests.site.dom import Element, page
from tests.site.dom import seen as collapse

NAMES = ("data", "base", "payloads")

FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    """One line of a township's catalog, in the words every output must agree on."""

    status: str  # 承接, 暂不承接, 已收回
    code: str
    name: str
    mode: str = ""
    scope: str = ""  # sub-items joined by 、, 全部 for the whole item; "" when not delegated
    document: str = ""
    day: str = ""  # effective, expected or withdrawn date
    note: str = ""  # reason
    # The sub-items one by one as written, where an output separates them (names may hold 、).
    parts: tuple[str, ...] = field(default=(), compare=False)


def _expected(county: County, town: Township) -> list[Row]:
    """The township's rows as the data folder states them, in file order."""
    name = {item.code: collapse(item.name) for item in county.items}
    rows = []
    for e in town.entries:
        parts = e.scope or ()
        day = e.effective or ""  # no start date written: none is shown, none made up
        scope = "、".join(collapse(s) for s in parts) or "全部"
        rows.append(Row("承接", e.code, name[e.code], e.mode.value, scope, collapse(e.document), day, parts=parts))
    for d in town.declined:
        reason, document = collapse(d.reason or ""), collapse(d.document or "")
        rows.append(Row("暂不承接", d.code, name[d.code], document=document, day=d.expected or "", note=reason))
    for w in town.withdrawn:
        reason = collapse(w.reason or "")
        rows.append(Row("已收回", w.code, name[w.code], document=collapse(w.document), day=w.date, note=reason))
    return rows


@pytest.fixture(scope="module", params=NAMES)
def built(request: pytest.FixtureRequest, site_of: Callable[[str], Path]) -> tuple[Catalog, Path]:
    site = site_of(request.param)
    data = {"data": REPO / "data", "base": REPO / "tests" / "cases" / "base"}.get(request.param, site.parent / "repo" / "data")
    catalog, problems = load_catalog(data, today=TODAY)
    assert not [p for p in problems if p.severity.value == "error"]
    return catalog, site


def _towns(catalog: Catalog) -> list[tuple[County, Township]]:
    return [(county, town) for county in catalog.counties for town in county.townships]


def test_the_scenarios_have_every_kind_of_row(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    rows = [row for county, town in _towns(catalog) for row in _expected(county, town)]
    kinds = {row.status for row in rows}
    assert kinds == ({"承接"} if site.parent.name.startswith("data") else {"承接", "暂不承接", "已收回"})
    assert any(row.scope != "全部" for row in rows if row.status == "承接")


# JSON -----------------------------------------------------------------------------------------


def _json_rows(county: dict[str, object], town: dict[str, object]) -> list[Row]:
    items = {i["code"]: collapse(i["name"]) for i in county["items"]}  # type: ignore[attr-defined]
    rows = []
    for e in town["entries"]:  # type: ignore[attr-defined]
        scope = "、".join(collapse(s) for s in e["scope"]) if e["scope"] else "全部"
        day = e["effective"] or ""
        rows.append(Row("承接", e["code"], items[e["code"]], e["mode"], scope, collapse(e["document"]), day))
    for d in town["declined"]:  # type: ignore[attr-defined]
        document, reason = collapse(d["document"] or ""), collapse(d["reason"] or "")
        rows.append(Row("暂不承接", d["code"], items[d["code"]], document=document, day=d["expected"] or "", note=reason))
    for w in town["withdrawn"]:  # type: ignore[attr-defined]
        document, reason = collapse(w["document"]), collapse(w["reason"] or "")
        rows.append(Row("已收回", w["code"], items[w["code"]], document=document, day=w["date"], note=reason))
    return rows


def test_json(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    whole = json.loads((site / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    assert [c["slug"] for c in whole["counties"]] == [c.slug for c in catalog.counties]
    for county, doc in zip(catalog.counties, whole["counties"], strict=True):
        alone = json.loads((site / "downloads" / f"{county.slug}.json").read_text(encoding="utf-8"))["county"]
        assert alone == doc
        assert [t["slug"] for t in doc["townships"]] == [t.slug for t in county.townships]
        for town, found in zip(county.townships, doc["townships"], strict=True):
            assert _json_rows(doc, found) == _expected(county, town), town.slug


# CSV ------------------------------------------------------------------------------------------


def _text(cell: str) -> str:
    """A CSV cell's text: the apostrophe that keeps a formula-like text from running is not data."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA) else cell


def _csv_rows(path: Path) -> dict[tuple[str, str], list[Row]]:
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    found: dict[tuple[str, str], list[Row]] = {}
    for line in lines[1:]:
        county, town, status, mode, _dept, code, name, _type, scope, *facts, note = (collapse(_text(c)) for c in line)
        # Each state's document and date in columns of their own (依据文件 生效日期, 批准文件 预计承接日期,
        # 收回文件 收回日期); the other states' columns are empty.
        pairs = {"承接": (0, 1), "暂不承接": (2, 3), "已收回": (4, 5)}[status]
        document, day = facts[pairs[0]], facts[pairs[1]]
        assert [f for n, f in enumerate(facts) if n not in pairs and f] == [], line
        found.setdefault((county, town), []).append(Row(status, code, name, mode, scope, document, day, note))
    return found


def test_csv(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    everything = {(collapse(c.name), collapse(t.name)): _expected(c, t) for c, t in _towns(catalog)}
    assert _csv_rows(site / "downloads" / "catalog.csv") == everything
    for county in catalog.counties:
        mine = {key: rows for key, rows in everything.items() if key[0] == collapse(county.name)}
        assert _csv_rows(site / "downloads" / f"{county.slug}.csv") == mine


# XLSX -----------------------------------------------------------------------------------------

_HEADING = re.compile(r"^[一二三四五六七八九十]、(.+)（(\d+)项）$")


def _sheet(path: Path) -> list[tuple[object, ...]]:
    return [tuple(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def _groups(path: Path) -> tuple[str, dict[str, list[tuple[str, str, str]]]]:
    """The title, and each group's rows as (code, name, remark), checking the stated counts
    (of items: the county lists an item once per scope it is given in)."""
    rows = _sheet(path)
    groups: dict[str, list[tuple[str, str, str]]] = {}
    stated: dict[str, int] = {}
    current = ""
    for row in rows[2:]:
        if isinstance(row[0], str) and (found := _HEADING.match(row[0])) and row[1:] == (None,) * 5:
            current = found.group(1)
            stated[current] = int(found.group(2))
            groups[current] = []
        elif not (isinstance(row[0], str) and row[0].startswith("注：")):  # the attachment's closing 注
            assert isinstance(row[0], int), row
            groups[current].append((str(row[2]), collapse(str(row[3])), collapse(str(row[5] or ""))))
    assert {k: len({code for code, _, _ in v}) for k, v in groups.items()} == stated, path
    numbers = [row[0] for row in rows[2:] if isinstance(row[0], int)]
    assert numbers == list(range(1, len(numbers) + 1))
    return collapse(str(rows[0][0])), groups


def _verb(mode: str) -> str:
    return {"直接下放": "下放", "委托": "委托", "下放实质性审核权": "下放", "服务窗口前移": "前移"}[mode]


def test_township_xlsx(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    for county, town in _towns(catalog):
        title, groups = _groups(site / "downloads" / county.slug / f"{town.slug}.xlsx")
        expected = _expected(county, town)
        # Counted as the township page counts: the items it takes, the others apart.
        counts = [f"承接{len([r for r in expected if r.status == '承接'])}项"]
        counts += [f"{status}{n}项" for status in ("暂不承接", "已收回") if (n := len([r for r in expected if r.status == status]))]
        assert title == collapse(f"{county.name}{town.name}赋权事项目录（{'，'.join(counts)}）")
        for mode in Mode:
            rows = [r for r in expected if r.mode == mode.value]
            got = groups.pop(f"{mode.value}事项", [])
            # file order within each mode group; the remark names the sub-items delegated
            assert [(c, n) for c, n, _ in got] == [(r.code, r.name) for r in rows], (town.slug, mode)
            remarks = [collapse(_verb(r.mode) + "".join(f"“{s}”" for s in r.parts)) if r.parts else "" for r in rows]
            assert [remark for _, _, remark in got] == remarks
        for status, group in (("暂不承接", "暂不承接事项"), ("已收回", "已收回事项")):
            rows = [r for r in expected if r.status == status]
            got = groups.pop(group, [])
            assert [(c, n) for c, n, _ in got] == [(r.code, r.name) for r in rows], (town.slug, status)
            for (_, _, remark), row in zip(got, rows, strict=True):
                assert row.note in remark and row.day in remark and (status == "暂不承接" or row.document in remark)
        assert groups == {}, "rows that the data does not have"


def test_county_xlsx(built: tuple[Catalog, Path]) -> None:
    """The county's list has each item once per mode and scope; the remark names the
    townships that have it that way unless all of them do."""
    catalog, site = built
    for county in catalog.counties:
        title, groups = _groups(site / "downloads" / f"{county.slug}.xlsx")
        towns = [collapse(t.name) for t in county.townships]
        held: dict[tuple[str, str, str], list[str]] = {}
        for town in county.townships:
            for row in _expected(county, town):
                if row.status == "承接":
                    held.setdefault((row.mode, row.code, row.scope), []).append(collapse(town.name))
        given, receiving = len({code for _, code, _ in held}), len({t for names in held.values() for t in names})
        titled = [a.title for a in county.attachments if a.title]
        made = f"{county.name}乡镇赋权事项清单（{given}项，赋予{receiving}个乡镇）"
        assert title == collapse(titled[0] if len(titled) == 1 else made)
        found: dict[tuple[str, str, str], list[str]] = {}
        for group, rows in groups.items():
            mode = group.removesuffix("事项")
            for code, _, remark in rows:
                scope = "、".join(collapse(s) for s in re.findall(r"“(.*?)”", remark.split("；")[0])) or "全部"
                named = [t for t in towns if t in remark]
                found[(mode, code, scope)] = named or towns
        assert found == held, county.slug


# Lookup index -------------------------------------------------------------------------------


def test_lookup_index(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    index = json.loads((site / "assets" / "lookup.json").read_text(encoding="utf-8"))
    towns = index["townships"]
    assert len(towns) == len(_towns(catalog))
    for (county, town), found in zip(_towns(catalog), towns, strict=True):
        assert (found["county"], found["name"]) == (county.name, town.name)
        items, modes = index["items"], index["modes"]
        rows = [(items[i]["code"], collapse(items[i]["name"]), modes[m], "、".join(collapse(s) for s in scope) or "全部")
                for i, m, scope, *_ in found["entries"]]
        assert rows == [(r.code, r.name, r.mode, r.scope) for r in _expected(county, town) if r.status == "承接"]


# Pages ----------------------------------------------------------------------------------------


def _article(path: Path) -> Element:
    articles = page(path).find_all("article")
    assert len(articles) == 1, path
    return articles[0]


def _lines(element: Element) -> list[str]:
    """The text of an element split where it has line breaks."""
    lines: list[list[str]] = [[]]

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                lines[-1].append(child)
            elif child.tag == "br":
                lines.append([])
            else:
                walk(child)

    walk(element)
    return [collapse("".join(line)) for line in lines]


def _code(href: str) -> str:
    found = re.fullmatch(r"(?:\.\./)+items/([0-9A-Z]+)/", href)
    assert found, href
    return found.group(1)


def _cells(tr: Element) -> list[Element]:
    return [c for c in tr.children if isinstance(c, Element) and c.tag in ("td", "th")]


def _page_rows(path: Path) -> list[Row]:
    """A township page's catalog: mode sections of numbered items (the 行政执法 list's after the 审批服务 list's), the
    declined and withdrawn tables; the 配合事项 and the refused claims are no delegated entries."""
    rows: list[Row] = []
    section, stated = "", dict[str, tuple[str, int]]()
    for element in _article(path).children:
        if not isinstance(element, Element):
            continue
        if element.tag == "h2":
            found = re.fullmatch(r"(?:行政执法 · )?(.+)（(\d+) 项）", collapse(element.text))
            section = found.group(1) if found and found.group(1) not in ("配合事项", "不予赋权") else ""
            if found and section:
                stated[collapse(element.text)] = (section, int(found.group(2)))
        elif element.tag == "ol" and section in {m.value for m in Mode}:
            for li in element.children:
                if not isinstance(li, Element):
                    continue
                link = li.find_all("a")[0]
                lines = _lines(li)
                code = _code(link.attrs["href"])
                assert lines[1].endswith(f" · 事项编码 {code}"), lines
                scope = next((line.split("以下子项：", 1)[1] for line in lines if line.startswith(f"只{_verb(section)}以下子项：")), "全部")
                basis = next(line for line in lines if line.startswith("依据"))
                dated = r"（\d{4}-\d\d-\d\d(?:，已被.*替代|，已废止)?）"  # the document's date, and whether it is still in force
                said = re.fullmatch(rf"依据(.*?)(?:{dated})?，(?:自 (\d{{4}}-\d\d-\d\d) 起|起始日期未写明)(；.*)?", basis)
                assert said is not None, basis
                document, day = said.group(1), said.group(2) or ""
                rows.append(Row("承接", code, collapse(link.text), section, scope, document, day))
        elif element.tag == "table" and section in ("暂不承接", "已收回"):
            for tr in element.find_all("tbody")[0].find_all("tr"):
                cells = _cells(tr)
                code, name = _code(cells[0].find_all("a")[0].attrs["href"]), collapse(cells[0].text)
                texts = ["" if c.text == "—" else collapse(c.text) for c in cells]
                if section == "暂不承接":
                    rows.append(Row("暂不承接", code, name, note=texts[1], day=texts[2], document=texts[3]))
                else:
                    rows.append(Row("已收回", code, name, day=texts[1], document=texts[2], note=texts[3]))
    counted = Counter[str]()
    for section, n in stated.values():
        counted[section if section in ("暂不承接", "已收回") else "承接"] += n
    for status in ("承接", "暂不承接", "已收回"):
        assert counted[status] == len([r for r in rows if r.status == status]), f"a {status} section's count is not its rows'"
    return rows


def _by_mode(county: County, rows: list[Row]) -> list[Row]:
    """Entries grouped by list (审批服务, then 行政执法) and mode as the page shows them (most delegated first), file order
    within."""
    order = [m.value for m in Mode]
    kind = {item.code: item.list_kind != "审批服务" for item in county.items}
    delegated = sorted((r for r in rows if r.status == "承接"), key=lambda r: (kind[r.code], order.index(r.mode)))
    return delegated + [r for r in rows if r.status != "承接"]


def test_township_pages(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    for county, town in _towns(catalog):
        path = site / county.slug / "townships" / town.slug / "index.html"
        assert _page_rows(path) == _by_mode(county, _expected(county, town)), town.slug


def test_item_pages(built: tuple[Catalog, Path]) -> None:
    """Each item's page lists every township that has it, with its mode, scope and date."""
    catalog, site = built
    for county in catalog.counties:
        for item in county.items:
            tables = _article(site / county.slug / "items" / item.code / "index.html").find_all("table")
            # An enforcement item's table also says what the county keeps, before 自何时起.
            heads = (["地方", "赋权方式", "范围", "自何时起"], ["地方", "赋权方式", "范围", "区县保留", "自何时起"])
            where = next(t for t in tables if [c.text for c in _cells(t.find_all("tr")[0])] in heads)
            rows = [[collapse(c.text) for c in _cells(tr)] for tr in where.find_all("tbody")[0].find_all("tr")[1:]]
            shown = [(*row[:3], row[-1]) for row in rows]
            expected = [(collapse(t.name), r.mode, r.scope, r.day or "未写明") for t in county.townships for r in _expected(county, t)
                        if r.status == "承接" and r.code == item.code]
            assert shown == expected, item.code


def test_no_entry_without_a_page_and_no_page_without_an_entry(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    for county in catalog.counties:
        towns = {p.parent.name for p in (site / county.slug / "townships").glob("*/index.html")}
        items = {p.parent.name for p in (site / county.slug / "items").glob("*/index.html")}
        assert towns == {t.slug for t in county.townships}
        assert items == {i.code for i in county.items}


def test_xlsx_has_no_hidden_rows_or_sheets(built: tuple[Catalog, Path]) -> None:
    """What the lists above read is all a spreadsheet holds: one visible sheet, no hidden rows."""
    _, site = built
    for path in sorted((site / "downloads").rglob("*.xlsx")):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            assert names == ["xl/worksheets/sheet1.xml"]
            sheet = ET.fromstring(archive.read(names[0]))
        assert not [e for e in sheet.iter() if e.get("hidden") in ("1", "true")], path
