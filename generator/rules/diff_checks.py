"""The checks ``diff --check`` makes on a change itself (generator/history/checks.py),
documented here so their ids can be looked up like every other."""

from generator.rules.registry import document

DOCUMENT = "diff-document"
WITHDRAWN = "diff-withdrawn"
IDS = (DOCUMENT, WITHDRAWN)

_REVIEWER = "《审核人员指南》（docs/guides/reviewer.md）：每次调整都要有决定文件，收回要留记录"

document(
    DOCUMENT,
    title="调整须有登记过的决定文件",
    summary="合并请求里新增或改动的条目、暂不承接或收回记录，引用的文号必须已在 county.yaml 的 documents 里登记；"
    "新文件请在同一个合并请求里登记。",
    wrong="    document: 山政办发〔2021〕13号   # county.yaml 里没有这份文件",
    right="    document: 山政办发〔2021〕12号",
    source=_REVIEWER,
)
document(
    WITHDRAWN,
    title="删除条目须留收回记录",
    summary="从乡镇目录里去掉一个承接的事项时，要把它移到 withdrawn，写明收回文件和日期，不能直接删除。",
    wrong="items:\n  # 直接删掉了 3700000117086 这一条",
    right="withdrawn:\n  - code: 3700000117086\n    document: 山政办发〔2022〕3号\n    date: 2022-03-01",
    source=_REVIEWER,
)
