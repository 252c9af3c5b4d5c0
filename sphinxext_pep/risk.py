"""``pep-risk-table``: a proposal's risks, with an optional heat map (SPEC §6).

The directive reads rows of pipe-separated cells, so that seed 002's
"Risks and Mitigations" Markdown table pastes in as it is (outer pipes
optional; a header row and a ``|---|`` row skipped; a recognised header row
may also reorder the columns). It builds, at parse time, a format-neutral
table with level badges inside a :class:`pep_risk_table` node that carries the
parsed rows and their problems.

Once the document's proposal is read (:mod:`sphinxext_pep.collector`, after
the header and the history) the problems are reported as ``pep.risk`` at each
row's line, with the proposal id in front, and the rows become the proposal
record's :class:`~sphinxext_pep.core.model.Risk` records.

Two post-transforms then unwrap the node, in the sphinx-design manner: the
HTML one (``formats = ("html",)``) puts the probability × impact heat map of
``:matrix:`` in front of the table; the generic one, which runs after it,
leaves every other builder the table alone.

A risk table outside a proposal is allowed (a project-wide risk register is
a fine use): it is rendered and checked like any other, its warnings start
with ``pep-risk-table`` (as ``pep-status-history``'s do), and its rows are
not stored, as they belong to no proposal.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_design.badges_buttons import create_bdg_classes

from sphinxext_pep.badges import level_badge, level_colour
from sphinxext_pep.config import get_settings
from sphinxext_pep.core.model import Risk
from sphinxext_pep.core.pipe_rows import is_separator, split_row
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.risks import (
    COLUMN_TITLES,
    COLUMNS,
    cell_count_problem,
    header_columns,
    read_risk,
    severity,
)
from sphinxext_pep.locale import _, ngettext
from sphinxext_pep.reporter import report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal


class pep_risk_table(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A risk table before rendering: its table, plus what the checks need.

    Attributes: ``risks`` (tuple of :class:`Risk`), ``problems`` (tuple of
    :class:`~sphinxext_pep.core.problems.Problem`), ``matrix`` (bool),
    ``levels`` (the levels in order),
    ``cells`` (``(name, probability rank, impact rank, row id)`` of every risk
    the heat map can place) and ``unplaced`` (names of those it cannot).
    """


class PepRiskTableDirective(SphinxDirective):
    """``.. pep-risk-table::`` with rows ``| Risk | Probability | Impact | Mitigation |``."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "matrix": directives.flag,
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        settings = get_settings(self.config)
        levels = settings.risk_levels
        serial = self.env.new_serialno("pep-risk-table")
        prefix = nodes.make_id(f"pep-risk-{self.env.docname}-{serial}")

        problems: list[Problem] = []
        rows: list[tuple[tuple[str, ...], Location]] = []
        order: tuple[str, ...] = COLUMNS
        lines = list(self.content)
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            cells = split_row(line)
            if is_separator(cells):
                continue
            next_cells = self._next_cells(lines, index)
            header = header_columns(cells)
            if header or (next_cells is not None and is_separator(next_cells)):
                # A header row; one that names the columns sets their order.
                order = header or order
                continue
            rows.append((cells, Location.in_file(*self._line_info(index))))

        if not rows:
            problems.append(
                Problem(
                    Subtype.RISK,
                    "the risk table has no rows; write one "
                    "'| Risk | Probability | Impact | Mitigation |' row per risk",
                    Location.in_file(str(self.get_source_info()[0] or ""), self.lineno),
                )
            )

        table, body = self._table(settings)
        risks: list[Risk] = []
        cells_placed: list[tuple[str, int, int, str]] = []
        unplaced: list[str] = []
        for number, (written, location) in enumerate(rows, start=1):
            row_id = f"{prefix}-{number}"
            good_count = len(written) == len(COLUMNS)
            padded = list(written)
            if not good_count:
                problems.append(cell_count_problem(len(written), order, location))
                padded = [*padded[: len(COLUMNS) - 1], " | ".join(padded[len(COLUMNS) - 1 :])]
                padded += [""] * (len(COLUMNS) - len(padded))
            values = dict(zip(order, padded, strict=True))
            lineno = location.line or self.lineno
            parsed = {
                column: self._inline(values[column], lineno) for column in ("risk", "mitigation")
            }
            # Text as written: a markup error's system_message is not part of it.
            name = "".join(
                n.astext() for n in parsed["risk"] if not isinstance(n, nodes.system_message)
            ).strip()
            mitigation = "".join(
                n.astext() for n in parsed["mitigation"] if not isinstance(n, nodes.system_message)
            ).strip()
            reading = read_risk(
                name,
                values["probability"],
                values["impact"],
                mitigation,
                number=number,
                levels=levels,
                location=location,
            )
            shown = {"probability": reading.risk.probability, "impact": reading.risk.impact}
            if good_count:  # a misshapen row is reported once, for its shape
                problems.extend(reading.problems)

            row = nodes.row(ids=[row_id])
            row += self._entry(parsed["risk"], values["risk"], location.path, lineno)
            for column in ("probability", "impact"):
                badge = level_badge(shown[column], levels) if shown[column] else None
                row += self._entry([badge] if badge is not None else [])
            row += self._entry(parsed["mitigation"], values["mitigation"], location.path, lineno)
            body += row

            unnamed = _("Row {number}").format(number=number)
            if good_count:
                risks.append(reading.risk)
                probability, impact = reading.probability, reading.impact
                if probability is not None and impact is not None:
                    cells_placed.append((name or unnamed, probability, impact, row_id))
                else:
                    unplaced.append(name or unnamed)
            else:
                unplaced.append(name or unnamed)

        node = pep_risk_table(
            "",
            table,
            risks=tuple(risks),
            problems=tuple(problems),
            matrix="matrix" in self.options,
            levels=tuple(levels),
            cells=tuple(cells_placed),
            unplaced=tuple(unplaced),
            caption=self.options.get("caption", ""),
        )
        node.source, node.line = self.get_source_info()
        table.source, table.line = node.source, node.line
        self.add_name(table)
        return [node]

    def _line_info(self, index: int) -> tuple[str, int]:
        """The source file and 1-based line of content line *index*.

        docutils keeps each line's own file and offset (right inside an
        ``include``); MyST numbers its content from 0 and gives
        ``content_offset`` relative to the directive's opening line.
        """
        source, offset = self.content.info(index)
        if type(self.state).__module__.startswith("myst_parser"):
            lineno = self.lineno + 1 + self.content_offset + index
        else:
            lineno = (offset or 0) + 1
        return str(source or self.env.doc2path(self.env.docname)), lineno

    @staticmethod
    def _next_cells(lines: Sequence[str], index: int) -> tuple[str, ...] | None:
        for line in lines[index + 1 :]:
            if line.strip():
                return split_row(line)
        return None

    def _inline(self, text: str, lineno: int) -> list[nodes.Node]:
        if not text:
            return []
        parsed, messages = self.state.inline_text(text, lineno)
        return [*parsed, *messages]

    @staticmethod
    def _entry(
        children: Sequence[nodes.Node], text: str = "", source: str = "", line: int = 0
    ) -> nodes.entry:
        # With its text and location, a cell is a message for Sphinx's gettext
        # builder and is translated by its Locale transform (locale_dirs).
        paragraph = nodes.paragraph(text.strip())
        if text.strip():
            paragraph.source, paragraph.line = source, line
        paragraph.extend(children)
        return nodes.entry("", paragraph)

    def _table(self, settings: Any) -> tuple[nodes.table, nodes.tbody]:
        classes = ["pep-risk-table", "colwidths-auto", *self.options.get("class", [])]
        table = nodes.table(classes=classes)
        caption = self.options.get("caption")
        if caption:
            title_nodes, messages = self.state.inline_text(caption, self.lineno)
            table += nodes.title(caption, "", *title_nodes)
            table += messages
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        for width, column in zip((30, 12, 12, 46), COLUMNS, strict=True):
            # Wide enough for the heading in the project's language (text builder).
            width = max(width, column_width(_(COLUMN_TITLES[column])))
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        header = nodes.row()
        for column in COLUMNS:
            title = _(COLUMN_TITLES[column])
            header += nodes.entry("", nodes.paragraph(title, title))
        head += header
        body = nodes.tbody()
        group += body
        return table, body


def read_risks(
    env: BuildEnvironment, doctree: nodes.document, proposal: Proposal | None
) -> tuple[Risk, ...]:
    """Report the document's risk-table problems; the proposal's risks.

    A risk table outside a proposal is checked alike, its warnings starting
    with the directive's name; its rows belong to no proposal.
    """
    tables = list(doctree.findall(pep_risk_table))
    if not tables:
        return ()
    if proposal is not None:
        subject = get_settings(env.config).proposal_id(proposal.label, proposal.number)
        exempt = proposal.exempt
    else:
        subject, exempt = "pep-risk-table", frozenset()
    report([p for table in tables for p in table["problems"]], subject, exempt=exempt)
    if proposal is None:
        return ()
    return tuple(risk for table in tables for risk in table["risks"])


# -- rendering ---------------------------------------------------------------


def _badge_html(level: str, levels: Sequence[str]) -> str:
    classes = create_bdg_classes(level_colour(level, levels), outline=False)
    return f'<span class="{" ".join(classes)} pep-level">{escape(level)}</span>'


#: The heat map's severity bands, as shown (the keys are its CSS classes).
_BANDS = {
    "low": _("low"),
    "medium": _("medium"),
    "high": _("high"),
    "critical": _("critical"),
}


def heat_map_html(
    levels: Sequence[str],
    cells: Sequence[tuple[str, int, int, str]],
    unplaced: Sequence[str],
    caption: str = "",
) -> str:
    """The heat map: impact rows (highest on top) × probability columns.

    A real table: a caption, column and row headers with scopes, and in each
    cell the number of risks and their names (linked to their rows), so the
    colour is never the only carrier of meaning.
    """
    count = len(levels)
    grid: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for name, probability, impact, row_id in cells:
        grid.setdefault((probability, impact), []).append((name, row_id))
    total = len(cells) + len(unplaced)
    if caption:
        title = ngettext(
            "{caption} \u2013 risk heat map: {count} risk by probability and impact",
            "{caption} \u2013 risk heat map: {count} risks by probability and impact",
            total,
        ).format(caption=caption, count=total)
    else:
        title = ngettext(
            "Risk heat map: {count} risk by probability and impact",
            "Risk heat map: {count} risks by probability and impact",
            total,
        ).format(count=total)
    out = [
        '<div class="pep-risk-matrix-wrap">',
        '<table class="pep-risk-matrix">',
        f"<caption>{escape(title)}</caption>",
        "<thead>",
        '<tr><td class="pep-rm-corner" colspan="2" rowspan="2"></td>'
        f'<th class="pep-rm-axis pep-rm-axis-x" colspan="{count}" scope="colgroup">'
        f"{escape(_('Probability'))} \u2192</th></tr>",
        "<tr>",
    ]
    for level in levels:
        out.append(f'<th class="pep-rm-level" scope="col">{_badge_html(level, levels)}</th>')
    out += ["</tr>", "</thead>", "<tbody>"]
    for impact in reversed(range(count)):
        out.append("<tr>")
        if impact == count - 1:
            out.append(
                f'<th class="pep-rm-axis pep-rm-axis-y" rowspan="{count}" scope="rowgroup">'
                f"<span>{escape(_('Impact'))} \u2192</span></th>"
            )
        level = levels[impact]
        out.append(f'<th class="pep-rm-level" scope="row">{_badge_html(level, levels)}</th>')
        for probability in range(count):
            band = severity(probability, impact, count)
            shown_band = str(_BANDS[band])
            found = grid.get((probability, impact), [])
            tip = ngettext(
                "Probability {probability}, impact {impact}: {count} risk (severity {band})",
                "Probability {probability}, impact {impact}: {count} risks (severity {band})",
                len(found),
            ).format(
                probability=levels[probability], impact=level, count=len(found), band=shown_band
            )
            classes = f"pep-rm-cell pep-rm-{band}" + ("" if found else " pep-rm-empty")
            out.append(f'<td class="{classes}" title="{escape(tip)}">')
            if found:
                # Screen readers hear the count and these words as one phrase.
                words = ngettext(
                    "risk, severity {band}:", "risks, severity {band}:", len(found)
                ).format(band=shown_band)
                out.append(
                    f'<span class="pep-rm-count">{len(found)}'
                    f'<span class="pep-rm-sr"> {escape(words)}</span></span>'
                )
                out.append('<ul class="pep-rm-names">')
                for name, row_id in found:
                    out.append(f'<li><a href="#{escape(row_id)}">{escape(name)}</a></li>')
                out.append("</ul>")
            else:
                words = _("no risks, severity {band}").format(band=shown_band)
                out.append(f'<span class="pep-rm-sr">{escape(words)}</span>')
            out.append("</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    legend = " ".join(
        f'<span class="pep-rm-swatch pep-rm-{band}">{escape(str(label))}</span>'
        for band, label in _BANDS.items()
    )
    heading = escape(_("Severity (probability \u00d7 impact):"))
    out.append(f'<p class="pep-rm-legend">{heading} {legend}</p>')
    if unplaced:
        names = ", ".join(escape(name) for name in unplaced)
        heading = escape(_("Not in the heat map (a level is unknown or the row is malformed):"))
        out.append(f'<p class="pep-rm-unplaced">{heading} {names}</p>')
    out.append("</div>")
    return "\n".join(out)


class RenderRiskTablesHTML(SphinxPostTransform):
    """HTML: the heat map (with ``:matrix:``) in front of the table."""

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_risk_table)):
            replacement: list[nodes.Node] = []
            if node["matrix"]:
                # The names as the table shows them: translated (locale_dirs), if so.
                shown = {
                    row["ids"][0]: row[0].astext().strip()
                    for row in node.findall(nodes.row)
                    if row["ids"]
                }
                cells = [
                    (shown.get(row_id) or name, probability, impact, row_id)
                    for name, probability, impact, row_id in node["cells"]
                ]
                html = heat_map_html(
                    node["levels"], cells, node["unplaced"], node.get("caption", "")
                )
                raw = nodes.raw("", html, format="html")
                raw.source, raw.line = node.source, node.line
                replacement.append(raw)
            replacement.extend(node.children)
            node.replace_self(replacement)


class RenderRiskTablesPlain(SphinxPostTransform):
    """Every other builder: the table alone."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_risk_table)):
            node.replace_self(node.children)


def setup_risk(app: Sphinx) -> None:
    app.add_node(pep_risk_table)
    app.add_directive("pep-risk-table", PepRiskTableDirective)
    app.add_post_transform(RenderRiskTablesHTML)
    app.add_post_transform(RenderRiskTablesPlain)
