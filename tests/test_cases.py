"""Every example under tests/cases/ gives exactly its expected output and exit code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY, overlay_data, run_cli

ALL = sorted(p for kind in ("valid", "invalid") for p in (CASES / kind).iterdir() if p.is_dir())


@pytest.mark.parametrize("case", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    overlay_data(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "validate", "data", "--today", TODAY)
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")
    assert code == (1 if "error[" in out else 0)
    if case.parent.name == "invalid":
        assert "[" in out, "an invalid case must produce at least one located problem"
    else:
        assert "error[" not in out


def test_base_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    overlay_data(CASES / "base", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "validate", "data", "--today", TODAY, "--strict") == (0, "检查通过：没有发现问题。\n", "")
