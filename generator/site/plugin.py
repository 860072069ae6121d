"""The MkDocs plugin ``township-catalog`` (``plugins: [township-catalog: {data: data}]``):
validates the data folder, adds the generated tree as virtual files and indexes the built
site.  Under ``mkdocs serve --dirty`` a rebuild renders only the pages whose Markdown
changed, so saving one township file does not re-render the whole catalog.  Under
``mkdocs serve`` data errors are shown on the pages (:mod:`generator.site.preview`); a
build stops at them.  ``build --incremental`` renders only what changed since the last
such build, to the same bytes (:mod:`generator.site.incremental`).
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from generator import urls
from generator.catalog import load_catalog
from generator.history.changelog import UNTRACKED, History, change_log, head
from generator.markup import TEMPLATES
from generator.model import Catalog
from generator.problems import Problem, Severity
from generator.site import incremental
from generator.site.incremental import CountyFiles, Digests, Manifest, Plan
from generator.site.memory import LARGE, LeanPages, give_back
from generator.site.preview import banner, broken_tree
from generator.site.search import SearchIndexError, index_site, mark_indexed
from generator.site.split import Part, part_tree
from generator.site.tree import site_tree, source_date_epoch
from generator.urls import SEARCH, page_url

log = logging.getLogger("mkdocs.plugins.township-catalog")
THEME = TEMPLATES / "theme"


class _Generated(File):
    """A generated file.  ``modified`` is False when its content is the same as in the
    previous build (``mkdocs serve --dirty``), or when another part of a split build
    writes it: a dirty build then leaves its output alone."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


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


class _Serving:
    """What ``mkdocs serve`` keeps from one rebuild to the next."""

    def __init__(self, *, dirty: bool) -> None:
        self.dirty = dirty
        self.built: dict[str, str | bytes] = {}  # the tree of the previous build
        self.compiled = _Compiled()
        self.indexed = False
        # Walking the git history costs a diff per commit: it is walked again only when
        # HEAD moves, not on every saved file.
        self.history: tuple[str | None, History] = (None, UNTRACKED)
        # While the data cannot be loaded: the errors above each hand-written page; None when it loads.
        self.banner: str | None = None
        self.shown: str | None = None  # the banner the hand-written pages were last written with


class CatalogPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]  # mkdocs' __init_subclass__
    # A schema tuple, not a typed Config class: the option is called ``data``, and a
    # Config attribute of that name would shadow UserDict's own ``data``.
    config_scheme = (
        ("data", c.Dir(exists=True)),  # the data folder (the README's layout), relative to mkdocs.yml
        ("today", c.Optional(c.Type(str))),  # check date rules and build the pages as of this day; default today
        ("part", c.Optional(c.Type(str))),  # K/N: write only part K of the site (generator.site.split)
        ("search", c.Type(bool, default=True)),  # index the built site with Pagefind
        ("incremental", c.Type(bool, default=False)),  # build only what changed since the last incremental build
    )

    def __init__(self) -> None:
        # The catalog `python -m generator build` has loaded and checked already; taken
        # once, so that `mkdocs serve` loads what is saved.
        self.loaded: tuple[Catalog, list[Problem]] | None = None
        self.tree: dict[str, str | bytes] = {}
        self.others: list[str] = []  # in a part build: the generated files other parts write
        # A SOURCE_DATE_EPOCH set by the caller wins; otherwise each build sets it from the data.
        self.own_epoch = "SOURCE_DATE_EPOCH" not in os.environ
        self.lean: LeanPages | None = None  # in a large build
        self.serving: _Serving | None = None  # under `mkdocs serve`
        self.dirty = False  # a dirty build: MkDocs leaves alone the files listed as unchanged
        self.plan: Plan | None = None  # in an incremental build
        self.owner: dict[str, str] = {}  # in an incremental build: each made county file's county
        self.made: Digests = {}  # in an incremental build: every generated file made, and the others listed
        self.copied: tuple[Digests, Digests] = ({}, {})  # in an incremental build: hand-written pages, other files from disk
        self.summary = ""  # in an incremental build: what it built again, for the command's last words

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = _Serving(dirty=dirty) if command == "serve" else None
        self.dirty = dirty

    @event_priority(100)  # before other plugins see the configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        today = self.config["today"] or date.today().isoformat()
        catalog, problems = self.loaded or load_catalog(Path(self.config["data"]), today=today)
        self.loaded = None
        errors = [p for p in problems if p.severity is Severity.ERROR]
        warnings = len(problems) - len(errors)
        warned = f"另有 {warnings} 个警告，运行 python -m generator validate 查看。" if warnings else ""
        # Only the errors, each located exactly as validate prints it: a clerk must see what
        # stops the site, not every warning of the catalog.
        stopped = "数据有错误，网站没有生成：\n" + "".join(p.line() + "\n" for p in errors) + warned
        if self.serving:
            self.serving.banner = banner(errors, warnings) if errors else None
        if errors and self.serving:
            # The browser is told on the page it shows, the terminal as a build would be.
            log.error(stopped)
            pages = (path for path, content in self.serving.built.items() if isinstance(content, str))
            self.tree = broken_tree(errors, len(problems) - len(errors), pages)
            return config
        if errors:
            raise PluginError(stopped)
        if problems:
            log.info(warned)
        history = self._history(Path(self.config["data"]).resolve(), catalog)
        base_url, directory_urls = config.site_url or "", config.use_directory_urls
        if self.config["part"]:
            part = Part.parse(self.config["part"])
            self.tree, self.others = part_tree(catalog, history, part, base_url=base_url, directory_urls=directory_urls, today=today)
        elif self.config["incremental"] and self.dirty and not self.serving:
            # Only a dirty build leaves the unchanged files alone: a clean one would write them empty.
            self.plan = self._plan(config, catalog, history, today)
            counties = self.plan.counties
            exported = incremental.exported(Path(config.site_dir), self.plan.carried())
            self.tree = site_tree(
                catalog, history, base_url=base_url, directory_urls=directory_urls, today=today, counties=counties, exported=exported
            )
            made = [c for c in catalog.counties if counties is None or c.slug in counties]
            self.owner = {p: c.slug for c in made for p in urls.county_paths(c, history.years(c.slug))}
            self.others = [path for county in self.plan.carried().values() for path in county.files]
        else:
            if not self.serving:  # this build rewrites the site: what an incremental one kept no longer describes it
                incremental.forget(Path(config.config_file_path), Path(config.site_dir))
            self.tree = site_tree(catalog, history, base_url=base_url, directory_urls=directory_urls, today=today)
        self.lean = LeanPages() if not self.serving and len(self.tree) + len(self.others) > LARGE else None
        # Our theme templates (the Chinese 404 page) over Material's, under a custom_dir's.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if self.own_epoch:
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(catalog))
        return config

    def _plan(self, config: MkDocsConfig, catalog: Catalog, history: History, today: str) -> Plan:
        """What to build again, from the manifest of the last incremental build into this
        site folder; that manifest is deleted now, so a build that fails leaves none."""
        config_file, site_dir = Path(config.config_file_path), Path(config.site_dir)
        kept = incremental.manifest_file(config_file, site_dir)
        previous = incremental.read(kept)
        kept.unlink(missing_ok=True)
        key = incremental.site_key(
            config_file=config_file,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            custom_dir=config.theme.custom_dir,
            catalog=catalog,
            history=history,
        )
        pages = {f.src_uri: incremental.file_digest(f.abs_src_path) for f in get_files(config).documentation_pages() if f.abs_src_path}
        plan = incremental.plan(previous, key=key, prints=incremental.fingerprints(catalog, history, today), pages=pages, site_dir=site_dir)
        if plan.previous is None and site_dir.is_dir():
            clean_directory(str(site_dir))  # as a clean build starts
        return plan

    def _history(self, data: Path, catalog: Catalog) -> History:
        commit = head(data)
        if commit is None:
            return UNTRACKED
        if not self.serving:
            return change_log(data, data, catalog)
        if self.serving.history[0] != commit:
            self.serving.history = (commit, change_log(data, data, catalog))
        return self.serving.history[1]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.lean:
            give_back()  # the catalog and change log the tree was made from
        built = self.serving.built if self.serving else {}
        if self.plan:
            self._copied(files)
        for path, content in self.tree.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 与生成的页面重名：请给手写页面换个名字。")
            if self.plan:
                sha = incremental.digest(content)
                generated = _generated(config, path, content, modified=self.plan.modified(path, sha))
                self.made[path] = (generated.dest_uri, sha)
            else:
                generated = _generated(config, path, content, modified=built.get(path) != content)
            files.append(generated)
        for path in self.others:
            files.append(_generated(config, path, "", modified=False))
        if self.serving:  # the next rebuild compares its tree with this one
            self.serving.built = self.tree
            if self.serving.dirty and self.serving.banner != self.serving.shown:
                # A dirty rebuild writes only pages newer than their output: the hand-written
                # ones are written again when the errors above them change or go.
                for file in files.documentation_pages():
                    if not isinstance(file, _Generated):
                        Path(file.abs_dest_path).unlink(missing_ok=True)
            self.serving.shown = self.serving.banner
        self.tree = {}
        return files

    def _copied(self, files: Files) -> None:
        """The digests of the files MkDocs renders or copies from disk.  Hand-written pages
        are always rendered again (a page not read would lose its title in the navigation),
        other files when their content changed."""
        assert self.plan is not None
        pages: Digests = {}
        sources: Digests = {}
        for file in files:
            if file.abs_src_path is None:  # made by another plugin: MkDocs writes it every time
                continue
            sha = incremental.file_digest(file.abs_src_path)
            if file.is_documentation_page():
                pages[file.src_uri] = (file.dest_uri, sha)
                stale = self.plan.previous is not None
            else:
                sources[file.src_uri] = (file.dest_uri, sha)
                stale = self.plan.source_modified(file.src_uri, sha)
            if stale:  # a dirty build copies a file only when its output is older or missing
                Path(file.abs_dest_path).unlink(missing_ok=True)
        self.copied = (pages, sources)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.lean and isinstance(page.file, _Generated):
            self.lean.read(page.file)
        if self.serving and self.serving.banner and not isinstance(page.file, _Generated):
            return f"{self.serving.banner}\n{markdown}"
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.lean.rendered(page, html) if self.lean else html

    @event_priority(100)  # the page's HTML back before any other plugin reads it
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.lean:
            self.lean.restore(page)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["tc_search"] = page_url(SEARCH, directory_urls=config.use_directory_urls)  # for the 404 page
        if self.serving:
            env.bytecode_cache = self.serving.compiled
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.lean:
            self.lean.written(page)
        return mark_indexed(output, page.file.src_uri)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.plan and self.plan.previous:
            incremental.remove_stale(Path(config.site_dir), self.plan.previous, self._outputs())
        if not self.config["part"] and self.config["search"]:  # a part is indexed with the others once they are merged
            self._index(config)
        if self.plan:
            self._keep(config)

    def _outputs(self) -> set[str]:
        """Every file of this build, by its path in the site (carried counties' too)."""
        assert self.plan is not None
        kept = self.plan.previous.generated if self.plan.previous else {}
        return {kept[path][0] for path in self.others} | {dest for files in (self.made, *self.copied) for dest, _ in files.values()}

    def _keep(self, config: MkDocsConfig) -> None:
        """The manifest the next incremental build starts from."""
        assert self.plan is not None
        counties = {slug: CountyFiles(self.plan.fingerprints[slug], {}) for slug in self.plan.fingerprints}
        counties.update(self.plan.carried())
        shared: Digests = {}
        for path, made in self.made.items():
            (counties[self.owner[path]].files if path in self.owner else shared)[path] = made
        site_dir = Path(config.site_dir)
        pages, sources = self.copied
        manifest = Manifest(self.plan.key, counties, shared, pages, sources, incremental.site_files(site_dir))
        incremental.write(incremental.manifest_file(Path(config.config_file_path), site_dir), manifest)
        previous = self.plan.previous
        written = sum(1 for path, (_, sha) in self.made.items() if self.plan.modified(path, sha))
        if previous is None:
            self.summary = f"增量生成：{self.plan.why}，已完整生成。"
        else:
            changed, total = len(self.plan.counties or ()), len(self.made) + len(self.others)
            self.summary = f"增量生成：{changed} 个县（区）需要重新生成，{written} 个生成的文件重新写出（共 {total} 个）。"

    def _index(self, config: MkDocsConfig) -> None:
        if self.serving and (self.serving.banner or (self.serving.dirty and self.serving.indexed)):
            # A dirty rebuild keeps the first index: indexing again costs more than the page.
            # Pages of errors are not indexed: the first rebuild that loads is.
            return
        if self.lean:
            give_back()  # before Pagefind, which reads the whole site, starts beside us
        try:
            index_site(Path(config.site_dir), directory_urls=config.use_directory_urls)
        except SearchIndexError as failure:
            raise PluginError(str(failure)) from failure
        if self.serving:
            self.serving.indexed = True

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config["data"])
        return server
