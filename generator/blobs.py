"""A data folder at a git revision: its trees and blobs read on demand, walked as the
catalog walks a folder on disk, with the few ``pathlib`` methods it uses.  Each file and
folder knows its object id (``key``): the same id is the same content, so a later load
can take over what an earlier one made from it (:class:`generator.memo.Memo`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from posixpath import splitext
from typing import Protocol

# A tree's entry: (whether it is a folder, its object id).
Entry = tuple[bool, str]


class Store(Protocol):
    """Where the objects are read (:class:`generator.history.git.Objects`)."""

    def tree(self, oid: str) -> Mapping[str, Entry]: ...

    def blob(self, oid: str) -> bytes: ...


class BlobPath:
    """A file or folder below the data folder ``shown`` (as people name it); ``entry``
    None for a name the revision does not have."""

    def __init__(self, store: Store, entry: Entry | None, shown: str, relative: str = "") -> None:
        self._store = store
        self._entry = entry
        self._shown = shown
        self._relative = relative

    @property
    def key(self) -> str | None:
        return self._entry[1] if self._entry else None

    @property
    def name(self) -> str:
        return (self._relative or self._shown).rpartition("/")[2]

    @property
    def stem(self) -> str:
        return splitext(self.name)[0]

    @property
    def suffix(self) -> str:
        return splitext(self.name)[1]

    def __truediv__(self, name: str) -> BlobPath:
        entry = self._store.tree(self._entry[1]).get(name) if self._entry and self._entry[0] else None
        return BlobPath(self._store, entry, self._shown, f"{self._relative}/{name}" if self._relative else name)

    def is_dir(self) -> bool:
        return self._entry is not None and self._entry[0]

    def is_file(self) -> bool:
        return self._entry is not None and not self._entry[0]

    def exists(self) -> bool:
        return self._entry is not None

    def is_symlink(self) -> bool:
        return False  # a revision's links are not read (generator.history.git)

    def iterdir(self) -> Iterator[BlobPath]:
        names = self._store.tree(self._entry[1]) if self._entry and self._entry[0] else ()
        return (self / name for name in sorted(names))

    def as_posix(self) -> str:
        return f"{self._shown}/{self._relative}" if self._relative else self._shown

    def read_bytes(self) -> bytes:
        assert self._entry is not None and not self._entry[0], f"not a file: {self.as_posix()}"
        return self._store.blob(self._entry[1])
