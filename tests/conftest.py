"""Shared test helpers: run the CLI in-process, and build data folders from case overlays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

CASES = Path(__file__).parent / "cases"
TODAY = "2026-11-22"


def overlay_data(case: Path, into: Path) -> Path:
    """A data folder at ``into/data``: the base catalog with the case's files laid over it."""
    data = into / "data"
    shutil.copytree(CASES / "base", data)
    if (case / "files").is_dir():
        shutil.copytree(case / "files", data, dirs_exist_ok=True, symlinks=True)  # a case's links stay links
    return data


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``python -m generator ARGV`` in this process: exit code, stdout, stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("township-catalog", "the site's browser tests on a sample of a built site (tests/site/test_sample.py)")
    group.addoption("--sample-site", type=Path, help="a site built beforehand (its folder), instead of the fictional base counties")
    group.addoption("--sample-data", type=Path, help="the data folder that site was built from; required with --sample-site")
