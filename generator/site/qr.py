"""The QR code of a page's address, as inline SVG for the printed 公示 sheet: drawn here,
nothing fetched, and the same address always gives the same bytes."""

from __future__ import annotations

import segno
from markupsafe import Markup

from generator.markup import md


def qr_svg(url: str) -> Markup:
    """``url`` as a QR code (level M, so a worn or smudged print still scans), black on
    white even in the dark scheme, sized by the page's CSS; labelled for screen readers."""
    svg = segno.make(url, error="m", micro=False).svg_inline(border=4, light="#fff", omitsize=True, svgclass=None, lineclass=None)
    return Markup(f'<div class="tc-qr" role="img" aria-label="二维码：{md(url)}">{svg}</div>')
