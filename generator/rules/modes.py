"""R2 mode-ceiling, R3 scope, R4 unique: what each entry may claim."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County, Loc
from generator.problems import Severity, did_you_mean
from generator.rules.registry import Context, Finding, ceiling_of, distinct_entries, item_file, rule
from generator.rules.sources import DESIGN, SHANGRAO, SHANTING, ZAOZHUANG


@rule(
    "mode-ceiling",
    Severity.ERROR,
    title="赋权方式不能超过法定上限",
    source=f"{SHANTING} 一（二）；{ZAOZHUANG} 二（二）；《行政许可法》第二十四条",
    summary="条目的赋权方式不能比事项的 max_mode 下放得更多：顺序是 直接下放 > 委托 > 下放实质性审核权 > 服务窗口前移。"
    "法律不允许下放的，乡镇文件不能改变。",
    wrong="# 事项 3700000715006 的 max_mode 是 服务窗口前移\n  - code: 3700000715006\n    mode: 直接下放",
    right="  - code: 3700000715006\n    mode: 服务窗口前移",
)
def mode_ceiling(county: County, ctx: Context) -> Iterator[Finding]:
    for entry in distinct_entries(county):
        item = county.item(entry.code)
        if item is not None and item.max_mode is not None and entry.mode.rank < item.max_mode.rank:
            yield entry.where.of("mode"), (
                f"赋权方式“{entry.mode.value}”超过了事项“{item.name}”允许的最多方式“{item.max_mode.value}”"
                f"（见 {ceiling_of(item)}）：请改为“{item.max_mode.value}”或下放更少的方式。")


@rule(
    "ceiling-unknown",
    Severity.WARNING,
    title="赋权上限未登记",
    source=f"{DESIGN}：赋权上限（max_mode）按法律法规登记；没有依据的不填写，但赋权方式就无法核对",
    summary="乡镇承接了一个没有登记 max_mode 的事项：R2（mode-ceiling）无法检查它的赋权方式。查到法律依据后请补上 max_mode。",
    wrong="# items/cf-001.yaml 没有 max_mode，乡镇条目写了 mode: 直接下放",
    right="max_mode: 委托   # 按法律法规的规定",
)
def ceiling_unknown(county: County, ctx: Context) -> Iterator[Finding]:
    taken = {e.code for town in county.townships for e in town.entries}
    for item in county.items:
        if item.max_mode is None and item.key in taken:
            yield item.where.loc, (
                f"事项“{item.name}”没有登记赋权上限（max_mode），乡镇条目的赋权方式无法按 R2 核对："
                f"查到法律法规依据后，请在 {item_file(item)} 里写上 max_mode。")


@rule(
    "scope",
    Severity.ERROR,
    title="子项范围",
    source=f"{SHANTING} 附件备注，如：下放“转外就医备案”",
    summary="只承接事项的一部分时，scope 列出的子项必须是事项 sub_items 中的，且不能为空；不写 scope 表示承接整个事项。",
    wrong="    scope: [异地安置备案]   # 不是该事项的子项",
    right="    scope: [转外就医备案]",
)
def scope(county: County, ctx: Context) -> Iterator[Finding]:
    for entry in distinct_entries(county):
        item = county.item(entry.code)
        if entry.scope is None or item is None:
            continue
        at = entry.where.of("scope")
        if not entry.scope:
            yield at, "承接的子项（scope）是空列表：承接整个事项请删除 scope；只承接一部分请列出子项。"
        elif not item.sub_items:
            yield at, f"事项“{item.name}”没有定义子项（sub_items）：请删除 scope，或先在 {item_file(item)} 里列出子项。"
        for part in entry.scope:
            if item.sub_items and part not in item.sub_items:
                yield at, (f"“{part}”{did_you_mean(part, item.sub_items)}不是事项“{item.name}”的子项："
                           f"可选的有：{'、'.join(item.sub_items)}。")


@rule(
    "unique",
    Severity.ERROR,
    title="不重复",
    source=f"{SHANGRAO} 二（二）：一乡镇（街道）一目录",
    summary="一个乡镇里每个事项只写一条；同一事项不能既承接又暂不承接或已收回。本县的乡镇名称、决定文件文号也不能重复。",
    wrong="items:\n  - code: 3700000117086\n    ...\ndeclined:\n  - code: 3700000117086",
    right="items:\n  - code: 3700000117086\n    ...",
)
def unique(county: County, ctx: Context) -> Iterator[Finding]:
    numbers: dict[str, Loc] = {}
    for doc in county.documents:
        if doc.number in numbers:
            yield doc.where.of("number"), f"文号“{doc.number}”已在第 {numbers[doc.number].line} 行登记过：请删除重复的一份。"
        numbers.setdefault(doc.number, doc.where.loc)
    names: dict[str, Loc] = {}
    for town in county.townships:
        if town.name in names:
            yield town.where.of("name"), f"乡镇名称“{town.name}”与 {names[town.name].file} 重复：一个乡镇只能有一个目录文件。"
        names.setdefault(town.name, town.where.loc)
        where: dict[str, tuple[str, Loc]] = {}
        rows = [("承接事项", e.code, e.where.of("code")) for e in town.entries]
        rows += [("暂不承接", d.code, d.where.of("code")) for d in town.declined]
        rows += [("已收回", w.code, w.where.of("code")) for w in town.withdrawn]
        for section, code, loc in rows:
            if code not in where:
                where[code] = (section, loc)
            elif (first := where[code])[0] == section:
                yield loc, f"事项 {code} 在{section}里已写过（第 {first[1].line} 行）：每个事项只写一条，请删除或合并。"
            else:
                yield loc, f"事项 {code} 已在{first[0]}里（第 {first[1].line} 行），又写在{section}里：请只保留一处。"
