"""Formats of a list of problems: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.problems import Problem, Severity


def format_text(problems: list[Problem]) -> str:
    """One line per problem, then a count in Chinese."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    lines = [p.line() for p in problems]
    lines.append(f"共 {errors} 个错误、{warnings} 个警告。" if problems else "检查通过：没有发现问题。")
    return "\n".join(lines) + "\n"


def _escape(text: str, *, property_: bool = False) -> str:
    # GitHub workflow commands: data and properties need %, CR and LF escaped; properties also : and ,
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so problems show inline on a pull request."""
    lines = []
    for p in problems:
        props = ",".join(
            f"{k}={_escape(str(v), property_=True)}"
            for k, v in (("file", p.loc.file), ("line", p.loc.line), ("col", p.loc.col), ("title", p.rule))
        )
        lines.append(f"::{p.severity.value} {props}::{_escape(p.message)}")
    return "".join(line + "\n" for line in lines)


def format_json(problems: list[Problem]) -> str:
    """A stable JSON list: one object per problem with file, line, col, rule, severity, message."""
    rows = [
        {"file": p.loc.file, "line": p.loc.line, "col": p.loc.col, "rule": p.rule, "severity": p.severity.value, "message": p.message}
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[list[Problem]], str]] = {"text": format_text, "github": format_github, "json": format_json}
