"""Hostile input that cannot live in git as a case folder: huge files, bombs, links,
pipes, folders where files belong, thousands of entries.  Each is refused with its
located message and exit 1, quickly, and never with a traceback (design §6)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from tests.conftest import CASES, TODAY, overlay_data, run_cli

REPO = Path(__file__).resolve().parent.parent
TOWNS = Path("shili") / "townships"
ENTRY = "  - code: 99{:011d}\n    mode: 服务窗口前移\n    document: 示政发〔2024〕1号\n"
# Generous for a slow CI machine, but far below what a parse of the whole input,
# an expanded alias bomb or a blocking read would take.
FAST = 2.0


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean base catalog at tmp/data, with tmp as the working folder."""
    monkeypatch.chdir(tmp_path)
    return overlay_data(CASES / "base", tmp_path)


def validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], float]:
    """Validate ./data in this process: exit code, output lines, seconds taken."""
    started = time.perf_counter()
    code, out, err = run_cli(capsys, "validate", "data", "--today", TODAY)
    assert err == ""
    return code, out.splitlines(), time.perf_counter() - started


def validate_in_subprocess(data: Path) -> tuple[int, list[str]]:
    """``python -m generator validate data`` as a clerk runs it; no traceback, no hang."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "data", "--today", TODAY],
        capture_output=True, text=True, cwd=data.parent, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""
    return done.returncode, done.stdout.splitlines()


def test_a_20_mb_file_is_refused_unread(data: Path) -> None:
    path = data / TOWNS / "xiqiao.yaml"
    path.write_bytes(b"name: " + b"x" * (20 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    _, problems = load_catalog(Path("data"), today=TODAY)
    assert time.perf_counter() - started < FAST
    assert [p.line() for p in problems] == [
        "data/shili/townships/xiqiao.yaml:1:1: error[file-size]: 文件有 20480 KB，超过上限 5 MB："
        "一个数据文件不应这么大，请检查是否误存了其他内容，或把乡镇拆成各自的文件。"
    ]
    assert validate_in_subprocess(data) == (1, [p.line() for p in problems] + ["没有通过：1 个错误、0 个警告。"])


def test_an_alias_bomb_is_refused_fast(data: Path) -> None:
    # Twelve levels of ten: expanded, 10^12 strings.
    rows = ["name: 西桥镇", "a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    (data / TOWNS / "xiqiao.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    _, problems = load_catalog(Path("data"), today=TODAY)
    assert time.perf_counter() - started < FAST
    assert [p.line() for p in problems] == [
        "data/shili/townships/xiqiao.yaml:3:10: error[alias]: 这里引用了第 2 行定义的锚点（YAML 的 & 和 *）："
        "本项目不接受锚点和引用，请把要重复的内容直接写出来。"
    ]
    assert validate_in_subprocess(data) == (1, [p.line() for p in problems] + ["没有通过：1 个错误、0 个警告。"])


def test_flow_nesting_a_hundred_thousand_deep_is_refused_fast(data: Path) -> None:
    (data / TOWNS / "xiqiao.yaml").write_text("name: 西桥镇\ntags: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    _, problems = load_catalog(Path("data"), today=TODAY)
    assert time.perf_counter() - started < FAST
    assert [p.line() for p in problems] == [
        "data/shili/townships/xiqiao.yaml:2:39: error[too-deep]: 嵌套超过 32 层：数据文件不会这么深，请检查缩进或括号是否写错。"
    ]
    assert validate_in_subprocess(data)[0] == 1


def test_a_4_mb_line_is_refused_fast(data: Path) -> None:
    path = data / TOWNS / "xiqiao.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reason: 暂无专职审核人员", "reason: " + "长" * 1_300_000), encoding="utf-8")
    started = time.perf_counter()
    _, problems = load_catalog(Path("data"), today=TODAY)
    assert time.perf_counter() - started < FAST
    assert [p.line() for p in problems] == [
        "data/shili/townships/xiqiao.yaml:11:13: error[too-long]: 这段文字有 1300000 个字符，超过上限 10000："
        "数据文件里的一项内容不会这么长，请检查是否误粘贴了其他内容，把它删减到需要的文字。"
    ]


@pytest.mark.parametrize("entry", [ENTRY, ENTRY.replace("    document: 示政发〔2024〕1号\n", "")], ids=["well-formed", "each-broken"])
def test_ten_thousand_entries_give_one_message(data: Path, capsys: pytest.CaptureFixture[str], entry: str) -> None:
    # Unknown codes, or a missing document in each entry: still one message, not ten thousand.
    head = "name: 西桥镇\nitems:\n"
    (data / TOWNS / "xiqiao.yaml").write_text(head + "".join(entry.format(i) for i in range(10_000)), encoding="utf-8")
    code, lines, seconds = validate(capsys)
    assert seconds < FAST
    assert (code, lines) == (1, [
        "data/shili/townships/xiqiao.yaml:3:3: error[too-many]: 承接事项（items）有 10000 条，超过上限 2000 条："
        "一个乡镇不会有这么多事项，请检查是否误粘贴了重复的内容，或是否把几个乡镇写进了一个文件。",
        "没有通过：1 个错误、0 个警告。",
    ])


def test_ten_thousand_declined_give_one_message(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"  - code: 99{i:011d}\n    reason: 暂无人员\n    expected: 2027-01-01\n" for i in range(10_000))
    (data / TOWNS / "xiqiao.yaml").write_text("name: 西桥镇\ndeclined:\n" + rows, encoding="utf-8")
    code, lines, _ = validate(capsys)
    assert code == 1
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == ["error[too-many]"]
    assert lines[0].startswith("data/shili/townships/xiqiao.yaml:3:3: error[too-many]: 暂不承接事项（declined）有 10000 条")


def test_two_thousand_entries_are_within_the_limit(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "xiqiao.yaml").write_text("name: 西桥镇\nitems:\n" + "".join(ENTRY.format(i) for i in range(2_000)), encoding="utf-8")
    _, lines, _ = validate(capsys)
    # Within the limit every entry is checked on its own: here, codes the county does not have.
    assert not any("too-many" in line for line in lines)
    assert sum("error[ref]" in line for line in lines) == 1_996


def test_a_folder_named_like_a_yaml_file(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "nanshan.yaml").mkdir()
    assert validate(capsys)[:2] == (1, [
        "data/shili/townships/nanshan.yaml:1:1: error[file-type]: 这是一个文件夹，不是 YAML 文件：请改名（去掉 .yaml 后缀）或移走。",
        "没有通过：1 个错误、0 个警告。",
    ])


def test_a_broken_symlink(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "nanshan.yaml").symlink_to(data / TOWNS / "gone.yaml")
    assert validate(capsys)[:2] == (1, [
        "data/shili/townships/nanshan.yaml:1:1: error[file-type]: 这是一个损坏的链接，它指向的文件不存在："
        "请删除这个链接，或把真实的文件放在这里。",
        "没有通过：1 个错误、0 个警告。",
    ])


def test_a_symlink_loop(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "nanshan.yaml").symlink_to("nanshan.yaml")
    assert validate(capsys)[:2] == (1, [
        "data/shili/townships/nanshan.yaml:1:1: error[file-type]: 这是一个循环链接（链接最终指向它自己）：请删除它，或换成真实的文件。",
        "没有通过：1 个错误、0 个警告。",
    ])


def test_a_broken_symlink_as_county_yaml_is_not_called_missing(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    county = data / "shili" / "county.yaml"
    county.unlink()
    county.symlink_to("/nonexistent/county.yaml")
    assert validate(capsys)[1][0] == (
        "data/shili/county.yaml:1:1: error[file-type]: 这是一个损坏的链接，它指向的文件不存在：请删除这个链接，或把真实的文件放在这里。"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_does_not_hang(data: Path) -> None:
    os.mkfifo(data / TOWNS / "nanshan.yaml")
    assert validate_in_subprocess(data) == (1, [
        "data/shili/townships/nanshan.yaml:1:1: error[file-type]: 这不是普通文件（是管道、设备或其他特殊文件）：请换成普通的 YAML 文件。",
        "没有通过：1 个错误、0 个警告。",
    ])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_an_endless_device_is_not_read(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "nanshan.yaml").symlink_to("/dev/zero")
    code, lines, seconds = validate(capsys)
    assert seconds < FAST
    assert (code, lines[0]) == (1, (
        "data/shili/townships/nanshan.yaml:1:1: error[link-outside]: 这是一个指向仓库以外的链接：为了安全，不会读取它指向的内容。"
        "请把文件本身放进仓库，或删除这个链接。"))


@pytest.mark.parametrize("folder", ["townships", "items"])
def test_a_file_where_a_folder_belongs(data: Path, capsys: pytest.CaptureFixture[str], folder: str) -> None:
    county = data / "shili"
    for path in sorted((county / folder).iterdir()):
        path.unlink()
    (county / folder).rmdir()
    (county / folder).write_text("name: 西桥镇\n", encoding="utf-8")
    lines = validate(capsys)[1]
    assert lines[0] == (
        f"data/shili/{folder}:1:1: error[file-type]: “{folder}”应该是一个文件夹，这里却是一个文件或损坏的链接："
        "请删除它，建一个同名文件夹，把 YAML 文件放进去。"
    )


def test_file_names_with_line_breaks_and_escapes_stay_on_one_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / TOWNS / "a\nb.yaml").write_text("name: 甲\n", encoding="utf-8")
    (data / TOWNS / "\x1b[31mred.yaml").write_text("name: 乙\n", encoding="utf-8")
    code, lines, _ = validate(capsys)
    assert code == 1
    assert lines == [
        "data/shili/townships/\\x1b[31mred.yaml:1:1: error[file-name]: 乡镇文件名“\\x1b[31mred”不合规："
        "只能用小写拼音字母、数字和连字符（如 xiji、shan-ting），请改名。",
        "data/shili/townships/a\\nb.yaml:1:1: error[file-name]: 乡镇文件名“a\\nb”不合规："
        "只能用小写拼音字母、数字和连字符（如 xiji、shan-ting），请改名。",
        "没有通过：2 个错误、0 个警告。",
    ]


def test_a_value_with_a_line_break_stays_on_one_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / TOWNS / "xiqiao.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    mode: 服务窗口前移", '    mode: "服务窗口\\n前移"'), encoding="utf-8")
    assert validate(capsys)[:2] == (1, [
        "data/shili/townships/xiqiao.yaml:6:11: error[enum]: 赋权方式（mode）写的是“服务窗口\\n前移”"
        "（是不是要写“服务窗口前移”？），不是有效的值：可选的有：直接下放、委托、下放实质性审核权、服务窗口前移。",
        "没有通过：1 个错误、0 个警告。",
    ])
