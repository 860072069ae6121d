"""The strict loader keeps text as written and refuses YAML's traps (design §3)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.loader import load_file


def load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_file(path, "f.yaml")
    assert problems == []
    assert loaded is not None
    return loaded.data


def test_every_scalar_is_the_text_written(tmp_path: Path) -> None:
    text = "code: 0370000117086\nyes_: yes\nno_: no\non_: on\nfloat_: 1.50\noctal: 0o17\nsexagesimal: 1:30\ndate: 2021-06-28\n"
    assert load(tmp_path, text) == {
        "code": "0370000117086", "yes_": "yes", "no_": "no", "on_": "on", "float_": "1.50",
        "octal": "0o17", "sexagesimal": "1:30", "date": "2021-06-28",
    }


def test_empty_values_are_null_but_quoted_ones_are_text(tmp_path: Path) -> None:
    assert load(tmp_path, "a:\nb: ~\nc: null\nd: 'null'\ne: ''\n") == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("items:\n  - code: 1\n    mode: 委托\n", encoding="utf-8")
    loaded, _ = load_file(path, "f.yaml")
    assert loaded is not None
    assert (loaded.at(("items", 0, "mode")).line, loaded.at(("items", 0, "mode")).col) == (3, 11)
    assert (loaded.key_at(("items", 0, "mode")).line, loaded.key_at(("items", 0, "mode")).col) == (3, 5)
    assert loaded.at(("items", 0, "missing")).line == 2


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    loaded, problems = load_file(path, "bomb.yaml")
    assert time.perf_counter() - started < 2
    assert loaded is None
    assert [(p.rule, p.loc.line) for p in problems] == [("alias", 2)]


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"name: x\n" + b"# padding\n" * 2_200_000)
    loaded, problems = load_file(path, "huge.yaml")
    assert loaded is None
    assert problems[0].line() == (
        "huge.yaml:1:1: error[file-size]: 文件有 21484 KB，超过上限 5 MB："
        "一个数据文件不应这么大，请检查是否误存了其他内容，或把乡镇拆成各自的文件。"
    )


def test_a_folder_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    _, problems = load_file(tmp_path / "d.yaml", "d.yaml")
    assert problems[0].line() == "d.yaml:1:1: error[file-type]: 这是一个文件夹，不是 YAML 文件：请改名（去掉 .yaml 后缀）或移走。"


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    _, problems = load_file(path, "deep.yaml")
    assert problems[0].line() == "deep.yaml:1:36: error[too-deep]: 嵌套超过 32 层：数据文件不会这么深，请检查缩进或括号是否写错。"
