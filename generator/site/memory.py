"""Memory at province scale: what a build of tens of thousands of pages must let go of.

MkDocs reads every page and renders it to HTML before it writes any (its build runs
``on_page_markdown`` and ``on_page_content`` for all pages, then ``on_page_context`` and
``on_post_page`` for each): a province's Markdown and HTML held together take GBs.  A
large build lets go of each page's Markdown once it is read, keeps the HTML compressed
until its page is written, and returns freed memory to the system between stages.  A
county's build does none of this: its pages fit in memory many times over.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import zlib

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

# Above this many generated files a build keeps its pages lean. Measured on bench/synth.py's
# city (about 1,700 files), in one run: 35.7 s lean, 41.0 s not, 35.0 s at commit 9265f2a.
LARGE = 1_000


def give_back() -> None:
    """Collect garbage, then return free heap memory to the system (glibc only).

    CPython frees objects, but glibc keeps the freed memory for the process unless asked
    to return it; the next stage (another process) needs its own."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class LeanPages:
    """The pages of a large build, each held as little as its stage needs."""

    def __init__(self) -> None:
        self.waiting: dict[str, bytes] = {}  # rendered pages not yet written, compressed

    @staticmethod
    def read(file: File) -> None:
        """The page has read its Markdown: the generated file lets go of it."""
        file.content_string = ""

    def rendered(self, page: Page, html: str) -> str:
        """Keep the page's HTML compressed until its turn to be written comes."""
        self.waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = ""  # read; the title comes from the metadata or the first heading
        return ""

    def restore(self, page: Page) -> None:
        if (packed := self.waiting.pop(page.file.src_uri, None)) is not None:
            page.content = zlib.decompress(packed).decode("utf-8")

    @staticmethod
    def written(page: Page) -> None:
        page.content = ""
