"""Reporting the proposal-process rules (:mod:`sphinxext_pep.core.process`) once per build.

Called by :func:`sphinxext_pep.relations.check_project` after every document
is read (and, with ``-j``, merged), with one build date for every proposal:
the settings' (``pep_build_date``, else ``SOURCE_DATE_EPOCH``, else today).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.process import check_process
from sphinxext_pep.reporter import info, report

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.domain import PepDomain


def report_process_rules(domain: PepDomain, env: BuildEnvironment) -> None:
    settings = get_settings(env.config)
    relations = domain.relations()
    today = settings.build_date
    for docname in sorted(domain.proposals):
        proposal = domain.proposals[docname]
        # A relation implied by another header counts (9 enables 12 if 12 depends on 9).
        effective = relations.get(proposal.key, {}) if proposal.key is not None else {}
        written = {name for name, _ids in proposal.relations}
        written |= {name for name, (own, derived) in effective.items() if own or derived}
        found = check_process(
            proposal, settings.template(proposal.template), today, written.__contains__
        )
        pid = settings.proposal_id(proposal.label, proposal.number)
        report(found.problems, pid, exempt=proposal.exempt)
        for note in found.notes:
            info(f"{pid}: {note.message}", note.location)
