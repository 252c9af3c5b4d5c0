"""Header values the template left for the author, and titles compared with headings.

Pure text rules of SPEC §4: what counts as a leftover placeholder value
(``NNNN``, ``Author Name``, ``[...]``), how a document heading gives a title
(``PEP 0012: Add a cache`` -> ``Add a cache``), and when a header title
matches its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinxext_pep.core.templates import Template

#: Values the seeds put in a header for the author to replace (SPEC §4).
_PLACEHOLDER_VALUES = frozenset(
    value.casefold()
    for value in (
        "NNNN",
        "XXXX",
        "YYYY-MM-DD",
        "DD-MM-YYYY",
        "DD-Mon-YYYY",
        "Author Name",
        "your-github-username",
        "Title of the Enhancement",
        "Enhancement Title",
        "email@domain.com",
    )
)
_BRACKETED_RE = re.compile(r"^\[.*\]$", re.DOTALL)


def is_placeholder(value: str) -> bool:
    """Whether *value* is text the template left for the author to replace."""
    text = value.strip()
    return (
        text.casefold() in _PLACEHOLDER_VALUES
        or bool(_BRACKETED_RE.match(text))
        or text.casefold().startswith("(optional)")
        or "author name" in text.casefold()
    )


@dataclass(frozen=True)
class HeadingPrefix:
    """What a heading's leading id or template word says (``PEP 0012: Add a cache``)."""

    #: The number the heading names (``None``: none, or ``NNNN``).
    number: int | None
    #: The heading less the prefix (``""``: nothing after it, as in ``PEP 0012:``).
    rest: str


def heading_prefix(heading: str, template: Template) -> HeadingPrefix | None:
    """The leading id or template word of *heading* and what follows it; ``None`` if none.

    ``PEP 0012: Add a cache``, ``RFC 20 – Saved searches`` and ``Enhancement:
    Saved searches`` have one, and so has ``PEP 0012`` alone (nothing after
    it); ``Saved searches: a plan`` has none.
    """
    words = "|".join(re.escape(w) for w in (template.label, *template.title_words))
    match = re.match(
        rf"^\s*(?:{words})(?:[\s\-_#]*(?P<number>[0-9]+|NNNN|XXXX))?\s*"
        rf"[:\u2013\u2014\-|](?:\s*(?P<rest>\S.*))?\s*$",
        heading,
        re.IGNORECASE | re.DOTALL,
    )
    if match is None:  # the id alone, no separator: ``PEP 0012``
        match = re.fullmatch(
            rf"\s*(?:{words})[\s\-_#]*(?P<number>[0-9]+)(?P<rest>)\s*", heading, re.IGNORECASE
        )
    if match is None:
        return None
    number = match["number"]
    return HeadingPrefix(
        int(number) if number and number.isdigit() else None, (match["rest"] or "").strip()
    )


def derive_title(heading: str, template: Template) -> str:
    """The document heading less a leading id or template word (SPEC §4).

    ``PEP 0012: Add a cache`` and ``Enhancement: Add a cache`` both give
    ``Add a cache``; a heading with no such prefix is returned unchanged, one
    with nothing after it (``PEP 0012:``) gives ``""``: no title.
    """
    prefix = heading_prefix(heading, template)
    return heading.strip() if prefix is None else prefix.rest


#: docutils' smart quotes and dashes in a rendered heading, back to what the
#: author typed (a header title read as plain text is not smartened).
_SMART_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "--", "—": "---", "…": "..."}
)


def comparable(text: str) -> str:
    """*text* for the title check: case, spacing and smart quotes do not count."""
    return " ".join(text.translate(_SMART_QUOTES).casefold().split())
