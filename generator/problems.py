"""A problem found in the data: a value with a place, a rule id and a Chinese message."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.model import Loc


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem.  Problems sort by file, line, column, then rule."""

    loc: Loc
    rule: str
    severity: Severity
    message: str

    def line(self) -> str:
        return printable(f"{self.loc.file}:{self.loc.line}:{self.loc.col}: {self.severity.value}[{self.rule}]: {self.message}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A file name or a quoted value may hold a line break or a terminal escape; shown as
    escapes, one problem stays one line and cannot repaint the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def error(loc: Loc, rule: str, message: str) -> Problem:
    return Problem(loc, rule, Severity.ERROR, message)


def warning(loc: Loc, rule: str, message: str) -> Problem:
    return Problem(loc, rule, Severity.WARNING, message)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    return any(strict or p.severity is Severity.ERROR for p in problems)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """A parenthetical Chinese hint naming the closest option, or nothing when none is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.5)
    return f"（是不是要写“{close[0]}”？）" if close else ""


def clip(text: str, limit: int = 60) -> str:
    """``text`` for a message: long values shortened, so that one message stays readable."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"
