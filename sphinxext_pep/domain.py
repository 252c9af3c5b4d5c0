"""The ``pep`` domain: where proposals live between documents (SPEC §5).

Everything is stored per document, so ``clear_doc`` and ``merge_domaindata``
keep parallel and incremental builds right: a document's data is only ever
replaced whole, by the process that read it.

Data (all keyed by docname):

``proposals``
    the document's :class:`~sphinxext_pep.core.model.Proposal`, its status
    history and risks included;
``references``
    the proposal numbers the document shows something of (roles, header lists),
    so that it is rewritten when one of them changes;
``listings``
    ``True`` for documents that list every proposal (``pep-index``), rewritten
    whenever any proposal changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Subtype
from sphinxext_pep.core.values import ProposalId, parse_proposal_id
from sphinxext_pep.relations import EffectiveRelations, check_project, effective_relations
from sphinxext_pep.reporter import node_location, warn

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_PER_DOC_KEYS = ("proposals", "references", "listings")


class ProposalRefRole(XRefRole):
    """``:pep:ref:``: every spelling of an id becomes the bare number.

    ``PEP 12``, ``pep-0012`` and ``0012`` all target ``12``, the name under
    which :meth:`PepDomain.get_objects` writes the proposal to ``objects.inv``,
    so intersphinx (which looks targets up verbatim) resolves every spelling,
    also behind an inventory prefix (``other:PEP 12`` becomes ``other:12``).
    The label written is kept to name a missing proposal as the author did.
    """

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        inventory, pid = _split_inventory(target)
        if pid is None:
            return title, target  # missing_proposal warns about it
        if pid.label:
            refnode["pep_label"] = pid.label
        return title, f"{inventory}:{pid.number}" if inventory else str(pid.number)


def _split_inventory(target: str) -> tuple[str, ProposalId | None]:
    """``("other", id)`` for ``other:PEP 12``; ``("", id)`` for a plain id."""
    pid = parse_proposal_id(target)
    if pid is None and ":" in target:
        inventory, _, rest = target.partition(":")
        return inventory.strip(), parse_proposal_id(rest)
    return "", pid


class PepDomain(Domain):
    """Proposals, cross-references between them, and project-wide checks."""

    name = "pep"
    label = "Proposals"
    object_types: ClassVar[dict[str, ObjType]] = {"proposal": ObjType("proposal", "ref")}
    roles: ClassVar[dict[str, Any]] = {"ref": ProposalRefRole(innernodeclass=nodes.inline)}
    initial_data: ClassVar[dict[str, Any]] = {key: {} for key in _PER_DOC_KEYS}
    # 2: a proposal record carries its history and risks.
    data_version = 2

    # -- storage -----------------------------------------------------------

    @property
    def proposals(self) -> dict[str, Proposal]:
        return self.data["proposals"]

    def _changed(self) -> None:
        # Lookups are derived from ``proposals``; drop them on any change.
        self.__dict__.pop("_by_number", None)
        self.__dict__.pop("_relations", None)

    def add_proposal(self, proposal: Proposal) -> None:
        self.proposals[proposal.docname] = proposal
        self._changed()

    def set_doc_data(self, key: str, docname: str, value: Any) -> None:
        """Store *value* as the document's ``references``/``listings`` entry."""
        assert key in _PER_DOC_KEYS and key != "proposals", key
        self.data[key][docname] = value

    def clear_doc(self, docname: str) -> None:
        for key in _PER_DOC_KEYS:
            self.data[key].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in _PER_DOC_KEYS:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._changed()

    # -- lookups -----------------------------------------------------------

    def _numbered(self) -> dict[int, list[Proposal]]:
        """number -> every proposal claiming it, in docname order."""
        cached = self.__dict__.get("_by_number")
        if cached is None:
            cached = {}
            for docname in sorted(self.proposals):
                proposal = self.proposals[docname]
                if proposal.number is not None:
                    cached.setdefault(proposal.number, []).append(proposal)
            self.__dict__["_by_number"] = cached
        return cached

    def get_proposal(self, number: int) -> Proposal | None:
        """The proposal with *number*; on a duplicate, the first by docname."""
        claimants = self._numbered().get(number)
        return claimants[0] if claimants else None

    def claimants(self, number: int) -> list[Proposal]:
        return list(self._numbered().get(number, ()))

    def iter_proposals(self) -> Iterator[Proposal]:
        """Every resolvable proposal (one per number), in number order."""
        numbered = self._numbered()
        for number in sorted(numbered):
            yield numbered[number][0]

    def proposal_of(self, docname: str) -> Proposal | None:
        return self.proposals.get(docname)

    def relations(self) -> EffectiveRelations:
        """Every proposal's relations, its own plus those derived from others."""
        cached = self.__dict__.get("_relations")
        if cached is None:
            cached = effective_relations(list(self.iter_proposals()))
            self.__dict__["_relations"] = cached
        return cached

    # -- Sphinx hooks ------------------------------------------------------

    def check_consistency(self) -> None:
        check_project(self, self.env)

    # An unknown proposal resolves to None, so that intersphinx (a
    # ``missing-reference`` handler) may still find it in another project;
    # :func:`missing_proposal` then gives our typed warning, last.
    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        pid = parse_proposal_id(target)
        proposal = self.get_proposal(pid.number) if pid else None
        if proposal is None:
            return None
        return self._link(env, fromdocname, builder, proposal, node, contnode)

    def resolve_any_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        pid = parse_proposal_id(target)
        proposal = self.get_proposal(pid.number) if pid else None
        if proposal is None or target.casefold() == proposal.anchor:
            # ``pep-12`` is also the std label of the header (``:ref:`pep-12```);
            # answering it here too would make ``:any:`` and MyST's
            # ``[text](#pep-12)`` ambiguous.
            return []
        return [("pep:ref", self._link(env, fromdocname, builder, proposal, node, contnode))]

    def _link(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        proposal: Proposal,
        node: pending_xref,
        contnode: Element,
    ) -> Element:
        settings = get_settings(env.config)
        pid = settings.proposal_id(proposal.label, proposal.number)
        if not node.get("refexplicit"):
            text = settings.ref_format.format(
                label=proposal.label,
                number=settings.format_number(proposal.number or 0),
                title=proposal.title,
                status=proposal.status,
            )
            contnode = nodes.inline(text, text, classes=["pep-ref"])
        tooltip = f"{pid} \u2013 {proposal.title} ({proposal.status})"
        return make_refnode(
            builder, fromdocname, proposal.docname, proposal.anchor, contnode, tooltip
        )

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        settings = get_settings(self.env.config)
        for proposal in self.iter_proposals():
            pid = settings.proposal_id(proposal.label, proposal.number)
            yield (
                str(proposal.number),
                f"{pid} \u2013 {proposal.title}",
                "proposal",
                proposal.docname,
                proposal.anchor,
                1,
            )


def missing_proposal(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """A ``:pep:ref:`` to a proposal this project does not have.

    Sphinx runs every ``missing-reference`` handler and keeps the first result;
    this one runs first and asks intersphinx itself, so it can warn only about
    what is missing everywhere, and keep header lists to this project.
    Returning a node, not None, keeps Sphinx from adding its own untyped
    warning next to our ``pep.ref`` one.
    """
    if node.get("refdomain") != "pep":
        return None
    quiet = node.get("pep_quiet", False)
    # Header lists and indexes (quiet) name proposals of this project only:
    # their relations are checked here (cycles, statuses), not across projects.
    if not quiet and "sphinx.ext.intersphinx" in app.extensions:
        from sphinx.ext.intersphinx import missing_reference

        found = missing_reference(app, env, node, contnode)  # type: ignore[arg-type]
        if found is not None:
            return found
    target = node["reftarget"]
    inventory, pid = _split_inventory(target)
    if pid is None:
        if not quiet:
            warn(
                Subtype.REF,
                f"{target!r} is not a proposal id (write 12, 0012, PEP 12 or pep-0012)",
                node_location(node, node.get("refdoc", "")),
            )
        return contnode
    missing_id = named_id(node, pid, get_settings(env.config))
    if not quiet:
        where = f" in inventory {inventory!r}" if inventory else ""
        warn(
            Subtype.REF,
            f"{missing_id}: no proposal has this number{where}",
            node_location(node, node.get("refdoc", "")),
        )
    if not node.get("refexplicit"):
        return nodes.inline(missing_id, missing_id, classes=["pep-ref-missing"])
    return contnode


def named_id(xref: Element, pid: ProposalId, settings: PepSettings) -> str:
    """The id a reference names, before (or without) resolving it.

    In the label its author wrote (``RFC 12``), else the default template's.
    """
    label = xref.get("pep_label") or pid.label or settings.template(None).label  # type: ignore[union-attr]
    return settings.proposal_id(label, pid.number)


def get_domain(env: BuildEnvironment) -> PepDomain:
    domain = env.get_domain("pep")
    assert isinstance(domain, PepDomain)
    return domain


def setup_domain(app: Sphinx) -> None:
    app.add_domain(PepDomain)
    # Before intersphinx's handler (priority 500), whose result Sphinx would
    # otherwise keep: missing_proposal decides, asking intersphinx itself.
    app.connect("missing-reference", missing_proposal, priority=400)
