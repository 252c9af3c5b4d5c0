"""The ``:pep:ref:`` role, and how a reference names the proposal it means (SPEC §5).

Both before resolving (a title that holds a reference, read as text) and
without it (a reference nothing resolved, shown and warned about as the id
its author meant: ``PEP 0099``, ``ADR 0013``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.values import ProposalId, parse_proposal_id, series_slug

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
        # through Sphinx's own missing-reference path (see warn_missing_proposal).
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
        return title, f"{inventory}:{pid.target}" if inventory else pid.target


def split_inventory(target: str) -> tuple[str, ProposalId | None]:
    """``("other", id)`` for ``other:PEP 12``; ``("", id)`` for a plain id."""
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
