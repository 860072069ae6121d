"""The catalog's own duties before it takes effect (warnings): filed (备案) and published
(向社会公布后实施).  Only seed 000 asks for them, and it is a draft: they hold where a county
adopts them by its own document."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County
from generator.problems import Severity
from generator.rules.registry import Context, Finding, distinct_entries, rule
from generator.rules.sources import IN_SHANGRAO, SHANGRAO


@rule(
    "filing",
    Severity.WARNING,
    title="目录报送备案",
    source=f"{SHANGRAO} 二（二）：按照“一乡镇（街道）一目录”的原则编制承接项目目录，报县级人民政府和市审改办（市政务服务管理局）备案",
    summary="乡镇承接了事项的，目录要报送备案，并在 county.yaml 写 filed：备案机关（to）、备案日期（date）和备案编号（number，有的写）。",
    wrong="# county.yaml 没有 filed",
    right="filed: {to: 县人民政府和市审改办, date: 2020-05-25, number: 饶审改备〔2020〕3号}",
    binds=(IN_SHANGRAO,),
)
def filing(county: County, ctx: Context) -> Iterator[Finding]:
    if county.filed is None and any(town.entries for town in county.townships):
        yield county.where.of("name"), (
            f"{county.name}的赋权事项目录没有登记备案：报送备案后，在 county.yaml 写 "
            "filed: {to: 备案机关, date: 备案日期, number: 备案编号}。")


@rule(
    "publication",
    Severity.WARNING,
    title="向社会公布后实施",
    source=f"{SHANGRAO} 二（二）：报县级人民政府和市审改办（市政务服务管理局）备案，并依法向社会公布后实施",
    summary="目录向社会公布后才能实施：已经实施的（没写起始日期的，或起始日期不晚于 --today 的），county.yaml 要写 published"
    "（公布日期 date、网址 url）；条目的起始日期（effective）不能早于公布日期。",
    wrong="published: {date: 2020-06-10}\n# 条目：effective: 2020-06-01",
    right="published: {date: 2020-06-10}\n# 条目：effective: 2020-06-10",
    binds=(IN_SHANGRAO,),
)
def publication(county: County, ctx: Context) -> Iterator[Finding]:
    entries = list(distinct_entries(county))
    published = county.published
    if published is None:
        # An entry without a start date is listed as a place to apply now: in force as far as the data tells.
        if any(entry.effective is None or entry.effective <= ctx.today for entry in entries):
            yield county.where.of("name"), (
                f"{county.name}的赋权事项目录已有事项在实施，却没有登记向社会公布：目录依法向社会公布后才能实施，"
                "公布后在 county.yaml 写 published: {date: 公布日期, url: 公布的网址}。")
        return
    for entry in entries:
        if entry.effective is not None and entry.effective < published.date:
            yield entry.where.of("effective"), (
                f"事项 {entry.code} 自 {entry.effective} 起实施，早于目录向社会公布的日期 {published.date}："
                f"目录公布后才能实施，请把 effective 改为 {published.date} 或之后，或核对 county.yaml 的 published。")
