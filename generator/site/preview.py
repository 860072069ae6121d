"""What ``mkdocs serve`` shows while the data cannot be loaded: the located errors, the
lines ``validate`` prints, on the pages themselves, so that the browser does not keep
showing the last good page.  Every generated page becomes the error page, and the
hand-written pages carry the same errors above their text, until a save that loads."""

from __future__ import annotations

from collections.abc import Iterable

from generator import urls
from generator.markup import TEMPLATES, render
from generator.problems import Problem


def error_page(errors: list[Problem], warnings: int) -> str:
    """A generated page's Markdown while the data is broken."""
    return render("preview_error.md.j2", errors=[p.line() for p in errors], warnings=warnings, whole=True)


def banner(errors: list[Problem], warnings: int) -> str:
    """The errors above a hand-written page's Markdown while the data is broken."""
    return render("preview_error.md.j2", errors=[p.line() for p in errors], warnings=warnings, whole=False)


def broken_tree(errors: list[Problem], warnings: int, pages: Iterable[str]) -> dict[str, str | bytes]:
    """The generated tree while the data is broken: the site's assets, and the error page at
    each of ``pages`` (those of the last tree served, so that the page open in the browser
    reloads into the errors; the home page when there was none)."""
    page = error_page(errors, warnings)
    tree: dict[str, str | bytes] = {asset: (TEMPLATES / asset).read_bytes() for asset in urls.ASSETS}
    tree.update({path: page for path in (sorted(pages) or [urls.HOME])})
    return tree
