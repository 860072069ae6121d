"""The catalog as a tree of Markdown pages: {path relative to the docs folder: text}.

Generated pages stay out of the navigation; the home and county pages list them, so a
page's weight does not grow with the number of townships and items (issue 3 §5).
"""

from __future__ import annotations

from collections.abc import Container

from generator import urls
from generator.history.changelog import History
from generator.markup import render
from generator.model import Catalog, County, Mode
from generator.problems import Severity
from generator.rules import RULES
from generator.site.modes import MARK, SCOPE_VERB, SUMMARY, acceptance_term, equal_acceptance
from generator.site.exports import FORMAT
from generator.site.views import CountyView, GuideView
from generator.urls import RECENT, county_changes, page_url, township_changes

# Up to this many items in all, the home page lists every one; a larger catalog (a city,
# a province) links each county's item table instead, so the home page stays light.
HOME_ITEMS = 300


def _list_items(catalog: Catalog) -> bool:
    return sum(len(county.items) for county in catalog.counties) <= HOME_ITEMS


def _updated(page: str, date: str | None, changes: str) -> dict[str, str | None]:
    """最后更新 of a page, and the relative link to the change log that explains it."""
    return {"updated": date, "changes": changes}


def page_tree(
    catalog: Catalog,
    schemas: list[str],
    history: History,
    *,
    directory_urls: bool = True,
    counties: Container[str] | None = None,
    shared: bool = True,
) -> dict[str, str]:
    """Every generated page of the site; ``schemas`` are the schema file names published.
    Only the pages of ``counties`` (all by default), and the site-wide ones if ``shared``."""
    views = CountyView.of(catalog)
    common = {"Mode": Mode, "SUMMARY": SUMMARY, "MARK": MARK, "SCOPE_VERB": SCOPE_VERB}
    pages: dict[str, str] = _shared_pages(catalog, views, schemas, history, directory_urls, common) if shared else {}
    for view in views:
        if counties is None or view.county.slug in counties:
            pages.update(_county_pages(view, common, history))
    return dict(sorted(pages.items()))


def _shared_pages(
    catalog: Catalog, views: list[CountyView], schemas: list[str], history: History, directory_urls: bool, common: dict[str, object]
) -> dict[str, str]:
    latest = history.updated()
    home = {"search_url": page_url(urls.SEARCH, directory_urls=directory_urls), "list_items": _list_items(catalog)}
    pages = {
        urls.HOME: render("home.md.j2", urls.HOME, views=views, guides=catalog.guides, **home, **_updated(urls.HOME, latest, RECENT), **common),
        urls.DOWNLOADS: render(
            "downloads.md.j2", urls.DOWNLOADS, views=views, schemas=schemas, version=FORMAT["version"], **_updated(urls.DOWNLOADS, latest, RECENT)
        ),
    }
    pages[urls.RULES] = render(
        "rules.md.j2",
        urls.RULES,
        delegation=[r for r in RULES.values() if r.check],
        files=[r for r in RULES.values() if not r.check],
        SEVERITY={Severity.ERROR: "错误", Severity.WARNING: "警告"},
    )
    for guide in catalog.guides:
        page = urls.guide(guide.slug)
        pages[page] = render(
            "guide.md.j2",
            page,
            guide=guide,
            g=GuideView.of(catalog, guide),
            older=catalog.guide(guide.replaces) if guide.replaces else None,
            newer_editions=[g for g in catalog.guides if g.replaces == guide.slug],
        )
    return pages


def _county_pages(view: CountyView, common: dict[str, object], history: History) -> dict[str, str]:
    county: County = view.county
    base = county.slug
    shared = {"v": view, "county": county, **common}
    changed = history.updated(base)
    log = county_changes(base)
    pages = {}
    for page, template in ((urls.county(base), "county.md.j2"), (urls.documents(base), "documents.md.j2")):
        pages[page] = render(template, page, **shared, **_updated(page, changed, log))
    for town in county.townships:
        page = urls.township(base, town.slug)
        pages[page] = render(
            "township.md.j2",
            page,
            town=town,
            equal=equal_acceptance(county.name, town.name),
            term=acceptance_term(county.name, town.name),
            **shared,
            **_updated(page, history.updated(base, township=town.slug), township_changes(base, town.slug)),
        )
    for item in county.items:
        page = urls.item(base, item.key)
        pages[page] = render("item.md.j2", page, item=item, **shared, **_updated(page, history.updated(base, item=item.key), log))
    return pages
