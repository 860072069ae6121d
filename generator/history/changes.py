"""What changed between two catalogs, as values: computed by ``diff``, read by the
renderers, the review rules and the change log.  No text for people here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from generator.model import Declined, Entry, Withdrawn

# A model field reduced to something comparable and printable.
Value = str | int | bool | tuple[str, ...] | None
Row = Entry | Declined | Withdrawn


class Status(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Kind(StrEnum):
    """What happened to one item in one township, in the order a reviewer reads them."""

    ADDED = "added"  # 新增承接 (``before`` is the withdrawn record when it comes back)
    RESOLVED = "resolved"  # 暂不承接 → taken (``after`` is the entry) or no longer listed
    DECLINED = "declined"  # 新增暂不承接 (``before`` is the entry when a delegated item is declined)
    MODE = "mode"
    SCOPE = "scope"
    WITHDRAWN = "withdrawn"  # 收回, with a withdrawn record
    REMOVED = "removed"  # gone from the catalog without a withdrawn record
    UNRECORDED = "unrecorded"  # a withdrawn record deleted
    GUIDE = "guide"  # the township's local guide
    DETAILS = "details"  # document, dates, agreement, supervisor; declined or withdrawn records


KIND_ORDER = {kind: n for n, kind in enumerate(Kind)}


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, by its dotted model path (e.g. ``agreement.date``)."""

    field: str
    before: Value
    after: Value

    @property
    def added(self) -> tuple[str, ...]:
        """For list fields: the elements only ``after`` has."""
        return _missing(self.after, self.before)

    @property
    def removed(self) -> tuple[str, ...]:
        return _missing(self.before, self.after)


def _missing(have: Value, other: Value) -> tuple[str, ...]:
    if not isinstance(have, tuple):
        return ()
    others = other if isinstance(other, tuple) else ()
    return tuple(x for x in have if x not in others)


@dataclass(frozen=True)
class Change:
    """One change to one item in one township."""

    kind: Kind
    code: str
    name: str  # the item's name, as the newer catalog has it
    before: Row | None = None
    after: Row | None = None
    fields: tuple[FieldChange, ...] = ()  # GUIDE and DETAILS
    flags: tuple[str, ...] = ()  # 只减不增 broken by this change (the rule's messages)

    @property
    def document(self) -> str | None:
        """The decision document the change cites: the one on the record as it is now."""
        return self.after.document if self.after is not None else None

    @property
    def category(self) -> str:
        """The summary category (a key of ``labels.CATEGORIES``)."""
        if self.kind is Kind.MODE:
            return "mode_more" if self.direction < 0 else "mode_less"
        return "suspended" if self.kind is Kind.DECLINED and isinstance(self.before, Entry) else self.kind.value

    @property
    def direction(self) -> int:
        """For a mode change: below 0 delegates more, above 0 delegates less."""
        if isinstance(self.before, Entry) and isinstance(self.after, Entry):
            return self.after.mode.rank - self.before.mode.rank
        return 0

    @property
    def scope_direction(self) -> int:
        """For a scope change: below 0 narrowed, above 0 widened, 0 neither (None means every sub-item)."""
        if not (isinstance(self.before, Entry) and isinstance(self.after, Entry)):
            return 0
        old, new = self.before.scope, self.after.scope
        if old is None or (new is not None and set(new) < set(old)):
            return -1
        if new is None or set(old) < set(new):
            return 1
        return 0


@dataclass(frozen=True)
class TownshipDiff:
    slug: str
    name: str
    status: Status
    fields: tuple[FieldChange, ...]  # name, tags, service center, division code
    changes: tuple[Change, ...]

    def summary(self) -> Counter[str]:
        """Changes counted by category (the keys of ``labels.CATEGORIES``)."""
        count: Counter[str] = Counter()
        if self.status is not Status.CHANGED:
            count[f"township_{self.status}"] += 1
        elif self.fields:
            count["township_info"] += 1
        for c in self.changes:
            count[c.category] += 1
            count["only_fewer"] += len(c.flags)
        return count


@dataclass(frozen=True)
class RecordDiff:
    """An item (keyed by code) or a document (keyed by number) of a county.  An added or
    removed record lists every field it has, from or to nothing."""

    key: str
    name: str
    status: Status
    fields: tuple[FieldChange, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountyDiff:
    slug: str
    name: str
    status: Status
    fields: tuple[FieldChange, ...]  # the county's own fields, departments among them
    documents: tuple[RecordDiff, ...]
    items: tuple[RecordDiff, ...]
    townships: tuple[TownshipDiff, ...]

    def summary(self) -> Counter[str]:
        """Changes counted by category, as ``TownshipDiff.summary`` counts them."""
        count: Counter[str] = Counter()
        if self.status is not Status.CHANGED:
            count[f"county_{self.status}"] += 1
        for change in self.fields:
            if change.field == "departments":
                count["department_added"] += len(change.added)
                count["department_removed"] += len(change.removed)
            elif self.status is Status.CHANGED:
                count["county_info"] += 1
        count.update(f"document_{doc.status}" for doc in self.documents)
        count.update(f"item_{item.status}" for item in self.items)
        count["only_fewer"] += sum(len(item.flags) for item in self.items)
        for town in self.townships:
            count += town.summary()
        return +count


@dataclass(frozen=True)
class Diff:
    counties: tuple[CountyDiff, ...]

    def summary(self) -> Counter[str]:
        return sum((county.summary() for county in self.counties), Counter())
