"""The ``pep-index`` directive: a table of every proposal (SPEC §9).

The directive only validates its options and leaves a format-neutral
:class:`pep_index` placeholder; it also marks its page as a *listing*, so an
incremental build rewrites the page whenever any proposal changes
(:mod:`sphinxext_pep.collector`). Once every document is read, the
post-transforms of :mod:`sphinxext_pep.index_html` fill the placeholder from
the domain, with the tables of :mod:`sphinxext_pep.index_table`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.fields import COLUMNS, FIELDS, FILTER_ALIASES, FILTERS, Kind
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.templates import STATUS_GROUPS
from sphinxext_pep.directive_input import AnyOption
from sphinxext_pep.domain import get_domain
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinxext_pep.core.model import Proposal

DEFAULT_COLUMNS: tuple[str, ...] = (
    "number",
    "title",
    "status",
    "type",
    "authors",
    "created",
    "updated",
)
DEFAULT_FILTERS: tuple[str, ...] = ("status",)


#: The fields a static filter (``:type: Standard``) and ``:group-by:`` take, from
#: the registry: one value per proposal, free text, a level or the template.
VALUE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.kind in (Kind.TEXT, Kind.LEVEL, Kind.TEMPLATE)
)


def field_value(proposal: Proposal, name: str) -> str | None:
    """The value of one of :data:`VALUE_FIELDS`, ``None`` when it is not set."""
    if name == "template":
        return proposal.template
    return proposal.field(name)


@dataclass(frozen=True)
class StaticFilters:
    """Which proposals a listing shows (``:status:``, ``:type:``, ``:category:``, ...).

    A proposal is shown when it matches every option given, and one of the
    values of each. Empty means "no filter".
    """

    #: Case-folded status names and status groups (``:status:``).
    statuses: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    #: ``(field, case-folded values)`` for the other options, in option order.
    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def selects(self, proposal: Proposal) -> bool:
        if (self.statuses or self.groups) and not (
            proposal.status.casefold() in self.statuses or proposal.status_group in self.groups
        ):
            return False
        return all(
            (field_value(proposal, name) or "").casefold() in values for name, values in self.fields
        )


def read_static_filters(
    options: Mapping[str, str | None],
    settings: PepSettings,
    complain: Callable[[str], None],
) -> StaticFilters:
    """The static filters of a directive's *options*; *complain* hears what is ignored.

    ``:status:`` takes statuses of any template and status groups; each of
    :data:`VALUE_FIELDS` takes values of that field (``:template:`` only the
    names of templates). Shared by every directive that lists proposals.
    """
    statuses: list[str] = []
    groups: list[str] = []
    known = {
        status.name.casefold()
        for template in settings.templates.values()
        for status in template.statuses
    }
    for item in _items(options.get("status")):
        folded = item.casefold()
        if folded in known:
            statuses.append(folded)
        elif folded in STATUS_GROUPS:
            groups.append(folded)
        else:
            complain(
                f"unknown status {item!r} in :status: (a status of any template, "
                f"or a group: {', '.join(STATUS_GROUPS)}); ignored"
            )
    fields: list[tuple[str, tuple[str, ...]]] = []
    for name in VALUE_FIELDS:
        if name not in options:
            continue
        values: list[str] = []
        for item in _items(options.get(name)):
            if name == "template" and item not in settings.templates:
                complain(
                    f"unknown template {item!r} in :template: "
                    f"(known: {', '.join(settings.templates)}); ignored"
                )
                continue
            values.append(item.casefold())
        if values:
            fields.append((name, tuple(values)))
    return StaticFilters(tuple(statuses), tuple(groups), tuple(fields))


@dataclass(frozen=True)
class IndexOptions:
    """The validated options of one ``pep-index``."""

    static: StaticFilters = field(default_factory=StaticFilters)
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    sort: str = "number"
    descending: bool = False
    filters: tuple[str, ...] = DEFAULT_FILTERS
    #: ``"status"`` (by status group), one of :data:`VALUE_FIELDS`, or ``None``.
    group_by: str | None = None

    def selects(self, proposal: Proposal) -> bool:
        return self.static.selects(proposal)

    @property
    def sort_spec(self) -> str:
        return f"{'-' if self.descending else ''}{self.sort}"


class pep_index(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-index`` goes; attribute ``options`` is an :class:`IndexOptions`."""


def _items(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


_OPTIONS = ("status", *VALUE_FIELDS, "columns", "sort", "filters", "group-by")
#: What ``:group-by:`` takes; ``index-category``: the templates' ``index_categories``.
GROUP_BY = ("status", *VALUE_FIELDS, "index-category")


class PepIndexDirective(SphinxDirective):
    """``.. pep-index::`` with the options of SPEC §9."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = AnyOption(dict.fromkeys(_OPTIONS, directives.unchanged))

    def _warn(self, message: str) -> None:
        warn(Subtype.CONFIG, f"pep-index: {message}", Location(self.env.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        for name in self.options:
            if name not in _OPTIONS:
                self._warn(f"unknown option :{name}: (options: {', '.join(_OPTIONS)}); ignored")
        node = pep_index()
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        node["options"] = self._read_options()
        # Rewritten whenever any proposal changes (incremental builds).
        get_domain(self.env).set_doc_data("listings", self.env.docname, True)
        return [node]

    def _read_options(self) -> IndexOptions:
        settings = get_settings(self.config)
        static = read_static_filters(self.options, settings, self._warn)

        columns: list[str] = []
        for item in _items(self.options.get("columns")):
            name = item.casefold()
            if name not in COLUMNS:
                self._warn(
                    f"unknown column {item!r} in :columns: (columns: {', '.join(COLUMNS)}); ignored"
                )
            elif name not in columns:
                columns.append(name)

        sort, descending = "number", False
        raw_sort = (self.options.get("sort") or "").strip()
        if raw_sort:
            name = raw_sort.removeprefix("-").strip().casefold()
            if name in COLUMNS:
                sort, descending = name, raw_sort.startswith("-")
            else:
                self._warn(
                    f"cannot sort by {raw_sort!r} (a column, '-' in front for descending: "
                    f"{', '.join(COLUMNS)}); sorting by number"
                )

        filters: list[str] = list(DEFAULT_FILTERS)
        if "filters" in self.options:
            filters = []
            raw_filters = [
                FILTER_ALIASES.get(item.casefold(), item.casefold())
                for item in _items(self.options["filters"])
            ]
            for item in raw_filters:
                if item == "none":
                    if len(raw_filters) > 1:
                        self._warn("':filters: none' cannot be combined with filter names")
                    filters = []
                    break
                if item not in FILTERS:
                    self._warn(
                        f"unknown filter {item!r} in :filters: ({', '.join(FILTERS)}, or none); "
                        "ignored"
                    )
                elif item not in filters:
                    filters.append(item)

        group_by = None
        raw_group = (self.options.get("group-by") or "").strip().casefold()
        if raw_group in GROUP_BY:
            group_by = raw_group
        elif raw_group not in ("", "none"):
            self._warn(
                f"cannot group by {raw_group!r} ({', '.join(GROUP_BY)}, or none); not grouping"
            )

        return IndexOptions(
            static=static,
            columns=tuple(columns) or DEFAULT_COLUMNS,
            sort=sort,
            descending=descending,
            filters=tuple(filters),
            group_by=group_by,
        )


def setup_index(app: Sphinx) -> None:
    app.add_node(pep_index)
    app.add_directive("pep-index", PepIndexDirective)
