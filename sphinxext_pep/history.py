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
template, so once the proposal is registered (``doctree-read``, after
:func:`~sphinxext_pep.header.register_proposal`) the rows are checked against
the template's lifecycle and the header, stored in the domain as
:class:`HistoryEntry` records (``histories``) for the index, ``proposals.json``
and the feed, and replaced by a table.

The table is format-neutral: statuses are sphinx-design badges, which HTML
themes colour and every other builder writes as plain text.

``pep-lifecycle`` tabulates a template's allowed status changes straight from
its data, so documentation of a lifecycle cannot drift from the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.badges import status_badge
from sphinxext_pep.config import get_settings
from sphinxext_pep.diagnostics import warn
from sphinxext_pep.domain import get_domain
from sphinxext_pep.locale import _
from sphinxext_pep.values import parse_date

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from sphinx.application import Sphinx

    from sphinxext_pep.templates import Template

#: What a first row may write in its From cell to say "no status yet": nothing,
#: a dash of any width, or the em dash of seed 000 as it arrives mis-decoded.
NO_STATUS = frozenset(
    {"", "-", "--", "\u2014", "\u2013", "\u00e2\u20ac\u201d", "\u00e2\u20ac\u201c"}
)

_SEPARATOR_CELL_RE = re.compile(r"^:?-+:?$")
_COLUMNS = (_("Date"), _("From"), _("To"), _("Notes"))  # lazy: str() them
_DATE_FORMS = "YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY"


@dataclass(frozen=True)
class HistoryEntry:
    """One status change, as stored in the domain (``histories``).

    ``date`` is ISO ``YYYY-MM-DD`` when it could be read, else the text as
    written; statuses are in the template's spelling when they are known.
    """

    date: str
    from_status: str | None
    to_status: str
    notes: str
    lineno: int


@dataclass(frozen=True)
class _Row:
    """A row as written: its cells and where it was written."""

    cells: tuple[str, ...]
    source: str
    line: int


class pep_status_history(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A history waiting for its proposal; replaced by a table on ``doctree-read``.

    Attributes: ``rows`` (the :class:`_Row` records of the well-formed rows).
    Children: one ``inline`` per row holding its notes, parsed as inline markup.
    """


def split_row(line: str) -> tuple[str, ...]:
    """The cells of one pipe row; ``\\|`` is a pipe inside a cell."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return tuple(cell.strip().replace("\\|", "|") for cell in cells)


def is_separator(cells: Sequence[str]) -> bool:
    """``|---|:---:|`` and the like."""
    return all(_SEPARATOR_CELL_RE.match(cell.replace(" ", "")) for cell in cells)


def is_header(cells: Sequence[str]) -> bool:
    return bool(cells) and cells[0].casefold() == "date"


def _location(source: str | None, line: int | None) -> nodes.Element:
    """A node that only carries a source location, for a warning."""
    node = nodes.Element()
    node.source, node.line = source, line
    return node


class PepStatusHistoryDirective(SphinxDirective):
    """``.. pep-status-history::`` with one pipe row per status change."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = pep_status_history()
        node.source, node.line = self.get_source_info()
        rows: list[_Row] = []
        malformed: list[_Row] = []
        lines = [(text, *self._line_info(i)) for i, text in enumerate(self.content)]
        lines = [item for item in lines if item[0].strip()]
        for index, (text, source, line) in enumerate(lines):
            cells = split_row(text)
            if is_separator(cells):
                continue
            following = split_row(lines[index + 1][0]) if index + 1 < len(lines) else ()
            if not rows and (is_header(cells) or (following and is_separator(following))):
                continue  # the header row
            if not 3 <= len(cells) <= 4:
                # Checked here, but warned about with the proposal id, later.
                malformed.append(_Row(cells, source, line))
                continue
            row = _Row(cells, source, line)
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

    def _line_info(self, index: int) -> tuple[str, int]:
        """The source file and 1-based line of content line *index*.

        docutils numbers content lines absolutely; MyST numbers them from the
        directive's first body line (``content_offset`` lines after the fence).
        """
        source, offset = self.content.info(index)
        if type(self.state).__module__.startswith("myst_parser"):
            return source, self.lineno + 1 + self.content_offset + index
        return source, (offset or 0) + 1


# -- checking and rendering, once the proposal is known ----------------------------


@dataclass
class _Checker:
    """Warnings for one history, each at its row, starting with the proposal id."""

    pid: str
    exempt: Collection[str]

    def warn(self, message: str, where: nodes.Element) -> None:
        warn("history", f"{self.pid}: {message}", where, exempt=self.exempt)


def _status(template: Template | None, text: str) -> tuple[str, str | None, bool]:
    """``(name, group, known)``: *text* in the template's spelling if it has it."""
    found = template.find_status(text) if template is not None else None
    if found is None:
        return text, None, False
    return found.name, found.group, True


def check_history(
    rows: Sequence[_Row],
    template: Template | None,
    header_status: str | None,
    checker: _Checker,
) -> tuple[HistoryEntry, ...]:
    """Every ``pep.history`` check of SPEC §6 on *rows*; the entries to store."""
    entries: list[HistoryEntry] = []
    previous_date = None
    previous_to: str | None = None  # canonical, or as written if unknown
    for index, row in enumerate(rows):
        where = _location(row.source, row.line)
        date_text, from_text, to_text = row.cells[:3]
        notes = row.cells[3] if len(row.cells) == 4 else ""
        when = parse_date(date_text)
        if when is None:
            checker.warn(
                f"status history date {date_text!r} is not a date (write {_DATE_FORMS})", where
            )
        elif previous_date is not None and when < previous_date:
            checker.warn(
                f"status history goes back in time: {when.isoformat()} comes after "
                f"{previous_date.isoformat()}; list the changes oldest first",
                where,
            )
        if when is not None:
            previous_date = when

        from_status: str | None = None
        from_known = False
        if from_text not in NO_STATUS:
            from_status, _group, from_known = _status(template, from_text)
        if to_text in NO_STATUS:
            checker.warn("a status history row needs a To status", where)
            to_status, to_known = to_text, False
        else:
            to_status, _group, to_known = _status(template, to_text)
        for text, known in ((from_text, from_known), (to_text, to_known)):
            if text not in NO_STATUS and not known:
                checker.warn(
                    f"unknown status {text!r} in the status history{_choices(template)}", where
                )

        if index == 0:
            if from_status is not None:
                checker.warn(
                    f"the first status history row changes from {from_status!r}: the first row "
                    f"starts the history, so its From is empty or '\u2014'",
                    where,
                )
        else:
            if from_status is None:
                checker.warn(
                    f"status history row has no From status; it should be {previous_to!r}, "
                    f"the To of the row before",
                    where,
                )
            elif previous_to is not None and from_status.casefold() != previous_to.casefold():
                checker.warn(
                    f"status history row changes from {from_status!r}, but the row before "
                    f"ended at {previous_to!r}; each change starts where the one before ended",
                    where,
                )
            moving_from = from_status if from_status is not None else previous_to
            if (
                template is not None
                and moving_from is not None
                and to_known
                and template.find_status(moving_from) is not None
                and not template.may_move(moving_from, to_status)
            ):
                allowed = template.next_statuses(moving_from)
                checker.warn(
                    f"the {template.name!r} lifecycle does not allow {moving_from!r} -> "
                    f"{to_status!r} ({_allowed_text(moving_from, allowed)})",
                    where,
                )
        previous_to = to_status
        entries.append(
            HistoryEntry(
                date=when.isoformat() if when is not None else date_text,
                from_status=from_status,
                to_status=to_status,
                notes=notes,
                lineno=row.line,
            )
        )
    last_known = bool(entries) and _status(template, entries[-1].to_status)[2]
    if (
        last_known
        and header_status
        and entries[-1].to_status.casefold() != header_status.casefold()
    ):
        last = rows[-1]
        checker.warn(
            f"the status history ends at {entries[-1].to_status!r} but the header's status is "
            f"{header_status!r}: add the missing change, or correct the header",
            _location(last.source, last.line),
        )
    return tuple(entries)


def _choices(template: Template | None) -> str:
    if template is None:
        return ""
    return f" (the {template.name!r} template has {', '.join(s.name for s in template.statuses)})"


def _allowed_text(current: str, allowed: Sequence[str]) -> str:
    if not allowed:
        return f"{current!r} is final"
    return f"from {current!r} it may move to {', '.join(allowed)}"


def _badge(template: Template | None, status: str | None) -> nodes.Node:
    if status is None:
        return nodes.Text("\u2014")
    _name, group, _known = _status(template, status)
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


def process_histories(app: Sphinx, doctree: nodes.document) -> None:
    """Check, store and render the document's history (``doctree-read``, after 600)."""
    env = app.env
    histories = list(doctree.findall(pep_status_history))
    if not histories:
        return
    settings = get_settings(env.config)
    domain = get_domain(env)
    proposal = domain.proposal_of(env.docname)
    if proposal is None:
        template = settings.template(None)
        checker = _Checker("pep-status-history", ())
    else:
        template = settings.template(proposal.template)
        checker = _Checker(settings.proposal_id(proposal.label, proposal.number), proposal.exempt)
    for number, node in enumerate(histories):
        row: _Row
        for row in node["malformed"]:
            count = len(row.cells)
            checker.warn(
                f"a status history row has {count} cell{'s' if count != 1 else ''}"
                f" ({' | '.join(row.cells)}); write Date | From | To | Notes",
                _location(row.source, row.line),
            )
        if proposal is None:
            checker.warn(
                "a status history outside a proposal: this document has no pep-header, "
                "so there is no status to check the history against",
                node,
            )
            entries = check_history(node["rows"], template, None, checker)
        else:
            entries = check_history(node["rows"], template, proposal.status, checker)
            if not entries:
                checker.warn("the status history has no rows", node)
            if number == 0:
                domain.set_doc_data("histories", env.docname, entries)
            else:
                checker.warn(
                    f"a second status history in one document; the first, at line "
                    f"{histories[0].line}, is the proposal's",
                    node,
                )
        node.replace_self(render_history(node, entries, template))


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
            where = _location(*self.get_source_info())
            warn(
                "history",
                f"pep-lifecycle: unknown template {name!r} "
                f"(known: {', '.join(sorted(settings.templates))})",
                where,
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
    # After header.register_proposal (600), before the content checks (700),
    # which then see the table as the Status History section's content.
    app.connect("doctree-read", process_histories, priority=650)
