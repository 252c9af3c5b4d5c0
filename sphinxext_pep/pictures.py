"""What ``pep-timeline`` and ``pep-stats`` share: their options, the build date, SVG and tables.

* **Options**: both read ``:status:``, ``:type:``, ``:template:`` (and the
  timeline ``:sort:``) exactly as ``pep-index`` does — :class:`PictureDirective`
  runs the index's own option reader, so the rules and the warnings are the
  index's, under the picture's name.
* **The build date** (:func:`picture_date`): the day the pictures call
  *today*, the settings' build date (``SOURCE_DATE_EPOCH`` when it is set),
  so two builds of the same sources draw the same picture.
* **SVG**: every text goes through :func:`text` (escaped, never markup), every
  number through :func:`num` (two decimals at most, so output is stable).
* **Tables**: the words that say what a picture shows, as docutils tables —
  beside the picture in HTML, and all that other builders (text, LaTeX) get.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import column_width

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.domain import get_domain
from sphinxext_pep.index import IndexOptions, PepIndexDirective
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal

#: Fill of each status group in the pictures (sphinx-design's palette, as the
#: badges): the ``fill`` attribute is what a reader without the stylesheet
#: sees; the stylesheet sets deeper or lighter tints for light and dark themes.
GROUP_FILLS: Mapping[str | None, str] = {
    "open": "#1f8fb3",
    "accepted": "#3557b7",
    "done": "#2e8540",
    "closed": "#6c757d",
    "deferred": "#c77c00",
    None: "#9a9a9a",
}


def picture_date(env: BuildEnvironment) -> date:
    """The day the pictures call *today*: the settings' build date (``SOURCE_DATE_EPOCH``).

    Read once per build, so every process of a ``-j`` build draws the same
    day; on a build date other than the last build's, the pages that list
    proposals, the pictures' among them, are rewritten (:mod:`sphinxext_pep.staleness`).
    """
    return get_settings(env.config).build_date


class PictureDirective(PepIndexDirective):
    """A directive that shows the proposals ``pep-index`` would, filtered the same way.

    It *is* a ``pep-index`` directive as far as reading options goes: the
    index's own reader (``_read_options``) reads ``:status:``, ``:type:``,
    ``:template:`` and ``:sort:``, with the index's rules and messages, which
    :meth:`_warn` puts under this directive's name. Subclasses name the index
    options they take in :attr:`picture_options` and read their own
    (:attr:`own_options`) themselves; any other option is warned and dropped
    before the index's reader sees it.
    """

    picture_options: tuple[str, ...] = ("status", "type", "template")
    own_options: tuple[str, ...] = ()

    def _warn(self, message: str) -> None:
        warn(Subtype.CONFIG, f"{self.name}: {message}", Location(self.env.docname, self.lineno))

    def selection(self) -> IndexOptions:
        """The filters (and sort) as ``pep-index`` reads them; unknown options warned and left."""
        allowed = (*self.picture_options, *self.own_options)
        for name in list(self.options):
            if name not in allowed:
                self._warn(f"unknown option :{name}: (options: {', '.join(allowed)}); ignored")
                del self.options[name]  # not read as an index option either
        return self._read_options()

    def placeholder(self, node: nodes.Element) -> nodes.Element:
        """*node*, located, for this page; the page is a listing (rewritten on any change)."""
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        # Rewritten whenever any proposal changes (incremental builds).
        get_domain(self.env).set_doc_data("listings", self.env.docname, True)
        return node


# -- SVG -------------------------------------------------------------------------


def text(value: object) -> str:
    """*value* as SVG/HTML text or attribute value: ``<script>`` stays text."""
    return escape(str(value), quote=True)


def num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros (``12``, ``12.5``)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_open(width: float, height: float, label: str, classes: str) -> str:
    """The ``<svg>`` start tag: scalable (viewBox), hidden from screen readers.

    The table beside each picture says what it shows, so the drawing itself
    is ``aria-hidden`` instead of a second, worse reading of the same data.
    """
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'role="img" aria-hidden="true" focusable="false" aria-label="{text(label)}">'
    )


def group_class(group: str | None) -> str:
    return f"pep-group-{group or 'unknown'}"


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder writing the pages (``env._app`` since Sphinx 8.1, ``env.app`` before)."""
    app = env.__dict__.get("_app") or env.__dict__["app"]
    return app.builder


def proposal_uri(builder: Builder, fromdocname: str, proposal: Proposal) -> str | None:
    """The link from *fromdocname* to *proposal*'s header, for HTML builders."""
    try:
        uri = builder.get_relative_uri(fromdocname, proposal.docname)
    except Exception:  # a builder with no notion of pages (none of the HTML ones)
        return None
    # singlehtml's URIs are fragments already: one page holds every anchor.
    return f"{uri.split('#')[0]}#{proposal.anchor}"


# -- tables ------------------------------------------------------------------------


def data_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[nodes.Node | str]],
    classes: Sequence[str],
    caption: str | None = None,
) -> nodes.table:
    """A plain table: a heading row, then one row per item (text or nodes per cell)."""
    table = nodes.table(classes=["colwidths-auto", *classes])
    if caption:
        table += nodes.title(caption, caption)
    tgroup = nodes.tgroup(cols=len(headings))
    table += tgroup
    # Widths in characters (the text builder's unit; LaTeX takes them as ratios).
    for index, heading in enumerate(headings):
        longest = max((column_width(_plain(row[index])) for row in rows), default=0)
        tgroup += nodes.colspec(colwidth=min(max(longest, column_width(heading), 4), 40))
    tgroup += nodes.thead("", _row(list(headings)))
    body = nodes.tbody()
    for row in rows:
        body += _row(list(row))
    tgroup += body
    return table


def _plain(cell: nodes.Node | str) -> str:
    return cell if isinstance(cell, str) else cell.astext()


def _row(cells: list[nodes.Node | str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        paragraph = nodes.paragraph()
        paragraph += nodes.Text(cell) if isinstance(cell, str) else cell
        row += nodes.entry("", paragraph)
    return row


def html_block(html: str, node: nodes.Element) -> nodes.raw:
    raw = nodes.raw("", html, format="html")
    raw.source, raw.line = node.source, node.line
    return raw


def setup_pictures(app: Sphinx) -> None:
    app.add_css_file("sphinxext-pep-pictures.css")
