"""One county seen from the pages: items with the townships that hold them, groups by
mode, the matrix, counts and what each document enacted.  Computed once per county."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from generator.model import (
    LIST_KINDS,
    Catalog,
    County,
    Declined,
    Entry,
    GuideCatalog,
    Item,
    Level,
    ListKind,
    Mode,
    Supervisor,
    Township,
    Withdrawn,
)
from generator.rules import RULES
from generator.rules.accountability import EQUAL_ACCEPTANCE
from generator.site.modes import MARK, Enforcing, Roles, enforcing, roles


@dataclass(frozen=True)
class Grant:
    """What a document gave: one item in one mode and scope, to some townships."""

    item: Item
    mode: Mode
    scope: tuple[str, ...] | None
    towns: tuple[Township, ...]


@dataclass(frozen=True)
class Enacted:
    """Everything one decision document did in this county."""

    grants: tuple[Grant, ...]
    declined: tuple[tuple[Township, Declined], ...]
    withdrawn: tuple[tuple[Township, Withdrawn], ...]


Row = TypeVar("Row", Entry, Declined, Withdrawn)


def _by_code(rows: Iterable[tuple[Township, Row]]) -> dict[str, list[tuple[Township, Row]]]:
    found: dict[str, list[tuple[Township, Row]]] = defaultdict(list)
    for town, row in rows:
        found[row.code].append((town, row))
    return found


@dataclass(frozen=True)
class CountyView:
    county: County
    guide: GuideCatalog | None = None  # the guide catalog the county adopts

    @classmethod
    def of(cls, catalog: Catalog) -> list[CountyView]:
        return [cls(c, catalog.guide(c.guide_catalog) if c.guide_catalog else None) for c in catalog.counties]

    def owner(self, item: Item, *, words: bool = False) -> str:
        """Who implements the item outside the townships, as far as the data says: for a
        table cell, or (``words``) for a sentence."""
        if item.department is None:
            return f"{self.county.name}的实施部门（未登记）"
        if item.level in (Level.CITY, Level.PROVINCE):
            return f"{item.department}（{item.level.value}部门）"
        return f"{self.county.name}的{item.department}" if words else f"{item.department}（{self.county.name}）"

    def guide_name(self, item: Item) -> str:
        return self.guide.name if self.guide and item.catalog == self.guide.slug else (item.catalog or "")

    def item(self, code: str) -> Item:
        return self.county.items_by_key[code]

    @cached_property
    def equal_acceptance(self) -> bool:
        """Whether a notice binding the county (or its own document) gives the county and its
        townships equal acceptance (同等受理权), so that the pages may say so."""
        return RULES[EQUAL_ACCEPTANCE].applies(self.county)

    @cached_property
    def items(self) -> list[Item]:
        """The county's items in the order of its sources: as its lists and township files
        give them (the notices' own order), then those no township takes, by key."""
        order = {e.code: None for town in self.county.townships for e in town.entries}
        rank = {code: n for n, code in enumerate(order)}
        return sorted(self.county.items, key=lambda item: (rank.get(item.key, len(rank)), item.key))

    @cached_property
    def item_lists(self) -> list[tuple[ListKind, list[Item]]]:
        """The county's items by list (审批服务, then 行政执法), each list in source order."""
        return [(kind, found) for kind in LIST_KINDS if (found := [i for i in self.items if i.list_kind == kind])]

    @cached_property
    def number(self) -> dict[str, int]:
        """序号 of each item, in source order."""
        return {item.key: n for n, item in enumerate(self.items, 1)}

    @cached_property
    def places(self) -> dict[str, list[tuple[Township, Entry]]]:
        return _by_code((town, entry) for town in self.county.townships for entry in town.entries)

    @cached_property
    def declined(self) -> dict[str, list[tuple[Township, Declined]]]:
        return _by_code((town, row) for town in self.county.townships for row in town.declined)

    @cached_property
    def withdrawn(self) -> dict[str, list[tuple[Township, Withdrawn]]]:
        return _by_code((town, row) for town in self.county.townships for row in town.withdrawn)

    def groups(self, town: Township, kind: ListKind | None = None) -> list[tuple[Mode, list[Entry]]]:
        """The township's entries (of one list, or all) by mode, most delegated first, each in file order."""
        mine = self.of_list(town, kind) if kind else town.entries
        return [(mode, entries) for mode in Mode if (entries := [e for e in mine if e.mode is mode])]

    def lists_of(self, town: Township) -> list[ListKind]:
        """The lists (审批服务, 行政执法) the township has entries on, in that order."""
        return [kind for kind in LIST_KINDS if self.of_list(town, kind)]

    def of_list(self, town: Township, kind: ListKind) -> list[Entry]:
        """The township's entries of the 审批服务 or the 行政执法 list, in file order."""
        return [e for e in town.entries if self.item(e.code).list_kind == kind]

    def lists(self, town: Township) -> list[tuple[str, ListKind | None, int]]:
        """The township's three lists (三清单, seed 002 二（三）): name, kind (None: 配合事项) and how many each holds."""
        delegated = [(f"{kind}事项清单", kind, len(self.of_list(town, kind))) for kind in LIST_KINDS]
        return [*delegated, ("配合事项清单", None, len(town.assists))]

    def enforcing(self, mode: Mode, town: Township, item: Item | None = None) -> Enforcing:
        return enforcing(mode, town.name, (item.department if item else None) or f"{self.county.name}实施部门", self.county.name)

    def reserved(self, entry: Entry) -> str | None:
        """What the county keeps of this entry: the township's own record, else the item's."""
        return entry.reserved or self.item(entry.code).reserved

    def city_route(self, item: Item) -> bool:
        """Whether the item is in a field under 市级综合行政执法, which the 区政府 publishes (seed 002 二（一）4)."""
        return item.domain is not None and item.domain in self.county.policy.city_enforcement

    def roles(self, mode: Mode, town: Township, item: Item | None = None) -> Roles:
        # Where the township receives is a fact of the data: not named, it is not made up.
        window = town.service_center.name if town.service_center else f"{town.name}（受理地点未登记）"
        # Without an item: the county departments taken together, for a whole mode group.
        return roles(mode, town.name, (item.department if item else None) or f"{self.county.name}实施部门", window, self.county.name)

    def supervisor(self, entry: Entry) -> Supervisor:
        """监管责任主体: the entry's own, else the item's; a body not named is 未登记."""
        return entry.supervisor or self.item(entry.code).supervisor or Supervisor()

    def mark(self, town: Township, item: Item) -> str:
        """One matrix cell: the mode's mark (◐ for part of the sub-items), 暂, 收 or —."""
        if entry := next((e for e in town.entries if e.code == item.key), None):
            return MARK[entry.mode] + ("◐" if entry.scope else "")
        if any(row.code == item.key for row in town.declined):
            return "暂"
        if any(row.code == item.key for row in town.withdrawn):
            return "收"
        return "—"

    @cached_property
    def completeness(self) -> list[tuple[str, int, int, str]]:
        """How many of each published fact the data gives (what, given, of how many, of
        what): the county sees what it has yet to publish, and nothing is filled in."""
        items, towns = self.county.items, self.county.townships
        entries = [e for t in towns for e in t.entries]
        return [
            ("办事指南", sum(i.guide is not None for i in items), len(items), "项事项"),
            ("事项编码", sum(i.code is not None for i in items), len(items), "项事项"),
            ("实施部门", sum(bool(i.departments) for i in items), len(items), "项事项"),
            ("赋权上限", sum(i.max_mode is not None for i in items), len(items), "项事项"),
            ("办事地点（便民服务中心）", sum(t.service_center is not None for t in towns), len(towns), "个乡镇"),
            ("监管责任主体", sum(self.supervisor(e).body is not None for e in entries), len(entries), "项次承接"),
            ("起始日期", sum(e.effective is not None for e in entries), len(entries), "项次承接"),
        ]

    def guides_of(self, town: Township) -> int:
        """How many of the township's entries have a 办事指南 (the item's or its own)."""
        return sum(e.guide is not None or self.item(e.code).guide is not None for e in town.entries)

    @cached_property
    def entries_by_mode(self) -> Counter[Mode]:
        return Counter(e.mode for t in self.county.townships for e in t.entries)

    @cached_property
    def items_by_mode(self) -> Counter[Mode]:
        return Counter(mode for code in self.places for mode in {e.mode for _, e in self.places[code]})

    @cached_property
    def items_by_type(self) -> list[tuple[str, int]]:
        return sorted(Counter(i.type for i in self.county.items).items())

    @cached_property
    def by_list(self) -> list[tuple[str, int, int]]:
        """Each of the three lists: how many items the townships take and how many entries (配合事项: records)."""
        entries = [self.item(e.code).list_kind for t in self.county.townships for e in t.entries]
        items = [self.item(code).list_kind for code in self.places]
        assists = [a for t in self.county.townships for a in t.assists]
        delegated = [(f"{kind}事项清单", items.count(kind), entries.count(kind)) for kind in LIST_KINDS]
        return [*delegated, ("配合事项清单", len({(a.name, a.department) for a in assists}), len(assists))]

    @cached_property
    def items_by_domain(self) -> list[tuple[str, int]]:
        return sorted(Counter(i.domain or "未登记" for i in self.county.items).items())

    @cached_property
    def items_by_department(self) -> list[tuple[str, int]]:
        return sorted(Counter(i.department or "未登记" for i in self.county.items).items())

    def enacted(self, number: str) -> Enacted:
        """What document ``number`` did, its grants merged over townships that got the same."""
        towns: dict[tuple[str, Mode, tuple[str, ...] | None], list[Township]] = defaultdict(list)
        for town in self.county.townships:
            for entry in town.entries:
                if entry.document == number:
                    towns[(entry.code, entry.mode, entry.scope)].append(town)
        grants = [Grant(self.item(code), mode, scope, tuple(ts)) for (code, mode, scope), ts in towns.items()]
        return Enacted(
            tuple(sorted(grants, key=lambda g: (g.mode.rank, self.number[g.item.key], g.scope or ()))),
            tuple((t, d) for t in self.county.townships for d in t.declined if d.document == number),
            tuple((t, w) for t in self.county.townships for w in t.withdrawn if w.document == number),
        )


@dataclass(frozen=True)
class Uptake:
    """How one county took up a guide catalog."""

    county: County
    towns: int  # townships
    entries: int  # delegated entries of the guide's items
    baseline: tuple[int, int]  # (taken, due): baseline items × townships
    claim_all: tuple[int, int] | None  # (claimed or declined with approval, due), where the county asks 应领尽领


@dataclass(frozen=True)
class GuideView:
    """One guide catalog seen from its page: its items and who took them."""

    guide: GuideCatalog
    counties: tuple[County, ...]  # those that adopt it

    @classmethod
    def of(cls, catalog: Catalog, guide: GuideCatalog) -> GuideView:
        return cls(guide, tuple(c for c in catalog.counties if c.guide_catalog == guide.slug))

    @cached_property
    def taken(self) -> dict[str, tuple[int, int]]:
        """Per item key: how many adopting counties and townships delegate it."""
        codes = [[e.code for t in county.townships for e in t.entries] for county in self.counties]
        counties = Counter(code for found in codes for code in set(found))
        towns = Counter(code for found in codes for code in found)
        return {i.key: (counties[i.key], towns[i.key]) for i in self.guide.items}

    @cached_property
    def uptake(self) -> list[Uptake]:
        own = {i.key for i in self.guide.items}
        base = {i.key for i in self.guide.items if i.baseline}
        found = []
        for county in self.counties:
            tags = set(county.policy.claim_all_tags)
            taken = baseline = claimed = due = 0
            for town in county.townships:
                entries = {e.code for e in town.entries}
                taken += len(entries & own)
                baseline += len(entries & base)
                if tags & set(town.tags):  # what was declined with approval counts as claimed
                    claimed += len((entries | {d.code for d in town.declined if d.document}) & own)
                    due += len(own)
            towns = len(county.townships)
            found.append(Uptake(county, towns, taken, (baseline, len(base) * towns), (claimed, due) if tags else None))
        return found
