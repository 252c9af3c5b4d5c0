"""What a check finds: a typed problem at a place (SPEC §8).

Checks return :class:`Problem` records instead of logging, so they can be
tested without a build and so that one reporter
(:mod:`sphinxext_pep.reporter`) applies the proposal id, ``:exempt:`` and the
location rules to all of them alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class Subtype(StrEnum):
    """Every warning subtype this extension emits (type ``pep``), as in SPEC §8."""

    HEADER = "header"
    STATUS = "status"
    DATE = "date"
    DUPLICATE = "duplicate"
    REF = "ref"
    DEPENDENCY = "dependency"
    HISTORY = "history"
    RISK = "risk"
    SECTION = "section"
    ABSTRACT = "abstract"
    TITLE = "title"
    PLACEHOLDER = "placeholder"
    CRITERIA = "criteria"
    CONFIG = "config"
    #: An open proposal with no dated change for ``pep_stale_after`` days.
    STALE = "stale"
    #: A review window that has ended while the proposal is still open (issue 16).
    REVIEW = "review"

    @classmethod
    def parse(cls, text: str) -> Subtype | None:
        """``section``, ``pep.section`` or ``PEP.Section``; ``None`` if no such subtype."""
        try:
            return cls(text.strip().lower().removeprefix("pep."))
        except ValueError:
            return None


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (absolute path, or a docname) and a line.

    The one location shape of the package. A *path* that is a docname (no
    file suffix known yet) is completed by the reporter, as Sphinx does for
    its own ``(docname, line)`` locations.
    """

    path: str
    line: int | None = None

    @classmethod
    def in_file(cls, source: str, line: int | None) -> Location:
        """A place in the file *source*, made absolute as Sphinx's own locations are.

        docutils records an included file relative to the working directory.
        """
        return cls(os.path.abspath(source), line)

    def at(self, line: int | None) -> Location:
        """The same file at another line (``None`` keeps this one)."""
        return Location(self.path, line or self.line)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a user's input.

    *message* does not name the proposal: the reporter puts the proposal id
    (or the directive's name, outside a proposal) in front of it, so every
    message starts the same way.
    """

    subtype: Subtype
    message: str
    location: Location | None = None
