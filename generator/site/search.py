"""The site search: a static, chunked Pagefind index of the built pages (``pagefind/``),
and the 搜索 page that queries it through ``assets/search.js``.

Material's own search loads one index of the whole site before it shows a result: tens
of megabytes for a province.  Pagefind splits its index into small chunks by word and a
query fetches only the chunks and page excerpts it needs.  The extended binary segments
Chinese text into words, so 不动产登记 and 西集镇 are found.  Everything is served from
the site itself; the same pages give the same index bytes.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.markup import render
from generator.urls import RULES, SEARCH, SEARCH_BUNDLE, STAFF_GUIDES, STAFF_SEARCH_BUNDLE, built_pages, html_file, is_change_log, page_url

# What a search can find: each page's article, without what every page of its kind
# repeats (the entries' detail lines, role tables and notes, the county matrix).  A
# word on every page would make its part of the index as large as the site; names are
# in headings, links and paragraphs, and the item and township pages are found by them.
# Code blocks (the staff guide's YAML) and forms are never an excerpt.
EXCLUDED = ".headerlink, .tc-search, .tc-searchform, .tc-lookup, ol, table, .admonition, pre, code"
_ARTICLE = '<article class="md-content__inner md-typeset">'
_INDEXED = '<article class="md-content__inner md-typeset" data-pagefind-body>'
# Pages for those who keep the catalog: an index of their own, searched only when asked
# (a Pagefind filter would do it in one index, but its files differ from build to build).
STAFF_PAGES = (*STAFF_GUIDES, RULES)


def indexed(page: str) -> bool:
    """Whether the page (its path in the docs folder) is in the citizens' index: not the
    change logs (a province's first commit alone lists every entry again), not the search
    page, not the staff pages."""
    return page != SEARCH and page not in STAFF_PAGES and not is_change_log(page)


def mark_indexed(html: str, page: str) -> str:
    """The page's HTML with its article marked for Pagefind when it is searched; pages
    left unmarked are not in the citizens' index."""
    return html.replace(_ARTICLE, _INDEXED, 1) if indexed(page) else html


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def search_page(*, directory_urls: bool = True) -> str:
    """The 搜索 page's Markdown, pointing at the indexes relative to its own URL."""
    up = "../" * page_url(SEARCH, directory_urls=directory_urls).count("/")
    return render("search.md.j2", SEARCH, bundle=f"{up}{SEARCH_BUNDLE}/", staff_bundle=f"{up}{STAFF_SEARCH_BUNDLE}/")


def index_site(site_dir: Path, *, directory_urls: bool = True) -> None:
    """Write the Pagefind indexes of the built site: the citizens' pages into
    ``site_dir/pagefind``, the staff pages' articles into ``site_dir/pagefind-staff``."""
    from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

    staff = [name for page in STAFF_PAGES if (site_dir / (name := html_file(page, directory_urls=directory_urls))).is_file()]
    runs = [(SEARCH_BUNDLE, built_pages(directory_urls=directory_urls), "html")]
    runs += [(STAFF_SEARCH_BUNDLE, "{" + ",".join(staff) + "}", "article")] if staff else []  # a site may have no staff pages
    for bundle, glob, root in runs:
        shutil.rmtree(site_dir / bundle, ignore_errors=True)  # an incremental build's previous index
        command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", bundle, "--root-selector", root]
        command += ["--exclude-selectors", EXCLUDED, "--glob", glob, "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SearchIndexError(f"搜索索引没有生成（pagefind 退出码 {done.returncode}）：{done.stderr.strip() or done.stdout.strip()}")
