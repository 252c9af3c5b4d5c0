"""Reading the proposal's title: the ``:title:`` field against the page's heading (SPEC §4).

Apart from the other field readers because the title alone is read against
the document's heading as well as the header.
"""

from __future__ import annotations

import re

from sphinxext_pep.core.field_readers import FieldReader
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.titles import comparable, derive_title, heading_prefix, is_placeholder

_HEADING_NUMBER_PLACEHOLDER_RE = re.compile(r"\b(?:NNNN|XXXX)\b")


def read_title(
    reader: FieldReader,
    heading: str | None,
    heading_location: Location | None,
    number: int | None = None,
) -> str:
    """The proposal's title: ``:title:``, else the heading less its id (SPEC §4).

    The heading's own id is checked against the header's *number*, and a
    heading that is only an id (``PEP 0001:``) gives no title, said where
    the heading is.
    """
    title = reader.get("title")
    prefix = heading_prefix(heading, reader.template) if heading else None
    derived = derive_title(heading, reader.template) if heading else None
    if heading:
        leftover = _HEADING_NUMBER_PLACEHOLDER_RE.search(heading)
        if leftover:
            reader.report_at(
                Subtype.PLACEHOLDER,
                f"the document title {heading!r} still holds the template's "
                f"placeholder {leftover.group()!r}; write the proposal's number",
                heading_location,
            )
        elif not title and derived and is_placeholder(derived):
            reader.report_at(
                Subtype.PLACEHOLDER,
                f"the document title {heading!r} still holds the template's "
                f"placeholder {derived!r}; write the proposal's title",
                heading_location,
            )
    if heading and prefix is not None and not prefix.rest and not title:
        reader.placeholders.add("title")  # reported here: not also "missing"
        reader.report_at(
            Subtype.TITLE,
            f"the document title {heading!r} has nothing after the proposal id, so the "
            f"proposal has no title: write it after the id ('{heading.strip().rstrip(':')}: "
            "Add a cache') or give ':title:'",
            heading_location,
        )
    if prefix is not None and None not in (prefix.number, number) and prefix.number != number:
        settings, label = reader.settings, reader.template.label
        reader.report_at(
            Subtype.TITLE,
            f"the document title {heading!r} names {settings.proposal_id(label, prefix.number)}, "
            f"but the header's number is {number} ({settings.proposal_id(label, number)}): "
            "correct the one that is wrong",
            heading_location,
        )
    if title and heading and comparable(title) not in comparable(heading):
        reader.report(
            Subtype.HEADER,
            f"title {title!r} does not match the document title {heading!r}",
            "title",
        )
    return title or derived or ""
