"""``pages``: the generated tree written to disk, for any engine that reads mkdocs.yml."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.catalog import load_catalog
from generator.commands.validate import shown
from generator.history.changelog import change_log
from generator.problems import has_errors
from generator.site.tree import site_tree


@dataclass(frozen=True)
class PagesOptions:
    data: Path
    out: Path
    today: str | None = None


def write_pages(options: PagesOptions) -> int:
    today = options.today or date.today().isoformat()
    catalog, problems = load_catalog(options.data, today=today)
    if has_errors(problems):
        sys.stdout.write(shown(problems))
        return 1
    data = options.data.resolve()
    tree = site_tree(catalog, change_log(data, data, catalog), today=today)
    for path, content in tree.items():
        target = options.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    print(f"已写出 {len(tree)} 个文件到 {options.out}")
    return 0
