"""The status-history checks of SPEC §6, on rows as written.

Pure: rows of cells in, :class:`~sphinxext_pep.core.model.HistoryEntry` records
and ``pep.history`` problems out. The directive that collects the rows and
the table that shows them are in :mod:`sphinxext_pep.history`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sphinxext_pep.core.model import HistoryEntry
from sphinxext_pep.core.pipe_rows import is_separator, split_row
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.templates import Template
from sphinxext_pep.core.values import parse_date

__all__ = ["NO_STATUS", "HistoryRow", "check_history", "is_header", "is_separator", "split_row"]

#: What a first row may write in its From cell to say "no status yet": nothing,
#: a dash of any width, or the em dash of seed 000 as it arrives mis-decoded.
NO_STATUS = frozenset(
    {"", "-", "--", "\u2014", "\u2013", "\u00e2\u20ac\u201d", "\u00e2\u20ac\u201c"}
)

_DATE_FORMS = "YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY"


@dataclass(frozen=True)
class HistoryRow:
    """A row as written: its cells and where it was written."""

    cells: tuple[str, ...]
    location: Location

    @property
    def line(self) -> int:
        return self.location.line or 0


def is_header(cells: Sequence[str]) -> bool:
    return bool(cells) and cells[0].casefold() == "date"


def status_in(template: Template | None, text: str) -> tuple[str, str | None, bool]:
    """``(name, group, known)``: *text* in the template's spelling if it has it."""
    found = template.find_status(text) if template is not None else None
    if found is None:
        return text, None, False
    return found.name, found.group, True


def check_history(
    rows: Sequence[HistoryRow],
    template: Template | None,
    header_status: str | None,
    problems: list[Problem],
) -> tuple[HistoryEntry, ...]:
    """Every ``pep.history`` check of SPEC §6 on *rows*; the entries to store.

    The problems found are appended to *problems*, each at its row.
    """

    def warn(message: str, where: Location) -> None:
        problems.append(Problem(Subtype.HISTORY, message, where))

    entries: list[HistoryEntry] = []
    previous_date = None
    previous_to: str | None = None  # canonical, or as written if unknown
    for index, row in enumerate(rows):
        where = row.location
        date_text, from_text, to_text = row.cells[:3]
        notes = row.cells[3] if len(row.cells) == 4 else ""
        when = parse_date(date_text)
        if when is None:
            warn(f"status history date {date_text!r} is not a date (write {_DATE_FORMS})", where)
        elif previous_date is not None and when < previous_date:
            warn(
                f"status history goes back in time: {when.isoformat()} comes after "
                f"{previous_date.isoformat()}; list the changes oldest first",
                where,
            )
        if when is not None:
            previous_date = when

        from_status: str | None = None
        from_known = False
        if from_text not in NO_STATUS:
            from_status, _group, from_known = status_in(template, from_text)
        if to_text in NO_STATUS:
            warn("a status history row needs a To status", where)
            to_status, to_known = to_text, False
        else:
            to_status, _group, to_known = status_in(template, to_text)
        for text, known in ((from_text, from_known), (to_text, to_known)):
            if text not in NO_STATUS and not known:
                warn(f"unknown status {text!r} in the status history{_choices(template)}", where)

        if index == 0:
            if from_status is not None:
                warn(
                    f"the first status history row changes from {from_status!r}: the first row "
                    f"starts the history, so its From is empty or '\u2014'",
                    where,
                )
        else:
            if from_status is None:
                warn(
                    f"status history row has no From status; it should be {previous_to!r}, "
                    f"the To of the row before",
                    where,
                )
            elif previous_to is not None and from_status.casefold() != previous_to.casefold():
                warn(
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
                warn(
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
    last_known = bool(entries) and status_in(template, entries[-1].to_status)[2]
    if (
        last_known
        and header_status
        and entries[-1].to_status.casefold() != header_status.casefold()
    ):
        last = rows[-1]
        warn(
            f"the status history ends at {entries[-1].to_status!r} but the header's status is "
            f"{header_status!r}: add the missing change, or correct the header",
            last.location,
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
