"""Rendering a proposal header, once every document is known (SPEC §4).

Two post-transforms, in the sphinx-design manner: the HTML one (limited by
``formats``) turns each :class:`~sphinxext_pep.header.pep_header` into a styled
block with badges; the generic one, which runs after it, turns any header still
left (every non-HTML builder) into a plain two-column field table. Both run
before Sphinx's reference resolver, so the proposal lists they emit as
``pending_xref`` nodes are resolved, with tooltips, by the domain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.badges import level_badge, status_badge
from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.fields import FIELD_BY_NAME, FIELDS, Field, Kind
from sphinxext_pep.core.links import Link, check_url, looks_like_url
from sphinxext_pep.core.relations import EffectiveRelations
from sphinxext_pep.core.titles import comparable
from sphinxext_pep.core.values import ProposalId, ProposalKey
from sphinxext_pep.domain import get_domain
from sphinxext_pep.header import pep_header
from sphinxext_pep.locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinxext_pep.core.model import Proposal
    from sphinxext_pep.core.values import Author


#: The plain table's title row (the title field has no header-block row).
TITLE_LABEL = FIELD_BY_NAME["title"].column or "Title"


def field_label(field: Field, count: int = 2) -> str:
    """*field*'s header label in the project's language (singular for one value)."""
    label = field.singular if count == 1 and field.singular else field.label
    return _(label or field.name)


def proposal_xref(
    target: ProposalId | ProposalKey, fromdocname: str, label: str
) -> addnodes.pending_xref:
    """A link to the proposal *target* names, filled in by the domain with id and tooltip.

    *target* is an id as a header list writes it (``RFC 2``, ``3``: resolved
    by the domain, as a role's) or the key of a derived link. Unknown ids stay
    quiet here: the header's own lists are checked once, project-wide, by
    :func:`~sphinxext_pep.core.relations.check_relations`. *label* (the listing
    proposal's) names a missing bare number as that check's warning does.
    """
    if isinstance(target, ProposalKey):
        reftarget, text, shown = target.slug, target.slug, label
    else:
        reftarget, text, shown = target.target, str(target.number), target.label or label
    return addnodes.pending_xref(
        "",
        nodes.inline(text, text),
        refdomain="pep",
        reftype="ref",
        reftarget=reftarget,
        refexplicit=False,
        refwarn=False,
        refdoc=fromdocname,
        pep_quiet=True,
        pep_label=shown,
    )


def _joined(items: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(", "))
        out.append(item)
    return out


def _people(authors: tuple[Author, ...]) -> list[nodes.Node]:
    people: list[nodes.Node] = []
    for author in authors:
        if author.email:
            people.append(
                nodes.reference(author.name, author.name, refuri=f"mailto:{author.email}")
            )
        elif author.address and author.address != author.name:
            # Obfuscated on purpose: shown as written, no link a harvester could follow.
            people.append(nodes.Text(f"{author.name} <{author.address}>"))
        else:
            people.append(nodes.Text(author.name))
    return _joined(people)


def _relation_links(
    proposal: Proposal, relation: str, relations: EffectiveRelations
) -> list[nodes.Node]:
    """A relation's own links, then (marked) the ones other headers imply."""
    own: tuple[ProposalId, ...]
    implied: tuple[ProposalKey, ...]
    if proposal.key is None:
        own, implied = proposal.relation(relation), ()
    else:
        own, implied = relations.get(proposal.key, {}).get(relation, ((), ()))
    links: list[nodes.Node] = [proposal_xref(pid, proposal.docname, proposal.label) for pid in own]
    for key in implied:
        link = proposal_xref(key, proposal.docname, proposal.label)
        # Shown, but marked: the other proposal's header says so, not this one.
        links.append(nodes.inline("", "", link, classes=["pep-derived"]))
    return _joined(links)


def _field_value(
    field: Field,
    proposal: Proposal,
    relations: EffectiveRelations,
    settings: PepSettings,
    badges: bool,
) -> list[nodes.Node]:
    """The value nodes of one header row, by the field's kind; empty when unset."""
    if field.kind is Kind.STATUS:
        if not proposal.status:
            return []
        if badges:
            return [status_badge(proposal.status, proposal.status_group)]
        return [nodes.Text(proposal.status)]
    if field.kind is Kind.PEOPLE:
        return _people(proposal.people_of(field.name))
    if field.kind is Kind.DATE:
        day = proposal.date_field(field.name)
        return [nodes.Text(day.isoformat())] if day else []
    if field.kind is Kind.RELATION:
        return _relation_links(proposal, field.name, relations)
    if field.kind is Kind.LINKS:
        links = proposal.links_of(field.name)
        return _joined([_link(link.url, link.short) for link in links])
    if field.kind is Kind.DATED_LINKS:
        return _dated_list(proposal.links_of(field.name))
    if field.kind is Kind.WINDOW:
        window = proposal.window(field.name)
        return [nodes.Text(str(window))] if window else []
    text = proposal.field(field.name)
    if text is None:
        return []
    if field.kind is Kind.LEVEL and badges:
        return [level_badge(text, settings.risk_levels)]
    if field.kind in (Kind.URL, Kind.LINK_OR_TEXT) and looks_like_url(text):
        return [_link(text, text.removeprefix("mailto:"))]
    return [nodes.Text(text)]


def _link(url: str, text: str) -> nodes.Node:
    """A link to a URL the reader checked; checked again, so no other scheme is an href."""
    href, _problem = check_url(url)
    if href is None:
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=href)


def _dated_list(links: tuple[Link, ...]) -> list[nodes.Node]:
    """Dated links, one an item: ``2026-01-10 — forum.example.org/t/12``."""
    if not links:
        return []
    items = nodes.bullet_list(classes=["pep-dated-links"])
    for link in links:
        day = link.date.isoformat() if link.date else ""
        items += nodes.list_item(
            "",
            nodes.paragraph("", "", nodes.Text(f"{day} \u2014 "), _link(link.url, link.shown)),
        )
    return [items]


def _value_body(value: list[nodes.Node]) -> list[nodes.Node]:
    """A row's value as body elements: inline nodes in a paragraph, a list as it is."""
    if len(value) == 1 and isinstance(value[0], nodes.bullet_list):
        return value
    paragraph = nodes.paragraph()
    paragraph.extend(value)
    return [paragraph]


def header_rows(
    proposal: Proposal,
    relations: EffectiveRelations,
    settings: PepSettings,
    *,
    badges: bool,
    with_status: bool = True,
) -> list[tuple[str, list[nodes.Node]]]:
    """The (label, value nodes) rows of a header, in the registry's order.

    Labels are translated. Fields without a label (the number and title, shown on the title line,
    and the header's own settings) have no row; *with_status* false leaves
    out the status too, for a title line that already shows its badge.
    """
    rows: list[tuple[str, list[nodes.Node]]] = []
    for field in FIELDS:
        if field.label is None or (field.kind is Kind.STATUS and not with_status):
            continue
        value = _field_value(field, proposal, relations, settings, badges)
        if value:
            count = len(proposal.people_of(field.name)) if field.kind is Kind.PEOPLE else 2
            rows.append((field_label(field, count), value))
    return rows


def _title_nodes(proposal: Proposal, written: nodes.Element | None) -> list[nodes.Node]:
    """The title as written, with its markup; else (derived from the heading) as text."""
    if written is not None:
        return [child.deepcopy() for child in written.children]
    return [nodes.Text(proposal.title)]


def _title_line(
    proposal: Proposal, settings: PepSettings, written: nodes.Element | None, show_title: bool
) -> nodes.paragraph:
    pid = settings.proposal_id(proposal.label, proposal.number)
    line = nodes.paragraph(classes=["pep-header-title"])
    line += nodes.inline(pid, pid, classes=["pep-header-id"])
    if proposal.title and show_title:
        line += nodes.Text(" \u2013 ")
        line += nodes.inline("", "", *_title_nodes(proposal, written), classes=["pep-header-name"])
    return line


class _HeaderTransform(SphinxPostTransform):
    def _render(
        self,
        proposal: Proposal,
        settings: PepSettings,
        relations: Any,
        written_title: nodes.Element | None,
        show_title: bool,
    ) -> nodes.Element:
        raise NotImplementedError

    def _shows_title(self, proposal: Proposal, settings: PepSettings) -> bool:
        """``pep_header_title``; ``"auto"``: not when the page's heading holds the title."""
        if settings.header_title != "auto":
            return bool(settings.header_title)
        heading = self.env.titles.get(proposal.docname)
        if heading is None or not proposal.title:
            return True
        return comparable(proposal.title) not in comparable(heading.astext())

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        settings = get_settings(self.config)
        for node in list(self.document.findall(pep_header)):
            proposal = domain.proposal_of(node["docname"])
            if proposal is None:  # the header of a document that failed to register
                node.parent.remove(node)
                continue
            written_title = node.children[0] if node.children else None
            assert written_title is None or isinstance(written_title, nodes.Element)
            show_title = self._shows_title(proposal, settings)
            rendered = self._render(
                proposal, settings, domain.relations(), written_title, show_title
            )
            rendered["ids"] = list(node["ids"])
            rendered.source, rendered.line = node.source, node.line
            node.replace_self(rendered)


class RenderHeadersHTML(_HeaderTransform):
    """HTML: a titled block with a status badge and a field list."""

    default_priority = 5  # before ReferencesResolver (10)
    formats = ("html",)

    def _render(
        self,
        proposal: Proposal,
        settings: PepSettings,
        relations: Any,
        written_title: nodes.Element | None,
        show_title: bool,
    ) -> nodes.Element:
        block = nodes.container(
            classes=["pep-header", f"pep-template-{proposal.template}"],
        )
        title = _title_line(proposal, settings, written_title, show_title)
        if proposal.status:
            title += nodes.Text(" ")
            title += status_badge(proposal.status, proposal.status_group)
        block += title
        fields = nodes.field_list(classes=["pep-header-fields"])
        rows = header_rows(proposal, relations, settings, badges=True, with_status=False)
        for label, value in rows:
            body = nodes.field_body("", *_value_body(value))
            fields += nodes.field("", nodes.field_name(label, label), body)
        block += fields
        return block


class RenderHeadersPlain(_HeaderTransform):
    """Every other builder: a plain Field / Value table."""

    default_priority = 6  # after the HTML rendering, before ReferencesResolver

    def _render(
        self,
        proposal: Proposal,
        settings: PepSettings,
        relations: Any,
        written_title: nodes.Element | None,
        show_title: bool,
    ) -> nodes.Element:
        pid = settings.proposal_id(proposal.label, proposal.number)
        rows: list[tuple[str, list[nodes.Node]]] = [
            (proposal.label, [nodes.Text(pid.removeprefix(f"{proposal.label} "))]),
            *([(_(TITLE_LABEL), _title_nodes(proposal, written_title))] if show_title else []),
            *header_rows(proposal, relations, settings, badges=False),
        ]
        table = nodes.table(classes=["pep-header-table"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=25)
        group += nodes.colspec(colwidth=75)
        body = nodes.tbody()
        group += body
        for label, cells in rows:
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph(label, label))
            row += nodes.entry("", *_value_body(cells))
            body += row
        return table


def setup_header_render(app: Sphinx) -> None:
    app.add_post_transform(RenderHeadersHTML)
    app.add_post_transform(RenderHeadersPlain)
