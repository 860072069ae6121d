"""Atom feeds (RFC 4287) of the change log, one for the whole site and one per county, of
one entry per commit and county.  Ids are ``urn:uuid`` names derived from the commit and
the county, so they never change when the site moves; the same history gives the same
bytes.  Entry content is HTML built here, every data text escaped."""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from html import escape

from generator.history.changelog import Event, History
from generator.history.changelog_pages import event_page
from generator.history.describe import FOLD, Line, Section, count_texts, sentence
from generator.markup import isolated
from generator.model import Catalog
from generator.urls import FEED, RECENT, county_changes, county_feed, page_url

ATOM = "http://www.w3.org/2005/Atom"
# Feed readers show about this many; older changes stay on the change-log pages.
ENTRIES = 50
# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = "1970-01-01T00:00:00Z"


def _text(value: str) -> str:
    """A data text for the entries' HTML: escaped, and bidi-isolated so that an override
    left open in a name cannot reverse the words after it in a feed reader."""
    return escape(isolated(value))


def _utc(time: str) -> str:
    """An ISO 8601 time as RFC 3339 in UTC."""
    return datetime.fromisoformat(time).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _id(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'township-catalog:' + name)}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        child.text = _NOT_XML.sub(" ", text)
    return child


def _line_html(line: Line) -> str:
    """A line as ``sentence`` says it, in HTML and without its document (the entry lists them)."""
    shown = {field: _text(getattr(line, field)) for field in ("subject", "before", "after")}  # NONE escapes to itself
    return f"<li>{sentence(replace(line, label=f'<b>{_text(line.label)}</b>', document=None, **shown))}</li>"


def _section_html(section: Section) -> str:
    head = f"<h3>{_text(section.title)}</h3>"
    if len(section.lines) > FOLD:
        return f"{head}<p>{_text('、'.join(section.counts))}</p>"
    flags = [f"<li>⚠️ <b>违反只减不增</b>：{_text(subject)}：{_text(flag)}</li>" for subject, flag in section.flags]
    return head + "<ul>" + "".join([*map(_line_html, section.lines), *flags]) + "</ul>"


def _title(event: Event, found: list[Section]) -> str:
    towns = [isolated(s.title) for s in found if s.township]
    where = "、".join(towns[:3]) + (f"等 {len(towns)} 个乡镇" if len(towns) > 3 else "")
    what = "、".join(count_texts(sum((s.summary for s in found), Counter()))[:3])
    return "：".join(x for x in (isolated(event.county.name), where, what) if x)


def atom_feed(history: History, catalog: Catalog, *, base_url: str, county: str | None = None) -> str:
    """The feed of one county, or of the whole site when ``county`` is None.

    ``base_url`` is the site's address (MkDocs ``site_url``); when empty, links are
    relative to the feed's own place, which feed readers resolve against its URL."""
    path = county_feed(county) if county else FEED
    page = county_changes(county) if county else RECENT

    def href(target: str) -> str:
        url = page_url(target)
        if base_url:
            return base_url.rstrip("/") + "/" + url
        relative = posixpath.relpath(url, posixpath.dirname(path) or ".")
        return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative

    events = [e for e in history.events if county is None or e.county.slug == county][:ENTRIES]
    name = next((c.name for c in catalog.counties if c.slug == county), county) if county else None
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _add(feed, "id", _id(f"feed:{base_url}{path}"))
    _add(feed, "title", f"{name}赋权事项目录变更" if name else "乡镇赋权事项目录：最近更新")
    _add(feed, "updated", _utc(events[0].commit.time) if events else _EPOCH)
    _add(feed, "link", rel="self", href=href(path), type="application/atom+xml")
    _add(feed, "link", rel="alternate", href=href(page), type="text/html")
    _add(_add(feed, "author"), "name", name or "乡镇赋权事项目录")
    if history.note:
        _add(feed, "subtitle", history.note)
    for event in events:
        entry = _add(feed, "entry")
        _add(entry, "id", _id(f"{event.commit.sha}:{event.county.slug}"))
        _add(entry, "title", _title(event, event.sections))
        _add(entry, "updated", _utc(event.commit.time))
        _add(entry, "link", rel="alternate", href=href(event_page(history, event)), type="text/html")
        _add(_add(entry, "author"), "name", event.county.name)
        documents = f"<p>依据文件：{_text('、'.join(event.documents))}</p>" if event.documents else ""
        _add(entry, "content", documents + "".join(_section_html(s) for s in event.sections), type="html")
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
