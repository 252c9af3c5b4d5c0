"""The ``pep-people`` directive: every person and their proposals, by role (issue 16).

The directive leaves a format-neutral :class:`pep_people` placeholder and
marks its page as a *listing*, so an incremental build rewrites it whenever
any proposal changes (:mod:`sphinxext_pep.collector`). Once every document
is read, :class:`FillPeople` fills it from the domain
(:func:`~sphinxext_pep.core.people.people`), in every builder, the
proposals as links the domain resolves (with their tooltips).

``:waiting:`` shows the "waiting on me" view instead: for each person, the
open proposals where they are the delegate or a reviewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinxext_pep.config import get_settings
from sphinxext_pep.core.fields import FIELD_BY_NAME
from sphinxext_pep.core.people import WAITING_ROLES, Person, people
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.directive_input import AnyOption
from sphinxext_pep.domain import get_domain
from sphinxext_pep.index_table import proposal_link
from sphinxext_pep.locale import _
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinxext_pep.config import PepSettings
    from sphinxext_pep.core.model import Proposal

_OPTIONS = ("waiting",)


class pep_people(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``pep-people`` goes; attributes ``docname`` and ``waiting`` (bool)."""


class PepPeopleDirective(SphinxDirective):
    """``.. pep-people::``, optionally ``:waiting:``."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = AnyOption(dict.fromkeys(_OPTIONS, directives.unchanged))

    def run(self) -> list[nodes.Node]:
        where = Location(self.env.docname, self.lineno)
        for name in self.options:
            if name not in _OPTIONS:
                warn(
                    Subtype.CONFIG,
                    f"pep-people: unknown option :{name}: (options: {', '.join(_OPTIONS)}); "
                    "ignored",
                    where,
                )
        if (self.options.get("waiting") or "").strip():
            warn(Subtype.CONFIG, "pep-people: :waiting: takes no value; ignored", where)
        node = pep_people()
        node.source, node.line = self.get_source_info()
        node["docname"] = self.env.docname
        node["waiting"] = "waiting" in self.options
        # Rewritten whenever any proposal changes (incremental builds).
        get_domain(self.env).set_doc_data("listings", self.env.docname, True)
        return [node]


def role_label(role: str) -> str:
    """A role's name for one person (``Reviewer``), translated."""
    field = FIELD_BY_NAME[role]
    return _(field.singular or field.label or field.name)


def _link(proposal: Proposal, settings: PepSettings, docname: str) -> nodes.Node:
    pid = settings.proposal_id(proposal.label, proposal.number)
    return proposal_link(proposal, pid, docname)


def _links(
    proposals: tuple[Proposal, ...], settings: PepSettings, docname: str
) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, proposal in enumerate(proposals):
        if i:
            out.append(nodes.Text(", "))
        out.append(_link(proposal, settings, docname))
    return out


def _person_term(person: Person, used_ids: set[str]) -> nodes.term:
    """The person's name, with an anchor (``#person-jane-doe``) to link their entry."""
    term = nodes.term(person.name, person.name)
    base = nodes.make_id(f"person-{person.name}")
    anchor, counter = base, 1
    while anchor in used_ids:
        counter += 1
        anchor = f"{base}-{counter}"
    used_ids.add(anchor)
    term["ids"].append(anchor)
    return term


def _roles_item(person: Person, settings: PepSettings, docname: str) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["pep-people-roles"])
    for role, proposals in person.roles:
        label = role_label(role)
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(label, label)
        paragraph += nodes.Text(": ")
        paragraph.extend(_links(proposals, settings, docname))
        items += nodes.list_item("", paragraph, classes=[f"pep-role-{role}"])
    return items


def _waiting_item(person: Person, settings: PepSettings, docname: str) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["pep-people-waiting"])
    for proposal in person.waiting:
        roles = [
            role_label(role)
            for role, proposals in person.roles
            if role in WAITING_ROLES and proposal in proposals
        ]
        paragraph = nodes.paragraph()
        paragraph += _link(proposal, settings, docname)
        if proposal.title:
            paragraph += nodes.Text(f" \u2013 {proposal.title}")
        paragraph += nodes.Text(f" ({proposal.status}; {', '.join(roles)})")
        items += nodes.list_item("", paragraph)
    return items


def people_nodes(
    node: pep_people, proposals: list[Proposal], settings: PepSettings, used_ids: set[str]
) -> list[nodes.Node]:
    """The filled listing of one ``pep-people``: a definition list, or a "nobody" line."""
    docname, waiting = node["docname"], node["waiting"]
    everyone = people(proposals)
    if waiting:
        everyone = [person for person in everyone if person.waiting]
    if not everyone:
        text = _("No open proposal waits on anyone.") if waiting else _("No people.")
        return [nodes.paragraph("", "", nodes.emphasis(text, text))]
    listing = nodes.definition_list(
        classes=["pep-people", "pep-people-waiting-view" if waiting else "pep-people-roles-view"]
    )
    for person in everyone:
        details = (_waiting_item if waiting else _roles_item)(person, settings, docname)
        listing += nodes.definition_list_item(
            "", _person_term(person, used_ids), nodes.definition("", details)
        )
    return [listing]


class FillPeople(SphinxPostTransform):
    """Every builder: the people listing, before references are resolved."""

    default_priority = 7  # as pep-index: before ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(pep_people))
        if not placeholders:
            return
        settings = get_settings(self.config)
        proposals = list(get_domain(self.env).iter_proposals())
        used_ids = set(self.document.ids)
        for node in placeholders:
            node.replace_self(people_nodes(node, proposals, settings, used_ids))


def setup_people(app: Sphinx) -> None:
    app.add_node(pep_people)
    app.add_directive("pep-people", PepPeopleDirective)
    app.add_post_transform(FillPeople)
