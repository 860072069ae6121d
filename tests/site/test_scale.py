"""What keeps the site light at province scale: the search page and its chunked index,
and a home page that stops listing every item once the catalog is large."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.catalog import load_catalog
from generator.history.changelog import change_log
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
    small_home, large_home = site_tree(small, today=TODAY)["index.md"], site_tree(large, today=TODAY)["index.md"]
    assert isinstance(small_home, str) and isinstance(large_home, str)
    assert small_home.count("/items/") == HOME_ITEMS
    assert large_home.count("/items/") == 0
    assert "(xugou/index.md#items)" in large_home and "(search.md)" in large_home
    assert 'action="search/"' in large_home
    # The lookup fetches the whole catalog's index: a large catalog's home page leaves it out.
    assert 'id="tc-lookup"' in small_home and 'id="tc-lookup"' not in large_home


def _commit(repo: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-10-01T00:00:00+08:00", "GIT_COMMITTER_DATE": "2024-10-01T00:00:00+08:00"}
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "data"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True)


def test_change_log_of_a_data_folder_that_is_the_repository(tmp_path: Path) -> None:
    data = write_many(tmp_path / "data", 2)
    _commit(data)
    catalog = load_catalog(data, today=TODAY)[0]
    history = change_log(data, data)
    assert [e.county.slug for e in history.events] == ["xugou"]
    # The catalog just loaded stands for HEAD while the folder is clean, with the same log.
    assert change_log(data, data, catalog) == history
    (data / "xugou" / "townships" / "t001.yaml").write_text("name: 改过的镇\nitems: []\n", encoding="utf-8")
    changed = load_catalog(data, today=TODAY)[0]
    assert change_log(data, data, changed) == history  # not clean: HEAD is read from git


def test_change_logs_and_the_search_page_stay_out_of_the_index() -> None:
    from generator.site.search import indexed, mark_indexed

    assert [p for p in ("index.md", "shanting/townships/xiji.md", "shanting/items/1.md", "modes.md") if not indexed(p)] == []
    assert [p for p in ("changes.md", "shanting/changes/index.md", "shanting/changes/xiji.md", "search.md") if indexed(p)] == []
    html = '<body><article class="md-content__inner md-typeset"><h1>x</h1></article></body>'
    assert "data-pagefind-body" in mark_indexed(html, "index.md")
    assert mark_indexed(html, "changes.md") == html
