"""A county's lists are only a shorter way of writing its townships' catalogs: the county of
tests/shapes/lists/ (three lists, to all, to a tag and to a group, with the townships'
differences) and its twin tests/shapes/lists-written/ (every entry written out in every
township file, no lists, no groups) give the same catalog, byte-identical pages and exports,
and no change in ``diff``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.model import Catalog
from generator.problems import Severity
from tests.conftest import TODAY, run_cli

SHAPES = Path(__file__).parent / "shapes"
LISTS, WRITTEN = SHAPES / "lists" / "data", SHAPES / "lists-written" / "data"

# Each township's entries as resolved: the entries of the lists given to it in list order
# (all, then 中心镇 or 山区), less what it declines or withdraws, then its own.
RESOLVED = {
    "anle": ["9937000000001", "9937000000002", "9937000000003", "9937000000004", "9937000000005", "lx-001", "9937000000008"],
    "baishi": ["9937000000001", "9937000000002", "9937000000004", "9937000000005", "9937000000006", "lx-001", "9937000000007"],
    "chaoyang": ["9937000000001", "9937000000002", "9937000000003", "9937000000007", "9937000000008", "lx-001"],
    "dongling": ["9937000000001", "9937000000002", "9937000000003", "9937000000004", "9937000000007", "9937000000008"],
}


def _load(data: Path) -> Catalog:
    catalog, problems = load_catalog(data, today=TODAY)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    return catalog


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_both_load_to_the_same_catalog() -> None:
    lists, written = _load(LISTS), _load(WRITTEN)
    assert lists == written
    (county,) = lists.counties
    assert {t.slug: [e.code for e in t.entries] for t in county.townships} == RESOLVED
    # Not the same files twice: the lists' entries point at county.yaml, the written ones at the townships.
    (dongling,) = [t for t in county.townships if t.slug == "dongling"]
    assert {e.where.file.rsplit("/", 1)[-1] for e in dongling.entries} == {"county.yaml"}
    (twin,) = [t for t in written.counties[0].townships if t.slug == "dongling"]
    assert {e.where.file.rsplit("/", 1)[-1] for e in twin.entries} == {"dongling.yaml"}


def test_pages_and_exports_are_byte_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Copies outside the repository: the change logs would otherwise tell the two folders'
    # different git histories apart.
    trees = {}
    for name, source in (("lists", LISTS), ("written", WRITTEN)):
        data = shutil.copytree(source, tmp_path / name / "data")
        out = tmp_path / name / "out"
        code, stdout, _ = run_cli(capsys, "pages", "--data", str(data), "--out", str(out), "--today", TODAY)
        assert code == 0, stdout
        trees[name] = _files(out)
    lists, written = trees["lists"], trees["written"]
    assert sorted(lists) == sorted(written)
    for export in ("downloads/catalog.json", "downloads/catalog.csv", "downloads/liexu.json", "downloads/liexu.csv",
                   "downloads/liexu.xlsx", "downloads/liexu/anle.xlsx", "assets/lookup.json", "liexu/townships/chaoyang.md"):
        assert export in lists, export
    assert [path for path in lists if lists[path] != written[path]] == []


def test_diff_finds_no_change(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(SHAPES)
    assert run_cli(capsys, "diff", "lists", "lists-written") == (0, "目录变更：lists → lists-written，共 0 项变化。\n", "")
    assert run_cli(capsys, "diff", "lists", "lists-written", "--check") == (0, "目录变更：lists → lists-written，共 0 项变化。\n", "")
