"""The GitHub side: workflows, issue forms and CODEOWNERS.

Two real tools check the files, both installed from PyPI and run offline:
``check-jsonschema`` validates their structure against the vendored GitHub
schemas, and ``zizmor`` audits the workflows for security problems (unpinned
actions, template injection, excessive permissions, dangerous triggers).  The
remaining tests pin down the promises the workflows make to each other and to
the reviewers, which no generic tool knows about.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES
from tests.history.conftest import Repo, git_identity  # noqa: F401  # autouse: fixed git names for the repositories made here

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
ISSUE_FORMS = sorted(p for p in ISSUE_TEMPLATES.glob("*.yml") if p.name != "config.yml")
COMMENT_MARKER = "<!-- township-catalog-diff -->"

# A pinned step: `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`.
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def tool(name: str) -> str:
    """The path of a console script installed beside this Python (the venv's bin/)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(
            f"{name} is not installed beside {sys.executable}; "
            "install the development requirements (bash .ci/setup dev)"
        )
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block (PyYAML reads the bare key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict), "write `on:` as a mapping of events"
    return on


def test_the_expected_files_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "pr-comment.yml", "deploy.yml"} <= names
    assert (GITHUB / "CODEOWNERS").is_file()
    assert (GITHUB / "pull_request_template.md").is_file()
    assert (ISSUE_TEMPLATES / "config.yml").is_file()
    assert len(ISSUE_FORMS) >= 2


# --- the real tools ---------------------------------------------------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflow_matches_github_schema(workflow: Path, schema: str) -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", schema, str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_form_matches_github_schema(form: Path) -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(form))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_template_config_matches_github_schema() -> None:
    config = ISSUE_TEMPLATES / "config.yml"
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = run(
        tool("zizmor"), "--offline", "--persona", "pedantic", "--strict-collection",
        "--no-progress", "--color", "never", ".github",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_ignores_only_the_workflow_run_trigger() -> None:
    """The one finding silenced in the files is the reviewed `workflow_run` trigger of pr-comment.yml."""
    result = run(
        tool("zizmor"), "--offline", "--persona", "pedantic", "--no-ignores",
        "--no-progress", "--format", "json", ".github",
    )  # fmt: skip
    findings = json.loads(result.stdout)
    where = {
        (f["ident"], Path(f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]).name) for f in findings
    }
    assert where == {("dangerous-triggers", "pr-comment.yml")}, result.stdout


# --- promises no generic tool checks ----------------------------------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    lines = [line for line in workflow.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines, f"{workflow.name} uses no action"
    for line in lines:
        assert PINNED_USES.match(line), f"{workflow.name}: pin to a full commit SHA with `# vX.Y.Z`: {line.strip()}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_granted_per_job_only(workflow: Path) -> None:
    data = load(workflow)
    assert data.get("permissions") == {}, "the top level grants nothing: `permissions: {}`"
    for name, job in data["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"job {name} states its own permissions"
        assert "write-all" not in str(job["permissions"]), name


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(workflow: Path) -> None:
    data = load(workflow)
    assert "pull_request_target" not in triggers(data)
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_has_a_concurrency_group(workflow: Path) -> None:
    assert "group" in load(workflow).get("concurrency", {})


def test_pr_workflow_validates_diffs_and_builds() -> None:
    text = (GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8")
    assert "python -m generator validate data --format github --changed-files" in text
    assert "--format markdown" in text and "$GITHUB_STEP_SUMMARY" in text
    assert "--check" in text
    assert "python -m generator build --data data --site-dir site" in text
    assert "fetch-depth: 0" in text
    assert "name: catalog-diff" in text and "name: site-preview" in text


def _shell_steps(workflow: str, job: str) -> list[str]:
    """The `run:` steps of a job, the set-up ones (pip) left out."""
    steps = load(GITHUB / "workflows" / workflow)["jobs"][job]["steps"]
    return [step["run"] for step in steps if "run" in step and "pip install" not in step["run"]]


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository checked out as GitHub checks a pull request out: the merge commit it
    makes, whose first parent is main.  main already has a warning (xiqiao.yaml); the pull
    request adds one (dongcun.yaml) and takes an item back to 服务窗口前移."""
    (tmp_path / "repo").mkdir()
    repo = Repo(tmp_path / "repo")
    shutil.copytree(CASES / "base", repo.root / "data")
    unsigned = "    # 承接协议还没有登记\n"
    repo.edit("shili/townships/xiqiao.yaml", "    agreement: {number: 西桥-2024-01, date: 2024-03-20, signed: true}\n", unsigned)
    repo.commit("main 上已有一个警告", "2026-01-01T00:00:00+08:00")
    repo.git("switch", "-q", "-c", "pr")
    repo.edit("shili/townships/dongcun.yaml", "    agreement: {number: 东村-2024-01, date: 2024-03-15}\n", unsigned)
    repo.edit("shili/townships/dongcun.yaml", "    mode: 下放实质性审核权\n", "    mode: 服务窗口前移\n")
    repo.commit("这次修改带来一个警告", "2026-01-02T00:00:00+08:00")
    repo.git("switch", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "GitHub 为合并请求做的合并提交", "pr", date="2026-01-03T00:00:00+08:00")
    return repo.root


def _run_job(workflow: str, job: str, checkout: Path, runner: Path, **env: str) -> str:
    """A job's shell steps, as the runner runs them (bash -e -o pipefail, the venv's python
    first on PATH); their output, each step having passed."""
    runner.mkdir(exist_ok=True)
    environment = {
        **os.environ, "RUNNER_TEMP": str(runner), "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1", **env,
    }  # fmt: skip
    out = ""
    for command in _shell_steps(workflow, job):
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=checkout, env=environment, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        out += done.stdout
    return out


def test_pr_validation_annotates_only_the_changed_files_warnings(pull_request: Path, tmp_path: Path) -> None:
    """pr.yml's validate steps: every error and the changed file's warnings are annotated,
    the warnings of a file the pull request does not touch are only summed up."""
    out = _run_job("pr.yml", "validate", pull_request, tmp_path / "runner")
    assert [line for line in out.splitlines() if line.startswith("::")] == [
        "::warning file=data/shili/townships/dongcun.yaml,line=7,col=5,title=agreement::事项 9900000000001 没有登记承接协议："
        "请写 agreement: {number: 协议编号, date: 签订日期}。依据：本县采用这条规则的示政发〔2024〕1号（county.yaml 的 policy.adopts）。"
    ]
    assert "data/shili/townships/xiqiao.yaml:5:5: warning[agreement]: 事项 9900000000004 没有登记承接协议" in out
    summary = (tmp_path / "runner" / "summary.md").read_text(encoding="utf-8")
    assert "### 本次修改的文件里的警告（1 个）" in summary and "xiqiao" not in summary.split("### 其他文件里的警告")[0]


# pr-comment.yml's script in Node, with GitHub's API, context and core stubbed: what it posts.
_COMMENT_HARNESS = """
const given = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const posted = [];
const github = {
  rest: {
    pulls: { get: async () => ({ data: { head: { sha: given.sha } } }) },
    actions: { listWorkflowRunArtifacts: async (query) => ({ data: { artifacts: given.artifacts[query.name] || [] } }) },
    issues: {
      listComments: null,
      createComment: async (comment) => { posted.push(comment.body); return { data: { id: 1 } }; },
      updateComment: async (comment) => { posted.push(comment.body); },
    },
  },
  paginate: async () => [],
};
const core = {
  info() {},
  warning(message) { posted.push(`warning: ${message}`); },
  setFailed(message) { posted.push(`failed: ${message}`); },
};
const context = {
  repo: { owner: 'o', repo: 'r' },
  payload: { workflow_run: { id: 7, head_sha: given.sha, html_url: 'https://github.com/o/r/actions/runs/7' } },
};
(async () => {
SCRIPT
})().then(() => process.stdout.write(JSON.stringify(posted)));
"""


def _posted_comment(artifact: Path, artifacts: dict[str, list[dict[str, Any]]], tmp_path: Path) -> list[str]:
    job = load(GITHUB / "workflows" / "pr-comment.yml")["jobs"]["comment"]
    script = next(step for step in job["steps"] if "script" in step.get("with", {}))["with"]["script"]
    harness = tmp_path / "harness.js"
    harness.write_text(_COMMENT_HARNESS.replace("SCRIPT", script), encoding="utf-8")
    given = json.dumps({"sha": "0123456789abcdef0123456789abcdef01234567", "artifacts": artifacts})
    done = subprocess.run(
        ["node", str(harness)], input=given, capture_output=True, text=True, check=False,
        env={**os.environ, "DIFF_DIR": str(artifact)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    posted: list[str] = json.loads(done.stdout)
    return posted


def test_the_comment_links_to_the_preview_of_the_run(pull_request: Path, tmp_path: Path) -> None:
    """The diff pr.yml makes, posted as pr-comment.yml posts it: each page is named by its
    path inside the run's site-preview artifact, which the footer links and says how to open;
    nothing points at a local address."""
    _run_job("pr.yml", "diff", pull_request, tmp_path / "runner", PR_NUMBER="12")
    artifacts = {"site-preview": [{"id": 345, "name": "site-preview", "expired": False}]}
    [body] = _posted_comment(tmp_path / "runner" / "catalog-diff", artifacts, tmp_path)
    assert body.startswith(COMMENT_MARKER)
    assert "[查看东村镇目录]" not in body and "127.0.0.1" not in body
    assert "查看东村镇目录（预览：`shili/townships/dongcun/`） · 依据文件：示政发〔2024〕1号" in body
    assert "| 赋权方式调整：收回（下放减少） | 再生育审批（9900000000003）（预览：`shili/items/9900000000003/`） |" in body
    assert body.endswith(
        "\n\n---\n本评论对应提交 `0123456`，每次推送后自动更新。\n\n"
        "**预览站点**：[下载 site-preview](https://github.com/o/r/actions/runs/7/artifacts/345)"
        "（本次检查构建的合并后网站，zip 文件，保留 14 天）。解压后，在解压出的文件夹里运行 `python -m http.server 8000`，"
        "再用浏览器打开 <http://localhost:8000/>；上面每个“预览：”后的路径接在这个地址后面，就是那一页。"
        "详见《审核人员指南》的“预览网站”。\n"
    )


def test_the_comment_says_when_no_preview_was_built(pull_request: Path, tmp_path: Path) -> None:
    _run_job("pr.yml", "diff", pull_request, tmp_path / "runner", PR_NUMBER="12")
    [body] = _posted_comment(tmp_path / "runner" / "catalog-diff", {}, tmp_path)
    assert body.endswith(
        "**预览站点**：这次没有生成（“构建预览站点”没有通过），原因见[检查运行页面](https://github.com/o/r/actions/runs/7)。\n"
    )


def test_comment_workflow_follows_the_pr_workflow_and_never_runs_its_code() -> None:
    pr = load(GITHUB / "workflows" / "pr.yml")
    comment = load(GITHUB / "workflows" / "pr-comment.yml")
    on = triggers(comment)
    assert set(on) == {"workflow_run"}
    assert on["workflow_run"]["workflows"] == [pr["name"]]
    assert on["workflow_run"]["types"] == ["completed"]
    for job in comment["jobs"].values():
        for step in job["steps"]:
            assert "run" not in step, "no shell steps: nothing from the artifact may reach a shell"
            assert not str(step.get("uses", "")).startswith("actions/checkout@")
    text = (GITHUB / "workflows" / "pr-comment.yml").read_text(encoding="utf-8")
    assert COMMENT_MARKER in text
    assert "/^[0-9]{1,10}$/" in text, "the PR number from the artifact is checked to be digits"
    assert "updateComment" in text, "the comment is edited in place"


@pytest.mark.parametrize(
    ("workflow", "job", "scope"), [("deploy.yml", "build", "pages"), ("deploy.yml", "preview", "preview"), ("pr.yml", "build", "preview")]
)
def test_builds_keep_the_site_and_build_it_incrementally(workflow: str, job: str, scope: str) -> None:
    """The site and its manifest are kept per kind of site (the PR preview has no SITE_URL,
    so the published site's would not fit it; main's preview is a pull request's first),
    and the build makes again only what changed."""
    steps = load(GITHUB / "workflows" / workflow)["jobs"][job]["steps"]
    kept = [step["with"] for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    assert {"path": "site\n.cache/site\n", "key": f"site-{scope}-${{{{ github.sha }}}}", "restore-keys": f"site-{scope}-"} in kept
    assert "python -m generator build --data data --site-dir site --incremental" in _shell_steps(workflow, job)


def test_deploy_workflow_publishes_main_to_pages() -> None:
    data = load(GITHUB / "workflows" / "deploy.yml")
    on = triggers(data)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert on["schedule"] == [{"cron": "10 16 * * *"}], "built every day, as of the day"
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build = data["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    # SITE_URL is the address Pages publishes at, as configure-pages reads it.
    pages = next(step for step in build["steps"] if str(step.get("uses", "")).startswith("actions/configure-pages@"))
    built = next(step for step in build["steps"] if "generator build" in step.get("run", ""))
    assert built["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    assert "python -m generator validate data --format github" in _shell_steps("deploy.yml", "build")
    # main's preview is built as the pull-request workflow builds its own: without an address.
    preview = data["jobs"]["preview"]
    assert preview["permissions"] == {"contents": "read"}
    assert all("SITE_URL" not in str(step) for step in preview["steps"])


def test_every_county_folder_has_code_owners() -> None:
    owned = {
        line.split()[0]
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    counties = sorted(p.name for p in (ROOT / "data").iterdir() if p.is_dir())
    assert counties, "data/ has no county folder"
    for county in counties:
        assert f"/data/{county}/" in owned, f"add `/data/{county}/ @township-catalogs/{county}-reviewers` to CODEOWNERS"
    for folder in ("/schemas/", "/generator/", "/.github/"):
        assert folder in owned
