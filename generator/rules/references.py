"""R1 ref and R12 codes: every reference points at something the county has."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import County, Declined, Entry, Level, Withdrawn
from generator.problems import Severity, did_you_mean
from generator.rules.registry import RULES, Context, Finding, rule
from generator.rules.sources import DESIGN, SHANGRAO


@rule(
    "ref",
    Severity.ERROR,
    title="引用必须存在",
    source=f"{SHANGRAO} 二（二）：一乡镇（街道）一目录",
    summary="乡镇条目、暂不承接、已收回里的事项编码必须是本县的事项；事项的实施部门和配合事项的主责部门"
    "必须在 county.yaml 的 departments 里；引用的决定文件（配合事项的依据文件也是）"
    "必须在 county.yaml 的 documents 里；policy 的 adopts 只能写可以由本县文件采用的规则。",
    wrong="items:\n  - code: 3700000117087   # 本县没有这个事项\n    mode: 直接下放\n    document: 山政办发〔2021〕12号",
    right="items:\n  - code: 3700000117086\n    mode: 直接下放\n    document: 山政办发〔2021〕12号",
)
def references(county: County, ctx: Context) -> Iterator[Finding]:
    codes = set(county.items_by_key) | ctx.broken_codes
    documents = county.documents_by_number
    folder = f"data/{county.slug}/items/"
    guide = f"，指导目录 {county.guide_catalog} 里也没有" if county.guide_catalog else ""

    def code(value: str) -> str:
        return (f"事项编码“{value}”{did_you_mean(value, codes)}不是本县的事项（{folder} 下没有 {value}.yaml{guide}）："
                "请核对编码，或先添加这个事项的文件。")

    def document(value: str) -> str:
        return (f"决定文件“{value}”{did_you_mean(value, documents)}不在 county.yaml 的 documents 里："
                "请核对文号，或先在 county.yaml 里登记这份文件。")

    for item in county.items:
        # A guide's items are checked against its own list; a city's or province's department is not the county's.
        for department in item.departments if item.catalog is None and item.level in (None, Level.COUNTY) else ():
            if department not in county.departments:
                yield item.where.of("department"), (
                    f"实施部门“{department}”{did_you_mean(department, county.departments)}不在 county.yaml 的 departments 里："
                    "请改成其中之一，或先在 county.yaml 里添加这个部门。")
    bindable = sorted(r.id for r in RULES.values() if r.binds)
    for rule_id, number in county.policy.adopts:
        if rule_id not in bindable:
            yield county.policy.where.of("adopts"), (
                f"“{rule_id}”{did_you_mean(rule_id, bindable)}不是可以由本县文件采用的规则：可以采用的有 {'、'.join(bindable)}"
                "（其余规则对每个区县都适用）。")
        if number not in documents:
            yield county.policy.where.of("adopts"), document(number)
    slugs = [t.slug for t in county.townships]
    for refusal in county.refused:
        if refusal.code not in codes:
            yield refusal.where.of("code"), code(refusal.code)
        if refusal.document not in documents:
            yield refusal.where.of("document"), document(refusal.document)
        if refusal.township not in slugs and not ctx.broken_townships:
            yield refusal.where.of("township"), (
                f"“{refusal.township}”{did_you_mean(refusal.township, slugs)}不是本县的乡镇文件：请写乡镇文件名（不含 .yaml）。")
    for town in county.townships:
        rows: list[Entry | Declined | Withdrawn] = [*town.entries, *town.declined, *town.withdrawn]
        for row in rows:
            if row.code not in codes:
                yield row.where.of("code"), code(row.code)
            if row.document is not None and row.document not in documents:
                yield row.where.of("document"), document(row.document)
            if isinstance(row, Entry) and row.replaces is not None and row.replaces not in codes:
                yield row.where.of("replaces"), code(row.replaces)
        for assist in town.assists:
            if assist.department not in county.departments:
                yield assist.where.of("department"), (
                    f"配合事项“{assist.name}”的主责部门“{assist.department}”{did_you_mean(assist.department, county.departments)}"
                    "不在 county.yaml 的 departments 里：请改成其中之一，或先在 county.yaml 里添加这个部门。")
            if assist.document not in documents:
                yield assist.where.of("document"), document(assist.document)


@rule(
    "codes",
    Severity.ERROR,
    title="编码格式",
    source=DESIGN,
    summary="事项编码只含半角数字和大写字母（全角数字会给出改正提示）；乡镇的行政区划代码是 9 位或 12 位数字，"
    "并以所在县的 6 位代码开头。",
    wrong="code: ３７０００００１１７０８６   # 全角数字",
    right="code: 3700000117086",
)
def division_codes(county: County, ctx: Context) -> Iterator[Finding]:
    prefix = county.division_code
    if prefix is None:
        return
    for town in county.townships:
        if town.division_code is not None and not town.division_code.startswith(prefix):
            yield town.where.of("division_code"), (
                f"行政区划代码“{town.division_code}”不以本县代码“{prefix}”开头：请核对，乡镇代码的前 6 位是所在县的代码。")


@rule(
    "issuer-level",
    Severity.ERROR,
    title="分级赋权",
    source=f"{SHANGRAO} 一（三）：对开发区、风景名胜区等代管乡镇（街道）的赋权，赋权清单内的事项属县区的由对应县区人民政府予以赋权，"
    "属于市直部门的由市人民政府进行赋权",
    summary="市直部门的事项（事项写 level: 市级）要依据市级文件赋权；管委会代管的乡镇（写了 administered_by），"
    "县区的事项要依据县级文件赋权。文件的层级写在 documents 的 level 里，没写时不检查。",
    wrong="# items/cs-001.yaml：level: 市级\n  - code: cs-001\n    document: 饶县政发〔2020〕3号   # level: 县级",
    right="  - code: cs-001\n    document: 饶府发〔2020〕5号   # level: 市级",
)
def issuer_level(county: County, ctx: Context) -> Iterator[Finding]:
    for town in county.townships:
        for entry in town.entries:
            item, document = county.item(entry.code), county.document(entry.document)
            if item is None or document is None or document.level is None:
                continue
            if item.level is Level.CITY and document.level is not Level.CITY:
                yield entry.where.of("document"), (
                    f"事项“{item.name}”是市直部门的事项，须由市人民政府赋权，{document.number}却是{document.level.value}文件："
                    "请依据市人民政府的决定文件。")
            elif item.level not in (Level.CITY, Level.PROVINCE) and town.administered_by and document.level is not Level.COUNTY:
                yield entry.where.of("document"), (
                    f"{town.name}由{town.administered_by}代管，县区的事项“{item.name}”须由县区人民政府赋权，"
                    f"{document.number}却是{document.level.value}文件：请依据县区人民政府的决定文件。")


@rule(
    "no-townships",
    Severity.WARNING,
    title="县里还没有乡镇目录",
    source=f"{SHANGRAO} 二（二）：一乡镇（街道）一目录",
    summary="县（区）的文件夹里还没有乡镇文件：网站会说它把事项赋予 0 个乡镇。省、市的指导目录请写成 catalog.yaml，不要写成县。",
    wrong="data/gansu/county.yaml   # 其实是省里的指导目录，没有 townships/",
    right="data/gansu/catalog.yaml  # 指导目录；采用它的县写 guide_catalog: gansu",
)
def no_townships(county: County, ctx: Context) -> Iterator[Finding]:
    if not county.townships and not ctx.broken_townships:
        yield county.where.of("name"), (
            f"{county.name}还没有乡镇文件（townships/ 下没有 .yaml）：请为承接事项的乡镇（街道）各建一个文件；"
            "如果这是省、市的指导目录，请改写成 catalog.yaml。")
