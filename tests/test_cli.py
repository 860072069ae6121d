"""The validate command: exit codes, the three formats (text summed up, in colour on a
terminal; GitHub annotations and job summary; JSON), and the real data."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY, overlay_data, run_cli

REPO = Path(__file__).resolve().parent.parent
BROKEN = CASES / "invalid" / "mode-ceiling-above-max"
LINE = (
    "data/shili/townships/dongcun.yaml:27:11: error[mode-ceiling]: 赋权方式“直接下放”超过了事项“不动产登记”允许的最多方式“服务窗口前移”"
    "（见 items/9900000000004.yaml 的 max_mode）：请改为“服务窗口前移”或下放更少的方式。"
)


# The warnings of the `warned` data folder, each in full.
STRAY = (
    "data/shili/README.md:1:1: warning[stray-file]: “README.md”不会被读取。“shili”里只读取 county.yaml、items/、townships/，"
    "乡镇文件放到 townships/，事项文件放到 items/；不是数据的文件请移出 data/。"
)
UNSIGNED = [
    f"data/shili/townships/dongcun.yaml:{line}:5: warning[agreement]: 事项 {code} 没有登记承接协议："
    "请写 agreement: {number: 协议编号, date: 签订日期}。依据：本县采用这条规则的示政发〔2024〕1号（county.yaml 的 policy.adopts）。"
    for line, code in ((7, 9900000000001), (16, 9900000000002), (22, 9900000000003), (26, 9900000000004))
]
AGREEMENT_FIX = (
    "每个承接的事项都要有已签订的承接确认书或协议书：一份覆盖本镇全部事项的，写在乡镇文件的 agreement；"
    "个别事项另签的，写在条目里（编号、签订日期）。"
)
SUMMED_UP = [
    LINE,
    STRAY,
    "warning[agreement]（4 处）签订承接协议：",
    "  data/shili/townships/dongcun.yaml:7:5",
    "  data/shili/townships/dongcun.yaml:16:5",
    "  data/shili/townships/dongcun.yaml:22:5",
    "  ……另外 1 处；加 --all-warnings 列出每一处",
    f"  改法：{AGREEMENT_FIX}",
    "没有通过：1 个错误、5 个警告。",
]


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return overlay_data(BROKEN, tmp_path)


def _warned(data: Path) -> Path:
    """Four agreement warnings in dongcun.yaml (each row's agreement a comment instead,
    so no line moves) and a stray README."""
    town = data / "shili" / "townships" / "dongcun.yaml"
    lines = town.read_text(encoding="utf-8").splitlines(keepends=True)
    town.write_text("".join("    # 没有承接协议\n" if line.startswith("    agreement:") else line for line in lines), encoding="utf-8")
    (data / "shili" / "README.md").write_text("说明\n", encoding="utf-8")
    return data


@pytest.fixture
def warned(broken: Path) -> Path:
    """One error (line 27 of dongcun.yaml), after four warnings in the same file, and a stray README."""
    return _warned(broken)


def test_real_data_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run_cli(capsys, "validate", "--today", TODAY)
    assert code == 0
    assert out.splitlines()[-1] == "检查通过：没有错误；有 26 个警告，不影响通过，但请逐条看过。"
    # 枣庄市's notice asks for supervisors, 山亭区's for service guides; no notice binding 山亭区 asks for agreements.
    assert [line for line in out.splitlines() if line.startswith("warning[")] == [
        "warning[supervisor]（13 处）明确监管责任主体和内容：", "warning[service-guide]（13 处）承接的事项有办事指南："]


def test_strict_fails_on_warnings(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert run_cli(capsys, "validate", "--today", TODAY, "--strict")[0] == 1


def test_text_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", "data", "--today", TODAY) == (1, f"{LINE}\n没有通过：1 个错误、0 个警告。\n", "")


def test_text_format_puts_errors_first_and_sums_up_warnings_by_rule(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", "data", "--today", TODAY) == (1, "".join(f"{line}\n" for line in SUMMED_UP), "")


def test_all_warnings_lists_each_in_full(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--today", TODAY, "--all-warnings")
    assert (code, out.splitlines()) == (1, [LINE, STRAY, *UNSIGNED, "没有通过：1 个错误、5 个警告。"])


@pytest.mark.parametrize(("argv", "verdict"), [
    ([], "检查通过：没有错误；有 5 个警告，不影响通过，但请逐条看过。"),
    (["--strict"], "没有通过：5 个警告（加了 --strict，警告也算不通过）。"),
])
def test_the_last_line_says_whether_it_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], verdict: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _warned(overlay_data(CASES / "base", tmp_path))
    code, out, _ = run_cli(capsys, "validate", "data", "--today", TODAY, *argv)
    assert (code, out.splitlines()[-1]) == (1 if argv else 0, verdict)


def _on_a_terminal(cwd: Path, **env: str) -> str:
    """``validate`` with its output on a pseudo-terminal, as a clerk runs it."""
    ours, theirs = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"PYTHONPATH": str(REPO), **env}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "data", "--today", TODAY],
        stdout=theirs, stderr=subprocess.PIPE, cwd=cwd, env=environment, timeout=60, check=False,
    )
    os.close(theirs)
    read = b""
    with suppress(OSError):  # the terminal's other end reports EIO once all is read
        while chunk := os.read(ours, 1 << 16):
            read += chunk
    os.close(ours)
    assert done.returncode == 1
    return read.decode("utf-8").replace("\r\n", "\n")


def test_colour_on_a_terminal(warned: Path) -> None:
    red, yellow, reset = "\x1b[1;31m", "\x1b[33m", "\x1b[0m"
    where, message = LINE.split(" error[mode-ceiling]: ")
    assert _on_a_terminal(warned.parent).splitlines() == [
        f"{where} {red}error[mode-ceiling]{reset}: {message}",
        STRAY.replace("warning[stray-file]", f"{yellow}warning[stray-file]{reset}"),
        f"{yellow}warning[agreement]{reset}（4 处）签订承接协议：",
        *SUMMED_UP[3:-1],
        f"{red}没有通过：1 个错误、5 个警告。{reset}",
    ]


@pytest.mark.parametrize("no_color", ["1", "0", "yes"])
def test_no_color_is_honoured(warned: Path, no_color: str) -> None:
    assert _on_a_terminal(warned.parent, NO_COLOR=no_color).splitlines() == SUMMED_UP


def test_an_empty_no_color_is_not_set(warned: Path) -> None:
    assert "\x1b[" in _on_a_terminal(warned.parent, NO_COLOR="")


def test_no_colour_when_not_a_terminal(warned: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "data", "--today", TODAY],
        capture_output=True, text=True, cwd=warned.parent, env={**os.environ, "PYTHONPATH": str(REPO)}, check=False,
    )
    assert done.stdout.splitlines() == SUMMED_UP


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "github", "--today", TODAY)
    message = LINE.split(": ", 2)[2]
    assert (code, out) == (
        1, f"::error file=data/shili/townships/dongcun.yaml,line=27,col=11,title=mode-ceiling::{message}\n没有通过：1 个错误、0 个警告。\n")


def _annotation(line: str) -> str:
    where, rest = line.split(": ", 1)
    file, row, col = where.split(":")
    severity, rule = rest.split(": ", 1)[0].rstrip("]").split("[")
    return f"::{severity} file={file},line={row},col={col},title={rule}::{rest.split(': ', 1)[1]}"


def test_github_format_annotates_errors_and_the_changed_files_warnings(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = warned.parent / "changed.txt"
    listing.write_text("data/shili/README.md\nREADME.md\n", encoding="utf-8")  # as git diff --name-only prints them
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "github", "--today", TODAY, "--changed-files", str(listing))
    assert (code, out.splitlines()) == (1, [_annotation(LINE), _annotation(STRAY), *SUMMED_UP[2:]])


def test_github_format_without_changed_files_annotates_only_errors(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "github", "--today", TODAY)
    assert (code, out.splitlines()) == (1, [_annotation(LINE), *SUMMED_UP[1:]])


def test_github_job_summary(warned: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    summary = warned.parent / "summary.md"
    summary.write_text("## 前一步写的摘要\n\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    listing = warned.parent / "changed.txt"
    listing.write_text("data/shili/README.md\n", encoding="utf-8")
    run_cli(capsys, "validate", "data", "--format", "github", "--today", TODAY, "--changed-files", str(listing))
    dongcun = "data&#47;shili&#47;townships&#47;dongcun&#46;yaml"
    assert summary.read_text(encoding="utf-8") == (
        "## 前一步写的摘要\n\n"
        "## 数据校验\n\n"
        "没有通过：1 个错误、5 个警告。\n\n"
        "### 错误（1 个）\n\n"
        "每个错误都标注在出错的那一行上；GitHub 每一步最多显示 10 个，这里列出全部。\n\n"
        f"- {dongcun}:27:11 **mode&#45;ceiling**：赋权方式“直接下放”超过了事项“不动产登记”允许的最多方式“服务窗口前移”"
        "（见 items&#47;9900000000004&#46;yaml 的 max&#95;mode）：请改为“服务窗口前移”或下放更少的方式。\n\n"
        "### 本次修改的文件里的警告（1 个）\n\n"
        "这些警告标注在 Files changed 里对应的行上（GitHub 每一步最多显示 10 个），这里列出全部。\n\n"
        "- data&#47;shili&#47;README&#46;md:1:1 **stray&#45;file**：“README&#46;md”不会被读取。"
        "“shili”里只读取 county&#46;yaml、items&#47;、townships&#47;，乡镇文件放到 townships&#47;，"
        "事项文件放到 items&#47;；不是数据的文件请移出 data&#47;。\n\n"
        "### 其他文件里的警告（按规则汇总）\n\n"
        f"- **agreement** 签订承接协议：4 处，如 {dongcun}:7:5、{dongcun}:16:5、{dongcun}:22:5 等。改法：{AGREEMENT_FIX}\n\n"
        "本地运行 `python -m generator validate data --all-warnings` 列出每一条警告。\n"
    )


def test_no_job_summary_outside_github_format(warned: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    summary = warned.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli(capsys, "validate", "data", "--today", TODAY)
    assert not summary.exists()


def test_github_format_escapes_newlines_and_percent() -> None:
    from generator.model import Loc
    from generator.problems import error
    from generator.report import format_github

    out = format_github([error(Loc("a,b:c.yaml", 1, 2), "r", "50%\n下一行")])
    assert out == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=r::50%25%0A下一行\n没有通过：1 个错误、0 个警告。\n"


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", "data", "--format", "json", "--today", TODAY)
    assert code == 1
    assert json.loads(out) == [{
        "file": "data/shili/townships/dongcun.yaml", "line": 27, "col": 11, "rule": "mode-ceiling",
        "severity": "error", "message": LINE.split(": ", 2)[2],
    }]


def test_json_format_lists_every_problem_in_place_order(warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "validate", "data", "--format", "json", "--today", TODAY)
    lines = [f"{r['file']}:{r['line']}:{r['col']}: {r['severity']}[{r['rule']}]: {r['message']}" for r in json.loads(out)]
    assert lines == [STRAY, *UNSIGNED, LINE]


@pytest.mark.parametrize("argv", [
    ["validate", "no-such-folder"],
    ["validate", "--today", "2021-02-30"],
    ["validate", "--format", "xml"],
    ["validate", "--changed-files", "no-such-list.txt"],
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
