"""Seed 000's header: a ``| Field | Value |`` table under the title.

Each row is ``| **Key** | value |`` (the bold is optional); the table and the
``---`` rule under it become the ``pep-header``. Only a table before the
first section counts: a field table further down is part of the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    Found,
    HeaderSlot,
    SourceField,
    TitleSlot,
    content,
    markdown_heading,
    markdown_top_level,
    through_rule,
)
from sphinxext_pep.core.pipe_rows import is_separator, split_row


def _is_row(line: str) -> bool:
    return content(line).lstrip().startswith("|")


def read(lines: Sequence[str], filetype: str, name: str = "") -> Found | None:
    if filetype != MARKDOWN:
        return None
    title: int | None = None
    for index in markdown_top_level(lines):
        heading = markdown_heading(lines[index])
        if heading is not None:
            if heading[0] == 1 and title is None:
                title = index
                continue
            return None  # a section before any field table
        if not _is_row(lines[index]):
            continue
        cells = [cell.strip("*_ ").casefold() for cell in split_row(content(lines[index]))]
        if cells[:2] != ["field", "value"]:
            return None
        end = index + 1
        while end < len(lines) and _is_row(lines[end]):
            end += 1
        fields = []
        for row in range(index + 1, end):
            cells = list(split_row(content(lines[row])))
            if is_separator(cells) or not cells or not cells[0].strip("*_ "):
                continue
            value = cells[1] if len(cells) > 1 else ""
            fields.append(SourceField(cells[0].strip("*_ "), value.strip(), row))
        edits = []
        if title is not None:
            heading = markdown_heading(lines[title])
            assert heading is not None
            edits.append(Edit(title, title + 1, TitleSlot(heading[1], heading[0])))
        else:
            edits.append(Edit(index, index, TitleSlot(None)))
        edits.append(Edit(index, through_rule(lines, end), HeaderSlot()))
        return Found(
            form="seed 000 field table",
            template="pep",
            base="pep",
            fields=tuple(fields),
            edits=tuple(edits),
        )
    return None
