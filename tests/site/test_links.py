"""Every internal link and anchor of a built site resolves: each href and src of every
page, and each link of the Atom feeds and of the lookup index, names a file in site/, and
each #fragment an element of the page it points into.  Walked on the real catalog, on the
fictional base counties, on the payload county (ids made from hostile headings) and on the
lifecycle scenario (a refusal, a replaced and a draft document).
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.dom import page

SITES = ("data", "base", "payloads", "lifecycle")
# Attributes that point at another resource.
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "xlink:href", "formaction"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", params=SITES)
def site(request: pytest.FixtureRequest, site_of: Callable[[str], Path]) -> Path:
    return site_of(request.param)


def _links(site: Path) -> Iterator[tuple[str, str]]:
    """(page, URL) of every URL in the site's pages, feeds and lookup index."""
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        for element in page(path).iter():
            for attr, value in element.attrs.items():
                if attr in URL_ATTRIBUTES or attr == "data-index":  # data-index: the lookup's JSON
                    yield name, value
                elif attr == "data-bundle":  # the search page's Pagefind index, a folder
                    yield name, value + "pagefind.js"
                elif attr == "srcset":
                    for candidate in value.split(","):
                        yield name, candidate.split()[0]
    for path in sorted(site.rglob("feed.xml")):
        name = path.relative_to(site).as_posix()
        for link in ET.parse(path).getroot().iter(f"{ATOM}link"):
            yield name, link.get("href", "")
    lookup = site / "assets" / "lookup.json"
    index = json.loads(lookup.read_text(encoding="utf-8")) if lookup.is_file() else {"items": [], "townships": []}
    for entry in [*index["items"], *index["townships"]]:
        yield "index.html", entry["url"]  # the lookup resolves its URLs against the site root


def _target(site: Path, page_name: str, url: str) -> tuple[Path, str] | None:
    """The file and fragment a link names, or None for a link out of the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        # Only the 404 page, served at any address, links from the root (MkDocs does so).
        assert page_name == "404.html", f"{page_name}: {url} only works at the root of a server"
        resolved = path.lstrip("/")
    elif path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_name), path))
        assert not resolved.startswith("../"), f"{page_name}: {url} leaves the site"
    else:
        resolved = page_name
    file = site / resolved
    if resolved in (".", "") or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


@cache
def _ids(file: Path) -> frozenset[str]:
    root = page(file)
    return frozenset(e.attrs["id"] for e in root.iter() if "id" in e.attrs) | frozenset(
        e.attrs["name"] for e in root.find_all("a") if "name" in e.attrs
    )


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken, checked, anchors = [], 0, 0
    for name, url in _links(site):
        found = _target(site, name, url)
        if found is None:
            continue
        file, fragment = found
        checked += 1
        if not file.is_file():
            broken.append(f"{name}: {url} (no {file.relative_to(site).as_posix()})")
        elif fragment and file.suffix == ".html":
            anchors += 1
            if fragment not in _ids(file):
                broken.append(f"{name}: {url} (no #{fragment})")
    assert broken == []
    assert checked > 500 and anchors > 10, (checked, anchors)


def test_every_page_is_linked_from_another(site: Path) -> None:
    """No page is an orphan: each generated page is reachable by following links from the home page."""
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        name = todo.pop()
        for element in page(site / name).iter():
            href = element.attrs.get("href") if element.tag == "a" else None
            found = _target(site, name, href) if href else None
            if found and found[0].suffix == ".html" and found[0].is_file():
                target = found[0].relative_to(site).as_posix()
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
    assert sorted(pages - seen) == []
