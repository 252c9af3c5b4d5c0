"""A MADR decision record: front matter with ``status``, ``date`` and ``deciders``.

MADR 3 and 4 (``decision-makers``) write ``status: accepted`` (or
``superseded by ADR-0005``), ``date:``, ``deciders:``, ``consulted:`` and
``informed:`` above a ``# Title`` heading, and number records by their file
name (``0005-use-postgres.md``). The keys that become header fields leave the
front matter (the header holds them now); the others stay in it, as
written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sphinxext_pep.cli.migrate_front_matter import read_yaml
from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    Found,
    HeaderSlot,
    Lines,
    SourceField,
    content,
    first_heading,
)

#: MADR's own keys that become header fields (see ``SOURCE_KEYS``).
MOVED_KEYS = frozenset({"status", "date", "deciders", "decision-makers"})
#: The ``adr`` template a MADR record gets: MADR's own statuses and its two
#: mandatory sections.
ADR_TEMPLATE_KEYS: tuple[tuple[str, Any], ...] = (
    (
        "statuses",
        {
            "proposed": "open",
            "accepted": "done",
            "rejected": "closed",
            "deprecated": "closed",
            "superseded": "closed",
        },
    ),
    ("first_status", "proposed"),
    ("status_requires", {"superseded": ["superseded-by"]}),
    ("required_sections", ["Context and Problem Statement", "Decision Outcome"]),
)
_NUMBER_RE = re.compile(r"^(?P<number>\d+)[-_]")
_SUPERSEDED_RE = re.compile(r"^superseded\s+by\s+(?P<by>.+)$", re.IGNORECASE)


def read(lines: Sequence[str], filetype: str, name: str = "") -> Found | None:
    if filetype != MARKDOWN:
        return None
    found = read_yaml(lines)
    if found is None:
        return None
    fields, end = found
    keys = {f.key for f in fields}
    if "status" not in keys or not keys & {"date", "deciders", "decision-makers"}:
        return None
    moved: list[SourceField] = []
    number = _NUMBER_RE.match(name)
    if number:
        moved.append(SourceField("number", number["number"], 0))
    for item in fields:
        if item.key not in MOVED_KEYS:
            continue
        superseded = _SUPERSEDED_RE.match(item.value) if item.key == "status" else None
        if superseded:
            moved.append(SourceField("status", "superseded", item.line))
            moved.append(SourceField("superseded-by", superseded["by"].strip(), item.line))
        else:
            moved.append(item)
    kept = _kept_lines(lines, end)
    after = end + 1
    if not kept:
        while after < len(lines) and not content(lines[after]).strip():
            after += 1
    heading = first_heading(lines)
    at = heading + 1 if heading is not None else after
    edits = [
        Edit(0, after, Lines(("---", *kept, "---") if kept else ())),
        Edit(at, at, HeaderSlot()),
    ]
    return Found(
        form="MADR front matter",
        template="adr",
        base=None,
        fields=tuple(moved),
        edits=tuple(edits),
        template_keys=ADR_TEMPLATE_KEYS,
    )


def _kept_lines(lines: Sequence[str], end: int) -> tuple[str, ...]:
    """The front matter's lines less the moved keys (a key's indented lines go with it)."""
    kept: list[str] = []
    moving = False
    for index in range(1, end):
        text = content(lines[index])
        key = re.match(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:", text)
        if key:
            moving = key["key"].lower() in MOVED_KEYS
        if not moving:
            kept.append(text)
    return tuple(kept)
