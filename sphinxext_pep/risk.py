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

The post-transforms of :mod:`sphinxext_pep.risk_heatmap` then unwrap the
node: HTML gets the probability × impact heat map of ``:matrix:`` in front of
the table; every other builder the table alone.

A risk table outside a proposal is allowed (a project-wide risk register is
a fine use): it is rendered and checked like any other, its warnings start
with ``pep-risk-table`` (as ``pep-status-history``'s do), and its rows are
not stored, as they belong to no proposal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.badges import level_badge
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
)
from sphinxext_pep.directive_input import content_line
from sphinxext_pep.locale import _
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
            rows.append((cells, Location.in_file(*content_line(self, index))))

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


def setup_risk(app: Sphinx) -> None:
    app.add_node(pep_risk_table)
    app.add_directive("pep-risk-table", PepRiskTableDirective)
