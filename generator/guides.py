"""Guide catalogs (指导目录) in ``data/<slug>/catalog.yaml`` and ``items/``, adopted by a
county with ``guide_catalog: <slug>``: it takes their items, lists and documents, and may
only narrow an item's ceiling (``ceilings``).  A county moving to a new edition
(``replaces``) is told which of its entries that edition dropped or changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator import assemble
from generator.lists import SharedList, shared_lists
from generator.loader import Loaded
from generator.model import County, Document, GuideCatalog, Item, Level, Mode
from generator.problems import Problem, clip, did_you_mean, error, warning

GUIDE_FILE = "catalog.yaml"
# What an edition may change about an item that a township took under the one before.
_COMPARED = {"name": "事项名称", "type": "事项类型", "max_mode": "赋权上限", "sub_items": "子项"}


@dataclass(frozen=True)
class Adoptable:
    """A loaded guide catalog, with what its adopters need beyond the model."""

    model: GuideCatalog
    lists: tuple[SharedList, ...]
    previous: GuideCatalog | None = None  # the edition it replaces, once resolved

    @property
    def documents(self) -> tuple[Document, ...]:
        """What an adopting county may cite: the guide's documents, and those of the edition
        it replaces, on which the entries made under that edition rest."""
        return (*self.model.documents, *(self.previous.documents if self.previous else ()))

    def items_for(
        self, data: Mapping[str, Any], loaded: Loaded, local: tuple[Item, ...], problems: list[Problem], unreadable: frozenset[str]
    ) -> list[Item]:
        """The guide's items as the county adopting it has them: each ceiling the county
        narrows (``ceilings``) applied; local items may not reuse a guide item's key.  A
        ceiling of an item whose file cannot be read (``unreadable``) waits until it reads."""
        own = {i.key: i for i in self.model.items}
        for item in local:
            if item.key in own:
                problems.append(error(item.where.loc, "unique", (
                    f"本地事项“{clip(item.key)}”与指导目录“{clip(self.model.name)}”里的事项“{clip(own[item.key].name)}”同名："
                    "指导目录里的事项不用再写文件；要收窄它的赋权上限，请写在 county.yaml 的 ceilings 里，本地事项请换一个文件名。")))
        for key, mode in (data.get("ceilings") or {}).items():
            at = loaded.at(("ceilings", key))
            found = own.get(key)
            if found is None and key in unreadable:
                continue
            if found is None:
                problems.append(error(at, "ref", (
                    f"指导目录“{clip(self.model.name)}”里没有事项“{clip(key)}”{did_you_mean(key, sorted(own))}："
                    "ceilings 只能收窄指导目录里事项的上限。")))
            elif found.max_mode is not None and Mode(mode).rank < found.max_mode.rank:
                problems.append(error(at, "mode-ceiling", (
                    f"指导目录规定事项“{clip(found.name)}”最多可以“{found.max_mode.value}”，县里只能收窄、不能放宽到“{mode}”："
                    f"请改为“{found.max_mode.value}”或更少下放的方式。")))
            else:
                # Placed at the county's line, so that a message about the ceiling points there.
                own[key] = replace(found, max_mode=Mode(mode), where=loaded.where(("ceilings", key)))
        mine = {i.key for i in local}
        return [own[key] for key in sorted(own) if key not in mine]

    def dropped(self, county: County, problems: list[Problem], unreadable: frozenset[str]) -> set[str]:
        """Entries whose item the new edition dropped (errors; their keys are returned, so
        that R1 does not report them again) or changed since they were taken (warnings).
        An item whose file in the new edition cannot be read (``unreadable``) is not dropped."""
        if self.previous is None:
            return set()
        old = {i.key: i for i in self.previous.items}
        new = {i.key: i for i in self.model.items}
        since = min((d.date for d in self.model.documents), default="")
        name, was = clip(self.model.name), clip(self.previous.name)
        gone: set[str] = set()
        for town in county.townships:
            for entry in town.entries:
                before, after = old.get(entry.code), new.get(entry.code)
                if before is not None and after is None and county.item(entry.code) is None and entry.code not in unreadable:
                    gone.add(entry.code)
                    problems.append(error(entry.where.of("code"), "guide-edition", (
                        f"新版指导目录“{name}”删除了旧版“{was}”里的事项“{clip(before.name)}”（{clip(entry.code)}）："
                        "请删除这个条目，或按新版目录改为对应的事项。")))
                elif before is not None and after is not None and _changed(before, after):
                    document = county.document(entry.document)
                    if document is not None and document.date < since:
                        problems.append(warning(entry.where.of("code"), "guide-edition", (
                            f"事项“{clip(after.name)}”在新版指导目录“{name}”里有变化（{'、'.join(_changed(before, after))}），"
                            f"这个条目是按旧版依据{clip(entry.document)}承接的：请按新版重新认领，写明新的决定文件。")))
        return gone


def _changed(before: Item, after: Item) -> list[str]:
    return [label for f, label in _COMPARED.items() if getattr(before, f) != getattr(after, f)]


def guide_catalog(
    slug: str, data: dict[str, Any], loaded: Loaded, items: tuple[Item, ...], problems: list[Problem], unreadable: frozenset[str]
) -> Adoptable:
    """The guide catalog; ``unreadable``: the keys of its item files that cannot be read."""
    departments = tuple(data.get("departments") or ())
    for item in items if departments else ():
        for department in item.departments:
            if department not in departments:
                problems.append(error(item.where.of("department"), "ref", (
                    f"实施部门“{clip(department)}”{did_you_mean(department, departments)}不在 catalog.yaml 的 departments 里："
                    "请改成其中的一个，或把它加到 departments。")))
    model = GuideCatalog(
        slug=slug,
        name=data["name"],
        issuer=data["issuer"],
        level=Level(data["level"]),
        documents=assemble.documents(data["documents"], loaded),
        departments=departments,
        replaces=data.get("replaces"),
        items=items,
        where=loaded.where(()),
    )
    return Adoptable(model, tuple(_checked(one, model, problems, unreadable) for one in shared_lists(data, loaded)))


def _checked(one: SharedList, guide: GuideCatalog, problems: list[Problem], unreadable: frozenset[str]) -> SharedList:
    """A guide's list without the entries that name an item or a document the guide lacks,
    each reported once here, not again in every county that adopts the guide.  An entry
    whose item file cannot be read is kept: the townships it goes to are not told of it."""
    keys = sorted(i.key for i in guide.items)
    numbers = [d.number for d in guide.documents]
    kept = []
    for entry in one.entries:
        key, number = str(entry.data["code"]), entry.data["document"]
        if key not in keys and key not in unreadable:
            problems.append(error(entry.loaded.at((*entry.path, "code")), "ref", (
                f"指导目录“{clip(guide.name)}”里没有事项“{clip(key)}”{did_you_mean(key, keys)}（items/ 下没有 {clip(key)}.yaml）："
                "请核对编码，或先把这个事项加进指导目录。")))
        elif number not in numbers:
            problems.append(error(entry.loaded.at((*entry.path, "document")), "ref", (
                f"决定文件“{clip(number)}”{did_you_mean(number, numbers)}不在 catalog.yaml 的 documents 里："
                "请核对文号，或先在 catalog.yaml 里登记这份文件。")))
        else:
            kept.append(entry)
    return replace(one, entries=tuple(kept))


def adopted(data: Mapping[str, Any], loaded: Loaded, guides: Mapping[str, Adoptable], problems: list[Problem]) -> Adoptable | None:
    """The guide catalog a county adopts (``guide_catalog``), with the edition it replaces."""
    slug = data.get("guide_catalog")
    if slug is None:
        return None
    guide = guides.get(slug)
    if guide is None:
        problems.append(error(loaded.at(("guide_catalog",)), "ref", (
            f"没有指导目录“{clip(slug)}”{did_you_mean(slug, sorted(guides))}：指导目录放在 data/<名称>/catalog.yaml，"
            "请写它的文件夹名，或先把指导目录加进 data/。")))
        return None
    previous = guides.get(guide.model.replaces) if guide.model.replaces else None
    return replace(guide, previous=previous.model if previous else None)
