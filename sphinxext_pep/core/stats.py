"""The numbers of ``pep-stats``: counts, proposals per quarter, decision times, the oldest open.

Pure: proposals (already selected by the directive's filters), the settings
and the build date in, one :class:`Stats` record out. The Sphinx side
(:mod:`sphinxext_pep.stats`) draws its bar charts and tables.

The milestones are read from each proposal's checked status history:

* *to a decision*: from the history's first row to its first later row in
  the ``accepted`` group;
* *to delivery*: from that row to the first later row in the ``done`` group.

A proposal that never reached a milestone adds nothing to it. The median is
the middle value (the mean of the two middle ones for an even count); the
90th percentile is the nearest-rank one: the smallest value that at least 90
per cent of the values do not exceed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.templates import STATUS_GROUPS
from sphinxext_pep.core.timeline import status_group

#: Lifecycle order of the groups; ``None`` (a status no template has) last.
GROUP_ORDER: tuple[str | None, ...] = (*STATUS_GROUPS, None)
#: How many of the oldest open proposals are listed, unless ``:oldest:`` says.
DEFAULT_OLDEST = 5
#: The quarters listed at most (forty years): a typo'd year (``0026``) would
#: otherwise list thousands. Proposals before them are counted as earlier.
MAX_QUARTERS = 160


@dataclass(frozen=True)
class StatusCount:
    status: str
    group: str | None
    count: int


@dataclass(frozen=True)
class GroupCount:
    group: str | None
    count: int


@dataclass(frozen=True)
class QuarterCount:
    year: int
    quarter: int
    count: int

    @property
    def label(self) -> str:
        """``2026-Q1``, the same in every language (as the timeline's ticks)."""
        return f"{self.year:04d}-Q{self.quarter}"


@dataclass(frozen=True)
class Durations:
    """Days between two milestones, over the proposals that reached both."""

    count: int
    median: float | None
    p90: int | None


@dataclass(frozen=True)
class OpenProposal:
    proposal: Proposal
    #: The day it was created (its ``created``, else its history's first row).
    since: date
    days: int


@dataclass(frozen=True)
class Stats:
    total: int
    by_group: tuple[GroupCount, ...]
    by_status: tuple[StatusCount, ...]
    #: Every quarter from the first proposal's to the last one's, empty ones
    #: included; the last :data:`MAX_QUARTERS` of them.
    per_quarter: tuple[QuarterCount, ...]
    #: Proposals created before the first quarter listed.
    earlier: int
    #: Proposals with neither a ``created`` date nor a dated history row.
    undated: int
    to_decision: Durations
    to_delivery: Durations
    oldest_open: tuple[OpenProposal, ...]


def _dated_history(proposal: Proposal) -> list[tuple[date, str]]:
    found = []
    for entry in proposal.history:
        try:
            found.append((date.fromisoformat(entry.date), entry.to_status))
        except ValueError:
            continue  # unreadable (already warned)
    return found


def created_on(proposal: Proposal) -> date | None:
    """Its ``created`` date, else the date of its history's first readable row."""
    if proposal.created is not None:
        return proposal.created
    dated = _dated_history(proposal)
    return dated[0][0] if dated else None


def milestones(proposal: Proposal, settings: PepSettings) -> tuple[int | None, int | None]:
    """Days to a decision and from it to delivery (``None``: not reached)."""
    dated = _dated_history(proposal)
    if not dated:
        return None, None
    groups = [status_group(settings, proposal, status) for _day, status in dated]
    accepted = next((i for i in range(1, len(dated)) if groups[i] == "accepted"), None)
    if accepted is None:
        return None, None
    decision = (dated[accepted][0] - dated[0][0]).days
    done = next((i for i in range(accepted + 1, len(dated)) if groups[i] == "done"), None)
    delivery = None if done is None else (dated[done][0] - dated[accepted][0]).days
    return max(decision, 0), None if delivery is None else max(delivery, 0)


def durations(days: Sequence[int]) -> Durations:
    if not days:
        return Durations(0, None, None)
    ordered = sorted(days)
    rank = math.ceil(0.9 * len(ordered))
    return Durations(len(ordered), float(statistics.median(ordered)), ordered[rank - 1])


def _status_rank(settings: PepSettings, status: str, group: str | None) -> tuple[int, int, str]:
    position = min(
        (
            index
            for template in settings.templates.values()
            for index, known in enumerate(template.statuses)
            if known.name.casefold() == status.casefold()
        ),
        default=99,
    )
    return GROUP_ORDER.index(group), position, status.casefold()


def per_quarter(days: Sequence[date]) -> tuple[tuple[QuarterCount, ...], int]:
    """Counts per quarter, from the first quarter to the last, none left out.

    At most the last :data:`MAX_QUARTERS`; the second value counts the days before them.
    """
    if not days:
        return (), 0
    counts: dict[int, int] = {}
    for day in days:
        index = day.year * 4 + (day.month - 1) // 3
        counts[index] = counts.get(index, 0) + 1
    last = max(counts)
    first = max(min(counts), last - MAX_QUARTERS + 1)
    found = tuple(
        QuarterCount(index // 4, index % 4 + 1, counts.get(index, 0))
        for index in range(first, last + 1)
    )
    return found, sum(n for index, n in counts.items() if index < first)


def compute(
    proposals: Sequence[Proposal], settings: PepSettings, today: date, oldest: int = DEFAULT_OLDEST
) -> Stats:
    """Every number of one ``pep-stats``."""
    groups: dict[str | None, int] = {}
    statuses: dict[tuple[str, str | None], StatusCount] = {}
    created: list[date] = []
    decisions: list[int] = []
    deliveries: list[int] = []
    open_ones: list[OpenProposal] = []
    for proposal in proposals:
        group = proposal.status_group
        groups[group] = groups.get(group, 0) + 1
        key = (proposal.status.casefold(), group)
        seen = statuses.get(key)
        statuses[key] = StatusCount(
            seen.status if seen else proposal.status, group, (seen.count if seen else 0) + 1
        )
        since = created_on(proposal)
        if since is not None:
            created.append(since)
        decision, delivery = milestones(proposal, settings)
        if decision is not None:
            decisions.append(decision)
        if delivery is not None:
            deliveries.append(delivery)
        if group == "open" and since is not None:
            open_ones.append(OpenProposal(proposal, since, max(0, (today - since).days)))
    quarters, earlier = per_quarter(created)
    open_ones.sort(key=lambda o: (o.since, o.proposal.number or 0, o.proposal.series))
    spelled = {
        known.name.casefold(): known.name
        for template in reversed(list(settings.templates.values()))
        for known in template.statuses
    }
    return Stats(
        total=len(proposals),
        by_group=tuple(GroupCount(g, groups[g]) for g in GROUP_ORDER if g in groups),
        # A status two templates share is spelled as the first template has it.
        by_status=tuple(
            sorted(
                (
                    replace(s, status=spelled.get(s.status.casefold(), s.status))
                    for s in statuses.values()
                ),
                key=lambda s: _status_rank(settings, s.status, s.group),
            )
        ),
        per_quarter=quarters,
        earlier=earlier,
        undated=len(proposals) - len(created),
        to_decision=durations(decisions),
        to_delivery=durations(deliveries),
        oldest_open=tuple(open_ones[:oldest]),
    )


def bar_length(value: float, largest: float, full: float) -> float:
    """How long the bar of *value* is when the *largest* value's bar is *full* long."""
    return round(value / largest * full, 2) if largest > 0 else 0.0
