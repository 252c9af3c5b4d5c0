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

from sphinxext_pep.config import PepSettings, conf_locator, get_settings
from sphinxext_pep.core.fields import FIELDS, Field, Kind
from sphinxext_pep.core.model import RELATION_FIELDS, Proposal
from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.values import Author, split_list
from sphinxext_pep.domain import PepDomain, get_domain
from sphinxext_pep.reporter import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: 2: the proposal-process fields (people, discussions, tracking, review, ...).
SCHEMA_VERSION = 2


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


def _person(person: Author) -> dict[str, str | None]:
    """``name`` and ``email``; ``address`` too for one written obfuscated (``user at host``)."""
    record: dict[str, str | None] = {"name": person.name, "email": person.email}
    if person.address is not None:
        record["address"] = person.address
    return record


def _field_value(field: Field, proposal: Proposal) -> Any:
    """The JSON value of one registry field, by its kind."""
    if field.kind is Kind.NUMBER:
        return proposal.number
    if field.kind is Kind.TITLE:
        return proposal.title
    if field.kind is Kind.STATUS:
        return proposal.status
    if field.kind is Kind.PEOPLE:
        return [_person(person) for person in proposal.people_of(field.name)]
    if field.kind is Kind.DATE:
        day = proposal.date_field(field.name)
        return day.isoformat() if day else None
    if field.kind is Kind.RELATION:
        return [pid.number for pid in proposal.relation(field.name)]  # as written (schema 1)
    if field.kind is Kind.TEMPLATE:
        return proposal.template
    if field.kind is Kind.EXEMPT:
        return sorted(proposal.exempt)
    if field.kind is Kind.TEXT_LIST:  # a free-text list (SPEC §4): its items
        return split_list(proposal.field(field.name) or "")
    if field.kind is Kind.LINKS:
        return [{"url": link.url, "text": link.short} for link in proposal.links_of(field.name)]
    if field.kind is Kind.DATED_LINKS:
        return [
            {"date": link.date.isoformat() if link.date else None, "url": link.url}
            for link in proposal.links_of(field.name)
        ]
    if field.kind is Kind.WINDOW:
        window = proposal.window(field.name)
        if window is None:
            return None
        return {"start": window.start.isoformat(), "end": window.end.isoformat()}
    return proposal.field(field.name)


def proposal_data(
    proposal: Proposal, url: str, proposal_id: str, relation_ids: Mapping[str, list[str]]
) -> dict[str, Any]:
    """One entry of ``proposals``: every header field, URL, history, risks.

    *relation_ids* holds, by relation, the ids (``RFC 0002``) of the proposals
    its own lists name: the numbers alone do not say which series.
    """
    entry: dict[str, Any] = {field.json_key: _field_value(field, proposal) for field in FIELDS}
    entry.update(
        {
            "id": proposal_id,
            "label": proposal.label,
            "docname": proposal.docname,
            "url": url,
            "status_group": proposal.status_group,
            "history": plain(proposal.history),
            "risks": plain(proposal.risks),
            "relation_ids": {name: list(relation_ids.get(name, ())) for name in RELATION_FIELDS},
        }
    )
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
    proposals = [
        proposal_data(
            proposal,
            page_url(app.builder, proposal.docname),
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


def output_clash(app: Sphinx, path: Path) -> tuple[str, Location | None] | None:
    """Why writing *path* would replace another output of the build, and where to say so.

    Checked by every writer of an extra output: a folder (a source folder
    named ``proposals.json/``) or a page of the build is never replaced.
    ``None`` when *path* is free. The location is the clashing document's.
    """
    pages: dict[Path, str] = {}
    outfilename = getattr(app.builder, "get_outfilename", None)
    if outfilename is not None:
        for docname in sorted(app.env.found_docs):
            pages[Path(outfilename(docname)).resolve()] = docname
    if path in pages:
        return f"is the page of the document {pages[path]!r}", Location(pages[path], 1)
    if path.is_dir() or path == Path(app.outdir).resolve():
        inside = next((d for p, d in pages.items() if p.is_relative_to(path)), None)
        return "is a folder of the output", Location(inside, 1) if inside else None
    return None


def write_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_html_pages(app.builder):
        return
    settings = get_settings(app.config)
    if settings.json_path is None:
        return
    outdir = Path(app.outdir).resolve()
    path = (outdir / settings.json_path).resolve()
    locate = conf_locator(app.confdir)
    if not path.is_relative_to(outdir):
        warn(
            Subtype.CONFIG,
            f"pep_json_path {settings.json_path!r} is outside the output directory; "
            "proposals.json not written",
            locate("pep_json_path"),
        )
        return
    clash = output_clash(app, path)
    if clash is not None:
        reason, where = clash
        warn(
            Subtype.CONFIG,
            f"pep_json_path {settings.json_path!r} {reason}; proposals.json not written "
            "(set pep_json_path to a free '.json' path in the output directory)",
            where or locate("pep_json_path"),
        )
        return
    write_if_changed(path, dumps(proposals_document(app)))


def setup_export_json(app: Sphinx) -> None:
    app.connect("build-finished", write_json)
