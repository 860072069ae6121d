"""Lists given to many townships at once (``to``: all, tags, groups or townships), by a
guide catalog or the county, resolved into each township's catalog.  A township file
holds only its differences: it declines or withdraws a listed item, lowers its mode or
narrows its scope (on a later document, changes them either way), or adds items of its
own, which come after the lists' entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.loader import Loaded, Path_
from generator.model import Mode
from generator.problems import Problem, clip, did_you_mean, error

# The fields a township may write for an item a list gives it; the rest come from the list.
_OVERRIDES = ("mode", "scope", "document", "effective", "transition_until", "agreement", "supervisor", "guide", "reserved")
_MODES = frozenset(m.value for m in Mode)


@dataclass(frozen=True)
class Written:
    """An entry as written in a file: its data, the file and its path there."""

    data: dict[str, Any]
    loaded: Loaded
    path: Path_


@dataclass(frozen=True)
class SharedList:
    """One list of a guide catalog or a county; people know it by its document."""

    document: str
    to: dict[str, Any]  # {all: true} or {tags|groups|townships: [...]}
    loaded: Loaded
    path: Path_
    entries: tuple[Written, ...]


def shared_lists(data: Mapping[str, Any], loaded: Loaded) -> list[SharedList]:
    """The lists of a schema-valid county or guide catalog file."""
    found = []
    for i, raw in enumerate(data.get("lists") or ()):
        path: Path_ = ("lists", i)
        entries = tuple(
            Written({"document": raw["document"], **entry}, loaded, (*path, "items", n)) for n, entry in enumerate(raw["items"])
        )
        found.append(SharedList(raw["document"], raw["to"], loaded, path, entries))
    return found


def receivers(
    shared: list[SharedList], groups: Mapping[str, list[str]], tags: Mapping[str, tuple[str, ...]], problems: list[Problem]
) -> list[frozenset[str]]:
    """The townships each list goes to (``tags``: each township's tags, by slug), filing a
    problem for a tag, group or township that names nobody."""
    everyone = frozenset(tags)
    out = []
    for one in shared:
        if one.to.get("all"):
            out.append(everyone)
            continue
        chosen: set[str] = set()
        for key, names in one.to.items():
            for n, name in enumerate(names):
                loc = one.loaded.at((*one.path, "to", key, n))
                if key == "tags":
                    found = {slug for slug, own in tags.items() if name in own}
                    if not found:
                        problems.append(error(loc, "list-target", (
                            f"没有哪个乡镇带“{clip(name)}”标签，这份清单给不到任何乡镇："
                            "请检查标签的写法，或在乡镇文件的 tags 里加上它。")))
                elif key == "groups":
                    found = set(groups.get(name, ()))
                    if name not in groups:
                        problems.append(error(loc, "list-target", (
                            f"county.yaml 的 groups 里没有“{clip(name)}”这个乡镇组{did_you_mean(name, sorted(groups))}："
                            "请先在 groups 里列出它的乡镇，或改正组名。")))
                else:
                    found = {name} & everyone
                    if not found:
                        problems.append(error(loc, "list-target", (
                            f"没有乡镇文件 townships/{clip(name)}.yaml{did_you_mean(name, sorted(everyone))}："
                            "请写乡镇文件名（不含 .yaml）。")))
                chosen |= found
        out.append(frozenset(chosen))
    return out


def check_groups(groups: Mapping[str, list[str]], towns: Iterable[str], loaded: Loaded, problems: list[Problem]) -> None:
    """A group's townships must exist."""
    known = sorted(towns)
    for name, members in groups.items():
        for n, slug in enumerate(members):
            if slug not in known:
                problems.append(error(loaded.at(("groups", name, n)), "list-target", (
                    f"乡镇组“{clip(name)}”里的“{clip(slug)}”不是本县的乡镇文件{did_you_mean(slug, known)}："
                    "请写乡镇文件名（不含 .yaml）。")))


def resolve(
    given: list[SharedList], own: list[Written], removed: set[str], problems: list[Problem], *, known: bool = True
) -> list[Written]:
    """A township's entries: what the lists ``given`` to it give, less the items it
    declines or withdraws (``removed``), with its own entries applied over them.  Where
    some lists are not ``known`` (the county's guide catalog is missing, which is reported),
    an entry that no known list gives is left out without a second message."""
    entries: dict[str, Written] = {}
    source: dict[str, SharedList] = {}
    for one in given:
        for entry in one.entries:
            key = str(entry.data["code"])
            if key in entries:
                first = source[key]
                modes = "，赋权方式也不同" if entries[key].data.get("mode") != entry.data.get("mode") else ""
                problems.append(error(entry.loaded.at((*entry.path, "code")), "unique", (
                    f"事项 {clip(key)} 已由依据{clip(first.document)}的清单给了同一个乡镇{modes}：一个乡镇的每个事项只能来自一份清单，"
                    "请从其中一份清单里删除它，或把两份清单的乡镇分开。")))
                continue
            source.setdefault(key, one)
            if key not in removed:
                entries[key] = entry
    extra: list[Written] = []
    for entry in own:
        key = str(entry.data["code"])
        if key in entries:
            entries[key] = _override(entries[key], entry, source[key], problems)
        elif key in source:
            problems.append(error(entry.loaded.at((*entry.path, "code")), "unique", (
                f"事项 {clip(key)} 是依据{clip(source[key].document)}的清单给本镇的，本镇已把它写进 declined 或 withdrawn，"
                "就不能再在 items 里写它：承接就删除 declined/withdrawn 里的那一条，不承接就删除这一条。")))
        elif _complete(entry, problems if known else []):
            extra.append(entry)
    return [*entries.values(), *extra]


def _complete(entry: Written, problems: list[Problem]) -> bool:
    """Whether an entry no list gives states what a list would: its mode and document."""
    missing = [(key, label) for key, label in (("mode", "赋权方式"), ("document", "决定文件")) if key not in entry.data]
    for key, label in missing:
        problems.append(error(entry.loaded.at(entry.path), "required", (
            f"缺少必填字段{label}（{key}）：请在这里补上 {key}: …（只有清单给了本镇的事项才可以不写）")))
    return not missing


def _override(listed: Written, entry: Written, one: SharedList, problems: list[Problem]) -> Written:
    """The listed entry with the township's differences applied.  On the list's document a
    township may only delegate less than its list (a lower mode, a narrower scope); an
    entry citing another document is a later decision, bound only by the item's ceiling."""
    data = {**listed.data, **{k: entry.data[k] for k in _OVERRIDES if k in entry.data}}
    if data["document"] != one.document:
        return Written(data, entry.loaded, entry.path)
    key = clip(str(data["code"]))
    later = "如果是县里后来的决定，请在这一条写上那份文件（document）。"
    was, now = listed.data.get("mode"), data.get("mode")
    if was in _MODES and now in _MODES and Mode(now).rank < Mode(was).rank:
        problems.append(error(entry.loaded.at((*entry.path, "mode")), "list-override", (
            f"依据{clip(one.document)}的清单给事项 {key} 的赋权方式是“{was}”，乡镇只能在此基础上少下放，不能改为“{now}”："
            f"请改为“{was}”或更少下放的方式，或删除 mode 沿用清单；{later}")))
        data["mode"] = was
    wide, narrow = listed.data.get("scope"), entry.data.get("scope")
    if wide is not None and narrow is not None and not set(narrow) <= set(wide):
        extra = "、".join(clip(s) for s in narrow if s not in wide)
        problems.append(error(entry.loaded.at((*entry.path, "scope")), "list-override", (
            f"依据{clip(one.document)}的清单只给了事项 {key} 的部分子项，乡镇不能再承接清单以外的子项“{extra}”："
            f"请只写清单 scope 里的子项，或删除 scope 沿用清单；{later}")))
        data["scope"] = wide
    return Written(data, entry.loaded, entry.path)
