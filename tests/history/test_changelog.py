"""Change logs and feeds from the scripted git history: golden pages and feeds, the Atom
structure, 最后更新 dates, shallow clones, batching and determinism."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from generator.catalog import load_catalog
from generator.history import git
from generator.history.changelog import History, change_log
from generator.history.changelog_pages import changelog_pages
from generator.history.feed import atom_feed
from generator.history.git import Repository
from generator.history.snapshot import Revisions
from generator.model import Catalog
from generator.site.tree import site_tree
from tests.history.conftest import REPO, STEPS, Repo, assert_golden

BASE_URL = "https://catalog.example.invalid/"
NS = {"a": "http://www.w3.org/2005/Atom"}


def current(repo: Repo) -> Catalog:
    catalog, _ = load_catalog(repo.root / "data")
    return catalog


def test_pages_golden(history: Repo) -> None:
    log = change_log(history.root, Path("data"))
    pages = changelog_pages(log, current(history))
    assert list(pages) == ["changes.md", "shili/changes/dongcun.md", "shili/changes/index.md", "shili/changes/xiqiao.md"]
    for path, text in pages.items():
        assert_golden(f"changelog/{path.replace('/', '--')}", text)


def test_feeds_golden(history: Repo) -> None:
    log = change_log(history.root, Path("data"))
    assert_golden("changelog/feed.xml", atom_feed(log, current(history), base_url=BASE_URL))
    assert_golden("changelog/shili--feed.xml", atom_feed(log, current(history), base_url=BASE_URL, county="shili"))


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None and found.text, f"missing {path}"
    return found.text


@pytest.mark.parametrize("county", [None, "shili"])
def test_feed_is_atom(history: Repo, county: str | None) -> None:
    """RFC 4287: the feed and every entry have an id, a title, an updated time and an
    author; entries have content; ids are unique; times are RFC 3339."""
    log = change_log(history.root, Path("data"))
    feed = ET.fromstring(atom_feed(log, current(history), base_url=BASE_URL, county=county))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for path in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        _text(feed, path)
    assert feed.find("a:link[@rel='self']", NS) is not None
    entries = feed.findall("a:entry", NS)
    assert len(entries) == len(STEPS)
    ids = [_text(e, "a:id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        for path in ("a:title", "a:updated", "a:content", "a:author/a:name"):
            _text(entry, path)
        assert entry.find("a:content", NS).get("type") == "html"  # type: ignore[union-attr]
    updated = [_text(e, "a:updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and _text(feed, "a:updated") == updated[0] == "2024-10-08T00:45:00Z"
    assert "示政办发〔2024〕9号" in _text(entries[1], "a:content")


def test_feed_links_without_a_site_url(history: Repo) -> None:
    """Without a site URL, links are relative to the feed's own place."""
    log = change_log(history.root, Path("data"))
    feed = ET.fromstring(atom_feed(log, current(history), base_url="", county="shili"))
    links = {link.get("rel"): link.get("href") for link in feed.findall("a:link", NS)}
    assert links == {"self": "feed.xml", "alternate": "changes/"}


def test_last_updated(history: Repo) -> None:
    log = change_log(history.root, Path("data"))
    assert log.updated() == log.updated("shili") == "2024-10-08"
    assert log.updated("shili", township="dongcun") == "2024-05-06"
    assert log.updated("shili", township="xiqiao") == "2024-09-16"
    assert log.updated("shili", item="9900000000001") == "2024-10-08"  # its guide's typo fixed
    assert log.updated("shili", item="9900000000004") == "2024-03-20"  # 西桥镇 took it
    assert log.updated("nowhere") is None
    assert log.note is None and not log.shallow


def test_shallow_clone_says_so(history: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{history.root}", str(clone)], check=True)
    log = change_log(clone, Path("data"))
    assert log.shallow and log.since == "2024-09-16"
    assert [e.commit.date for e in log.events] == ["2024-10-08"]  # the boundary's own change is unknown
    assert log.updated("shili", township="dongcun") is None
    assert log.note == "生成本站时只取得了2024-09-16 以来的 git 历史（浅克隆），更早的变更和日期无法得知，这里没有列出。"
    pages = changelog_pages(log, current(history))
    assert '!!! warning "变更记录不完整"' in pages["shili/changes/dongcun.md"]
    assert "最后更新：不详" in pages["shili/changes/dongcun.md"]
    assert "暂无变更记录。" in pages["shili/changes/dongcun.md"]
    feed = ET.fromstring(atom_feed(log, current(history), base_url=BASE_URL))
    assert "浅克隆" in _text(feed, "a:subtitle") and len(feed.findall("a:entry", NS)) == 1


def test_folder_outside_git(tmp_path: Path) -> None:
    shutil.copytree(REPO / "tests" / "history" / "fixture", tmp_path / "data")
    log = change_log(tmp_path, Path("data"))
    assert log == History((), tracked=False, shallow=False)
    assert log.note == "这份数据不在 git 仓库里（或还没有提交），没有变更记录。"


def test_git_calls_are_batched(history: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six commits of history cost a fixed handful of git processes, not one per file or commit."""
    calls: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return real_popen(args, **kwargs)

    monkeypatch.setattr(git.subprocess, "Popen", popen)  # subprocess.run starts its process through Popen too
    log = change_log(history.root, Path("data"))
    assert len(log.events) == len(STEPS)
    commands = [next(a for a in c[1:] if not a.startswith("core.") and a != "-c") for c in calls]
    assert commands == ["rev-parse", "rev-parse", "log", "rev-parse", "cat-file"]


def test_same_history_same_output(history: Repo) -> None:
    first = change_log(history.root, Path("data"))
    second = change_log(history.root, Path("data"))
    assert first == second
    catalog = current(history)
    assert changelog_pages(first, catalog) == changelog_pages(second, catalog)
    assert atom_feed(first, catalog, base_url=BASE_URL) == atom_feed(second, catalog, base_url=BASE_URL)


def test_acceptance_change_shows_in_log_and_feed(repo: Repo) -> None:
    shutil.copytree(REPO / "data" / "shanting", repo.root / "data" / "shanting")
    repo.commit("Import 山亭区", "2021-07-01T09:00:00+08:00")
    # The list gives it 直接下放 to every 双十镇; 西集镇's file lowers it for itself.
    repo.edit("shanting/townships/xiji.yaml", "service_center: {name: 西集镇便民服务大厅}\n",
              "service_center: {name: 西集镇便民服务大厅}\nitems:\n  - code: 3700000117086\n    mode: 服务窗口前移\n")
    repo.commit("西集镇: 宣传品审批改为服务窗口前移", "2021-08-01T09:00:00+08:00")
    log = change_log(repo.root, Path("data"))
    pages = changelog_pages(log, current(repo))
    line = ("- **赋权方式调整：收回（下放减少）**：[在城市建筑物、设施上张挂、张贴宣传品审批（3700000117086）](../items/3700000117086.md)"
            "：直接下放 → 服务窗口前移")
    for page in ("shanting/changes/index.md", "shanting/changes/xiji.md"):
        text = pages[page]
        assert "## 2021&#45;08&#45;01 · 山政办发〔2021〕12号" in text and line in text.splitlines()
    feed = ET.fromstring(atom_feed(log, current(repo), base_url=BASE_URL))
    newest = feed.findall("a:entry", NS)[0]
    assert _text(newest, "a:title") == "山亭区：西集镇：赋权方式调整：收回（下放减少） 1 项"
    content = _text(newest, "a:content")
    assert "依据文件：山政办发〔2021〕12号" in content and "直接下放 → 服务窗口前移" in content and "西集镇" in content


def test_site_tree_has_change_log_pages_and_feeds(history: Repo) -> None:
    log = change_log(history.root, Path("data"))
    tree = site_tree(current(history), log, base_url=BASE_URL, today="2026-12-01")
    assert [p for p in tree if "changes" in p or p.endswith(".xml")] == [
        "changes.md", "feed.xml", "shili/changes/dongcun.md", "shili/changes/index.md", "shili/changes/xiqiao.md", "shili/feed.xml"]
    assert tree["shili/feed.xml"] == atom_feed(log, current(history), base_url=BASE_URL, county="shili")


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_a_revision_reads_as_the_folder_does(tmp_path: Path, object_format: str) -> None:
    """The batched tree walk gives exactly the catalog the files on disk give."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "history" / "fixture", root / "data")
    subprocess.run(["git", "init", "-q", f"--object-format={object_format}"], cwd=root, check=True)
    subprocess.run(["git", "add", "data"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Import"], cwd=root, check=True)
    repository = Repository(root)
    with Revisions(repository, root / "data") as revisions:
        snapshot = revisions.at(repository.resolve("HEAD"), "HEAD")
    assert snapshot.exists and snapshot.catalog == load_catalog(root / "data")[0]


def test_feed_isolates_bidirectional_names(repo: Repo) -> None:
    """A right-to-left override left open in a township's name ends with the name, in the
    entry title and in its HTML content, so a feed reader shows the words after it in order."""
    shutil.copytree(REPO / "data" / "shanting", repo.root / "data" / "shanting")
    repo.commit("Import 山亭区", "2021-07-01T09:00:00+08:00")
    repo.edit("shanting/townships/xiji.yaml", "name: 西集镇", "name: 西集\u202e镇")
    repo.commit("Rename", "2021-08-01T09:00:00+08:00")
    feed = ET.fromstring(atom_feed(change_log(repo.root, Path("data")), current(repo), base_url=BASE_URL))
    newest = feed.findall("a:entry", NS)[0]
    assert "\u2068西集\u202e镇\u2069" in _text(newest, "a:title")
    assert "\u2068西集\u202e镇\u2069" in _text(newest, "a:content")


def test_a_log_of_several_years_is_paged_by_year(history: Repo) -> None:
    """The county's change log holds the newest year; each earlier year has a page of its
    own, linked from each, as do the feed's entries and 最近更新 for their year's changes."""
    history.edit("shili/townships/dongcun.yaml", "hours: 工作日 9:00-17:00", "hours: 工作日 8:30-17:30")
    history.commit("东村镇: 办公时间", "2025-01-06T09:00:00+08:00")
    log = change_log(history.root, Path("data"))
    assert log.years("shili") == ("2025", "2024") and log.years("nowhere") == ()
    pages = changelog_pages(log, current(history))
    assert list(pages) == [
        "changes.md", "shili/changes/dongcun.md", "shili/changes/index.md", "shili/changes/xiqiao.md", "shili/changes/years/2024.md"]
    assert_golden("changelog/years--shili--changes--index.md", pages["shili/changes/index.md"])
    assert_golden("changelog/years--shili--changes--years--2024.md", pages["shili/changes/years/2024.md"])
    newest = pages["shili/changes/index.md"]
    assert "本页列出 2025 年的调整。按年份查看：**2025 年** · [2024 年](years/2024.md)" in newest.splitlines()
    assert newest.count("\n## ") == 1 and "## 2025&#45;01&#45;06" in newest
    older = pages["shili/changes/years/2024.md"]
    assert "本页列出 2024 年的调整。按年份查看：[2025 年](../index.md) · **2024 年**" in older.splitlines()
    assert older.count("\n## ") == len(STEPS)  # every scripted step was in 2024
    assert "## 2024&#45;10&#45;08" in older and "## 2025" not in older
    assert "## 2024&#45;10&#45;08 · [示例县](shili/changes/years/2024.md)" in pages["changes.md"]
    feed = ET.fromstring(atom_feed(log, current(history), base_url=BASE_URL, county="shili"))
    hrefs = [e.find("a:link", NS).get("href") for e in feed.findall("a:entry", NS)]  # type: ignore[union-attr]
    assert hrefs[0] == BASE_URL + "shili/changes/" and set(hrefs[1:]) == {BASE_URL + "shili/changes/years/2024/"}
    tree = site_tree(current(history), log, base_url=BASE_URL, today="2026-12-01")
    assert "shili/changes/years/2024.md" in tree
