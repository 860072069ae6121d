"""A real ``mkdocs serve --dirty`` with our plugin, in Chromium: a save that breaks the data
shows its located errors on the page the browser has open, and above the hand-written
pages; the next good save brings the pages back.  ``mkdocs build`` still fails on them
(tests/site/test_commands.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.model import Loc
from generator.problems import error
from generator.site.preview import error_page
from tests.conftest import CASES
from tests.site.conftest import ARTIFACTS, Watched, write_config

TITLE = "数据有错误，预览没有更新"
# How long a save may take to reach the page: the rebuild, then livereload's reload.
SAVED = 30_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The fictional counties of tests/cases/base, copied, under ``mkdocs serve --dirty``:
    the data folder and the address."""
    data = tmp_path / "data"
    shutil.copytree(CASES / "base", data)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(write_config(data, tmp_path)), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base, timeout=5):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text(encoding="utf-8")
                time.sleep(0.5)
        yield data, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _open(watched: Watched, url: str) -> Page:
    # Not Watched.open: livereload keeps a request open, so the network is never idle.
    watched.page.goto(url)
    return watched.page


def _errors(page: Page) -> list[str]:
    return page.locator(".admonition.failure li").all_inner_texts()


@pytest.mark.browser
def test_a_broken_save_shows_its_errors_on_the_pages_until_a_good_one(served: tuple[Path, str], watched: Watched) -> None:
    data, base = served
    town = data / "shili" / "townships" / "dongcun.yaml"
    good = town.read_text(encoding="utf-8")
    page = _open(watched, f"{base}shili/townships/dongcun/")
    expect(page.locator("h1")).to_have_text("东村镇赋权事项目录")

    town.write_text(good.replace("name: 东村镇", "name：东村镇"), encoding="utf-8")
    line = f"{town.as_posix()}:2:5: error[yaml-syntax]: YAML 格式错误：键后面用了全角冒号“：”：请改成半角冒号加一个空格“: ”。"
    expect(page.locator("h1")).to_have_text("数据有错误", timeout=SAVED)  # livereload reloaded the open page
    expect(page.locator(".admonition.failure .admonition-title")).to_have_text(TITLE)
    assert _errors(page) == [line]
    page.screenshot(path=str(ARTIFACTS / "serve-data-error.png"), full_page=True)

    guide = _open(watched, f"{base}guides/staff/")
    expect(guide.locator("h1")).to_have_text("工作人员指南：如何提交目录变更")
    assert _errors(guide) == [line]
    assert guide.locator(".admonition.failure p:not(.admonition-title)").first.inner_text() == (
        "这一页是手写的说明，内容不受影响；目录、事项等生成的页面要等数据能读取后才能生成。改正下面每一处，保存后页面会自动刷新：")

    town.write_text(good, encoding="utf-8")
    expect(guide.locator(".admonition.failure")).to_have_count(0, timeout=SAVED)
    expect(guide.locator("h1")).to_have_text("工作人员指南：如何提交目录变更")
    page = _open(watched, f"{base}shili/townships/dongcun/")
    expect(page.locator("h1")).to_have_text("东村镇赋权事项目录")
    assert _errors(page) == []
    watched.check(base)


def test_the_error_page_escapes_what_the_data_wrote() -> None:
    """A message quotes the data (here a key written as HTML): on the page it is text."""
    wrong = error(Loc("data/x/townships/<b>.yaml", 3, 1), "unknown-key", "不认识的字段“<script>alert(1)</script>”：请删除它。")
    assert error_page([wrong], 2) == (
        "# 数据有错误\n\n"
        f'!!! failure "{TITLE}"\n\n'
        "    这一页要等数据能读取后才能生成。改正下面每一处，保存后页面会自动刷新：\n\n"
        "    - data&#47;x&#47;townships&#47;&#60;b&#62;&#46;yaml&#58;3&#58;1&#58; error&#91;unknown&#45;key&#93;&#58; "
        "不认识的字段“&#60;script&#62;alert&#40;1&#41;&#60;&#47;script&#62;”：请删除它。\n\n"
        "    另有 2 个警告，运行 python -m generator validate 查看。\n"
    )
