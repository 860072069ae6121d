"""The static index behind the home page's lookup, read by ``assets/lookup.js``.

Compact, since a phone downloads it whole: items once, then each township's entries as
``[item index, mode index, scope]``; the script derives groups by mode and the townships
of each item from that.  Entries keep the file order, as the official lists do.
"""

from __future__ import annotations

import json

from generator.model import Catalog, Mode


def page_url(md_path: str, *, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def lookup_index(catalog: Catalog, *, directory_urls: bool = True) -> str:
    """The index as compact, deterministic JSON."""
    modes = list(Mode)
    items: list[dict[str, str]] = []
    townships: list[dict[str, object]] = []
    for county in catalog.counties:
        index = {item.code: len(items) + n for n, item in enumerate(county.items)}
        for item in county.items:
            url = page_url(f"{county.slug}/items/{item.code}.md", directory_urls=directory_urls)
            items.append({"county": county.name, "name": item.name, "code": item.code, "url": url})
        for town in county.townships:
            townships.append(
                {
                    "county": county.name,
                    "name": town.name,
                    "url": page_url(f"{county.slug}/townships/{town.slug}.md", directory_urls=directory_urls),
                    "entries": [[index[e.code], modes.index(e.mode), list(e.scope or ())] for e in town.entries],
                }
            )
    data = {"modes": [m.value for m in modes], "items": items, "townships": townships}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
