"""R5 declined, R6 baseline, R7 claim-all: which items a township must take."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County, Township
from generator.problems import Severity
from generator.rules.registry import Context, Finding, rule
from generator.rules.sources import IN_SHANGRAO, SHANGRAO, WANZHI


@rule(
    "declined",
    Severity.ERROR,
    title="暂不承接须写明原因和时间",
    source=f"{SHANGRAO} 二（一）：对暂不能承接的事项注明具体原因及预计承接时间",
    summary="declined 里的每个事项都要写 reason（具体原因）和 expected（预计承接时间，YYYY-MM-DD）。",
    wrong="declined:\n  - code: 3600000000001",
    right="declined:\n  - code: 3600000000001\n    reason: 暂无专业审批人员\n    expected: 2021-06-30",
    binds=(IN_SHANGRAO,),
)
def declined_reasons(county: County, ctx: Context) -> Iterator[Finding]:
    for town in county.townships:
        for d in town.declined:
            if not d.reason:
                yield d.where.loc, f"暂不承接事项 {d.code} 没有写原因：请加上 reason: 具体原因。"
            if not d.expected:
                yield d.where.loc, f"暂不承接事项 {d.code} 没有写预计承接时间：请加上 expected: YYYY-MM-DD。"


def _taken(town: Township) -> set[str]:
    """The items a township has dealt with: taken, declined or withdrawn."""
    return {e.code for e in town.entries} | {d.code for d in town.declined} | {w.code for w in town.withdrawn}


@rule(
    "baseline",
    Severity.ERROR,
    title="基本盘事项全部承接",
    source=f"{WANZHI} 二（一）1：“基本盘”事项原则上应全部承接实施，少数无实际管理对象或长期无办件的，经区人民政府批准，"
    "可以在《指导目录》中调换相等数量的其他事项",
    summary="baseline: true 的事项每个乡镇都要承接；不承接的须在 declined 里写明批准文件 document。"
    "调换时，自选条目用 replaces 指向被调换的基本盘事项，一个换一个。",
    wrong="declined:\n  - code: 3400000000001   # 基本盘事项，没有批准文件\n    reason: 无办件\n    expected: 2024-01-01",
    right="declined:\n  - code: 3400000000001\n    reason: 无办件\n    expected: 2024-01-01\n    document: 湾政〔2023〕1号\n"
    "items:\n  - code: 3400000000009   # 自选事项\n    mode: 直接下放\n    document: 湾政〔2023〕1号\n    replaces: 3400000000001",
)
def baseline(county: County, ctx: Context) -> Iterator[Finding]:
    base = [item for item in county.items if item.baseline]
    for town in county.townships:
        taken = _taken(town)
        for item in base:
            if item.key not in taken:
                yield town.where.of("name"), (
                    f"没有承接基本盘事项 {item.key}（{item.name}）：基本盘事项应全部承接；确实不承接的，"
                    "请在 declined 里写明原因、预计承接时间和批准文件 document。")
        for d in town.declined:
            declined = county.item(d.code)
            if declined is not None and declined.baseline and not d.document:
                yield d.where.loc, (f"基本盘事项 {d.code}（{declined.name}）暂不承接须经县（区）政府批准："
                                    "请写明批准文件 document。")
        swapped: dict[str, int] = {}
        for entry in town.entries:
            if entry.replaces is None:
                continue
            at = entry.where.of("replaces")
            target, own = county.item(entry.replaces), county.item(entry.code)
            if own is not None and own.baseline:
                yield at, f"事项 {entry.code} 本身是基本盘事项，不能用来调换：调换只能用自选事项。"
            if own is not None and target is not None and target.catalog is not None and own.catalog != target.catalog:
                yield at, (f"事项 {entry.code} 不在指导目录 {target.catalog} 里，不能调换其中的基本盘事项 {entry.replaces}："
                           "调换只能用同一指导目录里的其他事项（在《指导目录》中调换相等数量的其他事项）。")
            if target is not None and not target.baseline:
                yield at, f"事项 {entry.replaces} 不是基本盘事项，无需调换：请删除 replaces。"
            elif target is not None and not any(d.code == entry.replaces and d.document for d in town.declined):
                yield at, (f"基本盘事项 {entry.replaces} 没有经批准暂不承接，不能被调换："
                           "请先在 declined 里写明它的原因、预计时间和批准文件。")
            if entry.replaces in swapped:
                yield at, (f"基本盘事项 {entry.replaces} 已被第 {swapped[entry.replaces]} 行的事项调换过："
                           "调换须数量相等，一个换一个。")
            swapped.setdefault(entry.replaces, at.line)


@rule(
    "claim-all",
    Severity.ERROR,
    title="应领尽领",
    source=f"{SHANGRAO} 一（一）：经济发达镇和经济重点镇赋权事项应领尽领，确因条件不具备的报县级人民政府同意后可暂不领取",
    summary="带有 county.yaml 中 policy.claim_all_tags 标签的乡镇，要承接本县每个事项；不承接的须在 declined 里写明批准文件。",
    wrong="tags: [经济发达镇]\nitems: []   # 一个事项也没有认领",
    right="tags: [经济发达镇]\nitems:\n  - code: ...   # 每个事项都承接，或在 declined 里写明批准文件",
)
def claim_all(county: County, ctx: Context) -> Iterator[Finding]:
    tags = set(county.policy.claim_all_tags)
    for town in county.townships:
        tag = next((t for t in town.tags if t in tags), None)
        if tag is None:
            continue
        taken = _taken(town)
        for item in county.items:
            if item.key not in taken:
                yield town.where.of("tags"), (
                    f"带“{tag}”标签的乡镇须应领尽领，但事项 {item.key}（{item.name}）既未承接也未登记暂不承接："
                    "请在 items 里承接，或在 declined 里写明原因、预计承接时间和批准文件。")
        for d in town.declined:
            if not d.document:
                yield d.where.loc, (f"带“{tag}”标签的乡镇暂不承接事项 {d.code}，须经县（区）政府同意："
                                    "请写明批准文件 document。")
