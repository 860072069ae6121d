"""A catalog as it was: in a folder, or at a git revision, whose files the ordinary loader
reads from memory, so the history sees exactly what ``validate`` sees and names each file
as the repository does."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator.blobs import BlobPath
from generator.catalog import load_catalog, remember
from generator.history.git import Objects, Repository
from generator.memo import Memo
from generator.model import Catalog, Item, Township
from generator.problems import Problem, Severity
from generator.rules import RULES


@dataclass(frozen=True)
class Snapshot:
    """The catalog one side of a comparison shows."""

    label: str  # as people named it: HEAD~1, main, a folder
    commit: str | None  # the commit id, for a revision
    catalog: Catalog
    problems: tuple[Problem, ...]
    exists: bool  # whether the data folder exists there at all
    shown: str  # the data folder as people name it (data, or a folder given)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def unreadable(self) -> frozenset[str]:
        """Data files (relative to the data folder) with errors that may keep some of their
        content out of the catalog: the loader's and the schemas' errors.  A delegation
        rule's error leaves the data in, so the diff can still show it."""
        prefix = self.shown + "/"
        return frozenset(
            p.loc.file[len(prefix) :]
            for p in self.problems
            if p.severity is Severity.ERROR and p.loc.file.startswith(prefix) and not (p.rule in RULES and RULES[p.rule].check)
        )


def folder_snapshot(folder: Path) -> Snapshot:
    catalog, problems = load_catalog(folder)
    return Snapshot(folder.as_posix(), None, catalog, tuple(problems), exists=True, shown=folder.as_posix())


class Revisions(AbstractContextManager["Revisions"]):
    """Catalogs of one data folder at git revisions.  Each load takes over what the last
    one made from unchanged objects (:class:`generator.memo.Memo`), and only the last two
    data trees' catalogs are kept: a walk through the history holds two catalogs, not one
    per commit.  ``checks=False`` leaves out the delegation rules (:func:`load_catalog`)."""

    def __init__(self, repo: Repository, data: Path, *, checks: bool = True) -> None:
        self.path = repo.path_of(data)
        self.shown = data.as_posix()
        self._checks = checks
        self._objects = Objects(repo)
        self._memo = Memo()
        self._loaded: dict[str, Snapshot] = {}

    def __exit__(self, *_: object) -> None:
        self._objects.close()

    def _root(self, tree: str) -> BlobPath:
        return BlobPath(self._objects, (True, tree), self.shown)

    def prime(self, commit: str, catalog: Catalog) -> None:
        """Take ``catalog`` as the data at ``commit``, without reading it from git: the
        caller has just loaded it without errors from a folder exactly as that commit has it."""
        tree = self._objects.tree_id(commit, self.path)
        if tree is not None:
            self._keep(tree, Snapshot("", commit, catalog, (), exists=True, shown=self.shown))
            remember(self._root(tree), catalog, self._memo)

    def at(self, commit: str | None, label: str = "") -> Snapshot:
        """The catalog at ``commit``; None stands for "before any commit", an empty catalog."""
        tree = self._objects.tree_id(commit, self.path) if commit else None
        if tree is None:
            return Snapshot(label, commit, Catalog(), (), exists=False, shown=self.shown)
        snapshot = self._loaded.get(tree)
        if snapshot is None:
            self._memo.turn()
            catalog, problems = load_catalog(self._root(tree), checks=self._checks, memo=self._memo)
            snapshot = Snapshot("", None, catalog, tuple(problems), exists=True, shown=self.shown)
        self._keep(tree, snapshot)
        return replace(snapshot, label=label, commit=commit)

    def _keep(self, tree: str, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` as the one used last, and the one used before it."""
        self._loaded.pop(tree, None)
        self._loaded[tree] = snapshot
        if len(self._loaded) > 2:
            del self._loaded[next(iter(self._loaded))]


def comparable(base: Snapshot, head: Snapshot) -> tuple[Catalog, Catalog]:
    """Both catalogs, where a county, township or item whose file one side cannot fully
    read takes the other side's version: a file with a syntax error is not a deletion."""
    return _patched(base.catalog, head.catalog, base.unreadable), _patched(head.catalog, base.catalog, head.unreadable)


def _patched(catalog: Catalog, other: Catalog, unreadable: frozenset[str]) -> Catalog:
    if not unreadable:
        return catalog
    counties = []
    for slug in sorted({c.slug for c in catalog.counties} | {c.slug for c in other.counties}):
        mine, theirs = catalog.county(slug), other.county(slug)
        if f"{slug}/county.yaml" in unreadable:
            mine = theirs
        elif mine is not None and theirs is not None:
            mine = replace(
                mine,
                items=_swap(mine.items, theirs.items, "code", f"{slug}/items/", unreadable),
                townships=_swap(mine.townships, theirs.townships, "slug", f"{slug}/townships/", unreadable),
            )
        if mine is not None:
            counties.append(mine)
    return Catalog(tuple(counties))


_Record = TypeVar("_Record", Item, Township)


def _swap(mine: tuple[_Record, ...], theirs: tuple[_Record, ...], key: str, folder: str, unreadable: frozenset[str]) -> tuple[_Record, ...]:
    """``mine`` with each record whose file is unreadable replaced by ``theirs`` (or dropped)."""
    kept = {getattr(r, key): r for r in mine if f"{folder}{getattr(r, key)}.yaml" not in unreadable}
    kept.update({getattr(r, key): r for r in theirs if f"{folder}{getattr(r, key)}.yaml" in unreadable})
    return tuple(kept[k] for k in sorted(kept))
