"""A template's header fields, checked against the field registry (``core/fields.py``).

A header holds the registry's fields plus its template's number field, so a
template that requires, restricts or makes a status require any other field
could never be satisfied: it is refused, naming the key, when
``pep_templates`` is read (:mod:`~sphinxext_pep.core.template_schema` makes
the error a :class:`~sphinxext_pep.core.template_schema.SettingsError`, as it
does for banners and rules).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from sphinxext_pep.core.fields import (
    HEADER_OPTIONS,
    REQUIRABLE_BY_STATUS,
    REQUIRABLE_BY_STATUS_GROUP,
    TEXT_FIELDS,
)
from sphinxext_pep.core.templates import Template


class TemplateFieldError(ValueError):
    """A field name no header can hold: *key*, its place in the template
    (``['required_fields']``), and why."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


#: A field name as a header option or a front matter key can spell it.
_FIELD_NAME_RE = re.compile(r"[A-Za-z_][\w-]*")


def check_fields(template: Template) -> Template:
    """*template* with its field names lower-cased, once each is one a header can hold.

    A header's fields are a fixed set plus the template's number field, so a
    template requiring any other field could never be satisfied. Field names
    are lower-cased, as the header reads what the author writes.
    """
    common = HEADER_OPTIONS
    if not _FIELD_NAME_RE.fullmatch(template.number_field):
        raise TemplateFieldError(
            "['number_field']",
            f"{template.number_field!r} is not a field name "
            "(one word of letters, digits, '-' and '_')",
        )
    number_field = template.number_field.lower()
    if number_field != "number" and number_field in common:
        raise TemplateFieldError(
            "['number_field']",
            f"{template.number_field!r} is already a pep-header field; "
            "the number field needs a name of its own (or 'number')",
        )

    fields = (number_field, *(name for name in common if name != number_field))
    for name in template.required_fields:
        if name.lower() not in fields:
            raise TemplateFieldError(
                "['required_fields']",
                f"{name!r} is not a pep-header field (the fields are {', '.join(fields)})",
            )

    for name, values in template.allowed_values.items():
        if name.lower() not in TEXT_FIELDS:
            raise TemplateFieldError(
                "['allowed_values']",
                f"{name!r} cannot have a list of allowed values "
                f"(fields that can: {', '.join(TEXT_FIELDS)})",
            )
        if not values:
            raise TemplateFieldError(
                f"['allowed_values'][{name!r}]",
                "expected a non-empty list of values (an empty one allows no value)",
            )

    return replace(
        template,
        number_field=number_field,
        required_fields=tuple(name.lower() for name in template.required_fields),
        allowed_values=MappingProxyType(
            {name.lower(): values for name, values in template.allowed_values.items()}
        ),
        # status_requires first: of two mistakes, the same one is reported first.
        status_requires=_required_by(
            "status_requires", template.status_requires, REQUIRABLE_BY_STATUS
        ),
        required_by_status=_required_by(
            "required_by_status", template.required_by_status, REQUIRABLE_BY_STATUS_GROUP
        ),
    )


def _required_by(
    key: str, mapping: Mapping[str, tuple[str, ...]], can_require: tuple[str, ...]
) -> Mapping[str, tuple[str, ...]]:
    """*mapping* (a status or a group -> fields) once every field is one of *can_require*:
    each lower-cased, as the header reads it, and named once."""
    checked: dict[str, tuple[str, ...]] = {}
    for status, needed in mapping.items():
        for name in needed:
            if name.lower() not in can_require:
                raise TemplateFieldError(
                    f"[{key!r}][{status!r}]",
                    f"{name!r} cannot be required by a status "
                    f"(fields that can: {', '.join(can_require)})",
                )
        checked[status] = tuple(dict.fromkeys(name.lower() for name in needed))
    return MappingProxyType(checked)
