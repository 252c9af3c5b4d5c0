"""The field registry: every header field, once (SPEC §4).

Each :class:`Field` says how a field is read, shown, indexed, sorted and
exported. The header reader, the header renderers, the index, the JSON
export, the scaffolds and the ``pep_templates`` validation all take their
field lists from :data:`FIELDS`, so a new field is one entry here (plus its
tests); nothing else names fields one by one.

Labels are English and marked with :func:`N_` for the message catalog; the
Sphinx side translates them when it writes a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark *message* for the catalog without translating it (it is translated when shown)."""
    return message


class Kind(StrEnum):
    """How a field's text is read and what the record keeps of it."""

    #: The proposal's number (the template's number field, or ``number``).
    NUMBER = "number"
    TITLE = "title"
    #: A list of people: ``Name <email>``, ``Name`` or ``@handle``.
    PEOPLE = "people"
    STATUS = "status"
    DATE = "date"
    #: Free text, or one of the template's ``allowed_values`` for the field.
    TEXT = "text"
    #: A level of ``pep_risk_levels`` (shown as a level badge, sorted by rank).
    LEVEL = "level"
    #: A free-text list, comma-separated (kept as text, exported as items).
    TEXT_LIST = "text-list"
    #: One checked link (http, https or mailto; an e-mail address becomes mailto).
    URL = "url"
    #: A checked link, or free text when it is not one (where a decision is recorded).
    LINK_OR_TEXT = "link-or-text"
    #: Checked links, one a line or comma-separated (issues, pull requests, commits).
    LINKS = "links"
    #: Dated checked links: ``YYYY-MM-DD URL``, one a line or comma-separated.
    DATED_LINKS = "dated-links"
    #: A start and an end date: ``YYYY-MM-DD to YYYY-MM-DD`` (or ``START..END``).
    WINDOW = "window"
    #: A list of other proposals' ids.
    RELATION = "relation"
    #: The header's own settings: which template, which warnings to exempt.
    TEMPLATE = "template"
    EXEMPT = "exempt"


@dataclass(frozen=True)
class Field:
    """One header field and every place it shows up."""

    name: str
    kind: Kind
    #: The header block's row label (``None``: not a row of its own).
    label: str | None = None
    #: The label for a single value (``Author`` for one of ``Authors``).
    singular: str | None = None
    #: Other spellings an author may write (``author`` for ``authors``).
    aliases: tuple[str, ...] = ()
    #: The ``pep-index`` column heading; ``None``: not a column.
    column: str | None = None
    #: The ``pep-index`` interactive filter group name; ``None``: no filter.
    filter: str | None = None
    #: For a relation: the relation it implies on the other proposal (if 12
    #: depends on 9, then 9 enables 12 whether or not 9 says so).
    reciprocal: str | None = None

    @property
    def is_stored_text(self) -> bool:
        """Kept verbatim on the record's ``fields`` (free text, levels, lists, URLs)."""
        return self.kind in (Kind.TEXT, Kind.LEVEL, Kind.TEXT_LIST, Kind.URL, Kind.LINK_OR_TEXT)

    @property
    def is_person_role(self) -> bool:
        """A role people have on a proposal: the index's person filter gathers them all."""
        return self.kind is Kind.PEOPLE

    @property
    def singular_word(self) -> str:
        """The field's name for one value, in messages (``author`` for ``authors``)."""
        return self.aliases[0] if self.aliases else self.name

    @property
    def json_key(self) -> str:
        """The key of this field in ``proposals.json``."""
        return self.name


#: Every field, in the order the header block shows them.
FIELDS: tuple[Field, ...] = (
    Field("number", Kind.NUMBER, column=N_("Number")),
    Field("title", Kind.TITLE, column=N_("Title")),
    Field("status", Kind.STATUS, N_("Status"), column=N_("Status"), filter="status"),
    Field(
        "authors",
        Kind.PEOPLE,
        N_("Authors"),
        singular=N_("Author"),
        aliases=("author",),
        column=N_("Authors"),
        filter="person",
    ),
    # The people around a proposal besides its authors (issue 16): who backs
    # it, who decides, who owns it, who reviews it. Same syntax as authors.
    Field("sponsor", Kind.PEOPLE, N_("Sponsors"), singular=N_("Sponsor"), column=N_("Sponsor")),
    Field("delegate", Kind.PEOPLE, N_("Delegates"), singular=N_("Delegate"), column=N_("Delegate")),
    Field(
        "owners",
        Kind.PEOPLE,
        N_("Owners"),
        singular=N_("Owner"),
        aliases=("owner",),
        column=N_("Owners"),
        filter="person",
    ),
    Field(
        "reviewers",
        Kind.PEOPLE,
        N_("Reviewers"),
        singular=N_("Reviewer"),
        aliases=("reviewer",),
        column=N_("Reviewers"),
        filter="person",
    ),
    Field("type", Kind.TEXT, N_("Type"), column=N_("Type"), filter="type"),
    Field("category", Kind.TEXT, N_("Category"), column=N_("Category")),
    Field("risk", Kind.LEVEL, N_("Risk"), column=N_("Risk"), filter="risk"),
    Field("created", Kind.DATE, N_("Created"), column=N_("Created")),
    Field("updated", Kind.DATE, N_("Updated"), column=N_("Updated")),
    Field("review", Kind.WINDOW, N_("Review"), column=N_("Review")),
    Field("version", Kind.TEXT, N_("Version"), column=N_("Version")),
    # Implementation tracking (issue 16): the release it targets, the one it
    # shipped in (release names, free text or the template's allowed_values).
    Field("target", Kind.TEXT, N_("Target"), column=N_("Target"), filter="target"),
    Field("shipped", Kind.TEXT, N_("Shipped"), column=N_("Shipped")),
    Field("related-specs", Kind.TEXT_LIST, N_("Related specs")),
    Field("discussion", Kind.URL, N_("Discussion")),
    Field("discussions", Kind.DATED_LINKS, N_("Discussions")),
    Field("resolution", Kind.LINK_OR_TEXT, N_("Resolution")),
    Field("tracking", Kind.LINKS, N_("Tracking"), column=N_("Tracking")),
    Field("related", Kind.RELATION, N_("Related"), reciprocal="related"),
    Field("depends-on", Kind.RELATION, N_("Depends on"), reciprocal="enables"),
    Field("enables", Kind.RELATION, N_("Enables"), reciprocal="depends-on"),
    Field("supersedes", Kind.RELATION, N_("Supersedes"), reciprocal="superseded-by"),
    Field("superseded-by", Kind.RELATION, N_("Superseded by"), reciprocal="supersedes"),
    Field("template", Kind.TEMPLATE, column=N_("Template")),
    Field("exempt", Kind.EXEMPT),
)

#: The field of each name and alias.
FIELD_BY_NAME: MappingProxyType[str, Field] = MappingProxyType(
    {name: field for field in FIELDS for name in (field.name, *field.aliases)}
)

#: Every option ``pep-header`` accepts besides the template's number field.
HEADER_OPTIONS: tuple[str, ...] = tuple(
    name for field in FIELDS for name in (*field.aliases, field.name)
)

#: Fields kept verbatim on the record, in display order.
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.is_stored_text)

#: Fields that list other proposals, in display order.
RELATION_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind is Kind.RELATION)

#: For each relation, the one it implies on the other proposal (SPEC §4).
RECIPROCAL: MappingProxyType[str, str] = MappingProxyType(
    {f.name: f.reciprocal for f in FIELDS if f.reciprocal is not None}
)

#: ``pep-index`` columns no header holds, computed at build time (name ->
#: heading): an open proposal's age in days (:mod:`sphinxext_pep.core.staleness`).
DERIVED_COLUMNS: MappingProxyType[str, str] = MappingProxyType({"age": N_("Age (days)")})

#: ``pep-index`` columns (name -> heading), in a sensible order: the fields', then the derived.
COLUMNS: MappingProxyType[str, str] = MappingProxyType(
    {**{f.name: f.column for f in FIELDS if f.column is not None}, **DERIVED_COLUMNS}
)

#: ``pep-index`` interactive filter groups, in display order. The people
#: fields share one, ``person``: a chip per person, whatever their role.
FILTERS: tuple[str, ...] = tuple(dict.fromkeys(f.filter for f in FIELDS if f.filter is not None))

#: Filter group names of earlier releases, still accepted: ``author`` is ``person`` now.
FILTER_ALIASES: MappingProxyType[str, str] = MappingProxyType({"author": "person"})

#: Each filter group's legend: the field's name for one value (``Type``), or
#: for a group several fields share, its own.
FILTER_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        **{
            f.filter: f.singular or f.label or f.name
            for f in reversed(FIELDS)
            if f.filter is not None
        },
        "person": N_("Person"),
    }
)

#: Fields a template's ``status_requires`` may ask for: those the record keeps.
REQUIRABLE_BY_STATUS: tuple[str, ...] = (*RELATION_FIELDS, *TEXT_FIELDS)

#: Fields a template's ``required_by_status`` may ask for: every field with a
#: value of its own (the number, title and status are required otherwise).
REQUIRABLE_BY_STATUS_GROUP: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.label is not None and f.kind is not Kind.STATUS
)
