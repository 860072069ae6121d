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
        shutil.copytree(case / "files", data, dirs_exist_ok=True)
    return data


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``python -m generator ARGV`` in this process: exit code, stdout, stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
