"""Reading each header field by its kind: one reader function per kind.

:func:`~sphinxext_pep.core.header.read_header` calls these in order on one
:class:`FieldReader`, which collects the problems and remembers the fields
still holding the template's placeholder (so they are not also "missing").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from sphinxext_pep.core.fields import (
    FIELD_BY_NAME,
    FIELDS,
    HEADER_OPTIONS,
    TEXT_FIELDS,
    Field,
    Kind,
)
from sphinxext_pep.core.links import (
    DateWindow,
    Link,
    check_url,
    is_json_data,
    looks_like_url,
    read_dated_links,
    read_links,
    read_window,
)
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.templates import Template
from sphinxext_pep.core.text import plain_spaces
from sphinxext_pep.core.titles import is_placeholder
from sphinxext_pep.core.values import (
    Author,
    ProposalId,
    parse_author,
    parse_date,
    parse_proposal_id,
    split_list,
)

#: A value listing the template's choices (``Low / Medium / High``), left as written.
_CHOICE_LIST_RE = re.compile(r"\s[/|]\s")


class FieldReader:
    """Collects problems while reading one header; see :func:`read_header`."""

    def __init__(
        self,
        values: Mapping[str, str],
        lines: Mapping[str, int],
        header: Location,
        template: Template,
        settings: PepSettings,
    ) -> None:
        self.values = values
        self.lines = lines
        self.header = header
        self.template = template
        self.settings = settings
        self.problems: list[Problem] = []
        #: Fields reported as placeholders (or as empty), so they are not also "missing".
        self.placeholders: set[str] = set()

    def report(self, subtype: Subtype, message: str, field_name: str | None = None) -> None:
        line = self.lines.get(field_name, self.header.line) if field_name else self.header.line
        self.problems.append(Problem(subtype, message, self.header.at(line)))

    def report_at(self, subtype: Subtype, message: str, where: Location | None) -> None:
        if where is None:
            self.report(subtype, message)
        else:
            self.problems.append(Problem(subtype, message, where))

    def get(self, field_name: str, *, structured: bool = False) -> str | None:
        """The field's value, or ``None`` if absent, empty or a placeholder.

        A *structured* field's front matter list or mapping arrives as JSON
        (``["https://..."]``), which is no ``[placeholder]``.
        """
        value = self.values.get(field_name)
        if value is None or not value.strip():
            return None
        if structured and is_json_data(value):
            return value.strip()
        if is_placeholder(value) or (
            field_name in ("status", *self.template.allowed_values)
            and _CHOICE_LIST_RE.search(value)
        ):
            self.placeholders.add(field_name)
            self.report(
                Subtype.PLACEHOLDER,
                f"field '{field_name}' still holds the template's placeholder "
                f"{value.strip()!r}; replace it",
                field_name,
            )
            return None
        return value.strip()


def _fields_of(kind: Kind) -> tuple[Field, ...]:
    return tuple(field for field in FIELDS if field.kind is kind)


def check_unknown_fields(reader: FieldReader) -> None:
    known = {*HEADER_OPTIONS, reader.template.number_field}
    for name in reader.lines:
        if name in known:
            continue
        # Another template's number field (seed 002's ``rfc:`` under the default
        # ``pep`` template): the header most likely lacks its ``:template:``.
        numbered_by = [t.name for t in reader.settings.templates.values() if t.number_field == name]
        hint = ""
        if numbered_by:
            hint = (
                f"; template {reader.template.name!r} numbers proposals with "
                f"':{reader.template.number_field}:' (or ':number:')"
            )
            if "template" not in reader.values:
                hint += f"; for template {numbered_by[0]!r}, add ':template: {numbered_by[0]}'"
        reader.report(Subtype.HEADER, f"unknown field ':{name}:'{hint}", name)


def check_aliases(reader: FieldReader) -> None:
    """Two spellings of one field: only one is read, so say which."""
    pairs = [(reader.template.number_field, "number")]
    pairs += [(field.name, alias) for field in FIELDS for alias in field.aliases]
    for used, other in pairs:
        if used != other and used in reader.lines and other in reader.lines:
            reader.report(
                Subtype.HEADER,
                f"both ':{used}:' and ':{other}:' are given; ':{used}:' is used, "
                f"remove ':{other}:'",
                other,
            )


#: The number left as the template wrote it in a heading (``PEP NNNN: ...``).
def read_people(reader: FieldReader) -> tuple[tuple[str, tuple[Author, ...]], ...]:
    """Every people field (``authors``, ...): ``Name <email>``, ``Name`` or ``@handle``."""
    found = []
    for field in _fields_of(Kind.PEOPLE):
        written = [name for name in (field.name, *field.aliases) if name in reader.values]
        field_name = written[0] if written else field.name
        text = reader.get(field_name)
        if text is None:
            continue
        people = []
        items = split_list(text)
        if not items:  # ``:author: , , ,``: written, yet no one named
            reader.report(
                Subtype.HEADER,
                f"no {field.singular_word} in ':{field_name}: {text}': write 'Name <email>', "
                "'Name' or '@handle', comma-separated (quote a name holding a comma: "
                '"Doe, Jane" <jane@example.com>)',
                field_name,
            )
        for item in items:
            person = parse_author(item)
            if person is None:
                reader.report(
                    Subtype.HEADER,
                    f"cannot read {field.singular_word} {item!r}: "
                    "write 'Name <email>', 'Name' or '@handle' (quote a name holding "
                    'a comma: "Doe, Jane" <jane@example.com>)',
                    field_name,
                )
            elif is_placeholder(person.name) or any(
                is_placeholder(written) for written in (person.email, person.address) if written
            ):
                reader.placeholders.add(field_name)
                reader.report(
                    Subtype.PLACEHOLDER,
                    f"field '{field_name}' still holds the template's placeholder {item!r}; "
                    "replace it",
                    field_name,
                )
            else:
                people.append(person)
        if people:
            found.append((field.name, tuple(people)))
    return tuple(found)


def read_status(reader: FieldReader) -> tuple[str, str | None]:
    text = reader.get("status")
    if text is None:
        return "", None
    status = reader.template.find_status(text)
    if status is None:
        reader.report(
            Subtype.STATUS,
            f"unknown status {text!r} for template {reader.template.name!r} "
            f"(expected one of {', '.join(s.name for s in reader.template.statuses)})",
            "status",
        )
        return text, None
    return status.name, status.group


def read_dates(reader: FieldReader) -> tuple[tuple[str, date], ...]:
    dates: dict[str, date] = {}
    for field in _fields_of(Kind.DATE):
        text = reader.get(field.name)
        if text is None:
            continue
        parsed = parse_date(text)
        if parsed is None:
            reader.report(
                Subtype.DATE,
                f"cannot read {field.name} date {text!r}: "
                "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
                field.name,
            )
        else:
            dates[field.name] = parsed
    created, updated = dates.get("created"), dates.get("updated")
    if created and updated and updated < created:
        reader.report(
            Subtype.DATE,
            f"updated date {updated.isoformat()} is before the created date {created.isoformat()}",
            "updated",
        )
    return tuple(dates.items())


def _checked_link(reader: FieldReader, field: Field, value: str) -> str | None:
    """A URL field's value as a safe ``href`` (``None``, reported, when it is not one)."""
    if field.kind is Kind.LINK_OR_TEXT and not looks_like_url(value):
        return value  # text: where the decision is recorded, in words
    url, problem = check_url(value)
    if url is None:
        reader.report(Subtype.HEADER, f"{field.name} {value!r} {problem}", field.name)
    return url


def read_text_fields(reader: FieldReader) -> tuple[tuple[str, str], ...]:
    fields = []
    for field_name in TEXT_FIELDS:
        text = reader.get(field_name)
        if text is None:
            continue
        field = FIELD_BY_NAME[field_name]
        if field.kind is Kind.LEVEL:
            text = plain_spaces(text)  # matched against pep_risk_levels, spaced so
        value = reader.template.canonical_value(field_name, text)
        if value is None:
            allowed = ", ".join(reader.template.allowed_values[field_name])
            reader.report(
                Subtype.HEADER,
                f"unknown {field_name} {text!r} (expected one of {allowed})",
                field_name,
            )
            continue
        if field.kind in (Kind.URL, Kind.LINK_OR_TEXT):
            checked = _checked_link(reader, field, value)
            if checked is None:
                continue
            value = checked
        fields.append((field_name, value))
    return tuple(fields)


def read_link_lists(reader: FieldReader) -> tuple[tuple[str, tuple[Link, ...]], ...]:
    """``tracking`` (links) and ``discussions`` (dated links); each bad item reported."""
    found = []
    for field in FIELDS:
        if field.kind not in (Kind.LINKS, Kind.DATED_LINKS):
            continue
        text = reader.get(field.name, structured=True)
        if text is None:
            continue
        read = read_dated_links if field.kind is Kind.DATED_LINKS else read_links
        links, problems = read(text)
        for refused in problems:
            subtype = Subtype.DATE if refused.bad_date else Subtype.HEADER
            reader.report(subtype, f"{field.name}: {refused.message}", field.name)
        if links:
            found.append((field.name, links))
    return tuple(found)


def read_windows(reader: FieldReader) -> tuple[tuple[str, DateWindow], ...]:
    """``review``: a start and an end date."""
    found = []
    for field in _fields_of(Kind.WINDOW):
        text = reader.get(field.name, structured=True)
        if text is None:
            continue
        window, problem = read_window(text)
        if window is None:
            reader.report(Subtype.DATE, f"{field.name} {problem}", field.name)
        else:
            found.append((field.name, window))
    return tuple(found)


def read_relations(reader: FieldReader) -> tuple[tuple[str, tuple[ProposalId, ...]], ...]:
    relations = []
    for field in _fields_of(Kind.RELATION):
        text = reader.get(field.name)
        if text is None:
            continue
        ids: list[ProposalId] = []
        for item in split_list(text):
            pid = parse_proposal_id(item)
            if pid is None:
                reader.report(
                    Subtype.REF,
                    f"{item!r} in ':{field.name}:' is not a proposal id "
                    "(write 12, 0012, PEP 12 or pep-0012)",
                    field.name,
                )
            elif not any(_same_target(known, pid) for known in ids):
                ids.append(pid)
        if ids:
            relations.append((field.name, tuple(ids)))
    return tuple(relations)


def _same_target(a: ProposalId, b: ProposalId) -> bool:
    """``PEP 9``, ``pep-0009`` and ``9`` in one list: one proposal, listed once."""
    return a.number == b.number and (a.series == b.series or None in (a.series, b.series))


def read_exempt(reader: FieldReader) -> frozenset[str]:
    text = reader.get("exempt")
    if text is None:
        return frozenset()
    exempt = set()
    for item in split_list(text):
        subtype = Subtype.parse(item)
        if subtype is None:
            reader.report(
                Subtype.HEADER,
                f"cannot exempt {item!r}: not a warning subtype "
                f"(one of {', '.join(sorted(Subtype))})",
                "exempt",
            )
        else:
            exempt.add(str(subtype))
    return frozenset(exempt)
