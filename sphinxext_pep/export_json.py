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
import os
from collections.abc import Mapping
from datetime import date
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinxext_pep.config import PepSettings, conf_locator, get_settings
from sphinxext_pep.core.fields import FIELDS, Kind
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


#: Record type -> the fields :func:`plain` writes of it; ``None`` for a non-record.
_RECORD_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _record_fields(kind: type) -> tuple[str, ...] | None:
    if kind not in _RECORD_FIELDS:
        _RECORD_FIELDS[kind] = (
            tuple(f.name for f in dataclasses.fields(kind) if f.name != "lineno")
            if dataclasses.is_dataclass(kind)
            else None
        )
    return _RECORD_FIELDS[kind]


def plain(value: Any) -> Any:
    """A stored record as JSON-ready data: dates as ISO text, source lines dropped."""
    names = _record_fields(type(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
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


def _header_fields(proposal: Proposal) -> dict[str, Any]:
    """Every registry field's JSON value, by its kind, keyed by the field's JSON key."""
    people, dates, texts = dict(proposal.people), dict(proposal.dates), dict(proposal.fields)
    links, windows = dict(proposal.links), dict(proposal.windows)
    relations = dict(proposal.relations)
    entry: dict[str, Any] = {}
    for field in FIELDS:
        name, kind = field.name, field.kind
        value: Any
        if kind is Kind.TEXT or kind is Kind.LEVEL or kind is Kind.URL:
            value = texts.get(name)
        elif kind is Kind.PEOPLE:
            value = [_person(person) for person in people.get(name, ())]
        elif kind is Kind.DATE:
            day = dates.get(name)
            value = day.isoformat() if day else None
        elif kind is Kind.RELATION:  # the numbers as written (schema 1)
            value = [pid.number for pid in relations.get(name, ())]
        elif kind is Kind.NUMBER:
            value = proposal.number
        elif kind is Kind.TITLE:
            value = proposal.title
        elif kind is Kind.STATUS:
            value = proposal.status
        elif kind is Kind.TEMPLATE:
            value = proposal.template
        elif kind is Kind.EXEMPT:
            value = sorted(proposal.exempt)
        elif kind is Kind.TEXT_LIST:  # a free-text list (SPEC §4): its items
            value = split_list(texts.get(name) or "")
        elif kind is Kind.LINKS:
            value = [{"url": link.url, "text": link.short} for link in links.get(name, ())]
        elif kind is Kind.DATED_LINKS:
            value = [
                {"date": link.date.isoformat() if link.date else None, "url": link.url}
                for link in links.get(name, ())
            ]
        elif kind is Kind.WINDOW:
            window = windows.get(name)
            value = (
                None
                if window is None
                else {"start": window.start.isoformat(), "end": window.end.isoformat()}
            )
        else:
            value = texts.get(name)
        entry[field.json_key] = value
    return entry


def proposal_data(
    proposal: Proposal, url: str, proposal_id: str, relation_ids: Mapping[str, list[str]]
) -> dict[str, Any]:
    """One entry of ``proposals``: every header field, URL, history, risks.

    *relation_ids* holds, by relation, the ids (``RFC 0002``) of the proposals
    its own lists name: the numbers alone do not say which series.
    """
    entry = _header_fields(proposal)
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


def proposal_entries(app: Sphinx) -> list[dict[str, Any]]:
    """The entries of ``proposals``, in number order."""
    env = app.env
    domain = get_domain(env)
    settings = get_settings(env.config)
    return [
        proposal_data(
            proposal,
            page_url(app.builder, proposal.docname),
            settings.proposal_id(proposal.label, proposal.number),
            relation_ids(proposal, domain, settings),
        )
        for proposal in domain.iter_proposals()
    ]


def proposals_document(app: Sphinx) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "proposals": proposal_entries(app)}


def _escape(text: str) -> str:
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def dumps(document: Any) -> str:
    """Sorted keys, two-space indent; ``<``, ``>`` and ``&`` escaped as ``\\u003c``...

    so that the text is also safe to inline in an HTML ``<script>`` element.
    """
    return _escape(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)) + "\n"


#: An entry laid out as :func:`dumps` lays out each one inside the document.
_ENTRY_ENCODER = json.JSONEncoder(sort_keys=True, indent=2, ensure_ascii=False)


def entry_text(entry: dict[str, Any]) -> str:
    """One entry of ``proposals`` as :func:`dumps` writes it in the document.

    Indented to its depth (``"proposals": [`` holds it at two levels): JSON
    text has no raw newline inside a string, so indenting every line is exact.
    """
    return _escape("    " + _ENTRY_ENCODER.encode(entry).replace("\n", "\n    "))


def document_text(entries: list[str]) -> str:
    """:func:`dumps` of the document, put together from its entries' :func:`entry_text`."""
    if not entries:
        return dumps({"proposals": [], "schema_version": SCHEMA_VERSION})
    body = ",\n".join(entries)
    return f'{{\n  "proposals": [\n{body}\n  ],\n  "schema_version": {SCHEMA_VERSION}\n}}\n'


class EntryCache:
    """The entries' texts of the last build, by a digest of each entry's data.

    Laying JSON out with an indent takes Python's pure encoder, most of the
    export's cost; an incremental build changes few proposals, and an entry
    whose data is unchanged reuses its text. The text is a pure function of
    the data, so a build writes the bytes a fresh one would. Kept in the
    doctree directory, as JSON: Sphinx pickles the environment before
    ``build-finished``, so the environment cannot carry it.
    """

    #: Changes with :func:`entry_text`'s layout, so that older texts are dropped.
    FORMAT = 1
    FILENAME = "pep-proposals-json.cache"

    def __init__(self, doctreedir: str | os.PathLike[str]) -> None:
        self.path = Path(doctreedir) / self.FILENAME
        self._old: dict[str, str] = {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("format") == self.FORMAT and isinstance(stored.get("entries"), dict):
                self._old = stored["entries"]
        except (OSError, ValueError, AttributeError):
            pass  # no cache yet, or not one of ours: every entry is encoded
        self._new: dict[str, str] = {}

    def text(self, entry: dict[str, Any]) -> str:
        # repr() of plain JSON data is deterministic and tells apart what
        # encodes differently; the C code makes it cheap.
        digest = sha1(repr(entry).encode("utf-8", "surrogatepass")).hexdigest()
        text = self._old.get(digest)
        if not isinstance(text, str):
            text = entry_text(entry)
        self._new[digest] = text
        return text

    def save(self) -> None:
        """Keep this build's entries (only), when they differ from the stored ones."""
        if self._new == self._old:
            return
        data = json.dumps({"format": self.FORMAT, "entries": self._new}, ensure_ascii=False)
        partial = self.path.with_suffix(f".{os.getpid()}.part")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(data, encoding="utf-8")
            os.replace(partial, self.path)
        except OSError:
            pass  # a cache only: the next build encodes again


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
    outfilename = getattr(app.builder, "get_outfilename", None)
    folder = path.is_dir() or path == Path(app.outdir).resolve()
    by_path: dict[Path, str] = {}
    # Resolving a path costs system calls: a file can only be a page of the
    # same name (Sphinx writes the pages themselves, not links to them).
    if outfilename is not None:
        for docname in sorted(app.env.found_docs):
            page = str(outfilename(docname))
            if folder or os.path.basename(page) == path.name:
                by_path[Path(page).resolve()] = docname
    if path in by_path:
        return f"is the page of the document {by_path[path]!r}", Location(by_path[path], 1)
    if folder:
        inside = next((d for p, d in by_path.items() if p.is_relative_to(path)), None)
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
    entries = EntryCache(app.doctreedir)
    text = document_text([entries.text(entry) for entry in proposal_entries(app)])
    entries.save()
    write_if_changed(path, text)


def setup_export_json(app: Sphinx) -> None:
    app.connect("build-finished", write_json)
