"""Typed, located warnings: the only way this extension reports a problem (SPEC §8).

Every warning has type ``pep`` and a subtype from SPEC §8, so ``-W`` fails the
build and ``suppress_warnings = ["pep.section"]`` silences one kind project-wide.
A proposal's ``:exempt:`` list silences subtypes for that proposal alone.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinxext_pep")

#: Every subtype this extension emits, as listed in SPEC §8.
SUBTYPES = frozenset(
    {
        "header",
        "status",
        "date",
        "duplicate",
        "ref",
        "dependency",
        "history",
        "risk",
        "section",
        "abstract",
        "title",
        "placeholder",
        "criteria",
        "config",
    }
)


def warn(
    subtype: str,
    message: str,
    location: Any = None,
    *,
    exempt: Collection[str] = (),
) -> None:
    """Emit a ``pep.<subtype>`` warning unless the proposal exempts *subtype*.

    *location* is anything Sphinx accepts: a node, a docname, or a
    ``(docname, lineno)`` pair.
    """
    assert subtype in SUBTYPES, subtype
    if subtype in exempt:
        return
    logger.warning(message, type="pep", subtype=subtype, location=location)


def info(message: str, location: Any = None) -> None:
    """An advisory note (a missing recommended section): never fails ``-W``."""
    logger.info(message, location=location)
