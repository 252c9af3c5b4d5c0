"""Rows of pipe-separated cells, as the seeds' Markdown tables write them (SPEC §6).

``pep-status-history`` and ``pep-risk-table`` both read these, so that a
seed's table pastes in as it is: outer pipes optional, ``\\|`` a pipe inside
a cell, a ``|---|:---:|`` row skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PIPE_RE = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL_RE = re.compile(r"^:?-+:?$")


def split_row(line: str) -> tuple[str, ...]:
    """The cells of one pipe row; ``\\|`` is a pipe inside a cell."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return tuple(cell.strip().replace("\\|", "|") for cell in _PIPE_RE.split(text))


def is_separator(cells: Sequence[str]) -> bool:
    """``|---|:---:|`` and the like."""
    return bool(cells) and all(_SEPARATOR_CELL_RE.match(cell.replace(" ", "")) for cell in cells)
