"""The project-wide checks of SPEC §4, run once per build and reported.

:meth:`PepDomain.check_consistency <sphinxext_pep.domain.PepDomain.check_consistency>`
calls :func:`check_project` after every document has been read (and, with
``-j``, merged); the checks themselves are pure
(:func:`sphinxext_pep.core.relations.check_relations`), so the warnings are
the same for serial, parallel and incremental builds.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.relations import check_relations
from sphinxext_pep.process import report_process_rules
from sphinxext_pep.reporter import report

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.domain import PepDomain


def check_project(domain: PepDomain, env: BuildEnvironment) -> None:
    """Report every problem that needs the whole project to see."""

    def source(proposal: Proposal) -> str:
        """``path:line`` relative to the source directory, for a message.

        A header pulled in by ``.. include::`` is named with the document that
        includes it: two documents including one header file are two places.
        """
        document = str(env.doc2path(proposal.docname, False))
        if not proposal.source:
            return f"{document}:{proposal.lineno}"
        included = os.path.relpath(proposal.source, env.srcdir)
        return f"{document} (its header in {included}:{proposal.lineno})"

    keys = sorted({p.key for p in domain.proposals.values() if p.key is not None})
    claimants = [named for key in keys if len(named := domain.claimants(key)) > 1]
    problems = check_relations(
        list(domain.iter_proposals()),
        claimants,
        domain.relations(),
        domain.series_index(),
        get_settings(env.config),
        source,
    )
    for item in problems:
        # Project-wide messages name each proposal they are about themselves.
        report([item.problem], "", exempt=item.proposal.exempt)
    report_process_rules(domain, env)
