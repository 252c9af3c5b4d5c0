"""An RFC 2822 header, as Python's PEPs open with one: ``PEP: 8``, ``Title: ...``.

The header is the block of ``Key: value`` lines at the very top of the file,
up to the first blank line; a line that starts with white space continues
the value above it (``Author:`` and ``Post-History:`` often run over several
lines). Such a file has no document title of its own -- the PEP build makes
one from ``Title:`` -- so the converted file gets one. The ``Key: value``
block reader is shared with seed 001, which writes the same lines in a code
block (:mod:`sphinxext_pep.cli.migrate_seed_block`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sphinxext_pep.cli.migrate_python_body import convert_python_markup
from sphinxext_pep.cli.migrate_source import (
    RESTRUCTUREDTEXT,
    Edit,
    Found,
    HeaderSlot,
    SourceField,
    TitleSlot,
    content,
    split_lines,
)

#: ``Key: value``: a key is a word, dashes inside (``Superseded-By``).
_FIELD_RE = re.compile(
    r"^(?P<key>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):(?:[ \t]+(?P<value>.*))?$"
)
#: What the ``python`` template changes in ``pep-full``: PEP 1's statuses and
#: types (and PEP 401's ``April Fool!``); PEP 1 names sections but does not
#: require them, nor limits the abstract or the title, and the corpus follows it.
PYTHON_TEMPLATE_KEYS: tuple[tuple[str, Any], ...] = (
    (
        "statuses",
        {
            "Draft": "open",
            "Accepted": "accepted",
            "Provisional": "accepted",
            "Active": "done",
            "Final": "done",
            "Deferred": "deferred",
            "Rejected": "closed",
            "Withdrawn": "closed",
            "Superseded": "closed",
            "April Fool!": "closed",
        },
    ),
    ("first_status", "Draft"),
    ("allowed_values", {"type": ["Standards Track", "Informational", "Process"]}),
    # Python's PEPs name no shipped release, and PEP 1's Resolution rule
    # depends on the type too: none of pep-full's status rules fit them.
    ("required_by_status", {}),
    ("required_sections", []),
    ("recommended_sections", []),
    ("abstract_max_words", None),
    ("title_max_chars", None),
    # PEP 1: Created is the date the number was assigned, and the discussion
    # (Post-History) often starts before, on the forum's Ideas category.
    ("discussions_after_created", False),
)
FORM = "RFC 2822 header"
#: Keys that make a ``Key: value`` block a proposal's header.
HEADER_KEYS = frozenset({"pep", "title", "status"})


def read_field_block(lines: Sequence[str], start: int, end: int) -> list[SourceField] | None:
    """The ``Key: value`` lines of ``lines[start:end]`` (``None``: another kind of text).

    Continuation lines are joined to their value with one space; a value
    broken after a comma (``Author: A <a@x>,`` / ``  B <b@x>``) reads as
    ``A <a@x>, B <b@x>``.
    """
    fields: list[SourceField] = []
    for index in range(start, end):
        text = content(lines[index])
        if not text.strip():
            return None
        match = _FIELD_RE.match(text)
        if match:
            fields.append(SourceField(match["key"], (match["value"] or "").strip(), index))
        elif fields and text[:1] in (" ", "\t"):
            last = fields[-1]
            fields[-1] = SourceField(last.key, f"{last.value} {text.strip()}".strip(), last.line)
        else:
            return None
    return fields or None


def is_header(fields: Sequence[SourceField]) -> bool:
    keys = {f.key.casefold() for f in fields}
    return len(keys & HEADER_KEYS) >= 2


def read(lines: Sequence[str], filetype: str, name: str = "") -> Found | None:
    """The header at the top of an RST (or plain-text) file."""
    if filetype != RESTRUCTUREDTEXT or not lines:
        return None
    end = next((i for i, line in enumerate(lines) if not content(line).strip()), len(lines))
    fields = read_field_block(lines, 0, end)
    if fields is None or not is_header(fields) or not _FIELD_RE.match(content(lines[0])):
        return None
    return Found(
        form=FORM,
        template="python",
        base="pep-full",
        fields=tuple(fields),
        edits=(Edit(0, 0, TitleSlot(None)), Edit(0, end, HeaderSlot())),
        template_keys=PYTHON_TEMPLATE_KEYS,
        body=convert_python_markup,
    )


#: python/peps keeps a PEP's other pages (appendices) in a folder named like it.
_PAGE_FOLDER_RE = re.compile(r"^pep-\d+$", re.IGNORECASE)
#: A ``pep-header`` a run of ``migrate`` wrote for an RFC 2822 header.
_PYTHON_HEADER_RE = re.compile(
    r"^\.\. pep-header::[ \t]*\r?\n(?:[ \t]+:.*\n)*?[ \t]+:template:[ \t]+python[ \t]*\r?$", re.M
)


def page_owner(path: Path) -> Path | None:
    """The Python PEP that *path*, a page without a header, belongs to, or ``None``.

    PEP 639's appendices are ``pep-0639/appendix-*.rst`` beside ``pep-0639.rst``:
    ``:orphan:`` pages, linked from the PEP, in the same markup. The PEP is
    one when its file opens with an RFC 2822 header, or has the ``pep-header``
    a run converted it to (``:template: python``), so a second run finds it too.
    """
    folder = path.parent
    if not _PAGE_FOLDER_RE.match(folder.name):
        return None
    for suffix in (".rst", ".txt"):
        owner = folder.parent / f"{folder.name}{suffix}"
        try:
            text = owner.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if read(split_lines(text), RESTRUCTUREDTEXT) is not None or _PYTHON_HEADER_RE.search(text):
            return owner
    return None


#: ``<REQUIRED: pep number>``: PEP 12's template (``pep-0012/pep-NNNN.rst``) writes slots.
_SLOT_RE = re.compile(r"^<[^<>]*>$")


def template_slot(found: Found) -> str | None:
    """The ``PEP`` field of *found* when it is a template's slot, not a number, else ``None``.

    python/peps keeps PEP 12's template beside PEP 12 and leaves it out of its
    build (``exclude_patterns``); converted, it would be a proposal of slots.
    """
    if found.form != FORM:
        return None
    number = next((f.value for f in found.fields if f.key.casefold() == "pep"), None)
    return number if number is not None and _SLOT_RE.match(number.strip()) else None
