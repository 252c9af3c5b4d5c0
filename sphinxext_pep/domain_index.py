"""The ``pep-proposals`` domain index: every proposal, grouped by status (SPEC §5).

Sphinx writes it as a ``genindex``-style page (``pep-proposals.html``; LaTeX
and Texinfo include it too), and ``:ref:`pep-proposals``` links to it.
Proposals are grouped by status group in lifecycle order (Open, Accepted,
Done, Closed, Deferred), like the headings of ``pep-index :group-by: status``;
each entry shows its status.

A document of the project named like the index page (``pep-proposals``) is
kept, not replaced: the index is then not written (Sphinx writes no index
with no content), and a ``pep.config`` warning says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.domains import Index, IndexEntry

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.domain import PepDomain
from sphinxext_pep.index_table import GROUP_TITLES, grouped, sorted_proposals
from sphinxext_pep.locale import _
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The page Sphinx writes the index to (``{domain}-{index}``).
INDEX_PAGE = "pep-proposals"


def clashing_document(env: BuildEnvironment) -> str | None:
    """The document whose page the index would replace (``dirhtml`` too), if any."""
    for docname in (INDEX_PAGE, f"{INDEX_PAGE}/index"):
        if docname in env.found_docs:
            return docname
    return None


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
        if clashing_document(domain.env) is not None:
            return [], False  # keep the author's page (see _warn_clash)
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


def _warn_clash(app: Sphinx, env: BuildEnvironment) -> None:
    docname = clashing_document(env)
    if docname is not None:
        warn(
            Subtype.CONFIG,
            f"the document {docname!r} has the name of the proposal index page "
            f"({INDEX_PAGE}); the index is not written, so that the document is kept "
            "(rename the document to get the index)",
            Location(docname, 1),
        )


def setup_domain_index(app: Sphinx) -> None:
    app.add_index_to_domain("pep", ProposalIndex)
    app.connect("env-check-consistency", _warn_clash)
