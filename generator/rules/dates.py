"""R9 dates, and the overdue warning: dates that cannot be true, or have passed."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County
from generator.problems import Severity
from generator.rules.registry import Context, Finding, rule
from generator.rules.sources import DESIGN, SHANGRAO


@rule(
    "dates",
    Severity.ERROR,
    title="日期先后",
    source=DESIGN,
    summary="生效日期（effective）和收回日期不能早于所依据文件的日期；暂不承接的预计承接时间要晚于批准文件的日期。",
    wrong="    document: 山政办发〔2021〕12号   # 2021-06-28\n    effective: 2021-01-01",
    right="    document: 山政办发〔2021〕12号\n    effective: 2021-07-01",
)
def dates(county: County, ctx: Context) -> Iterator[Finding]:
    for town in county.townships:
        for entry in town.entries:
            doc = county.document(entry.document)
            if doc is not None and entry.effective is not None and entry.effective < doc.date:
                yield entry.where.of("effective"), (
                    f"生效日期 {entry.effective} 早于决定文件 {doc.number} 的日期 {doc.date}：请改为 {doc.date} 或之后，"
                    "或删除 effective（默认为文件日期）。")
        for withdrawn in town.withdrawn:
            doc = county.document(withdrawn.document)
            if doc is not None and withdrawn.date < doc.date:
                yield withdrawn.where.of("date"), (
                    f"收回日期 {withdrawn.date} 早于收回文件 {doc.number} 的日期 {doc.date}：请改为 {doc.date} 或之后。")
        for declined in town.declined:
            doc = county.document(declined.document) if declined.document else None
            if doc is not None and declined.expected is not None and declined.expected <= doc.date:
                yield declined.where.of("expected"), (
                    f"预计承接时间 {declined.expected} 不晚于批准文件 {doc.number} 的日期 {doc.date}：请写将来的预计时间。")


@rule(
    "overdue",
    Severity.WARNING,
    title="预计承接时间已过",
    source=f"{SHANGRAO} 二（一）：注明预计承接时间",
    summary="暂不承接事项的预计承接时间已经过去（以 --today 为准）：该承接了，或经批准后更新预计时间。",
    wrong="    expected: 2020-06-30   # 已经过去",
    right="    expected: 2027-06-30",
)
def overdue(county: County, ctx: Context) -> Iterator[Finding]:
    for town in county.townships:
        for declined in town.declined:
            if declined.expected is not None and declined.expected < ctx.today:
                yield declined.where.of("expected"), (
                    f"事项 {declined.code} 的预计承接时间 {declined.expected} 已过（今天是 {ctx.today}）："
                    "请承接这个事项（移到 items），或经批准后更新 expected。")
