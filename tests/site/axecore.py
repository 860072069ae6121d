"""axe-core, from the npm registry at the version pinned in tests/site/axe/, for the
accessibility checks of the site tests: where it is installed, and the serious and
critical violations it finds on a page.  The ``axe_source`` fixture (conftest.py) gives
the script, installing it with ``npm ci`` into build/axe the first time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

PIN = Path(__file__).parent / "axe"
AXE = Path(__file__).resolve().parents[2] / "build" / "axe"
SCRIPT = AXE / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def version() -> str:
    """The pinned version of axe-core."""
    return str(json.loads((PIN / "package.json").read_text(encoding="utf-8"))["dependencies"]["axe-core"])


def source() -> str:
    """axe.min.js at the pinned version, installed with ``npm ci`` when it is not there yet;
    later runs, and machines without a network that have it, reuse it."""
    installed = AXE / "node_modules" / "axe-core" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text(encoding="utf-8"))["version"] != version():
        npm = shutil.which("npm")
        arguments = ["ci", "--prefix", str(AXE), "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"]
        command = " ".join(["npm", *arguments])
        if npm is None:
            pytest.fail(f"axe-core {version()} is not installed and there is no npm: install npm, or run `{command}`")
        AXE.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PIN / name, AXE / name)
        done = subprocess.run([npm, *arguments], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"`{command}` failed:\n{done.stdout}{done.stderr}"
    assert json.loads(installed.read_text(encoding="utf-8"))["version"] == version()
    return SCRIPT.read_text(encoding="utf-8")


def violations(page: Page, axe: str, rules: list[str] | None = None) -> list[str]:
    """Serious and critical violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    found = page.evaluate(
        """async (options) => (await axe.run(document, options)).violations
        .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}))""",
        options,
    )
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'])}" for v in found if v["impact"] in SEVERE]
