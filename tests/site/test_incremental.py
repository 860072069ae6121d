"""An incremental build (``build --incremental``) gives the bytes of a clean build after
every kind of edit a county makes, and makes again only what the edit touched.

The fictional counties of tests/cases/base in a real git repository; after each edit the
site is built incrementally into one folder and clean into another, and every file and
folder of the two are compared."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.conftest import REPO, TODAY, generator_build, site_files

BASE = REPO / "tests" / "cases" / "base"


def _git(root: Path, *args: str, date: str = "2024-10-01T00:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=root, env=env, check=True)


def _build(root: Path, site: str, *extra: str, today: str = TODAY) -> str:
    return generator_build("--data", "data", "--config", "mkdocs.yml", "--site-dir", site, *extra, cwd=root, today=today)


def _tree(root: Path) -> tuple[list[str], dict[str, bytes]]:
    """The folders and the files of a site."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()), site_files(root)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_township(data: Path) -> None:
    text = (data / "wanshi" / "townships" / "donghu.yaml").read_text(encoding="utf-8")
    (data / "wanshi" / "townships" / "beishan.yaml").write_text(re.sub(r"(?m)^name: .*$", "name: 北山镇", text, count=1), encoding="utf-8")


# (what the edit is, the edit on the repository's folder, whether it is committed, the
# summary line of the incremental build that follows, the day it builds as of)
EDITS: list[tuple[str, Callable[[Path], None], bool, str, str]] = [
    ("nothing", lambda root: None, False, "增量生成：0 个县（区）需要重新生成，", TODAY),
    (
        "an entry",
        lambda root: _edit(root / "data" / "wanshi" / "townships" / "nantang.yaml", "确认书-8", "确认书-80"),
        True,
        "增量生成：1 个县（区）需要重新生成，",
        TODAY,
    ),
    ("a new township", lambda root: _add_township(root / "data"), True, "增量生成：1 个县（区）需要重新生成，", TODAY),
    (
        "a township removed",
        lambda root: (root / "data" / "raoshi" / "townships" / "hexi.yaml").unlink(),
        True,
        "增量生成：1 个县（区）需要重新生成，",
        TODAY,
    ),
    (
        "an item renamed",
        lambda root: _edit(root / "data" / "shili" / "items" / "9900000000004.yaml", "name: ", "name: 新"),
        True,
        "增量生成：1 个县（区）需要重新生成，",
        TODAY,
    ),
    (
        "a document",
        lambda root: _edit(root / "data" / "wanshi" / "county.yaml", "调换基本盘事项的批复（虚构）", "调换基本盘事项的复函（虚构）"),
        True,
        "增量生成：1 个县（区）需要重新生成，",
        TODAY,
    ),
    (
        "an edit not committed",
        lambda root: _edit(root / "data" / "raoshi" / "townships" / "qingshan.yaml", "name: ", "name: 新"),
        False,
        "增量生成：1 个县（区）需要重新生成，",
        TODAY,
    ),
    (
        "an entry not yet in force",
        lambda root: _edit(root / "data" / "wanshi" / "townships" / "nantang.yaml", "    mode: 服务窗口前移\n", "    mode: 服务窗口前移\n"
                           "    effective: 2026-12-01\n"),
        True,
        # A new latest date of the catalog (MkDocs's sitemap has it), which a county's workbooks
        # do not carry: each has its own.  The commit also takes the step before's edit of raoshi.
        "增量生成：2 个县（区）需要重新生成，",
        TODAY,
    ),
    ("the day it comes into force", lambda root: None, False, "增量生成：1 个县（区）需要重新生成，", "2026-12-02"),
    (
        "a hand-written page",
        lambda root: _edit(root / "docs" / "about.md", "\n", "\n\n本段为测试加入的文字。\n"),
        False,
        "增量生成：手写页面有变化（页面标题可能出现在每一页的导航里），已完整生成。",
        TODAY,
    ),
    (
        "mkdocs.yml",
        lambda root: _edit(root / "mkdocs.yml", "site_name: 乡镇赋权事项目录", "site_name: 乡镇赋权事项目录（测试）"),
        False,
        "增量生成：生成程序、配置、主题或全站共用的数据有变化，已完整生成。",
        TODAY,
    ),
]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base counties, committed, with a copy of the docs folder and mkdocs.yml, and
    the site built once incrementally (a whole build: there is no manifest yet)."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(BASE, root / "data")
    shutil.copytree(REPO / "docs", root / "docs")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("      data: data\n", f"      data: data\n      today: '{TODAY}'\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "data")
    _git(root, "commit", "-qm", "data")
    assert "增量生成：没有上次增量生成时留下的清单，已完整生成。" in _build(root, "inc", "--incremental")
    return root


def test_every_edit_builds_the_bytes_of_a_clean_build(repository: Path) -> None:
    root = repository
    for day, (what, edit, commit, summary, today) in enumerate(EDITS, 2):
        edit(root)
        if commit:
            _git(root, "add", "-A", "data")
            _git(root, "commit", "-qm", what, date=f"2024-10-{day:02d}T00:00:00+08:00")
        said = _build(root, "inc", "--incremental", today=today)
        assert summary in said, (what, said)
        shutil.rmtree(root / "clean", ignore_errors=True)
        _build(root, "clean", today=today)
        incremental, clean = _tree(root / "inc"), _tree(root / "clean")
        assert incremental[0] == clean[0], what
        assert sorted(incremental[1]) == sorted(clean[1]), what
        assert [path for path in clean[1] if incremental[1][path] != clean[1][path]] == [], what


def test_an_entry_rewrites_only_its_pages(repository: Path) -> None:
    """One entry's agreement number: the township's page and the files that show it, not
    the other counties' files."""
    root = repository
    before = {p: p.stat().st_mtime_ns for p in (root / "inc").rglob("*.html")}
    _edit(root / "data" / "wanshi" / "townships" / "nantang.yaml", "确认书-7", "确认书-70")
    said = _build(root, "inc", "--incremental")
    rewritten = sorted(p.relative_to(root / "inc").as_posix() for p, t in before.items() if p.exists() and p.stat().st_mtime_ns != t)
    assert "wanshi/townships/nantang/index.html" in rewritten
    assert not [p for p in rewritten if p.startswith(("raoshi/", "shili/"))], rewritten
    assert "增量生成：1 个县（区）需要重新生成，" in said


def test_a_site_changed_by_hand_is_built_again_whole(repository: Path) -> None:
    root = repository
    (root / "inc" / "extra.txt").write_text("不是生成的文件", encoding="utf-8")
    said = _build(root, "inc", "--incremental")
    assert "增量生成：网站文件夹与清单记录的不一致，已完整生成。" in said
    assert not (root / "inc" / "extra.txt").exists()


def test_a_build_without_incremental_forgets_the_manifest(repository: Path) -> None:
    root = repository
    _build(root, "inc")
    assert "增量生成：没有上次增量生成时留下的清单，已完整生成。" in _build(root, "inc", "--incremental")


def test_a_clean_mkdocs_build_asked_for_increments_builds_whole(repository: Path) -> None:
    """``incremental: true`` in mkdocs.yml under a plain ``mkdocs build`` (not dirty, so it
    would write every listed file): the whole site, and the manifest forgotten."""
    root = repository
    _build(root, "inc", "--incremental")
    config = root / "whole.yml"
    config.write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace("      data: data\n", "      data: data\n"
                      "      incremental: true\n"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", "inc"], cwd=root, env=env, check=True)
    shutil.rmtree(root / "clean", ignore_errors=True)
    _build(root, "clean")
    assert _tree(root / "inc") == _tree(root / "clean")
    assert "增量生成：没有上次增量生成时留下的清单，已完整生成。" in _build(root, "inc", "--incremental")


def test_incremental_refuses_parts(repository: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", "build", "--data", "data", "--incremental", "--jobs", "2"]
    done = subprocess.run(command, cwd=repository, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert done.stderr == "网站没有生成：--incremental 只用于一个进程的 MkDocs 生成，不能和 --jobs、--part、--engine zensical 一起用。\n"
