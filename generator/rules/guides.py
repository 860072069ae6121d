"""R8 only-fewer (只减不增): a township's guide may only drop and shorten; and service-guide:
every delegated 审批服务 item has one, where a notice asks for guides."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from generator.model import SERVICE, County, Guide, Loc, Material
from generator.problems import Severity
from generator.rules.registry import Context, Finding, distinct_entries, item_file, rule
from generator.rules.sources import IN_SHANGRAO, IN_SHANTING, SHANGRAO, SHANTING

# How much a form of a material asks of the citizen: an electronic file least, an
# original and a copy most.  A township may ask the same or less, never more.
_FORM_BURDEN = {"电子件": 0, "复印件": 1, "原件": 2, "原件和复印件": 3}


def _added(local: Iterable[str] | None, county: Collection[str] | None) -> list[str]:
    return [x for x in local or () if x not in (county or ())]


def _heavier(local: Material, county: Material) -> Iterator[str]:
    """What a township asks more of for a material the county's guide also asks for."""
    if local.copies is not None and county.copies is not None and local.copies > county.copies:
        yield (f"材料“{local.name}”要 {local.copies} 份，区县指南只要 {county.copies} 份：只减不增，"
               f"请改为不超过 {county.copies} 份。")
    if local.form and county.form and _FORM_BURDEN[local.form] > _FORM_BURDEN[county.form]:
        yield (f"材料“{local.name}”要求提交“{local.form}”，区县指南只要“{county.form}”：只减不增，"
               f"请改为“{county.form}”或更少的要求。")


def _limits(guide: Guide, county: Guide | None, at: Loc) -> Iterator[Finding]:
    """A promised limit stays within the legal limit and, in a township, the county's promise."""
    if guide.promised_limit is None:
        return
    bounds = [((county or guide).legal_limit, "法定时限")]
    if county is not None:
        bounds.append((county.promised_limit, "区县承诺时限"))
    # Only the tightest bound exceeded is named: it alone says what to write.
    exceeded = sorted((limit, name) for limit, name in bounds if limit is not None and guide.promised_limit > limit)
    for limit, name in exceeded[:1]:
        yield at, (f"承诺办结时限 {guide.promised_limit} 个工作日超过了{name} {limit} 个工作日："
                   f"请改为不超过 {limit} 个工作日。")


@rule(
    "only-fewer",
    Severity.ERROR,
    title="只减不增",
    source=f"{SHANTING} 一（三）：确保事项调整后实现所需办理环节、办理时限、申请材料“只减不增”",
    summary="乡镇条目里的 guide 只写本镇的不同之处：可以少材料、少环节、缩短承诺时限；不能增加区县指南没有的材料、环节或收费，"
    "同一份材料不能要更多份数或更严的形式（电子件、复印件、原件、原件和复印件，依次更严），"
    "不能改法定时限，承诺时限不能超过区县的承诺时限和法定时限。",
    wrong="    guide:\n      materials:\n        - name: 村委会证明   # 区县指南里没有",
    right="    guide:\n      promised_limit: 3   # 区县承诺 5 个工作日",
    binds=(IN_SHANTING,),
)
def only_fewer(county: County, ctx: Context) -> Iterator[Finding]:
    for item in county.items:
        if item.guide is not None:
            yield from _limits(item.guide, None, item.guide.where.of("promised_limit"))
    for entry in distinct_entries(county):
        local = entry.guide
        delegated = county.item(entry.code)
        if local is None or delegated is None:
            continue
        base = delegated.guide or Guide()
        where = local.where
        for name in _added([m.name for m in local.materials or ()], [m.name for m in base.materials or ()]):
            yield where.of("materials"), f"多了区县指南没有的材料“{name}”：只减不增，请删除。"
        asked = {m.name: m for m in base.materials or ()}
        for material in local.materials or ():
            if material.name in asked:
                yield from ((where.of("materials"), text) for text in _heavier(material, asked[material.name]))
        for step in _added(local.steps, base.steps):
            yield where.of("steps"), f"多了区县指南没有的环节“{step}”：只减不增，请删除。"
        for fee in _added([f"{f.name}：{f.standard}" for f in local.fees or ()], [f"{f.name}：{f.standard}" for f in base.fees or ()]):
            yield where.of("fees"), f"多了区县指南没有的收费“{fee}”：只减不增，乡镇不能增加收费，请删除。"
        if local.legal_limit is not None and local.legal_limit != base.legal_limit:
            yield where.of("legal_limit"), "法定办结时限由法律规定，乡镇不能改：请删除 legal_limit，只写 promised_limit。"
        yield from _limits(local, base, where.of("promised_limit"))


@rule(
    "service-guide",
    Severity.WARNING,
    title="承接的事项有办事指南",
    source=f"{SHANTING} 三：“双十镇”要将承接方案、编制的服务指南和业务手册等相关材料于7月19日前报区政府办公室；"
    f"{SHANGRAO} 二（三）：编制办事指南，并向社会公布",
    summary="乡镇承接的每个审批服务事项都要有办事指南：在事项文件里写 guide（受理条件、申请材料、办理流程、办结时限、收费、"
    "办理地点和时间、咨询和投诉电话）。行政执法事项没有申请，不在此列。",
    wrong="code: 3700000117086\nname: 在城市建筑物、设施上张挂、张贴宣传品审批\n# 没有 guide",
    right="guide:\n  materials:\n    - {name: 申请书, form: 原件, copies: 1}\n  steps: [受理, 审查, 决定]\n  legal_limit: 20",
    binds=(IN_SHANTING, IN_SHANGRAO),
)
def service_guide(county: County, ctx: Context) -> Iterator[Finding]:
    towns: dict[str, list[str]] = {}
    for town in county.townships:
        for entry in town.entries:
            towns.setdefault(entry.code, []).append(town.name)
    for item in county.items:
        if item.key in towns and item.list_kind == SERVICE and item.guide is None:
            names = towns[item.key]
            yield item.where.of("name"), (
                f"事项“{item.name}”已由 {len(names)} 个乡镇承接（{'、'.join(names[:3])}{'等' if len(names) > 3 else ''}），"
                f"还没有办事指南：请在 {item_file(item)} 里写 guide（受理条件、申请材料、办理流程、办结时限、收费、办理地点等）。")
