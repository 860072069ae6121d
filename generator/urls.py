"""Every page and file of the site: its path in the generated tree (relative to the docs
folder, as MkDocs names source files) and the URL MkDocs gives it.

No other module spells a path of the site: the pages, change logs, feeds, lookup index,
exports, split build and diff report ask here, and templates link through :class:`Links`
(``to`` in their context) and the functions below (``urls`` in every template).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from markupsafe import Markup

from generator.model import County

PAGE = ".md"  # what a page's source file name ends with
HOME = "index.md"
MODES = "modes.md"  # hand-written, in docs/
DOWNLOADS = "downloads.md"
RULES = "rules.md"
STAFF_GUIDES = ("guides/staff.md", "guides/reviewer.md")  # hand-written, in docs/
SEARCH = "search.md"
RECENT = "changes.md"  # 最近更新, site-wide
FEED = "feed.xml"
LOOKUP_INDEX = "assets/lookup.json"
ASSETS = ("assets/lookup.js", "assets/search.js", "assets/catalog.css")
SEARCH_BUNDLE = "pagefind"  # the Pagefind index folder, at the top of the built site
STAFF_SEARCH_BUNDLE = "pagefind-staff"  # the staff pages' own index
CATALOG_JSON = "downloads/catalog.json"
CATALOG_CSV = "downloads/catalog.csv"
EXPORT_SCHEMA = "downloads/catalog.schema.json"
_CHANGES = "changes"  # each county's change-log folder


def county(slug: str) -> str:
    return f"{slug}/index.md"


def documents(slug: str) -> str:
    return f"{slug}/documents.md"


def township(county: str, town: str) -> str:
    return f"{county}/townships/{town}.md"


def item(county: str, code: str) -> str:
    return f"{county}/items/{code}.md"


def notice(county: str, town: str) -> str:
    """A township's 公示 sheet, printed for its service hall's wall."""
    return f"{county}/notices/{town}.md"


def guide(slug: str) -> str:
    """The page of a guide catalog (指导目录)."""
    return f"guide-catalogs/{slug}.md"


def county_changes(county: str, year: str | None = None) -> str:
    """A county's change log; with ``year``, the page of that year's changes.  Under
    ``years/``, so that no township's change log (``{town}.md``, a slug may be digits) meets it."""
    return f"{county}/{_CHANGES}/years/{year}.md" if year else f"{county}/{_CHANGES}/index.md"


def county_log(county: str, years: Sequence[str], date: str) -> str:
    """The page listing a county's change of ``date``, given the years its log spans
    (newest first): the change log holds the newest year, a page of its own each earlier one."""
    year = date[:4]
    return county_changes(county, year if years and year != years[0] else None)


def township_changes(county: str, town: str) -> str:
    return f"{county}/{_CHANGES}/{town}.md"


def county_feed(county: str) -> str:
    return f"{county}/feed.xml"


def county_files(slug: str) -> dict[str, str]:
    return {"json": f"downloads/{slug}.json", "csv": f"downloads/{slug}.csv", "xlsx": f"downloads/{slug}.xlsx"}


def township_xlsx(county: str, town: str) -> str:
    return f"downloads/{county}/{town}.xlsx"


# The three lists (三清单) a township publishes, by their names on the pages, and their files.
LISTS = {"审批服务事项清单": "shenpi", "行政执法事项清单": "zhifa", "配合事项清单": "peihe"}


def township_list(county: str, town: str, name: str, ext: str) -> str:
    """One of a township's three lists, as XLSX or CSV."""
    return f"downloads/{county}/{town}/{LISTS[name]}.{ext}"


def schema(name: str) -> str:
    return f"schemas/{name}"


def is_change_log(path: str) -> bool:
    """Whether ``path`` is a change-log page: 最近更新, or one of a county's."""
    parts = path.split("/")
    return path == RECENT or (len(parts) >= 3 and parts[1] == _CHANGES)


def county_paths(county_: County, years: Sequence[str] = ()) -> list[str]:
    """Every path the site gives one county: its pages, change logs (a page for each of
    ``years`` but the newest, as :func:`county_log`), feed and exports."""
    slug = county_.slug
    paths = [county(slug), documents(slug), county_changes(slug), county_feed(slug), *county_files(slug).values()]
    paths += [county_changes(slug, year) for year in years[1:]]
    for town in county_.townships:
        paths += [township(slug, town.slug), notice(slug, town.slug), township_changes(slug, town.slug), township_xlsx(slug, town.slug)]
        paths += [township_list(slug, town.slug, name, ext) for name in LISTS for ext in ("xlsx", "csv")]
    paths += [item(slug, i.key) for i in county_.items]
    return paths


def page_url(path: str, *, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page (a ``.md`` path), relative to the site root; any other
    file keeps its path."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def absolute(base_url: str, path: str, *, directory_urls: bool = True) -> str:
    """The full address of a page (a ``.md`` path) on the site published at ``base_url``."""
    return base_url.rstrip("/") + "/" + page_url(path, directory_urls=directory_urls)


def html_file(path: str, *, directory_urls: bool = True) -> str:
    """The file the built site holds a page in (a ``.md`` path), relative to the site root."""
    url = page_url(path, directory_urls=directory_urls)
    return f"{url}index.html" if url.endswith("/") or not url else url


def built_pages(*, directory_urls: bool = True) -> str:
    """A glob of every page's HTML file in the built site."""
    return "**/index.html" if directory_urls else "**/*.html"


def relative(path: str, page: str) -> str:
    """The link from the page ``page`` to the file ``path``, both relative to the docs
    folder: ``posixpath.relpath(path, dirname(page))`` without asking the file system for
    the current directory, which made it a tenth of a province's change-log pages."""
    start, target = page.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def q(value: str) -> Markup:
    """A relative link path made of slugs, codes and file names, percent-encoded."""
    return Markup(quote(value, safe="/"))


class Links:
    """Links from one page: ``to(path)`` is the Markdown link target of ``path``."""

    def __init__(self, page: str) -> None:
        self.page = page

    def __call__(self, path: str) -> Markup:
        return q(relative(path, self.page))
