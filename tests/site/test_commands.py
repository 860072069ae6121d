"""``python -m generator pages`` and ``build``, and a data error failing ``mkdocs build``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.catalog import load_catalog
from generator.history.changelog import change_log
from generator.site.tree import site_tree
from tests.site.conftest import REPO, SCENARIOS, TODAY, write_config


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=REPO, env=env, check=False)


def _broken(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SCENARIOS / "escaping", data)
    town = data / "evil" / "townships" / "plain.yaml"
    town.write_text(town.read_text(encoding="utf-8").replace("mode: 委托", "mode: 下放"), encoding="utf-8")
    return data


def test_pages_writes_the_tree(tmp_path: Path) -> None:
    done = _run("-m", "generator", "pages", "--data", "data", "--out", str(tmp_path / "out"), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    data = (REPO / "data").resolve()
    tree = site_tree(load_catalog(data, today=TODAY)[0], change_log(data, data), today=TODAY)
    assert written == {path: c.encode("utf-8") if isinstance(c, str) else c for path, c in tree.items()}


def test_build_validates_then_builds(tmp_path: Path) -> None:
    done = _run("-m", "generator", "build", "--data", "data", "--site-dir", str(tmp_path / "site"), "--today", TODAY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2] == "检查通过：没有错误；有 26 个警告，不影响通过，但请逐条看过。"
    assert (tmp_path / "site" / "shanting" / "townships" / "xiji" / "index.html").is_file()


def test_build_stops_at_data_errors(tmp_path: Path) -> None:
    data = _broken(tmp_path)
    done = _run("-m", "generator", "build", "--data", str(data), "--site-dir", str(tmp_path / "site"), "--today", TODAY)
    assert done.returncode == 1
    assert f"{data.as_posix()}/evil/townships/plain.yaml:9:11: error[" in done.stdout
    assert not (tmp_path / "site").exists()


def test_mkdocs_build_fails_with_the_located_messages(tmp_path: Path) -> None:
    data = _broken(tmp_path)
    (data / "说明.txt").write_text("不是数据", encoding="utf-8")  # a stray file: one warning
    done = _run("-m", "mkdocs", "build", "-f", str(write_config(data, tmp_path)), "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    assert f"{data.as_posix()}/evil/townships/plain.yaml:9:11: error[" in done.stderr
    assert "warning[" not in done.stderr and "另有 1 个警告" in done.stderr
