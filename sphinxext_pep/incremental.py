"""Incremental builds: rewrite every page that shows something that changed (SPEC §9).

Sphinx re-reads only edited documents and, by default, rewrites only those.
But a proposal's title and status also appear in other pages' reference
tooltips, its relations in other headers' reverse links, and everything in the
index. So before reading, the public face of every proposal is remembered;
after reading, each page that shows a changed proposal is handed back to Sphinx
to be rewritten (not re-read).

Sphinx itself leaves one kind of page stale: a page's navigation links (parent,
previous, next) show other documents' titles, and Sphinx does not rewrite it
when one of those documents is retitled, added or removed. Those pages are
handed back too, so an incremental build writes what a fresh one would.
"""

from __future__ import annotations

import weakref
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from sphinxext_pep.domain import PepDomain, get_domain
from sphinxext_pep.values import ProposalId, ProposalKey

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# The state before this build's reading, per environment; never pickled.
_BEFORE: weakref.WeakKeyDictionary[BuildEnvironment, dict[str, Any]] = weakref.WeakKeyDictionary()


def _public_state(domain: PepDomain) -> dict[str, Any]:
    """What other pages can show of each document's proposal, by docname."""
    histories = domain.data["histories"]
    risks = domain.data["risks"]
    return {
        docname: (proposal.public, histories.get(docname), risks.get(docname))
        for docname, proposal in domain.proposals.items()
    }


def remember_state(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: runs before the outdated documents are purged."""
    state = _public_state(get_domain(env))
    titles = {name: env.titles[name].astext() for name in changed if name in env.titles}
    navigation = env.collect_relations() if (added or changed or removed) else {}
    _BEFORE[env] = {"proposals": state, "titles": titles, "navigation": navigation}
    return []


def _stale_navigation(
    env: BuildEnvironment, before: dict[str, list[str | None]], titles: dict[str, str]
) -> set[str]:
    """Pages whose parent/previous/next link changed target or title."""
    if not before:
        return set()
    retitled = {
        name
        for name, title in titles.items()
        if name in env.titles and env.titles[name].astext() != title
    }
    pages: set[str] = set()
    for docname, links in env.collect_relations().items():
        old = before.get(docname)
        if old is None:
            continue  # a new document is written anyway
        if list(old) != list(links) or not retitled.isdisjoint(links):
            pages.add(docname)
    return pages


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that show a proposal whose face changed."""
    remembered = _BEFORE.pop(env, None)
    if remembered is None:
        return []
    neighbours = _stale_navigation(env, remembered["navigation"], remembered["titles"])
    before = remembered["proposals"]
    domain = get_domain(env)
    after = _public_state(domain)
    #: Proposals whose face changed: every page showing them is rewritten.
    keys: set[ProposalKey] = set()
    #: The ids they list: only the pages of those proposals show the reverse link.
    related: set[ProposalId] = set()
    for docname in before.keys() | after.keys():
        old, new = before.get(docname), after.get(docname)
        if old == new:
            continue
        for state in (old, new):
            if state is None:
                continue
            proposal = state[0]
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


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_state)
    app.connect("env-get-updated", pages_to_rewrite)
