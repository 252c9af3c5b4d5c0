"""Relations between proposals and the checks that need the whole project (SPEC §4).

Pure: the proposals of the project in, each proposal's effective relations
(its own plus those implied by the others), dependency cycles, and the
problems of the project-wide checks out. :mod:`sphinxext_pep.relations` runs
them once per build, after every document is read (and, with ``-j``,
merged), so the warnings are the same for serial, parallel and incremental
builds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sphinxext_pep.core.model import RECIPROCAL, RELATION_FIELDS, Proposal
from sphinxext_pep.core.problems import Problem, Subtype
from sphinxext_pep.core.series import SeriesIndex, ambiguity, unknown_series
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.values import ProposalId, ProposalKey

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


@dataclass(frozen=True)
class ProjectProblem:
    """A problem a project-wide check found, and the proposal whose ``:exempt:`` applies.

    Its message names every proposal it is about, the first one first.
    """

    proposal: Proposal
    problem: Problem


def check_relations(
    proposals: Sequence[Proposal],
    claimants: Iterable[Sequence[Proposal]],
    relations: EffectiveRelations,
    index: SeriesIndex,
    settings: PepSettings,
    source: Callable[[Proposal], str],
) -> list[ProjectProblem]:
    """Every check of SPEC §4 that looks at more than one proposal.

    *proposals* are the resolvable ones (one per key), *claimants* each key's
    proposals when more than one claims it (the first is used), *source*
    names where a proposal is written (``path:line``) in a message.
    """
    found: list[ProjectProblem] = []

    def pid(proposal: Proposal) -> str:
        return settings.proposal_id(proposal.label, proposal.number)

    def add(proposal: Proposal, subtype: Subtype, message: str, field: str | None) -> None:
        found.append(ProjectProblem(proposal, Problem(subtype, message, proposal.location(field))))

    for first, *others in claimants:
        for other in others:
            add(
                other,
                Subtype.DUPLICATE,
                f"{pid(other)}: number {other.number} is used twice: by {source(other)} "
                f"and by {source(first)}",
                None,
            )

    resolve = index.key_of
    by_key = {p.key: p for p in proposals if p.key is not None}

    def name(key: ProposalKey) -> str:
        return settings.proposal_id(index.label(key.series), key.number)

    for proposal in proposals:
        for relation, targets in proposal.relations:
            for target in targets:
                resolution = index.resolve(target)
                if resolution.key is not None and resolution.key == proposal.key:
                    if relation != "depends-on":  # that one is a dependency cycle
                        add(
                            proposal,
                            Subtype.REF,
                            f"{pid(proposal)}: ':{relation}:' names this proposal itself; "
                            "list other proposals only",
                            relation,
                        )
                    continue
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
                add(proposal, Subtype.REF, f"{pid(proposal)}: {problem}", relation)

    graph = {key: all_of(relations, key, "depends-on", resolve) for key in by_key}
    for cycle in find_cycles(graph):
        head = by_key[cycle[0]]
        path = " \u2192 ".join(pid(by_key[key]) for key in cycle)
        field = "depends-on" if head.relation("depends-on") else "enables"
        add(head, Subtype.DEPENDENCY, f"{pid(head)}: dependency cycle: {path}", field)

    # Two proposals that supersede each other (or a longer loop): which one
    # replaced which cannot be both.
    replaces = {
        key: tuple(k for k in all_of(relations, key, "supersedes", resolve) if k != key)
        for key in by_key
    }
    for cycle in find_cycles(replaces):
        head = by_key[cycle[0]]
        path = " \u2192 ".join(pid(by_key[key]) for key in cycle)
        field = "supersedes" if head.relation("supersedes") else "superseded-by"
        add(
            head,
            Subtype.DEPENDENCY,
            f"{pid(head)}: supersede cycle: {path} (each supersedes the next); "
            "a proposal replaces only older ones",
            field,
        )

    for replaced, replacement_problem in supersede_problems(by_key, resolve, pid):
        found.append(ProjectProblem(replaced, replacement_problem))

    for key, proposal in by_key.items():
        if proposal.status_group == "done":
            for dep_key in all_of(relations, key, "depends-on", resolve):
                dependency = by_key.get(dep_key)
                if dependency is not None and dependency.status_group != "done":
                    add(
                        proposal,
                        Subtype.DEPENDENCY,
                        f"{pid(proposal)} is {proposal.status} but depends on "
                        f"{pid(dependency)}, which is {dependency.status or 'without a status'}",
                        "depends-on",
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
                add(
                    proposal,
                    Subtype.STATUS,
                    f"{pid(proposal)}: status {proposal.status!r} needs ':{needed}:' {what}",
                    "status",
                )
    return found


def supersede_problems(
    by_key: Mapping[ProposalKey, Proposal], resolve: Resolve, pid: Callable[[Proposal], str]
) -> list[tuple[Proposal, Problem]]:
    """What the ``supersedes``/``superseded-by`` lists say that cannot all be true.

    A proposal that names its replacement (``:superseded-by:``) is closed: a
    status of the closed group (``Superseded``, ``Withdrawn``, ``Rejected``),
    not ``Final`` or ``Draft``. And the two sides of a replacement, when both
    wrote their list, name each other: 12 ``:superseded-by: 13`` while 13
    ``:supersedes: 11`` (not 12) is a contradiction, and the derived reverse
    links would show both. One side alone is fine: the other is derived.
    """
    found: list[tuple[Proposal, Problem]] = []
    reverse = {"superseded-by": "supersedes", "supersedes": "superseded-by"}
    for key, proposal in by_key.items():
        replaced_by = proposal.relation("superseded-by")
        group = proposal.status_group
        if replaced_by and group is not None and group != "closed":
            message = (
                f"{pid(proposal)}: ':superseded-by:' is set, but status {proposal.status!r} "
                "is not a closed one (a replaced proposal is Superseded, Withdrawn or another "
                "status of the closed group); change the status or drop ':superseded-by:'"
            )
            found.append(
                (proposal, Problem(Subtype.STATUS, message, proposal.location("superseded-by")))
            )
        for relation, other_side in reverse.items():
            for target in proposal.relation(relation):
                target_key = resolve(target)
                other = by_key.get(target_key) if target_key is not None else None
                if other is None or other.key == key:
                    continue  # a pep.ref warning already
                named = [k for k in map(resolve, other.relation(other_side)) if k is not None]
                if not named or key in named:
                    continue
                listed = ", ".join(pid(by_key[k]) if k in by_key else str(k.number) for k in named)
                message = (
                    f"{pid(proposal)}: ':{relation}:' names {pid(other)}, but {pid(other)}'s "
                    f"':{other_side}:' names {listed}, not {pid(proposal)}; "
                    "write the replacement the same way on both"
                )
                found.append(
                    (proposal, Problem(Subtype.DEPENDENCY, message, proposal.location(relation)))
                )
    return found
