"""The proposal-process rules (issue 16): status-required fields, review windows, consistency.

Pure: one proposal, its template, which of its relations are set (its own or
implied by another header) and the build date in; problems and advisory notes
out. Run once per build for every proposal, after every document is read, by
:mod:`sphinxext_pep.process`, so the dates are measured against one build
date whatever the order or the number of processes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sphinxext_pep.core.fields import FIELD_BY_NAME, Kind
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Problem, Subtype
from sphinxext_pep.core.rules import check_rules
from sphinxext_pep.core.templates import Template


@dataclass(frozen=True)
class ProcessFindings:
    """What the rules found: warnings, and notes (advisory, never failing ``-W``)."""

    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...]


def check_process(
    proposal: Proposal,
    template: Template | None,
    today: date,
    has_relation: Callable[[str], bool] | None = None,
) -> ProcessFindings:
    """Every process rule for *proposal*; *has_relation* says whether a relation is set
    (its own or implied by another header; by default its own)."""
    problems: list[Problem] = []
    notes: list[Problem] = []

    def add(subtype: Subtype, message: str, field_name: str) -> None:
        problems.append(Problem(subtype, message, proposal.location(field_name)))

    def present(name: str) -> bool:
        if FIELD_BY_NAME[name].kind is Kind.RELATION and has_relation is not None:
            return has_relation(name)
        return proposal.has(name)

    if template is not None and proposal.status:
        for needed in template.required_for(proposal.status):
            if not present(needed):
                add(
                    Subtype.HEADER,
                    f"status {proposal.status!r} requires ':{needed}:' "
                    f"(required_by_status of template {template.name!r})",
                    "status",
                )
    if template is not None:
        problems.extend(check_rules(proposal, template, present))

    created = proposal.created
    # Where discussion may precede the number (Python's process), it is no defect.
    check_created = template is None or template.discussions_after_created
    for link in proposal.links_of("discussions"):
        if link.date is None:
            continue
        if check_created and created is not None and link.date < created:
            add(
                Subtype.DATE,
                f"discussion of {link.date.isoformat()} ({link.shown}) is before the "
                f"created date {created.isoformat()}",
                "discussions",
            )
        elif link.date > today:
            add(
                Subtype.DATE,
                f"discussion of {link.date.isoformat()} ({link.shown}) is after the "
                f"build date {today.isoformat()}",
                "discussions",
            )

    review = proposal.window("review")
    if review is not None:
        if created is not None and review.start < created:
            add(
                Subtype.DATE,
                f"review window {review} starts before the created date {created.isoformat()}",
                "review",
            )
        if review.end < today and proposal.status_group == "open":
            add(
                Subtype.REVIEW,
                f"the review window {review} ended on {review.end.isoformat()}, but the "
                f"status is still {proposal.status!r}; record the decision (a new status) "
                "or extend the window",
                "review",
            )

    if proposal.field("shipped") is not None and proposal.status_group not in ("done", None):
        add(
            Subtype.STATUS,
            f"':shipped: {proposal.field('shipped')}' on a proposal whose status "
            f"{proposal.status!r} is not a done one; remove it or record the new status",
            "shipped",
        )

    authors = {person.name.casefold() for person in proposal.authors}
    for delegate in proposal.people_of("delegate"):
        if delegate.name.casefold() in authors:
            notes.append(
                Problem(
                    Subtype.HEADER,
                    f"the delegate {delegate.name} is also an author: who decides "
                    "is usually someone else",
                    proposal.location("delegate"),
                )
            )
    return ProcessFindings(tuple(problems), tuple(notes))
