"""The ``pages`` and ``build`` commands (registered in ``generator.cli``).

``pages`` writes the generated tree to disk for any engine that reads mkdocs.yml;
``build`` is the one-command main job: validate, then the real ``mkdocs build`` (in
parallel parts with ``--jobs``; one part with ``--part`` for a CI matrix, whose parts
``merge`` joins).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.arguments import add_check_options, add_data_option, today_argument
from generator.catalog import load_catalog
from generator.history.changelog import change_log
from generator.problems import has_errors
from generator.report import format_text
from generator.site.memory import give_back
from generator.site.search import SearchIndexError, index_site
from generator.site.split import MergeError, Part, merge
from generator.site.tree import site_tree


def add_pages_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--today", type=today_argument, help="按这一天检查与日期有关的规则（YYYY-MM-DD，默认今天）")
    parser.add_argument("--out", type=Path, required=True, help="把生成的页面和文件写到这个文件夹")


def run_pages(args: argparse.Namespace) -> int:
    catalog, problems = load_catalog(args.data, today=args.today)
    if has_errors(problems):
        sys.stdout.write(format_text(problems))
        return 1
    data = args.data.resolve()
    tree = site_tree(catalog, change_log(data, data, catalog))
    for path, content in tree.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    print(f"已写出 {len(tree)} 个文件到 {args.out}")
    return 0


def _part_argument(text: str) -> Part:
    try:
        return Part.parse(text)
    except ValueError as wrong:
        raise argparse.ArgumentTypeError(str(wrong)) from wrong


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs 配置文件（默认 mkdocs.yml）")
    parser.add_argument("--site-dir", type=Path, help="网站输出到这个文件夹（默认按 mkdocs.yml，即 site）")
    parser.add_argument("--jobs", type=int, default=1, help="按区县分成这么多片，用同样多的进程并行生成，再合并（默认 1）")
    parser.add_argument("--part", type=_part_argument, help="只生成第 K 片（K/N），供 CI 分机生成；之后用 merge 命令合并")
    add_check_options(parser, strict_help="数据警告和 MkDocs 警告也算失败")


def run_build(args: argparse.Namespace) -> int:
    # Material prints an end-of-life notice unless this is set (issue 3 §1); mkdocs is
    # imported here so that the other commands do not pay for it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.part is not None:
        # A part leaves the report to whoever started it; the plugin still stops on errors.
        return _mkdocs_build(args)
    catalog, problems = load_catalog(args.data, today=args.today)
    sys.stdout.write(format_text(problems))
    if has_errors(problems, strict=args.strict):
        return 1
    del catalog
    give_back()  # the build loads the catalog again (each part in its own process)
    return _build_in_parts(args) if args.jobs > 1 else _mkdocs_build(args)


def _mkdocs_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # As the mkdocs command shows them: one line per warning, with its level.
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(shown)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    if args.part:  # a part is a dirty build on purpose: no warning about it
        logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    overrides = {"site_dir": str(args.site_dir.resolve())} if args.site_dir else {}
    try:
        config = load_config(str(args.config), strict=args.strict, **overrides)
        plugin = config.plugins["township-catalog"]
        plugin.config["data"] = str(args.data.resolve())
        plugin.config["today"] = args.today
        plugin.config["part"] = str(args.part) if args.part else None
        # A part is a dirty build: the pages of other parts count as unchanged, unwritten.
        config.plugins.on_startup(command="build", dirty=args.part is not None)
        try:
            build(config, dirty=args.part is not None)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    print(f"网站已生成：{config.site_dir}" + (f"（第 {args.part} 片）" if args.part else ""))
    return 0


@dataclass(frozen=True)
class _Site:
    """What the merge needs to know of a configuration."""

    folder: Path
    directory_urls: bool
    search: bool  # whether the site is indexed for search


def _site_config(config_file: Path, site_dir: Path | None) -> _Site:
    from mkdocs.config import load_config

    config = load_config(str(config_file), **({"site_dir": str(site_dir.resolve())} if site_dir else {}))
    plugin = config.plugins.get("township-catalog")
    search = bool(plugin.config.get("search", True)) if plugin else True
    return _Site(Path(config.site_dir), bool(config.use_directory_urls), search)


def _build_in_parts(args: argparse.Namespace) -> int:
    target = _site_config(args.config, args.site_dir)
    site = target.folder
    site.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=site.parent) as temporary:
        parts = [Path(temporary) / f"part-{n}" for n in range(1, args.jobs + 1)]
        common = ["--data", str(args.data), "--config", str(args.config)]
        common += [*(["--today", args.today] if args.today else []), *(["--strict"] if args.strict else [])]
        running = [
            subprocess.Popen([sys.executable, "-m", "generator", "build", *common, "--site-dir", str(part), "--part", f"{n}/{args.jobs}"])
            for n, part in enumerate(parts, 1)
        ]
        if [process.wait() for process in running] != [0] * len(running):
            print("网站没有生成：有分片失败，见上面的信息。", file=sys.stderr)
            return 1
        return _merge_and_index(parts, target)


def _merge_and_index(parts: list[Path], target: _Site, out: Path | None = None) -> int:
    site = out or target.folder
    if site.exists():
        shutil.rmtree(site)
    try:
        count = merge(parts, site)
        if target.search:
            index_site(site, directory_urls=target.directory_urls)
    except (MergeError, SearchIndexError) as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    print(f"网站已生成：{site}（{len(parts)} 片合并，{count} 个文件）")
    return 0


def add_merge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("parts", nargs="+", type=Path, help="各片的输出文件夹（build --part 的 --site-dir）")
    parser.add_argument("--out", type=Path, required=True, help="合并后的网站文件夹（原有内容会被删除）")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs 配置文件（默认 mkdocs.yml）")


def run_merge(args: argparse.Namespace) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    missing = [p for p in args.parts if not p.is_dir()]
    if missing:
        print(f"找不到分片文件夹：{'、'.join(map(str, missing))}", file=sys.stderr)
        return 1
    return _merge_and_index(list(args.parts), _site_config(args.config, None), args.out)
