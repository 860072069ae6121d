"""What the loader reads under a data folder on disk, and everything else: each file and
folder is either read or reported, so that no township vanishes from the site without a
word; and no link that leads out of the repository is followed, so that a pull request
cannot make CI read, print or publish a file of the machine it runs on.

A folder holds guide catalogs (catalog.yaml, items/) and counties (county.yaml, items/,
townships/); items/ and townships/ hold .yaml files.  Names starting with a dot are the
tools' own (.gitkeep, .DS_Store) and pass, unless they look like data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.blobs import BlobPath
from generator.guides import GUIDE_FILE
from generator.model import Loc
from generator.problems import Problem, error, warning

_COUNTY = ("county.yaml", "items", "townships")
_GUIDE = (GUIDE_FILE, "items")


@dataclass(frozen=True)
class Survey:
    problems: tuple[Problem, ...]
    refused: frozenset[str]  # paths (as shown) that lead out of the repository: not read


def survey(data_dir: Path | BlobPath) -> Survey:
    """Everything under ``data_dir`` the loader will not read, and the links it must not
    follow (a git revision has none: its links are not read)."""
    boundary = _repository(data_dir.resolve()) if isinstance(data_dir, Path) else None
    problems: list[Problem] = []
    refused: set[str] = set()

    def inside(path: Path | BlobPath) -> bool:
        if isinstance(path, Path) and boundary and path.is_symlink() and _leads_out(path, boundary):
            refused.add(path.as_posix())
            problems.append(error(Loc(path.as_posix(), 1, 1), "link-outside", (
                "这是一个指向仓库以外的链接：为了安全，不会读取它指向的内容。请把文件本身放进仓库，或删除这个链接。")))
            return False
        return True

    def children(folder: Path | BlobPath) -> list[Path | BlobPath]:
        return sorted((p for p in folder.iterdir() if inside(p)), key=lambda p: p.name) if folder.is_dir() else []

    root = data_dir.as_posix()
    for top in children(data_dir):
        if not top.is_dir():
            why = f"{root}/ 下只读取县和指导目录的文件夹，县的数据放在 {root}/<县文件夹>/ 的 county.yaml、items/ 和 townships/ 里；"
            _stray(top, problems, why + f"不是数据的文件请移出 {root}/。")
            continue
        if top.name.startswith("."):
            continue
        names = _GUIDE if (top / GUIDE_FILE).exists() else _COUNTY
        shown = "、".join(n if n.endswith(".yaml") else f"{n}/" for n in names)
        for part in children(top):
            if part.name not in names:
                why = f"“{top.name}”里只读取 {shown}，乡镇文件放到 townships/，事项文件放到 items/；不是数据的文件请移出 {root}/。"
                _stray(part, problems, why)
            elif part.is_dir():
                for path in children(part):
                    _in_records(path, part.name, root, problems)
    return Survey(tuple(problems), frozenset(refused))


def _in_records(path: Path | BlobPath, folder: str, root: str, problems: list[Problem]) -> None:
    """A file or folder in items/ or townships/, where only .yaml files are read."""
    if path.is_dir() and not path.name.endswith(".yaml"):  # a folder named x.yaml is the loader's file-type error
        why = f"{folder}/ 里不读取子文件夹，请把其中的 YAML 文件直接放在 {folder}/ 下，或把这个文件夹移出 {root}/。"
        _stray(path, problems, why, always=True)
    elif path.suffix.lower() in (".yaml", ".yml") and path.suffix != ".yaml":
        problems.append(error(Loc(path.as_posix(), 1, 1), "file-name", f"扩展名“{path.suffix}”会被忽略：请改为 .yaml。"))
    elif path.suffix != ".yaml":
        _stray(path, problems, f"{folder}/ 里只读取 .yaml 文件，如果它是数据，请改名为 {_data_name(path)}；如果不是，请把它移出 {root}/。")


def _stray(path: Path | BlobPath, problems: list[Problem], why: str, *, always: bool = False) -> None:
    """Report what is not read: an error where it looks like data, else a warning."""
    looks = always or _yaml_like(path.name)
    if path.name.startswith(".") and not looks:
        return
    report = error if looks else warning
    problems.append(report(Loc(path.as_posix(), 1, 1), "stray-file", f"“{path.name}”不会被读取。{why}"))


def _yaml_like(name: str) -> bool:
    lowered = name.lower()
    return any(lowered.endswith(s) or f"{s}." in lowered for s in (".yaml", ".yml"))


def _data_name(path: Path | BlobPath) -> str:
    lowered = path.name.lower()
    for suffix in (".yaml", ".yml"):
        if suffix in lowered:
            return path.name[: lowered.index(suffix)] + ".yaml"
    return path.stem + ".yaml"


def _leads_out(link: Path, boundary: Path) -> bool:
    """Whether the link ends at something outside ``boundary``; a broken link or a loop
    reads nothing, and the loader says what it is."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):
        return False
    return target.exists() and not target.is_relative_to(boundary)


def _repository(folder: Path) -> Path:
    """The top of the git repository holding ``folder``; the folder itself outside git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder
