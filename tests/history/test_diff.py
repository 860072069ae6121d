"""The diff command on real git repositories: goldens for each scripted step, the
acceptance scenario on a copy of data/shanting, --check, usage errors and formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from tests.conftest import run_cli
from tests.history.conftest import REPO, STEPS, Repo, assert_golden

Capture = pytest.CaptureFixture[str]


def diff(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "diff", *argv)


def test_every_step_is_valid_data(history: Repo, tmp_path: Path) -> None:
    for tag, *_ in STEPS:
        out = tmp_path / tag
        out.mkdir()
        subprocess.run(f"git archive {tag} data | tar -x -C {out}", shell=True, check=True, cwd=history.root)
        _, problems = load_catalog(out / "data", today="2024-12-01")
        assert [p.line() for p in problems] == [], tag


@pytest.mark.parametrize("step", range(1, len(STEPS)))
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_step_golden(history: Repo, capsys: Capture, step: int, fmt: str) -> None:
    before, after = STEPS[step - 1][0], STEPS[step][0]
    code, out, err = diff(capsys, before, after, "--format", fmt, "--check")
    assert (code, err) == (0, "")
    assert_golden(f"diff/{after}.{'md' if fmt == 'markdown' else 'txt'}", out)


def test_import_counts_everything(history: Repo, capsys: Capture) -> None:
    """From an empty repository side, everything is new, and the summary says so."""
    history.git("checkout", "-q", "--orphan", "empty")
    history.git("rm", "-rq", "--cached", "data")
    history.git("commit", "-q", "--allow-empty", "-m", "empty", date="2024-01-01T00:00:00+08:00")
    code, out, _ = diff(capsys, "empty", "s1-import")
    first, note = out.splitlines()[:2]
    assert code == 0 and first.endswith("，共 15 项变化。")
    assert note.startswith("！empty（") and note.endswith("）里没有数据文件夹：比较时按空目录计。")
    assert "  新增承接：4" in out and "  新增事项：4" in out and "  新增乡镇：1" in out


def test_acceptance_xiji_lowered_to_window(repo: Repo, capsys: Capture) -> None:
    """Issue 4: a commit lowers 西集镇's 宣传品 item to 服务窗口前移 on 山政办发〔2021〕12号."""
    shutil.copytree(REPO / "data" / "shanting", repo.root / "data" / "shanting")
    repo.commit("Import 山亭区", "2021-07-01T09:00:00+08:00")
    xiji = "shanting/townships/xiji.yaml"
    # The list gives it 直接下放 to every 双十镇; 西集镇's file lowers it for itself.
    repo.edit(xiji, "service_center: {name: 西集镇便民服务大厅}\n",
              "service_center: {name: 西集镇便民服务大厅}\nitems:\n  - code: 3700000117086\n    mode: 服务窗口前移\n")
    repo.commit("西集镇: 宣传品审批改为服务窗口前移", "2021-08-01T09:00:00+08:00")
    code, out, err = diff(capsys, "HEAD~1", "HEAD", "--format", "markdown", "--check")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "### 西集镇（山亭区）" in lines
    assert (
        "| 赋权方式调整：收回（下放减少） | [在城市建筑物、设施上张挂、张贴宣传品审批（3700000117086）]"
        "(shanting/items/3700000117086/) | 直接下放 | 服务窗口前移 | 山政办发〔2021〕12号 |"
    ) in lines
    assert "| 赋权方式调整：收回（下放减少） | 1 |" in lines
    assert "共 **1** 项变化" in out
    assert "[查看西集镇目录](shanting/townships/xiji/) · 依据文件：山政办发〔2021〕12号" in lines


def test_only_formatting_is_no_change(history: Repo, capsys: Capture) -> None:
    """Comments, quoting and order are not changes."""
    dongcun = "shili/townships/dongcun.yaml"
    history.edit(dongcun, "# 虚构数据，仅供测试。", "# 虚构数据，仅供测试。改了注释。")
    history.edit(dongcun, "name: 东村镇", 'name: "东村镇"')
    history.commit("Reformat", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0
    assert "共 **0** 项变化" in out and "目录的内容没有变化" in out


def test_guide_against_only_fewer_is_flagged(history: Repo, capsys: Capture) -> None:
    history.edit("shili/townships/dongcun.yaml", "        - {name: 宣传品样稿, form: 原件, copies: 1}\n",
                 "        - {name: 宣传品样稿, form: 原件, copies: 1}\n        - {name: 村委会证明, form: 原件, copies: 1}\n")
    history.commit("东村镇: 多要一份证明", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0  # the data rule R8 fails validate; the diff shows it to the reviewer
    assert_golden("diff/only-fewer.md", out)


def test_declined_then_taken(history: Repo, capsys: Capture) -> None:
    history.edit("shili/townships/xiqiao.yaml", """declined:
  - code: 9900000000003
    reason: 暂无专职审核人员
    expected: 2027-01-01
    document: 示政办发〔2024〕9号
""", """  - code: 9900000000003
    mode: 下放实质性审核权
    document: 示政办发〔2024〕9号
    agreement: {number: 西桥-2024-03, date: 2024-11-01}
declined:
""")
    history.commit("西桥镇承接再生育审批", "2024-11-02T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--check")
    assert code == 0
    assert_golden("diff/resolved.txt", out)


def test_check_fails_on_unregistered_document(history: Repo, capsys: Capture) -> None:
    history.edit("shili/townships/xiqiao.yaml", "  - code: 9900000000004\n    mode: 服务窗口前移\n    document: 示政发〔2024〕1号",
                 "  - code: 9900000000004\n    mode: 服务窗口前移\n    document: 示政发[2024]1号")
    history.commit("A document number with ASCII brackets", "2024-11-01T10:00:00+08:00")
    code, out, err = diff(capsys, "HEAD~1", "HEAD", "--check")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "审核规则（diff --check）没有通过：",
        "data/shili/townships/xiqiao.yaml:7:15: error[diff-document]: 西桥镇的“不动产登记”（9900000000004）条目引用的文件“示政发[2024]1号”"
        "没有在 county.yaml 的 documents 里登记（是不是要写“示政发〔2024〕1号”？）：没有文件依据的调整不能合并。"
        "请写正确的文号；新文件请在同一个合并请求里登记到 county.yaml。",
    ]
    assert err == "diff --check 没有通过：这次修改有 1 处违反审核规则，原因见上。\n"
    # Without --check the same report is printed and the command succeeds.
    assert diff(capsys, "HEAD~1", "HEAD")[0] == 0


def test_check_fails_on_removal_without_withdrawn_record(history: Repo, capsys: Capture) -> None:
    history.edit("shili/townships/dongcun.yaml", "  - code: 9900000000004\n    mode: 服务窗口前移\n    document: 示政发〔2024〕1号\n"
                 "    agreement: {number: 东村-2024-04, date: 2024-03-15}\n", "")
    history.commit("Drop 不动产登记 from 东村镇", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--check", "--format", "markdown")
    assert code == 1
    assert_golden("diff/removed.md", out)


def test_check_fails_when_a_township_file_is_deleted(history: Repo, capsys: Capture) -> None:
    history.path("shili/townships/xiqiao.yaml").unlink()
    history.commit("Delete 西桥镇", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--check")
    assert code == 1
    assert (
        "data/shili/townships/xiqiao.yaml:5:5: error[diff-withdrawn]: "
        "西桥镇的目录文件被删除了，原来承接的“不动产登记”（9900000000004）没有收回记录：" in out
    )


def test_two_folders(history: Repo, tmp_path: Path, capsys: Capture) -> None:
    old = tmp_path / "old"
    shutil.copytree(history.root / "data", old)
    history.edit("shili/townships/dongcun.yaml", "mode: 直接下放\n    scope", "mode: 服务窗口前移\n    scope")
    code, out, _ = diff(capsys, str(old), "data")
    assert code == 0
    assert "赋权方式调整：收回（下放减少）：基本医疗保险参保人员异地就医备案（9900000000002）：直接下放 → 服务窗口前移" in out
    # A revision against the working folder: what an uncommitted edit would change.
    code, out, _ = diff(capsys, "HEAD", "data")
    assert code == 0 and "直接下放 → 服务窗口前移" in out


def test_json(history: Repo, capsys: Capture) -> None:
    code, out, _ = diff(capsys, "s2-township", "s3-mode", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["summary"] == {"mode_more": 1} and data["problems"] == []
    change = data["counties"][0]["townships"][0]["changes"][0]
    seen = (change["kind"], change["before"]["mode"], change["after"]["mode"], change["document"])
    assert seen == ("mode", "委托", "直接下放", "示政发〔2024〕1号") and change["direction"] == "more"


def test_unknown_revision_is_a_usage_error(history: Repo, capsys: Capture) -> None:
    assert diff(capsys, "HEAD~1", "no-such-branch") == (
        2, "", "错误：找不到 git 版本“no-such-branch”：请写提交号、分支名，或 HEAD~1 这样的写法。\n")


def test_no_data_on_either_side_is_a_usage_error(history: Repo, capsys: Capture) -> None:
    code, out, err = diff(capsys, "HEAD~1", "HEAD", "--data", "dat")
    assert (code, out) == (2, "") and "两边都没有数据文件夹“dat”" in err


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 2 and "不在 git 仓库里" in err and "Traceback" not in err


def test_data_text_cannot_break_the_markdown(history: Repo, capsys: Capture) -> None:
    history.edit("shili/items/9900000000004.yaml", "name: 不动产登记", "name: '不动产登记 | <script>alert(1)</script> [x](http://evil)'")
    history.commit("A hostile item name", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0
    assert "<script>" not in out and "](http://evil)" not in out and "| <" not in out
    assert "不动产登记 &#124; &#60;script&#62;" in out


def test_module_entry_point(history: Repo) -> None:
    """``python -m generator diff`` as CI runs it: a real process, exit code and streams."""
    done = subprocess.run([sys.executable, "-m", "generator", "diff", "s4-scope", "s5-withdraw", "--check"],
                          cwd=history.root, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert (done.returncode, done.stderr) == (0, "")
    assert ("  - 收回：在城市建筑物上张挂宣传品审批（9900000000001）：直接下放 → 已收回（2024-09-15）：办件量少，收回县级办理；"
            "依据示政办发〔2024〕9号") in done.stdout.splitlines()


def test_unreadable_file_is_not_a_deletion(history: Repo, capsys: Capture) -> None:
    """A township file that no longer loads (here a tab in its indentation) is not
    reported as deleted: its changes are left out, and the comment says why."""
    history.edit("shili/townships/xiqiao.yaml", "  - code: 9900000000004\n    mode", "  - code: 9900000000004\n\tmode")
    history.edit("shili/townships/dongcun.yaml", "mode: 直接下放\n    scope", "mode: 服务窗口前移\n    scope")
    history.commit("A tab in 西桥镇, and a real change in 东村镇", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--check")
    assert code == 0
    note = out.splitlines()[1]
    assert note.startswith("！HEAD（")
    assert note.endswith("）有读不出来的文件（见“校验数据”检查），这些文件里的修改没有参加比较：data/shili/townships/xiqiao.yaml。")
    assert "西桥镇" not in out and "直接下放 → 服务窗口前移" in out


def test_guide_changes_are_exact(history: Repo, capsys: Capture) -> None:
    """Each material, step and limit a local guide changes is its own line, against what the
    township's citizens had; a heavier requirement is flagged (只减不增)."""
    history.edit("shili/townships/dongcun.yaml", """        - {name: 申请书, form: 原件, copies: 1}
        - {name: 宣传品样稿, form: 原件, copies: 1}
      promised_limit: 5""", """        - {name: 申请书, form: 原件, copies: 2}
      steps: [受理, 决定]
      promised_limit: 3""")
    history.commit("东村镇: 本镇办事指南", "2024-11-01T10:00:00+08:00")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD")
    subject = "在城市建筑物上张挂宣传品审批（9900000000001）"
    assert code == 0
    assert out.splitlines()[out.splitlines().index("东村镇（示例县）") + 1:] == [
        f"  - 本镇办事指南：申请材料（修改）：{subject}：申请书（原件，1 份） → 申请书（原件，2 份）；依据示政发〔2024〕1号",
        f"  - 本镇办事指南：申请材料（删除）：{subject}：原为宣传品样稿（原件，1 份）；依据示政发〔2024〕1号",
        f"  - 本镇办事指南：办理流程（删除）：{subject}：原为审查、送达；依据示政发〔2024〕1号",
        f"  - 本镇办事指南：承诺办结时限：{subject}：5 个工作日 → 3 个工作日；依据示政发〔2024〕1号",
        f"  - ⚠️ 违反只减不增：{subject}：材料“申请书”要 2 份，区县指南只要 1 份：只减不增，请改为不超过 1 份。",
    ]


def test_enforcement_records_read_as_words(tmp_path: Path, capsys: Capture) -> None:
    """A 配合事项 and an enforcement item's elements change in plain words, never as a record's repr."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REPO / "tests" / "site" / "scenarios" / "zhifa", old)
    shutil.copytree(old, new)
    town = new / "jinhe" / "townships" / "qiaotou.yaml"
    text = town.read_text(encoding="utf-8")
    town.write_text(text[:text.index("  - name: 配合开展食品安全事故调查")], encoding="utf-8")
    item = new / "jinhe" / "items" / "zf-001.yaml"
    item.write_text(item.read_text(encoding="utf-8").replace("penalty: 责令改正，可以并处警告、罚款", "penalty: 责令改正，可以并处罚款"),
                    encoding="utf-8")
    code, out, _ = diff(capsys, str(old), str(new))
    assert code == 0
    assert "  - 乡镇信息：配合事项（删除）：原为配合开展食品安全事故调查（区市场监督管理局，锦政办〔2024〕12号）" in out.splitlines()
    penalty = "对在城市道路两侧擅自堆放物料行为的处罚（zf-001）：责令改正，可以并处警告、罚款 → 责令改正，可以并处罚款"
    assert f"  - 事项：处罚种类和幅度：{penalty}" in out.splitlines()
