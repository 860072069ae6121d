"""Fuzzing: mutate valid files (delete, duplicate and swap lines, change characters and
indentation, put YAML traps in place of values, save in another encoding or cut short)
and check that the validator either accepts the folder or reports located, documented,
Chinese problems — no exception escapes.

Deterministic and quick here; bench/fuzz.py runs ten thousand mutations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import load_catalog
from generator.loader import load_file
from generator.report import REPORTERS
from tests.conftest import TODAY
from tests.mutations import BASE, CHARS, ENCODINGS, KINDS, WEIGHTED, Op, assert_located, mutated

OPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(CHARS)),
    min_size=1, max_size=4,
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the base catalog, one data folder per county so that an example
    validates only the county it changed; each example puts its file back."""
    root = tmp_path_factory.mktemp("fuzz")
    for county in sorted(p.name for p in BASE.iterdir() if p.is_dir()):
        shutil.copytree(BASE / county, root / county / "data" / county)
    yield root


@settings(max_examples=400, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(WEIGHTED), ops=OPS, how=st.sampled_from(ENCODINGS), cut=st.integers(0, 100_000))
def test_mutated_files_are_accepted_or_located(data: Path, file: str, ops: list[Op], how: str, cut: int) -> None:
    folder = data / file.split("/")[0] / "data"
    target = folder / file
    target.write_bytes(mutated(file, ops, how, cut))
    try:
        _, problems = load_catalog(folder, today=TODAY)
        assert_located(problems, folder)
        for report in REPORTERS.values():
            report(problems)
    finally:
        shutil.copyfile(BASE / file, target)


@pytest.mark.parametrize("file", ["shili/townships/dongcun.yaml", "shili/items/9900000000001.yaml"])
def test_every_prefix_of_a_file_is_located_inside_it(tmp_path: Path, file: str) -> None:
    """A file cut short anywhere (a failed save, a bad merge): the problem is inside what is left."""
    text = (BASE / file).read_text(encoding="utf-8")
    path = tmp_path / "cut.yaml"
    for end in range(len(text)):
        path.write_text(text[:end], encoding="utf-8")
        _, problems = load_file(path, path.as_posix())
        assert_located(problems, tmp_path)


def test_the_base_itself_is_accepted(data: Path) -> None:
    """The property would hold vacuously if the copies were broken to begin with."""
    for folder in sorted(data.glob("*/data")):
        assert load_catalog(folder, today=TODAY)[1] == []
