"""Incremental site builds (``build --incremental``): a change rebuilds only the pages and
files whose content changed, and gives the same bytes as a clean build.

After each incremental build a manifest is kept in ``.cache/site/`` beside mkdocs.yml (git
ignores it): what every page depends on (the key: the generator's code, templates and
schemas, the installed packages, mkdocs.yml, the site's address, the catalog-wide facts),
a fingerprint of each county (its records, the commits of its change log, and which of
its entries are not yet in force or in their transition period on the day), the digest
of every file the build made or copied, and the size of every file of the built site.

The next build makes the files of the counties whose fingerprint changed and the
site-wide ones, renders only those whose content differs from the manifest's, deletes
what the site no longer has, and indexes the whole site again (a Pagefind index cannot be
updated in part).  It builds everything again when the key differs, when a hand-written
page changed (its title may be in every page's navigation), or when the site folder is not
the one the manifest describes.  Any other build of the site deletes the manifest first,
so a manifest is never trusted for a site someone else wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

from generator import urls
from generator.history import cache
from generator.history.changelog import History
from generator.model import Catalog, County
from generator.site import exports

FOLDER = Path(".cache") / "site"
FORMAT = 1  # of the manifest file
_GENERATOR = Path(__file__).resolve().parent.parent

Digests = dict[str, tuple[str, str]]  # a file's source path: (its path in the site, digest of its content)


def digest(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


def file_digest(path: str | Path) -> str:
    return digest(Path(path).read_bytes())


def manifest_file(config_file: Path, site_dir: Path) -> Path:
    """Where the manifest of the site folder ``site_dir`` is kept."""
    name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    return config_file.resolve().parent / FOLDER / f"{name}.json"


def forget(config_file: Path, site_dir: Path) -> None:
    """Delete the manifest of ``site_dir``: the site is about to be written by a build that
    does not keep one."""
    manifest_file(config_file, site_dir).unlink(missing_ok=True)


def site_key(
    *, config_file: Path, site_url: str, directory_urls: bool, custom_dir: str | None, catalog: Catalog, history: History
) -> str:
    """Everything a page of any county depends on besides its own county's records."""
    key = hashlib.sha256()

    def add(label: str, value: str | bytes) -> None:
        key.update(label.encode() + b"\0" + (value.encode() if isinstance(value, str) else value) + b"\0")

    add("format", str(FORMAT))
    add("code", cache.version())  # the Python code and schemas; the templates and assets below
    for path in sorted(p for p in _GENERATOR.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")):
        add(path.relative_to(_GENERATOR).as_posix(), file_digest(path))
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    add("packages", f"{sys.version} " + " ".join(packages))
    add("mkdocs.yml", config_file.read_bytes())
    add("site_url", site_url)
    add("directory_urls", str(directory_urls))
    if custom_dir:  # Material's templates are in the packages' versions, ours in the code
        root = Path(custom_dir)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            add(path.relative_to(root).as_posix(), file_digest(path))
    # The catalog-wide facts on every county's files: the guide catalogs counties adopt, and
    # whether the history is complete.  (A county's workbooks carry its own latest date.)
    add("guides", repr(catalog.guides))
    add("history", repr((history.tracked, history.shallow, history.since)))
    return key.hexdigest()


def fingerprints(catalog: Catalog, history: History, today: str) -> dict[str, str]:
    """Each county's records, the commits of its change log, and which of its entries are
    not yet in force or in their transition period on ``today``: its pages, change logs,
    feed and exports are made from these alone (and from what the key holds).  A record's
    place in its file is not in its ``repr``, and no page shows it."""
    commits: dict[str, list[str]] = {}
    for event in history.events:
        commits.setdefault(event.county.slug, []).append(event.commit.sha)
    return {
        county.slug: digest("\0".join((repr(county), " ".join(commits.get(county.slug, ())), _as_of(county, today))))
        for county in catalog.counties
    }


def _as_of(county: County, today: str) -> str:
    return "".join(
        f"{int(bool(e.effective and e.effective > today))}{int(bool(e.transition_until and e.transition_until >= today))}"
        for town in county.townships
        for e in town.entries
    )


@dataclass(frozen=True)
class CountyFiles:
    fingerprint: str
    files: Digests


@dataclass(frozen=True)
class Manifest:
    key: str
    counties: dict[str, CountyFiles]
    shared: Digests  # the site-wide generated files
    pages: Digests  # the hand-written pages
    sources: Digests  # the other files MkDocs copies from disk: the docs folder's, the theme's
    site: dict[str, int]  # every file of the built site: its size

    @cached_property
    def generated(self) -> Digests:
        found = dict(self.shared)
        for county in self.counties.values():
            found.update(county.files)
        return found

    def outputs(self) -> set[str]:
        """Every file the build made or copied, by its path in the site."""
        return {dest for files in (self.generated, self.pages, self.sources) for dest, _ in files.values()}


def _files(entries: Mapping[str, list[str]]) -> Digests:
    return {src: (dest, sha) for src, (dest, sha) in entries.items()}


def read(path: Path) -> Manifest | None:
    """The manifest at ``path``; None when there is none, or it cannot be read."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw["format"] != FORMAT:
            return None
        return Manifest(
            key=raw["key"],
            counties={slug: CountyFiles(c["fingerprint"], _files(c["files"])) for slug, c in raw["counties"].items()},
            shared=_files(raw["shared"]),
            pages=_files(raw["pages"]),
            sources=_files(raw["sources"]),
            site={path: int(size) for path, size in raw["site"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # broken or foreign: never trusted
        return None


def write(path: Path, manifest: Manifest) -> None:
    """Keep ``manifest``, whole or not at all (written aside, then moved into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")  # in any repository, not only ours
    raw = {
        "format": FORMAT,
        "key": manifest.key,
        "counties": {s: {"fingerprint": c.fingerprint, "files": c.files} for s, c in manifest.counties.items()},
        "shared": manifest.shared,
        "pages": manifest.pages,
        "sources": manifest.sources,
        "site": manifest.site,
    }
    aside = path.with_suffix(".part")
    aside.write_text(json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    os.replace(aside, path)


def site_files(site_dir: Path) -> dict[str, int]:
    """Every file of the built site, by its path in the site: its size."""
    found: dict[str, int] = {}
    folders = [("", str(site_dir))]
    while folders:  # os.scandir: a file's size without another look-up of its path
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    found[prefix + entry.name] = entry.stat(follow_symlinks=False).st_size
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Plan:
    """What an incremental build makes again."""

    key: str
    fingerprints: dict[str, str]
    previous: Manifest | None  # None: everything, in an emptied site folder
    why: str = ""  # why everything is built again, for the log

    @property
    def counties(self) -> frozenset[str] | None:
        """The counties whose files are made again; None for all."""
        if self.previous is None:
            return None
        kept = self.previous.counties
        return frozenset(s for s, f in self.fingerprints.items() if s not in kept or kept[s].fingerprint != f)

    def carried(self) -> dict[str, CountyFiles]:
        """The counties whose files stay as the previous build wrote them."""
        changed = self.counties
        if self.previous is None or changed is None:
            return {}
        return {s: f for s, f in self.previous.counties.items() if s in self.fingerprints and s not in changed}

    def modified(self, path: str, sha: str) -> bool:
        """Whether a generated file (its content's digest ``sha``) must be written again."""
        before = self.previous.generated.get(path) if self.previous else None
        return before is None or before[1] != sha

    def source_modified(self, path: str, sha: str) -> bool:
        """Whether a file copied from disk (not a page) must be copied again."""
        before = self.previous.sources.get(path) if self.previous else None
        return before is None or before[1] != sha


def plan(manifest: Manifest | None, *, key: str, prints: dict[str, str], pages: dict[str, str], site_dir: Path) -> Plan:
    """What to build again, given the previous build's manifest and the digests of the
    hand-written pages now."""
    if manifest is None:
        return Plan(key, prints, None, "没有上次增量生成时留下的清单")
    if manifest.key != key:
        return Plan(key, prints, None, "生成程序、配置、主题或全站共用的数据有变化")
    if {src: sha for src, (_, sha) in manifest.pages.items()} != pages:
        return Plan(key, prints, None, "手写页面有变化（页面标题可能出现在每一页的导航里）")
    if site_files(site_dir) != manifest.site:
        return Plan(key, prints, None, "网站文件夹与清单记录的不一致")
    return Plan(key, prints, manifest)


def exported(site_dir: Path, carried: Mapping[str, CountyFiles]) -> dict[str, tuple[str, str]]:
    """The JSON text and CSV rows of each county whose files stay as they are, read back
    from its files in the last site: the whole catalog's exports are made of them."""
    found: dict[str, tuple[str, str]] = {}
    for slug in carried:
        files = urls.county_files(slug)
        try:
            text = exports.text_of_county_json((site_dir / files["json"]).read_text(encoding="utf-8"))
            rows = exports.rows_of_county_csv((site_dir / files["csv"]).read_bytes())
        except (OSError, UnicodeDecodeError):
            continue
        if text is not None and rows is not None:
            found[slug] = (text, rows)
    return found


def remove_stale(site_dir: Path, previous: Manifest, outputs: set[str]) -> None:
    """Delete what the previous build made and this one did not, and the folders left empty."""
    for path in sorted(previous.outputs() - outputs):
        target = site_dir / path
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == site_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
