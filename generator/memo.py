"""What one load of a git revision made, by the ids of the objects it was made from, so
that the next revision's load makes again only what changed: walking a history of many
small commits then costs the changes, not the catalog times the commits.  Only what the
last load made or took over is kept, so memory is bounded by two catalogs, not by the
history."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

_T = TypeVar("_T")


class Memo:
    def __init__(self) -> None:
        self._last: dict[Hashable, Any] = {}
        self._now: dict[Hashable, Any] = {}
        self._scopes: dict[Hashable, Memo] = {}

    def turn(self) -> None:
        """Begin the next load; what the last one made and this one does not take is let go."""
        self._last, self._now = self._now, {}

    def get(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """What ``make`` gives, made once for ``key`` (which names every input of ``make``)."""
        if key not in self._now:
            self._now[key] = self._last.pop(key) if key in self._last else make()
        made: _T = self._now[key]
        return made

    def scope(self, name: Hashable) -> Memo:
        """The memo of what makes the part ``name`` (a county's files), turned only when
        the part is made again: a county taken over whole takes its files' results along
        without touching them, and a county made again finds them from its last making."""
        return self._scopes.setdefault(name, Memo())

    def put(self, key: Hashable, value: object) -> None:
        """Take ``value`` as made for ``key``, by a load made elsewhere."""
        self._now[key] = value
