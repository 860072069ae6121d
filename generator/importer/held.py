"""What a table gives, against what a county already holds, by meaning: each township's
resolved entries (item × mode × scope), however the county wrote them (lists to all, tags,
groups or townships, a guide catalog's lists, a township's own entries and overrides).
Where they agree nothing is edited; where they differ the smallest edit is made in the
county's own files: a township's own entry, an override of what a list gives it on the
table's document, or the list's entry where every township it goes to changes alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.importer.comments import compact
from generator.importer.shares import Line
from generator.lists import SharedList, receivers, shared_lists
from generator.loader import Loaded
from generator.model import County, Key, Mode

Fact = tuple[str, tuple[str, ...] | None]  # a mode and a scope, as the resolved catalog has them


@dataclass(frozen=True)
class Draft:
    """A county file being edited: its data, its comments by path (``emit.dump``) and its opening comment."""

    data: dict[str, Any]
    comments: dict[Key, str]
    head: str


@dataclass(frozen=True)
class Held:
    """What the county has, as its files say it."""

    county: County  # resolved
    loaded: Loaded  # county.yaml, for the places of its lists
    guide: tuple[SharedList, ...]  # the adopted guide catalog's lists, to every township


def _fact(entry: dict[str, Any]) -> Fact:
    return entry["mode"], tuple(entry["scope"]) if entry.get("scope") else None


def _given(line: Line | None) -> Fact | None:
    return _fact(line.entry) if line else None


def put(town: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``town`` with ``key`` set: in its place, or a new one before what a township file writes last."""
    if key in town:
        return {**town, key: value}
    keys = list(town)
    at = next((n for n, k in enumerate(keys) if k in ("declined", "withdrawn", "assists")), len(keys))
    return {**{k: town[k] for k in keys[:at]}, key: value, **{k: town[k] for k in keys[at:]}}


def _row(rows: list[dict[str, Any]], key: str) -> int | None:
    return next((n for n, row in enumerate(rows) if str(row.get("code")) == key), None)


class _Edits:
    def __init__(self, held: Held, drafts: dict[str, Draft], document: str) -> None:
        self.held, self.drafts, self.document = held, drafts, document
        self.county = drafts["county.yaml"]
        self.lists = shared_lists(self.county.data, held.loaded)
        tags = {town.slug: town.tags for town in held.county.townships}
        self.reach = receivers(self.lists, self.county.data.get("groups") or {}, tags, [])
        self.gone: dict[tuple[str, Key], set[int]] = {}  # a file and the path of a list there → the indexes that go
        self.cited = False

    def town(self, slug: str) -> Draft:
        return self.drafts[f"townships/{slug}.yaml"]

    def rows(self, slug: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.town(slug).data.get("items") or []
        return rows

    def listed(self, slug: str, key: str) -> tuple[int | None, dict[str, Any], str] | None:
        """The list that gives ``slug`` the item (its index in county.yaml, None for the guide
        catalog's), the entry it gives, and the document that entry rests on."""
        for n, one in enumerate(self.lists):
            items = self.county.data["lists"][n]["items"]
            if slug in self.reach[n] and (at := _row(items, key)) is not None:
                return n, items[at], str(items[at].get("document") or one.document)
        for one in self.held.guide:
            if (at := _row([e.data for e in one.entries], key)) is not None:
                entry = one.entries[at].data
                return None, entry, str(entry.get("document") or one.document)
        return None

    def own(self, slug: str, key: str, now: Line | None) -> None:
        """The township's own entry written, changed or taken out."""
        rows, at = self.rows(slug), _row(self.rows(slug), key)
        if now is None:
            if at is not None:
                self.gone.setdefault((f"townships/{slug}.yaml", ("items",)), set()).add(at)
            return
        row = rows[at] if at is not None else {"code": key}
        row["mode"] = now.entry["mode"]
        self._scope(row, now, None)
        row["document"] = self.document
        self._wrote(slug, row, at, now)

    def overridable(self, now: Line | None, entry: dict[str, Any], rests: str) -> bool:
        """Whether a township file can say ``now`` over what a list gives it: on the table's
        document (a later decision) either way, on the list's own document only less."""
        if now is None:
            return False  # only declined or withdrawn could say so, and the table says neither
        mode, scope = _fact(now.entry)
        wide = tuple(entry["scope"]) if entry.get("scope") else None
        if scope is None and wide is not None:
            return False  # an override narrows a scope, it cannot give the whole item back
        more = Mode(mode).rank < Mode(entry["mode"]).rank or bool(wide and scope and not set(scope) <= set(wide))
        return rests != self.document or not more

    def override(self, slug: str, key: str, now: Line, entry: dict[str, Any], rests: str) -> None:
        """What the list gives the township overridden in its file (``overridable``)."""
        mode = now.entry["mode"]
        wide = tuple(entry["scope"]) if entry.get("scope") else None
        rows = self.rows(slug)
        at = _row(rows, key)
        row = rows[at] if at is not None else {"code": key}
        if mode != entry["mode"]:
            row["mode"] = mode
        else:
            row.pop("mode", None)
        self._scope(row, now, wide)
        if set(row) <= {"code", "document"}:
            if at is not None:
                self.gone.setdefault((f"townships/{slug}.yaml", ("items",)), set()).add(at)
            return
        if rests != self.document:
            row["document"] = self.document
        self._wrote(slug, row, at, now)

    def in_list(self, n: int, key: str, now: Line | None) -> None:
        """The list's entry changed, or taken out, for every township it goes to."""
        items = self.county.data["lists"][n]["items"]
        at = _row(items, key)
        assert at is not None
        if now is None:
            self.gone.setdefault(("county.yaml", ("lists", n, "items")), set()).add(at)
        for slug in self.reach[n]:
            # The townships' overrides of it go: the list now says what they had to.
            rows = self.rows(slug)
            if (row := _row(rows, key)) is not None:
                rows[row].pop("mode", None)
                rows[row].pop("scope", None)
                if now is None or set(rows[row]) <= {"code", "document"}:
                    self.gone.setdefault((f"townships/{slug}.yaml", ("items",)), set()).add(row)
        if now is None:
            return
        entry = items[at]
        entry["mode"] = now.entry["mode"]
        self._scope(entry, now, None)
        if self.document != self.county.data["lists"][n]["document"]:
            entry["document"] = self.document
        self.cited = True
        self.county.comments[("lists", n, "items", at)] = now.source

    @staticmethod
    def _scope(row: dict[str, Any], now: Line, wide: tuple[str, ...] | None) -> None:
        scope = _fact(now.entry)[1]
        if scope is not None and scope != wide:
            row["scope"] = list(scope)
        else:
            row.pop("scope", None)

    def _wrote(self, slug: str, row: dict[str, Any], at: int | None, now: Line) -> None:
        town = self.town(slug)
        if at is None:
            at = len(self.rows(slug))
            rows = [*self.rows(slug), row]
            moved = put(town.data, "items", rows)
            town.data.clear()
            town.data.update(moved)
        town.comments[("items", at)] = now.source
        self.cited = True

    def tidy(self) -> None:
        """Take out what went, lists and ``items`` left empty with it."""
        for (name, path), gone in self.gone.items():
            draft = self.drafts[name]
            parent: Any = draft.data
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = compact(parent[path[-1]], gone, path, draft.comments)
        lists = self.county.data.get("lists") or []
        empty = {n for n, one in enumerate(lists) if not one["items"]}
        if empty:
            self.county.data["lists"] = compact(lists, empty, ("lists",), self.county.comments)
        for draft in self.drafts.values():
            for key in ("items", "lists"):
                if key in draft.data and not draft.data[key]:
                    del draft.data[key]
                    draft.comments.pop((key,), None)


class Unsaid(Exception):
    """What the table gives a township that no edit of the county's files can say without a
    fact the table does not hold: the message says what to write by hand."""

    def __init__(self, slug: str, message: str) -> None:
        super().__init__(message)
        self.slug, self.message = slug, message


def smallest(held: Held, drafts: dict[str, Draft], table: dict[str, dict[str, Line]], owned: set[str], document: str) -> bool | None:
    """Edit ``drafts`` (county.yaml and each township file of ``table``: township → item → the
    table's line) so that each township of the table resolves to what the table gives it of
    the items it holds (``owned``): whether an edit cites ``document``.  None where the table
    names a township without a file (the caller writes the table's shape); :class:`Unsaid`
    where it takes a fact the table does not give."""
    towns = {town.slug: town for town in held.county.townships}
    if any(slug not in towns or f"townships/{slug}.yaml" not in drafts for slug in table):
        return None
    names = {item.key: item.name for item in held.county.items}
    edits = _Edits(held, drafts, document)

    def unsaid(slug: str, key: str, why: str) -> Unsaid:
        return Unsaid(slug, f"{towns[slug].name}的“{names.get(key, key)}”（{key}）：{why}")

    def dropped(slug: str, key: str, rests: str) -> Unsaid:
        return unsaid(slug, key, (
            f"表格不再给它，它是依据{rests}的清单给的：导入不替乡镇决定是暂不承接还是收回，请在这个文件的 declined"
            "（暂不承接，写明原因）或 withdrawn（收回，写明文件和日期）里写上它，再导入。"))

    def more(slug: str, key: str, rests: str) -> Unsaid:
        return unsaid(slug, key, (
            f"表格给的赋权方式或子项多于依据{rests}的清单，乡镇文件只能在同一份文件的清单上少下放，也不能把部分子项改回整个事项："
            "是后来的决定的，请用 --document 写明那份文件再导入；否则请核对表格，或改 county.yaml 里的清单。"))

    by_list: dict[tuple[int, str], dict[str, Line | None]] = {}
    for slug, given in table.items():
        had = {e.code: (e.mode.value, e.scope) for e in towns[slug].entries}
        removed = {str(r.get("code")) for key in ("declined", "withdrawn") for r in edits.town(slug).data.get(key) or ()}
        for key in dict.fromkeys([*given, *(k for k in had if k in owned)]):
            now = given.get(key)
            if had.get(key) == _given(now):
                continue
            if key in removed:
                raise unsaid(slug, key, "表格给了它，这个文件却把它写在 declined（暂不承接）或 withdrawn（已收回）里："
                                        "乡镇已经承接的，请先删除那一条再导入；否则请核对表格。")
            listed = edits.listed(slug, key)
            if listed is None:
                edits.own(slug, key, now)
            elif listed[0] is not None:
                by_list.setdefault((listed[0], key), {})[slug] = now
            elif edits.overridable(now, listed[1], listed[2]):
                assert now is not None
                edits.override(slug, key, now, listed[1], listed[2])
            else:
                raise dropped(slug, key, listed[2]) if now is None else more(slug, key, listed[2])
    for (n, key), changed in by_list.items():
        # The list's entry where every township it goes to is to have the same, and that is
        # fewer edits than one override each (the overrides of it go); else those overrides.
        reach = edits.reach[n]
        nows = {_given(table[slug].get(key)) for slug in reach & set(table)}
        uniform = reach <= set(table) and len(nows) == 1
        overrides = sum(_row(edits.rows(slug), key) is not None for slug in reach)
        listed = edits.listed(next(iter(changed)), key)
        assert listed is not None
        refused = [slug for slug, now in changed.items() if not edits.overridable(now, listed[1], listed[2])]
        if uniform and (refused or 1 + overrides <= len(changed)):
            edits.in_list(n, key, table[next(iter(reach))].get(key))
        elif not refused:
            for slug, now in changed.items():
                assert now is not None
                edits.override(slug, key, now, listed[1], listed[2])
        else:
            raise dropped(refused[0], key, listed[2]) if changed[refused[0]] is None else more(refused[0], key, listed[2])
    edits.tidy()
    return edits.cited


def shared_elsewhere(held: Held, rewritten: set[int], table: dict[str, dict[str, Line]], owned: set[str]) -> bool:
    """Whether a list the table's shape would not rewrite (a guide catalog's, or a county list
    whose index is not in ``rewritten``) gives a township of the table an item of the table."""
    lists = shared_lists(held.loaded.data, held.loaded)
    reach = receivers(lists, held.loaded.data.get("groups") or {}, {t.slug: t.tags for t in held.county.townships}, [])
    given = [(frozenset(t.slug for t in held.county.townships), one) for one in held.guide]
    given += [(towns, one) for n, (towns, one) in enumerate(zip(reach, lists, strict=True)) if n not in rewritten]
    return any(towns & set(table) and any(str(e.data["code"]) in owned for e in one.entries) for towns, one in given)
