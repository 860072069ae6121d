"""Zensical, the successor of Material for MkDocs that reads mkdocs.yml, as a second engine
for the same generated tree: ``python -m generator build --engine zensical``.

Zensical runs its own plugins only, so ours is left out: the generated tree is written to
disk beside the hand-written pages, Zensical builds them with the site's mkdocs.yml (its
paths pointed there), and the built pages are then marked and indexed for the search as
the plugin does in a MkDocs build (:mod:`generator.site.search`).  Zensical lives in its
own venv, ``.venv-zensical`` (``bash .ci/zensical``), since it pins its own Markdown,
PyYAML and Jinja2.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.site.search import SearchIndexError, index_site, indexed, mark_indexed
from generator.urls import HOME, PAGE, html_file

VENV = ".venv-zensical"
PLUGIN = "township-catalog"
# In the temporary folder of a build, relative to its configuration: Zensical wants both
# folders inside the configuration's folder (and 0.0.73 panics on absolute paths).
_CONFIG, _DOCS, _SITE = "mkdocs.yml", "docs", "site"
# What Zensical is given of our environment: not the project venv's PYTHONPATH, PYTHONHOME
# or VIRTUAL_ENV, which would mix our packages into its Python.  SITE_URL is the
# configuration's `!ENV SITE_URL`; SOURCE_DATE_EPOCH keeps dated output reproducible.
_PASSED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SITE_URL", "SOURCE_DATE_EPOCH")
# Zensical colours its messages even when they do not go to a terminal.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ZensicalError(Exception):
    """Zensical could not build the site; the message says why."""


def zensical_executable(root: Path) -> Path:
    """The ``zensical`` command of the venv that ``bash .ci/zensical`` sets up under ``root``."""
    path = root / VENV / "bin" / "zensical"
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise ZensicalError(f"找不到 Zensical（{path}）：请先运行 bash .ci/zensical 安装。")
    return path


class _Tagged:
    """A tagged YAML value of mkdocs.yml (``!ENV SITE_URL``, ``!!python/name:…``), kept as
    written so that Zensical resolves it, in its own environment."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node)


def _write_back(dumper: yaml.SafeDumper, value: _Tagged) -> yaml.Node:
    return value.node


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Loader.add_multi_constructor(_prefix, _keep)
_Dumper.add_representer(_Tagged, _write_back)


def read_config(text: str) -> dict[str, Any]:
    """mkdocs.yml as a mapping, its tagged values kept as written."""
    try:
        config = yaml.load(text, Loader=_Loader)  # a SafeLoader that keeps tags, constructs nothing
    except yaml.YAMLError as wrong:
        raise ZensicalError(f"配置文件不是有效的 YAML：{wrong}") from wrong
    if not isinstance(config, dict):
        raise ZensicalError("配置文件的顶层应当是键值对（site_name: … 等）。")
    return config


def _plugins(plugins: object) -> list[object]:
    """The configuration's plugins without ours.  Zensical turns its own search on unless
    told otherwise; the site searches with Pagefind, so it is off unless configured."""
    if plugins is None:
        entries: list[object] = []
    elif isinstance(plugins, dict):
        entries = [{name: options} for name, options in plugins.items()]
    elif isinstance(plugins, list):
        entries = list(plugins)
    else:
        raise ZensicalError("配置文件的 plugins 应当是列表。")

    def name(entry: object) -> object:
        return next(iter(entry), None) if isinstance(entry, dict) and len(entry) == 1 else entry

    kept = [entry for entry in entries if name(entry) != PLUGIN]
    if not any(name(entry) in ("search", "material/search") for entry in kept):
        kept.append({"search": {"enabled": False}})
    return kept


def derived_config(text: str, *, docs_dir: str, site_dir: str, base: Path) -> str:
    """The text of mkdocs.yml for Zensical: its docs and site folders as given, our plugin
    removed, Zensical's search off.  ``base`` is the original configuration's folder, for
    an ``INHERIT`` or a theme's ``custom_dir`` relative to it."""
    config = read_config(text)
    config["docs_dir"], config["site_dir"] = docs_dir, site_dir
    config["plugins"] = _plugins(config.get("plugins"))
    if isinstance(config.get("INHERIT"), str):
        config["INHERIT"] = str(base / config["INHERIT"])
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str(base / theme["custom_dir"])
    return str(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000))


def _write_docs(tree: Mapping[str, str | bytes], source: Path, docs: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, docs)
    else:
        docs.mkdir()
    for path, content in tree.items():
        target = docs / path
        if target.exists():
            raise ZensicalError(f"{source.name}/{path} 与生成的页面重名：请给手写页面换个名字。")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)


def _mark_for_search(docs: Path, site: Path, *, directory_urls: bool) -> None:
    """Mark the article of each searched page for Pagefind, as the plugin does in a MkDocs
    build; a searched page whose article is not found stops the build (the index would
    otherwise hold the whole page, or lack it)."""
    wrong: list[str] = []
    for source in sorted(docs.rglob(f"*{PAGE}")):
        page = source.relative_to(docs).as_posix()
        if not indexed(page):
            continue
        built = site / html_file(page, directory_urls=directory_urls)
        if not built.is_file():
            wrong.append(f"{page}（没有写出 {built.relative_to(site).as_posix()}）")
            continue
        html = built.read_text(encoding="utf-8")
        marked = mark_indexed(html, page)
        if marked == html:
            wrong.append(f"{page}（页面里没有 Material 的正文 <article>）")
        else:
            built.write_text(marked, encoding="utf-8")
    if wrong:
        raise ZensicalError("Zensical 生成的页面无法标记搜索范围：" + "；".join(wrong))


def _environment() -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED if name in os.environ}
    env.setdefault("PATH", os.defpath)
    env.setdefault("LANG", "C.UTF-8")
    return env


def _run(executable: Path, work: Path, *, strict: bool) -> None:
    command = [str(executable.absolute()) if executable.parent != Path() else str(executable), "build", "-f", _CONFIG]
    try:
        done = subprocess.run(
            [*command, *(["--strict"] if strict else [])], cwd=work, env=_environment(), capture_output=True, text=True, check=False
        )
    except OSError as failure:
        raise ZensicalError(f"无法运行 Zensical（{executable}）：{failure}；请运行 bash .ci/zensical 重新安装。") from failure
    if done.returncode != 0:
        said = _said(done.stderr) or _said(done.stdout)
        raise ZensicalError(f"Zensical 没有生成网站（退出码 {done.returncode}）：\n{said[-4000:]}")
    warned = _said(done.stderr)
    if warned:  # as a MkDocs build shows its warnings
        sys.stderr.write(warned + "\n")


def _said(output: str) -> str:
    """What Zensical said that matters to a person: its warnings and errors, without the
    colours, the all-clear and the Python traceback (but its last line, the error)."""
    said, _, trace = _ANSI.sub("", output).partition("Traceback (most recent call last):")
    lines = [line for line in said.rstrip().splitlines() if line.strip() != "No issues found"]
    return "\n".join([*lines, *trace.strip().splitlines()[-1:]]).strip()


def zensical_build(tree: Mapping[str, str | bytes], *, config_file: Path, site_dir: Path, executable: Path, strict: bool = False) -> None:
    """Build the site with Zensical into ``site_dir``: the hand-written pages of the
    configuration's docs_dir and the generated ``tree`` (:func:`generator.site.tree.site_tree`),
    then the search index.  ``site_dir`` is replaced only once the whole site is built.
    ``strict``: a warning of Zensical's (a broken link, an unknown anchor) fails the build."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as failure:
        raise ZensicalError(f"无法读取配置文件 {config_file}：{failure}") from failure
    config = read_config(text)
    base = config_file.resolve().parent
    source = base / str(config.get("docs_dir", "docs"))
    directory_urls = config.get("use_directory_urls", True) is not False
    site = site_dir.resolve()
    if any(site == kept or site in kept.parents for kept in (base, source.resolve())):
        raise ZensicalError(f"网站文件夹 {site} 会覆盖配置或手写页面所在的文件夹，请换一个。")
    site.parent.mkdir(parents=True, exist_ok=True)
    # Beside the site folder, so that the finished site is moved into place, not copied.
    with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site.parent) as temporary:
        work = Path(temporary)
        _write_docs(tree, source, work / _DOCS)
        (work / _CONFIG).write_text(derived_config(text, docs_dir=_DOCS, site_dir=_SITE, base=base), encoding="utf-8")
        _run(executable, work, strict=strict)
        built = work / _SITE
        if not (built / html_file(HOME)).is_file():
            raise ZensicalError("Zensical 没有报错，但没有写出首页。")
        _mark_for_search(work / _DOCS, built, directory_urls=directory_urls)
        try:
            index_site(built, directory_urls=directory_urls)
        except SearchIndexError as failure:
            raise ZensicalError(str(failure)) from failure
        if site.exists():
            site.rename(work / "previous")
        built.rename(site)
