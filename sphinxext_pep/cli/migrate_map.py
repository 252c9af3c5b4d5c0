"""A source's metadata onto a template: header options, and what does not fit.

:data:`SOURCE_KEYS` says which header field each source key becomes, one row
per spelling the forms use (seed 000's ``Related PEPs``, Python's
``Requires``). A row whose field :data:`~sphinxext_pep.core.fields.FIELDS`
does not declare (yet) is not used: the value is kept, as written, in a
comment under the header and reported. What a field *is* (a relation, a
URL, a value the template restricts) comes from the field registry and the
template, never from here.

Values are rewritten only where the header reads them otherwise: a number
loses its padding (``0014`` -> ``14``), relation ids become numbers
(``PEP 0012`` -> ``12``), continuation lines become one line, and seed 000's
``(Optional) ...`` rows, which say "leave me out", are left out. Everything
else -- placeholders included -- is written as it was, for the build to
report.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sphinxext_pep.cli.migrate_source import Found, SourceField, TitleSlot
from sphinxext_pep.core.fields import FIELD_BY_NAME, Kind
from sphinxext_pep.core.header import read_header
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.template_schema import SettingsError, read_templates
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES, Template
from sphinxext_pep.core.titles import comparable, derive_title, is_placeholder
from sphinxext_pep.core.values import (
    parse_date,
    parse_number,
    parse_proposal_id,
    series_slug,
    split_list,
)

#: The key that stands for the template's number field (``:pep:``, ``:rfc:``).
NUMBER = "<number>"

#: Source key (lower case, spaces as dashes) -> header field. A field that
#: ``core/fields.py`` does not declare is skipped until it does: adding a
#: process field there makes its row here take effect.
SOURCE_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "pep": NUMBER,
        "rfc": NUMBER,
        "adr": NUMBER,
        "number": NUMBER,
        "title": "title",
        "author": "author",
        "authors": "authors",
        "deciders": "author",
        "decision-makers": "author",
        "status": "status",
        "type": "type",
        "category": "category",
        "topic": "category",
        "risk": "risk",
        "created": "created",
        "date": "created",
        "updated": "updated",
        "version": "version",
        "related": "related",
        "related-peps": "related",
        "related-specs": "related-specs",
        "depends-on": "depends-on",
        "requires": "depends-on",
        "enables": "enables",
        "replaces": "supersedes",
        "supersedes": "supersedes",
        "superseded-by": "superseded-by",
        "discussion": "discussion",
        "discussions-to": "discussion",
        # Python's process fields, once core/fields.py has them.
        "sponsor": "sponsor",
        "pep-delegate": "delegate",
        "bdfl-delegate": "delegate",
        "post-history": "discussions",
        "resolution": "resolution",
        "python-version": "target",
    }
)
#: A link as Python's headers write it: ```20-Jun-2022 <https://...>`__`` (or Markdown's).
_LINK_RES = (
    re.compile(r"^`\s*(?P<text>[^<`]*?)\s*<(?P<url>[^<>\s]+)>`__?$"),
    re.compile(r"^\[(?P<text>[^\]]*)\]\((?P<url>[^()\s]+)\)$"),
)


def _link(item: str) -> tuple[str, str] | None:
    """``(text, url)`` of a reST or Markdown link."""
    for pattern in _LINK_RES:
        match = pattern.match(item.strip())
        if match:
            return match["text"], match["url"]
    return None


def dated_links(value: str) -> str | None:
    """``Post-History``'s linked dates as ``DATE URL`` items; ``None`` if one has no link."""
    items = []
    for item in split_list(value):
        link = _link(item)
        if link is None or parse_date(link[0]) is None:
            return None
        items.append(f"{link[0]} {link[1]}")
    return ", ".join(items)


def link_target(value: str) -> str:
    """A ``Resolution`` written as a link, as its URL; other text as it is."""
    link = _link(value)
    return link[1] if link else value


#: Source key -> how its value is written for the header, where the source's
#: syntax differs (``None``: it cannot be, and the value is kept aside).
VALUE_FORMS: Mapping[str, Callable[[str], str | None]] = MappingProxyType(
    {"post-history": dated_links, "resolution": link_target}
)
#: Why a value :data:`VALUE_FORMS` refuses is kept aside.
_REFUSED_FORMS = {"post-history": "has dates without a link (discussions are 'DATE URL')"}
#: Keys that carry nothing a page needs (``Content-Type: text/x-rst``).
DROPPED_KEYS = frozenset({"content-type"})
#: A version-control keyword left unexpanded (``$Revision$``, ``$Date$``).
_KEYWORD_RE = re.compile(r"^\$\w+(?::[^$]*)?\$$")
_CHOICES_RE = re.compile(r"\s*[/|]\s*")
#: ``<REQUIRED: Draft | Active | ...>``: PEP 12's own placeholders.
_ANGLED_RE = re.compile(r"^<[^<>@]*>$")


def is_left_blank(value: str) -> bool:
    """A value the source's own template left for the author: reported by the build, no misfit."""
    return is_placeholder(value) or bool(_ANGLED_RE.match(value.strip()))


@dataclass(frozen=True)
class Misfit:
    """A value the template does not have: a status, or a value of a restricted field."""

    field: str
    value: str


@dataclass(frozen=True)
class Conversion:
    """What the header of one file will say."""

    options: tuple[tuple[str, str], ...]
    #: Source fields with no header field: kept as written in a comment.
    unmapped: tuple[tuple[str, str], ...] = ()
    #: The document title to write; ``None``: keep the one the source has.
    title: str | None = None
    misfits: tuple[Misfit, ...] = ()
    notes: tuple[str, ...] = field(default=())


def normalized(key: str) -> str:
    return re.sub(r"[\s_]+", "-", key.strip().strip("*_").strip().casefold())


def starting_entry(name: str, base: str | None, keys: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The ``pep_templates`` entry a new template *name* of a form starts as."""
    if base is not None:
        entry: dict[str, Any] = {"extends": base}
    else:
        entry = {"label": name.upper(), "number_field": name}
        entry["required_fields"] = [name, "title", "status"]
    entry.update(copy.deepcopy(dict(keys)))
    return entry


def checked_against(name: str, found: Found, settings: PepSettings) -> Template | None:
    """The template *name*: the project's, or the one its form's entry would make."""
    template = settings.templates.get(name)
    if template is not None:
        return template
    try:
        raw = starting_entry(name, found.base, found.template_keys)
        return read_templates({name: raw})[name]
    except SettingsError:  # from scratch with no statuses: every status will be new
        return BUILTIN_TEMPLATES.get(found.base) if found.base else None


def is_choice_list(value: str, template: Template | None) -> bool:
    """Seed 000's ``Proposed / Accepted / ...``: every status offered, none chosen."""
    parts = [p for p in _CHOICES_RE.split(value.strip().strip("[]")) if p]
    return template is not None and len(parts) > 1 and all(template.find_status(p) for p in parts)


def _choices_allowed(value: str, allowed: tuple[str, ...]) -> bool:
    parts = [p.casefold() for p in _CHOICES_RE.split(value.strip().strip("[]")) if p]
    return len(parts) > 1 and set(parts) <= {a.casefold() for a in allowed}


class _Mapper:
    def __init__(self, name: str, found: Found, settings: PepSettings) -> None:
        self.name = name
        self.found = found
        self.settings = settings
        self.template = checked_against(name, found, settings)
        self.options: list[tuple[str, str]] = []
        self.unmapped: list[tuple[str, str]] = []
        self.misfits: list[Misfit] = []
        self.notes: list[str] = []
        self.number: int | None = None
        self.title: str | None = None

    @property
    def number_field(self) -> str:
        return self.template.number_field if self.template else self.name

    @property
    def label(self) -> str:
        return self.template.label if self.template else self.name.upper()

    def keep_aside(self, item: SourceField, why: str) -> None:
        self.unmapped.append((item.key, item.value))
        self.notes.append(f"{item.key!r} {why}: kept as written in a comment under the header")

    def add(self, item: SourceField) -> None:
        key = normalized(item.key)
        value = " ".join(item.value.split())
        if key in DROPPED_KEYS or not value or value.casefold().startswith("(optional)"):
            return
        target = SOURCE_KEYS.get(key, key)
        if key == self.number_field:
            target = NUMBER
        if _KEYWORD_RE.match(value):
            self.keep_aside(item, "is an unexpanded version-control keyword")
            return
        if target == NUMBER:
            self.number = parse_number(value)
            self.options.append(
                (self.number_field, str(self.number) if self.number is not None else value)
            )
            return
        spec = FIELD_BY_NAME.get(target)
        if spec is None or spec.kind in (Kind.NUMBER, Kind.TEMPLATE, Kind.EXEMPT):
            self.keep_aside(item, "has no pep-header field")
            return
        form = VALUE_FORMS.get(key)
        if form is not None:
            converted = form(value)
            if converted is None:
                self.keep_aside(item, _REFUSED_FORMS.get(key, "cannot be read"))
                return
            value = converted
        if spec.kind is Kind.TITLE:
            self.title = value
            return
        if any(FIELD_BY_NAME.get(name) is spec for name, _ in self.options):
            self.keep_aside(item, f"repeats ':{target}:'")
            return
        written = self._value(item, target, spec.kind, value)
        if written is not None:
            self.options.append((target, written))

    def _value(self, item: SourceField, target: str, kind: Kind, value: str) -> str | None:
        template = self.template
        if kind is Kind.STATUS:
            if is_choice_list(value, template):
                assert template is not None
                self.notes.append(
                    f"the status lists every status of the template ({value!r}); "
                    f"wrote the first, {template.first_status!r}"
                )
                return template.first_status
            if not is_left_blank(value) and (template is None or not template.find_status(value)):
                self.misfits.append(Misfit("status", value))
            return value
        if kind is Kind.RELATION:
            return ", ".join(self._relation(part) for part in split_list(value))
        if kind is Kind.PEOPLE:
            return ", ".join(split_list(value))
        if kind is Kind.URL and not self._reader_keeps(target, value):
            # The build would drop it (and warn): kept where it is not lost.
            self.keep_aside(item, "is not a URL the header takes")
            return None
        allowed = template.allowed_values.get(target) if template else None
        if (
            allowed
            and template is not None
            and template.canonical_value(target, value) is None
            and not (is_left_blank(value) or _choices_allowed(value, allowed))
        ):
            self.misfits.append(Misfit(target, value))
        return value

    def _reader_keeps(self, name: str, value: str) -> bool:
        """Whether the build's header reader takes *value* for field *name* (no refusal)."""
        reading = read_header(
            {name: value},
            {name: 2},
            docname="migrate",
            header=Location("migrate", 1),
            heading=None,
            settings=self.settings,
        )
        return not any(
            p.subtype is Subtype.HEADER and p.location is not None and p.location.line == 2
            for p in reading.problems
        )

    def _relation(self, item: str) -> str:
        pid = parse_proposal_id(item)
        if pid is None or (pid.series is not None and pid.series != series_slug(self.label)):
            return item
        return str(pid.number)

    def heading(self) -> str | None:
        """The title to write, or ``None`` when the document's title gives it already."""
        slots = [e.piece for e in self.found.edits if isinstance(e.piece, TitleSlot)]
        if not slots or self.found.in_front_matter:
            return None
        written = slots[0].text
        if (
            written is not None
            and self.title is not None
            and self.template is not None
            and comparable(derive_title(written, self.template)) == comparable(self.title)
        ):
            return None
        if self.title is None:
            if written is None:
                self.notes.append("no title: give the page a heading")
            return None
        number = self.settings.format_number(self.number) if self.number is not None else "NNNN"
        if written is not None:
            self.notes.append(f"title {written!r} rewritten: it did not give the title")
        return f"{self.label} {number}: {self.title}"


def convert(found: Found, name: str, settings: PepSettings, *, all_options: bool) -> Conversion:
    """The header for *found* on template *name*.

    With the fields in front matter (seed 002), the header names only the
    template, unless *all_options* (the page leaves Markdown, and its front
    matter with it).
    """
    mapper = _Mapper(name, found, settings)
    for item in found.fields:
        mapper.add(item)
    title = mapper.heading()
    options = mapper.options
    if found.in_front_matter and not all_options:
        options = []
    # The number first, as the seeds write it (front matter may give it last).
    options.sort(key=lambda option: option[0] != mapper.number_field)
    if name != settings.default_template:
        at = 1 if options and options[0][0] == mapper.number_field else 0
        options.insert(at, ("template", name))
    return Conversion(
        options=tuple(options),
        unmapped=tuple(mapper.unmapped),
        title=title,
        misfits=tuple(mapper.misfits),
        notes=tuple(mapper.notes),
    )
