"""The review rules ``diff --check`` applies to a change itself (not to the data, which
``validate`` checks): every change must rest on a registered decision document, and
nothing delegated may vanish without a withdrawn record, and what comes back after a
withdrawal comes back on a later document (reviewer guide)."""

from __future__ import annotations

from generator.history.changes import Diff, Kind, TownshipDiff
from generator.history.snapshot import Snapshot
from generator.model import County, Declined, Entry, Withdrawn
from generator.problems import Problem, did_you_mean, error
from generator.rules.diff_checks import DOCUMENT, READDED, WITHDRAWN


def review(diff: Diff, base: Snapshot, head: Snapshot) -> list[Problem]:
    """Every problem of the change, located in the newer files where they exist."""
    problems: list[Problem] = []
    for county in diff.counties:
        now = head.catalog.county(county.slug)
        for town in county.townships:
            problems += _documents(town, now)
            problems += _removed(town, now)
            problems += _readded(town, now)
    return sorted(problems)


def _documents(town: TownshipDiff, county: County | None) -> list[Problem]:
    """A new or changed record that cites a document ``county.yaml`` does not list."""
    problems = []
    seen: set[tuple[type, str]] = set()
    numbers = [d.number for d in county.documents] if county else []
    for change in town.changes:
        row = change.after
        if row is None or row.document is None or row.document in numbers or (type(row), change.code) in seen:
            continue
        seen.add((type(row), change.code))
        what = "暂不承接记录" if isinstance(row, Declined) else "收回记录" if isinstance(row, Withdrawn) else "条目"
        problems.append(error(row.where.of("document"), DOCUMENT, (
            f"{town.name}的“{change.name}”（{change.code}）{what}引用的文件“{row.document}”没有在 county.yaml 的 documents 里登记"
            f"{did_you_mean(row.document, numbers)}：没有文件依据的调整不能合并。"
            "请写正确的文号；新文件请在同一个合并请求里登记到 county.yaml。")))
    return problems


def _removed(town: TownshipDiff, county: County | None) -> list[Problem]:
    """A delegated item that left the catalog without a withdrawn record."""
    problems = []
    now = next((t for t in county.townships if t.slug == town.slug), None) if county else None
    fix = "请把它移到 withdrawn，写明收回文件（document）和日期（date），让群众和审核人员看得到它依据什么收回。"
    for change in town.changes:
        if change.kind is not Kind.REMOVED or change.before is None:
            continue
        if now is None:
            loc = change.before.where.loc
            message = f"{town.name}的目录文件被删除了，原来承接的“{change.name}”（{change.code}）没有收回记录：请恢复这个文件，{fix}"
        else:
            loc = now.where.of("withdrawn" if now.withdrawn else "items")
            message = f"{town.name}删除了事项“{change.name}”（{change.code}），但 withdrawn 里没有它的收回记录：{fix}"
        problems.append(error(loc, WITHDRAWN, message))
    return problems


def _readded(town: TownshipDiff, county: County | None) -> list[Problem]:
    """An item delegated again after its withdrawal, on a document no later than the withdrawal."""
    problems = []
    dates = {d.number: d.date for d in county.documents} if county else {}
    file = next((t.where.loc for t in county.townships if t.slug == town.slug), None) if county else None
    for change in town.changes:
        was, now = change.before, change.after
        if change.kind is not Kind.ADDED or not isinstance(was, Withdrawn) or not isinstance(now, Entry):
            continue
        issued = dates.get(now.document)
        if issued is not None and issued <= was.date:
            # A list's entry that came back is fixed in the township's file, not in the list.
            loc = now.where.of("document") if file is None or now.where.file == file.file else file
            problems.append(error(loc, READDED, (
                f"{town.name}重新承接“{change.name}”（{change.code}），引用的却是{was.date}收回之前的文件“{now.document}”（{issued}）："
                "重新下放要依据收回之后的决定文件。"
                "请在本镇文件 items 的这一事项写上重新下放的文件（document），并把它登记到 county.yaml。")))
    return problems
