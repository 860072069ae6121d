"""The MkDocs plugin ``township-catalog``: validates the data folder, adds the generated
tree to the build as virtual files, so ``mkdocs serve`` re-renders when a data file is
saved, and indexes the built site for search (:mod:`generator.site.search`).

    plugins:
      - township-catalog: {data: data}

Under ``mkdocs serve --dirty`` a rebuild renders only the generated pages whose Markdown
changed since the previous build: saving one township file re-renders that township,
its county and the items whose rows changed, not the whole catalog.
"""

from __future__ import annotations

import logging
import os
import zlib
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.catalog import load_catalog
from generator.history.changelog import UNTRACKED, History, change_log, head
from generator.model import Catalog
from generator.problems import Severity
from generator.site.memory import give_back
from generator.site.search import SearchIndexError, index_site, mark_indexed
from generator.site.split import Part, assign
from generator.site.tree import county_paths, site_tree, source_date_epoch

log = logging.getLogger("mkdocs.plugins.township-catalog")


class _Generated(File):
    """A generated file.  ``modified`` is False when its content is the same as in the
    previous build (``mkdocs serve --dirty``), or when another part of a split build
    writes it: a dirty build then leaves its output alone.  A page's Markdown is let go
    once the page has read it (:meth:`CatalogPlugin.on_page_markdown`)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified

    def release(self) -> None:
        self._content = ""


class _Compiled(BytecodeCache):
    """The theme's compiled templates, kept in memory from one `mkdocs serve` rebuild to
    the next: MkDocs makes a new Jinja environment for every build, and compiling
    Material's templates again took a sixth of a rebuild."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _generated(config: MkDocsConfig, path: str, content: str | bytes, *, modified: bool) -> _Generated:
    file = _Generated.generated(config, path, content=content)
    assert isinstance(file, _Generated)
    file.modified = modified
    return file


class CatalogPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]  # mkdocs' __init_subclass__
    # A schema tuple, not a typed Config class: the option is called ``data``, and a
    # Config attribute of that name would shadow UserDict's own ``data``.
    config_scheme = (
        ("data", c.Dir(exists=True)),  # the data folder (design §3), relative to mkdocs.yml
        ("today", c.Optional(c.Type(str))),  # check date rules as of this day; default today
        ("part", c.Optional(c.Type(str))),  # K/N: write only part K of the site (generator.site.split)
        ("search", c.Type(bool, default=True)),  # index the built site with Pagefind
    )

    def __init__(self) -> None:
        self.tree: dict[str, str | bytes] = {}
        # Walking the git history costs a diff per commit; under `mkdocs serve` it is
        # only walked again when HEAD moves, not on every saved file.
        self.history: tuple[str | None, History] = (None, UNTRACKED)
        # A SOURCE_DATE_EPOCH set by the caller wins; otherwise each build sets it from the data.
        self.own_epoch = "SOURCE_DATE_EPOCH" not in os.environ
        self.built: dict[str, str | bytes] = {}  # the tree of the previous build in this process
        self.dirty = False
        self.serving = False
        self.indexed = False
        self.waiting: dict[str, bytes] = {}  # rendered pages not yet written, compressed
        self.compiled = _Compiled()
        self.others: list[str] = []  # in a part build: the generated files other parts write

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty and self.serving

    @event_priority(100)  # before other plugins see the configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        catalog, problems = load_catalog(Path(self.config["data"]), today=self.config["today"])
        errors = [p for p in problems if p.severity is Severity.ERROR]
        warned = f"另有 {len(problems) - len(errors)} 个警告，运行 python -m generator validate 查看。"
        if errors:
            # Only the errors, each located exactly as validate prints it: in `mkdocs serve`
            # a clerk must see what stops the site, not every warning of the catalog.
            raise PluginError("数据有错误，网站没有生成：\n" + "".join(p.line() + "\n" for p in errors) + warned)
        if problems:
            log.info(warned)
        data = Path(self.config["data"]).resolve()
        commit = head(data)
        if commit is not None and commit != self.history[0]:
            self.history = (commit, change_log(data, data, catalog))
        history = self.history[1] if commit is not None else UNTRACKED
        base_url, urls = config.site_url or "", config.use_directory_urls
        if self.config["part"]:
            # Only this part's files are made; the others are listed, so that every link
            # resolves as in one build, but not written (generator.site.split).
            part = Part.parse(self.config["part"])
            mine = {slug for slug, n in assign(catalog, part.count).items() if n == part.number}
            self.tree = site_tree(catalog, history, base_url=base_url, directory_urls=urls, counties=mine, shared=part.number == 1)
            self.others = [path for county in catalog.counties if county.slug not in mine for path in county_paths(county)]
            if part.number != 1:
                self.others += list(site_tree(Catalog(), directory_urls=urls))  # the site-wide files
        else:
            self.tree = site_tree(catalog, history, base_url=base_url, directory_urls=urls)
        if not self.serving:
            # The change log holds the catalog's records; a build is done with both.
            self.history = (None, UNTRACKED)
        if self.own_epoch:
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(catalog))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        give_back()  # the catalog the tree was made from
        for path, content in self.tree.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 与生成的页面重名：请给手写页面换个名字。")
            files.append(_generated(config, path, content, modified=self.built.get(path) != content))
        for path in self.others:
            files.append(_generated(config, path, "", modified=False))
        # `mkdocs serve` compares the next build's tree with this one; a build lets go of
        # each page's Markdown once it is read, so the whole tree is never held twice.
        self.built = self.tree if self.serving else {}
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.serving and isinstance(page.file, _Generated):
            self.tree.pop(page.file.src_uri, None)
            page.file.release()
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs renders every page before it writes any: until its turn comes, a page's
        # HTML is kept compressed (a province's pages take a few hundred MB instead of GBs).
        if self.serving:
            return html
        self.waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = ""  # read; the title comes from the metadata or the first heading
        return ""

    @event_priority(100)  # the page's HTML back before any other plugin reads it
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        packed = self.waiting.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.serving:
            page.content = ""  # written: let go of it
        return mark_indexed(output, page.file.src_uri)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # A dirty rebuild keeps the index of the first build: indexing again would cost
        # more than the page that changed.
        if (self.dirty and self.indexed) or self.config["part"] or not self.config["search"]:
            return  # a part is indexed with the others once they are merged
        give_back()  # before Pagefind, which reads the whole site, starts beside us
        try:
            index_site(Path(config.site_dir), directory_urls=config.use_directory_urls)
        except SearchIndexError as failure:
            raise PluginError(str(failure)) from failure
        self.indexed = True

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config["data"])
        return server
