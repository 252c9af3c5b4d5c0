"""The proposal record: what one ``pep-header`` declares, as the domain stores it.

Records are small, frozen and picklable: they live in the environment between
builds and cross process boundaries in parallel builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sphinxext_pep.values import Author, ProposalId, ProposalKey, series_slug

#: Header fields that list other proposals, in display order.
RELATION_FIELDS: tuple[str, ...] = (
    "related",
    "depends-on",
    "enables",
    "supersedes",
    "superseded-by",
)

#: For each relation, the one it implies on the other proposal: if 12 depends on
#: 9, then 9 enables 12 whether or not 9 says so (SPEC §4, derived reverse links).
RECIPROCAL: dict[str, str] = {
    "related": "related",
    "depends-on": "enables",
    "enables": "depends-on",
    "supersedes": "superseded-by",
    "superseded-by": "supersedes",
}

#: Free-text fields kept verbatim (after value checks), in display order.
TEXT_FIELDS: tuple[str, ...] = (
    "type",
    "category",
    "risk",
    "version",
    "related-specs",
    "discussion",
)


@dataclass(frozen=True)
class Proposal:
    """One proposal: its number, its template and every header field."""

    docname: str
    lineno: int
    number: int | None
    template: str
    label: str
    title: str
    status: str
    #: ``None`` when the status is not one of the template's.
    status_group: str | None
    authors: tuple[Author, ...] = ()
    created: date | None = None
    updated: date | None = None
    #: ``(field, value)`` for the fields in :data:`TEXT_FIELDS` that are set.
    fields: tuple[tuple[str, str], ...] = ()
    #: ``(relation, ids)`` for the relations in :data:`RELATION_FIELDS` that are
    #: set, as written (``RFC 2``, ``3``): which proposal a bare number means
    #: depends on the whole project, so the domain resolves them.
    relations: tuple[tuple[str, tuple[ProposalId, ...]], ...] = ()
    #: ``(field, line)``: where each field was written, to locate warnings.
    field_lines: tuple[tuple[str, int], ...] = ()
    exempt: frozenset[str] = field(default_factory=frozenset)
    #: The file holding the header when it is not the document's own (an
    #: ``.. include::``), so that warnings name the file the author must edit.
    source: str = ""

    def field(self, name: str) -> str | None:
        return dict(self.fields).get(name)

    def relation(self, name: str) -> tuple[ProposalId, ...]:
        return dict(self.relations).get(name, ())

    def line_of(self, field_name: str) -> int:
        return dict(self.field_lines).get(field_name, self.lineno)

    def location(self, field_name: str | None = None) -> tuple[str, int] | str:
        """Where a warning about the header (or one of its fields) points."""
        line = self.line_of(field_name) if field_name else self.lineno
        return f"{self.source}:{line}" if self.source else (self.docname, line)

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
        return replace(self, lineno=0, field_lines=())
