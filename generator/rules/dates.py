"""R9 dates, the overdue warning, and documents not in force: dates that cannot be true,
have passed, or rest on a draft or a repealed document."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County, Declined, Entry, Status, Withdrawn
from generator.problems import Severity
from generator.rules.registry import Context, Finding, distinct_entries, rule
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
                    "文件没有写明起始日期的，删除 effective。")
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


def _cited(county: County) -> Iterator[tuple[Entry | Declined | Withdrawn, str]]:
    """Every record that cites a document, and its document's number."""
    yield from ((entry, entry.document) for entry in distinct_entries(county))
    for town in county.townships:
        rows: list[Declined | Withdrawn] = [*town.declined, *town.withdrawn]
        yield from ((row, row.document) for row in rows if row.document)


_WHAT = {Entry: "赋权", Declined: "批准暂不承接", Withdrawn: "收回"}


@rule(
    "document-draft",
    Severity.ERROR,
    title="征求意见稿不能作为依据",
    source=f"{DESIGN}：决定文件须已正式印发；征求意见稿只是征求意见，不是生效的决定",
    summary="条目、暂不承接和收回记录引用的决定文件，在 county.yaml 里写着 status: 征求意见稿 的，不能作为依据："
    "请改为正式印发的文件。",
    wrong="documents:\n  - number: 饶府办字〔2020〕1号\n    status: 征求意见稿\n# 条目：document: 饶府办字〔2020〕1号",
    right="documents:\n  - number: 饶府发〔2020〕5号\n    status: 正式\n# 条目：document: 饶府发〔2020〕5号",
)
def drafts(county: County, ctx: Context) -> Iterator[Finding]:
    for row, number in _cited(county):
        doc = county.document(number)
        if doc is not None and doc.status is Status.DRAFT:
            yield row.where.of("document"), (
                f"{_WHAT[type(row)]}依据的“{doc.number}”是征求意见稿，不是生效的决定：请改为正式印发的文件，"
                "文件还没有印发的，等印发后再登记这一条。")


@rule(
    "document-repealed",
    Severity.WARNING,
    title="依据的文件已失效",
    source=f"{DESIGN}：废止或被替代的文件不再是现行依据",
    summary="承接的事项依据的文件已废止（status: 废止）或已被替代（replaced_by）的：按新文件更新这一条（document），"
    "或者收回。",
    wrong="documents:\n  - number: 赣府发〔2020〕1号\n    replaced_by: 赣府发〔2025〕14号\n# 条目仍写 document: 赣府发〔2020〕1号",
    right="# 条目：document: 赣府发〔2025〕14号",
)
def repealed(county: County, ctx: Context) -> Iterator[Finding]:
    for entry in distinct_entries(county):
        doc = county.document(entry.document)
        if doc is not None and not doc.in_force:
            why = f"已被{doc.replaced_by}替代" if doc.replaced_by else "已废止"
            yield entry.where.of("document"), (
                f"事项 {entry.code} 依据的“{doc.number}”{why}：请按现行文件更新这一条的 document"
                f"{'（' + doc.replaced_by + '）' if doc.replaced_by else ''}，或者把它移到 withdrawn。")
