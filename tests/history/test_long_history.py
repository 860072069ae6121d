"""A history as a county's grows, 200 small commits (bench/synth.py, fictional): the change
log made incrementally, kept between builds and extended by new commits equals the one made
by loading every revision whole, as do the change-log pages, the feeds and every page's
最后更新; a kept log that no longer fits the history is made again; a site built
incrementally along the history is the clean build's."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest

from generator.blobs import BlobPath
from generator.catalog import load_catalog
from generator.history import cache
from generator.history.changelog import Event, History, change_log
from generator.history.diff import diff_catalogs
from generator.history.git import Objects, Repository
from generator.history.snapshot import Snapshot, comparable
from generator.model import Catalog
from generator.site.tree import site_tree
from tests.site.conftest import generator_build, site_files, write_config

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("synth", REPO / "bench" / "synth.py")
assert _spec is not None and _spec.loader is not None
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)
GIT = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid"]


def _whole(root: Path) -> History:
    """The change log the plain way: every revision loaded whole, with its rules, nothing
    taken over from another revision and nothing kept."""
    repository = Repository(root)
    objects = Objects(repository)

    def at(commit: str | None) -> Snapshot:
        tree = objects.tree_id(commit, "data") if commit else None
        if tree is None:
            return Snapshot("", commit, Catalog(), (), exists=False, shown="data")
        catalog, problems = load_catalog(BlobPath(objects, (True, tree), "data"), today="2026-12-01")
        return Snapshot("", commit, catalog, tuple(problems), exists=True, shown="data")

    commits = repository.commits("data")
    events = [Event(c, county) for c in commits for county in diff_catalogs(*comparable(at(c.parent), at(c.sha))).counties]
    objects.close()
    return History(tuple(events), tracked=True, shallow=False)


def _site(root: Path, history: History) -> dict[str, str | bytes]:
    catalog, _ = load_catalog(root / "data", today="2026-12-01")
    return site_tree(catalog, history, base_url="https://catalog.example.invalid/", today="2026-12-01")


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grown")
    synth.generate(root / "data", 2, townships=4, items=12, seed=3)
    synth.grow(root, 200, seed=3)
    return root


def _commit(root: Path, message: str) -> None:
    subprocess.run([*GIT, "commit", "-qam", message], cwd=root, check=True)


def test_the_log_equals_the_whole_loads(grown: Path) -> None:
    whole = _whole(grown)
    # Some commits change nothing a reader sees (the same supervision text again); a new
    # document changes two things: most of the 200 commits are an event.
    assert len(whole.events) >= 190
    catalog, _ = load_catalog(grown / "data")
    cold = change_log(grown, Path("data"), catalog, kept=False)
    assert cold == whole
    assert not (grown / cache.FOLDER).exists()
    kept = change_log(grown, Path("data"), catalog)  # makes the cache
    warm = change_log(grown, Path("data"), catalog)  # reads it
    assert kept == warm == whole
    assert _site(grown, warm) == _site(grown, whole)


def test_a_kept_log_takes_only_the_new_commits(grown: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_log(grown, Path("data"))
    town = grown / "data" / "c001" / "townships" / "t02.yaml"
    for n in range(3):
        town.write_text(re.sub(r"hours: [^}]*", f"hours: 周一至周五第{n}版", town.read_text(encoding="utf-8")), encoding="utf-8")
        _commit(grown, f"fictional: hours {n}")
    loads: list[object] = []
    real = load_catalog

    def counted(*args: object, **kwargs: object) -> object:
        loads.append(args[0])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("generator.history.snapshot.load_catalog", counted)
    extended = change_log(grown, Path("data"))
    assert len(loads) == 4  # the three new commits and the parent of the oldest
    monkeypatch.undo()
    assert extended == _whole(grown)
    assert [e.commit.date for e in extended.events[:3]] == [extended.events[0].commit.date] * 3


def test_a_log_that_no_longer_fits_is_made_again(grown: Path) -> None:
    change_log(grown, Path("data"))
    town = grown / "data" / "c002" / "townships" / "t01.yaml"
    town.write_text(re.sub(r"hours: [^}]*", "hours: 周一至周五", town.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([*GIT, "commit", "-qa", "--amend", "-m", "fictional: the last change, rewritten"], cwd=grown, check=True)
    assert change_log(grown, Path("data")) == _whole(grown)
    for kept in (grown / cache.FOLDER).glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert change_log(grown, Path("data")) == _whole(grown)


def test_a_log_from_another_version_is_made_again(grown: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_log(grown, Path("data"))
    monkeypatch.setattr(cache, "version", lambda: "another generator")
    loads: list[object] = []
    real = load_catalog
    monkeypatch.setattr("generator.history.snapshot.load_catalog", lambda *a, **k: loads.append(a) or real(*a, **k))
    assert change_log(grown, Path("data")) == _whole(grown)
    assert len(loads) > 100


def test_an_incremental_site_along_the_history_is_the_clean_one(grown: Path, tmp_path: Path) -> None:
    """The site built incrementally on the 200 commits, then again after five more, is the
    clean build of the newest, change logs, feeds and every 最后更新 included."""
    config = write_config(grown / "data", tmp_path)
    build = ["--data", str(grown / "data"), "--config", str(config)]
    generator_build(*build, "--site-dir", str(tmp_path / "incremental"), "--incremental")
    for n in range(5):
        town = grown / "data" / f"c00{n % 2 + 1}" / "townships" / f"t0{n % 4}.yaml"
        town.write_text(re.sub(r"hours: [^}]*", f"hours: 周一至周五第{n}轮", town.read_text(encoding="utf-8")), encoding="utf-8")
        _commit(grown, f"fictional: hours, round {n}")
    said = generator_build(*build, "--site-dir", str(tmp_path / "incremental"), "--incremental")
    assert "增量生成：2 个县（区）需要重新生成，" in said, said
    generator_build(*build, "--site-dir", str(tmp_path / "clean"))
    assert site_files(tmp_path / "incremental") == site_files(tmp_path / "clean")
