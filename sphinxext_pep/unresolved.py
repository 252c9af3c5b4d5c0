"""References nothing in this project resolved: other projects' sections, their text, their warning.

Sphinx's missing-reference machinery runs for a ``:pep:ref:`` the domain did
not answer (SPEC §5): :func:`section_elsewhere` goes before intersphinx,
for a section of another project's proposal; :func:`readable_missing` last,
to show the id the reference names; and :func:`warn_missing_proposal` gives
the typed ``pep.ref`` warning once the reference is missing for good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes

from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.series import unknown_series
from sphinxext_pep.core.values import ProposalId, split_anchor
from sphinxext_pep.domain import PepDomain
from sphinxext_pep.reporter import node_location, warn
from sphinxext_pep.xref import missing_text, split_inventory

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment


def _where(node: pending_xref) -> Location:
    return node_location(node, node.get("refdoc", ""))


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


def setup_unresolved(app: Sphinx) -> None:
    # Before intersphinx (500), which would look the section up as a proposal.
    app.connect("missing-reference", section_elsewhere, priority=499)
    # Last, after intersphinx (500) and any other resolver: only then is the
    # reference missing for good.
    app.connect("missing-reference", readable_missing, priority=900)
    app.connect("warn-missing-reference", warn_missing_proposal)
