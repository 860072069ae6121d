"""A data folder → (catalog, problems): load each file, check it against its schema,
build the model from what is valid, then run the delegation rules.  The folder is on
disk, or a git revision (:class:`generator.blobs.BlobPath`), where what an earlier load
made from the same objects is taken over (:class:`generator.memo.Memo`)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator import assemble, rules
from generator.blobs import BlobPath
from generator.guides import GUIDE_FILE, Adoptable, adopted, guide_catalog
from generator.layout import Survey, survey
from generator.lists import SharedList, Written, check_groups, receivers, resolve, shared_lists
from generator.loader import Loaded, Path_, load_file
from generator.memo import Memo
from generator.model import Catalog, County, Entry, Item, Loc, Township
from generator.problems import Problem, Severity, error
from generator.schemas import Checked, schema

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An item's file name: its code, or a local key where no code is published (a lowercase
# start tells it from a code, so that "99000000000a4" is still a mistyped code).
CODE = re.compile(r"[0-9A-Z]+")
KEY = re.compile(r"[0-9A-Z]+|[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Elements of these township lists are dropped one by one when invalid, so one bad
# entry does not hide the rest of the township from the rules.
_ROW_LISTS = ("items", "declined", "withdrawn", "assists")
# The rules that judge what a township lacks: where a row of its file could not be read,
# that row may be what they miss, so they wait until it reads (the row's error shows).
_LACKING = frozenset({"baseline", "claim-all"})

DataPath = Path | BlobPath
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Guide:
    """A guide catalog's folder as read: its catalog (None when catalog.yaml could not be
    read) and the keys of its item files that could not be."""

    adoptable: Adoptable | None
    broken: frozenset[str]


@dataclass(frozen=True)
class _Load:
    """One load: the date the rules check by, whether they run, and what the last load of
    the same history made (None on disk)."""

    today: str
    checks: bool
    memo: Memo | None
    refused: frozenset[str]  # links out of the repository (generator.layout)

    def within(self, part: Hashable) -> _Load:
        """This load, for what makes ``part`` again (:meth:`generator.memo.Memo.scope`)."""
        if self.memo is None:
            return self
        memo = self.memo.scope(part)
        memo.turn()
        return replace(self, memo=memo)

    def kept(self, key: Hashable | None, problems: list[Problem], make: Callable[[list[Problem]], _T]) -> _T:
        """What ``make`` gives and the problems it files, or what it gave for the same key
        (None: no key, make it) in the last load."""
        def fresh() -> tuple[_T, tuple[Problem, ...]]:
            found: list[Problem] = []
            return make(found), tuple(found)

        value, found = self.memo.get(key, fresh) if self.memo is not None and key is not None else fresh()
        problems.extend(found)
        return value


def _ids(*paths: DataPath) -> tuple[str, ...] | None:
    """The object ids of files and folders of a revision ("" for a missing one), which name
    their content; None on disk, where there are none."""
    ids = []
    for path in paths:
        if not isinstance(path, BlobPath):
            return None
        ids.append(path.key or "")
    return tuple(ids)


def load_catalog(
    data_dir: DataPath, *, today: str | None = None, checks: bool = True, memo: Memo | None = None
) -> tuple[Catalog, list[Problem]]:
    """Every guide catalog and county below ``data_dir``, and every problem found, sorted
    by place (a problem a shared list causes in many townships is filed once).

    ``checks=False`` leaves out the delegation rules, which find but never change: the
    history needs only what the files say.  ``memo`` is kept between the loads of one
    history's revisions."""
    # What is not read is reported; a history's walk reads its revisions for the change only.
    surveyed = survey(data_dir) if checks else Survey((), frozenset())
    load = _Load(today or date.today().isoformat(), checks, memo, surveyed.refused)
    problems = list(surveyed.problems)
    with gc_paused():
        folders = _folders(data_dir, load.refused)
        guides, within = _guides(folders)
        read = {f.name: _guide(f, load, problems) for f in guides}
        counties = [c for f in folders if f not in guides and (c := _county(f, load, within, problems, read)) is not None]
    found = (g.adoptable.model for g in read.values() if g.adoptable is not None)
    return Catalog(tuple(counties), tuple(found)), sorted(set(problems))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading makes millions of small acyclic objects; the cyclic collector would rescan
    them over and over (measured: a third of the load time, and of a history's walk) for nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _folders(data_dir: DataPath, refused: frozenset[str] = frozenset()) -> list[DataPath]:
    found = (p for p in data_dir.iterdir() if p.as_posix() not in refused and p.is_dir() and not p.name.startswith("."))
    return sorted(found, key=lambda p: p.name)


def _guides(folders: list[DataPath]) -> tuple[list[DataPath], Hashable | None]:
    """The guide catalogs' folders, and what names them in a revision: a county is made
    from its own folder and the guide catalogs it may adopt."""
    guides = [f for f in folders if (f / GUIDE_FILE).exists()]
    ids = _ids(*guides)
    return guides, None if ids is None else tuple(zip((f.name for f in guides), ids, strict=True))


def remember(data_dir: BlobPath, catalog: Catalog, memo: Memo) -> None:
    """Take the counties of ``catalog``, loaded without errors from a folder exactly as
    the revision ``data_dir`` has it, as what loading that revision made of them."""
    folders = _folders(data_dir)
    _, within = _guides(folders)
    for county in catalog.counties:
        folder = data_dir / county.slug
        memo.put(("county", folder.as_posix(), folder.key or "", within), (county, ()))


def _check(path: DataPath, kind: str, load: _Load, problems: list[Problem]) -> tuple[Loaded, Checked] | None:
    def check(problems: list[Problem]) -> tuple[Loaded, Checked] | None:
        if path.as_posix() in load.refused:
            return None
        loaded, found = load_file(path, path.as_posix())
        problems.extend(found)
        if loaded is None:
            return None
        checked = schema(kind).check(loaded)
        problems.extend(checked.problems)
        if not load.checks:  # nothing will point into the file: let its places go
            loaded = Loaded(loaded.file, loaded.data, {}, {})
        return loaded, checked

    ids = _ids(path)
    return load.kept(ids and ("check", kind, path.as_posix(), *ids), problems, check)


def _slug_problem(path: DataPath, what: str) -> Problem:
    return error(Loc(path.as_posix(), 1, 1), "file-name", (
        f"{what}名“{path.stem if path.is_file() else path.name}”不合规：只能用小写拼音字母、数字和连字符（如 xiji、shan-ting），请改名。"))


def _yaml_files(folder: DataPath, load: _Load, problems: list[Problem]) -> list[DataPath]:
    if folder.as_posix() in load.refused:
        return []
    if not folder.is_dir():
        # A file (or a broken link) where the folder should be would hide every
        # township or item of the county without a word.
        if folder.exists() or folder.is_symlink():
            problems.append(error(Loc(folder.as_posix(), 1, 1), "file-type", (
                f"“{folder.name}”应该是一个文件夹，这里却是一个文件或损坏的链接：请删除它，建一个同名文件夹，把 YAML 文件放进去。")))
        return []
    children: list[DataPath] = list(folder.iterdir())  # what is not read is reported by generator.layout
    return sorted((p for p in children if p.suffix == ".yaml" and p.as_posix() not in load.refused), key=lambda p: p.name)


def _guide(folder: DataPath, load: _Load, problems: list[Problem]) -> _Guide:
    def make(problems: list[Problem]) -> _Guide:
        if not SLUG.fullmatch(folder.name):
            problems.append(_slug_problem(folder, "指导目录文件夹"))
        part = load.within(folder.as_posix())
        result = _check(folder / GUIDE_FILE, "catalog", part, problems)
        items, broken = _items(folder / "items", part, problems, catalog=folder.name)
        if result is None or result[1].problems:
            # None of its items can be adopted: each is as good as unreadable.
            return _Guide(None, frozenset(broken | {i.key for i in items}))
        unreadable = frozenset(broken)
        return _Guide(guide_catalog(folder.name, result[1].data, result[0], items, problems, unreadable), unreadable)

    ids = _ids(folder)
    return load.kept(ids and ("guide", folder.as_posix(), *ids), problems, make)


def _county(
    folder: DataPath, load: _Load, within: Hashable | None, problems: list[Problem], guides: Mapping[str, _Guide]
) -> County | None:
    """The county in ``folder``; ``within`` names the guide catalogs it may adopt."""
    ids = _ids(folder)
    key = None if ids is None or within is None else ("county", folder.as_posix(), *ids, within)
    return load.kept(key, problems, lambda problems: _make_county(folder, load.within(folder.as_posix()), within, problems, guides))


def _make_county(
    folder: DataPath, load: _Load, within: Hashable | None, problems: list[Problem], guides: Mapping[str, _Guide]
) -> County | None:
    path = folder / "county.yaml"
    if not path.exists() and not path.is_symlink():  # a broken link is reported by the loader
        if (folder / "items").exists() or (folder / "townships").exists():
            problems.append(error(Loc(path.as_posix(), 1, 1), "file-name", (
                "这个县的文件夹里缺少 county.yaml：请添加它，写明县名、部门和决定文件（或指导目录的 catalog.yaml）。")))
        return None
    if not SLUG.fullmatch(folder.name):
        problems.append(_slug_problem(folder, "县文件夹"))
    result = _check(path, "county", load, problems)
    local, broken = _items(folder / "items", load, problems)
    before = len(problems)
    files, unreadable = _township_files(folder / "townships", load, problems)
    unread = any(p.severity is Severity.ERROR for p in problems[before:])
    if result is None or result[1].problems:
        return None
    loaded, data = result[0], result[1].data
    county = assemble.county(folder.name, data, loaded)
    # A guide catalog that exists but cannot be read is reported in its own files: the
    # county is not told it is missing, nor that the items and documents it gives are.
    failed = {slug for slug, g in guides.items() if g.adoptable is None}
    readable = {slug: g.adoptable for slug, g in guides.items() if g.adoptable is not None}
    guide = None if data.get("guide_catalog") in failed else adopted(data, loaded, readable, problems)
    editions = {data.get("guide_catalog"), guide.model.replaces if guide else None}
    checkable = not editions & failed
    broken |= {key for slug in editions if slug in guides for key in guides[slug].broken}
    guide_broken = guides[guide.model.slug].broken if guide else frozenset()
    items = tuple(sorted((*local, *(guide.items_for(data, loaded, local, problems, guide_broken) if guide else ())), key=lambda i: i.key))
    shared = [*(guide.lists if guide else ()), *shared_lists(data, loaded)]
    groups = data.get("groups") or {}
    check_groups(groups, [*(f.slug for f in files), *unreadable], loaded, problems)
    # A township file that cannot be read is still named by the lists, and may have any
    # tag: a tag only it could have is not reported as reaching nobody.
    named = tuple(sorted({str(tag) for one in shared for tag in one.to.get("tags") or ()}))
    tags = {**{slug: named for slug in unreadable}, **{f.slug: tuple(f.data.get("tags") or ()) for f in files}}
    reach = receivers(shared, groups, tags, problems)
    made: dict[int, Entry] = {}  # each list entry made once, however many townships it goes to
    known = guide is not None or "guide_catalog" not in data
    # A township is made from its file and the lists it is given, which come from the
    # county's file and the guide catalogs.
    ids = _ids(path)
    context = None if ids is None or within is None else (*ids, within, known)

    def township(f: _TownshipFile) -> Township:
        given = [i for i, r in enumerate(reach) if f.slug in r]
        own = _ids(f.path)
        key = None if context is None or own is None else ("township", f.path.as_posix(), *own, context, *given)
        return load.kept(key, problems, lambda problems: f.township([shared[i] for i in given], made, problems, known))

    townships = tuple(township(f) for f in files)
    documents = (*county.documents, *(guide.documents if guide else ()))
    county = replace(county, documents=documents, items=items, townships=townships)
    if guide:
        broken |= guide.dropped(county, problems, guide_broken)
    if load.checks and checkable:
        partial = {f.path.as_posix() for f in files if f.skip}
        found = rules.run(county, rules.Context(load.today, frozenset(broken), unread))
        problems.extend(p for p in found if not (p.rule in _LACKING and p.loc.file in partial))
    return county


def _items(
    folder: DataPath, load: _Load, problems: list[Problem], catalog: str | None = None
) -> tuple[tuple[Item, ...], set[str]]:
    ids = _ids(folder)
    key = ids and ("items", folder.as_posix(), *ids, catalog or "")
    items, broken = load.kept(key, problems, lambda problems: _make_items(folder, load.within(folder.as_posix()), problems, catalog))
    return items, set(broken)


def _make_items(
    folder: DataPath, load: _Load, problems: list[Problem], catalog: str | None
) -> tuple[tuple[Item, ...], frozenset[str]]:
    items: list[Item] = []
    broken: set[str] = set()
    for path in _yaml_files(folder, load, problems):
        result = _check(path, "item", load, problems)
        data = result[1].data if result else None
        code = str(data.get("code") or "") if isinstance(data, dict) else ""
        if result and code and code != path.stem:
            problems.append(error(result[0].at(("code",)), "file-name", (
                f"事项文件名“{path.name}”与事项编码“{code}”不一致：请把文件改名为 {code}.yaml（文件名就是事项编码）。")))
        elif result and not code and CODE.fullmatch(path.stem):
            # A local key never looks like a code: a reader could not tell the two apart.
            problems.append(error(Loc(path.as_posix(), 1, 1), "codes", (
                f"文件名“{path.stem}”是事项编码的写法，文件里却没有 code：有公布编码的事项请写 code: {path.stem}；"
                "没有公布编码的，请用小写字母开头的本地编号作文件名（如 cf-001），不要用编码的写法。")))
        elif result and not code and not KEY.fullmatch(path.stem):
            problems.append(error(Loc(path.as_posix(), 1, 1), "file-name", (
                f"事项文件名“{path.stem}”不合规：没有公布编码的事项用本地编号作文件名，"
                "以小写字母开头，只用小写字母、数字和连字符（如 cf-001）。")))
        named = code == path.stem if code else bool(KEY.fullmatch(path.stem)) and not CODE.fullmatch(path.stem)
        if result is None or result[1].problems or not named:
            broken.add(path.stem)
            continue
        items.append(assemble.item(path.stem, result[1].data, result[0], catalog))
    return tuple(sorted(items, key=lambda i: i.key)), frozenset(broken)


@dataclass(frozen=True)
class _TownshipFile:
    """A township file that passed its schema, except perhaps some rows, which are left out."""

    path: DataPath
    slug: str
    data: dict[str, Any]
    loaded: Loaded
    skip: frozenset[Path_]

    def township(self, given: list[SharedList], made: dict[int, Entry], problems: list[Problem], known: bool) -> Township:
        """The township, resolved with the lists given to it (``made``: the lists' entries
        already made, by the id of the written entry, which its list keeps alive)."""
        rows = self.data.get("items") or ()
        own = [Written(r, self.loaded, ("items", i)) for i, r in enumerate(rows) if ("items", i) not in self.skip]
        removed = {str(r["code"]) for key in ("declined", "withdrawn") for r in self.data.get(key) or ()}
        entries = []
        for written in resolve(given, own, removed, problems, known=known):
            if written.loaded is not self.loaded and id(written) not in made:
                made[id(written)] = assemble.entry(written)
            entries.append(assemble.entry(written) if written.loaded is self.loaded else made[id(written)])
        return assemble.township(self.slug, self.data, self.loaded, self.skip, entries)


def _township_files(folder: DataPath, load: _Load, problems: list[Problem]) -> tuple[list[_TownshipFile], list[str]]:
    """The township files that can be read, and the slugs of those that cannot."""
    towns: list[_TownshipFile] = []
    unreadable: list[str] = []
    for path in _yaml_files(folder, load, problems):
        if not SLUG.fullmatch(path.stem):
            problems.append(_slug_problem(path, "乡镇文件"))
        result = _check(path, "township", load, problems)
        if result is None or any(len(p) < 2 or p[0] not in _ROW_LISTS for p in result[1].error_paths):
            unreadable.append(path.stem)
            continue
        loaded, checked = result
        towns.append(_TownshipFile(path, path.stem, checked.data, loaded, frozenset(p[:2] for p in checked.error_paths)))
    return sorted(towns, key=lambda t: t.slug), unreadable
