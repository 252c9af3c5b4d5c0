"""The ``:pep:ref:`` role, and how a reference names the proposal it means (SPEC §5).

Both before resolving (a title that holds a reference, read as text) and
without it (a reference nothing resolved, shown and warned about as the id
its author meant: ``PEP 0099``, ``ADR 0013``). A reference may point at a
section of the proposal (``12#suggested-sections``): the ids a proposal's
page has are kept on its record (:func:`document_anchors`). And a role's
warnings name the line the role is written on (:class:`RoleLines`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.values import ProposalId, parse_proposal_id, series_slug, split_anchor

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


class ProposalRefRole(XRefRole):
    """``:pep:ref:``: every spelling of an id becomes one canonical target.

    ``PEP 12``, ``pep-0012`` and ``pep_12`` all target ``pep-12``; ``12`` and
    ``0012`` target ``12``. Those are the names under which
    :meth:`~sphinxext_pep.domain.PepDomain.get_objects` writes a proposal to ``objects.inv``, so
    intersphinx (which looks targets up verbatim) resolves every spelling,
    also behind an inventory prefix (``other:PEP 12`` becomes ``other:pep-12``).
    The target and label as written are kept, to name a missing proposal as
    the author did and to match ``nitpick_ignore``.
    """

    def __init__(self) -> None:
        # warn_dangling: an unknown proposal is reported without ``-n`` too,
        # through Sphinx's own missing-reference path (see unresolved.warn_missing_proposal).
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["pep_target"] = target
        inventory, pid = split_inventory(target)
        if pid is None:
            return title, target  # warn_missing_proposal says why
        if pid.label:
            refnode["pep_label"] = pid.label
        canonical = f"{inventory}:{pid.target}" if inventory else pid.target
        anchor = split_anchor(target)[1]
        if anchor is not None:
            refnode["pep_anchor"] = anchor
            canonical = f"{canonical}#{anchor}"
        return title, canonical


def split_inventory(target: str) -> tuple[str, ProposalId | None]:
    """``("other", id)`` for ``other:PEP 12``; ``("", id)`` for a plain id.

    A section (``PEP 12#abstract``) is left out: the id is what precedes it.
    """
    target = split_anchor(target)[0]
    pid = parse_proposal_id(target)
    if pid is None and ":" in target:
        inventory, _, rest = target.partition(":")
        if inventory.strip():  # ``:1`` names no inventory: no id either
            return inventory.strip(), parse_proposal_id(rest)
    return "", pid


def series_labels(settings: PepSettings) -> dict[str, str]:
    """Every template's series and the label it is shown with (the first template's)."""
    labels: dict[str, str] = {}
    for template in settings.templates.values():
        labels.setdefault(series_slug(template.label), template.label)
    return labels


def missing_text(node: Element, config: Config) -> str:
    """``PEP 0099``: the id an unresolved reference names, as its author wrote it."""
    target = node.get("reftarget", "")
    _inventory, pid = split_inventory(target)
    if pid is None:
        return str(node.get("pep_target") or target)
    return named_id(node, pid, get_settings(config))


def named_id(xref: Element, pid: ProposalId, settings: PepSettings) -> str:
    """The id a reference names, before (or without) resolving it.

    In its series' label (``RFC 12``); a label no series has, as written
    (``ADR 13``, kept in *xref*'s ``pep_label``); a bare number in
    ``pep_label`` (a header list's own label), else the default template's.
    """
    if pid.label is not None:
        label = series_labels(settings).get(pid.series or "") or xref.get("pep_label") or pid.label
    else:
        label = xref.get("pep_label") or settings.template(None).label  # type: ignore[union-attr]
    return settings.proposal_id(str(label), pid.number)


# -- sections ----------------------------------------------------------------


def document_anchors(doctree: nodes.document) -> tuple[tuple[str, str], ...]:
    """Every id on the page and what it names: ``(id, section title)``, ``""`` for no section.

    A section's ids are its title's (``suggested-sections``, as docutils and
    MyST make them) and those of the explicit labels just before it
    (``.. _cache-design:``, MyST's ``(cache-design)=``); other ids (a label on
    a figure, a footnote) name no section.
    """
    found: dict[str, str] = {}
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids") or ()
        if not ids:
            continue
        title = ""
        if isinstance(node, nodes.section) and node.children:
            first = node.children[0]
            title = first.astext() if isinstance(first, nodes.title) else ""
        for anchor in ids:
            found.setdefault(anchor, title)
    return tuple(found.items())


def find_anchor(anchors: tuple[tuple[str, str], ...], written: str) -> tuple[str, str] | None:
    """The ``(id, title)`` *written* names: the id itself, or what docutils makes of it.

    ``Suggested Sections`` and ``cache_design`` (a label as written) find
    ``suggested-sections`` and ``cache-design``.
    """
    known = dict(anchors)
    for candidate in (written, nodes.make_id(written)):
        if candidate in known:
            return candidate, known[candidate]
    return None


# -- where a role is written --------------------------------------------------


class RoleLines(SphinxTransform):
    """Each ``pep`` role's own line, not its paragraph's first one.

    docutils (and MyST) give an inline role the line its paragraph starts
    on. The paragraph keeps its source text, so the role's line is that line
    plus the line breaks before the role's text in it; the roles of one
    paragraph are found left to right, so a role written twice finds its own
    occurrence. A role that already has a later line than its paragraph (a
    MyST table row) keeps it.
    """

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        searched_from: dict[int, int] = {}
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") != "pep" or not xref.rawsource:
                continue
            container = xref.parent
            while container is not None and not getattr(container, "rawsource", ""):
                container = container.parent
            if container is None or container.line is None:
                continue
            if xref.line is not None and xref.line != container.line:
                continue
            text = container.rawsource
            start = searched_from.get(id(container), 0)
            for spelling in _spellings(xref.rawsource):
                offset = text.find(spelling, start)
                if offset >= 0:
                    searched_from[id(container)] = offset + len(spelling)
                    xref.line = container.line + text.count("\n", 0, offset)
                    break


def _spellings(rawtext: str) -> tuple[str, ...]:
    """How a role may be written: ``:pep:ref:`12``` (RST), and ``{pep:ref}`12``` (MyST).

    MyST hands the role on as the RST spelling; its paragraph keeps its own.
    """
    if rawtext.startswith(":") and ":`" in rawtext:
        name, _, rest = rawtext[1:].partition(":`")
        return rawtext, f"{{{name}}}`{rest}"
    return (rawtext,)
