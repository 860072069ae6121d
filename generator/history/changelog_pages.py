"""Change-log pages as Markdown for the site's tree: one per county, one per township and
a site-wide 最近更新, newest first and grouped by date and decision document.  Links point
only at pages the current catalog has."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup

from generator import urls
from generator.history.changelog import Event, History
from generator.history.describe import FOLD, Section
from generator.markup import md, render
from generator.model import Catalog, County, Township
from generator.urls import RECENT, county_changes, township_changes

# The site-wide page lists this many of the newest changes; county pages list all.
RECENT_EVENTS = 30


@dataclass(frozen=True)
class Group:
    """Changes made on one date on the same decision documents."""

    date: str
    documents: tuple[str, ...]
    commits: tuple[str, ...]  # short ids, so a change can be traced in the repository
    sections: tuple[Section, ...]


def group(changes: Iterable[tuple[Event, list[Section]]]) -> list[Group]:
    """Events (newest first) merged by date and documents; a township's lines from
    several commits of one group are shown together."""
    groups: dict[tuple[str, tuple[str, ...]], Group] = {}
    for event, found in changes:
        documents = tuple(dict.fromkeys(d for s in found for d in s.documents))
        key = (event.commit.date, documents)
        old = groups.get(key, Group(event.commit.date, documents, (), ()))
        merged = {(s.county, s.township): s for s in old.sections}
        for section in found:
            at = (section.county, section.township)
            merged[at] = merged[at].merge(section) if at in merged else section
        commits = tuple(dict.fromkeys((*old.commits, event.commit.sha[:7])))
        groups[key] = replace(old, commits=commits, sections=tuple(merged.values()))
    return list(groups.values())


def _site_pages(catalog: Catalog, history: History) -> frozenset[str]:
    """Every page a change-log link may point at (and the county's other files)."""
    paths = (path for county in catalog.counties for path in urls.county_paths(county, history.years(county.slug)))
    return frozenset([RECENT, *paths])


def _linker(page: str, pages: frozenset[str]) -> Callable[[str, str], Markup]:
    """``link(text, path)``: a Markdown link from ``page`` to the site page ``path``, or the
    bare text when the site has no such page (an item or township since removed)."""
    to = urls.Links(page)
    return lambda text, path: Markup(f"[{md(text)}]({to(path)})") if path in pages else md(text)


def _render(template: str, page: str, targets: frozenset[str], history: History, **context: object) -> str:
    return render(template, page, link=_linker(page, targets), note=history.note, fold=FOLD, **context)


def county_pages(history: History, targets: frozenset[str], county: County) -> dict[str, str]:
    """A county's change log: one page, or where the log spans several years, the newest
    year's changes on it and each earlier year's on a page of its own, all linked from each."""
    years, events = history.years(county.slug), history.county(county.slug)

    def page(path: str, year: str | None) -> str:
        shown = events if year is None else [e for e in events if e.commit.date[:4] == year]
        return _render(
            "history/county.md.j2",
            path,
            targets,
            history,
            county=county,
            groups=group((e, e.sections) for e in shown),
            updated=history.updated(county.slug),
            year=year,
            years=years,
            year_page=lambda y: urls.county_log(county.slug, years, y),
        )

    if len(years) < 2:
        return {county_changes(county.slug): page(county_changes(county.slug), None)}
    paths = {year: urls.county_log(county.slug, years, year) for year in years}
    return {path: page(path, year) for year, path in paths.items()}


def event_page(history: History, event: Event) -> str:
    """The change-log page that lists ``event``: its county's, or the page of its year."""
    return urls.county_log(event.county.slug, history.years(event.county.slug), event.commit.date)


def township_page(history: History, targets: frozenset[str], county: County, town: Township) -> str:
    events = [e for e in history.county(county.slug) if e.touches(town.slug)]
    found = [(e, [s for s in e.sections if s.township == town.slug]) for e in events]
    return _render(
        "history/township.md.j2",
        township_changes(county.slug, town.slug),
        targets,
        history,
        county=county,
        town=town,
        groups=group(found),
        updated=history.updated(county.slug, township=town.slug),
    )


def recent_page(history: History, catalog: Catalog, targets: frozenset[str]) -> str:
    return _render(
        "history/recent.md.j2",
        RECENT,
        targets,
        history,
        events=[(e, e.sections) for e in history.events[:RECENT_EVENTS]],
        log=lambda e: event_page(history, e),
        counties=catalog.counties,
        updated=history.updated(),
        more=len(history.events) > RECENT_EVENTS,
    )


def changelog_pages(
    history: History, catalog: Catalog, *, counties: Container[str] | None = None, shared: bool = True
) -> dict[str, str]:
    """Every change-log page: {path relative to the docs folder: Markdown}; only those of
    ``counties`` (all by default), and the site-wide one if ``shared``."""
    targets = _site_pages(catalog, history)  # once: a province has 30,000 of them
    pages = {RECENT: recent_page(history, catalog, targets)} if shared else {}
    for county in catalog.counties:
        if counties is not None and county.slug not in counties:
            continue
        pages.update(county_pages(history, targets, county))
        for town in county.townships:
            pages[township_changes(county.slug, town.slug)] = township_page(history, targets, county, town)
    return dict(sorted(pages.items()))
