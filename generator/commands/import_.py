"""``import``: a county's published attachment (XLSX, DOCX or CSV) → its YAML files, merged
into what the county already has; then the checks ``validate`` runs.

Exit codes: 0 written (warnings only), 1 the table or the result has errors (nothing is
written on a table error unless ``--partial``), 2 wrong usage.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog import load_catalog
from generator.commands.validate import shown
from generator.importer.merge import Given, plan
from generator.problems import Severity, has_errors


@dataclass(frozen=True)
class ImportOptions:
    files: list[Path]
    county: str  # the county's folder name under data
    data: Path = Path("data")
    document: str | None = None  # the decision document the attachment belongs to, as numbered
    document_title: str | None = None
    issuer: str | None = None
    date: str | None = None
    name: str | None = None  # the county's name, province and city, where county.yaml lacks them
    province: str | None = None
    city: str | None = None
    townships: dict[str, str] = field(default_factory=dict)  # 承接单位 → township file name
    partial: bool = False  # write what could be read even when the table has errors
    today: str | None = None


def import_tables(options: ImportOptions) -> int:
    given = Given(
        options.county, options.document, options.document_title, options.issuer, options.date,
        options.name, options.province, options.city, options.townships,
    )
    result = plan(options.data, given, options.files)
    problems = sorted(result.problems, key=lambda p: (p.severity is not Severity.ERROR, p.loc.file, p.loc.line, p.loc.col))
    out = sys.stdout
    out.write("导入报告：\n" if problems else "导入报告：表格里的每一项都读到了，没有缺少的内容。\n")
    out.writelines(f"{p.line()}\n" for p in problems)
    failed = has_errors(problems)
    if failed and not options.partial:
        out.write(f"没有写入任何文件：表格有 {sum(p.severity is Severity.ERROR for p in problems)} 个错误，"
                  "请按上面的说明改好表格再导入（加 --partial 则先写入能读出的部分）。\n")
        return 1
    folder = options.data / options.county
    for name, text in result.writes.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    out.write(f"写入 {folder.as_posix()}：{len(result.writes)} 个文件有变化，{len(result.unchanged)} 个不变。\n")
    out.writelines(f"  {name}\n" for name in result.writes)
    out.write("检查结果（与 validate 相同）：\n")
    _, checked = load_catalog(options.data, today=options.today)
    out.write(shown(checked))
    return 1 if failed or has_errors(checked) else 0
