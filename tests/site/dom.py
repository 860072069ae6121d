"""Built HTML pages read with the standard library's parser, as a small element tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements that have no end tag.
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])
_SPACES = re.compile(r"\s+")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag]

    @property
    def text(self) -> str:
        """The text inside, with runs of whitespace as one space, as a browser shows it."""
        return _SPACES.sub(" ", "".join(self._raw())).strip()

    def _raw(self) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in ("script", "style"):
                yield from child._raw()
            if isinstance(child, Element) and child.tag in ("br", "p", "li", "tr", "td", "th", "h1", "h2", "h3", "div"):
                yield " "


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self.open))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an end tag without a start is ignored
            self.open = node.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def signature(root: Element) -> list[str]:
    """Each element's tag and attribute names, in document order: what data must not change."""
    return [e.tag + "".join(f" {name}" for name in sorted(e.attrs)) for e in root.iter()]


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def seen(text: str) -> str:
    """Text as a reader sees it: whitespace runs as one space, without the invisible
    isolates (FSI, PDI) pages put around text with bidirectional controls."""
    return collapse(text.replace("\u2068", "").replace("\u2069", ""))
