"""The change log kept between builds, in ``.cache/history/`` at the top of the repository
(git ignores it): a build reads only the commits made since.  What is kept names the
generator's version (its code and schemas) and every commit it covers; a cache from
another version, for another data folder, or one whose commits are no longer the oldest
of the history (rewritten, rebased) is not used, and the log is made again whole.

The cache is a pickle, read only from inside the repository: whoever can write there can
change the code it runs with, so it trusts nothing new (CI's cache is kept per branch)."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.catalog import gc_paused
from generator.history.git import Commit
from generator.schemas import SCHEMA_DIR

FOLDER = Path(".cache") / "history"
_GENERATOR = Path(__file__).resolve().parent.parent


@cache
def version() -> str:
    """The code and schemas that made a change log, and the Python that pickled it."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    for path in sorted([*_GENERATOR.rglob("*.py"), *SCHEMA_DIR.glob("*.json")]):
        digest.update(path.relative_to(_GENERATOR.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Kept:
    """The change log of one data folder up to a commit."""

    version: str
    path: str  # the data folder inside the repository
    commits: tuple[Commit, ...]  # every commit that touched it, newest first
    events: tuple[Any, ...]  # generator.history.changelog.Event, which imports this module

    def newer(self, commits: list[Commit]) -> list[Commit] | None:
        """The commits of ``commits`` (newest first) made since this log, or None when
        this log does not end the history (another version, folder, or a rewritten past)."""
        new = len(commits) - len(self.commits)
        if self.version != version() or new < 0 or tuple(commits[new:]) != self.commits:
            return None
        return commits[:new]


def _file(root: Path, path: str) -> Path:
    return root / FOLDER / f"{hashlib.sha256(path.encode()).hexdigest()[:16]}.pickle"


def read(root: Path, path: str) -> Kept | None:
    """The log kept for the data folder ``path``, or None when there is none to trust."""
    try:
        # Millions of small objects, like a load: with the collector on, 4× the time (province).
        with _file(root, path).open("rb") as stream, gc_paused():
            kept = pickle.load(stream)
    except Exception:  # missing, broken or foreign: made again and replaced, never trusted
        return None
    return kept if isinstance(kept, Kept) and kept.path == path else None


def write(root: Path, kept: Kept) -> None:
    """Keep ``kept``, whole or not at all (written aside, then moved into place)."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")  # in any repository, not only ours
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as stream:
        pickle.dump(kept, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(stream.name, _file(root, kept.path))
