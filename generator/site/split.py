"""A site built in parts: each part renders the pages of some counties, the parts run in
parallel processes (or on the machines of a CI matrix), and merging them gives the same
bytes as one build of the whole site.

Every part loads the whole catalog and lists every page, so every link resolves exactly
as in one build; it makes and writes only its own counties' files (a dirty build where
the others are empty and count as unchanged).  Part 1 also makes the files every county
shares: home, downloads, rules, change log, search, feeds, lookup index, exports.  Files every part writes (theme assets, the
404 page, the sitemap) come out the same in each; the merge checks that they do.  The
search index is made once, over the merged site.
"""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.history.changelog import History
from generator.model import Catalog
from generator.site.tree import site_tree


@dataclass(frozen=True)
class Part:
    """Part ``number`` (from 1) of ``count``."""

    number: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Part:
        """``K/N``, as given to ``build --part``."""
        number, _, count = text.partition("/")
        if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
            raise ValueError(f"“{text}”不是 K/N 形式的分片编号（1 ≤ K ≤ N）")
        return cls(int(number), int(count))

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


def assign(catalog: Catalog, count: int) -> dict[str, int]:
    """Each county's part, balanced by page count; part 1 also has the shared pages."""
    weight = {c.slug: 2 + len(c.townships) + len(c.items) for c in catalog.counties}
    load = [5] + [0] * (count - 1)  # part 1 also has home, downloads, rules, change log, search
    parts: dict[str, int] = {}
    for slug in sorted(weight, key=lambda s: (-weight[s], s)):
        lightest = load.index(min(load))
        parts[slug] = lightest + 1
        load[lightest] += weight[slug]
    return parts


def part_tree(
    catalog: Catalog, history: History, part: Part, *, base_url: str, directory_urls: bool, today: str
) -> tuple[dict[str, str | bytes], list[str]]:
    """The files part ``part`` makes, and the paths of those other parts write: listed,
    so that every link resolves as in one build, but not made."""
    mine = {slug for slug, n in assign(catalog, part.count).items() if n == part.number}
    tree = site_tree(
        catalog, history, base_url=base_url, directory_urls=directory_urls, today=today, counties=mine, shared=part.number == 1
    )
    theirs = [county for county in catalog.counties if county.slug not in mine]
    others = [path for county in theirs for path in urls.county_paths(county, history.years(county.slug))]
    if part.number != 1:  # the site-wide files part 1 makes: those of any catalog, and each guide catalog's page
        others += list(site_tree(Catalog(), directory_urls=directory_urls, today=today))
        others += [urls.guide(guide.slug) for guide in catalog.guides]
    return tree, others


class MergeError(Exception):
    """Two parts wrote different bytes to the same file."""


def merge(parts: list[Path], out: Path) -> int:
    """Move the parts' output into ``out`` (the parts are used up); a file written by
    several parts must be the same in each.  Returns the number of files merged."""
    written: set[Path] = set()
    for part in parts:
        for source in sorted(p for p in part.rglob("*") if not p.is_dir()):
            relative = source.relative_to(part)
            target = out / relative
            if relative in written:
                if not filecmp.cmp(source, target, shallow=False):
                    raise MergeError(f"分片 {part} 与之前的分片写出了不同的“{relative.as_posix()}”。")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                source.replace(target)  # a rename when both are on one file system
            except OSError:
                shutil.copyfile(source, target)
            written.add(relative)
    return len(written)
