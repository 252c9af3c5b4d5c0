"""How long an open proposal has been quiet: its age, and ``pep.stale``.

A proposal's *newest date* is the latest day anything about it was dated:
its ``created`` and ``updated`` fields, the changes of its status history and
its dated discussions (``discussions``). Its *age* is the number of days from that date to the
build date (:func:`~sphinxext_pep.core.build_date.build_date`). Only open
proposals have an age: an accepted, done, closed or deferred one is not
waiting for anyone.

Staleness is opt-in (``pep_stale_after``), so that a ``-W`` build never turns
red because a calendar page turned.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from sphinxext_pep.core.fields import FIELDS, Kind
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Problem, Subtype

#: The date fields that record activity. Others (a review window's end, a
#: target date) may lie in the future and say nothing of the last change.
ACTIVITY_FIELDS: tuple[str, ...] = ("created", "updated")

#: The fields of dated links (``discussions``): a dated thread is activity.
DATED_LINK_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind is Kind.DATED_LINKS)

#: The status group whose proposals can be stale (and have an age).
WAITING_GROUP = "open"


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None  # an unreadable history date is the history check's problem


def activity_dates(proposal: Proposal) -> Iterator[date]:
    """Every date that records a change of *proposal*, in no particular order."""
    for name in ACTIVITY_FIELDS:
        day = proposal.date_field(name)
        if day is not None:
            yield day
    for entry in proposal.history:
        day = _iso_day(entry.date)
        if day is not None:
            yield day
    for name in DATED_LINK_FIELDS:  # ``discussions``: each thread's date
        for link in proposal.links_of(name):
            if link.date is not None:
                yield link.date


def newest_date(proposal: Proposal) -> date | None:
    """The latest of :func:`activity_dates`; ``None`` when nothing is dated."""
    return max(activity_dates(proposal), default=None)


def age_in_days(proposal: Proposal, today: date) -> int | None:
    """Days from the newest date of an open *proposal* to *today*; ``None`` otherwise.

    A newest date after *today* (a typo, or a build pinned to an older
    ``SOURCE_DATE_EPOCH``) counts as today: an age is never negative.
    """
    if proposal.status_group != WAITING_GROUP:
        return None
    newest = newest_date(proposal)
    if newest is None:
        return None
    return max(0, (today - newest).days)


def stale_problems(
    proposals: Iterable[Proposal], today: date, stale_after: int | None
) -> list[tuple[Proposal, Problem]]:
    """``pep.stale`` for each open proposal quiet for more than *stale_after* days.

    Located at the header; empty when *stale_after* is ``None``.
    """
    if stale_after is None:
        return []
    found: list[tuple[Proposal, Problem]] = []
    for proposal in proposals:
        age = age_in_days(proposal, today)
        if age is None or age <= stale_after:
            continue
        newest = newest_date(proposal)
        assert newest is not None  # it has an age
        found.append(
            (
                proposal,
                Problem(
                    Subtype.STALE,
                    f"no dated change for {age} days (the newest, {newest.isoformat()}, "
                    f"is more than pep_stale_after = {stale_after} days before the build "
                    f"date {today.isoformat()}); record progress (updated, the status "
                    "history) or move it to a deferred or closed status",
                    proposal.location(),
                ),
            )
        )
    return found
