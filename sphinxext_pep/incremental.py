"""Incremental builds: rewrite every page that shows something that changed (SPEC §9).

Sphinx re-reads only edited documents and, by default, rewrites only those.
But a proposal's title and status also appear in other pages' reference
tooltips, its relations in other headers' reverse links, and everything in the
index. So before reading, the public face of every proposal is remembered;
after reading, each page that shows a changed proposal is handed back to Sphinx
to be rewritten (not re-read).

Sphinx itself leaves one kind of page stale: the previous and next documents in
the toctree show an edited document's title in their navigation links, and are
not rewritten when it changes. Those are handed back too.
"""

from __future__ import annotations

import weakref
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from sphinxext_pep.domain import PepDomain, get_domain

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
    _BEFORE[env] = {"proposals": state, "titles": titles}
    return []


def _retitled_neighbours(env: BuildEnvironment, titles: dict[str, str]) -> set[str]:
    """The toctree neighbours (previous, next) of documents whose title changed."""
    retitled = [
        name
        for name, title in titles.items()
        if name in env.titles and env.titles[name].astext() != title
    ]
    if not retitled:
        return set()
    relations = env.collect_relations()
    pages: set[str] = set()
    for docname, (_parent, previous, following) in relations.items():
        if previous in retitled or following in retitled:
            pages.add(docname)
    return pages


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that show a proposal whose face changed."""
    remembered = _BEFORE.pop(env, None)
    if remembered is None:
        return []
    neighbours = _retitled_neighbours(env, remembered["titles"])
    before = remembered["proposals"]
    domain = get_domain(env)
    after = _public_state(domain)
    numbers: set[int] = set()
    for docname in before.keys() | after.keys():
        old, new = before.get(docname), after.get(docname)
        if old == new:
            continue
        for state in (old, new):
            if state is None:
                continue
            proposal = state[0]
            if proposal.number is not None:
                numbers.add(proposal.number)
            # Its relations show as reverse links on the other side.
            for _relation, targets in proposal.relations:
                numbers.update(targets)
    if not numbers:
        return sorted(neighbours & env.found_docs)
    pages = set(domain.data["listings"]) | neighbours
    for docname, referenced in domain.data["references"].items():
        if not numbers.isdisjoint(referenced):
            pages.add(docname)
    for number in numbers:
        pages.update(p.docname for p in domain.claimants(number))
    return sorted(pages & env.found_docs)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_state)
    app.connect("env-get-updated", pages_to_rewrite)
