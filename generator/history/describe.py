"""A diff in plain Chinese words: sections (one per township, one per county's own
records) of lines (what changed, to what, from what, on which document).  Shared by the
text and Markdown diffs, the change-log pages and the feeds, which only lay them out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.history.changes import Change, CountyDiff, FieldChange, Kind, RecordDiff, Status, TownshipDiff, Value
from generator.history.labels import CATEGORIES, FIELDS, FIELDS_IN, GUIDE, UNITS
from generator.model import Declined, Entry, Withdrawn

NONE = "—"
# Above this many lines a section is counted rather than listed, in the change logs, the
# feeds and the pull-request comment, so a whole new catalog stays readable.
FOLD = 12


@dataclass(frozen=True)
class Line:
    """One change as a table row or a sentence."""

    label: str
    subject: str  # the item, document or department concerned ("" for the section's own fields)
    before: str
    after: str
    document: str | None = None
    code: str | None = None  # an item code whose page can be linked


@dataclass(frozen=True)
class Section:
    """What changed in one township, or in a county's own records."""

    county: str  # slug
    county_name: str
    township: str | None  # slug; None for the county's items, departments and documents
    title: str
    status: Status
    lines: tuple[Line, ...]
    flags: tuple[tuple[str, str], ...]  # (subject, 只减不增 message)
    summary: Counter[str]  # changes by category, as ``CountyDiff.summary`` counts them

    @property
    def counts(self) -> list[str]:
        return count_texts(self.summary)

    def merge(self, older: Section) -> Section:
        """This section followed by an older one of the same township (same day, same documents)."""
        status = self.status if self.status is Status.REMOVED or older.status is not Status.ADDED else Status.ADDED
        return replace(
            self, status=status, lines=self.lines + older.lines, flags=self.flags + older.flags, summary=self.summary + older.summary
        )

    @property
    def documents(self) -> tuple[str, ...]:
        """The decision documents this section's changes cite, in order of first mention."""
        return tuple(dict.fromkeys(line.document for line in self.lines if line.document))


def value_text(field: str, value: Value) -> str:
    if value is None:
        return "（未写）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return f"{value} 个工作日" if field.endswith("_limit") else str(value)
    if isinstance(value, tuple):
        return "、".join(value) or "（无）"
    return value


def field_line(what: str, change: FieldChange, subject: str = "", document: str | None = None, code: str | None = None) -> Line:
    """One changed field as a line: lists say what was added and removed, not the whole list."""
    name, element = change.field.partition("[")[::2]
    if name.startswith("guide."):
        what, name = ("本镇办事指南" if what == "条目" else "区县办事指南"), name.removeprefix("guide.")
        label = GUIDE[name]
    else:
        label = FIELDS_IN.get((what, name)) or FIELDS.get(name, name)
    before, after = value_text(name, change.before), value_text(name, change.after)
    if element:  # one material or fee, by name: its whole text before and after
        how = "新增" if change.before is None else "删除" if change.after is None else "修改"
        label += f"（{how}）"
        before, after = (before if change.before is not None else NONE), (after if change.after is not None else NONE)
    elif isinstance(change.before, tuple) or isinstance(change.after, tuple):
        added, removed = change.added, change.removed
        how = "修改" if added and removed else "新增" if added else "删除" if removed else "顺序调整"
        label += f"（{how}）"
        if added or removed:
            before, after = "、".join(removed) or NONE, "、".join(added) or NONE
    return Line(f"{what}：{label}", subject, before, after, document, code)


def state(entry: Entry) -> str:
    return entry.mode.value + (f"（只含子项：{'、'.join(entry.scope)}）" if entry.scope else "")


def _scope(entry: Entry) -> str:
    return "、".join(entry.scope) if entry.scope else "全部子项"


def _withdrawn(row: Withdrawn) -> str:
    return f"已收回（{row.date}）" + (f"：{row.reason}" if row.reason else "")


def _declined(row: Declined) -> str:
    parts = [row.reason, f"预计 {row.expected} 承接" if row.expected else None]
    return "暂不承接" + (f"：{'；'.join(p for p in parts if p)}" if any(parts) else "")


def change_lines(change: Change) -> list[Line]:
    before, after = change.before, change.after
    subject = f"{change.name}（{change.code}）"

    def line(label: str, old: str, new: str) -> Line:
        return Line(label, subject, old, new, change.document, change.code)

    match change.kind:
        case Kind.ADDED if isinstance(after, Entry):
            started = state(after) + (f"，自 {after.effective} 起" if after.effective else "")
            if isinstance(before, Withdrawn):
                return [line("新增承接（重新下放）", _withdrawn(before), started)]
            return [line("新增承接", NONE, started)]
        case Kind.RESOLVED if isinstance(before, Declined):
            return [line("暂不承接已解决", _declined(before), state(after) if isinstance(after, Entry) else "不再列为暂不承接")]
        case Kind.DECLINED if isinstance(after, Declined):
            if isinstance(before, Entry):
                return [line("由承接改为暂不承接", state(before), _declined(after))]
            return [line("新增暂不承接", NONE, _declined(after))]
        case Kind.MODE if isinstance(before, Entry) and isinstance(after, Entry):
            way = "更多下放" if change.direction < 0 else "收回（下放减少）"
            return [line(f"赋权方式调整：{way}", before.mode.value, after.mode.value)]
        case Kind.SCOPE if isinstance(before, Entry) and isinstance(after, Entry):
            way = {-1: "缩小", 1: "扩大", 0: "调整"}[change.scope_direction]
            return [line(f"子项范围{way}", _scope(before), _scope(after))]
        case Kind.WITHDRAWN if isinstance(after, Withdrawn):
            return [line("收回", state(before) if isinstance(before, Entry) else NONE, _withdrawn(after))]
        case Kind.REMOVED if isinstance(before, Entry):
            return [line("删除（没有收回记录）", state(before), NONE)]
        case Kind.UNRECORDED if isinstance(before, Withdrawn):
            return [line("删除收回记录", f"{_withdrawn(before)}，依据{before.document}", NONE)]
        case Kind.GUIDE if not change.fields:
            return [line("本镇办事指南", NONE, "⚠️ 与区县指南不符（见下）")]
    what = {Entry: "条目", Declined: "暂不承接", Withdrawn: "收回记录"}[type(after or before)]
    return [field_line(what, f, subject, change.document, change.code) for f in change.fields]


def township_section(county: CountyDiff, town: TownshipDiff) -> Section:
    lines = [field_line("乡镇信息", f) for f in town.fields]
    flags: list[tuple[str, str]] = []
    for change in town.changes:
        lines += change_lines(change)
        flags += [(f"{change.name}（{change.code}）", flag) for flag in change.flags]
    return Section(county.slug, county.name, town.slug, town.name, town.status, tuple(lines), tuple(flags), town.summary())


def _summary(record: RecordDiff, keys: tuple[str, ...]) -> str:
    values = {f.field: value_text(f.field, f.after if record.status is Status.ADDED else f.before) for f in record.fields}
    if "max_mode" in values:
        values["max_mode"] = f"最多可{values['max_mode']}"
    return "，".join(values[k] for k in keys if k in values) or NONE


def _record_lines(record: RecordDiff, what: str, subject: str, keys: tuple[str, ...], code: str | None) -> list[Line]:
    if record.status is Status.ADDED:
        return [Line(f"新增{what}" if what == "事项" else f"登记{what}", subject, NONE, _summary(record, keys), code=code)]
    if record.status is Status.REMOVED:
        return [Line(f"删除{what}", subject, _summary(record, keys), NONE)]
    return [field_line(what, f, subject, code=code) for f in record.fields]


def county_section(county: CountyDiff) -> Section | None:
    """The county's own changes: its fields, departments, documents and items."""
    lines: list[Line] = []
    for f in county.fields:
        if f.field == "departments":
            lines += [Line("新增实施部门", name, NONE, NONE) for name in f.added]
            lines += [Line("删除实施部门", name, NONE, NONE) for name in f.removed]
        else:
            lines.append(field_line("区县信息", f))
    for doc in county.documents:
        lines += _record_lines(doc, "决定文件", doc.key, ("title", "issuer", "date"), None)
    flags: list[tuple[str, str]] = []
    for item in county.items:
        subject = f"{item.name}（{item.key}）"
        lines += _record_lines(item, "事项", subject, ("type", "departments", "max_mode"), item.key)
        flags += [(subject, flag) for flag in item.flags]
    if not (lines or flags) and county.status is Status.CHANGED:
        return None
    counts = county.summary() - sum((town.summary() for town in county.townships), Counter())
    title = f"{county.name}：事项、部门和文件"
    return Section(county.slug, county.name, None, title, county.status, tuple(lines), tuple(flags), counts)


def sections(county: CountyDiff) -> list[Section]:
    """One county's sections: each township that changed, then the county's own records."""
    own = county_section(county)
    return [township_section(county, town) for town in county.townships] + ([own] if own else [])


def summary_rows(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """(category, count) for each category that has changes, in reading order."""
    return [(label, counts[key]) for key, label in CATEGORIES.items() if counts.get(key)]


def count_texts(counts: Mapping[str, int]) -> list[str]:
    """Each category with changes and its count, with the right measure word: “新增承接 13 项”."""
    return [f"{CATEGORIES[key]} {counts[key]} {UNITS.get(key, '项')}" for key in CATEGORIES if counts.get(key)]


def sentence(line: Line) -> str:
    """A line as one sentence, for text output and feeds."""
    text = f"{line.label}：{line.subject}" if line.subject else line.label
    if line.before != NONE and line.after != NONE:
        text += f"：{line.before} → {line.after}"
    elif line.after != NONE:
        text += f"：{line.after}"
    elif line.before != NONE:
        text += f"：原为{line.before}"
    return text + (f"；依据{line.document}" if line.document else "")
