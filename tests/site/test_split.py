"""A site built in parallel parts and merged is the site of one build, byte for byte."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.history.changelog import UNTRACKED
from generator.model import Catalog
from generator.site.split import MergeError, Part, merge, part_tree
from generator.site.tree import site_tree
from generator.urls import county_paths
from tests.site.conftest import REPO, TODAY, generator_build, site_files, write_config


def _write(data: Path, *, guided: bool = False) -> None:
    """Fictional counties: three from bench/synth.py with lists of their own, or the three of
    tests/shapes/jiangxi given two editions of a guide catalog (whose pages item pages link)."""
    if guided:
        shutil.copytree(REPO / "tests" / "shapes" / "jiangxi" / "data", data)
        return
    spec = importlib.util.spec_from_file_location("synth", REPO / "bench" / "synth.py")
    assert spec and spec.loader
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    synth.generate(data, 3, townships=2, items=5)


def _synthetic(root: Path, *, guided: bool = False) -> Path:
    """The fictional counties, committed to git so that every county has change-log pages
    and feeds."""
    _write(root / "data", guided=guided)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-10-01T00:00:00+08:00", "GIT_COMMITTER_DATE": "2024-10-01T00:00:00+08:00"}
    for command in (["init", "-q"], ["add", "data"], ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "data"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    return root / "data"


def _build(data: Path, config: Path, site: Path, *extra: str) -> None:
    generator_build("--data", str(data), "--config", str(config), "--site-dir", str(site), *extra)


@pytest.fixture(scope="module", params=["lists", "guided"])
def whole(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    """The synthetic data, its configuration, and its site built in one process."""
    root = tmp_path_factory.mktemp("split")
    data = _synthetic(root / "repo", guided=request.param == "guided")
    config = write_config(data, root)
    _build(data, config, root / "whole")
    return data, config, site_files(root / "whole")


def test_parts_merge_into_the_whole_site(whole: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    data, config, files = whole
    _build(data, config, tmp_path / "split", "--jobs", "3")
    split = site_files(tmp_path / "split")
    assert [p for p in files if p.startswith("pagefind/")] and [p for p in files if "/townships/" in p and p.endswith("/index.html")]
    assert sorted(files) == sorted(split)
    assert [path for path in files if files[path] != split[path]] == []


def test_parts_built_apart_merge_into_the_whole_site(whole: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    """As a CI matrix does it: each part on its own, then the merge command."""
    data, config, files = whole
    for n in (1, 2):
        _build(data, config, tmp_path / f"part-{n}", "--part", f"{n}/2")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    parts = [str(tmp_path / "part-1"), str(tmp_path / "part-2")]
    command = [sys.executable, "-m", "generator", "merge", *parts, "--out", str(tmp_path / "site"), "--config", str(config)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert site_files(tmp_path / "site") == files


def test_merge_refuses_parts_that_disagree(tmp_path: Path) -> None:
    for n, text in ((1, "one"), (2, "two")):
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}" / "sitemap.xml").write_text(text, encoding="utf-8")
    with pytest.raises(MergeError):
        merge([tmp_path / "p1", tmp_path / "p2"], tmp_path / "out")


def test_part_numbers() -> None:
    assert str(Part.parse("2/3")) == "2/3"
    for wrong in ("0/2", "3/2", "a/b", "2"):
        with pytest.raises(ValueError):
            Part.parse(wrong)


def test_a_part_lists_exactly_the_paths_of_the_whole_tree() -> None:
    catalog = load_catalog(REPO / "data", today=TODAY)[0]
    whole = site_tree(catalog, today=TODAY)
    shared = site_tree(catalog, counties=(), shared=True, today=TODAY)
    assert set(shared) == set(site_tree(Catalog(), today=TODAY))
    assert sorted(whole) == sorted([*shared, *(p for c in catalog.counties for p in county_paths(c))])
    mine = site_tree(catalog, counties={"shanting"}, shared=False, today=TODAY)
    assert {**shared, **mine} == whole


@pytest.mark.parametrize("guided", [False, True], ids=["lists", "guided"])
def test_each_part_makes_or_lists_every_file_of_the_whole_site(guided: bool, tmp_path: Path) -> None:
    """So that every link of a part's pages resolves as in one build: a page linking a file
    another part makes (a guide catalog's page, made by part 1) must find it listed."""
    _write(tmp_path / "data", guided=guided)
    catalog = load_catalog(tmp_path / "data", today=TODAY)[0]
    assert bool(catalog.guides) is guided
    whole = site_tree(catalog, today=TODAY)
    made: dict[str, str | bytes] = {}
    for n in (1, 2):
        tree, others = part_tree(catalog, UNTRACKED, Part(n, 2), base_url="", directory_urls=True, today=TODAY)
        assert sorted(set(whole) - set(tree) - set(others)) == []
        assert sorted(set(tree) & set(made)) == []
        made.update(tree)
    assert made == whole
