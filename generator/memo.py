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
        # key → (value, the keys of what making it used, which go where it goes)
        self._last: dict[Hashable, tuple[Any, tuple[Hashable, ...]]] = {}
        self._now: dict[Hashable, tuple[Any, tuple[Hashable, ...]]] = {}
        self._making: list[list[Hashable]] = []

    def turn(self) -> None:
        """Begin the next load; what the last one made and this one does not take is let go."""
        self._last, self._now = self._now, {}

    def get(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """What ``make`` gives, made once for ``key`` (which names every input of ``make``)."""
        if key in self._last:
            self._take(key)
        elif key not in self._now:
            self._making.append([])
            try:
                value = make()
            finally:
                used = tuple(self._making.pop())
            self._now[key] = (value, used)
        if self._making:
            self._making[-1].append(key)
        made: _T = self._now[key][0]
        return made

    def _take(self, key: Hashable) -> None:
        # What a county was made from stays with it, ready for the load that changes it.
        self._now[key] = self._last.pop(key)
        for used in self._now[key][1]:
            if used in self._last:
                self._take(used)

    def put(self, key: Hashable, value: object) -> None:
        """Take ``value`` as made for ``key``, by a load made elsewhere."""
        self._now[key] = (value, ())
