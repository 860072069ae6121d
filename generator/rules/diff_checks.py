"""The checks ``diff --check`` makes on a change itself (generator/history/checks.py),
documented here so their ids can be looked up like every other."""

from generator.rules.registry import document

DOCUMENT = "diff-document"
WITHDRAWN = "diff-withdrawn"
READDED = "diff-readded"
IDS = (DOCUMENT, WITHDRAWN, READDED)

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
document(
    READDED,
    title="重新承接须依据收回之后的文件",
    summary="收回过的事项再下放给乡镇时，删除 withdrawn 里的收回记录，在 items 里写上这个事项和重新下放的文件；"
    "这份文件的印发日期要晚于收回日期，不能沿用当初下放或收回时的文件。",
    wrong="# withdrawn 里删掉了收回记录（2022-01-01 收回），清单的条目又回来了，依据的还是 2021 年的文件",
    right="items:\n  - code: 3700000115036\n    document: 山政办发〔2023〕5号   # 重新下放的文件\n    effective: 2023-04-01",
    source=_REVIEWER,
)
