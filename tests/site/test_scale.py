"""What keeps the site light at province scale: the search page and its chunked index,
and a home page that stops listing every item once the catalog is large."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import load_catalog
from generator.site.pages import HOME_ITEMS
from generator.site.search import search_page
from generator.site.tree import site_tree
from tests.site.conftest import TODAY
from tests.site.many import write_many


def test_search_page_finds_the_index_from_its_own_url() -> None:
    assert 'data-bundle="../pagefind/"' in search_page(directory_urls=True)
    assert 'data-bundle="pagefind/"' in search_page(directory_urls=False)


def test_home_lists_items_only_while_the_catalog_is_small(tmp_path: Path) -> None:
    small = load_catalog(write_many(tmp_path / "small", 2, items=HOME_ITEMS), today=TODAY)[0]
    large = load_catalog(write_many(tmp_path / "large", 2, items=HOME_ITEMS + 1), today=TODAY)[0]
    small_home, large_home = site_tree(small)["index.md"], site_tree(large)["index.md"]
    assert isinstance(small_home, str) and isinstance(large_home, str)
    assert small_home.count("/items/") == HOME_ITEMS
    assert large_home.count("/items/") == 0
    assert "(xugou/index.md#items)" in large_home and "(search.md)" in large_home
    assert 'action="search/"' in large_home
