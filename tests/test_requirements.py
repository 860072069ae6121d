"""The two locks: requirements.txt pins what validating and building need (``bash .ci/setup
build``, the README's first command and the workflows) and no development tool;
requirements-dev.txt pins everything (``bash .ci/setup dev``), at the same versions.
pyproject.toml depends on exactly what requirements.in pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    """A requirement's project name, normalised as PyPI does (PEP 503), without extras."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>!~; ]", requirement, maxsplit=1)[0]).lower()


def _pins(file: str) -> dict[str, str]:
    """``name==version`` lines of a requirements file, by normalised name."""
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / file).read_text(encoding="utf-8").splitlines())
    pins = {}
    for line in lines:
        if not line or line.startswith("-r "):
            continue
        assert "==" in line, f"{file}: pin every requirement exactly: {line}"
        pins[_name(line)] = line.split("==", 1)[1]
    return pins


def test_each_direct_dependency_is_in_its_lock_at_its_version() -> None:
    for direct, lock in (("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")):
        locked = _pins(lock)
        assert {name: locked.get(name) for name in _pins(direct)} == _pins(direct), f"{direct} and {lock} disagree"


def test_the_dev_lock_holds_the_build_lock_at_the_same_versions() -> None:
    build, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert {name: dev.get(name) for name in build} == build
    assert (ROOT / "requirements-dev.in").read_text(encoding="utf-8").count("-r requirements.in\n") == 1


def test_building_installs_no_development_tool() -> None:
    tools = set(_pins("requirements-dev.in")) - set(_pins("requirements.in"))
    assert {"pytest", "playwright", "mypy", "ruff"} <= tools
    assert tools & set(_pins("requirements.txt")) == set()


def test_pyproject_depends_on_what_requirements_in_pins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [line for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert sorted(project["dependencies"]) == sorted(lines)


def test_the_scripts_set_up_the_lock_they_need() -> None:
    assert "bash .ci/setup build\n" in (ROOT / ".ci" / "build").read_text(encoding="utf-8")
    assert "bash .ci/setup dev\n" in (ROOT / ".ci" / "test").read_text(encoding="utf-8")
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        installs = re.findall(r"pip install -r (\S+)", workflow.read_text(encoding="utf-8"))
        assert set(installs) <= {"requirements.txt"}, f"{workflow.name} installs {installs}: the workflows only validate and build"
