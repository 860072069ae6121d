"""``build``, the one-command main job: validate the data once, then the real ``mkdocs
build`` with that catalog; in parallel parts with ``jobs``, or one part with ``part``
for a CI matrix, whose parts ``merge`` joins; or, with ``incremental``, only what changed
since the last incremental build (:mod:`generator.site.incremental`).
``engine="zensical"`` builds the same tree with Zensical instead (:mod:`generator.site.zensical`)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.catalog import load_catalog
from generator.commands.merge import SiteConfig, merge_and_index
from generator.commands.validate import shown
from generator.history.changelog import change_log
from generator.model import Catalog
from generator.problems import Problem, has_errors
from generator.site import incremental
from generator.site.memory import give_back
from generator.site.plugin import CatalogPlugin
from generator.site.split import Part
from generator.site.tree import site_tree
from generator.site.zensical import ZensicalError, zensical_build, zensical_executable


@dataclass(frozen=True)
class BuildOptions:
    data: Path = Path("data")
    config: Path = Path("mkdocs.yml")
    site_dir: Path | None = None  # default: the configuration's site_dir
    jobs: int = 1  # parallel parts, merged
    part: Part | None = None  # build only this part, for a CI matrix
    strict: bool = False  # data and MkDocs warnings fail too
    today: str | None = None
    engine: str = "mkdocs"  # a key of ENGINES
    all_warnings: bool = False  # every data warning in full, not summed up by rule
    incremental: bool = False  # rebuild only what changed since the last incremental build into the site folder


def build(options: BuildOptions) -> int:
    # Material prints an end-of-life notice unless this is set (issue 3 §1); mkdocs is
    # imported here so that the other commands do not pay for it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # One day for the rules, the pages and every part, even across midnight.
    options = replace(options, today=options.today or date.today().isoformat())
    if options.incremental and (options.jobs > 1 or options.part or options.engine != "mkdocs"):
        refused = "网站没有生成：--incremental 只用于一个进程的 MkDocs 生成，不能和 --jobs、--part、--engine zensical 一起用。"
        print(refused, file=sys.stderr)
        return 1
    catalog, problems = load_catalog(options.data, today=options.today)
    if options.part is None:
        # A part leaves the report to whoever started it; the plugin still stops on errors.
        sys.stdout.write(shown(problems, all_warnings=options.all_warnings, strict=options.strict))
        if has_errors(problems, strict=options.strict):
            return 1
    if options.engine == "zensical":
        return _zensical_build(options, catalog)
    if options.jobs > 1:
        # The change log made once and kept (generator.history.cache): each part reads it
        # instead of making it again beside the other, at twice the memory.
        data = options.data.resolve()
        change_log(data, data, catalog)
        del catalog
        give_back()  # each part loads the catalog in its own process
        return _build_in_parts(options)
    return _mkdocs_build(options, catalog, problems)


def _mkdocs_build(options: BuildOptions, catalog: Catalog, problems: list[Problem]) -> int:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # As the mkdocs command shows them: one line per warning, with its level.
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(shown)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    part = options.part
    dirty = part is not None or options.incremental
    if dirty:  # a part and an incremental build are dirty builds on purpose: no warning about it
        logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    overrides = {"site_dir": str(options.site_dir.resolve())} if options.site_dir else {}
    try:
        config = load_config(str(options.config), strict=options.strict, **overrides)
        plugin = config.plugins["township-catalog"]
        assert isinstance(plugin, CatalogPlugin), "mkdocs.yml names another township-catalog plugin"
        plugin.config.update(
            data=str(options.data.resolve()), today=options.today, part=str(part) if part else None, incremental=options.incremental
        )
        plugin.loaded = (catalog, problems)
        # A part is a dirty build: the pages of other parts count as unchanged, unwritten; so
        # is an incremental one: what did not change since the last is left as it was.
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    if plugin.summary:
        print(plugin.summary)
    print(f"网站已生成：{config.site_dir}" + (f"（第 {part} 片）" if part else ""))
    return 0


def _zensical_build(options: BuildOptions, catalog: Catalog) -> int:
    if options.jobs > 1 or options.part:
        print("网站没有生成：--engine zensical 只能一次生成整个网站，不能和 --jobs、--part 一起用。", file=sys.stderr)
        return 1
    target = SiteConfig.read(options.config, options.site_dir)
    incremental.forget(options.config, target.folder)
    data = options.data.resolve()
    tree = site_tree(
        catalog, change_log(data, data, catalog), base_url=target.site_url, directory_urls=target.directory_urls, today=str(options.today)
    )
    try:
        executable = zensical_executable(options.config.resolve().parent)
        zensical_build(tree, config_file=options.config, site_dir=target.folder, executable=executable, strict=options.strict)
    except ZensicalError as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    print(f"网站已生成：{target.folder}（Zensical）")
    return 0


# The engines that build the site: MkDocs with Material (the default until Material's end
# of life, 2027-05-05) and Zensical, its successor.
ENGINES = ("mkdocs", "zensical")


def _build_in_parts(options: BuildOptions) -> int:
    target = SiteConfig.read(options.config, options.site_dir)
    target.folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=target.folder.parent) as temporary:
        parts = [Path(temporary) / f"part-{n}" for n in range(1, options.jobs + 1)]
        command = [sys.executable, "-m", "generator", "build", "--data", str(options.data), "--config", str(options.config)]
        command += ["--today", str(options.today), *(["--strict"] if options.strict else [])]
        running = [
            subprocess.Popen([*command, "--site-dir", str(path), "--part", f"{n}/{options.jobs}"]) for n, path in enumerate(parts, 1)
        ]
        if [process.wait() for process in running] != [0] * len(running):
            print("网站没有生成：有分片失败，见上面的信息。", file=sys.stderr)
            return 1
        return merge_and_index(parts, target)
