"""Enforcement items under 市级综合行政执法: published and implemented by the county's government."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County
from generator.problems import Severity
from generator.rules.registry import Context, Finding, distinct_entries, item_file, rule
from generator.rules.sources import IN_WANZHI, WANZHI


def government(county: County) -> str:
    """The county's people's government, as a document's issuer begins (its 办公室 issues for it too)."""
    return f"{county.name}人民政府"


@rule(
    "city-enforcement",
    Severity.ERROR,
    title="市级综合执法领域的事项由区人民政府公布",
    source=f"{WANZHI} 二（一）4：市场监管、生态环境保护、文化市场、交通运输、农业等市区区域内实行市级综合行政执法的领域，"
    "涉及的镇赋权事项由区人民政府按程序公布实施",
    summary="county.yaml 的 policy 写了 city_enforcement（实行市级综合行政执法的领域）时，领域（事项的 domain）在其中的事项，"
    "乡镇条目依据的文件须由本区（县）人民政府或其办公室印发。",
    wrong="# policy: {city_enforcement: [市场监管]}；items/zf-001.yaml：domain: 市场监管\n"
    "  - code: zf-001\n    document: 区市场监管局〔2024〕3号   # 发文机关：区市场监督管理局",
    right="  - code: zf-001\n    document: 湾政〔2024〕5号   # 发文机关：湾沚区人民政府",
    binds=(IN_WANZHI,),
)
def city_enforcement(county: County, ctx: Context) -> Iterator[Finding]:
    fields = set(county.policy.city_enforcement)
    for entry in distinct_entries(county) if fields else ():
        item, document = county.item(entry.code), county.document(entry.document)
        if item is None or document is None or item.domain not in fields or document.issuer.startswith(government(county)):
            continue
        yield entry.where.of("document"), (
            f"事项“{item.name}”属于实行市级综合行政执法的领域“{item.domain}”（见 county.yaml 的 policy 和 {item_file(item)} 的 domain），"
            f"须由{government(county)}按程序公布实施，{document.number}却由{document.issuer}印发："
            f"请依据{government(county)}（或其办公室）的文件。")
