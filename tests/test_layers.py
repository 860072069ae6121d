"""The house rules, read from the source: layers import only downward, nothing imports in
a cycle, and no module but generator/urls.py spells a path of the site."""

from __future__ import annotations

import ast
import itertools
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
README = GENERATOR.parent / "README.md"

# Lowest first; the README's layout section draws the same.  A module may import modules of
# its own layer or below, never above.
LAYERS = (
    ("model",),
    ("problems",),
    ("urls", "blobs", "memo"),
    ("source", "syntax", "loader", "report"),
    ("rules", "schemas", "schema_messages", "assemble", "lists", "guides", "layout"),
    ("catalog",),
    ("markup",),
    ("history",),
    ("site",),
    ("importer",),  # above site: a 备注's scope verbs are site.modes' SCOPE_VERB
    ("commands",),
    ("cli", "__main__"),
)
# What a path of the site looks like: a page, a feed, an export, an asset, the index.
SITE_PATH = re.compile(r"\.(md|html)\b(?!\.j2)|\b(feed\.xml|lookup\.json|downloads/|assets/|pagefind/)|/changes/|(^|/)index(\.|/|$)")
# A literal that may be a path: no spaces, no Chinese (a message may name a file for people).
PATH_LIKE = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef]+")


def _name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generator")
    return found - {"generator"}


def _graph() -> dict[str, set[str]]:
    files = {_name(p): p for p in GENERATOR.rglob("*.py")}
    return {name: _imports(path, set(files)) - {name} for name, path in files.items()}


def _layer(module: str) -> int:
    top = module.split(".")[1] if module != "generator" else ""
    found = [n for n, names in enumerate(LAYERS) if top in names]
    assert found, f"{module} is in no layer: add it to LAYERS and to the README's layout"
    return found[0]


def test_every_module_has_a_layer() -> None:
    for module in _graph():
        if module != "generator":
            _layer(module)


def test_layers_import_only_downward() -> None:
    upward = [
        f"{module} (layer {_layer(module)}) imports {used} (layer {_layer(used)})"
        for module, uses in _graph().items()
        if module != "generator"
        for used in sorted(uses)
        if _layer(used) > _layer(module)
    ]
    assert upward == []


@pytest.mark.parametrize("depth", [2, None], ids=["packages", "modules"])
def test_no_import_cycle(depth: int | None) -> None:
    graph: dict[str, set[str]] = {}
    for module, uses in _graph().items():
        key = ".".join(module.split(".")[:depth])
        graph.setdefault(key, set()).update(u for u in (".".join(u.split(".")[:depth]) for u in uses) if u != key)
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        pytest.fail(f"import cycle: {' → '.join(cycle.args[1])}")


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal but docstrings, with its line."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_site_paths_are_spelled_only_in_urls() -> None:
    spelled = [
        f"{path.relative_to(GENERATOR.parent)}:{line}: {text!r}"
        for path in sorted(GENERATOR.rglob("*.py"))
        if path.name != "urls.py"
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if PATH_LIKE.fullmatch(text) and SITE_PATH.search(text)
    ]
    assert spelled == []


# A Markdown link or an HTML attribute whose target is written out in a template.
_WRITTEN_LINK = re.compile(r"\]\((?!\{\{ to\(|\{\{ url\(|#)|\b(?:href|src|action|data-index)=\"(?!\{\{|\")")


def test_templates_link_through_urls() -> None:
    written = [
        f"{path.relative_to(GENERATOR.parent)}:{n}: {line.strip()}"
        for path in sorted((GENERATOR / "templates").rglob("*.j2"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _WRITTEN_LINK.search(line) or SITE_PATH.search(re.sub(r"\{[{%#].*?[}%#]\}", "", line))
    ]
    assert written == []


def test_the_readme_draws_the_layers() -> None:
    """Every module and package is in the README's drawing, a higher layer above a lower one."""
    text = README.read_text(encoding="utf-8")
    drawing = text.split("### The generator's layers", 1)[1].split("```")[1]
    first = {m.group(1): m.start() for m in reversed(list(re.finditer(r"\b(\w+)(?:\.py\b|/)", drawing)))}
    names = [name for layer in LAYERS for name in layer if name != "__main__"]
    assert [n for n in names if n not in first] == []
    for lower, higher in itertools.pairwise(LAYERS):
        for a in (n for n in lower if n in first):
            assert all(first[b] < first[a] for b in higher if b in first), f"{a} is drawn above a layer over it"


def test_the_readme_stands_alone() -> None:
    """The README leads nowhere outside the repository: no ../ path, and every relative
    link it gives is a file or folder of the repository."""
    text = README.read_text(encoding="utf-8")
    assert "../" not in text
    targets = re.findall(r"\]\((?![a-z][a-z0-9+.-]*:)([^)#\s]+)", text)
    assert [t for t in targets if not (README.parent / t).exists()] == []
