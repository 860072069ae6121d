"""The static index behind the home page's lookup, read by ``assets/lookup.js``.

Compact, since a phone downloads it whole: items once, then each township's entries as
``[item index, mode index, scope, reserved, start date if not yet in force]`` and the items it declined or gave back; the script
derives groups by mode and the townships of each item from that, and answers a township
and a matter together.  Entries keep the file order, as the official lists do.
"""

from __future__ import annotations

import json

from generator import urls
from generator.model import LIST_KINDS, Catalog, Mode
from generator.site.modes import enforcing, roles
from generator.urls import page_url


def lookup_index(catalog: Catalog, *, today: str, directory_urls: bool = True) -> str:
    """The index; an entry starting after ``today`` (the day the site is built as of)
    carries its start date, so the answer says from when, not 能办."""
    modes = list(Mode)
    items: list[dict[str, object]] = []
    townships: list[dict[str, object]] = []
    for county in catalog.counties:
        index = {item.key: len(items) + n for n, item in enumerate(county.items)}
        for item in county.items:
            url = page_url(urls.item(county.slug, item.key), directory_urls=directory_urls)
            # Where the data names no department, the pages say the county's departments.
            department = item.department or f"{county.name}实施部门"
            items.append({"county": county.name, "name": item.name, "code": item.code or "", "url": url, "department": department,
                          "sub_items": list(item.sub_items), "aliases": list(item.aliases), "list": LIST_KINDS.index(item.list_kind),
                          "reserved": item.reserved or ""})
        for town in county.townships:
            url = page_url(urls.township(county.slug, town.slug), directory_urls=directory_urls)
            entries = [[index[e.code], modes.index(e.mode), list(e.scope or ()), e.reserved or "", _later(e.effective, today)]
                       for e in town.entries]
            townships.append({"county": county.name, "name": town.name, "url": url, "entries": entries,
                              "declined": [index[r.code] for r in town.declined], "withdrawn": [index[r.code] for r in town.withdrawn]})
    # Who decides in each mode, and for an enforcement item who enforces in whose name, as the
    # pages word it, with the township and department to fill in.
    decides = [roles(mode, "{town}", "{department}", "").decides for mode in modes]
    enforces = [[(e := enforcing(mode, "{town}", "{department}")).enforces, e.decides] for mode in modes]
    data = {"modes": [m.value for m in modes], "lists": list(LIST_KINDS), "decides": decides, "enforces": enforces, "items": items,
            "townships": townships}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _later(effective: str | None, today: str) -> str:
    return effective if effective and effective > today else ""
