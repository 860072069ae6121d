"""Plain data (maps, lists, text) → YAML text the strict loader reads back as the same data,
in the house's style (short lists and maps in flow style), with a comment above each record
that says where it was read.  Deterministic: the same data gives the same bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from generator.model import Key

# Text written plain: no indicator first, no ": " or " #" inside, nothing YAML reads as null
# (the loader keeps every other scalar as text, so 3700000117086 and 2021-06-28 stay plain).
_INDICATOR = re.compile(r"[-?:,\[\]{}#&*!|>'\"%@`\s]")
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_FLOW = 72  # a flow map or list longer than this is written as a block


def scalar(text: str, *, flow: bool = False) -> str:
    plain = (
        text
        and not _INDICATOR.match(text)
        and text == text.strip()
        and ": " not in text and " #" not in text and not text.endswith(":")
        and "\n" not in text and text not in _NULLS
        and not (flow and re.search(r"[,\[\]{}]", text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _flow(value: Any) -> str | None:
    if isinstance(value, str):
        return scalar(value, flow=True)
    if _texts(value):
        text = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    elif isinstance(value, dict) and all(isinstance(v, str) or _texts(v) for v in value.values()):
        parts = [f"{scalar(k, flow=True)}: {_flow(v)}" for k, v in value.items()]
        text = "{" + ", ".join(parts) + "}"
    else:
        return None
    return text if len(text) <= _FLOW else None


def dump(data: Mapping[str, Any], comments: Mapping[Key, str] = {}, head: str = "") -> str:
    """``data`` as a YAML file; ``comments`` by the path of the value they stand above."""
    lines = [f"# {line}" for line in head.splitlines()]
    _map(data, (), 0, comments, lines)
    return "\n".join(lines) + "\n"


def _comment(path: Key, indent: int, comments: Mapping[Key, str], lines: list[str]) -> None:
    if path in comments:
        lines += (" " * indent + f"# {line}" for line in comments[path].splitlines())


def _map(data: Mapping[str, Any], path: Key, indent: int, comments: Mapping[Key, str], lines: list[str], first: str = "") -> None:
    for n, (key, value) in enumerate(data.items()):
        lead = first if n == 0 and first else " " * indent
        if not (n == 0 and first):
            _comment((*path, key), indent, comments, lines)
        flow = _flow(value) if not (isinstance(value, list) and value and not isinstance(value[0], str)) else None
        if flow is not None:
            lines.append(f"{lead}{scalar(key)}: {flow}")
        elif value is None:  # a key written empty (declined:), as the loader read it
            lines.append(f"{lead}{scalar(key)}:")
        elif isinstance(value, dict):
            lines.append(f"{lead}{scalar(key)}:")
            _map(value, (*path, key), indent + 2, comments, lines)
        else:
            lines.append(f"{lead}{scalar(key)}:")
            _list(value, (*path, key), indent + 2, comments, lines)


def _list(data: list[Any], path: Key, indent: int, comments: Mapping[Key, str], lines: list[str]) -> None:
    for n, value in enumerate(data):
        _comment((*path, n), indent, comments, lines)
        if isinstance(value, dict) and value:
            _map(value, (*path, n), indent + 2, comments, lines, first=" " * indent + "- ")
        elif (flow := _flow(value)) is not None:
            lines.append(" " * indent + f"- {flow}")
        else:
            lines.append(" " * indent + "-")
            _list(value, (*path, n), indent + 2, comments, lines)
