"""``diff``: what a change does to the catalog, between two git revisions or two data folders.

Exit codes: 0 done, 1 ``--check`` found a change that breaks a review rule, 2 wrong
usage (an unknown revision, no repository, no data folder on either side).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from generator.history.checks import review
from generator.history.diff import diff_catalogs
from generator.history.diff_report import FORMATS, Report
from generator.history.git import GitError, Repository
from generator.history.snapshot import Revisions, Snapshot, comparable, folder_snapshot


@dataclass(frozen=True)
class DiffOptions:
    base: str  # a git revision or a data folder
    head: str
    data: Path = Path("data")  # the data folder inside the repository
    format: str = "text"  # a key of FORMATS
    check: bool = False  # fail when the change breaks a review rule
    preview_url: str = ""  # the site the Markdown links point at; "": paths inside the built site


def diff(options: DiffOptions) -> int:
    try:
        base, head = load_sides(options.base, options.head, options.data)
    except GitError as failure:
        print(f"错误：{failure}", file=sys.stderr)
        return 2
    changes = diff_catalogs(*comparable(base, head))
    report = Report(base, head, changes, tuple(review(changes, base, head)))
    sys.stdout.write(FORMATS[options.format](report, options.preview_url))
    if options.check and report.problems:
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
