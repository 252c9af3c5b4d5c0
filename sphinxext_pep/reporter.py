"""The one way this extension reports a problem: a typed, located Sphinx warning.

Every warning has type ``pep`` and a :class:`~sphinxext_pep.core.problems.Subtype`
(SPEC §8), so ``-W`` fails the build and ``suppress_warnings = ["pep.section"]``
silences one kind project-wide; a proposal's ``:exempt:`` list silences
subtypes for that proposal alone. Messages start with the subject they are
about: the proposal id, or the directive's name outside a proposal.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable

from docutils import nodes
from sphinx.util import logging

from sphinxext_pep.core.problems import Location, Problem, Subtype

logger = logging.getLogger("sphinxext_pep")


def sphinx_location(location: Location | None) -> str | tuple[str, int | None] | None:
    """*location* as Sphinx's logger takes it.

    An absolute path becomes ``path:line`` (what Sphinx writes for its own
    warnings); a docname stays a ``(docname, line)`` pair, which Sphinx
    completes with the document's file name.
    """
    if location is None:
        return None
    if os.path.isabs(location.path):
        return f"{location.path}:{location.line}" if location.line else location.path
    return (location.path, location.line)


def node_location(node: nodes.Node, docname: str) -> Location:
    """Where *node* is written: its own file (an included one too) and line.

    The file and the line each come from the node or its nearest ancestor
    that knows them; docutils records included files relative to the working
    directory, so the path is made absolute, as Sphinx's own locations are.
    """
    source: str | None = None
    line: int | None = None
    current: nodes.Node | None = node
    while current is not None and not (source and line):
        source = source or current.source
        line = line or current.line
        current = current.parent
    return Location.in_file(source, line) if source else Location(docname, line)


def report(
    problems: Iterable[Problem],
    subject: str,
    *,
    exempt: Collection[str] = (),
    default: Location | None = None,
) -> None:
    """Warn about each of *problems*, its message prefixed with *subject*.

    A problem whose subtype *exempt* names is dropped; one without a location
    of its own is located at *default*.
    """
    for problem in problems:
        if problem.subtype in exempt:
            continue
        logger.warning(
            f"{subject}: {problem.message}" if subject else problem.message,
            type="pep",
            subtype=str(problem.subtype),
            location=sphinx_location(problem.location or default),
        )


def warn(
    subtype: Subtype,
    message: str,
    location: Location | None,
    *,
    exempt: Collection[str] = (),
) -> None:
    """One problem whose message already names its subject (config and option checks)."""
    report([Problem(subtype, message, location)], "", exempt=exempt)


def info(message: str, location: Location | None = None) -> None:
    """An advisory note (a missing recommended section): never fails ``-W``."""
    logger.info(message, location=sphinx_location(location))
