"""Seed 002's header: YAML front matter (``title:``, ``status:``, ``rfc:`` ...).

The build already reads front matter as header fields, so the front matter
stays exactly as it is and a ``pep-header`` naming the template goes under
the title. The values are still read, to check them against the template.
:func:`read_yaml` is shared with :mod:`sphinxext_pep.cli.migrate_madr`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    Edit,
    Found,
    HeaderSlot,
    SourceField,
    content,
    first_heading,
    front_matter_end,
)
from sphinxext_pep.core.front_matter import front_matter_values

_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
#: Keys that make front matter a proposal's header (with a number key or a title).
_PROPOSAL_KEYS = frozenset({"status", "authors", "author", "category", "created"})


def read_yaml(lines: Sequence[str]) -> tuple[list[SourceField], int] | None:
    """The top-level scalar and list values of the front matter, and its closing line."""
    end = front_matter_end(lines)
    if end is None:
        return None
    try:
        import yaml
    except ImportError:
        return None
    try:
        data = yaml.load("".join(lines[1:end]), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    values, _refused = front_matter_values(data)
    key_lines: dict[str, int] = {}
    for index in range(1, end):
        key = _KEY_RE.match(content(lines[index]))
        if key:
            key_lines.setdefault(key["key"].lower(), index)
    return [SourceField(k, v, key_lines.get(k, 0)) for k, v in values.items()], end


def read(lines: Sequence[str], filetype: str, name: str = "") -> Found | None:
    if filetype != MARKDOWN:
        return None
    found = read_yaml(lines)
    if found is None:
        return None
    fields, end = found
    keys = {f.key for f in fields}
    if len(keys & _PROPOSAL_KEYS) < 2:
        return None
    heading = first_heading(lines)
    at = heading + 1 if heading is not None else end + 1
    return Found(
        form="seed 002 front matter",
        template="enhancement",
        base="enhancement",
        fields=tuple(fields),
        edits=(Edit(at, at, HeaderSlot()),),
        in_front_matter=True,
    )
