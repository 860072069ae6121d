"""The checks made while lists and guide catalogs are resolved (generator/lists.py,
generator/guides.py), documented under their ids like every other."""

from generator.problems import Severity
from generator.rules.registry import document
from generator.rules.sources import ANHUI, DESIGN, JIANGXI

_LISTS = f"{DESIGN}：一份清单给多个乡镇，乡镇文件只写本镇的不同之处"

document(
    "list-target",
    title="清单要给到乡镇",
    summary="清单的 to 写的标签要有乡镇带着，乡镇组要在 county.yaml 的 groups 里定义，乡镇要有自己的文件；"
    "乡镇组里的每个乡镇也要有文件。",
    wrong="lists:\n  - to: {tags: [双十镇]}   # 没有哪个乡镇带“双十镇”标签",
    right="lists:\n  - to: {tags: [双十镇]}\n# townships/xiji.yaml 里：tags: [双十镇]",
    source=_LISTS,
)
document(
    "list-override",
    title="乡镇只能比清单少下放",
    summary="清单给了乡镇的事项，乡镇文件里可以写更少下放的 mode、更窄的 scope，不能比清单下放得更多，"
    "也不能承接清单以外的子项；不承接的写进 declined 或 withdrawn。县里后来另发文件给本镇调整的，"
    "这一条写上那份文件（document），赋权方式和子项就按那份文件，只受事项的赋权上限约束。",
    wrong="# 清单给的是 委托\nitems:\n  - code: 3600000000001\n    mode: 直接下放",
    right="items:\n  - code: 3600000000001\n    mode: 服务窗口前移   # 或者不写，沿用清单\n"
    "# 县里后来发文给本镇直接下放的，写上那份文件：\n#   mode: 直接下放\n#   document: 赣府发〔2025〕3号",
    source=f"{_LISTS}；赋权方式由决定文件确定，乡镇不能自行扩大",
)
document(
    "guide-edition",
    title="改用新版指导目录",
    summary="县改用新版指导目录（catalog.yaml 的 replaces 写着旧版）后，新版删除了的事项不能再承接（错误）；"
    "新版里名称、类型、赋权上限或子项有变化、而条目仍依据新版之前的文件的，要按新版重新认领（警告）。",
    wrong="# 旧版有、新版删除了的事项\nitems:\n  - code: 3600000000009\n    mode: 直接下放\n    document: 赣府发〔2020〕1号",
    right="# 按新版目录重新认领\nitems:\n  - code: 3600000000001\n    mode: 直接下放\n    document: 赣府发〔2025〕14号",
    source=f"{JIANGXI}；{ANHUI}：在指导目录范围内认领",
    severity=Severity.ERROR,
)
