"""What the text around the rows says: a 备注 giving the scope (下放“转外就医备案”, 前移“…”,
the verbs of generator.site.modes.SCOPE_VERB) and the townships that have the item so (西集镇、北庄镇,
as the site's county XLSX writes it), the closing 注 naming the 承接单位."""

from __future__ import annotations

import re
from collections.abc import Collection
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
# A receiver's name as counties print it: 西集镇, 青山乡, 河西街道, …管委会 (never 乡镇, the word for all of them).
_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{1,20}(?:(?<!乡)镇|乡|街道|办事处|管委会)")


# A township a title names: after the county's name (or first), before what the list is.
_TITLED = re.compile(r"(?:^|[省市县区旗])([^省市县区旗“”\"（）()\s]{1,20}?(?:(?<!乡)镇|乡|街道|管委会))(?=赋权|承接|事项|目录|清单)")


def township_titled(text: str, known: Collection[str]) -> str | None:
    """The one township a title names (示例县甲镇赋权事项清单): one the county has or the command
    line gives, else one shaped as a township's name."""
    named = [n for n in known if n in text]
    # A name inside a longer one (集镇 in 西集镇) is not named by itself.
    named = [n for n in named if not any(n != other and n in other for other in named)]
    if not named:
        named = list(dict.fromkeys(_TITLED.findall(text)))
    return named[0] if len(named) == 1 else None


def townships_in(text: str, known: Collection[str]) -> tuple[str, ...] | None:
    """The townships ``text`` names (西集镇、北庄镇), each known to the county or shaped as a
    township's name; None when any part of it is something else."""
    names = [n.strip() for n in re.split(r"[、，,]", text)]
    if not all(n in known or _TOWNSHIP.fullmatch(n) for n in names):
        return None
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Remark:
    scope: tuple[str, ...] | None  # the sub-items it gives
    townships: tuple[str, ...]  # the townships it names; none: every 承接单位
    problems: tuple[Problem, ...]  # what in it could not be read


def remark_of(cell: Cell, mode: Mode | None, column: str, known: Collection[str]) -> Remark:
    scope: list[str] = []
    townships: list[str] = []
    problems: list[Problem] = []
    for part in filter(None, (p.strip() for p in re.split(r"[；;]", cell.text))):
        found = _SCOPE.fullmatch(part)
        if not found:
            if (names := townships_in(part, known)) is not None:
                townships += names
                continue
            problems.append(warning(cell.place.loc, "import-remark", (
                f"{cell.place.said(column)}：备注“{clip(part)}”没有导入（导入只读“下放“子项””“前移“子项””这样写明承接子项的备注，"
                "和“西集镇、北庄镇”这样写明哪些乡镇的备注）：请核对它说的是什么，需要的话在 YAML 里手工写上。")))
            continue
        if mode is not None and found.group(1) != SCOPE_VERB[mode]:
            problems.append(error(cell.place.loc, "import-remark", (
                f"{cell.place.said(column)}：备注写的是“{found.group(1)}”，但这一项的赋权方式是{mode.value}，"
                f"应写“{SCOPE_VERB[mode]}”：请核对这一项的赋权方式和备注。")))
        scope += _QUOTED.findall(found.group(2))
    return Remark(tuple(dict.fromkeys(scope)) or None, tuple(dict.fromkeys(townships)), tuple(problems))


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
