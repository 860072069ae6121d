"""Everything generated for the site, as one in-memory tree: {path: text or bytes}.

Pages are Markdown (str); assets and exports are bytes.  The MkDocs plugin feeds the tree
to the build, ``python -m generator pages`` writes it to disk.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from generator.history.changelog import UNTRACKED, History
from generator.history.tree import history_tree
from generator.model import Catalog
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
) -> dict[str, str | bytes]:
    """Pages, change logs and feeds, lookup index, assets, exports and schemas, sorted by path.
    ``base_url`` is the site's address, for the feeds' absolute links."""
    schemas = sorted(p.name for p in schema_dir.glob("*.json"))
    tree: dict[str, str | bytes] = dict(page_tree(catalog, schemas, history, directory_urls=directory_urls))
    tree[SEARCH_PAGE] = search_page(directory_urls=directory_urls)
    tree.update(history_tree(history, catalog, base_url=base_url))
    tree["assets/lookup.json"] = lookup_index(catalog, directory_urls=directory_urls).encode("utf-8")
    for asset in ASSETS:
        tree[asset] = (TEMPLATES / asset).read_bytes()
    for name in schemas:
        tree[f"schemas/{name}"] = (schema_dir / name).read_bytes()
    stamp = catalog_date(catalog)
    # Each county is encoded once, for its own file and for the whole catalog's.
    texts = {county.slug: exports.county_text(county) for county in catalog.counties}
    tree[CATALOG_JSON] = exports.catalog_json(catalog, texts).encode("utf-8")
    tree[CATALOG_CSV] = exports.catalog_csv(catalog.counties)
    tree[EXPORT_SCHEMA] = exports.export_schema().encode("utf-8")
    for county in catalog.counties:
        view = CountyView(county)
        files = county_files(county.slug)
        tree[files["json"]] = exports.county_json(county, texts[county.slug]).encode("utf-8")
        tree[files["csv"]] = exports.catalog_csv((county,))
        tree[files["xlsx"]] = xlsx.county_xlsx(view, stamp)
        for town in county.townships:
            tree[township_xlsx(county.slug, town.slug)] = xlsx.township_xlsx(view, town, stamp)
    return dict(sorted(tree.items()))
