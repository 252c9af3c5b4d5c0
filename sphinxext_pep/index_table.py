"""The tables of ``pep-index`` and the domain index: cells, sort keys, groups.

Every column is a field of the registry (:data:`~sphinxext_pep.core.fields.COLUMNS`),
and its cell text and sort key follow from the field's kind, so a new field
with a column needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import column_width
from sphinx import addnodes

from sphinxext_pep.badges import level_badge, status_badge
from sphinxext_pep.captions import caption
from sphinxext_pep.core.fields import COLUMNS, DERIVED_COLUMNS, FIELD_BY_NAME, Kind
from sphinxext_pep.core.rules import index_category
from sphinxext_pep.core.staleness import age_in_days
from sphinxext_pep.core.templates import STATUS_GROUPS
from sphinxext_pep.index import field_value
from sphinxext_pep.locale import _

if TYPE_CHECKING:
    from sphinxext_pep.config import PepSettings
    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.index import IndexOptions, pep_index

#: Heading of each status group in ``:group-by: status`` and the domain index (lazy).
GROUP_TITLES: dict[str | None, str] = {
    "open": _("Open"),
    "accepted": _("Accepted"),
    "done": _("Done"),
    "closed": _("Closed"),
    "deferred": _("Deferred"),
    None: _("Unknown status"),
}
GROUP_ORDER: tuple[str | None, ...] = (*STATUS_GROUPS, None)
#: The class of a group's title (a heading in HTML, a rubric elsewhere).
GROUP_TITLE = "pep-index-group-title"


def status_rank(proposal: Proposal, settings: PepSettings) -> int:
    """Lifecycle order: by status group, then the status's place within its group.

    The place counts only the template's statuses of the same group, so that
    templates line up: every template's first accepted status (``Accepted``)
    comes before the pep template's ``Implementing``, and the ``Deferred`` of
    every template ranks alike (ties go by number).
    """
    group = GROUP_ORDER.index(proposal.status_group)
    template = settings.template(proposal.template)
    position = 99
    if template is not None:
        peers = [s for s in template.statuses if s.group == proposal.status_group]
        for i, status in enumerate(peers):
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
    if column in DERIVED_COLUMNS:
        age = derived_value(proposal, column, settings)
        return None if age is None else str(age)
    kind = FIELD_BY_NAME[column].kind
    if kind is Kind.NUMBER:
        return settings.proposal_id(proposal.label, proposal.number)
    if kind is Kind.TITLE:
        return proposal.title or None
    if kind is Kind.STATUS:
        return proposal.status or None
    if kind is Kind.PEOPLE:
        return ", ".join(person.name for person in proposal.people_of(column)) or None
    if kind is Kind.DATE:
        day = proposal.date_field(column)
        return day.isoformat() if day else None
    if kind is Kind.TEMPLATE:
        return proposal.template
    if kind in (Kind.LINKS, Kind.DATED_LINKS):
        return ", ".join(link.short for link in proposal.links_of(column)) or None
    if kind is Kind.WINDOW:
        window = proposal.window(column)
        return str(window) if window else None
    return proposal.field(column)


def derived_value(proposal: Proposal, column: str, settings: PepSettings) -> int | None:
    """A derived column's value: ``age``, days since an open proposal's newest date."""
    assert column == "age", column
    return age_in_days(proposal, settings.build_date)


def sort_key(proposal: Proposal, column: str, settings: PepSettings) -> int | str | None:
    """What a column sorts by; ``None`` (no value) sorts last either way."""
    if column in DERIVED_COLUMNS:
        return derived_value(proposal, column, settings)
    kind = FIELD_BY_NAME[column].kind
    if kind is Kind.NUMBER:
        return proposal.number
    if kind is Kind.STATUS:
        return status_rank(proposal, settings) if proposal.status else None
    if kind is Kind.LEVEL:
        return risk_rank(proposal.field(column), settings.risk_levels)
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


def grouped_by_field(
    proposals: list[Proposal], name: str, settings: PepSettings
) -> list[tuple[str | None, list[Proposal]]]:
    """The proposals by their value of field *name* (case-insensitively), unset last.

    Groups come in the field's own order: levels from the lowest, templates
    as configured, free text alphabetically; each group is titled with the
    first spelling met (in the table's order).
    """
    spelled: dict[str, str] = {}
    members: dict[str | None, list[Proposal]] = {}
    for proposal in proposals:
        value = (field_value(proposal, name) or "").strip()
        folded = value.casefold() or None
        if folded is not None:
            spelled.setdefault(folded, value)
        members.setdefault(folded, []).append(proposal)
    kind = FIELD_BY_NAME[name].kind
    if kind is Kind.LEVEL:
        order: list[str] = [level.casefold() for level in settings.risk_levels]
    elif kind is Kind.TEMPLATE:
        order = list(settings.templates)
    else:
        order = []
    ranked = sorted(
        (key for key in members if key is not None),
        key=lambda key: (order.index(key) if key in order else len(order), key),
    )
    out: list[tuple[str | None, list[Proposal]]] = [(spelled[key], members[key]) for key in ranked]
    if None in members:
        out.append((None, members[None]))
    return out


def grouped_by_category(
    proposals: list[Proposal], settings: PepSettings
) -> list[tuple[str | None, list[Proposal]]]:
    """The proposals by their template's ``index_categories``, in the order the
    templates list them; those in none last."""
    members: dict[str | None, list[Proposal]] = {}
    for proposal in proposals:
        template = settings.template(proposal.template)
        category = index_category(proposal, template) if template is not None else None
        members.setdefault(category, []).append(proposal)
    order = [c.name for t in settings.templates.values() for c in t.index_categories]
    out: list[tuple[str | None, list[Proposal]]] = [
        (name, members[name]) for name in dict.fromkeys(order) if name in members
    ]
    if None in members:
        out.append((None, members[None]))
    return out


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
    if column in DERIVED_COLUMNS:
        return [nodes.Text(text)]
    kind = FIELD_BY_NAME[column].kind
    if kind in (Kind.NUMBER, Kind.TITLE):
        return [proposal_link(proposal, text, docname)]
    if kind is Kind.STATUS and badges:
        return [status_badge(proposal.status, proposal.status_group)]
    if kind is Kind.LEVEL and badges:
        return [level_badge(text, settings.risk_levels)]
    if kind is Kind.LINKS:  # checked links (http, https, mailto): safe as href
        cells: list[nodes.Node] = []
        for i, link in enumerate(proposal.links_of(column)):
            if i:
                cells.append(nodes.Text(", "))
            cells.append(nodes.reference(link.short, link.short, refuri=link.url))
        return cells
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
    # Widths in characters (the text builder's unit; LaTeX takes them as ratios);
    # East Asian wide characters count twice, as the text builder draws them.
    for column in columns:
        longest = max(
            (column_width(cell_text(p, column, settings) or "") for p in proposals),
            default=0,
        )
        heading_width = column_width(_(COLUMNS[column]))
        tgroup += nodes.colspec(colwidth=min(max(longest, heading_width), 40))
    head_row = nodes.row()
    for column in columns:
        heading = _(COLUMNS[column])
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
    captions: bool = False,
) -> list[nodes.Node]:
    """The rubric(s) and table(s) of one index, or a "no proposals" line.

    With *captions* (HTML), each table is named by a caption instead: the
    group's title as a heading in it, or a visually hidden "Proposals".
    """
    options: IndexOptions = node["options"]
    docname = node["docname"]
    chosen = selected_proposals(proposals, options, settings)
    if not chosen:
        none = _("No proposals.")
        return [nodes.paragraph("", "", nodes.emphasis(none, none))]
    columns = [
        column
        for column in options.columns
        if any(cell_text(p, column, settings) is not None for p in chosen)
    ]
    if options.group_by == "status":
        sections = grouped(chosen)
    elif options.group_by == "index-category":
        sections = grouped_by_category(chosen, settings)
    elif options.group_by:
        sections = grouped_by_field(chosen, options.group_by, settings)
    else:
        sections = [(None, chosen)]
    out: list[nodes.Node] = []
    for group, members in sections:
        parts: list[nodes.Node] = []
        table = build_table(members, columns, settings, docname, badges=badges, make_row=make_row)
        if options.group_by:
            if options.group_by == "status":
                title = str(GROUP_TITLES[group])
            else:
                title = group if group is not None else _("Not set")
            if captions:
                table.insert(0, caption(str(title), heading=True, heading_classes=(GROUP_TITLE,)))
            else:
                parts.append(nodes.rubric(title, title, classes=[GROUP_TITLE]))
        elif captions:
            table.insert(0, caption(str(_("Proposals")), hidden=True))
        parts.append(table)
        out.extend([wrap_group(parts)] if wrap_group and options.group_by else parts)
    return out
