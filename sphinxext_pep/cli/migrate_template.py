"""The ``pep_templates`` entry that fits what the migrated files hold.

A status or a value the chosen template lacks, or a template the project
does not have (Python's PEPs get a ``python`` template), is collected over
every file of a run; :func:`entries` turns that into one entry per template
(an override of one the project has, or a new one extending the built-in
the form is closest to), :func:`as_python` prints it, and
:func:`append_to_conf` adds it to ``conf.py`` -- only with
``--write-template``, at the end of the file, between two marker comments,
and never anything else in the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinxext_pep.cli.migrate_map import Misfit, starting_entry
from sphinxext_pep.core.settings import PepSettings
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES

#: The group a status of another process most likely belongs in (SPEC §3);
#: a status not listed is put in ``open``, and the printed entry says so.
STATUS_GROUPS: Mapping[str, str] = {
    **dict.fromkeys(("draft", "proposed", "discussion", "review", "open"), "open"),
    **dict.fromkeys(("accepted", "approved", "provisional", "implementing"), "accepted"),
    **dict.fromkeys(("final", "active", "implemented", "done", "adopted"), "done"),
    **dict.fromkeys(
        ("rejected", "withdrawn", "superseded", "deprecated", "obsolete", "april fool!"), "closed"
    ),
    **dict.fromkeys(("deferred", "postponed", "on hold"), "deferred"),
}
BEGIN = "# >>> sphinx-pep migrate --write-template >>>"
END = "# <<< sphinx-pep migrate --write-template <<<"


@dataclass
class Needs:
    """What one template must take for the files that use it."""

    name: str
    base: str | None
    #: Keys a new template starts with (``Found.template_keys``).
    keys: tuple[tuple[str, Any], ...] = ()
    statuses: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, misfits: Iterable[Misfit]) -> None:
        for misfit in misfits:
            known = (
                self.statuses
                if misfit.field == "status"
                else self.values.setdefault(misfit.field, [])
            )
            if misfit.value.casefold() not in {v.casefold() for v in known}:
                known.append(misfit.value)


def _added(known: Iterable[str], new: Iterable[str]) -> list[str]:
    """*new* names not in *known* (case-insensitively), in order."""
    seen = {name.casefold() for name in known}
    return [name for name in new if name.casefold() not in seen]


def entry(needs: Needs, settings: PepSettings) -> dict[str, Any] | None:
    """The ``pep_templates`` value for *needs*; ``None``: the project's template fits.

    A template the project has gets only the keys to change (its statuses,
    or a field's values, in full: a key replaces the one it overrides). A new
    one is its form's :func:`~sphinxext_pep.cli.migrate_map.starting_entry`
    (Python's statuses and types, MADR's statuses) and what the files need
    beyond it.
    """
    current = settings.templates.get(needs.name)
    result: dict[str, Any]
    if current is not None:
        if not needs.statuses and not needs.values:
            return None
        result = {}
        statuses = {s.name: s.group for s in current.statuses}
        allowed: dict[str, Any] = dict(current.allowed_values)
    else:
        result = starting_entry(needs.name, needs.base, needs.keys)
        base = BUILTIN_TEMPLATES.get(needs.base) if needs.base else None
        inherited = {s.name: s.group for s in base.statuses} if base else {}
        statuses = dict(result.get("statuses") or inherited)
        allowed = {**(base.allowed_values if base else {}), **result.get("allowed_values", {})}
    if needs.statuses:
        for name in _added(statuses, needs.statuses):
            statuses[name] = STATUS_GROUPS.get(name.casefold(), "open")
        result["statuses"] = statuses
        if "extends" not in result and current is None:
            result.setdefault("first_status", next(iter(statuses)))
    if needs.values:
        result["allowed_values"] = {
            **result.get("allowed_values", {}),
            **{
                name: [*allowed.get(name, ()), *_added(allowed.get(name, ()), values)]
                for name, values in needs.values.items()
            },
        }
    return result


def as_python(entries: Mapping[str, Mapping[str, Any]]) -> str:
    """The entries as ``conf.py`` text a user can paste or merge."""
    return "pep_templates = " + _literal(entries)


def _literal(value: Any, indent: str = "") -> str:
    """*value* (dicts, lists, strings, numbers, ``None``) as Python source, a key a line."""
    if isinstance(value, Mapping):
        inner = indent + "    "
        items = [f"{inner}{json.dumps(k)}: {_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}" if items else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item, indent) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string
    return repr(value)  # None, True, a number


def guessed_groups(entries: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Statuses whose group was not known but put in ``open``: the user should check them."""
    return [
        status
        for value in entries.values()
        for status in value.get("statuses", {})
        if status.casefold() not in STATUS_GROUPS
        and not any(s.name == status for t in BUILTIN_TEMPLATES.values() for s in t.statuses)
    ]


def block(entries: Mapping[str, Mapping[str, Any]]) -> str:
    """The block ``--write-template`` appends: merged into any ``pep_templates`` above it."""
    lines = [BEGIN, "pep_templates = dict(globals().get('pep_templates', {}))"]
    for name, value in entries.items():
        body = _literal(value)
        lines.append(f"pep_templates[{name!r}] = {{**pep_templates.get({name!r}, {{}}), **{body}}}")
    lines.append(END)
    return "\n".join(lines) + "\n"


def append_to_conf(conf_py: Path, entries: Mapping[str, Mapping[str, Any]]) -> None:
    """Append :func:`block` to *conf_py*, atomically; the rest of the file is not touched."""
    data = conf_py.read_bytes()
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    text = block(entries).encode("utf-8").replace(b"\n", newline)
    if data and not data.endswith(b"\n"):
        data += newline
    write_atomically(conf_py, data + newline + text)


def write_atomically(path: Path, data: bytes) -> None:
    """*data* into *path* by a temporary file in its folder and a rename: all or nothing.

    The file keeps its permissions; a reader sees the old file or the new one,
    never a part of either.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
