"""What ``sphinx-pep migrate`` finds in a file: its metadata and the lines to rewrite.

Each source form has a reader module (``migrate_seed_table``,
``migrate_seed_block``, ``migrate_front_matter``, ``migrate_rfc2822``,
``migrate_madr``) that returns a :class:`Found`: the metadata fields as
written, and the :class:`Edit` records that say which lines of the file the
metadata takes up and what goes there instead. Every line no edit covers is
copied byte for byte, line ending included, so the body of a proposal stays
exactly as it was.

Lines are kept with their line endings (:func:`split_lines`); readers look at
:func:`content` (the line less its ending) only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

MARKDOWN = "markdown"
RESTRUCTUREDTEXT = "restructuredtext"

_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def split_lines(text: str) -> list[str]:
    """*text* as lines that keep their endings (``\\n`` or ``\\r\\n``); joined, *text* again."""
    return _LINE_RE.findall(text)


def content(line: str) -> str:
    """A line without its line ending."""
    return line.rstrip("\r\n")


@dataclass(frozen=True)
class SourceField:
    """One metadata field as the source writes it (``Depends On`` / ``PEP 0009``)."""

    key: str
    value: str
    #: 0-based line of the field in the file.
    line: int = 0


@dataclass(frozen=True)
class HeaderSlot:
    """Where the ``pep-header`` goes."""


@dataclass(frozen=True)
class TitleSlot:
    """The document title: *text* as written, or ``None`` when the source has none."""

    text: str | None = None
    #: Markdown heading level of the title line (1 for ``# ...``).
    level: int = 1


@dataclass(frozen=True)
class Lines:
    """Literal lines (without endings), e.g. what is left of a front matter block."""

    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A status history or risk table, wrapped in its directive with its rows unchanged."""

    directive: str
    rows: tuple[str, ...]
    options: tuple[str, ...] = ()


Piece = HeaderSlot | TitleSlot | Lines | Table


@dataclass(frozen=True)
class Edit:
    """Lines ``[start, end)`` of the file replaced by *piece* (``start == end``: inserted)."""

    start: int
    end: int
    piece: Piece


@dataclass(frozen=True)
class Found:
    """A file's metadata in one recognised form, and where it sits."""

    #: What the user calls the form: ``seed 000 field table``, ``RFC 2822 header``.
    form: str
    #: The template a file of this form gets unless ``--template`` says otherwise.
    template: str
    #: The built-in a new template for this form starts from (``None``: from scratch).
    base: str | None
    fields: tuple[SourceField, ...]
    edits: tuple[Edit, ...]
    #: The fields stay in the page's front matter; the header only names the template.
    in_front_matter: bool = False
    #: ``pep_templates`` keys a new template for this form starts with, besides
    #: the statuses and values the files need (Python's PEPs require no sections).
    template_keys: tuple[tuple[str, Any], ...] = ()
    #: The conversion the form's body markup needs, run on the converted text
    #: (Python's ``:pep:`` role and banners), given the text and the project's
    #: root document (where PEP 0 links go); ``None``: the body is kept as it is.
    body: Callable[[str, str], str] | None = None


# -- Markdown scanning shared by the readers --------------------------------------------

_FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_HEADING_RE = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
RULE_RE = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$")


def markdown_top_level(lines: Sequence[str]) -> Iterator[int]:
    """Indexes of the lines outside fenced blocks, HTML comments and front matter.

    Fences (```` ``` ````, ``~~~``, ``:::``) are skipped whole, with what is
    in them: a table or heading there is an example or a directive's content.
    """
    index = 0
    if lines and content(lines[0]).rstrip() == "---":
        end = next(
            (i for i in range(1, len(lines)) if content(lines[i]).rstrip() in ("---", "...")),
            None,
        )
        if end is not None:
            index = end + 1
    while index < len(lines):
        text = content(lines[index])
        fence = _FENCE_RE.match(text)
        if fence:
            mark = fence["fence"]
            index += 1
            while index < len(lines):
                stripped = content(lines[index]).strip()
                if stripped.startswith(mark[0] * len(mark)) and set(stripped) == {mark[0]}:
                    break
                index += 1
            index += 1
            continue
        if text.lstrip().startswith("<!--"):
            while index < len(lines) and "-->" not in content(lines[index]):
                index += 1
            index += 1
            continue
        yield index
        index += 1


def markdown_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line."""
    match = _HEADING_RE.match(content(line))
    return (len(match["marks"]), match["text"]) if match else None


def first_heading(lines: Sequence[str], level: int = 1) -> int | None:
    """The index of the first top-level heading of *level*, if any."""
    for index in markdown_top_level(lines):
        heading = markdown_heading(lines[index])
        if heading is not None and heading[0] == level:
            return index
    return None


def front_matter_end(lines: Sequence[str]) -> int | None:
    """The index of the line closing a YAML front matter block at the top, if any."""
    if not lines or content(lines[0]).rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if content(lines[index]).rstrip() in ("---", "..."):
            return index
    return None


def through_rule(lines: Sequence[str], end: int) -> int:
    """*end*, or past the ``---`` rule the seeds put under their header (and the blanks before it).

    A rendered header is set off on its own, so the rule goes with the table.
    """
    index = end
    while index < len(lines) and not content(lines[index]).strip():
        index += 1
    if index < len(lines) and RULE_RE.match(content(lines[index])):
        return index + 1
    return end
