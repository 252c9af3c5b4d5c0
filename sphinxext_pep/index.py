"""The ``pep-index`` directive: a table of every proposal (SPEC §9).

The directive only validates its options and leaves a format-neutral
:class:`pep_index` placeholder; it also marks its page as a *listing*, so an
incremental build rewrites the page whenever any proposal changes
(:mod:`sphinxext_pep.incremental`). Once every document is read, two
post-transforms fill the placeholder from the domain, in the sphinx-design
manner:

* HTML (:class:`FillIndexHTML`): the full table(s), every row carrying its
  filter and sort keys as ``data-*`` attributes; ``static/pep-index.js``
  (added only to pages holding an index) builds the filter chips, the text
  box and the sort buttons from them. Without JavaScript the table is whole.
* every other builder (:class:`FillIndexPlain`): the same table(s), plain.

Both run before Sphinx's reference resolver: numbers and titles are
``pending_xref`` nodes that the domain resolves, tooltips included.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.badges import level_badge, status_badge
from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.diagnostics import warn
from sphinxext_pep.domain import get_domain
from sphinxext_pep.proposal import Proposal
from sphinxext_pep.templates import STATUS_GROUPS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Every column ``:columns:`` may name, with its heading, in a sensible order.
COLUMNS: dict[str, str] = {
    "number": "Number",
    "title": "Title",
    "status": "Status",
    "type": "Type",
    "category": "Category",
    "risk": "Risk",
    "authors": "Authors",
    "created": "Created",
    "updated": "Updated",
    "template": "Template",
    "version": "Version",
}
DEFAULT_COLUMNS: tuple[str, ...] = (
    "number",
    "title",
    "status",
    "type",
    "authors",
    "created",
    "updated",
)
#: The interactive filter groups ``:filters:`` may name (HTML).
FILTERS: tuple[str, ...] = ("status", "type", "risk", "author")
DEFAULT_FILTERS: tuple[str, ...] = ("status",)
#: Heading of each status group in ``:group-by: status`` and the domain index.
GROUP_TITLES: dict[str | None, str] = {
    "open": "Open",
    "accepted": "Accepted",
    "done": "Done",
    "closed": "Closed",
    "deferred": "Deferred",
    None: "Unknown status",
}
GROUP_ORDER: tuple[str | None, ...] = (*STATUS_GROUPS, None)


@dataclass(frozen=True)
class IndexOptions:
    """The validated options of one ``pep-index``."""

    #: Static filters: case-folded status names, status groups, case-folded
    #: types, template names. Empty means "no filter".
    statuses: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    sort: str = "number"
    descending: bool = False
    filters: tuple[str, ...] = DEFAULT_FILTERS
    group_by: str | None = None

    def selects(self, proposal: Proposal) -> bool:
        if (self.statuses or self.groups) and not (
            proposal.status.casefold() in self.statuses or proposal.status_group in self.groups
        ):
            return False
        if self.types and (proposal.field("type") or "").casefold() not in self.types:
            return False
        return not self.templates or proposal.template in self.templates

    @property
    def sort_spec(self) -> str:
        return f"{'-' if self.descending else ''}{self.sort}"


class pep_index(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-index`` goes; attribute ``options`` is an :class:`IndexOptions`."""


class pep_index_block(nodes.General, nodes.Element):  # noqa: N801
    """HTML only: the ``<div class="pep-index">`` the script enhances."""


class pep_index_row(nodes.row):  # noqa: N801
    """HTML only: a table row carrying its filter and sort keys (``data``)."""


# -- the directive -----------------------------------------------------------


def _items(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


class _AnyOption(dict[str, Any]):
    """Accept every option name, so an unknown one is a located ``pep.config``."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


_OPTIONS = ("status", "type", "template", "columns", "sort", "filters", "group-by")


class PepIndexDirective(SphinxDirective):
    """``.. pep-index::`` with the options of SPEC §9."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = _AnyOption(
        dict.fromkeys(_OPTIONS, directives.unchanged)
    )

    def _warn(self, message: str) -> None:
        warn("config", f"pep-index: {message}", (self.env.docname, self.lineno))

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
        statuses: list[str] = []
        groups: list[str] = []
        known = {
            status.name.casefold()
            for template in settings.templates.values()
            for status in template.statuses
        }
        for item in _items(self.options.get("status")):
            folded = item.casefold()
            if folded in known:
                statuses.append(folded)
            elif folded in STATUS_GROUPS:
                groups.append(folded)
            else:
                self._warn(
                    f"unknown status {item!r} in :status: (a status of any template, "
                    f"or a group: {', '.join(STATUS_GROUPS)}); ignored"
                )
        types = [item.casefold() for item in _items(self.options.get("type"))]
        templates = []
        for item in _items(self.options.get("template")):
            if item in settings.templates:
                templates.append(item)
            else:
                self._warn(
                    f"unknown template {item!r} in :template: "
                    f"(known: {', '.join(settings.templates)}); ignored"
                )

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
            raw_filters = [item.casefold() for item in _items(self.options["filters"])]
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
        if raw_group == "status":
            group_by = "status"
        elif raw_group not in ("", "none"):
            self._warn(f"cannot group by {raw_group!r} (status or none); not grouping")

        return IndexOptions(
            statuses=tuple(statuses),
            groups=tuple(groups),
            types=tuple(types),
            templates=tuple(templates),
            columns=tuple(columns) or DEFAULT_COLUMNS,
            sort=sort,
            descending=descending,
            filters=tuple(filters),
            group_by=group_by,
        )


# -- values, sort keys -------------------------------------------------------


def status_rank(proposal: Proposal, settings: PepSettings) -> int:
    """Lifecycle order: by status group, then the template's status order."""
    group = GROUP_ORDER.index(proposal.status_group)
    template = settings.template(proposal.template)
    position = 99
    if template is not None:
        for i, status in enumerate(template.statuses):
            if status.name.casefold() == proposal.status.casefold():
                position = i
                break
    return group * 100 + position


def risk_rank(level: str | None, levels: Sequence[str]) -> int | None:
    if level is None:
        return None
    folded = [name.casefold() for name in levels]
    wanted = level.casefold()
    return folded.index(wanted) if wanted in folded else len(levels)


def cell_text(proposal: Proposal, column: str, settings: PepSettings) -> str | None:
    """The plain text of a cell, ``None`` when the proposal has no value."""
    if column == "number":
        return settings.proposal_id(proposal.label, proposal.number)
    if column == "title":
        return proposal.title or None
    if column == "status":
        return proposal.status or None
    if column == "authors":
        return ", ".join(author.name for author in proposal.authors) or None
    if column == "created":
        return proposal.created.isoformat() if proposal.created else None
    if column == "updated":
        return proposal.updated.isoformat() if proposal.updated else None
    if column == "template":
        return proposal.template
    return proposal.field(column)


def sort_key(proposal: Proposal, column: str, settings: PepSettings) -> int | str | None:
    """What a column sorts by; ``None`` (no value) sorts last either way."""
    if column == "number":
        return proposal.number
    if column == "status":
        return status_rank(proposal, settings) if proposal.status else None
    if column == "risk":
        return risk_rank(proposal.field("risk"), settings.risk_levels)
    text = cell_text(proposal, column, settings)
    return text.casefold() if text is not None else None


def sorted_proposals(
    proposals: Iterable[Proposal], column: str, descending: bool, settings: PepSettings
) -> list[Proposal]:
    """Sorted by *column*, proposals without a value last, ties by number."""
    ordered = sorted(proposals, key=lambda p: (p.number or 0, p.series, p.docname))
    present = [p for p in ordered if sort_key(p, column, settings) is not None]
    missing = [p for p in ordered if sort_key(p, column, settings) is None]
    present.sort(key=lambda p: sort_key(p, column, settings), reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing


def selected_proposals(
    proposals: Iterable[Proposal], options: IndexOptions, settings: PepSettings
) -> list[Proposal]:
    chosen = [p for p in proposals if options.selects(p)]
    return sorted_proposals(chosen, options.sort, options.descending, settings)


def grouped(proposals: list[Proposal]) -> list[tuple[str | None, list[Proposal]]]:
    """The proposals by status group, in lifecycle order, empty groups left out."""
    return [
        (group, members)
        for group in GROUP_ORDER
        if (members := [p for p in proposals if p.status_group == group])
    ]


def proposal_link(proposal: Proposal, text: str, fromdocname: str) -> addnodes.pending_xref:
    """A link to *proposal* showing *text*; the domain adds the tooltip."""
    return addnodes.pending_xref(
        "",
        nodes.inline(text, text),
        refdomain="pep",
        reftype="ref",
        # The key (``rfc-1``), not the number: two series may share that.
        reftarget=proposal.anchor,
        refexplicit=True,
        refwarn=False,
        refdoc=fromdocname,
        pep_quiet=True,
    )


# -- tables ------------------------------------------------------------------


def _cell(
    proposal: Proposal, column: str, settings: PepSettings, docname: str, *, badges: bool
) -> list[nodes.Node]:
    text = cell_text(proposal, column, settings)
    if text is None:
        return []
    if column in ("number", "title"):
        return [proposal_link(proposal, text, docname)]
    if column == "status" and badges:
        return [status_badge(proposal.status, proposal.status_group)]
    if column == "risk" and badges:
        return [level_badge(text, settings.risk_levels)]
    return [nodes.Text(text)]


def build_table(
    proposals: list[Proposal],
    columns: Sequence[str],
    settings: PepSettings,
    docname: str,
    *,
    badges: bool,
    make_row: Callable[[Proposal], nodes.row] = lambda p: nodes.row(),
) -> nodes.table:
    table = nodes.table(classes=["pep-index-table", "colwidths-auto"])
    tgroup = nodes.tgroup(cols=len(columns))
    table += tgroup
    # Widths in characters (the text builder's unit; LaTeX takes them as ratios).
    for column in columns:
        longest = max(
            (len(cell_text(p, column, settings) or "") for p in proposals),
            default=0,
        )
        tgroup += nodes.colspec(colwidth=min(max(longest, len(COLUMNS[column])), 40))
    head_row = nodes.row()
    for column in columns:
        heading = COLUMNS[column]
        head_row += nodes.entry(
            "", nodes.paragraph(heading, heading), classes=[f"pep-col-{column}"]
        )
    tgroup += nodes.thead("", head_row)
    body = nodes.tbody()
    for proposal in proposals:
        row = make_row(proposal)
        for column in columns:
            paragraph = nodes.paragraph()
            paragraph.extend(_cell(proposal, column, settings, docname, badges=badges))
            row += nodes.entry("", paragraph, classes=[f"pep-col-{column}"])
        body += row
    tgroup += body
    return table


def index_nodes(
    node: pep_index,
    proposals: Iterable[Proposal],
    settings: PepSettings,
    *,
    badges: bool,
    make_row: Callable[[Proposal], nodes.row] = lambda p: nodes.row(),
    wrap_group: Callable[[list[nodes.Node]], nodes.Node] | None = None,
) -> list[nodes.Node]:
    """The rubric(s) and table(s) of one index, or a "no proposals" line."""
    options: IndexOptions = node["options"]
    docname = node["docname"]
    chosen = selected_proposals(proposals, options, settings)
    if not chosen:
        return [nodes.paragraph("", "", nodes.emphasis("No proposals.", "No proposals."))]
    columns = [
        column
        for column in options.columns
        if any(cell_text(p, column, settings) is not None for p in chosen)
    ]
    sections = grouped(chosen) if options.group_by == "status" else [(None, chosen)]
    out: list[nodes.Node] = []
    for group, members in sections:
        parts: list[nodes.Node] = []
        if options.group_by == "status":
            title = GROUP_TITLES[group]
            parts.append(nodes.rubric(title, title, classes=["pep-index-group-title"]))
        parts.append(
            build_table(members, columns, settings, docname, badges=badges, make_row=make_row)
        )
        out.extend([wrap_group(parts)] if wrap_group and options.group_by else parts)
    return out


# -- post-transforms -------------------------------------------------------------


def _row_data(proposal: Proposal, settings: PepSettings) -> dict[str, str]:
    """Filter and sort keys of a row, as ``data-*`` attribute values."""
    pid = settings.proposal_id(proposal.label, proposal.number)
    names = [author.name for author in proposal.authors]
    search = " ".join([pid, str(proposal.number), proposal.title, *names]).lower()
    data = {
        "status": proposal.status.casefold(),
        "status-label": proposal.status,
        "status-group": proposal.status_group or "",
        "type": (proposal.field("type") or "").casefold(),
        "type-label": proposal.field("type") or "",
        "risk": (proposal.field("risk") or "").casefold(),
        "risk-label": proposal.field("risk") or "",
        "author": json.dumps([name.casefold() for name in names], ensure_ascii=False),
        "author-label": json.dumps(names, ensure_ascii=False),
        "search": search,
    }
    for column in COLUMNS:
        key = sort_key(proposal, column, settings)
        data[f"sort-{column}"] = "" if key is None else str(key)
    return data


class FillIndexHTML(SphinxPostTransform):
    """HTML: the full table(s) inside a block the script can enhance."""

    default_priority = 7  # after the headers (5, 6), before ReferencesResolver (10)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        indexes = list(self.document.findall(pep_index))
        if not indexes:
            return  # most pages: listing every proposal here would make a build O(N²)
        settings = get_settings(self.config)
        proposals = list(get_domain(self.env).iter_proposals())
        for node in indexes:
            options: IndexOptions = node["options"]

            def make_row(proposal: Proposal) -> nodes.row:
                row = pep_index_row()
                row["data"] = _row_data(proposal, settings)
                return row

            block = pep_index_block(classes=["pep-index"])
            block["data"] = {
                "filters": ",".join(options.filters),
                "sort": options.sort_spec,
                "default-sort": options.sort_spec,
            }
            block.extend(
                index_nodes(
                    node,
                    proposals,
                    settings,
                    badges=True,
                    make_row=make_row,
                    wrap_group=lambda parts: nodes.container(
                        "", *parts, classes=["pep-index-group"]
                    ),
                )
            )
            block.source, block.line = node.source, node.line
            node.replace_self(block)


class FillIndexPlain(SphinxPostTransform):
    """Every other builder: plain table(s), static filters applied."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        indexes = list(self.document.findall(pep_index))
        if not indexes:
            return  # as in FillIndexHTML
        settings = get_settings(self.config)
        proposals = list(get_domain(self.env).iter_proposals())
        for node in indexes:
            replacement = index_nodes(node, proposals, settings, badges=False)
            node.replace_self(replacement)


def _data_attributes(data: dict[str, str]) -> str:
    return "".join(f' data-{key}="{escape(value, quote=True)}"' for key, value in data.items())


def visit_block(self: HTML5Translator, node: pep_index_block) -> None:
    tag = self.starttag(node, "div", "")
    self.body.append(tag.replace("<div", "<div" + _data_attributes(node["data"]), 1))


def depart_block(self: HTML5Translator, node: pep_index_block) -> None:
    self.body.append("</div>\n")


def visit_row(self: HTML5Translator, node: pep_index_row) -> None:
    self.visit_row(node)
    self.body[-1] = self.body[-1].replace("<tr", "<tr" + _data_attributes(node["data"]), 1)


def depart_row(self: HTML5Translator, node: pep_index_row) -> None:
    self.depart_row(node)


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the index script and styles to the pages that hold an index only."""
    if doctree is None or not any(
        block["data"]["filters"] for block in doctree.findall(pep_index_block)
    ):
        return  # no index, or only static ones (":filters: none")
    if app.builder.name.startswith("epub"):
        return  # e-readers run no scripts; the table is complete without them
    app.add_css_file("pep-index.css")
    app.add_js_file("pep-index.js", loading_method="defer")


def setup_index(app: Sphinx) -> None:
    app.add_node(pep_index)
    app.add_node(pep_index_block, html=(visit_block, depart_block))
    app.add_node(pep_index_row, html=(visit_row, depart_row))
    app.add_directive("pep-index", PepIndexDirective)
    app.add_post_transform(FillIndexHTML)
    app.add_post_transform(FillIndexPlain)
    app.connect("html-page-context", _add_assets)
