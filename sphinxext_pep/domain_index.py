"""The ``pep-proposals`` domain index: every proposal, grouped by status (SPEC §5).

Sphinx writes it as a ``genindex``-style page (``pep-proposals.html``; LaTeX
and Texinfo include it too), and ``:ref:`pep-proposals``` links to it.
Proposals are grouped by status group in lifecycle order (Open, Accepted,
Done, Closed, Deferred), like the headings of ``pep-index :group-by: status``;
each entry shows its status.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.domains import Index, IndexEntry

from sphinxext_pep.config import get_settings
from sphinxext_pep.domain import PepDomain
from sphinxext_pep.index_table import GROUP_TITLES, grouped, sorted_proposals
from sphinxext_pep.locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ProposalIndex(Index):
    """Every proposal, by status group, then number."""

    name = "proposals"
    # Lazy, as Sphinx's own indices' names: the build's language applies.
    localname = _("Proposal Index")
    shortname = _("proposals")

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, PepDomain)
        settings = get_settings(domain.env.config)
        wanted = set(docnames) if docnames is not None else None
        proposals = [p for p in domain.iter_proposals() if wanted is None or p.docname in wanted]
        content: list[tuple[str, list[IndexEntry]]] = []
        for group, members in grouped(sorted_proposals(proposals, "number", False, settings)):
            entries = [
                IndexEntry(
                    name=f"{settings.proposal_id(p.label, p.number)} \u2013 {p.title}",
                    subtype=0,
                    docname=p.docname,
                    anchor=p.anchor,
                    extra=p.status,
                    qualifier="",
                    descr=", ".join(author.name for author in p.authors),
                )
                for p in members
            ]
            content.append((str(GROUP_TITLES[group]), entries))
        return content, False


def setup_domain_index(app: Sphinx) -> None:
    app.add_index_to_domain("pep", ProposalIndex)
