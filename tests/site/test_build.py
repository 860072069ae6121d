"""Real ``mkdocs build`` runs of the catalog and of fictional scenarios."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.conftest import REPO, build_site, site_files, write_config
from tests.site.many import write_many

# Tags whose URL a browser fetches by itself: not links a person clicks, nor the canonical
# address that a SITE_URL adds.
_FETCHED = re.compile(
    r"<(?:script|link(?![^>]*rel=\"canonical\")|img|iframe|source|video|audio|embed|object)\b"
    r"[^>]*?\b(?:src|href|data)=\"(?:https?:)?//",
    re.I,
)
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])(?:https?:)?//", re.I)


def test_real_catalog_builds(site_of: Callable[[str], Path]) -> None:
    site = site_of("data")
    towns = sorted(p.parent.name for p in (site / "shanting" / "townships").glob("*/index.html"))
    assert towns == sorted(p.stem for p in (REPO / "data" / "shanting" / "townships").glob("*.yaml"))
    assert len(list((site / "shanting" / "items").glob("*/index.html"))) == 13
    for path in ("index.html", "shanting/index.html", "shanting/documents/index.html", "downloads/index.html",
                 "downloads/catalog.json", "downloads/shanting.csv", "downloads/shanting.xlsx", "downloads/shanting/xiji.xlsx",
                 "schemas/township.schema.json", "assets/lookup.json", "modes/index.html"):
        assert (site / path).is_file(), path


def test_nothing_is_fetched_from_other_hosts(site_of: Callable[[str], Path]) -> None:
    site = site_of("data")
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert not _FETCHED.search(text) and not _CSS_URL.search(text), path


def test_same_data_same_bytes(site_of: Callable[[str], Path], tmp_path: Path) -> None:
    again = build_site(REPO / "data", tmp_path)
    first, second = site_files(site_of("data")), site_files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_page_weight_does_not_grow_with_the_catalog(tmp_path: Path) -> None:
    small = build_site(write_many(tmp_path / "small" / "data", 3), tmp_path / "small")
    large = build_site(write_many(tmp_path / "large" / "data", 60), tmp_path / "large")
    for page in ("modes/index.html", "xugou/townships/t001/index.html", "xugou/items/X0001/index.html"):
        if page.startswith("xugou/items"):
            # An item page lists the townships that have it, and nothing more per township.
            growth = (large / page).stat().st_size - (small / page).stat().st_size
            assert growth < 57 * 400, growth
        else:
            assert (small / page).read_bytes() == (large / page).read_bytes(), page


@pytest.mark.parametrize("name", ["escaping"])
def test_scenarios_build(site_of: Callable[[str], Path], name: str) -> None:
    site = site_of(name)
    page = (site / "evil" / "townships" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&#60;script&#62;alert&#40;&#39;town&#39;&#41;" in page


def test_a_lean_build_gives_the_same_site(
    site_of: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large build's thrift (generator.site.memory) lets go of each page's Markdown and
    holds its HTML compressed, which works only while MkDocs renders every page before it
    writes any: if MkDocs changes that order, the pages come out empty and this fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site import plugin

    monkeypatch.setattr(plugin, "LARGE", 0)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for name in ("SOURCE_DATE_EPOCH", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    config = load_config(str(write_config(REPO / "tests" / "cases" / "base", tmp_path)), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    lean = config.plugins["township-catalog"]
    assert isinstance(lean, plugin.CatalogPlugin) and lean.lean is not None and not lean.lean.waiting
    assert site_files(tmp_path / "site") == site_files(site_of("base"))
