"""The validate command: exit codes, the three formats, and the real data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY, overlay_data, run_cli

REPO = Path(__file__).resolve().parent.parent
BROKEN = CASES / "invalid" / "mode-ceiling-above-max"
LINE = (
    "data/shili/townships/dongcun.yaml:27:11: error[mode-ceiling]: 赋权方式“直接下放”超过了事项“不动产登记”允许的最多方式“服务窗口前移”"
    "（见 items/9900000000004.yaml 的 max_mode）：请改为“服务窗口前移”或下放更少的方式。"
)


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return overlay_data(BROKEN, tmp_path)


def test_real_data_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run_cli(capsys, "validate", "--today", TODAY)
    assert code == 0
    assert out.splitlines()[-1] == "共 0 个错误、22 个警告。"
    assert {line.split("[")[1].split("]")[0] for line in out.splitlines()[:-1]} == {"agreement", "supervisor"}


def test_strict_fails_on_warnings(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert run_cli(capsys, "validate", "--today", TODAY, "--strict")[0] == 1


def test_text_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", "data", "--today", TODAY) == (1, f"{LINE}\n共 1 个错误、0 个警告。\n", "")


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "github", "--today", TODAY)
    message = LINE.split(": ", 2)[2]
    assert (code, out) == (1, f"::error file=data/shili/townships/dongcun.yaml,line=27,col=11,title=mode-ceiling::{message}\n")


def test_github_format_escapes_newlines_and_percent() -> None:
    from generator.model import Loc
    from generator.problems import error
    from generator.report import format_github

    out = format_github([error(Loc("a,b:c.yaml", 1, 2), "r", "50%\n下一行")])
    assert out == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=r::50%25%0A下一行\n"


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "json", "--today", TODAY)
    assert code == 1
    assert json.loads(out) == [{
        "file": "data/shili/townships/dongcun.yaml", "line": 27, "col": 11, "rule": "mode-ceiling",
        "severity": "error", "message": LINE.split(": ", 2)[2],
    }]


@pytest.mark.parametrize("argv", [
    ["validate", "no-such-folder"],
    ["validate", "--today", "2021-02-30"],
    ["validate", "--format", "xml"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: python -m generator" in err


def test_module_entry_point_lists_commands() -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True, cwd=REPO)
    assert "validate" in done.stdout


def test_bad_data_gives_no_traceback(broken: Path) -> None:
    (broken / "shili" / "townships" / "dongcun.yaml").write_bytes(b"\xff\xfe\x00garbage: [\n")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "data"], capture_output=True, text=True, cwd=broken.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.startswith("data/shili/townships/dongcun.yaml:1:1: error[encoding]:")
