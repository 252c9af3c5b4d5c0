"""Reading a document into its proposal, in one fixed order, and incremental builds.

:class:`ProposalCollector` is the one place a document becomes a proposal
(``doctree-read``, after Sphinx's own collectors, so titles exist): the
header first (every later message starts with the proposal id), then the
status history (checked against the header's status), then the risk tables,
and last the content checks (which see the history's table as the Status
History section's content). The proposal is stored in the domain once, with
its history and risks on it.

It also keeps the incremental bookkeeping (SPEC §9). Sphinx re-reads only
edited documents and, by default, rewrites only those. But a proposal's title
and status also appear in other pages' reference tooltips, its relations in
other headers' reverse links, and everything in the index. So before reading,
the public face of every proposal is remembered; after reading, each page
that shows a changed proposal is handed back to Sphinx to be rewritten (not
re-read).

Sphinx itself leaves one kind of page stale: a page's navigation links
(parent, previous, next) show other documents' titles, and Sphinx does not
rewrite it when one of those documents is retitled, added or removed. Those
pages are handed back too, so an incremental build writes what a fresh one
would.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from sphinxext_pep.content_checks import check_content
from sphinxext_pep.core.values import ProposalId, ProposalKey, parse_proposal_id, split_anchor
from sphinxext_pep.domain import PepDomain, get_domain
from sphinxext_pep.header import read_proposal
from sphinxext_pep.history import read_history
from sphinxext_pep.risk import read_risks
from sphinxext_pep.xref import document_anchors

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.core.model import Proposal


@dataclass(frozen=True)
class _Before:
    """What the pages showed before this build's reading."""

    #: docname -> the public face of its proposal.
    proposals: dict[str, Proposal]
    #: docname -> title, for the documents about to be re-read.
    titles: dict[str, str]
    #: docname -> [parent, previous, next], as Sphinx's navigation has them.
    navigation: dict[str, list[str | None]]


def _public_state(domain: PepDomain) -> dict[str, Proposal]:
    return {docname: proposal.public for docname, proposal in domain.proposals.items()}


def _referenced_ids(doctree: nodes.document) -> frozenset[ProposalId]:
    """The proposals a page links to, to rewrite it when they change.

    Any reference whose target reads as a proposal id counts, whatever its
    role (``:pep:ref:``, ``:any:``, ``:ref:`pep-12```, MyST links): counting
    one too many only costs a page rewrite, one too few a stale page.
    """
    ids = set()
    for xref in doctree.findall(addnodes.pending_xref):
        pid = parse_proposal_id(split_anchor(xref.get("reftarget", "").lstrip("#"))[0])
        if pid is not None:
            ids.add(pid)
    return frozenset(ids)


class ProposalCollector(EnvironmentCollector):
    """Reads each document's proposal and keeps pages that show it up to date."""

    def __init__(self) -> None:
        # The state before this build's reading; per application, never pickled.
        self._before: _Before | None = None

    # The domain stores (and clears and merges) everything read here.
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        pass

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        pass

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        domain = get_domain(env)
        references = set(_referenced_ids(doctree))
        proposal = read_proposal(env, doctree)
        history = read_history(env, doctree, proposal)
        risks = read_risks(env, doctree, proposal)
        if proposal is not None:
            proposal = replace(
                proposal, history=history, risks=risks, sections=document_anchors(doctree)
            )
            domain.add_proposal(proposal)
            for _relation, ids in proposal.relations:
                references.update(ids)
            check_content(env, doctree, proposal)
        if references:
            domain.set_doc_data("references", env.docname, frozenset(references))

    # -- incremental builds ----------------------------------------------------

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: Set[str],
        changed: Set[str],
        removed: Set[str],
    ) -> list[str]:
        """Remember what pages show, before the outdated documents are purged."""
        self._before = _Before(
            proposals=_public_state(get_domain(env)),
            titles={name: env.titles[name].astext() for name in changed if name in env.titles},
            navigation=env.collect_relations() if (added or changed or removed) else {},
        )
        return []

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The pages that show a proposal whose face changed, or stale navigation."""
        before, self._before = self._before, None
        if before is None:
            return []
        neighbours = _stale_navigation(env, before)
        domain = get_domain(env)
        after = _public_state(domain)
        #: Proposals whose face changed: every page showing them is rewritten.
        keys: set[ProposalKey] = set()
        #: The ids they list: only the pages of those proposals show the reverse link.
        related: set[ProposalId] = set()
        for docname in before.proposals.keys() | after.keys():
            old, new = before.proposals.get(docname), after.get(docname)
            if old == new:
                continue
            for proposal in (old, new):
                if proposal is None:
                    continue
                if proposal.key is not None:
                    keys.add(proposal.key)
                for _relation, targets in proposal.relations:
                    related.update(targets)
        if not keys:
            return sorted(neighbours & env.found_docs)
        pages = set(domain.data["listings"]) | neighbours
        for docname, referenced in domain.data["references"].items():
            if any(_may_name(pid, key) for pid in referenced for key in keys):
                pages.add(docname)
        for key in keys:
            pages.update(p.docname for p in domain.claimants(key))
            # A bare number another series now shares (or no longer does) changes
            # what the pages listing it show, and those pages list that proposal.
            related.add(ProposalId(None, key.number))
        for pid in related:
            pages.update(p.docname for p in domain.matching(pid))
        return sorted(pages & env.found_docs)


def _may_name(pid: ProposalId, key: ProposalKey) -> bool:
    """Whether a reference written *pid* can show *key*: same number, and series if labelled.

    A bare number counts for every series: which one it names (or whether it
    is ambiguous) depends on the other proposals, so one too many is safe.
    """
    return pid.number == key.number and pid.series in (None, key.series)


def _stale_navigation(env: BuildEnvironment, before: _Before) -> set[str]:
    """Pages whose parent/previous/next link changed target or title."""
    if not before.navigation:
        return set()
    retitled = {
        name
        for name, title in before.titles.items()
        if name in env.titles and env.titles[name].astext() != title
    }
    pages: set[str] = set()
    for docname, links in env.collect_relations().items():
        old = before.navigation.get(docname)
        if old is None:
            continue  # a new document is written anyway
        if list(old) != list(links) or not retitled.isdisjoint(links):
            pages.add(docname)
    return pages


def setup_collector(app: Sphinx) -> None:
    app.add_env_collector(ProposalCollector)
