"""The ``pages`` and ``build`` commands (registered in ``generator.cli``).

``pages`` writes the generated tree to disk for any engine that reads mkdocs.yml;
``build`` is the one-command main job: validate, then the real ``mkdocs build``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from generator.arguments import add_check_options, add_data_option, today_argument
from generator.catalog import load_catalog
from generator.history.changelog import change_log
from generator.problems import has_errors
from generator.report import format_text
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
    tree = site_tree(catalog, change_log(data, data))
    for path, content in tree.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    print(f"已写出 {len(tree)} 个文件到 {args.out}")
    return 0


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs 配置文件（默认 mkdocs.yml）")
    parser.add_argument("--site-dir", type=Path, help="网站输出到这个文件夹（默认按 mkdocs.yml，即 site）")
    add_check_options(parser, strict_help="数据警告和 MkDocs 警告也算失败")


def run_build(args: argparse.Namespace) -> int:
    _, problems = load_catalog(args.data, today=args.today)
    sys.stdout.write(format_text(problems))
    if has_errors(problems, strict=args.strict):
        return 1
    # Material prints an end-of-life notice unless this is set (issue 3 §1); mkdocs is
    # imported here so that the other commands do not pay for it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # As the mkdocs command shows them: one line per warning, with its level.
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(shown)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides = {"site_dir": str(args.site_dir.resolve())} if args.site_dir else {}
    try:
        config = load_config(str(args.config), strict=args.strict, **overrides)
        plugin = config.plugins["township-catalog"]
        plugin.config["data"] = str(args.data.resolve())
        plugin.config["today"] = args.today
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    print(f"网站已生成：{config.site_dir}")
    return 0
