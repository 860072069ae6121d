"""Real git repositories with scripted histories, and golden files.

Every commit gets fixed names and dates, so commit ids, and with them every output, are
the same on every run.  ``UPDATE_GOLDEN=1 pytest tests/history`` rewrites the golden
files; review their diff by eye before committing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURE = HERE / "fixture"
REPO = HERE.parent.parent


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path} (UPDATE_GOLDEN=1 to rewrite, then review)"


class Repo:
    """A git repository in a temporary folder, committed to with fixed names and dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str | None = None) -> str:
        env = dict(os.environ)
        if date is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def path(self, name: str) -> Path:
        return self.root / "data" / name

    def write(self, name: str, text: str) -> None:
        self.path(name).parent.mkdir(parents=True, exist_ok=True)
        self.path(name).write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        text = self.path(name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))

    def commit(self, message: str, date: str, tag: str | None = None) -> str:
        self.git("add", "-A", "data")
        self.git("commit", "-q", "-m", message, date=date)
        if tag:
            self.git("tag", tag)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed committer names, and no user or system git configuration."""
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "测试员")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tester@example.invalid")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """An empty repository, which is also the working folder."""
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return Repo(root)


XIQIAO = """\
# 虚构数据，仅供测试。
name: 西桥镇
service_center: {name: 西桥镇为民服务中心}
items:
  - code: 9900000000004
    mode: 服务窗口前移
    document: 示政发〔2024〕1号
    agreement: {number: 西桥-2024-01, date: 2024-03-20}
  - code: 9900000000001
    mode: 直接下放
    document: 示政发〔2024〕1号
    agreement: {number: 西桥-2024-02, date: 2024-03-20}
declined:
  - code: 9900000000003
    reason: 暂无专职审核人员
    expected: 2027-01-01
withdrawn:
"""

DOCUMENT_9 = """\
  - number: 示政办发〔2024〕9号
    title: 关于调整乡镇赋权事项的通知（虚构）
    issuer: 示例县人民政府办公室
    date: 2024-09-01
"""


def _withdraw(repo: Repo) -> None:
    repo.write("shili/county.yaml", repo.path("shili/county.yaml").read_text(encoding="utf-8") + DOCUMENT_9)
    repo.edit("shili/townships/xiqiao.yaml", """  - code: 9900000000001
    mode: 直接下放
    document: 示政发〔2024〕1号
    agreement: {number: 西桥-2024-02, date: 2024-03-20}
""", "")
    repo.edit("shili/townships/xiqiao.yaml", "    expected: 2027-01-01\n", "    expected: 2027-01-01\n    document: 示政办发〔2024〕9号\n")
    repo.edit("shili/townships/xiqiao.yaml", "withdrawn:\n", """withdrawn:
  - code: 9900000000001
    document: 示政办发〔2024〕9号
    date: 2024-09-15
    reason: 办件量少，收回县级办理
""")


# The scripted history: (tag, commit date, message, edit).  Each state is valid data.
STEPS: list[tuple[str, str, str, Callable[[Repo], None]]] = [
    ("s1-import", "2024-03-05T10:00:00+08:00", "Import 示例县", lambda r: shutil.copytree(FIXTURE, r.root / "data")),
    ("s2-township", "2024-03-20T09:30:00+08:00", "Add 西桥镇", lambda r: r.write("shili/townships/xiqiao.yaml", XIQIAO)),
    ("s3-mode", "2024-04-10T16:00:00+08:00", "东村镇: 异地就医备案 委托 → 直接下放",
     lambda r: r.edit("shili/townships/dongcun.yaml", "mode: 委托", "mode: 直接下放")),
    ("s4-scope", "2024-05-06T11:00:00+08:00", "东村镇: 只下放转外就医备案",
     lambda r: r.edit("shili/townships/dongcun.yaml", "scope: [转外就医备案, 异地安置备案]", "scope: [转外就医备案]")),
    ("s5-withdraw", "2024-09-16T15:20:00+08:00", "西桥镇: 收回张挂宣传品审批 (示政办发〔2024〕9号)", _withdraw),
    ("s6-typo", "2024-10-08T08:45:00+08:00", "Fix a typo in the guide of 9900000000001",
     lambda r: r.edit("shili/items/9900000000001.yaml", "result: 准予张挂决定节", "result: 准予张挂决定书")),
]


@pytest.fixture
def history(repo: Repo) -> Repo:
    """The repository after every scripted step, each commit tagged with its step."""
    for tag, date, message, step in STEPS:
        step(repo)
        repo.commit(message, date, tag)
    return repo
