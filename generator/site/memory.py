"""Giving memory back to the system between the stages of a large build.

CPython frees objects, but glibc keeps the freed memory for the process unless asked to
return it; a province build that is done with its catalog, or its pages, would otherwise
hold that memory while the next stage (another process) needs its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc


def give_back() -> None:
    """Collect garbage, then return free heap memory to the system (glibc only)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
