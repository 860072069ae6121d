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


def test_every_rule_id_shown_is_documented() -> None:
    """An error line's id can always be looked up in the rule reference."""
    import ast
    import re

    from generator.rules import RULES

    root = Path(__file__).resolve().parent.parent
    used: set[str] = set()
    for path in (root / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # error(loc, "rule-id", message) / warning(...), and schemas' (rule-id, message, loc) returns
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("error", "warning") and len(node.args) > 1:
                arg = node.args[1]
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 3:
                arg = node.value.elts[0]
            else:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                used.add(arg.value)
    for text in [p.read_text(encoding="utf-8") for p in CASES.rglob("expected.txt")]:
        used |= set(re.findall(r"(?:error|warning)\[([a-z-]+)\]", text))
    for text in [p.read_text(encoding="utf-8") for p in (root / "schemas").glob("*.json")]:
        used |= set(re.findall(r'"x-rule": "([a-z-]+)"', text))
    assert used - set(RULES) == set()
    assert all(r.title and r.summary and r.source for r in RULES.values())
