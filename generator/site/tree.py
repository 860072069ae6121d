"""Everything generated for the site, as one in-memory tree: {path: text or bytes}.

Pages are Markdown (str); assets and exports are bytes.  The MkDocs plugin feeds the tree
to the build, ``python -m generator pages`` writes it to disk.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from datetime import UTC, datetime
from pathlib import Path

from generator import urls
from generator.history.changelog import UNTRACKED, History
from generator.history.changelog_pages import changelog_pages
from generator.history.feed import atom_feed
from generator.markup import TEMPLATES
from generator.model import Catalog, County
from generator.schemas import SCHEMA_DIR
from generator.site import exports, xlsx
from generator.site.lookup import lookup_index
from generator.site.pages import page_tree
from generator.site.search import search_page
from generator.site.views import CountyView


def county_date(county: County) -> str:
    """The latest date a county's data states as fact: its workbooks' date, so that builds
    are reproducible, and a county's files do not change when another county's data does."""
    dates = ["1980-01-01"]  # zip timestamps cannot go before 1980
    dates += [d.date for d in county.documents]
    for town in county.townships:
        dates += [e.effective for e in town.entries if e.effective]
        dates += [e.agreement.date for e in town.entries if e.agreement and e.agreement.date]
        dates += [town.agreement.date] if town.agreement and town.agreement.date else []
        dates += [w.date for w in town.withdrawn]
    return max(dates)


def catalog_date(catalog: Catalog) -> str:
    """The latest date the data states as fact: the build's date (MkDocs's sitemap has it)."""
    return max(["1980-01-01", *(county_date(county) for county in catalog.counties)])


def source_date_epoch(catalog: Catalog) -> int:
    return int(datetime.fromisoformat(catalog_date(catalog)).replace(tzinfo=UTC).timestamp())


def site_tree(
    catalog: Catalog,
    history: History = UNTRACKED,
    *,
    base_url: str = "",
    directory_urls: bool = True,
    schema_dir: Path = SCHEMA_DIR,
    today: str,
    counties: Container[str] | None = None,
    shared: bool = True,
    exported: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, str | bytes]:
    """Pages, change logs and feeds, lookup index, assets, exports and schemas, sorted by path.
    ``base_url`` is the site's address, for the feeds' absolute links and the 公示 sheets' QR
    codes; ``today`` the day it is built as of (an entry whose start date is later is not
    yet a place to go; one whose transition period lasts is still in it).  A part of a
    split build asks for the files of some ``counties`` only, and for the site-wide ones or
    not.  ``exported`` may give counties' JSON text and CSV rows already known (an
    incremental build takes those of unchanged counties from the last site)."""
    schemas = sorted(p.name for p in schema_dir.glob("*.json"))
    pages = page_tree(
        catalog, schemas, history, base_url=base_url, directory_urls=directory_urls, today=today, counties=counties, shared=shared
    )
    tree: dict[str, str | bytes] = {**pages, **changelog_pages(history, catalog, counties=counties, shared=shared)}
    # Each county is encoded once, for its own files and for the whole catalog's.
    texts = {slug: text for slug, (text, _) in (exported or {}).items()}
    rows = {slug: row for slug, (_, row) in (exported or {}).items()}
    for county in (c for c in catalog.counties if counties is None or c.slug in counties):
        view, stamp = CountyView(county), county_date(county)
        files = urls.county_files(county.slug)
        tree[urls.county_feed(county.slug)] = atom_feed(history, catalog, base_url=base_url, county=county.slug)
        texts[county.slug], rows[county.slug] = exports.county_text(county), exports.county_rows(county)
        tree[files["json"]] = exports.county_json(county, texts[county.slug]).encode("utf-8")
        tree[files["csv"]] = exports.catalog_csv((county,), rows)
        tree[files["xlsx"]] = xlsx.county_xlsx(view, stamp)
        tree.update({urls.township_xlsx(county.slug, town.slug): xlsx.township_xlsx(view, town, stamp) for town in county.townships})
        for town in county.townships:
            for name, kind, _ in view.lists(town):
                tree[urls.township_list(county.slug, town.slug, name, "xlsx")] = xlsx.list_xlsx(view, town, name, kind, stamp)
                tree[urls.township_list(county.slug, town.slug, name, "csv")] = exports.list_csv(view, town, kind)
    if shared:
        tree[urls.FEED] = atom_feed(history, catalog, base_url=base_url)
        tree[urls.SEARCH] = search_page(directory_urls=directory_urls)
        tree[urls.LOOKUP_INDEX] = lookup_index(catalog, directory_urls=directory_urls, today=today).encode("utf-8")
        tree.update({asset: (TEMPLATES / asset).read_bytes() for asset in urls.ASSETS})
        tree.update({urls.schema(name): (schema_dir / name).read_bytes() for name in schemas})
        tree[urls.CATALOG_JSON] = exports.catalog_json(catalog, texts).encode("utf-8")
        tree[urls.CATALOG_CSV] = exports.catalog_csv(catalog.counties, rows)
        tree[urls.EXPORT_SCHEMA] = exports.export_schema().encode("utf-8")
    return dict(sorted(tree.items()))
