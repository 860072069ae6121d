"""The semantic diff for people and tools: text for a terminal or CI log, Markdown for a
pull-request comment (``templates/history/diff.md.j2``), JSON for anything else."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from enum import Enum
from urllib.parse import quote

from markupsafe import Markup

from generator import urls
from generator.history.changes import Change, Diff, Kind
from generator.history.describe import FOLD, Section, sections, sentence, summary_rows
from generator.history.snapshot import Snapshot
from generator.markup import render
from generator.problems import Problem
from generator.urls import page_url, q

# Newlines and control characters in data must not start a line of their own in a CI
# log (GitHub reads "::" commands from line starts) or a terminal.
_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]+")


# Headline marks of a township (True) or a county's own section (False).
_STATUS = {True: {"added": " · 新增乡镇", "removed": " · 目录文件已删除"}, False: {"added": " · 新增区县", "removed": " · 已删除"}}


@dataclasses.dataclass(frozen=True)
class Report:
    """One comparison: both sides, what changed, and what breaks the review rules."""

    base: Snapshot
    head: Snapshot
    diff: Diff
    problems: tuple[Problem, ...]

    def sections(self) -> list[Section]:
        return [s for county in self.diff.counties for s in sections(county)]

    def notes(self) -> list[str]:
        """Warnings about the comparison itself, each a sentence."""
        notes = []
        for side in (self.base, self.head):
            name = revision(side)
            if not side.exists:
                notes.append(f"{name}里没有数据文件夹：比较时按空目录计。")
            elif side.unreadable:
                files = "、".join(f"{side.shown}/{path}" for path in sorted(side.unreadable))
                notes.append(f"{name}有读不出来的文件（见“校验数据”检查），这些文件里的修改没有参加比较：{files}。")
            elif side.errors:
                notes.append(f"{name}的数据有 {side.errors} 个错误，见“校验数据”检查。")
        return notes


def revision(side: Snapshot) -> str:
    """A side as people named it, with its short commit id."""
    return f"{side.label}（{side.commit[:7]}）" if side.commit else side.label


def _line(text: str) -> str:
    """One line of text output: its indentation kept, everything else on one line."""
    body = text.lstrip(" ")
    return " " * (len(text) - len(body)) + _CONTROL.sub(" ", body).strip()


def format_text(report: Report) -> str:
    counts = report.diff.summary()
    total = sum(n for key, n in counts.items() if key != "only_fewer")
    out = [f"目录变更：{revision(report.base)} → {revision(report.head)}，共 {total} 项变化。"]
    out += [f"！{note}" for note in report.notes()]
    out += [f"  {label}：{count}" for label, count in summary_rows(counts)]
    for section in report.sections():
        title = f"{section.title}（{section.county_name}）" if section.township else section.title
        out += ["", title + _STATUS[bool(section.township)].get(section.status, "")]
        out += [f"  - {sentence(line)}" for line in section.lines]
        out += [f"  - ⚠️ 违反只减不增：{subject}：{flag}" for subject, flag in section.flags]
    if report.problems:
        out += ["", "审核规则（diff --check）没有通过：", *(p.line() for p in report.problems)]
    return "".join(_line(text) + "\n" if text.strip() else "\n" for text in out)


def _links(preview_url: str) -> Callable[[str], Markup]:
    """Page paths (as the site names its Markdown files) → links into the preview site."""
    base = quote(preview_url, safe=":/?#@!$&'*+,;=%~")
    if base and not base.endswith("/"):
        base += "/"
    return lambda path: Markup(base) + q(page_url(path))


def format_markdown(report: Report, preview_url: str = "") -> str:
    counts = report.diff.summary()
    # The newer catalog's pages, so that links never lead nowhere.
    pages = frozenset(path for county in report.head.catalog.counties for path in urls.county_paths(county))
    return render(
        "history/diff.md.j2",
        base=revision(report.base),
        head=revision(report.head),
        total=sum(n for key, n in counts.items() if key != "only_fewer"),
        summary=summary_rows(counts),
        notes=report.notes(),
        sections=report.sections(),
        problems=report.problems,
        preview=bool(preview_url),
        url=_links(preview_url),
        pages=pages,
        fold=FOLD,
    )


def _data(value: object) -> object:
    """Values as JSON data: records without their places, enums as their values."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_data(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
        if isinstance(value, Change):
            data["document"] = value.document
            if value.kind is Kind.MODE:
                data["direction"] = "more" if value.direction < 0 else "less"
        return data
    return value


def format_json(report: Report) -> str:
    data = {
        "base": {"label": report.base.label, "commit": report.base.commit, "errors": report.base.errors},
        "head": {"label": report.head.label, "commit": report.head.commit, "errors": report.head.errors},
        "summary": dict(sorted(report.diff.summary().items())),
        "counties": _data(report.diff.counties),
        "problems": [
            {"file": p.loc.file, "line": p.loc.line, "col": p.loc.col, "rule": p.rule, "severity": p.severity.value, "message": p.message}
            for p in report.problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Report, str], str]] = {
    "text": lambda report, _: format_text(report),
    "markdown": format_markdown,
    "json": lambda report, _: format_json(report),
}
