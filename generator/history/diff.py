"""Two catalogs → what changed, by meaning: the same data written in another order, with
other comments or other line breaks compares equal (``where`` takes no part)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from typing import TypeVar

from generator.history.changes import (
    KIND_ORDER,
    Change,
    CountyDiff,
    Diff,
    FieldChange,
    Kind,
    RecordDiff,
    Row,
    Status,
    TownshipDiff,
    Value,
)
from generator.model import Catalog, County, Entry, Fee, Guide, Item, Material, Township, data_fields
from generator.rules import RULES, Context
from generator.rules.guides import only_fewer

_T = TypeVar("_T")
# Fields compared by their own kind of change, not as details.
_ENTRY_OWN = frozenset({"code", "mode", "scope"})
_GUIDE = "guide."


def diff_catalogs(base: Catalog, head: Catalog) -> Diff:
    """Every county that differs, by slug."""
    pairs = _records(_by_key(base.counties, "slug"), _by_key(head.counties, "slug"), "name")
    # An equal county has not changed: where its data is written takes no part.
    found = (_county(*pair) for pair in pairs if pair[2] != pair[3])
    return Diff(tuple(d for d in found if d is not None))


def _status(before: object, after: object) -> Status:
    return Status.ADDED if before is None else Status.REMOVED if after is None else Status.CHANGED


def _text(element: object) -> str:
    """A guide list element as one comparable text: a material or a fee with its details."""
    if isinstance(element, Material):
        notes = [element.form, f"{element.copies} 份" if element.copies is not None else None, element.notes]
        shown = "，".join(n for n in notes if n)
        return f"{element.name}（{shown}）" if shown else element.name
    if isinstance(element, Fee):
        return f"{element.name}：{element.standard}" + (f"（依据：{element.basis}）" if element.basis else "")
    if isinstance(element, tuple):  # a pair such as (rule id, document) of policy.adopts
        return "：".join(_text(x) for x in element)
    if data_fields(type(element)):  # a record in a list (配合事项, 附件): its first field, then the rest
        first, *rest = (getattr(element, f) for f in data_fields(type(element)) or ())
        shown = "，".join(_text(v) for v in rest if v not in (None, ()))
        return f"{_text(first)}（{shown}）" if shown else _text(first)
    return str(element)


def flatten(record: object, prefix: str = "", skip: frozenset[str] = frozenset()) -> dict[str, Value]:
    """A record's compared fields but ``skip`` as {dotted path: value}; nested records are walked."""
    flat: dict[str, Value] = {}
    for field in data_fields(type(record)) or ():
        if field in skip:
            continue  # before its value is made: a county's townships are the whole county
        value = getattr(record, field)
        name = prefix + field
        if data_fields(type(value)) is not None:
            flat.update(flatten(value, name + "."))
        elif isinstance(value, tuple) and value and isinstance(value[0], Material | Fee):
            # Materials and fees by name, so that one changed element is one change.
            for n, element in enumerate(value):
                key = f"{name}[{element.name}]"
                flat[key if key not in flat else f"{key}#{n}"] = _text(element)
        elif isinstance(value, tuple):
            flat[name] = tuple(_text(x) for x in value)
        elif isinstance(value, Enum):
            flat[name] = str(value.value)
        else:
            flat[name] = value
    return flat


def field_changes(before: object | None, after: object | None, skip: frozenset[str] = frozenset()) -> tuple[FieldChange, ...]:
    """Fields that differ, in declaration order; a missing record has no fields."""
    return _changed(flatten(before, skip=skip), flatten(after, skip=skip))  # None flattens to {}


def _changed(old: dict[str, Value], new: dict[str, Value]) -> tuple[FieldChange, ...]:
    # A removed material or fee is told with its field, not after all the others.
    fields = {n.partition("[")[0]: None for n in [*new, *old]}
    order = {field: i for i, field in enumerate(fields)}
    names = sorted(dict.fromkeys([*new, *old]), key=lambda n: order[n.partition("[")[0]])
    return tuple(FieldChange(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n))


def _by_key(rows: Sequence[_T], key: str) -> dict[str, _T]:
    # The first of duplicates: those are the rules' business.
    return {getattr(row, key): row for row in reversed(rows)}


def _records(before: Mapping[str, _T], after: Mapping[str, _T], name: str) -> Iterator[tuple[str, str, _T | None, _T | None]]:
    """(key, name as the newer side has it, older record, newer record) for every key, sorted."""
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        yield key, getattr(new if new is not None else old, name), old, new


def _county(slug: str, name: str, before: County | None, after: County | None) -> CountyDiff | None:
    status = _status(before, after)
    fields = field_changes(before, after, frozenset({"slug", "items", "townships", "documents"}))
    if status is not Status.CHANGED:
        fields = tuple(f for f in fields if f.field == "departments")
    old, new = before or County("", "", ""), after or County("", "", "")
    docs = tuple(
        RecordDiff(key, shown, _status(o, n), field_changes(o, n, frozenset({"number"})))
        for key, shown, o, n in _records(old.documents_by_number, new.documents_by_number, "title")
        if o != n
    )
    pairs = _records(old.items_by_key, new.items_by_key, "name")
    items = tuple(_item(key, shown, o, n, old, new) for key, shown, o, n in pairs if o != n)
    names = {**{i.key: i.name for i in old.items}, **{i.key: i.name for i in new.items}}
    town_pairs = _records(_by_key(old.townships, "slug"), _by_key(new.townships, "slug"), "name")
    same = old.items == new.items
    changed = (pair for pair in town_pairs if not _unchanged(pair[2], pair[3], same))
    towns = tuple(t for t in (_township(*pair, old, new, names, same) for pair in changed) if t is not None)
    if status is Status.CHANGED and not (fields or docs or items or towns):
        return None
    return CountyDiff(slug, name, status, fields, docs, items, towns)


def _unchanged(before: Township | None, after: Township | None, same_items: bool) -> bool:
    """An equal township has not changed, unless its local guides are held to items that did."""
    return before == after and (same_items or after is None or all(e.guide is None for e in after.entries))


def _item(code: str, name: str, before: Item | None, after: Item | None, old: County, new: County) -> RecordDiff:
    # Findings the newer catalog has and the older did not: the ones this change brought.
    flags = tuple(sorted(_item_flags(new, after) - _item_flags(old, before)))
    return RecordDiff(code, name, _status(before, after), field_changes(before, after, frozenset({"code"})), flags)


def _township(
    slug: str, name: str, before: Township | None, after: Township | None, old: County, new: County, names: dict[str, str],
    same_items: bool,
) -> TownshipDiff | None:
    status = _status(before, after)
    own = frozenset({"slug", "entries", "declined", "withdrawn"})
    fields = field_changes(before, after, own) if status is Status.CHANGED else ()
    changes = _changes(before or Township("", ""), after or Township("", ""), old, new, names, same_items)
    if status is Status.CHANGED and not (fields or changes):
        return None
    return TownshipDiff(slug, name, status, fields, changes)


class _Side:
    """One township's rows by item code, on one side of the comparison."""

    def __init__(self, county: County, town: Township) -> None:
        self.county, self.town = county, town
        self.entries = _by_key(town.entries, "code")
        self.declined = _by_key(town.declined, "code")
        self.withdrawn = _by_key(town.withdrawn, "code")
        self.codes = {*self.entries, *self.declined, *self.withdrawn}


def _changes(
    before: Township, after: Township, old: County, new: County, names: dict[str, str], same_items: bool
) -> tuple[Change, ...]:
    b, a = _Side(old, before), _Side(new, after)
    codes = sorted(code for code in b.codes | a.codes if not _same_rows(code, b, a, same_items))
    found = [change for code in codes for change in _item_changes(code, names.get(code, code), b, a)]
    return tuple(sorted(found, key=lambda change: (KIND_ORDER[change.kind], change.code)))


def _same_rows(code: str, b: _Side, a: _Side, same_items: bool) -> bool:
    """Whether the item's rows are equal on both sides, so nothing about it changed (its
    local guide's findings aside, where the items changed)."""
    now = a.entries.get(code)
    return (
        b.entries.get(code) == now
        and b.declined.get(code) == a.declined.get(code)
        and b.withdrawn.get(code) == a.withdrawn.get(code)
        and (same_items or now is None or now.guide is None)
    )


def _item_changes(code: str, name: str, b: _Side, a: _Side) -> Iterator[Change]:
    def change(
        kind: Kind, old_row: Row | None, new_row: Row | None, fields: tuple[FieldChange, ...] = (), flags: tuple[str, ...] = ()
    ) -> Change:
        return Change(kind, code, name, old_row, new_row, fields, flags)

    was, now = b.entries.get(code), a.entries.get(code)
    if was is None and now is not None:
        yield change(Kind.RESOLVED, b.declined[code], now) if code in b.declined else change(Kind.ADDED, b.withdrawn.get(code), now)
    elif was is not None and now is None:
        record = a.withdrawn.get(code) or a.declined.get(code)
        yield change(Kind.REMOVED if record is None else Kind.WITHDRAWN if code in a.withdrawn else Kind.DECLINED, was, record)
    elif was is not None and now is not None:
        if was.mode != now.mode:
            yield change(Kind.MODE, was, now)
        if (None if was.scope is None else set(was.scope)) != (None if now.scope is None else set(now.scope)):
            yield change(Kind.SCOPE, was, now)
        details = tuple(f for f in field_changes(was, now, _ENTRY_OWN) if not f.field.startswith(_GUIDE))
        if details:
            yield change(Kind.DETAILS, was, now, details)
    if now is not None:
        # Most rows have no local guide, or the same one: nothing to compare field by field.
        same = now.guide == (was.guide if was is not None else None)
        guide = () if same else _guide_changes(b, was, a, now)
        flags = tuple(sorted(_entry_flags(a, now) - _entry_flags(b, was)))
        if guide or flags:
            yield change(Kind.GUIDE, was, now, guide, flags)
    # A declined or withdrawn record that came, went or changed, unless the entry's own
    # change already told it (taken after being declined, declined or withdrawn after
    # being delegated).
    records: tuple[tuple[Mapping[str, Row], Mapping[str, Row], Kind, Kind], ...] = (
        (b.declined, a.declined, Kind.DECLINED, Kind.RESOLVED),
        (b.withdrawn, a.withdrawn, Kind.WITHDRAWN, Kind.UNRECORDED),
    )
    for old_rows, new_rows, came, went in records:
        old_row, new_row = old_rows.get(code), new_rows.get(code)
        if old_row is None and new_row is not None and was is None:
            yield change(came, None, new_row)
        elif old_row is not None and new_row is None and now is None:
            yield change(went, old_row, None)
        elif old_row is not None and new_row is not None and old_row != new_row:
            yield change(Kind.DETAILS, old_row, new_row, field_changes(old_row, new_row, frozenset({"code"})))


def _guide(side: _Side, code: str, entry: Entry | None) -> Guide | None:
    """The guide a township's citizens get for an item: its local differences over the
    county's guide, element by element."""
    item = side.county.item(code)
    base, local = item.guide if item is not None else None, entry.guide if entry is not None else None
    if local is None or base is None:
        return local or base
    return dataclasses.replace(base, **{f: getattr(local, f) for f in data_fields(Guide) or () if getattr(local, f) is not None})


def _guide_changes(b: _Side, was: Entry | None, a: _Side, now: Entry) -> tuple[FieldChange, ...]:
    """What a township's local guide changed for its citizens, against what they had (for a
    new entry, the county's guide), so that a dropped material shows as dropped."""
    had = _guide(a, now.code, None) if was is None else _guide(b, now.code, was)
    return _changed(flatten(had, _GUIDE), flatten(_guide(a, now.code, now), _GUIDE))


def _findings(county: County) -> frozenset[str]:
    if not RULES["only-fewer"].applies(county):
        return frozenset()
    return frozenset(message for _, message in only_fewer(county, Context(today="")))


def _item_flags(county: County, item: Item | None) -> frozenset[str]:
    """只减不增 broken by the item's own guide (a promise beyond the legal limit)."""
    if item is None or item.guide is None:
        return frozenset()
    return _findings(dataclasses.replace(county, items=(item,), townships=()))


def _entry_flags(side: _Side, entry: Entry | None) -> frozenset[str]:
    """只减不增 broken by one township's local guide for one item (the rule run on just
    that entry, less what the item's own guide breaks)."""
    item = side.county.item(entry.code) if entry is not None else None
    if entry is None or entry.guide is None or item is None:
        return frozenset()
    alone = dataclasses.replace(side.town, entries=(entry,), declined=(), withdrawn=())
    return _findings(dataclasses.replace(side.county, items=(item,), townships=(alone,))) - _item_flags(side.county, item)
