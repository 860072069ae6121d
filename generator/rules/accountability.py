"""R10 supervisor and R11 agreement (warnings): who answers for a delegated item; and
同等受理权, which the pages state only where a notice gives it."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County
from generator.problems import Severity
from generator.rules.registry import Context, Finding, distinct_entries, document, item_file, rule
from generator.rules.sources import IN_SHANGRAO, IN_SHANTING, IN_WANZHI, IN_ZAOZHUANG, SHANGRAO, SHANTING, WANZHI, ZAOZHUANG

# Not a check: a duty the pages state only where a notice binds the county to it.
EQUAL_ACCEPTANCE = "equal-acceptance"


@rule(
    "supervisor",
    Severity.WARNING,
    title="明确监管责任主体和内容",
    source=f"{ZAOZHUANG} 二（五）：调整行政权力事项时需配套明确监管责任主体和内容",
    summary="每个承接的事项都要写明监管什么：在事项文件或乡镇条目里写 supervisor 的 duties（监管内容），知道监管单位的写 body"
    "（不写时网站显示“未登记”，不拿实施部门代替）。",
    wrong="code: 3700000117086\n# 没有 supervisor",
    right="supervisor:\n  body: 区行政审批服务局\n  duties: 对镇审批结果开展“双随机、一公开”抽查",
    binds=(IN_ZAOZHUANG,),
)
def supervisor(county: County, ctx: Context) -> Iterator[Finding]:
    for entry in distinct_entries(county):
        item = county.item(entry.code)
        if item is None:
            continue
        duties = (entry.supervisor and entry.supervisor.duties) or (item.supervisor and item.supervisor.duties)
        if not duties:
            body = (entry.supervisor and entry.supervisor.body) or (item.supervisor and item.supervisor.body)
            yield entry.where.loc, (
                f"事项“{item.name}”没有写明监管内容（监管单位{'为' + body if body else '也未登记'}）："
                f"请在 {item_file(item)} 或本条目里写 supervisor: {{duties: 监管什么}}。")


@rule(
    "agreement",
    Severity.WARNING,
    title="签订承接协议",
    source=f"{SHANGRAO} 二（三）：签订赋权承接工作协议书；{WANZHI} 二（一）3：签订赋权事项承接确认书",
    summary="每个承接的事项都要有已签订的承接确认书或协议书：一份覆盖本镇全部事项的，写在乡镇文件的 agreement；"
    "个别事项另签的，写在条目里（编号、签订日期）。",
    wrong="  - code: 3700000117086\n    mode: 直接下放\n    document: 山政办发〔2021〕12号",
    right="  - code: 3700000117086\n    mode: 直接下放\n    document: 山政办发〔2021〕12号\n"
    "    agreement: {number: 西集-2021-01, date: 2021-07-10}",
    binds=(IN_SHANGRAO, IN_WANZHI),
)
def agreement(county: County, ctx: Context) -> Iterator[Finding]:
    for town in county.townships:
        if town.agreement is not None and not town.agreement.signed:
            yield town.where.of("agreement"), f"{town.name}的承接协议尚未签订：签订后把 signed 改为 true。"
        listed = []  # entries a list gives, which the township file does not mention
        for entry in town.entries:
            if entry.agreement is not None:
                if not entry.agreement.signed:
                    yield entry.where.of("agreement"), f"事项 {entry.code} 的承接协议尚未签订：签订后把 signed 改为 true。"
            elif town.agreement is None and entry.where.file == town.where.file:
                yield entry.where.loc, f"事项 {entry.code} 没有登记承接协议：请写 agreement: {{number: 协议编号, date: 签订日期}}。"
            elif town.agreement is None:
                listed.append(entry.code)
        if listed:
            yield town.where.of("name"), (
                f"清单给本镇的 {len(listed)} 个事项（{'、'.join(listed[:3])}{'等' if len(listed) > 3 else ''}）没有登记承接协议："
                "本镇签了一份承接确认书的，在本文件写 agreement: {number: 协议编号, date: 签订日期}；"
                "个别事项另签的，在 items 里写它的 code 和 agreement。")


document(
    EQUAL_ACCEPTANCE,
    title="区、镇同等受理权",
    summary="赋权后区县部门和乡镇都可以受理，群众可以选择到哪里办，任何部门不得推诿、拒绝。约束本县的通知这样规定的，"
    "乡镇页、事项页和公示上写明；其他区县的文件也这样规定的，在 county.yaml 的 policy 下写 adopts，如“equal-acceptance: 本县文号”。",
    wrong="# 本县的文件没有这样规定，页面却写“区、镇同等受理权”",
    right="policy:\n  adopts: {equal-acceptance: 某县政发〔2024〕1号}",
    source=f"{SHANTING} 一（三）：对调整下放的事项，区、镇有同等的受理权",
    severity=Severity.WARNING,
    binds=(IN_SHANTING,),
)
