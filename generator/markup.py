"""Jinja2 for Markdown pages, where every value printed is escaped unless it is Markup.

Data text ends up in Markdown that MkDocs turns into HTML, so one escape must stop both
languages: every ASCII punctuation character becomes a numeric character reference.
Markdown gives no meaning to ``&#42;``, HTML shows it as ``*``, and no tag, link, table
cell or attribute can be opened by data.  Whitespace runs (newlines too) become one space,
so data can never start a Markdown block of its own, and a value with bidirectional
controls is isolated, so it cannot reorder the words around it.
"""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import urls
from generator.urls import q

TEMPLATES = Path(__file__).resolve().parent / "templates"

_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}
_SPACES = re.compile(r"[\s\x00-\x1f\x7f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def md(value: object) -> Markup:
    """Data text as Markdown that shows exactly this text; Markup passes unchanged."""
    if isinstance(value, Markup):
        return value
    if value is None or isinstance(value, bool):
        # A template printing None or a flag is a template bug, not something to show.
        raise TypeError(f"refusing to print {value!r} into a page")
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    # Names, modes and departments repeat on every page of a county: escape each once.
    return Markup(isolated(_SPACES.sub(" ", text).strip()).translate(_ENTITIES))


# Bidirectional embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENS_ISOLATE = "\u2066\u2067\u2068"
FSI, PDI = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """Text holding bidirectional controls, in an isolate of its own: an override it leaves
    open would otherwise run on into the page's words after it (a code shown backwards).
    A PDI ends every embedding and override opened since its isolate began (UAX #9); one
    more FSI for each PDI the text closes without opening keeps the isolate whole."""
    if not _BIDI.search(text):
        return text
    depth = stray = 0
    for ch in text:
        if ch in _OPENS_ISOLATE:
            depth += 1
        elif ch == PDI:
            depth, stray = (depth - 1, stray) if depth else (0, stray + 1)
    return FSI * (stray + 1) + text + PDI * (depth + 1)


def tel(phone: str) -> Markup:
    """A phone number from the data as a Markdown ``tel:`` link: the text as written, the
    link its digits as given (a leading + kept); no area code is added to a short number."""
    digits = re.sub(r"[^0-9]", "", phone)
    if not digits:  # the schema lets "---" through: nothing to dial
        return md(phone)
    return Markup(f"[{md(phone)}](tel:{'+' if phone.lstrip().startswith('+') else ''}{digits})")


def mailto(email: str) -> Markup:
    """An e-mail address from the data as a Markdown ``mailto:`` link; the address is
    percent-encoded in the link, so nothing in it can end the link or open a tag."""
    return Markup(f"[{md(email)}](mailto:{quote(email, safe='@')})")


def fence(text: str) -> Markup:
    """A fenced YAML code block of the project's own example text (never data): code
    blocks show text literally, so it is not escaped, only kept from closing the fence."""
    if "```" in text:
        raise ValueError("an example may not contain a code fence")
    return Markup(f"```yaml\n{text}\n```")


ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Compiling the templates was half the page-making time of a county's build;
    # Jinja keeps the compiled code in a per-user temporary folder, keyed by the
    # template's checksum, so an edited template is compiled again.
    bytecode_cache=FileSystemBytecodeCache(),
    undefined=StrictUndefined,
    finalize=md,
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.filters.update(md=md, tel=tel, mailto=mailto)
ENV.globals.update(q=q, urls=urls, fence=fence)


def render(template: str, page: str | None = None, /, **context: object) -> str:
    """One template rendered with this context; ``page`` is the path of the page it makes,
    whose links the template writes as ``to(path)``.  Runs of blank lines mean the same as
    one in Markdown; they are collapsed so templates can keep blocks apart without care."""
    if page is not None:
        context["to"] = urls.Links(page)
    return _BLANK_LINES.sub("\n\n", ENV.get_template(template).render(**context))
