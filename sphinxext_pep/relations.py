"""Relations between proposals and the checks that need the whole project (SPEC §4).

Run once per build from :meth:`PepDomain.check_consistency`, after every
document has been read (and, with ``-j``, merged), so the warnings are the same
for serial, parallel and incremental builds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.model import RECIPROCAL, RELATION_FIELDS, Proposal
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.series import ambiguity, unknown_series
from sphinxext_pep.core.values import ProposalId, ProposalKey
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.domain import PepDomain

#: key -> relation -> (own ids as written, derived keys); own first, in order.
EffectiveRelations = Mapping[
    ProposalKey, Mapping[str, tuple[tuple[ProposalId, ...], tuple[ProposalKey, ...]]]
]

_Node = TypeVar("_Node", int, ProposalKey)

#: Which proposal an id names in this project (``None``: none, or not one).
Resolve = Callable[[ProposalId], ProposalKey | None]


def effective_relations(proposals: Sequence[Proposal], resolve: Resolve) -> EffectiveRelations:
    """Each proposal's relations as written plus those implied by the others.

    If 12 lists ``depends-on: 9``, then 9 *enables* 12 even if 9 does not say
    so; the derived keys are kept apart so pages can mark them. Ids that name
    no proposal (or two: a bare number two series share) imply nothing.
    """
    own: dict[ProposalKey, dict[str, tuple[ProposalId, ...]]] = {}
    derived: dict[ProposalKey, dict[str, set[ProposalKey]]] = {}
    for proposal in proposals:
        assert proposal.key is not None
        own[proposal.key] = dict(proposal.relations)
    for key, relations in own.items():
        for relation, targets in relations.items():
            for pid in targets:
                target = resolve(pid)
                if target is not None and target in own and target != key:
                    derived.setdefault(target, {}).setdefault(RECIPROCAL[relation], set()).add(key)
    result: dict[
        ProposalKey, dict[str, tuple[tuple[ProposalId, ...], tuple[ProposalKey, ...]]]
    ] = {}
    for key, relations in own.items():
        entry = {}
        for relation in RELATION_FIELDS:
            written = relations.get(relation, ())
            named = {resolve(pid) for pid in written}
            implied = tuple(
                sorted(k for k in derived.get(key, {}).get(relation, ()) if k not in named)
            )
            if written or implied:
                entry[relation] = (written, implied)
        result[key] = entry
    return result


def all_of(
    relations: EffectiveRelations, key: ProposalKey, relation: str, resolve: Resolve
) -> tuple[ProposalKey, ...]:
    """The proposals *key* has in *relation*: its own that resolve, then the derived."""
    own, implied = relations.get(key, {}).get(relation, ((), ()))
    named = tuple(k for pid in own if (k := resolve(pid)) is not None)
    return named + tuple(k for k in implied if k not in named)


def find_cycles(depends_on: Mapping[_Node, Sequence[_Node]]) -> list[list[_Node]]:
    """One cycle per strongly connected component of the dependency graph.

    Each cycle starts and ends at the component's smallest node (key: number,
    then series), so the report does not depend on the order proposals were
    read in.
    """
    index: dict[_Node, int] = {}
    low: dict[_Node, int] = {}
    stack: list[_Node] = []
    on_stack: set[_Node] = set()
    components: list[list[_Node]] = []
    counter = 0

    # Iterative Tarjan: a recursive one overflows on long dependency chains.
    for root in sorted(depends_on):
        if root in index:
            continue
        work = [(root, iter(sorted(depends_on.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in depends_on:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(depends_on.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in depends_on.get(node, ()):
                    components.append(component)

    cycles: list[list[_Node]] = []
    for component in components:
        members = set(component)
        start = min(members)
        # Shortest path back to start inside the component (BFS).
        previous: dict[_Node, _Node] = {}
        frontier = [start]
        found = False
        while frontier and not found:
            next_frontier = []
            for node in frontier:
                for child in sorted(depends_on.get(node, ())):
                    if child == start:
                        previous[start] = node
                        found = True
                        break
                    if child in members and child not in previous:
                        previous[child] = node
                        next_frontier.append(child)
                if found:
                    break
            frontier = next_frontier
        path: list[_Node] = [start]
        node = previous[start]
        while node != start:
            path.append(node)
            node = previous[node]
        path.append(start)
        cycle: list[_Node] = [path[0]]
        cycle.extend(reversed(path[1:-1]))
        cycle.append(start)
        cycles.append(cycle)
    return sorted(cycles)


#: How a status's missing field is described: what the author must write.
_NEEDED_FOR_STATUS = {
    "superseded-by": "naming the proposal that replaces it",
    "supersedes": "naming the proposal it replaces",
    "depends-on": "naming the proposals it depends on",
    "enables": "naming the proposals it enables",
    "related": "naming the related proposals",
}


def check_project(domain: PepDomain, env: BuildEnvironment) -> None:
    """Every check of SPEC §4 that looks at more than one proposal."""
    settings = get_settings(env.config)

    def pid(proposal: Proposal) -> str:
        return settings.proposal_id(proposal.label, proposal.number)

    def where(proposal: Proposal, field_name: str | None = None) -> Location:
        return proposal.location(field_name)

    def source(proposal: Proposal) -> str:
        path = (
            os.path.relpath(proposal.source, env.srcdir)
            if proposal.source
            else env.doc2path(proposal.docname, False)
        )
        return f"{path}:{proposal.lineno}"

    for key in sorted({p.key for p in domain.proposals.values() if p.key is not None}):
        first, *others = domain.claimants(key)
        for other in others:
            warn(
                Subtype.DUPLICATE,
                f"{pid(other)}: number {key.number} is used twice: by {source(other)} "
                f"and by {source(first)}",
                where(other),
                exempt=other.exempt,
            )

    relations = domain.relations()
    index = domain.series_index()
    resolve = index.key_of
    proposals = list(domain.iter_proposals())
    by_key = {p.key: p for p in proposals if p.key is not None}

    def name(key: ProposalKey) -> str:
        return settings.proposal_id(index.label(key.series), key.number)

    for proposal in proposals:
        for relation, targets in proposal.relations:
            for target in targets:
                resolution = index.resolve(target)
                if resolution.key is not None and resolution.key in by_key:
                    continue
                written = settings.proposal_id(
                    index.display_label(target, proposal.label), target.number
                )
                if resolution.ambiguous:
                    problem = f"in ':{relation}:', {ambiguity(resolution, name)}"
                elif resolution.unknown_series:
                    problem = (
                        f"':{relation}:' names {written}, but {unknown_series(resolution, index)}"
                    )
                else:
                    problem = (
                        f"':{relation}:' names {written}, which no proposal in this project has"
                    )
                warn(
                    Subtype.REF,
                    f"{pid(proposal)}: {problem}",
                    where(proposal, relation),
                    exempt=proposal.exempt,
                )

    graph = {key: all_of(relations, key, "depends-on", resolve) for key in by_key}
    for cycle in find_cycles(graph):
        head = by_key[cycle[0]]
        path = " \u2192 ".join(pid(by_key[key]) for key in cycle)
        warn(
            Subtype.DEPENDENCY,
            f"{pid(head)}: dependency cycle: {path}",
            where(head, "depends-on" if head.relation("depends-on") else "enables"),
            exempt=head.exempt,
        )

    for key, proposal in by_key.items():
        if proposal.status_group == "done":
            for dep_key in all_of(relations, key, "depends-on", resolve):
                dependency = by_key.get(dep_key)
                if dependency is not None and dependency.status_group != "done":
                    warn(
                        Subtype.DEPENDENCY,
                        f"{pid(proposal)} is {proposal.status} but depends on "
                        f"{pid(dependency)}, which is {dependency.status or 'without a status'}",
                        where(proposal, "depends-on"),
                        exempt=proposal.exempt,
                    )
        template = settings.template(proposal.template)
        if template is None or not proposal.status:
            continue
        for needed in template.status_requires.get(proposal.status, ()):
            if needed in RELATION_FIELDS:
                # Written counts even when it names no proposal: that is a
                # pep.ref warning already, not a missing field.
                own, implied = relations.get(key, {}).get(needed, ((), ()))
                present = bool(own or implied)
            else:
                present = proposal.field(needed) is not None
            if not present:
                what = _NEEDED_FOR_STATUS.get(needed, "set")
                warn(
                    Subtype.STATUS,
                    f"{pid(proposal)}: status {proposal.status!r} needs ':{needed}:' {what}",
                    where(proposal, "status"),
                    exempt=proposal.exempt,
                )
