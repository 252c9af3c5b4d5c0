"""``proposals.atom``: an Atom feed of new proposals and status changes (SPEC §9).

Written next to the pages by HTML builders (not EPUB) when ``html_baseurl`` is
set, since Atom wants absolute links and ids. Entries are

* a new proposal, dated by its ``created`` field (or, failing that, its first
  status history row);
* each later status history row (one with a From status), dated by its row.

Newest first, at most :data:`MAX_ENTRIES`. Every date comes from the sources,
never the clock, so two builds of the same sources write the same feed. Text
is escaped by :mod:`xml.etree.ElementTree`, and every text and attribute goes
through :func:`_sub`, which replaces the characters XML forbids (control
characters from ``project``, a history note, ``html_baseurl``), so the feed
is well-formed whatever the sources hold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinxext_pep.config import conf_locator, get_settings
from sphinxext_pep.core.problems import Subtype
from sphinxext_pep.core.text import xml_safe
from sphinxext_pep.domain import get_domain
from sphinxext_pep.export_json import (
    output_clash,
    page_url,
    write_if_changed,
    writes_html_pages,
)
from sphinxext_pep.locale import _
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED_NAME = "proposals.atom"
ATOM_NS = "http://www.w3.org/2005/Atom"
#: The newest entries kept in the feed.
MAX_ENTRIES = 50
#: ``updated`` of a feed with no dated entry: fixed, so the output stays stable.
EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    day: date
    number: int
    series: str
    position: int  # 0 for the new proposal, the history row (1-based) otherwise
    id: str
    title: str
    link: str
    summary: str
    authors: tuple[str, ...]

    @property
    def updated(self) -> str:
        return f"{self.day.isoformat()}T00:00:00Z"


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def feed_entries(app: Sphinx, base: str) -> list[FeedEntry]:
    """Every entry of the feed, newest first (before the :data:`MAX_ENTRIES` cut)."""
    domain = get_domain(app.env)
    settings = get_settings(app.config)
    entries: list[FeedEntry] = []
    for proposal in domain.iter_proposals():
        number = proposal.number or 0
        pid = settings.proposal_id(proposal.label, proposal.number)
        link = urljoin(base, page_url(app.builder, proposal.docname))
        authors = tuple(author.name for author in proposal.authors)
        # The proposal's anchor (``rfc-1``): distinct per series, and what
        # single-series feeds have always used.
        key = f"{base}{FEED_NAME}#{proposal.anchor}"
        rows = proposal.history
        created = proposal.created
        if created is None and rows:
            created = _day(getattr(rows[0], "date", None))
        if created is not None:
            entries.append(
                FeedEntry(
                    created,
                    number,
                    proposal.series,
                    0,
                    f"{key}-new",
                    _("{id}: {title} (new proposal)").format(id=pid, title=proposal.title),
                    link,
                    _("New proposal {id}: {title}. Status: {status}.").format(
                        id=pid, title=proposal.title, status=proposal.status
                    ),
                    authors,
                )
            )
        for position, row in enumerate(rows, start=1):
            source = getattr(row, "from_status", None)
            target = getattr(row, "to_status", "")
            day = _day(getattr(row, "date", None))
            if not source or day is None:
                continue
            notes = getattr(row, "notes", "") or ""
            summary = f"{pid}: {source} \u2192 {target}" + (f". {notes}" if notes else "")
            entries.append(
                FeedEntry(
                    day,
                    number,
                    proposal.series,
                    position,
                    f"{key}-change-{position}",
                    f"{pid}: {proposal.title} ({source} \u2192 {target})",
                    link,
                    summary,
                    authors,
                )
            )
    # Newest first; on one day, by number (then series), then in history order.
    entries.sort(key=lambda e: (-e.day.toordinal(), e.number, e.series, e.position))
    return entries


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    """The one writer of the feed's elements: every text is made XML-safe here."""
    element = ET.SubElement(parent, tag, {name: xml_safe(v) for name, v in attrib.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def build_feed(app: Sphinx, base: str) -> str:
    entries = feed_entries(app, base)[:MAX_ENTRIES]
    config = app.config
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(feed, "id", f"{base}{FEED_NAME}")
    _sub(feed, "title", feed_title(app))
    _sub(feed, "updated", max((e.updated for e in entries), default=EPOCH))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED_NAME}")
    _sub(feed, "link", rel="alternate", type="text/html", href=base)
    author = _sub(feed, "author")
    _sub(author, "name", str(config.project or "sphinxext-pep"))
    _sub(feed, "generator", "sphinxext-pep")
    for item in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", item.title)
        _sub(entry, "updated", item.updated)
        _sub(entry, "link", rel="alternate", type="text/html", href=item.link)
        for name in item.authors:
            _sub(_sub(entry, "author"), "name", name)
        _sub(entry, "summary", item.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def feed_title(app: Sphinx) -> str:
    return _("New proposals and status changes \u2013 {project}").format(project=app.config.project)


def feed_base(app: Sphinx) -> str | None:
    base = (app.config.html_baseurl or "").strip()
    if not base:
        return None
    return base if base.endswith("/") else base + "/"


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_html_pages(app.builder):
        return
    base = feed_base(app)
    if base is None:
        return
    path = (Path(app.outdir) / FEED_NAME).resolve()
    clash = output_clash(app, path)
    if clash is not None:
        reason, where = clash
        warn(
            Subtype.CONFIG,
            f"the feed's file {FEED_NAME!r} {reason}; {FEED_NAME} not written "
            f"(rename what is called {FEED_NAME!r}, or unset html_baseurl to turn the feed off)",
            where or conf_locator(app.confdir)("html_baseurl"),
        )
        return
    write_if_changed(path, build_feed(app, base))


def _advertise(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<link rel="alternate">`` to the feed on the pages that list proposals."""
    if feed_base(app) is None or pagename not in get_domain(app.env).data["listings"]:
        return
    href = context["pathto"](FEED_NAME, 1)
    title = feed_title(app)
    tag = (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="{escape(title)}" href="{escape(href)}" />\n'
    )
    context["metatags"] = context.get("metatags", "") + tag


def setup_feed(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", _advertise)
