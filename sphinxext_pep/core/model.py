"""The proposal record: what one proposal document declares, as the domain stores it.

One :class:`Proposal` carries its header fields, its status history and its
risks, so every consumer (renderers, the index, the exports, the incremental
bookkeeping) reads one record. Records are small, frozen and picklable: they
live in the environment between builds and cross process boundaries in
parallel builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sphinxext_pep.core.fields import FIELD_BY_NAME, RECIPROCAL, RELATION_FIELDS, TEXT_FIELDS, Kind
from sphinxext_pep.core.links import DateWindow, Link
from sphinxext_pep.core.problems import Location
from sphinxext_pep.core.values import Author, ProposalId, ProposalKey, series_slug

__all__ = [
    "RECIPROCAL",
    "RELATION_FIELDS",
    "TEXT_FIELDS",
    "HistoryEntry",
    "Proposal",
    "Risk",
]


@dataclass(frozen=True)
class HistoryEntry:
    """One status change of a ``pep-status-history``.

    ``date`` is ISO ``YYYY-MM-DD`` when it could be read, else the text as
    written; statuses are in the template's spelling when they are known.
    """

    date: str
    from_status: str | None
    to_status: str
    notes: str
    lineno: int


@dataclass(frozen=True)
class Risk:
    """One row of a ``pep-risk-table``.

    ``probability`` and ``impact`` are spelled as in ``pep_risk_levels`` when
    they are known levels, as written otherwise.
    """

    risk: str
    probability: str
    impact: str
    mitigation: str
    lineno: int


@dataclass(frozen=True)
class Proposal:
    """One proposal: its number, its template, every header field, its history and risks."""

    docname: str
    lineno: int
    number: int | None
    template: str
    label: str
    title: str
    status: str
    #: ``None`` when the status is not one of the template's.
    status_group: str | None
    #: ``(field, people)`` for the people fields that are set (``authors``).
    people: tuple[tuple[str, tuple[Author, ...]], ...] = ()
    #: ``(field, date)`` for the date fields that are set.
    dates: tuple[tuple[str, date], ...] = ()
    #: ``(field, value)`` for the stored text fields that are set.
    fields: tuple[tuple[str, str], ...] = ()
    #: ``(field, links)`` for the link lists that are set (``tracking``,
    #: ``discussions``): checked links, safe as ``href``.
    links: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    #: ``(field, window)`` for the date windows that are set (``review``).
    windows: tuple[tuple[str, DateWindow], ...] = ()
    #: ``(relation, ids)`` for the relations that are set, as written
    #: (``RFC 2``, ``3``): which proposal a bare number means depends on the
    #: whole project, so the domain resolves them.
    relations: tuple[tuple[str, tuple[ProposalId, ...]], ...] = ()
    #: ``(field, line)``: where each field was written, to locate warnings.
    field_lines: tuple[tuple[str, int], ...] = ()
    exempt: frozenset[str] = field(default_factory=frozenset)
    #: The file holding the header when it is not the document's own (an
    #: ``.. include::``), so that warnings name the file the author must edit.
    source: str = ""
    #: The status changes of the document's ``pep-status-history``.
    history: tuple[HistoryEntry, ...] = ()
    #: The rows of the document's ``pep-risk-table`` directives.
    risks: tuple[Risk, ...] = ()
    #: ``(id, section title)`` for every id of the page (``""``: not a section's),
    #: what ``:pep:ref:`12#anchor``` may point at.
    sections: tuple[tuple[str, str], ...] = ()

    def field(self, name: str) -> str | None:
        return dict(self.fields).get(name)

    def people_of(self, name: str) -> tuple[Author, ...]:
        return dict(self.people).get(name, ())

    @property
    def authors(self) -> tuple[Author, ...]:
        return self.people_of("authors")

    def date_field(self, name: str) -> date | None:
        return dict(self.dates).get(name)

    @property
    def created(self) -> date | None:
        return self.date_field("created")

    @property
    def updated(self) -> date | None:
        return self.date_field("updated")

    def relation(self, name: str) -> tuple[ProposalId, ...]:
        return dict(self.relations).get(name, ())

    def links_of(self, name: str) -> tuple[Link, ...]:
        return dict(self.links).get(name, ())

    def window(self, name: str) -> DateWindow | None:
        return dict(self.windows).get(name)

    def has(self, field_name: str) -> bool:
        """Whether the header gives the field a (readable) value of its own."""
        kind = FIELD_BY_NAME[field_name].kind
        if kind is Kind.PEOPLE:
            return bool(self.people_of(field_name))
        if kind is Kind.DATE:
            return self.date_field(field_name) is not None
        if kind is Kind.RELATION:
            return bool(self.relation(field_name))
        if kind in (Kind.LINKS, Kind.DATED_LINKS):
            return bool(self.links_of(field_name))
        if kind is Kind.WINDOW:
            return self.window(field_name) is not None
        return self.field(field_name) is not None

    def line_of(self, field_name: str) -> int:
        return dict(self.field_lines).get(field_name, self.lineno)

    def location(self, field_name: str | None = None) -> Location:
        """Where a problem with the header (or one of its fields) is."""
        line = self.line_of(field_name) if field_name else self.lineno
        return Location(self.source or self.docname, line)

    @property
    def series(self) -> str:
        """The series the proposal is numbered in: its label's :func:`series_slug`."""
        return series_slug(self.label)

    @property
    def key(self) -> ProposalKey | None:
        """Series and number, ``None`` without a (readable) number."""
        return None if self.number is None else ProposalKey(self.series, self.number)

    @property
    def anchor(self) -> str:
        """The HTML id of the header (``pep-12``, ``design-doc-3``), whatever the number width."""
        return f"{self.series}-{self.number}"

    @property
    def public(self) -> Proposal:
        """The record less its source lines: what other pages can show of it.

        Two builds whose records differ only in line numbers render every other
        page identically, so incremental builds compare these.
        """
        return replace(
            self,
            lineno=0,
            field_lines=(),
            history=tuple(replace(entry, lineno=0) for entry in self.history),
            risks=tuple(replace(risk, lineno=0) for risk in self.risks),
        )
