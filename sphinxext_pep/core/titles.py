"""Header values the template left for the author, and titles compared with headings.

Pure text rules of SPEC §4: what counts as a leftover placeholder value
(``NNNN``, ``Author Name``, ``[...]``), how a document heading gives a title
(``PEP 0012: Add a cache`` -> ``Add a cache``), and when a header title
matches its heading.
"""

from __future__ import annotations

import re

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


def derive_title(heading: str, template: Template) -> str:
    """The document heading less a leading id or template word (SPEC §4).

    ``PEP 0012: Add a cache`` and ``Enhancement: Add a cache`` both give
    ``Add a cache``; a heading with no such prefix is returned unchanged.
    """
    words = "|".join(re.escape(w) for w in (template.label, *template.title_words))
    match = re.match(
        rf"^\s*(?:{words})(?:[\s\-_#]*(?:\d+|NNNN|XXXX))?\s*[:\u2013\u2014\-|]\s*(?P<rest>\S.*)$",
        heading,
        re.IGNORECASE | re.DOTALL,
    )
    return match.group("rest").strip() if match else heading.strip()


#: docutils' smart quotes and dashes in a rendered heading, back to what the
#: author typed (a header title read as plain text is not smartened).
_SMART_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "--", "—": "---", "…": "..."}
)


def comparable(text: str) -> str:
    """*text* for the title check: case, spacing and smart quotes do not count."""
    return " ".join(text.translate(_SMART_QUOTES).casefold().split())
