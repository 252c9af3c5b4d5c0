"""Text every output can hold: the characters XML 1.0 forbids, found and replaced.

``proposals.atom`` is XML, and ``objects.inv`` and ``proposals.json`` are
written as UTF-8, which cannot encode a lone surrogate (YAML's ``"\\ud800"``
escape makes one). A header value holding such a character is cleaned where it
is read, with a warning; the feed writer cleans every text it writes again, so
text from anywhere else (``project``, a history note) cannot break it either.
"""

from __future__ import annotations

import re

#: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; any surrogate code point
#: (in a Python ``str`` a surrogate is always lone).
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: What a forbidden character becomes: the Unicode replacement character.
REPLACEMENT = "\ufffd"


def has_forbidden_characters(text: str) -> bool:
    return _FORBIDDEN_RE.search(text) is not None


def is_one_line(text: str) -> bool:
    """Whether *text* holds no line break of any kind: LF, CR, VT, FF, FS, GS, RS,
    NEL, U+2028 or U+2029 (what ``str.splitlines`` breaks on, as editors and log
    readers do)."""
    return not text or text.splitlines() == [text]


def plain_spaces(text: str) -> str:
    """*text* trimmed, each space character (no-break, ideographic, tab...) an ASCII space.

    For names matched against one another (risk levels): a no-break space
    (Option-space on a Mac keyboard) reads as a space, so it must match as one.
    """
    return _SPACE_RE.sub(" ", text).strip()


_SPACE_RE = re.compile(r"\s")


def xml_safe(text: str) -> str:
    """*text* with each character XML forbids replaced by U+FFFD."""
    return _FORBIDDEN_RE.sub(REPLACEMENT, text)


def forbidden_message(field: str) -> str:
    """The ``pep.header`` message for a header value that held such a character."""
    return (
        f"{field!r} holds a control character, U+FFFE/U+FFFF or a lone surrogate, "
        "which no output can hold; each is replaced by U+FFFD (write plain text)"
    )
