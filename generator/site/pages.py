"""The catalog as a tree of Markdown pages: {path relative to the docs folder: text}.

Generated pages stay out of the navigation; the home and county pages list them, so a
page's weight does not grow with the number of townships and items (issue 3 §5).
"""

from __future__ import annotations

from collections.abc import Container

from generator import urls
from generator.history.changelog import History
from generator.markup import render
from generator.model import Catalog, Mode
from generator.problems import Severity
from generator.rules import RULES
from generator.site.exports import FORMAT
from generator.site.modes import MARK, SCOPE_VERB, SUMMARY, acceptance_term, equal_acceptance
from generator.site.qr import qr_svg
from generator.site.views import CountyView, GuideView
from generator.urls import RECENT, county_changes, page_url, township_changes

# Up to this many items in all, the home page lists every one; a larger catalog (a city,
# a province) links each county's item table instead, so the home page stays light.
HOME_ITEMS = 300
# The modes' names, marks and summaries, for the templates that explain them.
_MODES = {"Mode": Mode, "SUMMARY": SUMMARY, "MARK": MARK, "SCOPE_VERB": SCOPE_VERB}


def page_tree(
    catalog: Catalog,
    schemas: list[str],
    history: History,
    *,
    base_url: str = "",
    directory_urls: bool = True,
    today: str,
    counties: Container[str] | None = None,
    shared: bool = True,
) -> dict[str, str]:
    """Every generated page of the site; ``schemas`` are the schema file names published,
    ``base_url`` the site's address where known (the 公示 sheets' QR codes need it), ``today``
    the day the pages are built as of.
    Only the pages of ``counties`` (all by default), and the site-wide ones if ``shared``."""
    views = CountyView.of(catalog)
    pages = _shared_pages(catalog, views, schemas, history, directory_urls) if shared else {}
    for view in views:
        if counties is None or view.county.slug in counties:
            pages.update(_county_pages(view, history, base_url, directory_urls, today))
    return dict(sorted(pages.items()))


def _shared_pages(catalog: Catalog, views: list[CountyView], schemas: list[str], history: History, directory_urls: bool) -> dict[str, str]:
    # 最后更新 of a page, and the relative link to the change log that explains it.
    dated = {"updated": history.updated(), "changes": RECENT}
    listed = sum(len(county.items) for county in catalog.counties) <= HOME_ITEMS
    home = {"search_url": page_url(urls.SEARCH, directory_urls=directory_urls), "list_items": listed}
    pages = {
        urls.HOME: render("home.md.j2", urls.HOME, views=views, guides=catalog.guides, **home, **dated, **_MODES),
        urls.DOWNLOADS: render("downloads.md.j2", urls.DOWNLOADS, views=views, schemas=schemas, version=FORMAT["version"], **dated),
        urls.RULES: render(
            "rules.md.j2",
            urls.RULES,
            delegation=[r for r in RULES.values() if r.check],
            files=[r for r in RULES.values() if not r.check],
            SEVERITY={Severity.ERROR: "错误", Severity.WARNING: "警告"},
        ),
    }
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


def _county_pages(view: CountyView, history: History, base_url: str, directory_urls: bool, today: str) -> dict[str, str]:
    county = view.county
    base = county.slug
    shared = {"v": view, "county": county, "today": today, **_MODES}
    log = county_changes(base)
    pages = {}
    for page, template in ((urls.county(base), "county.md.j2"), (urls.documents(base), "documents.md.j2")):
        pages[page] = render(template, page, **shared, updated=history.updated(base), changes=log)
    for town in county.townships:
        page, sheet = urls.township(base, town.slug), urls.notice(base, town.slug)
        equal = equal_acceptance(county.name, town.name) if view.equal_acceptance else None
        facts = {"town": town, "equal": equal, "updated": history.updated(base, township=town.slug)}
        term = acceptance_term(county.name, town.name)
        pages[page] = render("township.md.j2", page, **facts, term=term, **shared, changes=township_changes(base, town.slug))
        # The QR code leads to the township's page: only a known address can be encoded.
        address = urls.absolute(base_url, page, directory_urls=directory_urls) if base_url else None
        pages[sheet] = render("notice.md.j2", sheet, **facts, address=address, qr=qr_svg(address) if address else None, **shared)
    for item in county.items:
        page = urls.item(base, item.key)
        pages[page] = render("item.md.j2", page, item=item, **shared, updated=history.updated(base, item=item.key), changes=log)
    return pages
