"""``pep.stale`` and the build date across builds (issue 16).

The checks are pure (:mod:`sphinxext_pep.core.staleness`) and measured
against the settings' build date. They run once per build, after every
document is read and merged (``env-check-consistency``), so serial, parallel
and incremental builds warn alike.

A proposal's age changes with the calendar, not with its document: when the
build date differs from the previous build's, the pages that list every
proposal (``pep-index`` with its ``age`` column, ``pep-people``) are written
again, and Sphinx checks the project again, so that a proposal that turned
stale overnight is reported by an incremental build too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.staleness import stale_problems
from sphinxext_pep.domain import get_domain
from sphinxext_pep.reporter import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where the environment keeps the date of the build that last wrote it.
_LAST_BUILD_DATE = "pep_build_date"


def _report_stale(app: Sphinx, env: BuildEnvironment) -> None:
    settings = get_settings(env.config)
    proposals = list(get_domain(env).iter_proposals())
    for proposal, problem in stale_problems(proposals, settings.build_date, settings.stale_after):
        pid = settings.proposal_id(proposal.label, proposal.number)
        report([problem], pid, exempt=proposal.exempt)


def _pages_of_another_day(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose content depends on the date, when this build's is not the last one's.

    The listings (every age in them moved), and the proposals that turned
    stale or fresh since: rewriting those costs little, and makes Sphinx
    check the project again, which reports them.
    """
    settings = get_settings(env.config)
    today = settings.build_date
    last = env.__dict__.get(_LAST_BUILD_DATE)
    env.__dict__[_LAST_BUILD_DATE] = today  # pickled with the environment
    if last is None or last == today:
        return []  # a fresh environment writes every page anyway
    domain = get_domain(env)
    pages = set(domain.data["listings"])
    proposals = list(domain.iter_proposals())
    stale_then = {p.docname for p, _ in stale_problems(proposals, last, settings.stale_after)}
    stale_now = {p.docname for p, _ in stale_problems(proposals, today, settings.stale_after)}
    pages |= stale_then ^ stale_now
    return sorted(pages & env.found_docs)


def setup_staleness(app: Sphinx) -> None:
    app.connect("env-check-consistency", _report_stale)
    app.connect("env-get-updated", _pages_of_another_day)
