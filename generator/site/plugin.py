"""The MkDocs plugin ``township-catalog``: validates the data folder and adds the
generated tree to the build as virtual files, so ``mkdocs serve`` re-renders when a
data file is saved.

    plugins:
      - search: {jieba_dict_user: build/jieba_user.txt}
      - township-catalog: {data: data}
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.catalog import load_catalog
from generator.history.changelog import UNTRACKED, History, change_log, head
from generator.problems import Severity
from generator.site.search_dict import user_dictionary
from generator.site.tree import site_tree, source_date_epoch

log = logging.getLogger("mkdocs.plugins.township-catalog")


class CatalogPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]  # mkdocs' __init_subclass__
    # A schema tuple, not a typed Config class: the option is called ``data``, and a
    # Config attribute of that name would shadow UserDict's own ``data``.
    config_scheme = (
        ("data", c.Dir(exists=True)),  # the data folder (design §3), relative to mkdocs.yml
        ("today", c.Optional(c.Type(str))),  # check date rules as of this day; default today
    )

    def __init__(self) -> None:
        self.tree: dict[str, str | bytes] = {}
        # Walking the git history costs a diff per commit; under `mkdocs serve` it is
        # only walked again when HEAD moves, not on every saved file.
        self.history: tuple[str | None, History] = (None, UNTRACKED)
        # A SOURCE_DATE_EPOCH set by the caller wins; otherwise each build sets it from the data.
        self.own_epoch = "SOURCE_DATE_EPOCH" not in os.environ

    @event_priority(100)  # before the search plugin reads its jieba dictionary
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        catalog, problems = load_catalog(Path(self.config["data"]), today=self.config["today"])
        errors = [p for p in problems if p.severity is Severity.ERROR]
        warned = f"另有 {len(problems) - len(errors)} 个警告，运行 python -m generator validate 查看。"
        if errors:
            # Only the errors, each located exactly as validate prints it: in `mkdocs serve`
            # a clerk must see what stops the site, not every warning of the catalog.
            raise PluginError("数据有错误，网站没有生成：\n" + "".join(p.line() + "\n" for p in errors) + warned)
        if problems:
            log.info(warned)
        data = Path(self.config["data"]).resolve()
        commit = head(data)
        if commit is not None and commit != self.history[0]:
            self.history = (commit, change_log(data, data))
        history = self.history[1] if commit is not None else UNTRACKED
        self.tree = site_tree(catalog, history, base_url=config.site_url or "", directory_urls=config.use_directory_urls)
        if self.own_epoch:
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(catalog))
        search = config.plugins.get("material/search") or config.plugins.get("search")
        dict_path = getattr(search, "config", {}).get("jieba_dict_user") if search else None
        if dict_path:
            path = Path(config.config_file_path or ".").parent / dict_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(user_dictionary(catalog), encoding="utf-8")
            search.config["jieba_dict_user"] = str(path)  # type: ignore[union-attr]
        # jieba announces its dictionary on every build at DEBUG level; keep builds quiet.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, content in self.tree.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 与生成的页面重名：请给手写页面换个名字。")
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config["data"])
        return server
