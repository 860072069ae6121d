"""Formats of a list of problems: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.problems import Problem, Severity


def format_text(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    total = f"共 {errors} 个错误、{len(problems) - errors} 个警告。" if problems else "检查通过：没有发现问题。"
    return "".join(f"{p.line()}\n" for p in problems) + total + "\n"


def _escape(text: str, *, property_: bool = False) -> str:
    # GitHub workflow commands: data and properties need %, CR and LF escaped; properties also : and ,
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so problems show inline on a pull request."""
    return "".join(
        f"::{p.severity.value} file={_escape(p.loc.file, property_=True)},line={p.loc.line},col={p.loc.col},"
        f"title={_escape(p.rule, property_=True)}::{_escape(p.message)}\n"
        for p in problems
    )


def format_json(problems: list[Problem]) -> str:
    """A stable JSON list: one object per problem with file, line, col, rule, severity, message."""
    rows = [
        {"file": p.loc.file, "line": p.loc.line, "col": p.loc.col, "rule": p.rule, "severity": p.severity.value, "message": p.message}
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[list[Problem]], str]] = {"text": format_text, "github": format_github, "json": format_json}
