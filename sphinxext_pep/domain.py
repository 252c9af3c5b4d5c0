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
    whenever any proposal changes;
``labels``
    the author's labels named like a proposal's (``.. _pep-12:``), where they
    are written (:mod:`sphinxext_pep.labels`).

``owned_labels`` (not per document) names the ``std`` labels the domain set
for its proposals in the last build, to be taken out before the next reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.relations import EffectiveRelations, effective_relations
from sphinxext_pep.core.series import Resolution, SeriesIndex, ambiguity
from sphinxext_pep.core.values import ProposalId, ProposalKey, parse_proposal_id, split_anchor
from sphinxext_pep.labels import check_labels, explicit_labels, setup_labels
from sphinxext_pep.relations import check_project
from sphinxext_pep.reporter import node_location, warn
from sphinxext_pep.xref import (
    ProposalRefRole,
    RoleLines,
    find_anchor,
    missing_text,
    series_labels,
)

if TYPE_CHECKING:
    from docutils.nodes import Element, document
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_PER_DOC_KEYS = ("proposals", "references", "listings", "labels")


class PepDomain(Domain):
    """Proposals, cross-references between them, and project-wide checks."""

    name = "pep"
    label = "Proposals"
    object_types: ClassVar[dict[str, ObjType]] = {"proposal": ObjType("proposal", "ref")}
    roles: ClassVar[dict[str, Any]] = {"ref": ProposalRefRole()}
    initial_data: ClassVar[dict[str, Any]] = {
        **{key: {} for key in _PER_DOC_KEYS},
        "owned_labels": {},
    }
    # 2: a proposal record carries its history and risks;
    # 3: relations and references hold ids (series and number), not numbers;
    # 4: a proposal record carries its page's sections;
    # 5: the author's labels named like proposals, and the labels it owns.
    data_version = 5

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

    def process_doc(self, env: BuildEnvironment, docname: str, document: document) -> None:
        found = explicit_labels(document, docname)
        if found:
            self.data["labels"][docname] = found

    def check_consistency(self) -> None:
        check_project(self, self.env)
        check_labels(self, self.env)

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


def get_domain(env: BuildEnvironment) -> PepDomain:
    domain = env.get_domain("pep")
    assert isinstance(domain, PepDomain)
    return domain


def setup_domain(app: Sphinx) -> None:
    app.add_domain(PepDomain)
    setup_labels(app)
    app.add_transform(RoleLines)
