"""A file's own comments, by the path of the record they stand above (as ``emit.dump`` writes
them), so that a file import edits keeps what its clerks wrote in it."""

from __future__ import annotations

from typing import Any

from generator.loader import Loaded
from generator.model import Key


def read(text: str, loaded: Loaded) -> tuple[str, dict[Key, str]]:
    """The comment lines that open the file, and those right above each key or list item."""
    lines = text.splitlines()
    opening = 0
    while opening < len(lines) and lines[opening].lstrip().startswith("#"):
        opening += 1
    head = "\n".join(line.lstrip()[1:].strip() for line in lines[:opening])
    # A list item and the first key of its map start on one line: the comment is the item's.
    first: dict[int, Key] = {}
    for path, (line, _) in sorted(loaded.values.items(), key=lambda p: len(p[0])):
        if path:
            first.setdefault(loaded.keys[path][0] if path in loaded.keys else line, path)
    comments: dict[Key, str] = {}
    for line, path in first.items():
        at = line - 1
        while at > opening and lines[at - 1].lstrip().startswith("#"):
            at -= 1
        if at < line - 1:
            comments[path] = "\n".join(text.lstrip()[1:].strip() for text in lines[at:line - 1])
    return head, comments


def compact(items: list[Any], gone: set[int], path: Key, comments: dict[Key, str]) -> list[Any]:
    """``items`` (the list at ``path``) without the indexes ``gone``, the comments below it following their records."""
    kept = [n for n in range(len(items)) if n not in gone]
    moved = {old: new for new, old in enumerate(kept)}
    size = len(path)
    for key in [k for k in comments if k[:size] == path and len(k) > size]:
        text = comments.pop(key)
        if (index := key[size]) in moved:
            comments[(*path, moved[index], *key[size + 1:])] = text
    return [items[n] for n in kept]
