"""The static index behind the home page's lookup: townships → matters by mode, and
matters → townships.  Read by ``assets/lookup.js``, which inserts it as text only."""

from __future__ import annotations

import json
from functools import partial

from generator.model import Catalog
from generator.site.views import CountyView


def page_url(md_path: str, *, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _url(county: str, kind: str, key: str, *, directory_urls: bool) -> str:
    return page_url(f"{county}/{kind}/{key}.md", directory_urls=directory_urls)


def lookup_index(catalog: Catalog, *, directory_urls: bool = True) -> str:
    """The index as compact, deterministic JSON."""
    townships = []
    items = []
    for county in catalog.counties:
        view = CountyView(county)
        url = partial(_url, county.slug, directory_urls=directory_urls)
        for town in county.townships:
            groups = [
                {
                    "mode": mode.value,
                    "items": [{"name": view.item(e.code).name, "url": url("items", e.code), "scope": list(e.scope or ())} for e in entries],
                }
                for mode, entries in view.groups(town)
            ]
            townships.append({"county": county.name, "name": town.name, "url": url("townships", town.slug), "groups": groups})
        for item in county.items:
            places = [
                {"name": town.name, "url": url("townships", town.slug), "mode": e.mode.value, "scope": list(e.scope or ())}
                for town, e in view.places[item.code]
            ]
            items.append({"county": county.name, "name": item.name, "code": item.code, "url": url("items", item.code), "places": places})
    data = {"townships": townships, "items": items}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
