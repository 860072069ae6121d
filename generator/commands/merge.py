"""``merge``: the parts of a split build (``build --part``) joined into one site, then
indexed for search (:mod:`generator.site.split`)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.site import incremental
from generator.site.search import SearchIndexError, index_site
from generator.site.split import MergeError, merge


@dataclass(frozen=True)
class MergeOptions:
    parts: Sequence[Path]
    out: Path
    config: Path = Path("mkdocs.yml")


@dataclass(frozen=True)
class SiteConfig:
    """What merging needs to know of an MkDocs configuration."""

    folder: Path
    config_file: Path
    directory_urls: bool
    search: bool  # whether the site is indexed for search
    site_url: str

    @classmethod
    def read(cls, config_file: Path, site_dir: Path | None = None) -> SiteConfig:
        from mkdocs.config import load_config

        config = load_config(str(config_file), **({"site_dir": str(site_dir.resolve())} if site_dir else {}))
        plugin = config.plugins.get("township-catalog")
        search = bool(plugin.config.get("search", True)) if plugin else True
        return cls(Path(config.site_dir), config_file, bool(config.use_directory_urls), search, config.site_url or "")


def merge_parts(options: MergeOptions) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if missing := [p for p in options.parts if not p.is_dir()]:
        print(f"找不到分片文件夹：{'、'.join(map(str, missing))}", file=sys.stderr)
        return 1
    return merge_and_index(list(options.parts), SiteConfig.read(options.config), options.out)


def merge_and_index(parts: list[Path], target: SiteConfig, out: Path | None = None) -> int:
    site = out or target.folder
    incremental.forget(target.config_file, site)
    if site.exists():
        shutil.rmtree(site)
    try:
        count = merge(parts, site)
        if target.search:
            index_site(site, directory_urls=target.directory_urls)
    except (MergeError, SearchIndexError) as failure:
        print(f"网站没有生成：{failure}", file=sys.stderr)
        return 1
    print(f"网站已生成：{site}（{len(parts)} 片合并，{count} 个文件）")
    return 0
