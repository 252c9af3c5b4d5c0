"""Reading a ``pep-header``: raw field values in, a :class:`Proposal` and problems out.

No Sphinx here: :func:`read_header` is a pure function of what the author wrote,
driven by the field registry (:mod:`sphinxext_pep.core.fields`): each field's
:class:`~sphinxext_pep.core.fields.Kind` says how it is read. Every §4 check
is one branch below and returns a :class:`~sphinxext_pep.core.problems.Problem`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sphinxext_pep.core.field_readers import (
    FieldReader,
    check_aliases,
    check_unknown_fields,
    read_dates,
    read_exempt,
    read_link_lists,
    read_people,
    read_relations,
    read_status,
    read_text_fields,
    read_windows,
)
from sphinxext_pep.core.fields import FIELD_BY_NAME, FIELDS, HEADER_OPTIONS
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.title_reader import read_title
from sphinxext_pep.core.titles import derive_title, is_placeholder
from sphinxext_pep.core.values import MAX_NUMBER_DIGITS, parse_number

__all__ = [
    "COMMON_FIELDS",
    "HeaderReading",
    "content_message",
    "derive_title",
    "merge_header_values",
    "read_header",
]

#: Every option ``pep-header`` accepts besides the template's number field.
COMMON_FIELDS = HEADER_OPTIONS


#: A field written as a row of a pasted header table (``| **Status** | Draft |``),
#: a ``Status: Draft`` line (seed 001's code block) or an option (``:status: Draft``).
_WRITTEN_FIELD_RES = (
    re.compile(r"^\s*\|\s*(?P<key>[^|]+?)\s*\|\s*(?P<value>[^|]*?)\s*\|"),
    re.compile(r"^\s*(?P<key>[A-Za-z][\w -]*?)\s*:\s+(?P<value>\S.*?)\s*$"),
)
_OPTION_LINE_RE = re.compile(r"^\s*:(?P<key>[A-Za-z][\w-]*):(?:\s+(?P<value>.*?))?\s*$")


def content_message(lines: Iterable[str], number_fields: Iterable[str]) -> str:
    """What to say about content under ``pep-header`` (it takes options only).

    The example option is made from the first field the content writes, so
    that the seed's header table pasted under the directive gets the line
    to write instead (``| **Status** | Draft |``: ``:status: Draft``).
    """
    lines = [line for line in lines if line.strip()]
    names = {*HEADER_OPTIONS, *number_fields}
    for line in lines:
        option = _OPTION_LINE_RE.match(line)
        if option and option["key"].lower() in names:
            return (
                f"':{option['key']}:' is read as content, not as an option: the options of "
                "pep-header end at the first blank line; remove the blank line above it"
            )
    example = ":status: Draft"
    for line in lines:
        for pattern in _WRITTEN_FIELD_RES:
            written = pattern.match(line)
            if written is None:
                continue
            key = "-".join(written["key"].strip("*_ ").lower().split())
            value = written["value"].strip("*_ ")
            if key in names and value and not is_placeholder(value):
                example = f":{key}: {value}"
                break
        else:
            continue
        break
    return (
        f"pep-header takes its fields as options, not as content: write `{example}` "
        "(one ':field: value' line per field, directly under the directive, no blank "
        "line between them); the content is not read"
    )


@dataclass(frozen=True)
class HeaderReading:
    proposal: Proposal
    problems: tuple[Problem, ...]


def merge_header_values(
    options: Mapping[str, str],
    option_lines: Mapping[str, int],
    front_matter: Mapping[str, str],
    front_matter_lines: Mapping[str, int],
    *,
    header_line: int,
    number_fields: Iterable[str],
) -> tuple[dict[str, str], dict[str, int]]:
    """The field values (and their lines) a header gives :func:`read_header`.

    Front matter supplies the fields the options leave out; an option sets its
    field whatever the front matter calls it (``:authors:`` replaces a front
    matter ``author``, ``:pep:`` a front matter ``number``). A value without a
    line of its own is located at the header. The build and ``sphinx-pep new``
    both read headers through this one function.
    """
    numbered = set(number_fields)
    values = {
        name: value
        for name, value in front_matter.items()
        if name in COMMON_FIELDS or name in numbered
    }
    spellings = [numbered | {"number"}]
    spellings += [{field.name, *field.aliases} for field in FIELDS if field.aliases]
    for aliases in spellings:
        if aliases & options.keys():
            for alias in aliases:
                values.pop(alias, None)
    values.update(options)
    lines = {name: front_matter_lines.get(name, header_line) for name in values}
    lines.update(option_lines)
    return values, lines


def read_header(
    values: Mapping[str, str],
    lines: Mapping[str, int],
    *,
    docname: str,
    header: Location,
    heading: str | None,
    settings: PepSettings,
    heading_location: Location | None = None,
    repeated: Iterable[str] = (),
    reported: Iterable[str] = (),
    has_unread_text: bool = False,
) -> HeaderReading:
    """Read one header's field values into a proposal record and its problems.

    *values* maps field names to the text written (options first, then front
    matter for the fields the options leave out); *lines* maps them to the
    source line they were written on, in the file of *header* (the header's
    own location). *heading* is the document's first section title, if any,
    written at *heading_location*. *repeated* names the fields given twice
    (MyST keeps option case: ``:Status:`` and ``:status:``). *reported*
    names fields whose value was refused and reported already (front matter
    that is no text): not also "missing". *has_unread_text*: the header
    holds text not read (content below its options, or an option block that
    cannot be read), reported on its own; the fields it lacks are likely
    there, so they are not also each "missing".
    """
    template_name = (values.get("template") or "").strip() or settings.default_template
    template = settings.template(template_name)
    unknown_template = template is None
    if template is None:
        template = settings.templates[settings.default_template]
    reader = FieldReader(values, lines, header, template, settings)
    for name in reported:  # under either spelling (``authors`` refused: ``author`` too)
        field = FIELD_BY_NAME.get(name)
        reader.placeholders.update((field.name, *field.aliases) if field else (name,))

    number_text = reader.get(template.number_field) or reader.get("number")
    number = None
    if number_text is not None:
        number = parse_number(number_text)
    if unknown_template:
        reader.report(
            Subtype.HEADER,
            f"unknown template {template_name!r} (known: {', '.join(settings.templates)}); "
            f"using {template.name!r}",
            "template",
        )
    if number_text is not None and number is None:
        field_name = template.number_field if template.number_field in values else "number"
        reader.report(
            Subtype.HEADER,
            f"bad number {number_text!r}: a proposal number is a whole number >= 0 "
            f"of at most {MAX_NUMBER_DIGITS} digits",
            field_name,
        )

    check_unknown_fields(reader)
    for field_name in repeated:
        reader.report(
            Subtype.HEADER,
            f"':{field_name}:' is given twice (option names ignore case); the last is used",
            field_name,
        )
    check_aliases(reader)
    title = read_title(reader, heading, heading_location, number)
    people = read_people(reader)
    authors = dict(people).get("authors", ())
    status, group = read_status(reader)
    dates = read_dates(reader)
    fields = read_text_fields(reader)
    links = read_link_lists(reader)
    windows = read_windows(reader)
    relations = read_relations(reader)
    exempt = read_exempt(reader)

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
            # an author written but refused is reported as such, not also missing
            written = written or any(
                (values.get(name) or "").strip() for name in ("author", "authors")
            )
        if not written and required not in reader.placeholders and not has_unread_text:
            reader.report(Subtype.HEADER, f"missing required field ':{required}:'")

    proposal = Proposal(
        docname=docname,
        lineno=header.line or 0,
        number=number,
        template=template.name,
        label=template.label,
        title=title,
        status=status,
        status_group=group,
        people=people,
        dates=dates,
        fields=fields,
        links=links,
        windows=windows,
        relations=relations,
        field_lines=tuple(sorted(lines.items())),
        exempt=exempt,
        source=header.path if header.path != docname else "",
    )
    return HeaderReading(proposal, tuple(reader.problems))
