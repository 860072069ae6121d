"""A catalog as it was: in a folder, or at a git revision.

A revision's data files are read in one batch (``git cat-file --batch``) into a
temporary folder and loaded with the ordinary loader, so the history sees exactly what
``validate`` sees.  Places in those files are then named as the repository names them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from generator.catalog import load_catalog
from generator.history.git import Files, Objects, Repository
from generator.model import Catalog, Loc
from generator.problems import Problem, Severity


@dataclass(frozen=True)
class Snapshot:
    """The catalog one side of a comparison shows."""

    label: str  # as people named it: HEAD~1, main, a folder
    commit: str | None  # the commit id, for a revision
    catalog: Catalog
    problems: tuple[Problem, ...]
    exists: bool  # whether the data folder exists there at all
    loaded_from: str = ""  # the temporary folder a revision was loaded from
    shown: str = ""  # how that folder is named for people

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    def place(self, loc: Loc) -> Loc:
        """``loc`` with its file named as in the repository rather than the temporary folder."""
        if self.loaded_from and loc.file.startswith(self.loaded_from + "/"):
            return replace(loc, file=self.shown + loc.file[len(self.loaded_from) :])
        return loc


def folder_snapshot(folder: Path) -> Snapshot:
    """The catalog in a data folder on disk."""
    catalog, problems = load_catalog(folder)
    return Snapshot(folder.as_posix(), None, catalog, tuple(problems), exists=True)


class Revisions:
    """Catalogs of one data folder at git revisions, each distinct data tree loaded once."""

    def __init__(self, repo: Repository, data: Path) -> None:
        self.path = repo.path_of(data)
        self.shown = data.as_posix()
        self._objects = Objects(repo)
        self._loaded: dict[str, Snapshot] = {}

    def __enter__(self) -> Revisions:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._objects.close()

    def at(self, commit: str | None, label: str = "") -> Snapshot:
        """The catalog at ``commit``; None stands for "before any commit", an empty catalog."""
        tree = self._objects.tree_id(commit, self.path) if commit else None
        if tree is None:
            return Snapshot(label, commit, Catalog(), (), exists=False)
        if tree not in self._loaded:
            self._loaded[tree] = self._load(self._objects.files(tree))
        return replace(self._loaded[tree], label=label, commit=commit)

    def _load(self, files: Files) -> Snapshot:
        with tempfile.TemporaryDirectory(prefix="catalog-") as temporary:
            root = Path(temporary) / "data"
            root.mkdir()
            for name, content in files.items():
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            catalog, problems = load_catalog(root)
        snapshot = Snapshot("", None, catalog, (), exists=True, loaded_from=root.as_posix(), shown=self.shown)
        return replace(snapshot, problems=tuple(replace(p, loc=snapshot.place(p.loc)) for p in problems))
