"""The site search: a static, chunked Pagefind index of the built pages (``pagefind/``),
and the 搜索 page that queries it through ``assets/search.js``.

Material's own search loads one index of the whole site before it shows a result: tens
of megabytes for a province.  Pagefind splits its index into small chunks by word and a
query fetches only the chunks and page excerpts it needs.  The extended binary segments
Chinese text into words, so 不动产登记 and 西集镇 are found.  Everything is served from
the site itself; the same pages give the same index bytes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.markup import render
from generator.urls import RULES, SEARCH, SEARCH_BUNDLE, STAFF_GUIDES, built_pages, is_change_log, page_url

# What a search can find: each page's article, without what every page of its kind
# repeats (the entries' detail lines, role tables and notes, the county matrix).  A
# word on every page would make its part of the index as large as the site; names are
# in headings, links and paragraphs, and the item and township pages are found by them.
# Code blocks (the staff guide's YAML) and forms are never an excerpt.
EXCLUDED = ".headerlink, .tc-search, .tc-searchform, .tc-lookup, ol, table, .admonition, pre, code"
_ARTICLE = '<article class="md-content__inner md-typeset">'
# Pages for those who keep the catalog, found only when a search asks for them
# (``audience`` is the Pagefind filter assets/search.js sets).
STAFF_PAGES = frozenset({*STAFF_GUIDES, RULES})


def indexed(page: str) -> bool:
    """Whether the page (its path in the docs folder) is searched: not the change logs
    (a province's first commit alone lists every entry again) and not the search page."""
    return page != SEARCH and not is_change_log(page)


def mark_indexed(html: str, page: str) -> str:
    """The page's HTML with its article marked for Pagefind, and whom it is for, when it is
    searched; pages left unmarked are not indexed at all."""
    if not indexed(page):
        return html
    audience = "staff" if page in STAFF_PAGES else "public"
    marked = f'{_ARTICLE[:-1]} data-pagefind-body data-pagefind-filter="audience:{audience}">'
    return html.replace(_ARTICLE, marked, 1)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def search_page(*, directory_urls: bool = True) -> str:
    """The 搜索 page's Markdown, pointing at the index relative to its own URL."""
    depth = page_url(SEARCH, directory_urls=directory_urls).count("/")
    return render("search.md.j2", SEARCH, bundle=f"{'../' * depth}{SEARCH_BUNDLE}/")


def index_site(site_dir: Path, *, directory_urls: bool = True) -> None:
    """Write the Pagefind index of the built site into ``site_dir/pagefind``."""
    from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", SEARCH_BUNDLE]
    command += ["--exclude-selectors", EXCLUDED, "--glob", built_pages(directory_urls=directory_urls), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"搜索索引没有生成（pagefind 退出码 {done.returncode}）：{done.stderr.strip() or done.stdout.strip()}")
