"""Seed 004's 附件 (山政办发〔2021〕12号), transcribed from the notice's text, written as the
notice lays it out: a title, the header, section rows with their counts, the rows, the closing
注; as an XLSX (merged title, section and 注 rows) and as a Word table.  Tests change a copy of
the rows to make bad tables; those variants are fictional."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl

TITLE = "山亭区“双十镇”精准定向赋权事项清单（13项）"
HEADER = ("序号", "区级实施部门", "事项编码", "事项名称", "事项类型", "备注")
NOTE = "注:“双十镇”赋权事项承接单位分别为西集镇、桑村镇、城头镇、冯卯镇、店子镇、水泉镇、徐庄镇、北庄镇、凫城镇。"
TOWNSHIPS = {
    "西集镇": "xiji", "桑村镇": "sangcun", "城头镇": "chengtou", "冯卯镇": "fengmao", "店子镇": "dianzi",
    "水泉镇": "shuiquan", "徐庄镇": "xuzhuang", "北庄镇": "beizhuang", "凫城镇": "fucheng",
}
# A section heading is a one-text row; every other row is 序号 … 备注.
ROWS: tuple[str | tuple[object, ...], ...] = (
    "一、直接下放事项（5项）",
    (1, "区行政审批服务局", "3700000117086", "在城市建筑物、设施上张挂、张贴宣传品审批", "行政许可", ""),
    (2, "区医疗保障局", "3700002036027", "基本医疗保险参保人员异地就医备案", "公共服务", "下放“转外就医备案”"),
    (3, "区医疗保障局", "3700002036017", "医疗保险参保和变更登记", "公共服务", ""),
    (4, "区人力资源和社会保障局", "3700002014071", "职业资格证书查询", "公共服务", ""),
    (5, "区人力资源和社会保障局", "3700002014020", "社会保险记录查询打印", "公共服务",
     "下放“个人参保缴费证明查询打印”“待遇领取证明查询打印”"),
    "二、下放实质性审核权事项（3项）",
    (6, "区行政审批服务局", "3700000123026", "再生育审批", "行政许可", ""),
    (7, "区人力资源和社会保障局", "3700002014028", "创业担保贷款、创业补贴服务", "公共服务",
     "下放“个人申请创业担保贷款资格审核”“一次性创业补贴申领”"),
    (8, "区农业农村局", "3700002020021",
     "农村土地（不含草原、林地）承包经营以及有关合同管理和农村集体产权制度改革政策宣传咨询服务", "公共服务", ""),
    "三、服务窗口前移事项（5项）",
    (9, "区行政审批服务局", "3700000131001", "公司（企业）登记", "行政许可", "前移“个人独资企业及分支机构设立、变更、注销登记”"),
    (10, "区行政审批服务局", "3700000131002", "农民专业合作社登记", "行政许可", ""),
    (11, "区行政审批服务局", "3700000115036", "采伐林木许可审批", "行政许可", ""),
    (12, "区应急管理局", "3700000525001", "自然灾害生活救助资金和物资的给付", "行政给付", ""),
    (13, "区自然资源局", "3700000715006", "不动产登记", "行政确认", ""),
)
# The decision document, which the attachment does not name: given on the command line.
DOCUMENT = [
    "--document", "山政办发〔2021〕12号",
    "--document-title", "关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知",
    "--issuer", "山亭区人民政府办公室", "--date", "2021-06-28",
    "--name", "山亭区", "--province", "山东省", "--city", "枣庄市",
]


def xlsx(path: Path, rows: Sequence[str | tuple[object, ...]] = ROWS, *, title: str = TITLE, note: str = NOTE) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "附件"
    width = len(HEADER)

    def across(text: str) -> None:
        sheet.append([text])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)

    sheet.append(["附件"])
    across(title)
    sheet.append(list(HEADER))
    for row in rows:
        across(row) if isinstance(row, str) else sheet.append(list(row))
    across(note)
    book.save(path)
    return path


def docx_file(path: Path, rows: Sequence[str | tuple[object, ...]] = ROWS) -> Path:
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph(TITLE)
    table = document.add_table(rows=0, cols=len(HEADER))
    for row in (HEADER, *rows):
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].merge(cells[-1]).text = row
        else:
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
    document.add_paragraph(NOTE)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
