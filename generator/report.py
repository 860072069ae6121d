"""Formats of a list of problems: text for people (errors first, warnings summed up by
rule), GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from generator.problems import Problem, Severity, printable

SHOWN = 3  # places shown of each rule's warnings, unless every warning is asked for
ALL_WARNINGS = "--all-warnings"  # the option that lists every warning in full

_RED, _YELLOW, _GREEN, _RESET = "\x1b[1;31m", "\x1b[33m", "\x1b[32m", "\x1b[0m"


class Explained(Protocol):
    """What the report says of a rule (:class:`generator.rules.Rule`): its title and how to
    put right what it finds."""

    @property
    def title(self) -> str: ...

    @property
    def summary(self) -> str: ...


@dataclass(frozen=True)
class View:
    """How a report shows the problems."""

    rules: Mapping[str, Explained] = field(default_factory=dict)  # by id: each summed-up rule's title and fix
    every_warning: bool = False  # every warning in full, not summed up by rule
    strict: bool = False  # warnings fail too
    colour: bool = False  # ANSI colours, for a terminal
    # GitHub: the files (absolute paths) whose warnings are annotated; None: no warning is.
    changed: frozenset[str] | None = None

    def annotated(self, problem: Problem) -> bool:
        if problem.severity is Severity.ERROR:
            return True
        return self.changed is not None and os.path.abspath(problem.loc.file) in self.changed


@dataclass(frozen=True)
class Group:
    """The warnings of one rule."""

    rule: str
    problems: tuple[Problem, ...]

    @property
    def shown(self) -> tuple[Problem, ...]:
        return self.problems[:SHOWN]

    @property
    def more(self) -> int:
        return max(len(self.problems) - SHOWN, 0)


def grouped(warnings: list[Problem]) -> list[Group]:
    """Warnings by rule, the rules in the order of their first place."""
    by_rule: dict[str, list[Problem]] = {}
    for p in warnings:
        by_rule.setdefault(p.rule, []).append(p)
    return [Group(rule, tuple(found)) for rule, found in by_rule.items()]


def verdict(problems: list[Problem], *, strict: bool) -> str:
    """The last line: whether the data passed, and the counts."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if errors:
        return f"没有通过：{errors} 个错误、{warnings} 个警告。"
    if warnings and strict:
        return f"没有通过：{warnings} 个警告（加了 --strict，警告也算不通过）。"
    if warnings:
        return f"检查通过：没有错误；有 {warnings} 个警告，不影响通过，但请逐条看过。"
    return "检查通过：没有发现问题。"


def _paint(text: str, colour: str, view: View) -> str:
    return f"{colour}{text}{_RESET}" if view.colour else text


def _line(p: Problem, view: View) -> str:
    """``Problem.line()``, with the severity coloured on a terminal."""
    label = f"{p.severity.value}[{p.rule}]"
    painted = _paint(printable(label), _RED if p.severity is Severity.ERROR else _YELLOW, view)
    return f"{printable(f'{p.loc.file}:{p.loc.line}:{p.loc.col}')}: {painted}: {printable(p.message)}"


def _summed_up(group: Group, view: View) -> list[str]:
    """One rule's warnings: their count, the first places, the fix once.  A rule with one
    warning is its own line, which says the same in fewer words."""
    if len(group.problems) == 1:
        return [_line(group.problems[0], view)]
    rule = view.rules.get(group.rule)
    head = _paint(printable(f"warning[{group.rule}]"), _YELLOW, view) + f"（{len(group.problems)} 处）"
    out = [head + (f"{rule.title}：" if rule else "：")]
    out += [f"  {printable(f'{p.loc.file}:{p.loc.line}:{p.loc.col}')}" for p in group.shown]
    if group.more:
        out.append(f"  ……另外 {group.more} 处；加 {ALL_WARNINGS} 列出每一处")
    if rule:
        out.append(f"  改法：{rule.summary}")
    return out


def warnings_text(warnings: list[Problem], view: View) -> list[str]:
    """The lines of these warnings: each in full, or summed up by rule."""
    if view.every_warning:
        return [_line(p, view) for p in warnings]
    return [line for group in grouped(warnings) for line in _summed_up(group, view)]


def format_text(problems: list[Problem], view: View = View()) -> str:
    """Errors first, each with its fix; then the warnings; then the verdict."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    ok = not errors and not (warnings and view.strict)
    lines = [*(_line(p, view) for p in errors), *warnings_text(warnings, view)]
    lines.append(_paint(verdict(problems, strict=view.strict), _GREEN if ok else _RED, view))
    return "".join(f"{line}\n" for line in lines)


def _escape(text: str, *, property_: bool = False) -> str:
    # GitHub workflow commands: data and properties need %, CR and LF escaped; properties also : and ,
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def format_github(problems: list[Problem], view: View = View()) -> str:
    """GitHub Actions workflow commands, so that problems show inline on a pull request:
    every error, and the warnings of the files the pull request changes (GitHub shows only
    ten of each per step, which the warnings of untouched files would take).  The other
    warnings follow as text, summed up by rule, then the verdict."""
    annotated = sorted((p for p in problems if view.annotated(p)), key=lambda p: p.severity is not Severity.ERROR)
    rest = [p for p in problems if not view.annotated(p)]
    commands = [
        f"::{p.severity.value} file={_escape(p.loc.file, property_=True)},line={p.loc.line},col={p.loc.col},"
        f"title={_escape(p.rule, property_=True)}::{_escape(p.message)}"
        for p in annotated
    ]
    lines = [*commands, *warnings_text(rest, View(view.rules, view.every_warning)), verdict(problems, strict=view.strict)]
    return "".join(f"{line}\n" for line in lines)


def format_json(problems: list[Problem], view: View = View()) -> str:
    """A stable JSON list: one object per problem with file, line, col, rule, severity, message."""
    rows = [
        {"file": p.loc.file, "line": p.loc.line, "col": p.loc.col, "rule": p.rule, "severity": p.severity.value, "message": p.message}
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


class Reporter(Protocol):
    def __call__(self, problems: list[Problem], view: View = ..., /) -> str: ...


REPORTERS: dict[str, Reporter] = {"text": format_text, "github": format_github, "json": format_json}
