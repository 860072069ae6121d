"""Which townships share what a table gives them.  A table gives each item, in a mode and a
scope, to every 承接单位 or to the townships its 备注 or its sheet names; written in the data's
shapes, the lines given alike to the same townships make one list (those given to every 承接单位
the attachment's own), and a line only one township has is an entry in its file, so that the
resolved catalog is the table's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Entry = dict[str, Any]  # code, mode and scope, as a list or a township file writes them
_OWN_KEYS = frozenset({"code", "mode", "scope", "document"})


@dataclass
class Line:
    """One item in one mode and scope, and the townships (file names) the table gives it so."""

    entry: Entry
    source: str  # where the table gives it, for the comment above it
    townships: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Shares:
    everyone: tuple[Line, ...]  # given to every 承接单位
    lists: tuple[tuple[tuple[str, ...], tuple[Line, ...]], ...]  # several townships, sorted → their lines
    own: dict[str, tuple[Line, ...]]  # one township → its lines


def shares(lines: list[Line], receivers: set[str]) -> Shares:
    """``lines`` grouped by the townships they go to, each group in the table's order."""
    groups: dict[tuple[str, ...], list[Line]] = {}
    for line in lines:
        groups.setdefault(tuple(sorted(line.townships)), []).append(line)
    everyone = groups.pop(tuple(sorted(receivers)), [])
    return Shares(
        tuple(everyone),
        tuple((towns, tuple(group)) for towns, group in groups.items() if len(towns) > 1),
        {towns[0]: tuple(group) for towns, group in groups.items() if len(towns) == 1},
    )


def own_entries(items: list[Entry], own: tuple[Line, ...], listed: dict[str, Entry], owned: set[str], document: str) -> list[Entry]:
    """A township's ``items`` after the table: its own lines written in, each into the entry of
    its item where there is one (keeping what the table does not give, such as the agreement);
    an entry on this document of an item the table holds (``owned``) but gives the township only
    by a list (``listed``) follows the list, and goes where it says nothing else; one the table no
    longer gives the township goes."""
    mine = {line.entry["code"]: line.entry for line in own}
    kept: list[Entry] = []
    for item in items:
        code = item.get("code")
        if code in mine:
            _follow(item, mine.pop(code), document)
        elif code in owned and item.get("document") == document:
            if code not in listed or set(item) <= _OWN_KEYS:
                continue
            _follow(item, listed[code], document)
        kept.append(item)
    kept += ({**entry, "document": document} for entry in mine.values())
    return kept


def _follow(item: Entry, entry: Entry, document: str) -> None:
    item["mode"] = entry["mode"]
    if "scope" in entry:
        item["scope"] = entry["scope"]
    else:
        item.pop("scope", None)
    item["document"] = document
