"""Git access for the history in a few batched calls, never one process per file: a
revision's data folder is read through one long-lived ``git cat-file --batch``, its trees
on demand and its blobs only where a load cannot take over what an earlier one made from
the same blob (:mod:`generator.memo`)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.blobs import Entry

# Regular files; symlinks (120000) and submodules (160000) hold no catalog data.
_FILE_MODES = (b"100644", b"100755")
_TREE_MODE = b"40000"
# One commit of `git log` output: fields split by US, records by NUL (-z).
_FIELDS = "%H%x1f%P%x1f%cI"


class GitError(Exception):
    """A git call that failed, with a message for people."""


@dataclass(frozen=True)
class Commit:
    """One commit that touched the data folder."""

    sha: str
    parent: str | None  # the first parent; None for a root or a shallow boundary
    time: str  # committer date, ISO 8601 with the committer's offset

    @property
    def date(self) -> str:
        return self.time[:10]


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, check=False
        )
    except FileNotFoundError as missing:
        raise GitError("找不到 git 程序：请先安装 git。") from missing
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} 失败")
    return done.stdout.decode("utf-8")


class Repository:
    """The git repository that holds a folder."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise GitError(f"找不到文件夹“{folder}”。")
        try:
            top = _git(folder, "rev-parse", "--show-toplevel").strip()
        except GitError as failure:
            raise GitError(f"“{folder}”不在 git 仓库里：比较版本和变更记录需要 git 仓库。") from failure
        self.root = Path(top).resolve()

    def path_of(self, folder: Path) -> str:
        """``folder`` as a path inside the repository, with / separators."""
        try:
            inside = folder.resolve().relative_to(self.root).as_posix()
        except ValueError as outside:
            raise GitError(f"数据文件夹“{folder}”不在 git 仓库 {self.root} 里。") from outside
        return "" if inside == "." else inside  # "" is the whole repository: rev:. names no tree

    def is_clean(self, path: str) -> bool:
        """Whether the files under ``path`` are exactly as HEAD has them: nothing changed,
        added, untracked or ignored."""
        out = _git(self.root, "status", "--porcelain", "--untracked-files=all", "--ignored", "--", path or ".")
        return not out.strip()

    def resolve(self, revision: str) -> str:
        """The full id of the commit ``revision`` names."""
        try:
            return _git(self.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip()
        except GitError as failure:
            hint = "这是浅克隆，可能缺少这个版本：请取得完整历史（如 actions/checkout 的 fetch-depth: 0）。" if self.is_shallow() else (
                "请写提交号、分支名，或 HEAD~1 这样的写法。")
            raise GitError(f"找不到 git 版本“{revision}”：{hint}") from failure

    def is_shallow(self) -> bool:
        """Whether this is a shallow clone, whose oldest commits have lost their parents."""
        return _git(self.root, "rev-parse", "--is-shallow-repository").strip() == "true"

    def commits(self, path: str) -> list[Commit]:
        """The commits on HEAD's first-parent line that changed ``path``, newest first.

        First parents only: a merged pull request is one change, as reviewers saw it."""
        try:
            self.resolve("HEAD")
        except GitError:
            return []  # a repository without any commit yet has no history to tell
        out = _git(self.root, "log", "--first-parent", "-z", f"--format={_FIELDS}", "HEAD", "--", path or ".")
        records = (record.strip("\n").split("\x1f") for record in filter(None, out.split("\0")))
        return [Commit(sha, parents.split()[0] if parents else None, time) for sha, parents, time in records]


class Objects:
    """One ``git cat-file --batch`` session: read trees and blobs by id or ``rev:path``."""

    # Trees read, by id, so that walking a revision reads each once; cleared when full,
    # so that a long history does not keep every tree it passed.
    _TREES = 4096

    def __init__(self, repo: Repository) -> None:
        self._process = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=repo.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._in, self._out = self._process.stdin, self._process.stdout
        self._trees: dict[str, dict[str, Entry]] = {}

    def close(self) -> None:
        self._in.close()
        self._process.wait()
        self._out.close()

    def _read(self, spec: str) -> tuple[str, str, bytes] | None:
        """(id, type, content) of the object ``spec`` names, or None when it is missing."""
        self._in.write(spec.encode("utf-8") + b"\n")
        self._in.flush()
        header = self._out.readline().split()
        if len(header) != 3:
            return None
        oid, kind, size = header
        return oid.decode(), kind.decode(), self._out.read(int(size) + 1)[:-1]

    def tree_id(self, commit: str, path: str) -> str | None:
        found = self._read(f"{commit}:{path}" if path else f"{commit}^{{tree}}")
        return found[0] if found and found[1] == "tree" else None

    def tree(self, oid: str) -> dict[str, Entry]:
        """The folders and regular files of the tree ``oid``: name → (is a folder, id)."""
        if oid not in self._trees:
            found = self._read(oid)
            assert found is not None and found[1] == "tree", f"not a tree: {oid}"
            entries: dict[str, Entry] = {}
            width = len(found[0]) // 2  # raw id bytes: 20 for SHA-1, 32 for SHA-256
            data, at = found[2], 0
            while at < len(data):  # entries: <mode> SP <name> NUL <raw id>
                space = data.index(b" ", at)
                nul = data.index(b"\0", space)
                mode, name = data[at:space], data[space + 1 : nul].decode("utf-8", "surrogateescape")
                child, at = data[nul + 1 : nul + 1 + width].hex(), nul + 1 + width
                if mode == _TREE_MODE or mode in _FILE_MODES:
                    entries[name] = (mode == _TREE_MODE, child)
            if len(self._trees) >= self._TREES:
                self._trees.clear()
            self._trees[oid] = entries
        return self._trees[oid]

    def blob(self, oid: str) -> bytes:
        found = self._read(oid)
        assert found is not None and found[1] == "blob", f"missing blob {oid}"
        return found[2]
