"""What a citizen reads in the built pages: phone numbers and e-mail addresses as links,
lists that are lists, the 公示 sheet of each township, the 404 page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.markup import mailto, md, tel
from generator.site.modes import SCOPE_VERB
from generator.site.qr import qr_svg
from generator.site.tree import site_tree
from generator.site.views import CountyView
from tests.site.conftest import REPO, TODAY
from tests.site.dom import Element, collapse, page


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("8829156", "[8829156](tel:8829156)"),  # no area code: none is added
        ("0632-8829156", "[0632&#45;8829156](tel:06328829156)"),
        ("（0632）8829156", "[（0632）8829156](tel:06328829156)"),
        ("+86 632 8829156", "[&#43;86 632 8829156](tel:+866328829156)"),
        ("---", "&#45;&#45;&#45;"),  # nothing to dial: text only
    ],
)
def test_a_phone_number_links_its_digits_as_given(phone: str, link: str) -> None:
    assert tel(phone) == link


@pytest.mark.parametrize(
    ("email", "link"),
    [
        ("stzwfw@zz.shandong.cn", "[stzwfw&#64;zz&#46;shandong&#46;cn](mailto:stzwfw@zz.shandong.cn)"),
        ("<img/src=x>(a)@b", "[&#60;img&#47;src&#61;x&#62;&#40;a&#41;&#64;b](mailto:%3Cimg%2Fsrc%3Dx%3E%28a%29@b)"),
    ],
)
def test_an_email_address_links_percent_encoded(email: str, link: str) -> None:
    assert mailto(email) == link


def _links(html: Path) -> list[tuple[str, str]]:
    return [(a.attrs.get("href", ""), a.text) for a in page(html).find_all("a")]


def test_phones_and_email_are_links_on_the_real_pages(site_of: Callable[[str], Path]) -> None:
    site = site_of("data")
    assert ("tel:8829156", "8829156") in _links(site / "shanting" / "items" / "3700000715006" / "index.html")
    county = _links(site / "shanting" / "index.html")
    assert ("tel:8829156", "8829156") in county
    assert ("mailto:stzwfw@zz.shandong.cn", "stzwfw@zz.shandong.cn") in county


def test_a_guides_phones_and_a_service_centre_phone_are_links(site_of: Callable[[str], Path]) -> None:
    site = site_of("escaping")
    assert ("tel:06321", "(0632) 1") in _links(site / "evil" / "items" / "X0001" / "index.html")
    assert ("tel:12345", "12345") in _links(site / "evil" / "items" / "X0001" / "index.html")
    assert ("tel:1234", "1234") in _links(site / "evil" / "townships" / "evil" / "index.html")


def _next(element: Element) -> Element | None:
    assert element.parent is not None
    siblings = [e for e in element.parent.children if isinstance(e, Element)]
    found = siblings.index(element) + 1
    return siblings[found] if found < len(siblings) else None


def test_declined_and_withdrawn_townships_are_a_list_on_the_item_page(site_of: Callable[[str], Path]) -> None:
    data = REPO / "tests" / "cases" / "base"
    site = site_of("base")
    catalog = load_catalog(data, today=TODAY)[0]
    seen = 0
    for county in catalog.counties:
        for item in county.items:
            article = page(site / county.slug / "items" / item.key / "index.html").find_all("article")[0]
            for label, rows in (("暂不承接：", "declined"), ("已收回：", "withdrawn")):
                towns = [t.name for t in county.townships for row in getattr(t, rows) if row.code == item.key]
                if not towns:
                    continue
                heads = [p for p in article.find_all("p") if p.text == label]
                assert len(heads) == 1, (item.key, label)
                listed = _next(heads[0])
                assert listed is not None and listed.tag == "ul"
                assert [li.find_all("a")[0].text for li in listed.find_all("li")] == towns
                seen += 1
    assert seen >= 3


def _rows(table: Element) -> list[list[str]]:
    return [[c.text for c in tr.find_all("td")] for tr in table.find_all("tbody")[0].find_all("tr")]


@pytest.mark.parametrize("name", ["data", "base"])
def test_a_notice_sheet_per_township_states_what_the_data_says(site_of: Callable[[str], Path], name: str) -> None:
    """Its catalog (name, mode, department) in the township page's order, service centre,
    documents, declined and withdrawn items, linked from the township page; 未登记 where
    the data says nothing."""
    site = site_of(name)
    catalog = load_catalog(REPO / "data" if name == "data" else REPO / "tests" / "cases" / "base", today=TODAY)[0]
    unregistered = 0
    for county in catalog.counties:
        view = CountyView(county)
        for town in county.townships:
            links = [a.attrs["href"] for a in page(site / county.slug / "townships" / town.slug / "index.html").find_all("a")]
            assert f"../../notices/{town.slug}/" in links
            article = page(site / county.slug / "notices" / town.slug / "index.html").find_all("article")[0]
            assert article.find_all("h1")[0].text == f"{collapse(town.name)}赋权事项公示"
            tables = article.find_all("table")
            centre = town.service_center
            assert _rows(tables[0])[0] == ["办事地点", collapse(centre.name) if centre else "未登记"]
            unregistered += centre is None
            expected = []
            for mode, entries in view.groups(town):
                for e in entries:
                    item = view.item(e.code)
                    scope = f"（只{SCOPE_VERB[mode]}：{'、'.join(e.scope)}）" if e.scope else ""
                    department = collapse(item.department or "未登记")
                    expected.append([str(len(expected) + 1), collapse(item.name + scope), mode.value, department])
            assert (_rows(tables[1]) if town.entries else []) == expected, town.slug
            text = article.text
            assert [n for n in dict.fromkeys(e.document for e in town.entries) if collapse(n) not in text] == []
            assert [r.code for r in (*town.declined, *town.withdrawn) if collapse(view.item(r.code).name) not in text] == []
            assert "本公示没有二维码：生成网站时没有配置网站地址（SITE_URL），无法得知" in text and not article.find_all("svg")
    assert unregistered or name == "data"


@pytest.mark.parametrize(
    ("directory_urls", "address"),
    [(True, "https://catalog.example.gov.cn/sub/shanting/townships/xiji/"), (False, "https://catalog.example.gov.cn/sub/shanting/townships/xiji.html")],
)
def test_the_notice_qr_code_is_the_township_page_address(directory_urls: bool, address: str) -> None:
    catalog = load_catalog(REPO / "data", today=TODAY)[0]
    base = "https://catalog.example.gov.cn/sub/"
    made = [site_tree(catalog, base_url=base, directory_urls=directory_urls, today=TODAY) for _ in range(2)]
    assert made[0] == made[1]  # the same bytes every time
    sheet = str(made[0]["shanting/notices/xiji.md"])
    assert f"\n\n{qr_svg(address)}\n\n" in sheet  # a raw HTML block of its own
    assert f"每个事项的办事指南、谁受理、谁决定，见西集镇的目录页：{md(address)}\n" in sheet
    assert "本公示没有二维码" not in sheet
