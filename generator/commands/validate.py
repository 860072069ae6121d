"""``validate``: check a data folder and report every problem found; on GitHub, also
the job summary (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.catalog import load_catalog
from generator.markup import render
from generator.problems import Problem, Severity, has_errors
from generator.report import REPORTERS, View, format_text, grouped, verdict
from generator.rules import RULES


@dataclass(frozen=True)
class ValidateOptions:
    data: Path
    format: str = "text"  # a key of REPORTERS
    strict: bool = False  # warnings fail too
    today: str | None = None  # date rules as of this day (YYYY-MM-DD); default today
    all_warnings: bool = False  # every warning in full, not summed up by rule
    changed_files: Path | None = None  # github: a list of the changed files, one a line; only their warnings are annotated


def validate(options: ValidateOptions) -> int:
    _, problems = load_catalog(options.data, today=options.today)
    changed = _changed(options.changed_files) if options.changed_files else None
    view = View(RULES, options.all_warnings, options.strict, colour=coloured(sys.stdout), changed=changed)
    sys.stdout.write(REPORTERS[options.format](problems, view))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if options.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(job_summary(problems, view))
    return 1 if has_errors(problems, strict=options.strict) else 0


def shown(problems: list[Problem], *, all_warnings: bool = False, strict: bool = False) -> str:
    """The text report as ``validate`` prints it, for the commands that print problems too."""
    return format_text(problems, View(RULES, all_warnings, strict, colour=coloured(sys.stdout)))


def coloured(stream: TextIO) -> bool:
    """Colours on a terminal only, and never where NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _changed(listing: Path) -> frozenset[str]:
    """The files a list names (``git diff --name-only``: one a line, relative to here)."""
    lines = listing.read_text(encoding="utf-8").splitlines()
    return frozenset(os.path.abspath(line) for line in lines if line.strip())


def job_summary(problems: list[Problem], view: View) -> str:
    """Markdown for the run's page: every error, the warnings annotated in the changed
    files, and the others summed up by rule."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return render(
        "validate.md.j2",
        verdict=verdict(problems, strict=view.strict),
        errors=errors,
        annotated=[p for p in warnings if view.annotated(p)],
        others=grouped([p for p in warnings if not view.annotated(p)]),
        changed=view.changed is not None,
        rules=view.rules,
    )
