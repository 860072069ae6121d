"""The static index behind the home page's lookup, read by ``assets/lookup.js``.

Compact, since a phone downloads it whole: items once, then each township's entries as
``[item index, mode index, scope]``; the script derives groups by mode and the townships
of each item from that.  Entries keep the file order, as the official lists do.
"""

from __future__ import annotations

import json

from generator import urls
from generator.model import Catalog, Mode
from generator.urls import page_url


def lookup_index(catalog: Catalog, *, directory_urls: bool = True) -> str:
    modes = list(Mode)
    items: list[dict[str, str]] = []
    townships: list[dict[str, object]] = []
    for county in catalog.counties:
        index = {item.key: len(items) + n for n, item in enumerate(county.items)}
        for item in county.items:
            url = page_url(urls.item(county.slug, item.key), directory_urls=directory_urls)
            items.append({"county": county.name, "name": item.name, "code": item.code or "", "url": url})
        for town in county.townships:
            url = page_url(urls.township(county.slug, town.slug), directory_urls=directory_urls)
            entries = [[index[e.code], modes.index(e.mode), list(e.scope or ())] for e in town.entries]
            townships.append({"county": county.name, "name": town.name, "url": url, "entries": entries})
    data = {"modes": [m.value for m in modes], "items": items, "townships": townships}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
