"""``pep-timeline``: one lane per proposal, one bar per status of its history.

The directive reads the filters and sort of ``pep-index``
(:class:`~sphinxext_pep.pictures.PictureDirective`) and leaves a
:class:`pep_timeline` placeholder; its page is a listing, rewritten whenever
a proposal changes. Once every document is read, the post-transforms fill it
from the domain, with the layout of :mod:`sphinxext_pep.core.timeline`:

* HTML: an inline SVG (no script, no library) in a box that scrolls on a
  narrow screen, a legend, and the same facts as a table for screen readers;
* every other builder: the table alone.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.timeline import (
    AXIS_HEIGHT,
    BAR_HEIGHT,
    BAR_TOP,
    BOTTOM_HEIGHT,
    MARGIN,
    TICK_LABEL_GAP,
    TITLE_BASELINE,
    Span,
    Timeline,
    layout,
)
from sphinxext_pep.domain import get_domain
from sphinxext_pep.index_table import GROUP_ORDER, GROUP_TITLES, proposal_link, selected_proposals
from sphinxext_pep.locale import _, ngettext
from sphinxext_pep.pictures import (
    GROUP_FILLS,
    PictureDirective,
    current_builder,
    data_table,
    group_class,
    html_block,
    num,
    picture_date,
    proposal_uri,
    svg_open,
    text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from sphinxext_pep.config import PepSettings
    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.index import IndexOptions


class pep_timeline(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-timeline`` goes; ``options``: an :class:`~sphinxext_pep.index.IndexOptions`."""


class PepTimelineDirective(PictureDirective):
    """``.. pep-timeline::`` with ``:status:``, ``:type:``, ``:template:`` and ``:sort:``."""

    picture_options = ("status", "type", "template", "sort")

    def run(self) -> list[nodes.Node]:
        node = pep_timeline()
        node["options"] = self.selection()
        return [self.placeholder(node)]


# -- what the table and the tooltips say ---------------------------------------------


def _span_words(span: Span) -> str:
    end = _("today") if span.current else span.end.isoformat()
    return ngettext(
        "{status}: {start} to {end}, {days} day",
        "{status}: {start} to {end}, {days} days",
        span.days,
    ).format(status=span.status, start=span.start.isoformat(), end=end, days=span.days)


def timeline_table(
    proposals: list[Proposal], timeline: Timeline | None, settings: PepSettings, docname: str
) -> nodes.table:
    """Every status of every proposal, with its dates: the timeline in words."""
    lanes = {lane.proposal.docname: lane for lane in timeline.lanes} if timeline else {}
    rows: list[list[nodes.Node | str]] = []
    for proposal in proposals:
        pid = settings.proposal_id(proposal.label, proposal.number)
        lane = lanes.get(proposal.docname)
        shown = [segment.span for segment in lane.segments] if lane else []
        if not shown:
            rows.append(
                [proposal_link(proposal, pid, docname), proposal.title, proposal.status, "", ""]
            )
        for span in shown:
            rows.append(
                [
                    proposal_link(proposal, pid, docname),
                    proposal.title,
                    span.status,
                    span.start.isoformat(),
                    str(_("today")) if span.current else span.end.isoformat(),
                ]
            )
    headings = [_("Proposal"), _("Title"), _("Status"), _("From"), _("To")]
    return data_table(
        [str(h) for h in headings],
        rows,
        ["pep-timeline-table"],
        caption=str(_("Status timeline")),
    )


# -- SVG -------------------------------------------------------------------------


def timeline_svg(timeline: Timeline, href: Callable[[Proposal], str | None]) -> str:
    """The drawing: ticks on top, a lane per proposal, the today line across."""
    bottom = timeline.height - BOTTOM_HEIGHT
    out = [
        svg_open(timeline.width, timeline.height, _("Status timeline"), "pep-timeline-svg"),
        '<g class="pep-tl-axis">',
    ]
    for tick in timeline.ticks:
        out.append(
            f'<line class="pep-tl-tick" x1="{num(tick.x)}" y1="{num(AXIS_HEIGHT - 8)}" '
            f'x2="{num(tick.x)}" y2="{num(bottom)}"/>'
        )
        if tick.label is not None:
            out.append(
                f'<text class="pep-tl-tick-label" x="{num(tick.x + TICK_LABEL_GAP)}" '
                f'y="{num(AXIS_HEIGHT - 10)}">{text(tick.label)}</text>'
            )
    out.append("</g>")
    for lane in timeline.lanes:
        proposal = lane.proposal
        out.append(f'<g class="pep-tl-lane" data-proposal="{text(proposal.anchor)}">')
        id_text = (
            f'<text class="pep-tl-id" x="{num(MARGIN)}" '
            f'y="{num(lane.y + BAR_TOP + BAR_HEIGHT - 2)}">{text(lane.label)}</text>'
        )
        uri = href(proposal)
        # Out of the tab order: the drawing is hidden from screen readers, and
        # keyboard users reach the same links in the table (shown on focus).
        out.append(f'<a href="{text(uri)}" tabindex="-1">{id_text}</a>' if uri else id_text)
        out.append(
            f'<text class="pep-tl-title" x="{num(timeline.plot_left)}" '
            f'y="{num(lane.y + TITLE_BASELINE)}">{text(lane.title)}'
            f"<title>{text(proposal.title)}</title></text>"
        )
        for segment in lane.segments:
            span = segment.span
            out.append(
                f'<rect class="pep-tl-segment {group_class(span.group)}" '
                f'x="{num(segment.x)}" y="{num(lane.y + BAR_TOP)}" width="{num(segment.width)}" '
                f'height="{num(BAR_HEIGHT)}" fill="{GROUP_FILLS[span.group]}" '
                f'data-status="{text(span.status)}"><title>{text(_span_words(span))}</title></rect>'
            )
        out.append("</g>")
    today_words = _("Today, {date}").format(date=timeline.today.isoformat())
    near_right = timeline.today_x > timeline.plot_right - len(today_words) * 6.2
    anchor, label_x = (
        ("end", timeline.today_x - 3) if near_right else ("start", timeline.today_x + 3)
    )
    out += [
        f'<line class="pep-tl-today" x1="{num(timeline.today_x)}" y1="{num(AXIS_HEIGHT - 8)}" '
        f'x2="{num(timeline.today_x)}" y2="{num(bottom + 6)}"/>',
        f'<text class="pep-tl-today-label" x="{num(label_x)}" y="{num(timeline.height - 4)}" '
        f'text-anchor="{anchor}">{text(today_words)}</text>',
        "</svg>",
    ]
    return "\n".join(out)


def legend_html(groups: set[str | None]) -> str:
    """The colour of each status group shown (colour is never the only signal)."""
    items = "".join(
        f'<span class="pep-legend-item"><span class="pep-swatch {group_class(group)}" '
        f'style="background:{GROUP_FILLS[group]}"></span>{text(GROUP_TITLES[group])}</span>'
        for group in GROUP_ORDER
        if group in groups
    )
    return f'<p class="pep-legend">{items}</p>'


# -- the post-transforms ----------------------------------------------------------


def _chosen(transform: SphinxPostTransform, node: pep_timeline) -> list[Proposal]:
    options: IndexOptions = node["options"]
    domain = get_domain(transform.env)
    return selected_proposals(domain.iter_proposals(), options, get_settings(transform.config))


def _nothing() -> nodes.paragraph:
    none = _("No proposals.")
    return nodes.paragraph("", "", nodes.emphasis(none, none))


class FillTimelineHTML(SphinxPostTransform):
    """HTML: the SVG, its legend, and the table for screen readers."""

    default_priority = 7  # as the index: before ReferencesResolver (10) links the table
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for number, node in enumerate(list(self.document.findall(pep_timeline)), start=1):
            chosen = _chosen(self, node)
            if not chosen:
                node.replace_self(_nothing())
                continue
            settings = get_settings(self.config)
            timeline = layout(chosen, settings, picture_date(self.env))
            docname = node["docname"]
            svg = timeline_svg(timeline, partial(proposal_uri, current_builder(self.env), docname))
            groups = {s.span.group for lane in timeline.lanes for s in lane.segments}
            block = nodes.container(classes=["pep-picture", "pep-timeline"])
            block += html_block(
                f'<div class="pep-picture-box">\n{svg}\n</div>\n{legend_html(groups)}', node
            )
            table = timeline_table(chosen, timeline, settings, docname)
            # A captioned table is numbered with numfig: it needs an id of its own.
            table["ids"] = [f"pep-timeline-table-{number}"]
            block += nodes.container("", table, classes=["pep-sr-only"])
            node.replace_self(block)


class FillTimelinePlain(SphinxPostTransform):
    """Every other builder (text, LaTeX, ...): the table alone."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        for number, node in enumerate(list(self.document.findall(pep_timeline)), start=1):
            chosen = _chosen(self, node)
            if not chosen:
                node.replace_self(_nothing())
                continue
            settings = get_settings(self.config)
            timeline = layout(chosen, settings, picture_date(self.env))
            table = timeline_table(chosen, timeline, settings, node["docname"])
            table["ids"] = [f"pep-timeline-table-{number}"]
            node.replace_self(table)


def setup_timeline(app: Sphinx) -> None:
    app.add_node(pep_timeline)
    app.add_directive("pep-timeline", PepTimelineDirective)
    app.add_post_transform(FillTimelineHTML)
    app.add_post_transform(FillTimelinePlain)
