"""Everything generated for the site, as one in-memory tree: {path: text or bytes}.

Pages are Markdown (str); assets and exports are bytes.  The MkDocs plugin feeds the tree
to the build, ``python -m generator pages`` writes it to disk.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import UTC, date, datetime
from pathlib import Path

from generator.history.changelog import UNTRACKED, History
from generator.history.pages import county_changes, county_feed, township_changes
from generator.history.tree import history_tree
from generator.model import Catalog, County
from generator.schemas import SCHEMA_DIR
from generator.site import exports, xlsx
from generator.site.lookup import lookup_index
from generator.site.pages import CATALOG_CSV, CATALOG_JSON, EXPORT_SCHEMA, county_files, page_tree, township_xlsx
from generator.site.render import TEMPLATES
from generator.site.search import SEARCH_PAGE, search_page
from generator.site.views import CountyView

ASSETS = ("assets/lookup.js", "assets/search.js", "assets/catalog.css")
# Zip timestamps cannot go before 1980.
_EARLIEST = "1980-01-01"


def catalog_date(catalog: Catalog) -> str:
    """The latest date the data states as fact: the build's date, so builds are reproducible."""
    dates = [_EARLIEST]
    for county in catalog.counties:
        dates += [d.date for d in county.documents]
        for town in county.townships:
            dates += [e.effective for e in town.entries if e.effective]
            dates += [e.agreement.date for e in town.entries if e.agreement and e.agreement.date]
            dates += [w.date for w in town.withdrawn]
    return max(dates)


def source_date_epoch(catalog: Catalog) -> int:
    """SOURCE_DATE_EPOCH for this catalog: midnight UTC of :func:`catalog_date`."""
    day = date.fromisoformat(catalog_date(catalog))
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def site_tree(
    catalog: Catalog,
    history: History = UNTRACKED,
    *,
    base_url: str = "",
    directory_urls: bool = True,
    schema_dir: Path = SCHEMA_DIR,
    counties: Container[str] | None = None,
    shared: bool = True,
) -> dict[str, str | bytes]:
    """Pages, change logs and feeds, lookup index, assets, exports and schemas, sorted by path.
    ``base_url`` is the site's address, for the feeds' absolute links.  A part of a split
    build asks for the files of some ``counties`` only, and for the site-wide ones or not."""
    schemas = sorted(p.name for p in schema_dir.glob("*.json"))
    pages = page_tree(catalog, schemas, history, directory_urls=directory_urls, counties=counties, shared=shared)
    tree: dict[str, str | bytes] = dict(pages)
    tree.update(history_tree(history, catalog, base_url=base_url, counties=counties, shared=shared))
    stamp = catalog_date(catalog)
    # Each county is encoded once, for its own files and for the whole catalog's.
    texts: dict[str, str] = {}
    rows: dict[str, str] = {}
    for county in catalog.counties:
        if counties is not None and county.slug not in counties:
            continue
        view = CountyView(county)
        files = county_files(county.slug)
        texts[county.slug], rows[county.slug] = exports.county_text(county), exports.county_rows(county)
        tree[files["json"]] = exports.county_json(county, texts[county.slug]).encode("utf-8")
        tree[files["csv"]] = exports.catalog_csv((county,), rows)
        tree[files["xlsx"]] = xlsx.county_xlsx(view, stamp)
        for town in county.townships:
            tree[township_xlsx(county.slug, town.slug)] = xlsx.township_xlsx(view, town, stamp)
    if shared:
        tree[SEARCH_PAGE] = search_page(directory_urls=directory_urls)
        tree["assets/lookup.json"] = lookup_index(catalog, directory_urls=directory_urls).encode("utf-8")
        for asset in ASSETS:
            tree[asset] = (TEMPLATES / asset).read_bytes()
        for name in schemas:
            tree[f"schemas/{name}"] = (schema_dir / name).read_bytes()
        tree[CATALOG_JSON] = exports.catalog_json(catalog, texts).encode("utf-8")
        tree[CATALOG_CSV] = exports.catalog_csv(catalog.counties, rows)
        tree[EXPORT_SCHEMA] = exports.export_schema().encode("utf-8")
    return dict(sorted(tree.items()))


def county_paths(county: County) -> list[str]:
    """The paths :func:`site_tree` gives one county, without making their content."""
    paths = [f"{county.slug}/index.md", f"{county.slug}/documents.md", county_changes(county.slug), county_feed(county.slug)]
    paths += county_files(county.slug).values()
    for town in county.townships:
        paths += [f"{county.slug}/townships/{town.slug}.md", township_changes(county.slug, town.slug)]
        paths.append(township_xlsx(county.slug, town.slug))
    paths += [f"{county.slug}/items/{item.code}.md" for item in county.items]
    return paths
