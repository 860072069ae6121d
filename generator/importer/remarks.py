"""What the text around the rows says: a 备注 giving the scope (下放“转外就医备案”, 前移“…”,
the verbs of generator.site.modes.SCOPE_VERB), the closing 注 naming the 承接单位."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.tables import Cell
from generator.model import Mode
from generator.problems import Problem, clip, error, warning
from generator.site.modes import SCOPE_VERB

_VERBS = "|".join(sorted(set(SCOPE_VERB.values())))
_SCOPE = re.compile(rf"({_VERBS})((?:\s*[“\"][^“”\"]+[”\"]\s*[、，,]?)+)")
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_NOTE = re.compile(r"注\s*[0-9]?\s*[:：]\s*(.+)")
_RECEIVERS = re.compile(r"承接单位(?:分别)?(?:为|是)\s*[:：]?\s*(.+?)。?$")
_GROUP = re.compile(r"“([^“”]+)”")


def scope_of(cell: Cell, mode: Mode | None, column: str) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """The sub-items a 备注 gives, and what in it could not be read."""
    scope: list[str] = []
    problems: list[Problem] = []
    for part in filter(None, (p.strip() for p in re.split(r"[；;]", cell.text))):
        found = _SCOPE.fullmatch(part)
        if not found:
            problems.append(warning(cell.place.loc, "import-remark", (
                f"{cell.place.said(column)}：备注“{clip(part)}”没有导入（导入只读“下放“子项””“前移“子项””这样写明承接子项的备注）："
                "请核对它说的是什么，需要的话在 YAML 里手工写上。")))
            continue
        if mode is not None and found.group(1) != SCOPE_VERB[mode]:
            problems.append(error(cell.place.loc, "import-remark", (
                f"{cell.place.said(column)}：备注写的是“{found.group(1)}”，但这一项的赋权方式是{mode.value}，"
                f"应写“{SCOPE_VERB[mode]}”：请核对这一项的赋权方式和备注。")))
        scope += _QUOTED.findall(found.group(2))
    return (tuple(dict.fromkeys(scope)) or None), problems


@dataclass(frozen=True)
class Note:
    cell: Cell
    text: str  # after 注：, as printed
    receivers: tuple[str, ...]  # the 承接单位 it names
    tag: str | None  # the group it names them by: “双十镇”赋权事项承接单位为…


def note_of(cell: Cell) -> Note | None:
    if not (found := _NOTE.fullmatch(cell.text)):
        return None
    text = found.group(1).strip()
    receivers = _RECEIVERS.search(text)
    names = tuple(n.strip() for n in re.split(r"[、，,；;]|和", receivers.group(1)) if n.strip()) if receivers else ()
    group = _GROUP.match(text) if receivers else None
    return Note(cell, text, tuple(dict.fromkeys(names)), group.group(1) if group else None)
