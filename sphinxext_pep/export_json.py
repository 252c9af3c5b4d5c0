"""``proposals.json``: every proposal as data, for other tools (SPEC §9).

Written by HTML builders (not EPUB) at ``build-finished`` to ``pep_json_path``
in the output directory (``None`` turns it off). The content is derived from
the environment alone and serialised with sorted keys and proposals in number
order, so a serial and a ``-j`` build write the same bytes, and an incremental
build writes what a fresh one would. The schema is documented in
``docs/proposals-json.md``; ``schema_version`` changes when it does.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinxext_pep.config import PepSettings, _conf_locator, get_settings
from sphinxext_pep.diagnostics import warn
from sphinxext_pep.domain import PepDomain, get_domain
from sphinxext_pep.proposal import RELATION_FIELDS, TEXT_FIELDS, Proposal
from sphinxext_pep.values import split_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

SCHEMA_VERSION = 1


def writes_html_pages(builder: Builder) -> bool:
    """html, dirhtml, singlehtml and their kin; EPUB is packaged before we run."""
    return builder.format == "html" and not builder.name.startswith("epub")


def plain(value: Any) -> Any:
    """A stored record as JSON-ready data: dates as ISO text, source lines dropped."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name != "lineno"
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | frozenset | set):
        items = [plain(item) for item in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def proposal_data(
    proposal: Proposal,
    url: str,
    history: Any,
    risks: Any,
    proposal_id: str,
    relation_ids: Mapping[str, list[str]],
) -> dict[str, Any]:
    """One entry of ``proposals``: every header field, URL, history, risks.

    *relation_ids* holds, by relation, the ids (``RFC 0002``) of the proposals
    its own lists name: the numbers alone do not say which series.
    """
    entry: dict[str, Any] = {
        "number": proposal.number,
        "id": proposal_id,
        "label": proposal.label,
        "template": proposal.template,
        "docname": proposal.docname,
        "url": url,
        "title": proposal.title,
        "status": proposal.status,
        "status_group": proposal.status_group,
        "authors": [{"name": a.name, "email": a.email} for a in proposal.authors],
        "created": proposal.created.isoformat() if proposal.created else None,
        "updated": proposal.updated.isoformat() if proposal.updated else None,
        "exempt": sorted(proposal.exempt),
        "history": plain(history or ()),
        "risks": plain(risks or ()),
    }
    for name in TEXT_FIELDS:
        entry[name] = proposal.field(name)
    # A free-text list (SPEC §4): its items, like the proposal lists.
    entry["related-specs"] = split_list(proposal.field("related-specs") or "")
    for name in RELATION_FIELDS:
        entry[name] = [pid.number for pid in proposal.relation(name)]
    entry["relation_ids"] = {name: list(relation_ids.get(name, ())) for name in RELATION_FIELDS}
    return entry


def relation_ids(
    proposal: Proposal, domain: PepDomain, settings: PepSettings
) -> dict[str, list[str]]:
    """The ids its lists name: the proposal's id where one resolves, else as written."""
    index = domain.series_index()
    ids: dict[str, list[str]] = {}
    for relation, targets in proposal.relations:
        named = []
        for pid in targets:
            resolution = index.resolve(pid)
            target = domain.get_proposal(resolution.key) if resolution.key else None
            if target is not None:
                named.append(settings.proposal_id(target.label, target.number))
            elif resolution.ambiguous:
                named.append(str(pid.number))  # two series have it: which is unsaid
            else:
                label = index.display_label(pid, proposal.label)
                named.append(settings.proposal_id(label, pid.number))
        ids[relation] = named
    return ids


def page_url(builder: Builder, docname: str) -> str:
    """The URL of *docname*'s page relative to the output root.

    singlehtml answers ``#document-name``, relative to its one page: prefix it.
    """
    uri = builder.get_target_uri(docname)
    if uri.startswith("#"):
        suffix = getattr(builder, "out_suffix", ".html")
        uri = f"{builder.config.root_doc}{suffix}{uri}"
    return uri


def proposals_document(app: Sphinx) -> dict[str, Any]:
    env = app.env
    domain = get_domain(env)
    settings = get_settings(env.config)
    histories = domain.data["histories"]
    risks = domain.data["risks"]
    proposals = [
        proposal_data(
            proposal,
            page_url(app.builder, proposal.docname),
            histories.get(proposal.docname),
            risks.get(proposal.docname),
            settings.proposal_id(proposal.label, proposal.number),
            relation_ids(proposal, domain, settings),
        )
        for proposal in domain.iter_proposals()
    ]
    return {"schema_version": SCHEMA_VERSION, "proposals": proposals}


def dumps(document: Any) -> str:
    """Sorted keys, two-space indent; ``<``, ``>`` and ``&`` escaped as ``\\u003c``...

    so that the text is also safe to inline in an HTML ``<script>`` element.
    """
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone, so its timestamp means something."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_html_pages(app.builder):
        return
    settings = get_settings(app.config)
    if settings.json_path is None:
        return
    outdir = Path(app.outdir).resolve()
    path = (outdir / settings.json_path).resolve()
    if not path.is_relative_to(outdir):
        warn(
            "config",
            f"pep_json_path {settings.json_path!r} is outside the output directory; "
            "proposals.json not written",
            _conf_locator(app.confdir)("pep_json_path"),
        )
        return
    write_if_changed(path, dumps(proposals_document(app)))


def setup_export_json(app: Sphinx) -> None:
    app.connect("build-finished", write_json)
