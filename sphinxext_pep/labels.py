"""The ``std`` labels of proposals (``:ref:`pep-12```), and the author's labels named alike.

Every proposal's header is a ``std`` label named by its anchor (``pep-12``),
so that ``:ref:`pep-12``` and MyST's ``{ref}`` find it. Sphinx collects its
own labels per document while reading, merges a ``-j`` build's in whatever
order the processes finish, and reports a second label of one name as an
untyped "duplicate label". So the proposals' labels are not added while
reading: they are derived from the pep domain after it (``env-updated``, in
the main process, before the environment is saved) and taken out before the
next reading (``env-before-read-docs``). Hence:

- of two proposals with one number, the one of the lowest docname owns the
  label, as it owns the number (:meth:`~sphinxext_pep.domain.PepDomain.get_proposal`):
  serial, parallel and incremental builds agree;
- a label the author wrote with a proposal's name (``.. _pep-12:``, MyST
  ``(pep-12)=``) is the author's, as Sphinx keeps an explicit label: it keeps
  the name, and warns ``pep.duplicate`` at its own line (:func:`check_labels`),
  unless it marks the proposal's header itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.header import pep_header
from sphinxext_pep.reporter import node_location, report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.domain import PepDomain

#: A name that may be a proposal's anchor: a series slug, ``-``, a number.
_ANCHOR_SHAPE_RE = re.compile(r"^[^\s]+-\d+$")


def explicit_labels(document: nodes.document, docname: str) -> tuple[tuple[str, str, int], ...]:
    """``(name, path, line)`` of the author's labels shaped like a proposal's anchor.

    Located at the label itself (docutils moves a label's name onto the
    element it marks, leaving the target behind with a ``refid``). A label
    that marks a ``pep-header`` (written just above it) names the proposal
    itself and is left out.
    """
    targets: dict[str | None, nodes.target] = {}
    for target in document.findall(nodes.target):
        for key in (*target["names"], target.get("refid")):
            targets.setdefault(key, target)
    found: list[tuple[str, str, int]] = []
    for name, explicit in document.nametypes.items():
        labelid = document.nameids.get(name)
        if not explicit or labelid is None or not _ANCHOR_SHAPE_RE.match(name):
            continue
        marked = document.ids.get(labelid)
        if marked is None or isinstance(marked, pep_header):
            continue
        where = node_location(targets.get(name) or targets.get(labelid) or marked, docname)
        found.append((name, where.path, where.line or 0))
    return tuple(sorted(found))


def _std(env: BuildEnvironment) -> dict[str, Any]:
    return env.domaindata["std"]


def release_labels(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: take the proposals' labels out before reading."""
    domain: PepDomain = env.get_domain("pep")  # type: ignore[assignment]
    std = _std(env)
    for anchor, docname in domain.data["owned_labels"].items():
        if tuple(std["labels"].get(anchor, ())[:2]) == (docname, anchor):
            del std["labels"][anchor]
        if tuple(std["anonlabels"].get(anchor, ())) == (docname, anchor):
            del std["anonlabels"][anchor]
    domain.data["owned_labels"] = {}


def claim_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: each proposal's label, where the author has not taken its name."""
    domain: PepDomain = env.get_domain("pep")  # type: ignore[assignment]
    settings = get_settings(env.config)
    std = _std(env)
    owned: dict[str, str] = {}
    for proposal in domain.iter_proposals():  # one per key: the lowest docname
        anchor = proposal.anchor
        taken = std["anonlabels"].get(anchor)
        if taken is not None and tuple(taken) != (proposal.docname, anchor):
            continue  # the author's label (check_labels warns)
        pid = settings.proposal_id(proposal.label, proposal.number)
        std["labels"][anchor] = (proposal.docname, anchor, f"{pid} \u2013 {proposal.title}")
        std["anonlabels"][anchor] = (proposal.docname, anchor)
        owned[anchor] = proposal.docname
    domain.data["owned_labels"] = owned
    return []


def _collisions(domain: PepDomain) -> Iterator[tuple[str, str, int, Any]]:
    by_anchor = {proposal.anchor: proposal for proposal in domain.iter_proposals()}
    for docname in sorted(domain.data["labels"]):
        for name, path, line in domain.data["labels"][docname]:
            proposal = by_anchor.get(name)
            if proposal is not None:
                yield name, path, line, proposal


def check_labels(domain: PepDomain, env: BuildEnvironment) -> None:
    """``pep.duplicate`` at each label of the author's that has a proposal's name."""
    settings = get_settings(env.config)
    for name, path, line, proposal in _collisions(domain):
        pid = settings.proposal_id(proposal.label, proposal.number)
        header = proposal.location()
        problem = Problem(
            Subtype.DUPLICATE,
            f"label '{name}' is also the label of {pid}'s header "
            f"({env.doc2path(proposal.docname, False)}:{header.line}); "
            f":ref:`{name}` finds this label, not the proposal: rename the label",
            Location(path, line),
        )
        report([problem], pid)


def setup_labels(app: Sphinx) -> None:
    app.connect("env-before-read-docs", release_labels)
    app.connect("env-updated", claim_labels)
