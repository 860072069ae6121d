"""The JSON Schemas are complete enough for editors and agree with each other."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

SCHEMAS = sorted((Path(__file__).resolve().parent.parent / "schemas").glob("*.schema.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, child in node.items():
            yield from properties(child, f"{where}/{key}")
    elif isinstance(node, list):
        for child in node:
            yield from properties(child, where)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12_with_a_stable_id(path: Path) -> None:
    schema = load(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:township-catalog:schema:{path.name.split('.')[0]}:v1"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_chinese_title_and_description(path: Path) -> None:
    schema = load(path)
    for where, prop in properties(schema):
        target = schema["$defs"][prop["$ref"].split("/")[-1]] if "$ref" in prop else {}
        assert prop.get("title") or target.get("title"), where
        assert prop.get("description") or target.get("description"), where


def test_shared_definitions_are_identical_in_every_schema() -> None:
    defs: dict[str, Any] = {}
    for path in SCHEMAS:
        for name, definition in load(path)["$defs"].items():
            assert defs.setdefault(name, definition) == definition, f"$defs/{name} differs in {path.name}"


def test_the_design_example_is_valid(tmp_path: Path) -> None:
    from generator.loader import load_file
    from generator.schemas import schema

    example = "name: 西集镇\ntags: [双十镇]\nservice_center: {name: 西集镇便民服务大厅}\nitems:\n  - code: 3700000117086\n" \
        "    mode: 直接下放\n    document: 山政办发〔2021〕12号\ndeclined:\nwithdrawn:\n"
    (tmp_path / "xiji.yaml").write_text(example, encoding="utf-8")
    loaded, _ = load_file(tmp_path / "xiji.yaml", "xiji.yaml")
    assert loaded is not None
    assert schema("township").check(loaded).problems == []


def case_files() -> list[Path]:
    cases = Path(__file__).resolve().parent / "cases"
    return sorted(p for p in cases.rglob("*.yaml") if "/items/" in p.as_posix() or "/townships/" in p.as_posix()
                  or p.name == "county.yaml")


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.relative_to(p.parents[3]).as_posix())
def test_fast_gate_agrees_with_jsonschema(path: Path) -> None:
    """jsonschema-rs decides validity alone; python-jsonschema must never find errors it let through."""
    from generator.loader import load_file
    from generator.schemas import _coerce, schema

    loaded, _ = load_file(path, path.name)
    if loaded is None:
        return
    kind = "county" if path.name == "county.yaml" else "item" if path.parent.name == "items" else "township"
    compiled = schema(kind)
    data = _coerce(loaded.data, compiled.raw, compiled.raw)
    assert compiled.gate.is_valid(data) == (not list(compiled.validator.iter_errors(data)))


def test_shared_definitions_are_the_same_in_every_schema() -> None:
    """Each schema file stands alone (editors read one at a time), so the definitions
    several need are copied into each: the copies must not drift apart."""
    schemas = {p.name: load(p) for p in SCHEMAS}
    names = {name for raw in schemas.values() for name in raw.get("$defs", {})}
    for name in sorted(names):
        copies = {file: raw["$defs"][name] for file, raw in schemas.items() if name in raw.get("$defs", {})}
        first = next(iter(copies.values()))
        assert all(copy == first for copy in copies.values()), f"$defs/{name} differs between {sorted(copies)}"
