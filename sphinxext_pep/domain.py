"""The ``pep`` domain: where proposals live between documents (SPEC §5).

A proposal is found by its key, series and number (:mod:`sphinxext_pep.core.series`).
Everything is stored per document, so ``clear_doc`` and ``merge_domaindata``
keep parallel and incremental builds right: a document's data is only ever
replaced whole, by the process that read it.

Data (all keyed by docname):

``proposals``
    the document's :class:`~sphinxext_pep.core.model.Proposal`, its status
    history and risks included;
``references``
    the proposal ids (:class:`~sphinxext_pep.core.values.ProposalId`) the document
    shows something of (roles, header lists), so that it is rewritten when one
    of them changes;
``listings``
    ``True`` for documents that list every proposal (``pep-index``), rewritten
    whenever any proposal changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.relations import EffectiveRelations, effective_relations
from sphinxext_pep.core.series import Resolution, SeriesIndex, ambiguity, unknown_series
from sphinxext_pep.core.values import ProposalId, ProposalKey, parse_proposal_id, split_anchor
from sphinxext_pep.relations import check_project
from sphinxext_pep.reporter import node_location, warn
from sphinxext_pep.xref import (
    ProposalRefRole,
    RoleLines,
    find_anchor,
    missing_text,
    series_labels,
    split_inventory,
)

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_PER_DOC_KEYS = ("proposals", "references", "listings")


class PepDomain(Domain):
    """Proposals, cross-references between them, and project-wide checks."""

    name = "pep"
    label = "Proposals"
    object_types: ClassVar[dict[str, ObjType]] = {"proposal": ObjType("proposal", "ref")}
    roles: ClassVar[dict[str, Any]] = {"ref": ProposalRefRole()}
    initial_data: ClassVar[dict[str, Any]] = {key: {} for key in _PER_DOC_KEYS}
    # 2: a proposal record carries its history and risks;
    # 3: relations and references hold ids (series and number), not numbers;
    # 4: a proposal record carries its page's sections.
    data_version = 4

    # -- storage -----------------------------------------------------------

    @property
    def proposals(self) -> dict[str, Proposal]:
        return self.data["proposals"]

    def _changed(self) -> None:
        # Lookups are derived from ``proposals``; drop them on any change.
        for cached in ("_by_key", "_series", "_relations"):
            self.__dict__.pop(cached, None)

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

    def _keyed(self) -> dict[ProposalKey, list[Proposal]]:
        """key -> every proposal claiming it, in docname order."""
        cached = self.__dict__.get("_by_key")
        if cached is None:
            cached = {}
            for docname in sorted(self.proposals):
                proposal = self.proposals[docname]
                if proposal.key is not None:
                    cached.setdefault(proposal.key, []).append(proposal)
            self.__dict__["_by_key"] = cached
        return cached

    def series_index(self) -> SeriesIndex:
        """What each id names in this project (labelled, or a bare number)."""
        cached = self.__dict__.get("_series")
        if cached is None:
            cached = SeriesIndex(self._keyed(), series_labels(get_settings(self.env.config)))
            self.__dict__["_series"] = cached
        return cached

    def resolve(self, pid: ProposalId) -> Resolution:
        return self.series_index().resolve(pid)

    def get_proposal(self, key: ProposalKey | ProposalId | int) -> Proposal | None:
        """The proposal with *key* (an id or a bare number: resolved); on a duplicate,
        the first by docname."""
        if not isinstance(key, ProposalKey):
            pid = key if isinstance(key, ProposalId) else ProposalId(None, key)
            found = self.resolve(pid).key
            if found is None:
                return None
            key = found
        claimants = self._keyed().get(key)
        return claimants[0] if claimants else None

    def claimants(self, key: ProposalKey) -> list[Proposal]:
        return list(self._keyed().get(key, ()))

    def matching(self, pid: ProposalId) -> list[Proposal]:
        """Every proposal *pid* may name: its number, in its series if it has a label."""
        return [
            proposal
            for key, claimants in self._keyed().items()
            if key.number == pid.number and pid.series in (None, key.series)
            for proposal in claimants
        ]

    def iter_proposals(self) -> Iterator[Proposal]:
        """Every resolvable proposal (one per key), by number, then series."""
        keyed = self._keyed()
        for key in sorted(keyed):
            yield keyed[key][0]

    def proposal_of(self, docname: str) -> Proposal | None:
        return self.proposals.get(docname)

    def relations(self) -> EffectiveRelations:
        """Every proposal's relations, its own plus those derived from others."""
        cached = self.__dict__.get("_relations")
        if cached is None:
            cached = effective_relations(list(self.iter_proposals()), self.series_index().key_of)
            self.__dict__["_relations"] = cached
        return cached

    # -- Sphinx hooks ------------------------------------------------------

    def check_consistency(self) -> None:
        check_project(self, self.env)

    # An unknown proposal resolves to None, so that Sphinx's missing-reference
    # machinery runs: intersphinx may find it in another project, and
    # ``nitpick_ignore`` may silence it before warn_missing_proposal reports it.
    # Only the quiet links the extension writes itself (header lists, index
    # cells), checked project-wide instead, are settled here.
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
        written, anchor = split_anchor(target)
        pid = parse_proposal_id(written)
        resolution = self.resolve(pid) if pid is not None else None
        proposal = self.get_proposal(resolution.key) if resolution and resolution.key else None
        if proposal is not None:
            section = None
            if anchor is not None:
                section = find_anchor(proposal.sections, anchor)
                if section is None:
                    settings = get_settings(env.config)
                    named = settings.proposal_id(proposal.label, proposal.number)
                    warn(
                        Subtype.REF,
                        f"{self.citing(fromdocname)}: reference to {named}#{anchor}: "
                        f"{named} has no section or label {anchor!r}; linking to its top",
                        _where(node),
                    )
            return self._link(env, fromdocname, builder, proposal, node, contnode, section)
        quiet = node.get("pep_quiet", False)
        if resolution is not None and resolution.ambiguous:
            # Not "missing": intersphinx must not pick another project's
            # proposal for a number two series of this one share.
            if not quiet:
                settings = get_settings(env.config)
                warn(
                    Subtype.REF,
                    f"{self.citing(fromdocname)}: reference to "
                    f"{ambiguity(resolution, self._namer(settings))}",
                    _where(node),
                )
            return _unresolved(node, contnode, node.get("pep_target") or target)
        if quiet:
            return _unresolved(node, contnode, missing_text(node, env.config))
        return None

    def citing(self, docname: str) -> str:
        """Who a reference's warning is about: the document's proposal, else the document."""
        proposal = self.proposal_of(docname)
        if proposal is None:
            return docname
        return get_settings(self.env.config).proposal_id(proposal.label, proposal.number)

    def _namer(self, settings: PepSettings) -> Callable[[ProposalKey], str]:
        """``PEP 0001``: how a key is named in a warning."""
        index = self.series_index()
        return lambda key: settings.proposal_id(index.label(key.series), key.number)

    def resolve_any_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        written, anchor = split_anchor(target)
        pid = parse_proposal_id(written)
        proposal = self.get_proposal(pid) if pid else None
        if proposal is None or target.casefold() == proposal.anchor:
            # ``pep-12`` is also the std label of the header (``:ref:`pep-12```);
            # answering it here too would make ``:any:`` and MyST's
            # ``[text](#pep-12)`` ambiguous.
            return []
        section = find_anchor(proposal.sections, anchor) if anchor is not None else None
        if anchor is not None and section is None:
            return []  # ``:any:`` says it found nothing
        link = self._link(env, fromdocname, builder, proposal, node, contnode, section)
        return [("pep:ref", link)]

    def _link(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        proposal: Proposal,
        node: pending_xref,
        contnode: Element,
        section: tuple[str, str] | None = None,
    ) -> Element:
        """A link to *proposal*'s header, or to *section* (its id and title) of its page."""
        settings = get_settings(env.config)
        pid = settings.proposal_id(proposal.label, proposal.number)
        where = f" \u00a7 {section[1] or section[0]}" if section else ""
        if not node.get("refexplicit"):
            text = settings.ref_format.format(
                label=proposal.label,
                number=settings.format_number(proposal.number or 0),
                title=proposal.title,
                status=proposal.status,
            )
            text += where
            contnode = nodes.inline(text, text, classes=["pep-ref"])
        tooltip = f"{pid}{where} \u2013 {proposal.title} ({proposal.status})"
        anchor = section[0] if section else proposal.anchor
        return make_refnode(builder, fromdocname, proposal.docname, anchor, contnode, tooltip)

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Each proposal under its key (``pep-12``) and, unless two series share
        it, its bare number (``12``): the names the role's targets take.

        The bare number is the entry search shows; the key, which says the
        same, only serves intersphinx (priority -1) unless it is the only one.
        """
        settings = get_settings(self.env.config)
        index = self.series_index()
        for proposal in self.iter_proposals():
            pid = settings.proposal_id(proposal.label, proposal.number)
            display = f"{pid} \u2013 {proposal.title}"
            bare = index.key_of(ProposalId(None, proposal.number or 0)) == proposal.key
            entry = ("proposal", proposal.docname, proposal.anchor)
            if bare:
                yield (str(proposal.number), display, *entry, 1)
            yield (proposal.anchor, display, *entry, -1 if bare else 1)


def _where(node: pending_xref) -> Location:
    return node_location(node, node.get("refdoc", ""))


def _unresolved(node: pending_xref, contnode: Element, text: str) -> Element:
    """What an unresolved reference shows: its explicit title, else *text*."""
    if node.get("refexplicit"):
        return contnode
    return nodes.inline(text, text, classes=["pep-ref-missing"])


def section_elsewhere(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """``missing-reference``, before intersphinx: ``12#abstract`` of another project.

    Inventories list proposals, not their sections: the proposal is looked
    up without the section, and the link then points at the section's id
    (as docutils makes ids: ``Suggested Sections`` is ``suggested-sections``),
    which this project cannot check.
    """
    anchor = node.get("pep_anchor")
    if node.get("refdomain") != "pep" or not anchor:
        return None
    if "sphinx.ext.intersphinx" not in app.extensions:
        return None
    from sphinx.ext.intersphinx import missing_reference

    plain = node.deepcopy()
    plain["reftarget"] = split_anchor(node["reftarget"])[0]
    found = missing_reference(app, env, plain, contnode)  # type: ignore[arg-type]
    if found is None:
        return None
    found["refuri"] = f"{found.get('refuri', '').partition('#')[0]}#{nodes.make_id(anchor)}"
    if not node.get("refexplicit"):
        found += nodes.Text(f" \u00a7 {anchor}")
    return found


def readable_missing(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> None:
    """``missing-reference``, last: a role nobody resolved shows the id it names.

    Sphinx puts *contnode* in the reference's place when no handler answers,
    so it is given today's text (``PEP 0099``, not the ``99`` written) here;
    an explicit title stays as written. Answers nothing: the warning (or its
    silencing by ``nitpick_ignore``) is Sphinx's ``warn-missing-reference``.
    """
    if node.get("refdomain") != "pep" or node.get("refexplicit"):
        return
    text = missing_text(node, env.config)
    contnode.children = []
    contnode += nodes.Text(text)
    contnode["classes"] = ["pep-ref-missing"]


def _ignored(config: Config, typ: str, targets: Iterable[str]) -> bool:
    """Whether ``nitpick_ignore``/``_regex`` names one of *targets*, as Sphinx matches them."""
    dtype = f"pep:{typ}"
    for target in targets:
        if (dtype, target) in (config.nitpick_ignore or ()):
            return True
        for ignore_type, ignore_target in config.nitpick_ignore_regex or ():
            if re.fullmatch(ignore_type, dtype) and re.fullmatch(ignore_target, target):
                return True
    return False


def warn_missing_proposal(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: the typed ``pep.ref`` warning for a ``:pep:ref:``.

    Sphinx calls this only for a reference that nothing resolved (this
    project, intersphinx, other handlers) and that ``-n`` with
    ``nitpick_ignore`` has not silenced. ``nitpick_ignore`` and
    ``nitpick_ignore_regex`` are honoured without ``-n`` too, and match the
    target as written (``PEP 99``) as well as the canonical one (``pep-99``).
    Returning True keeps Sphinx from adding its own, untyped warning.
    """
    if domain is None or domain.name != "pep":
        return None
    target = node["reftarget"]
    written = node.get("pep_target") or target
    named = missing_text(node, app.config)
    if _ignored(app.config, node["reftype"], dict.fromkeys((target, written, named))):
        return True
    assert isinstance(domain, PepDomain)
    citing = domain.citing(node.get("refdoc", ""))
    inventory, pid = split_inventory(target)
    if pid is None:
        message = f"{citing}: {written!r} is not a proposal id (write 12, 0012, PEP 12 or pep-0012)"
        warn(Subtype.REF, message, _where(node))
        return True
    if pid.label is not None:  # named as written (``ADR``), not as the target (``adr``)
        pid = ProposalId(node.get("pep_label") or pid.label, pid.number)
    resolution = domain.resolve(pid)
    if resolution.unknown_series and not inventory:
        message = (
            f"{citing}: reference to {named}: {unknown_series(resolution, domain.series_index())}"
        )
        warn(Subtype.REF, message, _where(node))
    else:
        where = f" in inventory {inventory!r}" if inventory else ""
        message = f"{citing}: reference to {named}: no proposal has this number{where}"
        warn(Subtype.REF, message, _where(node))
    return True


def get_domain(env: BuildEnvironment) -> PepDomain:
    domain = env.get_domain("pep")
    assert isinstance(domain, PepDomain)
    return domain


def setup_domain(app: Sphinx) -> None:
    app.add_domain(PepDomain)
    app.add_transform(RoleLines)
    # Last, after intersphinx (500) and any other resolver: only then is the
    # reference missing for good.
    app.connect("missing-reference", readable_missing, priority=900)
    # Before intersphinx (500), which would look the section up as a proposal.
    app.connect("missing-reference", section_elsewhere, priority=499)
    app.connect("warn-missing-reference", warn_missing_proposal)
