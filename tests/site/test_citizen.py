"""What a citizen reads in the built pages: phone numbers and e-mail addresses as links,
lists that are lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.markup import mailto, tel
from tests.site.conftest import REPO, TODAY
from tests.site.dom import Element, page


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
