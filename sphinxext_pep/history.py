"""``pep-status-history`` and ``pep-lifecycle``: a proposal's status changes (SPEC §3, §6).

The directive reads pipe-separated rows, so the Markdown table of seed 000
pastes in as it is, in RST and in MyST::

    | Date       | From     | To       | Notes            |
    |------------|----------|----------|------------------|
    | 2026-01-15 | —        | Proposed | Initial creation |
    | 2026-02-01 | Proposed | Accepted | Approved         |

A header row and a ``|---|`` row are skipped, the outer pipes are optional and
the first row's From may be empty or a dash. What the directive can do alone
(split rows, parse the notes as inline markup, remember each row's source
line) it does at once; the rest needs the document's proposal and its
template, so once the header is read (:mod:`sphinxext_pep.collector`) the rows
are checked against the template's lifecycle and the header
(:mod:`sphinxext_pep.core.history`), kept on the proposal record as
:class:`~sphinxext_pep.core.model.HistoryEntry` records for the index,
``proposals.json`` and the feed, and replaced by a table.

The table is format-neutral: statuses are sphinx-design badges, which HTML
themes colour and every other builder writes as plain text.

``pep-lifecycle`` tabulates a template's allowed status changes straight from
its data, so documentation of a lifecycle cannot drift from the checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.badges import status_badge
from sphinxext_pep.config import get_settings
from sphinxext_pep.core.history import (
    HistoryRow,
    check_history,
    is_header,
    is_separator,
    split_row,
    status_in,
)
from sphinxext_pep.core.model import HistoryEntry
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.values import parse_date
from sphinxext_pep.directive_input import content_line
from sphinxext_pep.locale import _
from sphinxext_pep.reporter import node_location, report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.core.templates import Template

_COLUMNS = (_("Date"), _("From"), _("To"), _("Notes"))  # lazy: str() them


class pep_status_history(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A history waiting for its proposal; replaced by a table on ``doctree-read``.

    Attributes: ``rows`` (the :class:`~sphinxext_pep.core.history.HistoryRow`
    records of the well-formed rows).
    Children: one ``inline`` per row holding its notes, parsed as inline markup.
    """


class PepStatusHistoryDirective(SphinxDirective):
    """``.. pep-status-history::`` with one pipe row per status change."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = pep_status_history()
        node.source, node.line = self.get_source_info()
        rows: list[HistoryRow] = []
        malformed: list[HistoryRow] = []
        lines = [(text, *content_line(self, i)) for i, text in enumerate(self.content)]
        lines = [item for item in lines if item[0].strip()]
        for index, (text, source, line) in enumerate(lines):
            cells = split_row(text)
            if is_separator(cells):
                continue
            following = split_row(lines[index + 1][0]) if index + 1 < len(lines) else ()
            if not rows and (
                is_header(cells)
                or (following and is_separator(following) and parse_date(cells[0]) is None)
            ):
                continue  # the header row (a row starting with a date is the first change)
            if not 3 <= len(cells) <= 4:
                # Checked here, but warned about with the proposal id, later.
                malformed.append(HistoryRow(cells, Location.in_file(source, line)))
                continue
            row = HistoryRow(cells, Location.in_file(source, line))
            rows.append(row)
            notes = cells[3] if len(cells) == 4 else ""
            # A translatable message (Sphinx's gettext builder and Locale
            # transform) at the row's own line; the table keeps this node.
            inline = nodes.inline(notes, classes=["pep-history-notes"], translatable=True)
            inline.source, inline.line = source, line
            if notes:
                parsed, messages = self.parse_inline(notes, lineno=line)
                inline.extend(parsed)
                inline.extend(messages)
            node += inline
        node["rows"] = rows
        node["malformed"] = malformed
        return [node]


def _badge(template: Template | None, status: str | None) -> nodes.Node:
    if status is None:
        return nodes.Text("\u2014")
    _name, group, _known = status_in(template, status)
    return status_badge(status, group)


def _table(
    columns: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[Sequence[Sequence[nodes.Node]]],
    classes: list[str],
) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(columns))
    table += group
    for width, title in zip(widths, columns, strict=True):
        # Wide enough for the heading in the project's language (text builder).
        group += nodes.colspec(colwidth=max(width, column_width(str(title))))
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    for title in map(str, columns):
        head_row += nodes.entry("", nodes.paragraph(title, title))
    head += head_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            paragraph = nodes.paragraph()
            paragraph.extend(cell)
            row += nodes.entry("", paragraph) if cell else nodes.entry()
        body += row
    return table


def render_history(
    node: pep_status_history, entries: Sequence[HistoryEntry], template: Template | None
) -> nodes.table:
    """Date | From | To | Notes, statuses as badges."""
    rows: list[list[list[nodes.Node]]] = []
    for entry, notes in zip(entries, node.children, strict=True):
        rows.append(
            [
                [nodes.Text(entry.date)],
                [_badge(template, entry.from_status)],
                [_badge(template, entry.to_status)],
                [notes] if notes.children else [],
            ]
        )
    table = _table(_COLUMNS, (14, 18, 18, 50), rows, ["pep-status-history"])
    table.source, table.line = node.source, node.line
    table["ids"] = list(node["ids"])
    return table


def read_history(
    env: BuildEnvironment, doctree: nodes.document, proposal: Proposal | None
) -> tuple[HistoryEntry, ...]:
    """Check and render the document's histories; the proposal's status changes.

    The first ``pep-status-history`` of a proposal is its history; a second
    one, or one outside a proposal, is reported (and still shown).
    """
    histories = list(doctree.findall(pep_status_history))
    if not histories:
        return ()
    settings = get_settings(env.config)
    if proposal is None:
        template = settings.template(None)
        subject, exempt = "pep-status-history", frozenset[str]()
    else:
        template = settings.template(proposal.template)
        subject = settings.proposal_id(proposal.label, proposal.number)
        exempt = proposal.exempt
    kept: tuple[HistoryEntry, ...] = ()
    problems: list[Problem] = []

    def warn(message: str, where: Location) -> None:
        problems.append(Problem(Subtype.HISTORY, message, where))

    for number, node in enumerate(histories):
        where = node_location(node, env.docname)
        row: HistoryRow
        for row in node["malformed"]:
            count = len(row.cells)
            warn(
                f"a status history row has {count} cell{'s' if count != 1 else ''}"
                f" ({' | '.join(row.cells)}); write Date | From | To | Notes",
                row.location,
            )
        if proposal is None:
            warn(
                "a status history outside a proposal: this document has no pep-header, "
                "so there is no status to check the history against",
                where,
            )
            entries = check_history(node["rows"], template, None, problems)
        else:
            # An unknown header status is pep.status already: not also a mismatch.
            known = proposal.status if proposal.status_group is not None else None
            entries = check_history(node["rows"], template, known, problems)
            if not entries:
                warn("the status history has no rows", where)
            if number == 0:
                kept = entries
            else:
                warn(
                    f"a second status history in one document; the first, at line "
                    f"{histories[0].line}, is the proposal's",
                    where,
                )
        node.replace_self(render_history(node, entries, template))
    report(problems, subject, exempt=exempt)
    return kept


# -- pep-lifecycle -----------------------------------------------------------------


class PepLifecycleDirective(SphinxDirective):
    """``.. pep-lifecycle::`` -- a template's allowed status changes, as a table."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"template": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        settings = get_settings(self.config)
        name = (self.options.get("template") or "").strip() or None
        template = settings.template(name)
        if template is None:
            source, line = self.get_source_info()
            report(
                [
                    Problem(
                        Subtype.HISTORY,
                        f"unknown template {name!r} "
                        f"(known: {', '.join(sorted(settings.templates))})",
                        Location.in_file(source, line),
                    )
                ],
                "pep-lifecycle",
            )
            return []
        rows: list[list[list[nodes.Node]]] = []
        for status in template.statuses:
            targets = template.next_statuses(status.name)
            moves: list[nodes.Node] = []
            for i, target in enumerate(targets):
                if i:
                    moves.append(nodes.Text(" "))
                moves.append(_badge(template, target))
            if not moves:
                final = _("final")
                moves = [nodes.emphasis(final, final)]
            label: list[nodes.Node] = [status_badge(status.name, status.group)]
            if status.name == template.first_status:
                label.append(nodes.Text(" " + _("(first)")))
            rows.append([label, [nodes.Text(status.group)], moves])
        table = _table(
            (_("Status"), _("Group"), _("May move to")),
            (25, 15, 60),
            rows,
            ["pep-lifecycle", f"pep-template-{template.name}"],
        )
        table.source, table.line = self.get_source_info()
        return [table]


def setup_history(app: Sphinx) -> None:
    app.add_node(pep_status_history)
    app.add_directive("pep-status-history", PepStatusHistoryDirective)
    app.add_directive("pep-lifecycle", PepLifecycleDirective)
