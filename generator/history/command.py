"""The ``diff`` command (registered in ``generator.cli``): what a change does to the
catalog, between two git revisions or two data folders.

Exit codes: 0 done, 1 ``--check`` found a change that breaks a review rule, 2 wrong
usage (an unknown revision, no repository, no data folder on either side).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.history.diff import diff_catalogs
from generator.history.git import GitError, Repository
from generator.history.render import FORMATS, Report
from generator.history.review import review
from generator.history.snapshot import Revisions, Snapshot, comparable, folder_snapshot

# The preview the reviewer guide has reviewers serve from the site-preview artifact.
PREVIEW = "http://127.0.0.1:8000/"


def add_diff_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="修改前：git 版本（如 main、HEAD~1）或数据文件夹")
    parser.add_argument("head", metavar="HEAD", help="修改后：git 版本（如 HEAD）或数据文件夹")
    parser.add_argument("--data", type=Path, default=Path("data"), help="git 版本里的数据文件夹（默认 data）")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式（默认 text；markdown 用于合并请求评论）")
    parser.add_argument("--check", action="store_true", help="这次修改违反审核规则时失败（退出码 1）")
    parser.add_argument(
        "--preview-url",
        default=PREVIEW,
        help=f"Markdown 里的链接指向这个预览站点（默认 {PREVIEW}，即按审核人员指南在本机启动的预览；写空字符串则用相对链接）",
    )


def run_diff(args: argparse.Namespace) -> int:
    try:
        base, head = load_sides(args.base, args.head, args.data)
    except GitError as failure:
        print(f"错误：{failure}", file=sys.stderr)
        return 2
    diff = diff_catalogs(*comparable(base, head))
    report = Report(base, head, diff, tuple(review(diff, base, head)))
    sys.stdout.write(FORMATS[args.format](report, args.preview_url))
    if args.check and report.problems:
        print(f"diff --check 没有通过：这次修改有 {len(report.problems)} 处违反审核规则，原因见上。", file=sys.stderr)
        return 1
    return 0


def load_sides(base: str, head: str, data: Path) -> tuple[Snapshot, Snapshot]:
    """Both sides of a comparison; a name that is an existing folder is read from disk,
    any other is a git revision whose ``data`` folder is read from the repository."""
    names = (base, head)
    if all(Path(name).is_dir() for name in names):
        return folder_snapshot(Path(base)), folder_snapshot(Path(head))
    repo = Repository(Path.cwd())
    commits = {name: repo.resolve(name) for name in names if not Path(name).is_dir()}
    with Revisions(repo, data) as revisions:
        old, new = (revisions.at(commits[n], n) if n in commits else folder_snapshot(Path(n)) for n in names)
    if not (old.exists or new.exists):
        raise GitError(f"两边都没有数据文件夹“{data.as_posix()}”：请用 --data 写明数据文件夹在仓库里的位置。")
    return old, new
