"""Proposal series: which proposal an id names, and what to say when none (SPEC §2, §5).

A proposal is known by its :class:`~sphinxext_pep.core.values.ProposalKey`, series
and number, so ``PEP 1`` and ``RFC 1`` can live in one project. An id written
with a label names the proposal of that series; a bare number names the one
proposal that has it, whatever its series, so that projects with one series
(or with numbers that do not overlap) read as they always did. A bare number
two series share names none of them: guessing would link the wrong one
without a word, so it is a ``pep.ref`` warning that names the candidates.

Pure: no Sphinx here. The domain builds a :class:`SeriesIndex` from the
proposals it holds; the roles, the header lists and the project checks all
resolve through it, so they agree on every id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sphinxext_pep.core.values import ProposalId, ProposalKey, series_slug

_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class Resolution:
    """What an id names in this project: one proposal, or why not."""

    pid: ProposalId
    #: The proposal, when exactly one matches.
    key: ProposalKey | None = None
    #: A bare number that two or more series have: all of them.
    candidates: tuple[ProposalKey, ...] = ()
    #: A label that is no series of this project (``ADR 13`` with no ADR template).
    unknown_series: bool = False

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


class SeriesIndex:
    """The project's proposal keys, by number, and the labels of its series.

    *labels* maps each series to the label it is shown with (the template's
    spelling, ``Design Doc``); every template's label is a series, even one
    without proposals yet, so ``RFC 9`` there is "no such number", not "no such
    series".
    """

    def __init__(self, keys: Iterable[ProposalKey], labels: Mapping[str, str]) -> None:
        self.labels = dict(labels)
        self._by_number: dict[int, list[ProposalKey]] = {}
        for key in sorted(set(keys)):
            self._by_number.setdefault(key.number, []).append(key)
            self.labels.setdefault(key.series, key.series.upper())

    def resolve(self, pid: ProposalId) -> Resolution:
        present = self._by_number.get(pid.number, [])
        if pid.series is not None:
            if pid.series not in self.labels:
                return Resolution(pid, unknown_series=True)
            key = ProposalKey(pid.series, pid.number)
            return Resolution(pid, key=key if key in present else None)
        if len(present) == 1:
            return Resolution(pid, key=present[0])
        return Resolution(pid, candidates=tuple(present))

    def key_of(self, pid: ProposalId) -> ProposalKey | None:
        return self.resolve(pid).key

    def label(self, series: str) -> str:
        return self.labels.get(series, series.upper())

    def display_label(self, pid: ProposalId, fallback: str) -> str:
        """The label to name *pid* with: its series' spelling, else as written, else *fallback*."""
        if pid.label is None:
            return fallback
        return self.labels.get(series_slug(pid.label), pid.label)


def ambiguity(resolution: Resolution, name: Callable[[ProposalKey], str]) -> str:
    """``PEP 0001 or RFC 0001? '1' is in two series; write the label``."""
    names = [name(key) for key in resolution.candidates]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}"
    count = _COUNTS.get(len(names), str(len(names)))
    return f"{listed}? '{resolution.pid.number}' is in {count} series; write the label"


def unknown_series(resolution: Resolution, index: SeriesIndex) -> str:
    """``no proposal series has the label 'ADR' (labels: PEP, RFC)``."""
    known = ", ".join(sorted(set(index.labels.values()), key=str.casefold))
    return f"no proposal series has the label {resolution.pid.label!r} (labels: {known})"
