"""Reproducible builds: the same data, copied in another order into another folder and
built from another working directory, in another time zone and locale, gives the same
bytes in every file of the site and its exports.

The data (the real catalog and the fictional counties of tests/cases/base) is committed to
two git repositories in two steps with fixed dates, so the change logs and feeds take
part; one build runs ``mkdocs build``, the other ``python -m generator build``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.conftest import REPO, TODAY, write_config

SOURCES = (REPO / "data", REPO / "tests" / "cases" / "base")
# Environments as far apart as a build machine gets: UTC in a UTF-8 locale, and UTC+14 in
# a plain C locale with Python's UTF-8 mode and locale coercion off, so that any file read
# or written without an explicit encoding would differ or fail.
ENVIRONMENTS = (
    {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
    {"TZ": "Pacific/Kiritimati", "LANG": "zh_CN.GB18030", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
     "PYTHONHASHSEED": "4242"},
)


def _files(reverse: bool) -> list[tuple[Path, Path]]:
    """(source file, path in the data folder), in sorted or reverse sorted order."""
    found = [(p, p.relative_to(root)) for root in SOURCES for p in root.rglob("*.yaml")]
    return sorted(found, key=lambda pair: pair[1].as_posix(), reverse=reverse)


def _git(root: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _repository(root: Path, *, reverse: bool) -> Path:
    """A repository whose data folder gets every file but one township in a first commit,
    the last one in a second; files are created in sorted or reverse order."""
    data = root / "data"
    data.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main", date="2024-01-01T00:00:00+00:00")
    files = _files(reverse)
    last = max(name for _, name in files if name.parts[1] == "townships")
    for source, name in files:
        if name != last:
            (data / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, data / name)
    _git(root, "add", "data", date="2024-01-01T00:00:00+00:00")
    _git(root, "commit", "-q", "-m", "first", date="2024-06-01T09:00:00+08:00")
    shutil.copyfile(dict((n, s) for s, n in files)[last], data / last)
    _git(root, "add", "data", date="2024-01-01T00:00:00+00:00")
    _git(root, "commit", "-q", "-m", "second", date="2024-09-01T23:30:00-05:00")
    return data


def _build(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL", "LANGUAGE", "LC_CTYPE")}
    done = subprocess.run(command, cwd=cwd, env={**clean, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr).decode("utf-8", "replace")


def _hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    one, two = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    data = _repository(one / "repo", reverse=False)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(write_config(data, one)), "-d", str(one / "site")]
    _build(command, one / "repo", ENVIRONMENTS[0])
    data = _repository(two / "repo", reverse=True)
    elsewhere = two / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--config", str(write_config(data, two)),
               "--site-dir", str(two / "site"), "--today", TODAY]
    _build(command, elsewhere, ENVIRONMENTS[1])
    return one / "site", two / "site"


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (_hashes(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    assert [path for path in sorted(first) if first[path] != second[path]] == []


def test_the_builds_cover_history_exports_and_search(two_builds: tuple[Path, Path]) -> None:
    """What the comparison above covers: pages, change logs and feeds of a history, every export and the search index."""
    site = two_builds[0]
    names = set(_hashes(site))
    for name in ("shanting/changes/index.html", "feed.xml", "shili/feed.xml", "downloads/catalog.json", "downloads/catalog.csv",
                 "downloads/shanting.xlsx", "downloads/shili/xiqiao.xlsx", "assets/lookup.json", "sitemap.xml"):
        assert name in names, name
    assert [n for n in names if n.startswith("pagefind/")]
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") >= 2 and "2024-09-02T04:30:00Z" in feed  # the second commit, in UTC
    assert b"one" not in (site / "sitemap.xml").read_bytes()
