"""The seeds' status history and risk tables, found in the text to be wrapped.

A pipe table whose header row starts ``Date | From | To`` is a status
history, one whose header names a risk, its probability and its impact is a
risk table (the directives' own column names: ``Likelihood``, ``Severity``
too). Its rows go into ``pep-status-history`` / ``pep-risk-table``
unchanged; a risk table gets ``:matrix:``, the heat map its two levels
make. Tables in code blocks, HTML comments (seed 000 keeps its example
history in one) and directives are left alone, and so is everything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    Table,
    content,
    markdown_top_level,
)
from sphinxext_pep.core.pipe_rows import split_row

HISTORY = "pep-status-history"
RISKS = "pep-risk-table"
_PROBABILITY = {"probability", "likelihood"}
_IMPACT = {"impact", "severity"}


def table_kind(header: str) -> str | None:
    """The directive for a table with this header row, if it is one of the seeds' tables."""
    cells = [cell.strip().strip("*_").casefold() for cell in split_row(header)]
    if cells[:3] == ["date", "from", "to"]:
        return HISTORY
    if (
        cells
        and cells[0] in ("risk", "risks")
        and _PROBABILITY & set(cells)
        and _IMPACT & set(cells)
    ):
        return RISKS
    return None


def _candidates(lines: Sequence[str], filetype: str) -> Iterable[int]:
    if filetype == MARKDOWN:
        return markdown_top_level(lines)
    # reST: a table outside any block starts at the margin; indented ones are
    # inside a directive, a literal block or a quote.
    return (i for i, line in enumerate(lines) if not line[:1].isspace())


def find_tables(lines: Sequence[str], filetype: str, taken: Sequence[Edit]) -> list[Edit]:
    """An edit wrapping each bare history or risk table outside the spans in *taken*."""
    edits: list[Edit] = []
    busy = [(edit.start, edit.end) for edit in taken]
    end = -1
    for index in _candidates(lines, filetype):
        if index < end or not content(lines[index]).startswith("|"):
            continue
        if index > 0 and content(lines[index - 1]).lstrip().startswith("|"):
            continue  # not the first row of its table
        end = index
        while end < len(lines) and content(lines[end]).startswith("|"):
            end += 1
        kind = table_kind(content(lines[index]))
        if kind is None or any(start < end and index < stop for start, stop in busy):
            continue
        rows = tuple(content(line) for line in lines[index:end])
        options = (":matrix:",) if kind == RISKS else ()
        edits.append(Edit(index, end, Table(kind, rows, options)))
    return edits
