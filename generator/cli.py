"""The command line: parse arguments, call one function, print a report, return the exit code.

Exit codes: 0 clean (or warnings only), 1 problems that fail, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.arguments import add_check_options, data_argument
from generator.catalog import load_catalog
from generator.history.command import add_diff_arguments, run_diff
from generator.problems import has_errors
from generator.report import REPORTERS
from generator.site.commands import add_build_arguments, add_merge_arguments, add_pages_arguments, run_build, run_merge, run_pages

USAGE = 2


def _add_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", nargs="?", type=data_argument, default=Path("data"), help="数据文件夹（默认 data）")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="输出格式（默认 text）")
    add_check_options(parser)


def _run_validate(args: argparse.Namespace) -> int:
    _, problems = load_catalog(args.data, today=args.today)
    sys.stdout.write(REPORTERS[args.format](problems))
    return 1 if has_errors(problems, strict=args.strict) else 0


Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
COMMANDS: dict[str, Command] = {
    "validate": ("检查数据文件夹：结构、赋权规则，报告每个问题的位置", _add_validate, _run_validate),
    "pages": ("把生成的页面和文件写到文件夹（供任何读取 mkdocs.yml 的引擎使用）", add_pages_arguments, run_pages),
    "build": ("检查数据，然后生成网站", add_build_arguments, run_build),
    "merge": ("合并分片生成的网站（build --part），并生成搜索索引", add_merge_arguments, run_merge),
    "diff": ("比较两个版本的目录：哪个乡镇新增、收回、调整了哪些事项，依据哪个文件", add_diff_arguments, run_diff),
}


def _readable_output() -> None:
    """Messages are Chinese: where the output's encoding cannot write them (a C locale
    without UTF-8 mode, a Western Windows code page), write UTF-8 instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                "中文".encode(stream.encoding)
            except (UnicodeEncodeError, LookupError):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _readable_output()
    parser = argparse.ArgumentParser(prog="python -m generator", description="乡镇赋权事项目录：检查数据、生成网站、比较版本。")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_, add, _) in COMMANDS.items():
        add(sub.add_parser(name, help=help_, description=help_))
    args = parser.parse_args(argv)
    return COMMANDS[args.command][2](args)
