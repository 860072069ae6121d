"""Zensical as the second engine (generator.site.zensical), on the fictional base counties:
the same pages as the MkDocs build, every internal link and resource of the site resolves
and none comes from another host, and the Pagefind search finds a township in Chromium.

Zensical comes from its own venv; without it these tests fail (CI must prove the engine):
run ``bash .ci/zensical``.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.site.zensical import ZensicalError, derived_config, read_config, zensical_build, zensical_executable
from tests.site.conftest import REPO, TODAY, Watched
from tests.site.dom import page

DATA = REPO / "tests" / "cases" / "base"
BUNDLE = "pagefind"  # the Pagefind index, at the top of the site
# Attributes that name another resource (an <a href> may leave the site; nothing else may).
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "xlink:href", "formaction", "data-index"}
# Files each engine writes of its own: its theme's scripts, stylesheets and favicon, the
# sitemap (MkDocs also gzips it), Zensical's search index (search.json: empty, as its
# search is turned off; the site searches with Pagefind) and the Pagefind index, whose
# bytes follow each engine's HTML.  Everything else comes from our tree and is the same.
ENGINE_FILES = re.compile(r"(assets/(javascripts|stylesheets|images)/|pagefind(-staff)?/|sitemap\.xml|search\.json$)")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
OUT_OF_SITE = re.compile(r"""(?:https?:)?//[^/'"\s)]""")


def _clean_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "SOURCE_DATE_EPOCH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def zensical() -> Path:
    try:
        return zensical_executable(REPO)
    except ZensicalError as missing:
        pytest.fail(str(missing))


@pytest.fixture(scope="module")
def zensical_site(zensical: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m generator build --engine zensical``, strict: a broken link or unknown
    anchor Zensical sees fails, as a MkDocs warning does."""
    site = tmp_path_factory.mktemp("zensical") / "site"
    command = [sys.executable, "-m", "generator", "build", "--engine", "zensical", "--strict"]
    command += ["--data", str(DATA), "--site-dir", str(site), "--today", TODAY]
    done = subprocess.run(command, cwd=REPO, env=_clean_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(f"网站已生成：{site}（Zensical）\n")
    return site


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The main job's build of the same data: ``python -m generator build``."""
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    command = [sys.executable, "-m", "generator", "build", "--data", str(DATA), "--site-dir", str(site), "--today", TODAY]
    done = subprocess.run(command, cwd=REPO, env=_clean_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not [line for line in done.stderr.splitlines() if line.startswith("WARNING")], done.stderr
    return site


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _searched(site: Path) -> set[str]:
    return {name for name in _pages(site) if "data-pagefind-body" in (site / name).read_text(encoding="utf-8")}


def _ours(site: Path) -> dict[str, bytes]:
    """The site's files that are not HTML and not the engine's own: exports, feeds, schemas, our assets."""
    files = (p for p in site.rglob("*") if p.is_file() and p.suffix != ".html")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files if not ENGINE_FILES.match(p.relative_to(site).as_posix())}


def test_same_pages_as_mkdocs(zensical_site: Path, mkdocs_site: Path) -> None:
    pages = _pages(zensical_site)
    assert pages == _pages(mkdocs_site)
    assert len(pages) > 40 and {"index.html", "raoshi/townships/fada/index.html", "search/index.html"} <= pages
    # Both engines mark the same pages' articles for the search (all but the search page and the change logs).
    assert _searched(zensical_site) == _searched(mkdocs_site)
    assert "search/index.html" not in _searched(zensical_site) and len(_searched(zensical_site)) > 30
    zensical, mkdocs = _ours(zensical_site), _ours(mkdocs_site)
    assert sorted(zensical) == sorted(mkdocs)
    assert [name for name in zensical if zensical[name] != mkdocs[name]] == []
    assert {"feed.xml", "assets/lookup.json", "assets/search.js"} <= zensical.keys()


def _resolve(site: Path, name: str, url: str) -> Path | None:
    """The file a URL of the page ``name`` names, or None when it is not a file of the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # out of the site (checked apart), mailto:, data:, or the page itself
    path = unquote(parts.path)
    resolved = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
    assert not resolved.startswith("../"), f"{name}: {url} leaves the site"
    file = site / resolved
    return file / "index.html" if resolved in (".", "") or path.endswith("/") or file.is_dir() else file


def test_every_internal_link_resolves_and_nothing_comes_from_another_host(zensical_site: Path) -> None:
    site = zensical_site
    broken, foreign, checked = [], [], 0
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        for element in page(path).iter():
            for attr, value in element.attrs.items():
                urls = [c.split()[0] for c in value.split(",") if c.strip()] if attr == "srcset" else [value]
                if attr == "data-bundle":  # the search page's Pagefind bundle, a folder
                    urls = [value + "pagefind.js"]
                elif attr not in URL_ATTRIBUTES and attr != "srcset":
                    continue
                for url in urls:
                    if OUT_OF_SITE.match(url):
                        # A link a reader follows may leave the site; a script, stylesheet, image or font may not.
                        if not (element.tag == "a" and attr == "href"):
                            foreign.append(f"{name}: <{element.tag} {attr}={url}>")
                        continue
                    file = _resolve(site, name, url)
                    if file is not None:
                        checked += 1
                        if not file.is_file():
                            broken.append(f"{name}: {url}")
        # Inline styles: @import or url() of another host (fonts, above all).
        foreign += [f"{name}: {m.group(0)}" for m in CSS_URL.finditer(html) if OUT_OF_SITE.match(m.group(1) or m.group(2))]
    for path in sorted(site.rglob("*.css")):
        name = path.relative_to(site).as_posix()
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = (match.group(1) or match.group(2)).strip()
            if url.startswith("data:"):
                continue
            if OUT_OF_SITE.match(url):
                foreign.append(f"{name}: {match.group(0)}")
            elif (file := _resolve(site, name, url)) is not None and not file.is_file():
                broken.append(f"{name}: {url}")
    assert broken == []
    assert foreign == []
    assert checked > 1000, checked


def test_search_bundle(zensical_site: Path) -> None:
    entry = json.loads((zensical_site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert (zensical_site / BUNDLE / "pagefind.js").is_file()
    # A 公示 sheet is marked, but every block of it is data-pagefind-ignore: Pagefind keeps no page of it.
    found = {name for name in _searched(zensical_site) if "/notices/" not in name}
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(found)


@pytest.mark.browser
def test_search_finds_a_township(watched: Watched, serve: Callable[[Path], str], zensical_site: Path) -> None:
    base = serve(zensical_site)
    home = watched.open(base)
    assert home.locator("#tc-lookup").is_visible()
    page = watched.open(f"{base}search/?q=发达镇")
    results = page.locator("#tc-search-results a")
    results.first.wait_for()
    hrefs = results.evaluate_all("(as) => as.map((a) => a.href)")
    assert any(h.startswith(f"{base}raoshi/townships/fada/") for h in hrefs), hrefs
    assert [u for u in watched.requests if u.startswith(f"{base}{BUNDLE}/index/")]
    # No console errors, and every request (the theme's scripts included) went to the site itself.
    watched.check(base)


# ---------------------------------------------------------------- the derived configuration


def test_derived_config_keeps_everything_but_the_folders_and_plugins() -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    original, derived = read_config(text), read_config(derived_config(text))
    assert derived["plugins"] == [{"search": {"enabled": False}}]  # ours out, Zensical's own search off
    assert (derived["docs_dir"], derived["site_dir"]) == ("docs", "site")
    assert derived["site_url"].tag == "!ENV" and derived["site_url"].value == "SITE_URL"  # resolved by Zensical
    unchanged = set(original) - {"plugins", "docs_dir", "site_dir", "site_url"}
    assert unchanged and {key: derived[key] for key in unchanged} == {key: original[key] for key in unchanged}


def test_derived_config_keeps_other_plugins_and_tags() -> None:
    text = (
        "site_name: 测试\nsite_url: !ENV [SITE_URL, 'https://fallback.invalid/']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    derived = derived_config(text + "plugins:\n  search: {separator: '[\\s]+'}\n  township-catalog: {data: data}\n")
    assert read_config(derived)["plugins"] == [{"search": {"separator": "[\\s]+"}}]
    assert "!ENV [SITE_URL, 'https://fallback.invalid/']" in derived
    assert "!!python/name:material.extensions.emoji.twemoji" in derived
    listed = read_config(derived_config(text + "plugins:\n  - township-catalog\n  - tags\n  - material/search\n"))
    assert listed["plugins"] == [{"tags": {}}, {"material/search": {}}]
    # Paths relative to mkdocs.yml would not hold in the temporary folder the derived configuration is in.
    for relative in ("INHERIT: base.yml\n", "theme: {name: material, custom_dir: overrides}\n"):
        with pytest.raises(ZensicalError, match="不支持 INHERIT"):
            derived_config(text + relative)


def test_small_site(zensical: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A two-page site: SITE_URL reaches the configuration's !ENV, an old site folder is
    replaced, a hand-written page named as a generated one stops the build, and so does a
    broken link in a strict build."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# 关于\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\nsite_url: !ENV SITE_URL\nplugins:\n  - township-catalog: {data: data}\n", encoding="utf-8")
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "stale.html").write_text("old", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "https://catalog.example.gov.cn/")
    tree: dict[str, str | bytes] = {"index.md": "# 首页\n\n[关于](about.md)\n", "a/b.md": "# 乙镇\n", "a/data.bin": b"\x00\x01"}
    zensical_build(tree, config_file=config, site_dir=site, executable=zensical, strict=True)
    assert not (site / "stale.html").exists()
    assert 'href="https://catalog.example.gov.cn/a/b/"' in (site / "a" / "b" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "a" / "data.bin").read_bytes() == b"\x00\x01" and (site / BUNDLE / "pagefind.js").is_file()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # the temporary folder is gone
    with pytest.raises(ZensicalError, match="重名"):
        zensical_build({**tree, "about.md": "# 又一个\n"}, config_file=config, site_dir=site, executable=zensical)
    assert (site / "index.html").is_file()  # a failed build leaves the site as it was
    broken = {**tree, "a/b.md": "# 乙镇\n\n[无此页](nowhere.md)\n"}
    with pytest.raises(ZensicalError, match=r"(?s)page does not exist.*a/b\.md:3"):
        zensical_build(broken, config_file=config, site_dir=site, executable=zensical, strict=True)
    capsys.readouterr()
    zensical_build(broken, config_file=config, site_dir=site, executable=zensical)  # not strict: shown, as MkDocs shows its warnings
    warned = capsys.readouterr().err
    assert "page does not exist" in warned and "\x1b[" not in warned
    with pytest.raises(ZensicalError, match=re.escape("bash .ci/zensical")):
        zensical_executable(tmp_path)
