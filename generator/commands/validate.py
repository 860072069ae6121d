"""``validate``: check a data folder and report every problem found."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from generator.catalog import load_catalog
from generator.problems import has_errors
from generator.report import REPORTERS


@dataclass(frozen=True)
class ValidateOptions:
    data: Path
    format: str = "text"  # a key of REPORTERS
    strict: bool = False  # warnings fail too
    today: str | None = None  # date rules as of this day (YYYY-MM-DD); default today


def validate(options: ValidateOptions) -> int:
    _, problems = load_catalog(options.data, today=options.today)
    sys.stdout.write(REPORTERS[options.format](problems))
    return 1 if has_errors(problems, strict=options.strict) else 0
