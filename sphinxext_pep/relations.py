"""Relations between proposals and the checks that need the whole project (SPEC §4).

Run once per build from :meth:`PepDomain.check_consistency`, after every
document has been read (and, with ``-j``, merged), so the warnings are the same
for serial, parallel and incremental builds.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.model import RECIPROCAL, RELATION_FIELDS, Proposal
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinxext_pep.domain import PepDomain

#: number -> relation -> (own numbers, derived numbers); own first, as written.
EffectiveRelations = Mapping[int, Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]]]


def effective_relations(proposals: Sequence[Proposal]) -> EffectiveRelations:
    """Each proposal's relations as written plus those implied by the others.

    If 12 lists ``depends-on: 9``, then 9 *enables* 12 even if 9 does not say
    so; the derived numbers are kept apart so pages can mark them.
    """
    own: dict[int, dict[str, tuple[int, ...]]] = {}
    derived: dict[int, dict[str, set[int]]] = {}
    for proposal in proposals:
        assert proposal.number is not None
        own[proposal.number] = dict(proposal.relations)
    for number, relations in own.items():
        for relation, targets in relations.items():
            for target in targets:
                if target in own and target != number:
                    derived.setdefault(target, {}).setdefault(RECIPROCAL[relation], set()).add(
                        number
                    )
    result: dict[int, dict[str, tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for number, relations in own.items():
        entry = {}
        for relation in RELATION_FIELDS:
            written = relations.get(relation, ())
            implied = tuple(
                sorted(n for n in derived.get(number, {}).get(relation, ()) if n not in written)
            )
            if written or implied:
                entry[relation] = (written, implied)
        result[number] = entry
    return result


def all_of(relations: EffectiveRelations, number: int, relation: str) -> tuple[int, ...]:
    own, implied = relations.get(number, {}).get(relation, ((), ()))
    return own + implied


def find_cycles(depends_on: Mapping[int, Sequence[int]]) -> list[list[int]]:
    """One cycle per strongly connected component of the dependency graph.

    Each cycle starts and ends at the component's smallest number, so the
    report does not depend on the order proposals were read in.
    """
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[list[int]] = []
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

    cycles = []
    for component in components:
        members = set(component)
        start = min(members)
        # Shortest path back to start inside the component (BFS).
        previous: dict[int, int] = {}
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
        path = [start]
        node = previous[start]
        while node != start:
            path.append(node)
            node = previous[node]
        path.append(start)
        cycles.append([path[0], *reversed(path[1:-1]), start])
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

    for number in sorted({p.number for p in domain.proposals.values() if p.number is not None}):
        first, *others = domain.claimants(number)
        for other in others:
            warn(
                Subtype.DUPLICATE,
                f"{pid(other)}: number {number} is used twice: by {source(other)} "
                f"and by {source(first)}",
                where(other),
                exempt=other.exempt,
            )

    relations = domain.relations()
    proposals = list(domain.iter_proposals())
    for proposal in proposals:
        for relation, targets in proposal.relations:
            for target in targets:
                if domain.get_proposal(target) is None:
                    missing = settings.proposal_id(proposal.label, target)
                    warn(
                        Subtype.REF,
                        f"{pid(proposal)}: ':{relation}:' names {missing}, "
                        "which no proposal in this project has",
                        where(proposal, relation),
                        exempt=proposal.exempt,
                    )

    by_number = {p.number: p for p in proposals if p.number is not None}
    graph = {n: all_of(relations, n, "depends-on") for n in by_number}
    for cycle in find_cycles(graph):
        head = by_number[cycle[0]]
        path = " \u2192 ".join(settings.proposal_id(by_number[n].label, n) for n in cycle)
        warn(
            Subtype.DEPENDENCY,
            f"{pid(head)}: dependency cycle: {path}",
            where(head, "depends-on" if head.relation("depends-on") else "enables"),
            exempt=head.exempt,
        )

    for proposal in proposals:
        assert proposal.number is not None
        if proposal.status_group == "done":
            for dep_number in all_of(relations, proposal.number, "depends-on"):
                dependency = by_number.get(dep_number)
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
            present = (
                bool(all_of(relations, proposal.number, needed))
                if needed in RELATION_FIELDS
                else proposal.field(needed) is not None
            )
            if not present:
                what = _NEEDED_FOR_STATUS.get(needed, "set")
                warn(
                    Subtype.STATUS,
                    f"{pid(proposal)}: status {proposal.status!r} needs ':{needed}:' {what}",
                    where(proposal, "status"),
                    exempt=proposal.exempt,
                )
