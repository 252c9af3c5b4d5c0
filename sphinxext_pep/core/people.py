"""Who is on which proposal, in which role: what ``pep-people`` lists (issue 16).

Every people field of the registry (``Kind.PEOPLE``: authors, and the
process roles) is a role, so a new people field is listed without a change
here. A person is one name, matched case-insensitively with its spaces
collapsed: ``Jane Doe <jane@example.com>`` on one proposal and ``jane doe``
on another are one person, shown as first written (in proposal order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sphinxext_pep.core.fields import FIELD_BY_NAME, FIELDS, Kind
from sphinxext_pep.core.model import Proposal

#: Every role a person can have on a proposal: the people fields, in registry order.
ROLES: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind is Kind.PEOPLE)

#: The roles an open proposal waits on: who decides, who reviews.
WAITING_ROLES: tuple[str, ...] = tuple(
    name for name in ("delegate", "reviewers") if name in FIELD_BY_NAME
)

#: The status group of the proposals still waiting for a decision.
OPEN_GROUP = "open"


def person_key(name: str) -> str:
    """What makes two spellings one person: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Person:
    """One person and their proposals, by role."""

    name: str
    #: ``(role, proposals)`` for each role they have, in registry order; each
    #: role's proposals in proposal order (number, then series).
    roles: tuple[tuple[str, tuple[Proposal, ...]], ...]

    def proposals_as(self, roles: Iterable[str]) -> tuple[Proposal, ...]:
        """Their proposals in any of *roles*, each once, in proposal order."""
        wanted = set(roles)
        found = {
            p.docname: p for role, proposals in self.roles if role in wanted for p in proposals
        }
        return tuple(sorted(found.values(), key=_proposal_order))

    @property
    def waiting(self) -> tuple[Proposal, ...]:
        """The open proposals waiting on them: where they decide or review."""
        return tuple(p for p in self.proposals_as(WAITING_ROLES) if p.status_group == OPEN_GROUP)


def _proposal_order(proposal: Proposal) -> tuple[int, str, str]:
    return (proposal.number or 0, proposal.series, proposal.docname)


def people(proposals: Iterable[Proposal]) -> list[Person]:
    """Everyone named in a people field of *proposals*, sorted by name.

    Names sort case-insensitively, a handle's without its ``@`` (then as
    written, so the order is total); a person named twice on one proposal in
    one role is listed once.
    """
    ordered = sorted(proposals, key=_proposal_order)
    names: dict[str, str] = {}
    by_role: dict[str, dict[str, dict[str, Proposal]]] = {}
    for proposal in ordered:
        for role in ROLES:
            for author in proposal.people_of(role):
                key = person_key(author.name)
                if not key:
                    continue
                names.setdefault(key, " ".join(author.name.split()))
                by_role.setdefault(key, {}).setdefault(role, {})[proposal.docname] = proposal
    found = [
        Person(
            names[key],
            tuple(
                (role, tuple(by_role[key][role].values())) for role in ROLES if role in by_role[key]
            ),
        )
        for key in names
    ]
    # A handle sorts by its name: ``@jroe`` among the J's, not before the A's.
    return sorted(found, key=lambda person: (person_key(person.name).lstrip("@"), person.name))
