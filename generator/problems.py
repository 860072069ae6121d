"""A problem found in the data: a value with a place, a rule id and a Chinese message."""

from __future__ import annotations

import difflib
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
        """The one-line text form: ``path:line:col: error[rule]: message``."""
        return f"{self.loc.file}:{self.loc.line}:{self.loc.col}: {self.severity.value}[{self.rule}]: {self.message}"


def error(loc: Loc, rule: str, message: str) -> Problem:
    return Problem(loc, rule, Severity.ERROR, message)


def warning(loc: Loc, rule: str, message: str) -> Problem:
    return Problem(loc, rule, Severity.WARNING, message)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """Whether these problems fail a check; ``strict`` counts warnings too."""
    return any(strict or p.severity is Severity.ERROR for p in problems)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """A parenthetical Chinese hint naming the closest option, or nothing when none is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.5)
    return f"（是不是要写“{close[0]}”？）" if close else ""
