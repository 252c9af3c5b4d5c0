"""Reading a ``pep-header``: raw field values in, a :class:`Proposal` and problems out.

No Sphinx here: :func:`read_header` is a pure function of what the author wrote,
so every §4 check is one branch below and the caller only has to emit the
returned :class:`Problem` records as located warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sphinxext_pep.config import PepSettings
from sphinxext_pep.diagnostics import SUBTYPES
from sphinxext_pep.proposal import RELATION_FIELDS, TEXT_FIELDS, Proposal
from sphinxext_pep.templates import Template
from sphinxext_pep.values import (
    Author,
    ProposalId,
    parse_author,
    parse_date,
    parse_number,
    parse_proposal_id,
    split_list,
)

#: Every option ``pep-header`` accepts besides the template's number field.
COMMON_FIELDS: tuple[str, ...] = (
    "number",
    "title",
    "author",
    "authors",
    "status",
    "created",
    "updated",
    *TEXT_FIELDS,
    *RELATION_FIELDS,
    "template",
    "exempt",
)

#: Values the seeds put in a header for the author to replace (SPEC §4).
_PLACEHOLDER_VALUES = frozenset(
    value.casefold()
    for value in (
        "NNNN",
        "XXXX",
        "YYYY-MM-DD",
        "DD-MM-YYYY",
        "DD-Mon-YYYY",
        "Author Name",
        "your-github-username",
        "Title of the Enhancement",
        "Enhancement Title",
        "email@domain.com",
    )
)
_BRACKETED_RE = re.compile(r"^\[.*\]$", re.DOTALL)
_CHOICE_LIST_RE = re.compile(r"\s[/|]\s")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a header: a §8 subtype, a message, a line."""

    subtype: str
    message: str
    lineno: int
    #: Located in the document's heading rather than the header (whose file
    #: may be an included one).
    in_heading: bool = False

    def __post_init__(self) -> None:
        assert self.subtype in SUBTYPES, self.subtype


@dataclass(frozen=True)
class HeaderReading:
    proposal: Proposal
    problems: tuple[Problem, ...]


def is_placeholder(value: str) -> bool:
    """Whether *value* is text the template left for the author to replace."""
    text = value.strip()
    return (
        text.casefold() in _PLACEHOLDER_VALUES
        or bool(_BRACKETED_RE.match(text))
        or text.casefold().startswith("(optional)")
        or "author name" in text.casefold()
    )


def derive_title(heading: str, template: Template) -> str:
    """The document heading less a leading id or template word (SPEC §4).

    ``PEP 0012: Add a cache`` and ``Enhancement: Add a cache`` both give
    ``Add a cache``; a heading with no such prefix is returned unchanged.
    """
    words = "|".join(re.escape(w) for w in (template.label, *template.title_words))
    match = re.match(
        rf"^\s*(?:{words})(?:[\s\-_#]*(?:\d+|NNNN|XXXX))?\s*[:\u2013\u2014\-|]\s*(?P<rest>\S.*)$",
        heading,
        re.IGNORECASE | re.DOTALL,
    )
    return match.group("rest").strip() if match else heading.strip()


class _Reader:
    """Collects problems while reading one header; see :func:`read_header`."""

    def __init__(
        self,
        values: Mapping[str, str],
        lines: Mapping[str, int],
        header_line: int,
        template: Template,
        settings: PepSettings,
    ) -> None:
        self.values = values
        self.lines = lines
        self.header_line = header_line
        self.template = template
        self.settings = settings
        self.problems: list[Problem] = []
        #: Fields reported as placeholders, so they are not also "missing".
        self.placeholders: set[str] = set()
        self.pid = f"{template.label} ????"

    def report(self, subtype: str, message: str, field_name: str | None = None) -> None:
        line = self.lines.get(field_name, self.header_line) if field_name else self.header_line
        self.problems.append(Problem(subtype, f"{self.pid}: {message}", line))

    def report_heading(self, subtype: str, message: str, line: int | None) -> None:
        if line is None:
            self.report(subtype, message)
        else:
            self.problems.append(Problem(subtype, f"{self.pid}: {message}", line, in_heading=True))

    def get(self, field_name: str) -> str | None:
        """The field's value, or ``None`` if absent, empty or a placeholder."""
        value = self.values.get(field_name)
        if value is None or not value.strip():
            return None
        if is_placeholder(value) or (
            field_name in ("status", *self.template.allowed_values)
            and _CHOICE_LIST_RE.search(value)
        ):
            self.placeholders.add(field_name)
            self.report(
                "placeholder",
                f"field '{field_name}' still holds the template's placeholder "
                f"{value.strip()!r}; replace it",
                field_name,
            )
            return None
        return value.strip()


def read_header(
    values: Mapping[str, str],
    lines: Mapping[str, int],
    *,
    docname: str,
    header_line: int,
    heading: str | None,
    settings: PepSettings,
    heading_line: int | None = None,
    repeated: Iterable[str] = (),
) -> HeaderReading:
    """Read one header's field values into a proposal record and its problems.

    *values* maps field names to the text written (options first, then front
    matter for the fields the options leave out); *lines* maps them to the
    source line they were written on; *heading* is the document's first
    section title, if any, written on *heading_line*. *repeated* names the
    fields given twice (MyST keeps option case: ``:Status:`` and ``:status:``).
    """
    template_name = (values.get("template") or "").strip() or settings.default_template
    template = settings.template(template_name)
    unknown_template = template is None
    if template is None:
        template = settings.templates[settings.default_template]
    reader = _Reader(values, lines, header_line, template, settings)

    # The number first: every later message starts with the proposal id.
    number_text = reader.get(template.number_field) or reader.get("number")
    number = None
    if number_text is not None:
        number = parse_number(number_text)
        if number is not None:
            reader.pid = settings.proposal_id(template.label, number)
    if unknown_template:
        reader.report(
            "header",
            f"unknown template {template_name!r} (known: {', '.join(settings.templates)}); "
            f"using {template.name!r}",
            "template",
        )
    if number_text is not None and number is None:
        field_name = template.number_field if template.number_field in values else "number"
        reader.report(
            "header",
            f"bad number {number_text!r}: a proposal number is a whole number >= 0",
            field_name,
        )

    _check_unknown_fields(reader)
    for field_name in repeated:
        reader.report(
            "header",
            f"':{field_name}:' is given twice (option names ignore case); the last is used",
            field_name,
        )
    _check_aliases(reader)
    title = _read_title(reader, heading, heading_line)
    authors = _read_authors(reader)
    status, group = _read_status(reader)
    created, updated = _read_dates(reader)
    fields = _read_text_fields(reader)
    relations = _read_relations(reader)
    exempt = _read_exempt(reader)

    given = {
        template.number_field: number_text is not None,
        "title": bool(title),
        "author": bool(authors),
        "authors": bool(authors),
    }
    if "number" in reader.placeholders:  # reported once, as a placeholder
        reader.placeholders.add(template.number_field)
    for required in template.required_fields:
        written = given.get(required, bool((values.get(required) or "").strip()))
        if required in ("author", "authors"):
            written = written or bool(values.get("author") or values.get("authors"))
        if not written and required not in reader.placeholders:
            reader.report("header", f"missing required field ':{required}:'")

    proposal = Proposal(
        docname=docname,
        lineno=header_line,
        number=number,
        template=template.name,
        label=template.label,
        title=title,
        status=status,
        status_group=group,
        authors=authors,
        created=created,
        updated=updated,
        fields=fields,
        relations=relations,
        field_lines=tuple(sorted(lines.items())),
        exempt=exempt,
    )
    return HeaderReading(proposal, tuple(reader.problems))


def _check_unknown_fields(reader: _Reader) -> None:
    known = {*COMMON_FIELDS, reader.template.number_field}
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
        reader.report("header", f"unknown field ':{name}:'{hint}", name)


def _check_aliases(reader: _Reader) -> None:
    """Two spellings of one field: only one is read, so say which."""
    pairs = (
        (reader.template.number_field, "number"),
        ("authors", "author"),
    )
    for used, other in pairs:
        if used != other and used in reader.lines and other in reader.lines:
            reader.report(
                "header",
                f"both ':{used}:' and ':{other}:' are given; ':{used}:' is used, "
                f"remove ':{other}:'",
                other,
            )


#: The number left as the template wrote it in a heading (``PEP NNNN: ...``).
_HEADING_NUMBER_PLACEHOLDER_RE = re.compile(r"\b(?:NNNN|XXXX)\b")


def _read_title(reader: _Reader, heading: str | None, heading_line: int | None) -> str:
    title = reader.get("title")
    derived = derive_title(heading, reader.template) if heading else None
    if heading:
        leftover = _HEADING_NUMBER_PLACEHOLDER_RE.search(heading)
        if leftover:
            reader.report_heading(
                "placeholder",
                f"the document title {heading!r} still holds the template's "
                f"placeholder {leftover.group()!r}; write the proposal's number",
                heading_line,
            )
        elif not title and derived and is_placeholder(derived):
            reader.report_heading(
                "placeholder",
                f"the document title {heading!r} still holds the template's "
                f"placeholder {derived!r}; write the proposal's title",
                heading_line,
            )
    if title and heading and _comparable(title) not in _comparable(heading):
        reader.report(
            "header",
            f"title {title!r} does not match the document title {heading!r}",
            "title",
        )
    return title or derived or ""


#: docutils' smart quotes and dashes in a rendered heading, back to what the
#: author typed (a header title read as plain text is not smartened).
_SMART_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "--", "—": "---", "…": "..."}
)


def _comparable(text: str) -> str:
    """*text* for the title check: case, spacing and smart quotes do not count."""
    return " ".join(text.translate(_SMART_QUOTES).casefold().split())


def _read_authors(reader: _Reader) -> tuple[Author, ...]:
    field_name = "authors" if "authors" in reader.values else "author"
    text = reader.get(field_name)
    if text is None:
        return ()
    authors = []
    for item in split_list(text):
        author = parse_author(item)
        if author is None:
            reader.report(
                "header",
                f"cannot read author {item!r}: write 'Name <email>', 'Name' or '@handle'",
                field_name,
            )
        elif is_placeholder(author.name) or (author.email and is_placeholder(author.email)):
            reader.placeholders.add(field_name)
            reader.report(
                "placeholder",
                f"field '{field_name}' still holds the template's placeholder {item!r}; replace it",
                field_name,
            )
        else:
            authors.append(author)
    return tuple(authors)


def _read_status(reader: _Reader) -> tuple[str, str | None]:
    text = reader.get("status")
    if text is None:
        return "", None
    status = reader.template.find_status(text)
    if status is None:
        reader.report(
            "status",
            f"unknown status {text!r} for template {reader.template.name!r} "
            f"(expected one of {', '.join(s.name for s in reader.template.statuses)})",
            "status",
        )
        return text, None
    return status.name, status.group


def _read_dates(reader: _Reader) -> tuple[date | None, date | None]:
    dates: dict[str, date | None] = {}
    for field_name in ("created", "updated"):
        text = reader.get(field_name)
        if text is None:
            dates[field_name] = None
            continue
        parsed = parse_date(text)
        if parsed is None:
            reader.report(
                "date",
                f"cannot read {field_name} date {text!r}: "
                "write YYYY-MM-DD, DD-MM-YYYY or DD-Mon-YYYY",
                field_name,
            )
        dates[field_name] = parsed
    created, updated = dates["created"], dates["updated"]
    if created and updated and updated < created:
        reader.report(
            "date",
            f"updated date {updated.isoformat()} is before the created date {created.isoformat()}",
            "updated",
        )
    return created, updated


def _read_text_fields(reader: _Reader) -> tuple[tuple[str, str], ...]:
    fields = []
    for field_name in TEXT_FIELDS:
        text = reader.get(field_name)
        if text is None:
            continue
        value = reader.template.canonical_value(field_name, text)
        if value is None:
            allowed = ", ".join(reader.template.allowed_values[field_name])
            reader.report(
                "header",
                f"unknown {field_name} {text!r} (expected one of {allowed})",
                field_name,
            )
            continue
        if field_name == "discussion" and not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value, re.I):
            reader.report("header", f"discussion {value!r} is not a URL", field_name)
            continue
        fields.append((field_name, value))
    return tuple(fields)


def _read_relations(reader: _Reader) -> tuple[tuple[str, tuple[ProposalId, ...]], ...]:
    relations = []
    for field_name in RELATION_FIELDS:
        text = reader.get(field_name)
        if text is None:
            continue
        ids: list[ProposalId] = []
        for item in split_list(text):
            pid = parse_proposal_id(item)
            if pid is None:
                reader.report(
                    "ref",
                    f"{item!r} in ':{field_name}:' is not a proposal id "
                    "(write 12, 0012, PEP 12 or pep-0012)",
                    field_name,
                )
            elif all((known.series, known.number) != (pid.series, pid.number) for known in ids):
                ids.append(pid)
        if ids:
            relations.append((field_name, tuple(ids)))
    return tuple(relations)


def _read_exempt(reader: _Reader) -> frozenset[str]:
    text = reader.get("exempt")
    if text is None:
        return frozenset()
    exempt = set()
    for item in split_list(text):
        subtype = item.lower().removeprefix("pep.")
        if subtype not in SUBTYPES:
            reader.report(
                "header",
                f"cannot exempt {item!r}: not a warning subtype "
                f"(one of {', '.join(sorted(SUBTYPES))})",
                "exempt",
            )
        else:
            exempt.add(subtype)
    return frozenset(exempt)
