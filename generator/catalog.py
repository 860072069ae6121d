"""A data folder → (catalog, problems): load each file, check it against its schema,
build the model from what is valid, then run the delegation rules.  The folder is on
disk, or a git revision's files in memory (:class:`generator.blobs.BlobPath`)."""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from generator import assemble, rules
from generator.blobs import BlobPath
from generator.loader import Loaded, load_file
from generator.model import Catalog, County, Item, Loc, Township
from generator.problems import Problem, error
from generator.schemas import Checked, schema

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Elements of these township lists are dropped one by one when invalid, so one bad
# entry does not hide the rest of the township from the rules.
_ROW_LISTS = ("items", "declined", "withdrawn")

DataPath = Path | BlobPath


def load_catalog(data_dir: DataPath, *, today: str | None = None) -> tuple[Catalog, list[Problem]]:
    """Every county below ``data_dir``, and every problem found, sorted by place."""
    ctx_today = today or date.today().isoformat()
    problems: list[Problem] = []
    counties: list[County] = []
    # Loading makes millions of small acyclic objects; the cyclic collector would
    # rescan them over and over (measured: a third of the load time) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for folder in sorted((p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name):
            county = _county(folder, ctx_today, problems)
            if county is not None:
                counties.append(county)
    finally:
        if collecting:
            gc.enable()
    return Catalog(tuple(counties)), sorted(problems)


def _shown(path: DataPath) -> str:
    return path.as_posix()


def _check(path: DataPath, kind: str, problems: list[Problem]) -> tuple[Loaded, Checked] | None:
    """Load one file and apply its schema, filing every problem found."""
    loaded, found = load_file(path, _shown(path))
    problems.extend(found)
    if loaded is None:
        return None
    checked = schema(kind).check(loaded)
    problems.extend(checked.problems)
    return loaded, checked


def _slug_problem(path: DataPath, what: str) -> Problem:
    return error(Loc(_shown(path), 1, 1), "file-name", (
        f"{what}名“{path.stem if path.is_file() else path.name}”不合规：只能用小写拼音字母、数字和连字符（如 xiji、shan-ting），请改名。"))


def _yaml_files(folder: DataPath, problems: list[Problem]) -> list[DataPath]:
    if not folder.is_dir():
        # A file (or a broken link) where the folder should be would hide every
        # township or item of the county without a word.
        if folder.exists() or folder.is_symlink():
            problems.append(error(Loc(_shown(folder), 1, 1), "file-type", (
                f"“{folder.name}”应该是一个文件夹，这里却是一个文件或损坏的链接：请删除它，建一个同名文件夹，把 YAML 文件放进去。")))
        return []
    found = []
    children: list[DataPath] = list(folder.iterdir())
    for path in sorted(children, key=lambda p: p.name):
        if path.suffix == ".yaml":
            found.append(path)
        elif path.suffix in (".yml", ".YAML", ".Yaml"):
            problems.append(error(Loc(_shown(path), 1, 1), "file-name", (
                f"扩展名“{path.suffix}”会被忽略：请改为 .yaml。")))
    return found


def _county(folder: DataPath, today: str, problems: list[Problem]) -> County | None:
    path = folder / "county.yaml"
    if not path.exists() and not path.is_symlink():  # a broken link is reported by the loader
        if (folder / "items").exists() or (folder / "townships").exists():
            problems.append(error(Loc(_shown(path), 1, 1), "file-name", (
                "这个县的文件夹里缺少 county.yaml：请添加它，写明县名、部门和决定文件。")))
        return None
    if not SLUG.fullmatch(folder.name):
        problems.append(_slug_problem(folder, "县文件夹"))
    result = _check(path, "county", problems)
    items, broken = _items(folder / "items", problems)
    townships = _townships(folder / "townships", problems)
    if result is None or result[1].problems:
        return None
    loaded, checked = result
    county = replace(assemble.county(folder.name, checked.data, loaded), items=items, townships=townships)
    problems.extend(rules.run(county, rules.Context(today, frozenset(broken))))
    return county


def _items(folder: DataPath, problems: list[Problem]) -> tuple[tuple[Item, ...], set[str]]:
    items: list[Item] = []
    broken: set[str] = set()
    for path in _yaml_files(folder, problems):
        result = _check(path, "item", problems)
        data = result[1].data if result else None
        code = str(data.get("code") or "") if isinstance(data, dict) else ""
        if result and code and code != path.stem:
            problems.append(error(result[0].at(("code",)), "file-name", (
                f"事项文件名“{path.name}”与事项编码“{code}”不一致：请把文件改名为 {code}.yaml（文件名就是事项编码）。")))
        if result is None or result[1].problems or code != path.stem:
            broken.add(path.stem)
            continue
        items.append(assemble.item(result[1].data, result[0]))
    return tuple(sorted(items, key=lambda i: i.code)), broken


def _townships(folder: DataPath, problems: list[Problem]) -> tuple[Township, ...]:
    towns: list[Township] = []
    for path in _yaml_files(folder, problems):
        if not SLUG.fullmatch(path.stem):
            problems.append(_slug_problem(path, "乡镇文件"))
        result = _check(path, "township", problems)
        if result is None:
            continue
        loaded, checked = result
        if any(len(p) < 2 or p[0] not in _ROW_LISTS for p in checked.error_paths):
            continue
        towns.append(assemble.township(path.stem, checked.data, loaded, {p[:2] for p in checked.error_paths}))
    return tuple(sorted(towns, key=lambda t: t.slug))

