"""A data folder held in memory: the files of a git revision (relative path → bytes),
walked as the catalog walks a folder on disk, with the few ``pathlib`` methods it uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from posixpath import splitext


class _Index:
    """The folders of a set of files, and what each holds, made once per revision."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.children: dict[str, set[str]] = {"": set()}
        for path in files:
            parts = path.split("/")
            for depth in range(len(parts)):
                self.children.setdefault("/".join(parts[:depth]), set()).add(parts[depth])


class BlobPath:
    """A file or folder below the data folder ``shown`` (as people name it)."""

    def __init__(self, files: Mapping[str, bytes] | _Index, shown: str, relative: str = "") -> None:
        self._index = files if isinstance(files, _Index) else _Index(files)
        self._shown = shown
        self._relative = relative

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
        return BlobPath(self._index, self._shown, f"{self._relative}/{name}" if self._relative else name)

    def is_dir(self) -> bool:
        return self._relative in self._index.children

    def is_file(self) -> bool:
        return self._relative in self._index.files

    def exists(self) -> bool:
        return self.is_dir() or self.is_file()

    def is_symlink(self) -> bool:
        return False  # a revision's links are not read (generator.history.git)

    def iterdir(self) -> Iterator[BlobPath]:
        return (self / name for name in sorted(self._index.children.get(self._relative, ())))

    def as_posix(self) -> str:
        return f"{self._shown}/{self._relative}" if self._relative else self._shown

    def read_bytes(self) -> bytes:
        return self._index.files[self._relative]
