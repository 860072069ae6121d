"""The command line: parse arguments into a command's options, call the command, return
its exit code (:mod:`generator.commands`).

Exit codes: 0 clean (or warnings only), 1 problems that fail, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from generator.commands.build import ENGINES, BuildOptions, build
from generator.commands.diff import DiffOptions, diff
from generator.commands.import_ import ImportOptions, import_tables
from generator.commands.merge import MergeOptions, merge_parts
from generator.commands.pages import PagesOptions, write_pages
from generator.commands.validate import ValidateOptions, validate
from generator.history.diff_report import FORMATS
from generator.report import ALL_WARNINGS, REPORTERS, SHOWN
from generator.site.split import Part


def _today(text: str) -> str:
    with suppress(ValueError):
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
    raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期")


def _data(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"找不到数据文件夹“{text}”")
    return path


def _part(text: str) -> Part:
    try:
        return Part.parse(text)
    except ValueError as wrong:
        raise argparse.ArgumentTypeError(str(wrong)) from wrong


# Arguments several commands take.
_DATA: dict[str, Any] = {"type": _data, "default": Path("data"), "help": "数据文件夹（默认 data）"}
_CONFIG: dict[str, Any] = {"type": Path, "default": Path("mkdocs.yml"), "help": "MkDocs 配置文件（默认 mkdocs.yml）"}
_TODAY: dict[str, Any] = {"type": _today, "help": "按这一天检查与日期有关的规则（YYYY-MM-DD，默认今天）"}
_ALL_WARNINGS: dict[str, Any] = {
    "action": "store_true", "dest": "all_warnings",
    "help": f"逐条列出每一个警告（默认按规则汇总：每条规则列出个数、前 {SHOWN} 处和改法）",
}


def _listing(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"找不到文件清单“{text}”")
    return path


def _validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", nargs="?", **_DATA)
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help=(
        "输出格式（默认 text：先列错误，警告按规则汇总；github：GitHub 上的行内标注和作业摘要；json：全部问题的列表）"))
    parser.add_argument("--strict", action="store_true", help="警告也算失败")
    parser.add_argument("--today", **_TODAY)
    parser.add_argument(ALL_WARNINGS, **_ALL_WARNINGS)
    parser.add_argument("--changed-files", type=_listing, metavar="FILE", help=(
        "本次修改的文件清单（每行一个路径，相对于当前文件夹，如 git diff --name-only 的输出）："
        "--format github 时只为这些文件的警告加行内标注，其余警告汇总在作业摘要里；不写则警告都只汇总"))


def _pages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", **_DATA)
    parser.add_argument("--today", **_TODAY)
    parser.add_argument("--out", type=Path, required=True, help="把生成的页面和文件写到这个文件夹")


def _build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", **_DATA)
    parser.add_argument("--config", **_CONFIG)
    parser.add_argument("--site-dir", type=Path, help="网站输出到这个文件夹（默认按 mkdocs.yml，即 site）")
    parser.add_argument("--jobs", type=int, default=1, help="按区县分成这么多片，用同样多的进程并行生成，再合并（默认 1）")
    parser.add_argument("--part", type=_part, help="只生成第 K 片（K/N），供 CI 分机生成；之后用 merge 命令合并")
    parser.add_argument("--strict", action="store_true", help="数据警告和 MkDocs 警告也算失败")
    parser.add_argument("--today", **_TODAY)
    parser.add_argument(ALL_WARNINGS, **_ALL_WARNINGS)
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="用哪个引擎生成网站（默认 mkdocs，即 MkDocs + Material）")
    parser.add_argument("--incremental", action="store_true", help=(
        "增量生成：只重新生成上次 --incremental 生成以来有变化的页面和文件（清单在 .cache/site/），"
        "结果与完整生成逐字节相同；没有可用的上次结果时完整生成"))


def _merge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("parts", nargs="+", type=Path, help="各片的输出文件夹（build --part 的 --site-dir）")
    parser.add_argument("--out", type=Path, required=True, help="合并后的网站文件夹（原有内容会被删除）")
    parser.add_argument("--config", **_CONFIG)


def _diff(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="修改前：git 版本（如 main、HEAD~1）或数据文件夹")
    parser.add_argument("head", metavar="HEAD", help="修改后：git 版本（如 HEAD）或数据文件夹")
    parser.add_argument("--data", type=Path, default=Path("data"), help="git 版本里的数据文件夹（默认 data）")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式（默认 text；markdown 用于合并请求评论）")
    parser.add_argument("--check", action="store_true", help="这次修改违反审核规则时失败（退出码 1）")
    parser.add_argument("--preview-url", default="", help=(
        "Markdown 里的链接指向这个网址下的预览站点（默认不写：链接是页面在网站里的相对路径，"
        "即合并请求评论里 site-preview 预览包里的位置）"))


def _townships(text: str) -> dict[str, str]:
    pairs = [part.partition("=") for part in text.replace("，", ",").split(",") if part.strip()]
    if not pairs or any(not sep or not name.strip() or not slug.strip() for name, sep, slug in pairs):
        raise argparse.ArgumentTypeError(f"“{text}”不是“乡镇名=文件名,……”的写法：如 西集镇=xiji,桑村镇=sangcun")
    return {name.strip(): slug.strip() for name, _, slug in pairs}


def _import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=(
        "附件：Excel（.xlsx）、Word（.docx）或 CSV；PDF 请先另存为 Excel"))
    parser.add_argument("--county", required=True, help="县（区）的文件夹名（小写拼音，如 shanting）")
    parser.add_argument("--data", **_DATA)
    parser.add_argument("--document", help="附件所属决定文件的文号，如 山政办发〔2021〕12号")
    parser.add_argument("--document-title", help="决定文件的标题（county.yaml 还没有这份文件时写）")
    parser.add_argument("--issuer", help="发文机关，如 山亭区人民政府办公室")
    parser.add_argument("--date", type=_today, help="成文日期 YYYY-MM-DD")
    parser.add_argument("--name", help="县（区）名称，如 山亭区（county.yaml 还没有时写）")
    parser.add_argument("--province", help="所在省，如 山东省")
    parser.add_argument("--city", help="所在市，如 枣庄市")
    parser.add_argument("--townships", type=_townships, default={}, help=(
        "承接单位的乡镇文件名（小写拼音；导入不会替乡镇编拼音）：西集镇=xiji,桑村镇=sangcun；"
        "已有乡镇文件的按名称找到，不用写"))
    parser.add_argument("--partial", action="store_true", help="表格有错误时，也先写入能读出的部分")
    parser.add_argument("--today", **_TODAY)


# name: (help, the command's arguments, its options, the command); each option is the
# argument of the same name.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], type[Any], Callable[[Any], int]]] = {
    "validate": ("检查数据文件夹：结构、赋权规则，报告每个问题的位置", _validate, ValidateOptions, validate),
    "pages": ("把生成的页面和文件写到文件夹（供任何读取 mkdocs.yml 的引擎使用）", _pages, PagesOptions, write_pages),
    "build": ("检查数据，然后生成网站", _build, BuildOptions, build),
    "merge": ("合并分片生成的网站（build --part），并生成搜索索引", _merge, MergeOptions, merge_parts),
    "import": ("把县（区）公布的附件（Excel、Word、CSV 表格）导入成数据文件，并检查结果", _import, ImportOptions, import_tables),
    "diff": ("比较两个版本的目录：哪个乡镇新增、收回、调整了哪些事项，依据哪个文件", _diff, DiffOptions, diff),
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
    for name, (help_, add, _, _) in COMMANDS.items():
        add(sub.add_parser(name, help=help_, description=help_))
    args = parser.parse_args(argv)
    _, _, options, command = COMMANDS[args.command]
    return command(options(**{f.name: getattr(args, f.name) for f in dataclasses.fields(options)}))
