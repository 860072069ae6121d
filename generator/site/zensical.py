"""Zensical as a second engine (``build --engine zensical``).  It runs only its own plugins, so the
generated tree is written beside the hand-written pages and the built pages are marked and indexed
for the search here.  Its venv (``bash .ci/zensical``) pins its own Markdown, PyYAML and Jinja2."""

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
from generator.urls import PAGE, html_file

# Relative: Zensical wants both folders inside the configuration's (0.0.73 panics on absolute paths).
_CONFIG, _DOCS, _SITE = "mkdocs.yml", "docs", "site"
# Not our venv's PYTHONPATH or VIRTUAL_ENV, which would mix our packages into Zensical's Python.
_PASSED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SITE_URL", "SOURCE_DATE_EPOCH")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # Zensical colours its messages even into a pipe


class ZensicalError(Exception):
    """Zensical could not build the site; the message says why."""


def zensical_executable(root: Path) -> Path:
    path = root / ".venv-zensical" / "bin" / "zensical"
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise ZensicalError(f"找不到 Zensical（{path}）：请先运行 bash .ci/zensical 安装。")
    return path


class _Loader(yaml.SafeLoader):
    """Keeps tagged values (``!ENV SITE_URL``, ``!!python/name:…``) as nodes, for Zensical to resolve."""


class _Dumper(yaml.SafeDumper):
    """Writes them back as they were."""


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Loader.add_multi_constructor(_prefix, lambda loader, suffix, node: node)
_Dumper.add_multi_representer(yaml.Node, lambda dumper, node: node)


def read_config(text: str) -> dict[str, Any]:
    return dict(yaml.load(text, Loader=_Loader))  # MkDocs has read it already: a valid mapping


def derived_config(text: str) -> str:
    """mkdocs.yml for Zensical in the build's temporary folder: our plugin out, Zensical's search off."""
    config = read_config(text)
    if "INHERIT" in config or "custom_dir" in (config.get("theme") or {}):  # paths relative to mkdocs.yml
        raise ZensicalError("--engine zensical 不支持 INHERIT 和 theme.custom_dir（相对于配置文件的路径）。")
    listed = config.get("plugins") or []  # each as a one-key mapping, in a list: it keeps order and repeats
    listed = [{k: v} for k, v in listed.items()] if isinstance(listed, dict) else [p if isinstance(p, dict) else {p: {}} for p in listed]
    plugins = [plugin for plugin in listed if "township-catalog" not in plugin]
    if not any(plugin.keys() & {"search", "material/search"} for plugin in plugins):
        plugins.append({"search": {"enabled": False}})  # the site searches with Pagefind
    config.update(docs_dir=_DOCS, site_dir=_SITE, plugins=plugins)
    return str(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000))


def _mark_for_search(docs: Path, site: Path, *, directory_urls: bool) -> None:
    """Unmarked, a searched page would be indexed whole or not at all: that stops the build."""
    wrong = []
    for page in sorted(filter(indexed, (p.relative_to(docs).as_posix() for p in docs.rglob(f"*{PAGE}")))):
        built = site / html_file(page, directory_urls=directory_urls)
        html = built.read_text(encoding="utf-8") if built.is_file() else ""
        if (marked := mark_indexed(html, page)) == html:
            wrong.append(page)
        else:
            built.write_text(marked, encoding="utf-8")
    if wrong:
        listed = "、".join(wrong[:10]) + (f" 等 {len(wrong)} 页" if len(wrong) > 10 else "")
        raise ZensicalError(f"Zensical 没有写出这些页面，或页面里没有 Material 的正文 <article>，无法标记搜索范围：{listed}")


def _run(executable: Path, work: Path, *, strict: bool) -> None:
    command = [str(executable.absolute()), "build", "-f", _CONFIG, *(["--strict"] if strict else [])]
    env = {"PATH": os.defpath, "LANG": "C.UTF-8"} | {name: os.environ[name] for name in _PASSED if name in os.environ}
    try:
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    except OSError as failure:
        raise ZensicalError(f"无法运行 Zensical（{executable}）：{failure}；请运行 bash .ci/zensical 重新安装。") from failure
    # What Zensical said, without colours, the all-clear and a traceback's frames (but its last line, the error).
    said, _, trace = _ANSI.sub("", done.stderr).replace("No issues found", "").partition("Traceback (most recent call last):")
    said = "\n".join([said.strip(), *trace.strip().splitlines()[-1:]]).strip()
    if done.returncode != 0:
        raise ZensicalError(f"Zensical 没有生成网站（退出码 {done.returncode}）：\n{said}")
    if said:  # as a MkDocs build shows its warnings
        print(said, file=sys.stderr)


def zensical_build(tree: Mapping[str, str | bytes], *, config_file: Path, site_dir: Path, executable: Path, strict: bool = False) -> None:
    """Build the docs folder's pages and ``tree`` into ``site_dir``, replaced only once the whole site is built."""
    text = config_file.read_text(encoding="utf-8")
    config, base = read_config(text), config_file.resolve().parent
    source, directory_urls = base / str(config.get("docs_dir", "docs")), config.get("use_directory_urls", True) is not False
    site = site_dir.resolve()
    if any(site == kept or site in kept.parents for kept in (base, source.resolve())):
        raise ZensicalError(f"网站文件夹 {site} 会覆盖配置或手写页面所在的文件夹，请换一个。")
    site.parent.mkdir(parents=True, exist_ok=True)
    # Beside the site folder, so that the finished site is moved into place, not copied.
    with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site.parent) as temporary:
        work = Path(temporary)
        shutil.copytree(source, work / _DOCS)  # MkDocs has checked that it exists
        for path, content in tree.items():
            if (target := work / _DOCS / path).exists():
                raise ZensicalError(f"{source.name}/{path} 与生成的页面重名：请给手写页面换个名字。")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode() if isinstance(content, str) else content)
        (work / _CONFIG).write_text(derived_config(text), encoding="utf-8")
        _run(executable, work, strict=strict)
        _mark_for_search(work / _DOCS, work / _SITE, directory_urls=directory_urls)
        try:
            index_site(work / _SITE, directory_urls=directory_urls)
        except SearchIndexError as failure:
            raise ZensicalError(str(failure)) from failure
        if site.exists():
            site.rename(work / "previous")
        (work / _SITE).rename(site)
