"""Everything the change history adds to the site, in one call for the site's tree."""

from __future__ import annotations

from collections.abc import Container

from generator.history.changelog import History
from generator.history.feed import atom_feed
from generator.history.pages import FEED, changelog_pages, county_feed
from generator.model import Catalog


def history_tree(
    history: History, catalog: Catalog, *, base_url: str, counties: Container[str] | None = None, shared: bool = True
) -> dict[str, str]:
    """The change-log pages and the Atom feeds: {path relative to the docs folder: text};
    only those of ``counties`` (all by default), and the site-wide ones if ``shared``."""
    tree = changelog_pages(history, catalog, counties=counties, shared=shared)
    if shared:
        tree[FEED] = atom_feed(history, catalog, base_url=base_url)
    for county in catalog.counties:
        if counties is not None and county.slug not in counties:
            continue
        tree[county_feed(county.slug)] = atom_feed(history, catalog, base_url=base_url, county=county.slug)
    return dict(sorted(tree.items()))
