"""``pep-stats``: how the process is doing, as small bar charts with their numbers beside them.

The directive reads the filters of ``pep-index`` (and ``:oldest:``, how many
of the oldest open proposals to list) and leaves a :class:`pep_stats`
placeholder on a listing page. The post-transforms fill it from the numbers
of :mod:`sphinxext_pep.core.stats`: five parts, each a heading, an inline
SVG bar chart (HTML only, hidden from screen readers) and the table of its
numbers (every builder) —

* proposals per status group, and per status;
* proposals created per quarter;
* median and 90th-percentile days to a decision and to delivery;
* the oldest open proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.captions import caption, plain_heading
from sphinxext_pep.config import get_settings
from sphinxext_pep.core.stats import DEFAULT_OLDEST, Durations, Stats, bar_length, compute
from sphinxext_pep.core.timeline import shorten
from sphinxext_pep.domain import get_domain
from sphinxext_pep.index_table import GROUP_TITLES, proposal_link, selected_proposals
from sphinxext_pep.locale import _, ngettext
from sphinxext_pep.pictures import (
    GROUP_FILLS,
    PictureDirective,
    data_table,
    group_class,
    html_block,
    num,
    picture_date,
    svg_open,
    text,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinxext_pep.config import PepSettings

#: Horizontal bar charts: natural width, row height, bar height, the room
#: kept right of the longest bar for its number, the widest label column.
HBAR_WIDTH = 320.0
HBAR_ROW = 20.0
HBAR_HEIGHT = 14.0
VALUE_ROOM = 40.0
MAX_LABEL_WIDTH = 130.0
CHAR = 6.2
#: The quarter chart: the plot's height, the band under it (years), each bar's slot.
COLUMN_PLOT = 110.0
COLUMN_AXIS = 18.0
COLUMN_SLOT = 22.0
COLUMN_GAP = 4.0
#: The quarter columns count proposals of every status: one colour.
ALL_FILL = "#4a6fa5"


class pep_stats(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-stats`` goes: ``options`` (the filters) and ``oldest``."""


class PepStatsDirective(PictureDirective):
    """``.. pep-stats::`` with ``:status:``, ``:type:``, ``:template:`` and ``:oldest:``."""

    own_options = ("oldest",)

    def run(self) -> list[nodes.Node]:
        node = pep_stats()
        node["options"] = self.selection()
        node["oldest"] = self._oldest()
        return [self.placeholder(node)]

    def _oldest(self) -> int:
        raw = (self.options.get("oldest") or "").strip()
        if not raw:
            return DEFAULT_OLDEST
        if raw.isascii() and raw.isdigit() and len(raw) <= 4:
            return int(raw)
        self._warn(
            f":oldest: takes how many open proposals to list (0 to 9999), not {raw!r}; "
            f"listing {DEFAULT_OLDEST}"
        )
        return DEFAULT_OLDEST


# -- charts ------------------------------------------------------------------------


def hbar_svg(
    rows: Sequence[tuple[str, float, str | None, str]],
    label: str,
    widest_label: float = MAX_LABEL_WIDTH,
) -> str:
    """Horizontal bars: ``(label, value, group, tooltip)`` a row, the value after each bar."""
    longest = max((len(row[0]) for row in rows), default=0)
    label_width = min(widest_label, longest * CHAR + 8)
    full = HBAR_WIDTH - label_width - VALUE_ROOM
    largest = max((row[1] for row in rows), default=0)
    height = len(rows) * HBAR_ROW + 4
    out = [svg_open(HBAR_WIDTH, height, label, "pep-stats-svg pep-hbar")]
    for index, (name, value, group, tip) in enumerate(rows):
        y = 2 + index * HBAR_ROW
        length = bar_length(value, largest, full)
        baseline = y + HBAR_HEIGHT - 3
        shown = shorten(name, label_width - 8, CHAR)
        out += [
            f'<g class="pep-bar-row"><title>{text(tip)}</title>',
            f'<text class="pep-bar-label" x="{num(label_width - 6)}" y="{num(baseline)}" '
            f'text-anchor="end">{text(shown)}</text>',
            f'<rect class="pep-bar {group_class(group)}" x="{num(label_width)}" y="{num(y)}" '
            f'width="{num(length)}" height="{num(HBAR_HEIGHT)}" fill="{GROUP_FILLS[group]}"'
            f' data-value="{text(num(value))}"/>',
            f'<text class="pep-bar-value" x="{num(label_width + length + 4)}" '
            f'y="{num(baseline)}">{text(num(value))}</text>',
            "</g>",
        ]
    out.append("</svg>")
    return "\n".join(out)


def quarter_svg(stats: Stats, label: str) -> str:
    """One column per quarter, the year under its first quarter."""
    quarters = stats.per_quarter
    width = max(HBAR_WIDTH, len(quarters) * COLUMN_SLOT + 8)
    height = COLUMN_PLOT + COLUMN_AXIS
    largest = max((q.count for q in quarters), default=0)
    out = [svg_open(width, height, label, "pep-stats-svg pep-columns")]
    out.append(
        f'<line class="pep-axis" x1="4" y1="{num(COLUMN_PLOT)}" x2="{num(width - 4)}" '
        f'y2="{num(COLUMN_PLOT)}"/>'
    )
    for index, quarter in enumerate(quarters):
        x = 4 + index * COLUMN_SLOT + COLUMN_GAP / 2
        bar = bar_length(quarter.count, largest, COLUMN_PLOT - 16)
        out.append(
            f'<rect class="pep-bar pep-group-all" x="{num(x)}" y="{num(COLUMN_PLOT - bar)}" '
            f'width="{num(COLUMN_SLOT - COLUMN_GAP)}" height="{num(bar)}" fill="{ALL_FILL}" '
            f'data-quarter="{quarter.label}" data-value="{quarter.count}">'
            f"<title>{text(quarter.label)}: {quarter.count}</title></rect>"
        )
        if quarter.count:
            out.append(
                f'<text class="pep-bar-value" x="{num(x + (COLUMN_SLOT - COLUMN_GAP) / 2)}" '
                f'y="{num(COLUMN_PLOT - bar - 3)}" text-anchor="middle">{quarter.count}</text>'
            )
        if quarter.quarter == 1 or index == 0:
            out.append(
                f'<text class="pep-axis-label" x="{num(x)}" y="{num(height - 4)}">'
                f"{quarter.year:04d}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)


# -- the parts: heading, chart (HTML), table ---------------------------------------


def _days(value: float | None) -> str:
    return "" if value is None else num(value)


def parts(
    stats: Stats, settings: PepSettings, docname: str
) -> list[tuple[str, str | None, nodes.table]]:
    """``(heading, SVG or None, table)`` for each part that has something to show."""
    found: list[tuple[str, str | None, nodes.table]] = []
    heading = str(_("Proposals by status group"))
    group_rows = [(str(GROUP_TITLES[c.group]), c.count, c.group) for c in stats.by_group]
    found.append(
        (
            heading,
            hbar_svg([(n, v, g, f"{n}: {v}") for n, v, g in group_rows], heading),
            data_table(
                [str(_("Status group")), str(_("Proposals"))],
                [[n, str(v)] for n, v, _g in group_rows],
                ["pep-stats-table", "pep-stats-groups"],
            ),
        )
    )
    heading = str(_("Proposals by status"))
    found.append(
        (
            heading,
            hbar_svg(
                [(c.status, c.count, c.group, f"{c.status}: {c.count}") for c in stats.by_status],
                heading,
            ),
            data_table(
                [str(_("Status")), str(_("Status group")), str(_("Proposals"))],
                [[c.status, str(GROUP_TITLES[c.group]), str(c.count)] for c in stats.by_status],
                ["pep-stats-table", "pep-stats-statuses"],
            ),
        )
    )
    if stats.per_quarter:
        heading = str(_("Proposals created per quarter"))
        found.append(
            (
                heading,
                quarter_svg(stats, heading),
                data_table(
                    [str(_("Quarter")), str(_("Proposals"))],
                    ([[str(_("Earlier")), str(stats.earlier)]] if stats.earlier else [])
                    + [[q.label, str(q.count)] for q in stats.per_quarter],
                    ["pep-stats-table", "pep-stats-quarters"],
                ),
            )
        )
    milestones: list[tuple[str, Durations]] = [
        (str(_("First status to accepted")), stats.to_decision),
        (str(_("Accepted to done")), stats.to_delivery),
    ]
    heading = str(_("Days between milestones"))
    # The chart's labels are short ("To accepted, median"); the table has the full names.
    short = {
        "decision": (str(_("To accepted, median")), str(_("To accepted, 90th pct."))),
        "delivery": (str(_("To done, median")), str(_("To done, 90th pct."))),
    }
    bars: list[tuple[str, float, str | None, str]] = []
    for (name, durations), key, group in zip(
        milestones, ("decision", "delivery"), ("accepted", "done"), strict=True
    ):
        if durations.count:
            for words, value in zip(short[key], (durations.median, durations.p90), strict=True):
                bars.append((words, float(value or 0), group, f"{name}: {words}, {_days(value)}"))
    found.append(
        (
            heading,
            hbar_svg(bars, heading, widest_label=170) if bars else None,
            data_table(
                [
                    str(_("Milestone")),
                    str(_("Proposals")),
                    str(_("Median days")),
                    str(_("90th percentile days")),
                ],
                [[name, str(d.count), _days(d.median), _days(d.p90)] for name, d in milestones],
                ["pep-stats-table", "pep-stats-milestones"],
            ),
        )
    )
    if stats.oldest_open:
        heading = str(_("Oldest open proposals"))
        rows: list[list[nodes.Node | str]] = []
        ages: list[tuple[str, float, str | None, str]] = []
        for item in stats.oldest_open:
            proposal = item.proposal
            pid = settings.proposal_id(proposal.label, proposal.number)
            rows.append(
                [
                    proposal_link(proposal, pid, docname),
                    proposal.title,
                    proposal.status,
                    item.since.isoformat(),
                    str(item.days),
                ]
            )
            ages.append((pid, float(item.days), proposal.status_group, f"{pid}: {item.days}"))
        found.append(
            (
                heading,
                hbar_svg(ages, heading),
                data_table(
                    [
                        str(_("Proposal")),
                        str(_("Title")),
                        str(_("Status")),
                        str(_("Created")),
                        str(_("Days open")),
                    ],
                    rows,
                    ["pep-stats-table", "pep-stats-oldest"],
                ),
            )
        )
    return found


def _stats_of(transform: SphinxPostTransform, node: pep_stats) -> Stats:
    settings = get_settings(transform.config)
    chosen = selected_proposals(
        get_domain(transform.env).iter_proposals(), node["options"], settings
    )
    return compute(chosen, settings, picture_date(transform.env), node["oldest"])


def _nothing() -> nodes.paragraph:
    none = _("No proposals.")
    return nodes.paragraph("", "", nodes.emphasis(none, none))


def _summary(stats: Stats) -> nodes.paragraph:
    words = ngettext("{count} proposal in all.", "{count} proposals in all.", stats.total).format(
        count=stats.total
    )
    return nodes.paragraph(words, words, classes=["pep-stats-total"])


class FillStatsHTML(SphinxPostTransform):
    """HTML: each part's chart beside its table."""

    default_priority = 7  # before ReferencesResolver (10) links the tables
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_stats)):
            stats = _stats_of(self, node)
            if not stats.total:
                node.replace_self(_nothing())
                continue
            block = nodes.container(classes=["pep-picture", "pep-stats"])
            block += _summary(stats)
            for heading, svg, table in parts(stats, get_settings(self.config), node["docname"]):
                part = nodes.container(classes=["pep-stats-part"])
                # A real heading (the rubric of other builders is only bold text),
                # and the table named by the same words.
                part += plain_heading(heading, heading, classes=["pep-stats-heading"])
                table.insert(0, caption(heading, hidden=True))
                row = nodes.container(classes=["pep-stats-row"])
                if svg is not None:
                    row += html_block(f'<div class="pep-picture-box">\n{svg}\n</div>', node)
                # A wide table (long titles) scrolls in its own box on a phone.
                row += nodes.container("", table, classes=["pep-table-box"])
                part += row
                block += part
            node.replace_self(block)


class FillStatsPlain(SphinxPostTransform):
    """Every other builder: each part's heading and table."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_stats)):
            stats = _stats_of(self, node)
            if not stats.total:
                node.replace_self(_nothing())
                continue
            replacement: list[nodes.Node] = [_summary(stats)]
            for heading, _svg, table in parts(stats, get_settings(self.config), node["docname"]):
                replacement += [nodes.rubric(heading, heading), table]
            node.replace_self(replacement)


def setup_stats(app: Sphinx) -> None:
    app.add_node(pep_stats)
    app.add_directive("pep-stats", PepStatsDirective)
    app.add_post_transform(FillStatsHTML)
    app.add_post_transform(FillStatsPlain)
