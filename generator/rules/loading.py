"""The checks the loader, the schemas and the import command make, documented under their ids so that
every id an error line shows can be looked up in the rule reference."""

from functools import partial

from generator.problems import Severity
from generator.rules.registry import document
from generator.rules.sources import DESIGN

_loading = partial(document, source=f"{DESIGN}：加载规则，防止 YAML 的陷阱")
_schema = partial(document, source="schemas/ 里的 JSON Schema（编辑器也用它们补全和提示）")

_loading(
    "encoding",
    title="文件编码须为 UTF-8",
    summary="文件必须以 UTF-8 保存；GBK/GB18030（Windows 记事本、WPS 的默认存法）会被识别并提示如何另存。带 BOM 的 UTF-8 可以接受。",
    wrong="（用 GBK 编码保存的文件）",
    right="（另存为 UTF-8 编码的文件）",
)
_loading(
    "empty-file",
    title="文件不能为空",
    summary="文件不能是空的或只有注释。",
    wrong="# 稍后补上",
    right="name: 西集镇",
)
_loading(
    "multi-document",
    title="一个文件一个文档",
    summary="一个文件只写一个事项或一个乡镇，不能用 --- 分成多个文档。",
    wrong="name: 西集镇\n---\nname: 桑村镇",
    right="name: 西集镇",
)
_loading(
    "duplicate-key",
    title="键不能重复",
    summary="同一层里每个键只能写一次；YAML 会悄悄丢掉前一个值，所以这里把它当作错误。",
    wrong="mode: 直接下放\nmode: 委托",
    right="mode: 委托",
)
_loading(
    "alias",
    title="不用锚点和引用",
    summary="不接受 YAML 的锚点（&）、引用（*）和合并键（<<），要重复的内容请直接写出来；这也防止“引用炸弹”。",
    wrong="a: &x [转外就医备案]\nscope: *x",
    right="scope: [转外就医备案]",
)
_loading(
    "tab",
    title="用空格缩进",
    summary="缩进只能用空格，不能用制表符（Tab）。",
    wrong="items:\n\t- code: 3700000117086",
    right="items:\n  - code: 3700000117086",
)
_loading(
    "yaml-tag",
    title="不用 YAML 标签",
    summary="不接受 !! 或 ! 开头的标签，直接写内容。",
    wrong="name: !!python/object x",
    right="name: 西集镇",
)
_loading(
    "yaml-syntax",
    title="YAML 格式",
    summary="YAML 本身的格式错误：缩进、冒号、引号或括号不配对。",
    wrong="service_center: {name: 西集镇便民服务大厅",
    right="service_center: {name: 西集镇便民服务大厅}",
)
_loading(
    "too-deep",
    title="嵌套不能太深",
    summary="数据最多嵌套 32 层；更深的一定是写错了。",
    wrong="a: [[[[[[[[ ... ]]]]]]]]",
    right="scope: [转外就医备案]",
)
_loading(
    "file-size",
    title="文件不能太大",
    summary="一个文件最大 5 MB。",
    wrong="（一个 20 MB 的文件）",
    right="（每个乡镇一个文件）",
)
_loading(
    "file-type",
    title="必须是可读的文件",
    summary="以 .yaml 结尾的必须是能读取的普通文件，不能是文件夹或损坏的链接。",
    wrong="items/3700000117086.yaml/（文件夹）",
    right="items/3700000117086.yaml",
)
_loading(
    "stray-file",
    title="data/ 里的每个文件都要读到",
    summary="data/ 里只读取各县文件夹的 county.yaml、items/ 和 townships/ 里的 .yaml 文件（指导目录文件夹是 catalog.yaml 和 items/）。"
    "放错位置或名字不对、看起来是数据的文件（如 townships/2024/西集镇.yaml、xiji.yaml.txt）是错误，否则它的乡镇会悄悄从网站上消失；"
    "其他文件（如说明文档）是警告。以点开头的工具文件（.gitkeep）不报告。",
    wrong="data/shanting/townships/2024/xiji.yaml",
    right="data/shanting/townships/xiji.yaml",
)
_loading(
    "link-outside",
    title="不跟随指向仓库以外的链接",
    summary="data/ 里的链接（symlink）如果指向仓库以外，不会被读取，也不会显示它指向的内容："
    "否则一个合并请求就能让 CI 读取并公布运行机器上的任意文件。请把文件本身放进仓库。",
    wrong="data/shanting/townships/xiji.yaml -> /etc/passwd",
    right="data/shanting/townships/xiji.yaml（文件本身）",
)
_loading(
    "control-char",
    title="不能有看不见的控制字符",
    summary="文件里不能有控制字符（如 U+0000、U+0007 响铃、U+001B 转义），它们常是从网页、Word 或其他系统复制时带进来的；"
    "引号里的 \\a、\\e、\\0 之类的转义也不行。",
    wrong='reason: "暂无\\a人员"',
    right="reason: 暂无人员",
)
_loading(
    "too-long",
    title="一项内容不能太长",
    summary="一项文字最多 1 万个字符；更长的一定是误粘贴了其他内容。",
    wrong="reason: （粘贴了整篇文件）",
    right="reason: 暂无专业审批人员",
)
_loading(
    "file-name",
    title="文件和文件夹的名字",
    summary="县文件夹和乡镇文件用小写拼音（如 xiji.yaml）；事项文件名就是事项编码；扩展名是 .yaml；每个县要有 county.yaml。",
    wrong="items/3700000117087.yaml   # 里面写的是 code: 3700000117086",
    right="items/3700000117086.yaml",
)
_schema(
    "type",
    title="值的类型",
    summary="每个字段的值要是规定的类型：文字、整数、true/false、列表或“键: 值”映射。",
    wrong="promised_limit: 五天",
    right="promised_limit: 5",
)
_schema(
    "required",
    title="必填字段",
    summary="必填的字段不能缺，也不能是空列表或空文字。",
    wrong="  - code: 3700000117086\n    document: 山政办发〔2021〕12号",
    right="  - code: 3700000117086\n    mode: 直接下放\n    document: 山政办发〔2021〕12号",
)
_schema(
    "unknown-key",
    title="不认识的字段",
    summary="只能写 schema 里定义的字段；写错的字段会提示最接近的正确写法。",
    wrong="    documnet: 山政办发〔2021〕12号",
    right="    document: 山政办发〔2021〕12号",
)
_schema(
    "enum",
    title="只能从规定的值里选",
    summary="事项类型、赋权方式等只能写规定的值，照文件原文。",
    wrong="mode: 下放实质审核权",
    right="mode: 下放实质性审核权",
)
_schema(
    "pattern",
    title="格式",
    summary="电话、邮箱、网址等要符合规定的格式。",
    wrong="email: 没有",
    right="email: stzwfw@zz.shandong.cn",
)
_schema(
    "too-many",
    title="列表不能太长",
    summary="一个乡镇的 items、declined、withdrawn 各最多 2000 条；更长的一定是误粘贴了重复内容，逐条报错只会淹没真正的问题。",
    wrong="items:\n  - code: 3700000117086\n  # ……重复粘贴了一万条",
    right="items:\n  - code: 3700000117086",
)
_schema(
    "date",
    title="日期",
    summary="日期写成 YYYY-MM-DD，并且是日历上真实存在的日期。",
    wrong="effective: 2021-02-30",
    right="effective: 2021-03-01",
)
_schema(
    "schema",
    title="其他结构要求",
    summary="不属于以上各项的结构要求；消息里会说明原因。",
    wrong="",
    right="",
)

# The import command (python -m generator import) reads a published attachment: what it
# finds wrong in the table, or leaves for a person to fill in.
_import = partial(document, source=f"{DESIGN}：导入附件时不编造表格没有的内容")

_import(
    "import-file",
    title="导入的文件类型",
    summary="能导入 .xlsx、.docx 和 .csv；.xls、.doc、.pdf 请先在 WPS 或 Office 里另存为 .xlsx 或 .docx，核对后再导入。",
    wrong="python -m generator import 附件.pdf --county shanting",
    right="python -m generator import 附件.xlsx --county shanting",
)
_import(
    "import-table",
    title="文件里要有表格",
    summary="Word 文档里的清单必须是真正的表格，不是用空格或制表符对齐的文字。",
    wrong="（用空格排成几列的文字）",
    right="（Word 的“插入表格”做成的表格）",
)
_import(
    "import-header",
    title="找得到表头",
    summary="表头按列名和常见写法识别（序号、实施部门、事项编码、事项名称、事项类型、备注、赋权方式……），至少要有“事项名称”列。",
    wrong="| 名 | 部门 |",
    right="| 序号 | 实施部门 | 事项编码 | 事项名称 | 事项类型 | 备注 |",
)
_import(
    "import-column",
    title="没有导入的列",
    summary="不认识的列名不导入（警告）；请核对它的内容，需要的话在 YAML 里手工写上。",
    wrong="| 事项名称 | 联系人 |",
    right="（联系人不是目录的内容：核对后不用写）",
    severity=Severity.WARNING,
)
_import(
    "import-row",
    title="没有导入的行",
    summary="既不是事项行、也不是节标题或“注”的行不导入（警告）；请核对它说的是什么。",
    wrong="| 以下事项由区政务服务中心统一受理 |",
    right="（核对后需要的写进 YAML）",
    severity=Severity.WARNING,
)
_import(
    "import-count",
    title="节里的项数要对得上",
    summary="节标题写明的项数（如“一、直接下放事项（5项）”）要与读到的事项行数相同。",
    wrong="一、直接下放事项（5项）  # 下面只有 4 行",
    right="一、直接下放事项（4项）",
)
_import(
    "import-code",
    title="事项编码是原样的文字",
    summary="编码被 Excel 存成数字（开头的 0 丢了、变成 3.7E+12）或写了全角数字的，导入不用它：把这一列设为文本，照原件重新输入。",
    wrong="3.70000011708E+12",
    right="3700000117086",
)
_import(
    "import-mode",
    title="认得的赋权方式",
    summary="节标题或赋权方式列只能是直接下放、委托、下放实质性审核权、服务窗口前移之一。",
    wrong="一、下放事项（5项）",
    right="一、直接下放事项（5项）",
)
_import(
    "import-type",
    title="认得的事项类型",
    summary="事项类型须是 schemas/item.schema.json 列出的类型之一，照原件核对。",
    wrong="| 许可 |",
    right="| 行政许可 |",
)
_import(
    "import-remark",
    title="没有导入的备注",
    summary="备注只读写明承接子项的写法（下放“子项”、前移“子项”）和写明哪些乡镇的写法（西集镇、北庄镇，用“；”与子项隔开）；"
    "其余的备注不导入（警告），请核对。",
    wrong="| 备注 | 需配备专职人员 |",
    right="| 备注 | 下放“转外就医备案” |",
    severity=Severity.WARNING,
)
_import(
    "import-receivers",
    title="写明承接单位",
    summary="表末没有“注：……承接单位为……”的，用 --townships 写明这份清单给哪些乡镇（乡镇名=文件名）；"
    "承接单位、备注、工作表名称或标题写到的乡镇还没有乡镇文件的，也用 --townships 给出它的文件名。",
    wrong="python -m generator import 附件.xlsx --county shanting",
    right="python -m generator import 附件.xlsx --county shanting --townships 西集镇=xiji,桑村镇=sangcun",
)
_import(
    "import-document",
    title="写明决定文件",
    summary="附件一般不写它属于哪份文件：用 --document 写明文号；新文件再加 --document-title、--issuer、--date，照原文写。",
    wrong="python -m generator import 附件.xlsx --county shanting",
    right="python -m generator import 附件.xlsx --county shanting --document 山政办发〔2021〕12号",
)
_import(
    "import-merge",
    title="已有的文件要读得出",
    summary="合并到已有的县（区）时，已有的 YAML 文件须能读出（一组“键: 值”）；请先按 validate 的提示改好它。",
    wrong="（一个有语法错误的 county.yaml）",
    right="（validate 通过的 county.yaml）",
)
_import(
    "import-missing",
    title="表格没有给出的内容",
    summary="表格没有的（赋权上限 max_mode、空着的编码或实施部门、文件的标题和日期……）导入不编，只留空并列出（警告）；"
    "请按原件或法规核实后补上。",
    wrong="max_mode: 直接下放   # 表格没有写，凭印象填的",
    right="# 不写 max_mode，核实法规后再补",
    severity=Severity.WARNING,
)
