"""Transitions as the staff guide writes them, end to end in a real git repository: each
step is valid data, passes ``diff --check``, and the diff and the change log name it in
plain words.  The county is fictional; its townships get their items from one list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.history.changelog import change_log
from generator.history.changelog_pages import changelog_pages
from generator.problems import Severity
from generator.site.tree import site_tree
from tests.conftest import run_cli
from tests.history.conftest import REPO, Repo

Capture = pytest.CaptureFixture[str]

COUNTY = """\
# 虚构数据，仅供测试：一份清单给全部乡镇。
name: 转换县
province: 示例省
departments: [县行政审批服务局]
documents:
  - {number: 转政发〔2024〕1号, title: 关于向乡镇赋权的决定（虚构）, issuer: 转换县人民政府, date: 2024-03-01}
  - {number: 转政发〔2025〕2号, title: 关于调整乡镇赋权事项的通知（虚构）, issuer: 转换县人民政府, date: 2025-02-01}
  - {number: 转政发〔2025〕5号, title: 关于重新下放部分事项的通知（虚构）, issuer: 转换县人民政府, date: 2025-06-01}
  - {number: 转政发〔2026〕1号, title: 关于深化乡镇赋权的通知（虚构）, issuer: 转换县人民政府, date: 2026-01-10}
lists:
  - to: {all: true}
    document: 转政发〔2024〕1号
    items:
      - {code: "9700000000001", mode: 委托}
      - {code: "9700000000002", mode: 委托}
      - {code: "9700000000003", mode: 委托, scope: [甲类, 乙类]}
"""

ITEMS = {
    "9700000000001": "甲事项审批",
    "9700000000002": "乙事项登记",
    "9700000000003": "丙事项备案",
}
ITEM = """\
# 虚构数据，仅供测试。
code: "{code}"
name: {name}
type: 行政许可
department: 县行政审批服务局
max_mode: 直接下放
supervisor: {{duties: 双随机抽查}}
"""

TOWN = """\
# 虚构数据，仅供测试。
name: 东镇
agreement: {number: 东镇-2024, date: 2024-03-10}
"""


def _write(repo: Repo, town: str) -> None:
    repo.write("zhuanhuan/townships/dongzhen.yaml", TOWN + town)


# (what the staff does, the township file's rows after it, the diff's line for it)
STEPS: list[tuple[str, str, str]] = [
    ("decline", """declined:
  - code: "9700000000001"
    reason: 暂无专职审核人员
    expected: 2026-06-30
    document: 转政发〔2025〕2号
""", "由承接改为暂不承接：甲事项审批（9700000000001）：委托 → 暂不承接：暂无专职审核人员；预计 2026-06-30 承接；依据转政发〔2025〕2号"),
    ("take", "",
     "暂不承接已解决：甲事项审批（9700000000001）：暂不承接：暂无专职审核人员；预计 2026-06-30 承接 → 委托；依据转政发〔2024〕1号"),
    ("withdraw", """withdrawn:
  - code: "9700000000002"
    document: 转政发〔2025〕2号
    date: 2025-02-15
    reason: 办件量少，收回县级办理
""", "收回：乙事项登记（9700000000002）：委托 → 已收回（2025-02-15）：办件量少，收回县级办理；依据转政发〔2025〕2号"),
    ("readd", """items:
  - code: "9700000000002"
    document: 转政发〔2025〕5号
    effective: 2025-06-15
""", "新增承接（重新下放）：乙事项登记（9700000000002）：已收回（2025-02-15）：办件量少，收回县级办理 → 委托，自 2025-06-15 起；"
     "依据转政发〔2025〕5号"),
    ("mode-down", """items:
  - code: "9700000000002"
    document: 转政发〔2025〕5号
    effective: 2025-06-15
  - code: "9700000000003"
    mode: 服务窗口前移
    document: 转政发〔2025〕5号
""", "赋权方式调整：收回（下放减少）：丙事项备案（9700000000003）：委托 → 服务窗口前移；依据转政发〔2025〕5号"),
    ("mode-up", """items:
  - code: "9700000000002"
    document: 转政发〔2025〕5号
    effective: 2025-06-15
  - code: "9700000000003"
    mode: 直接下放
    document: 转政发〔2026〕1号
""", "赋权方式调整：更多下放：丙事项备案（9700000000003）：服务窗口前移 → 直接下放；依据转政发〔2026〕1号"),
    ("scope-narrow", """items:
  - code: "9700000000002"
    document: 转政发〔2025〕5号
    effective: 2025-06-15
  - code: "9700000000003"
    mode: 直接下放
    scope: [甲类]
    document: 转政发〔2026〕1号
""", "子项范围缩小：丙事项备案（9700000000003）：甲类、乙类 → 甲类；依据转政发〔2026〕1号"),
    ("scope-widen", """items:
  - code: "9700000000002"
    document: 转政发〔2025〕5号
    effective: 2025-06-15
  - code: "9700000000003"
    mode: 直接下放
    scope: [甲类, 乙类, 丙类]
    document: 转政发〔2026〕1号
""", "子项范围扩大：丙事项备案（9700000000003）：甲类 → 甲类、乙类、丙类；依据转政发〔2026〕1号"),
]


def _import(repo: Repo) -> None:
    repo.write("zhuanhuan/county.yaml", COUNTY)
    for code, name in ITEMS.items():
        sub = "sub_items: [甲类, 乙类, 丙类]\n" if code.endswith("3") else ""
        repo.write(f"zhuanhuan/items/{code}.yaml", ITEM.format(code=code, name=name) + sub)
    _write(repo, "")
    repo.commit("Import 转换县", "2024-03-10T09:00:00+08:00")


def _errors(repo: Repo) -> list[str]:
    _, problems = load_catalog(repo.root / "data", today="2026-12-01")
    return [p.line() for p in problems if p.severity is Severity.ERROR]


def test_each_transition_passes_validate_and_check(repo: Repo, capsys: Capture) -> None:
    _import(repo)
    assert _errors(repo) == []
    for n, (name, rows, line) in enumerate(STEPS):
        _write(repo, rows)
        assert _errors(repo) == [], name
        repo.commit(name, f"2026-0{1 + n // 4}-{10 + n:02d}T09:00:00+08:00")
        code, out, err = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--check")
        assert (code, err) == (0, ""), f"{name}:\n{out}"
        assert f"  - {line}" in out.splitlines(), f"{name}:\n{out}"
    pages = changelog_pages(change_log(repo.root, Path("data")), load_catalog(repo.root / "data", today="2026-12-01")[0])
    log = pages["zhuanhuan/changes/dongzhen.md"]
    labels = ["由承接改为暂不承接", "暂不承接已解决", "收回", "新增承接（重新下放）", "赋权方式调整：收回（下放减少）",
              "赋权方式调整：更多下放", "子项范围缩小", "子项范围扩大"]
    found = [label for label in labels if f"- **{label}**：" in log]
    assert found == labels


# The township file's rows after the item comes back, by what it cites.
REREAD = {
    # Only the withdrawn record deleted: the list's entry comes back on its 2024 document.
    "the list's document": "",
    "the withdrawal's document": "items:\n  - code: \"9700000000002\"\n    document: 转政发〔2025〕2号\n",
}


@pytest.mark.parametrize("case", sorted(REREAD))
def test_readded_on_an_earlier_document_fails_the_check(repo: Repo, capsys: Capture, case: str) -> None:
    _import(repo)
    _write(repo, STEPS[2][1])
    repo.commit("withdraw", "2025-02-16T09:00:00+08:00")
    _write(repo, REREAD[case])
    assert _errors(repo) == []
    repo.commit("readd", "2025-07-01T09:00:00+08:00")
    code, out, _ = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--check")
    number, issued = ("转政发〔2024〕1号", "2024-03-01") if case == "the list's document" else ("转政发〔2025〕2号", "2025-02-01")
    where = "data/zhuanhuan/townships/dongzhen.yaml:2:1" if case == "the list's document" else "data/zhuanhuan/townships/dongzhen.yaml:6:15"
    assert code == 1
    assert out.splitlines()[-1] == (
        f"{where}: error[diff-readded]: 东镇重新承接“乙事项登记”（9700000000002），"
        f"引用的却是2025-02-15收回之前的文件“{number}”（{issued}）："
        "重新下放要依据收回之后的决定文件。请在本镇文件 items 的这一事项写上重新下放的文件（document），并把它登记到 county.yaml。")


def test_xiji_declines_real_estate_registration(repo: Repo, capsys: Capture) -> None:
    """Issue 14's clerk: 西集镇 moves 不动产登记 from the 双十镇 list to declined, as the staff
    guide shows (the reason and dates are made up for the test)."""
    shutil.copytree(REPO / "data" / "shanting", repo.root / "data" / "shanting")
    repo.commit("Import 山亭区", "2021-07-01T09:00:00+08:00")
    repo.write("shanting/townships/xiji.yaml", repo.path("shanting/townships/xiji.yaml").read_text(encoding="utf-8") + """declined:
  - code: 3700000715006        # 不动产登记
    reason: 便民服务中心尚无不动产登记专用窗口和设备
    expected: 2027-06-30
    document: 山政办发〔2021〕12号
""")
    assert _errors(repo) == []
    repo.commit("西集镇: 不动产登记暂不承接", "2026-11-02T09:00:00+08:00")
    code, out, err = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--check")
    line = ("由承接改为暂不承接：不动产登记（3700000715006）：服务窗口前移 → 暂不承接：便民服务中心尚无不动产登记专用窗口和设备；"
            "预计 2027-06-30 承接；依据山政办发〔2021〕12号")
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == ["西集镇（山亭区）", f"  - {line}"]
    pages = changelog_pages(change_log(repo.root, Path("data")), load_catalog(repo.root / "data", today="2026-12-01")[0])
    assert ("- **由承接改为暂不承接**：[不动产登记（3700000715006）](../items/3700000715006.md)：服务窗口前移 → 暂不承接："
            "便民服务中心尚无不动产登记专用窗口和设备；预计 2027&#45;06&#45;30 承接") in pages["shanting/changes/xiji.md"].splitlines()


def test_an_entry_not_yet_in_force_says_so(repo: Repo) -> None:
    """An entry starting after the day the site is built as of (``today``) is no place to
    apply yet: its township and item pages say so, with where to go until then; one in its
    transition period says who still finishes what was received before.  Once the day has
    come, neither is said."""
    _import(repo)
    _write(repo, """items:
  - code: "9700000000001"
    document: 转政发〔2026〕1号
    effective: 2027-03-01
  - code: "9700000000002"
    transition_until: 2027-06-30
""")
    repo.commit("甲事项 2027 年起直接下放；乙事项过渡期", "2026-11-20T09:00:00+08:00")
    catalog, _ = load_catalog(repo.root / "data", today="2026-12-01")
    log = change_log(repo.root, Path("data"))
    tree = site_tree(catalog, log, today="2026-12-01")
    town = str(tree["zhuanhuan/townships/dongzhen.md"])
    assert "    **尚未实施**：自 2027&#45;03&#45;01 起实施，在此之前请到转换县的县行政审批服务局办理  " in town
    assert town.count("尚未实施") == 1  # the other entries started long ago
    # Nor is it listed as a place to apply now: the page's one indexed sentence says from when.
    assert "在东镇可以办理：甲事项审批（2027&#45;03&#45;01 起）；乙事项登记；丙事项备案。" in town.splitlines()
    # In its transition period, what the county received before it still finishes (seed 003).
    assert "    **过渡期**：至 2027&#45;06&#45;30，此前已受理的仍由转换县的县行政审批服务局办结  " in town
    item = str(tree["zhuanhuan/items/9700000000001.md"])
    assert "| 2027&#45;03&#45;01（尚未实施） |" in item
    assert "共 1 个乡镇可以办理（其中 1 个尚未实施）；转换县的县行政审批服务局也可以办理。" in item.splitlines()
    # The lookup answers from when, not 能办.
    index = json.loads(tree["assets/lookup.json"])
    entries = {index["items"][e[0]]["code"]: e for town in index["townships"] for e in town["entries"]}
    assert entries["9700000000001"][4] == "2027-03-01" and entries["9700000000002"][4] == ""
    later = site_tree(catalog, log, today="2027-07-01")
    town = str(later["zhuanhuan/townships/dongzhen.md"])
    assert "尚未实施" not in town and "过渡期" not in town
    assert "在东镇可以办理：甲事项审批；乙事项登记；丙事项备案。" in town.splitlines()
    assert "尚未实施" not in str(later["zhuanhuan/items/9700000000001.md"])
