"""Seed 001's header: ``Key: value`` lines in a code block under the title.

```` ``` ```` / ``PEP: 15`` / ``Title: Cache warm-up`` / ... / ```` ``` ````,
usually followed by a ``---`` rule. The code block (and the rule) becomes the
``pep-header``; the title line is kept, or rewritten when it does not give
the title (seed 001's ``# PEP Template``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinxext_pep.cli.migrate_rfc2822 import is_header, read_field_block
from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    Found,
    HeaderSlot,
    TitleSlot,
    content,
    first_heading,
    markdown_heading,
    through_rule,
)

_OPENING = ("```", "~~~")
#: Info strings a plain header block may carry (```` ```text ````); a MyST
#: directive or a programming language is something else.
_PLAIN_INFO = frozenset({"", "text", "txt", "plain", "plaintext", "email", "yaml"})


def read(lines: Sequence[str], filetype: str, name: str = "") -> Found | None:
    if filetype != MARKDOWN:
        return None
    heading = first_heading(lines)
    start = 0 if heading is None else heading + 1
    for index in range(start, len(lines)):
        text = content(lines[index]).strip()
        if not text:
            continue
        if not text.startswith(_OPENING) or text[3:].strip("`~").strip().lower() not in _PLAIN_INFO:
            return None  # the header block comes first, in a plain code block
        mark = text[: len(text) - len(text.lstrip(text[0]))]
        close = next(
            (i for i in range(index + 1, len(lines)) if content(lines[i]).strip() == mark), None
        )
        if close is None:
            return None
        fields = read_field_block(lines, index + 1, close)
        if fields is None or not is_header(fields):
            return None
        edits = []
        if heading is not None:
            level_text = markdown_heading(lines[heading])
            assert level_text is not None
            edits.append(Edit(heading, heading + 1, TitleSlot(level_text[1], level_text[0])))
        else:
            edits.append(Edit(0, 0, TitleSlot(None)))
        edits.append(Edit(index, through_rule(lines, close + 1), HeaderSlot()))
        return Found(
            form="seed 001 header block",
            template="pep-full",
            base="pep-full",
            fields=tuple(fields),
            edits=tuple(edits),
        )
    return None
