"""``sphinx-pep migrate``: existing proposals converted to ``pep-header`` in one command.

Each file is read as it is (:mod:`~sphinxext_pep.cli.migrate_files`), its
metadata recognised by the first reader that knows its form (the
``migrate_*`` modules: an RFC 2822 header, seed 001's header block, seed
000's field table, MADR front matter, seed 002's front matter), mapped onto
the template (:mod:`~sphinxext_pep.cli.migrate_map`) and written back with
every other line unchanged (:mod:`~sphinxext_pep.cli.migrate_render`). A
file that already has a ``pep-header`` only gets its bare status history and
risk tables wrapped, so a second run changes nothing.

Everything is planned before anything is written: the ``pep_templates``
entry the files need is known once every file is read. Then each file is
replaced atomically, or (``--dry-run``) shown as a diff; a file that cannot
be converted is one line saying why, and the others go on. The run ends with
a summary and the ``sphinx-pep check`` result of the project.

Exit status: 0 every file converted (or already converted) and the check
clean; 1 a file was skipped for a problem (unreadable, binary, not UTF-8,
read-only, no header in a file named on the command line), a value did not
fit the template and the entry was not written, or the check found
``pep.*`` warnings; 2 a usage error or a ``conf.py`` that cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinxext_pep.cli import (
    migrate_front_matter,
    migrate_madr,
    migrate_python_conf,
    migrate_rfc2822,
    migrate_seed_block,
    migrate_seed_table,
)
from sphinxext_pep.cli.headers import find_header
from sphinxext_pep.cli.migrate_files import Source, UnreadableError, read_source, unified_diff, walk
from sphinxext_pep.cli.migrate_map import Conversion, convert
from sphinxext_pep.cli.migrate_python_body import convert_python_markup
from sphinxext_pep.cli.migrate_render import render
from sphinxext_pep.cli.migrate_source import (
    MARKDOWN,
    RESTRUCTUREDTEXT,
    Edit,
    Found,
    Lines,
    front_matter_end,
)
from sphinxext_pep.cli.migrate_tables import find_tables
from sphinxext_pep.cli.migrate_template import (
    Needs,
    append_to_conf,
    as_python,
    entry,
    guessed_groups,
    write_atomically,
)
from sphinxext_pep.cli.output import PROG, CommandError, shown
from sphinxext_pep.cli.project import Project, find_conf_py, read_project

Reader = Callable[[Sequence[str], str, str], Found | None]
#: In this order: MADR front matter before seed 002's, which is any front matter.
READERS: tuple[Reader, ...] = (
    migrate_rfc2822.read,
    migrate_seed_block.read,
    migrate_seed_table.read,
    migrate_madr.read,
    migrate_front_matter.read,
)
FORMS = (
    "seed 000 field table, seed 001 header block, seed 002 front matter, "
    "RFC 2822 header, MADR front matter"
)
CONVERTED, ALREADY, SKIPPED = "converted", "already converted", "skipped"


@dataclass(frozen=True)
class Outcome:
    path: Path
    state: str
    reason: str = ""
    #: Counts toward exit status 1 (a directory walk's other pages do not).
    problem: bool = False
    #: A proposal template (PEP 12's ``pep-NNNN.rst``): to leave out of the build.
    template: bool = False


@dataclass(frozen=True)
class Plan:
    """One file's conversion, before it is written."""

    source: Source
    found: Found | None  # None: the file has a header; only its tables are wrapped
    template: str
    conversion: Conversion
    text: str
    target: Path
    #: A header-less page of this proposal's file (a Python PEP's appendix).
    page_of: Path | None = None


def _target_type(args: argparse.Namespace, filetype: str) -> str:
    return {"rst": RESTRUCTUREDTEXT, "md": MARKDOWN}.get(args.format, filetype)


def plan_file(source: Source, args: argparse.Namespace, project: Project) -> Plan | Outcome:
    """What *source* becomes, or why it stays as it is."""
    lines, filetype = source.lines, source.filetype
    target_type = _target_type(args, filetype)
    if target_type == MARKDOWN and filetype != MARKDOWN:
        reason = "--format md: reStructuredText is not converted to Markdown (use --format keep)"
        return Outcome(source.path, SKIPPED, reason, problem=True)
    target = source.path.with_suffix(".rst") if target_type != filetype else source.path
    if find_header(source.text, filetype) is not None:
        tables = find_tables(lines, filetype, [])
        if not tables or target_type != filetype:
            return Outcome(source.path, ALREADY)
        text = render(lines, tables, Conversion(()), source=filetype, target=filetype)
        return Plan(source, None, "", Conversion(()), text, target)
    found = next((f for r in READERS if (f := r(lines, filetype, source.path.name))), None)
    owner = migrate_rfc2822.page_owner(source.path) if filetype == RESTRUCTUREDTEXT else None
    if found is None and owner is not None and target_type == filetype:
        return _plan_page(source, owner, project)
    if found is None:
        if not source.explicit:  # one of a directory's other pages
            return Outcome(source.path, SKIPPED, "not a proposal (no header found)")
        reason = f"no proposal header found (looked for: {FORMS})"
        return Outcome(source.path, SKIPPED, reason, problem=True)
    slot = migrate_rfc2822.template_slot(found)
    if slot is not None:
        reason = (
            f"a template (its PEP field is {slot!r}), not a proposal: leave it out of the build"
        )
        return Outcome(source.path, SKIPPED, reason, template=True)
    name = args.template or found.template
    all_options = found.in_front_matter and target_type != filetype
    conversion = convert(found, name, project.settings, all_options=all_options)
    edits: list[Edit] = list(found.edits)
    end = front_matter_end(lines)
    if all_options and end is not None:
        edits.append(Edit(0, end + 1, Lines(())))
    edits += find_tables(lines, filetype, edits)
    text = render(lines, edits, conversion, source=filetype, target=target_type)
    if found.body is not None:
        text = found.body(text, project.root_doc)
    return Plan(source, found, name, conversion, text, target)


def _plan_page(source: Source, owner: Path, project: Project) -> Plan:
    """A header-less page of a Python PEP (an appendix): its body markup, as the PEP's."""
    text = convert_python_markup(source.text, project.root_doc)
    return Plan(source, None, "", Conversion(()), text, source.path, page_of=owner)


def _refusal(plan: Plan) -> Outcome | None:
    """Why *plan* must not be written (also said by a dry run), or ``None``."""
    path = plan.source.path
    # The mode bits too: the superuser may write anything, but a file made
    # read-only says "do not change me", and a rename would replace it anyway.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        return Outcome(path, SKIPPED, "read-only: not changed (make it writable)", problem=True)
    if plan.target != path and plan.target.exists():
        reason = f"{shown(plan.target)} exists already; not overwriting it"
        return Outcome(path, SKIPPED, reason, problem=True)
    return None


def _write(plan: Plan) -> Outcome:
    path = plan.source.path
    try:
        write_atomically(plan.target, (plan.source.bom + plan.text).encode("utf-8"))
        if plan.target != path:
            path.unlink()
    except OSError as error:
        return Outcome(path, SKIPPED, f"cannot write it: {error.strerror}", problem=True)
    return Outcome(path, CONVERTED)


def _describe(plan: Plan) -> list[str]:
    """The lines under a file's name: its form, template, notes and misfits."""
    where = "" if plan.target == plan.source.path else f" -> {shown(plan.target)}"
    if plan.page_of is not None:
        return [f"  a page of {shown(plan.page_of)} (no header of its own): its markup converted"]
    if plan.found is None:
        return [f"  tables wrapped{where}"]
    lines = [f"  {plan.found.form} -> template {plan.template!r}{where}"]
    lines += [f"  note: {note}" for note in plan.conversion.notes]
    for misfit in plan.conversion.misfits:
        lines.append(f"  not in template {plan.template!r}: {misfit.field} {misfit.value!r}")
    return lines


def _templates_needed(plans: Sequence[Plan], project: Project) -> dict[str, dict[str, Any]]:
    needs: dict[str, Needs] = {}
    for plan in plans:
        if plan.found is not None:
            found = plan.found
            need = needs.setdefault(
                plan.template, Needs(plan.template, found.base, found.template_keys)
            )
            need.add(plan.conversion.misfits)
    wanted = {name: entry(need, project.settings) for name, need in needs.items()}
    return {name: value for name, value in wanted.items() if value is not None}


def run(args: argparse.Namespace) -> int:
    paths: list[Path] = list(args.paths) or [Path(".")]
    if args.confdir is not None:
        conf_py: Path | None = (args.confdir / "conf.py").resolve()
        if conf_py is None or not conf_py.is_file():
            raise CommandError(f"no conf.py in {args.confdir}")
    else:
        first = paths[0].resolve()
        conf_py = find_conf_py(first if first.is_dir() else first.parent)
    project = read_project(conf_py)
    outcomes: list[Outcome] = []
    plans: list[Plan] = []
    for path, explicit in walk(paths):
        try:
            source = read_source(path, explicit)
        except UnreadableError as why:
            outcomes.append(Outcome(path, SKIPPED, str(why), problem=True))
            continue
        try:
            planned = plan_file(source, args, project)
        except Exception as error:  # a bug on one file must not stop the others
            reason = f"not converted: unexpected {type(error).__name__}: {error}"
            outcomes.append(Outcome(path, SKIPPED, reason, problem=True))
            continue
        if isinstance(planned, Outcome):
            outcomes.append(planned)
        elif planned.text == source.text and planned.target == path:
            page = f"a page of {shown(planned.page_of)}" if planned.page_of else ""
            outcomes.append(Outcome(path, ALREADY, page))
        else:
            plans.append(planned)
    if not plans and not outcomes:
        raise CommandError(f"no .md or .rst files in {', '.join(map(shown, paths))}")
    entries = _templates_needed(plans, project)
    status = 0
    for plan in plans:
        refused = _refusal(plan)
        if refused is not None:
            outcomes.append(refused)
            continue
        if args.dry_run:
            source = plan.source
            print(
                unified_diff(source.text, plan.text, shown(source.path), shown(plan.target)), end=""
            )
            outcome = Outcome(source.path, CONVERTED)
        else:
            outcome = _write(plan)
        outcomes.append(outcome)
        if outcome.state == CONVERTED:
            state = "would convert" if args.dry_run else CONVERTED
            print(f"{state}: {shown(outcome.path)}")
            print("\n".join(_describe(plan)))
    for outcome in outcomes:  # the files left as they were, after the converted ones
        if outcome.state != CONVERTED:
            print(f"{outcome.state}: {shown(outcome.path)}{_reason(outcome)}")
    status |= any(o.problem for o in outcomes)
    status |= _report_templates(entries, args, conf_py)
    _report_python_conf(plans, [o.path for o in outcomes if o.template], conf_py)
    print(_summary(outcomes, dry_run=args.dry_run))
    if not args.dry_run:
        status |= _check(conf_py)
    return 1 if status else 0


def _reason(outcome: Outcome) -> str:
    return f": {outcome.reason}" if outcome.reason else ""


def _report_templates(
    entries: dict[str, dict[str, Any]], args: argparse.Namespace, conf_py: Path | None
) -> int:
    """Print the entry the files need; write it with --write-template. 1: left to do."""
    if not entries:
        return 0
    names = ", ".join(repr(name) for name in entries)
    print(f"\nThe converted files need template {names} in pep_templates (conf.py):\n")
    print(as_python(entries))
    guessed = guessed_groups(entries)
    if guessed:
        print(f"(the group of {', '.join(map(repr, guessed))} is a guess: check it)")
    if not args.write_template:
        print("Add it to conf.py, or run again with --write-template to append it.\n")
        return 1
    if conf_py is None or args.dry_run:
        why = "no conf.py found" if conf_py is None else "--dry-run"
        print(f"Not written to conf.py: {why}.\n")
        return 1
    append_to_conf(conf_py, entries)
    print(f"Appended to {shown(conf_py)}.\n")
    return 0


def _report_python_conf(
    plans: Sequence[Plan], templates: Sequence[Path], conf_py: Path | None
) -> None:
    """Print the conf.py lines the converted Python PEPs need: roles, templates left out."""
    texts = [
        plan.text
        for plan in plans
        if plan.page_of is not None or (plan.found is not None and plan.found.template == "python")
    ]
    srcdir = conf_py.parent.resolve() if conf_py is not None else Path.cwd().resolve()
    excluded = [
        path.resolve().relative_to(srcdir).as_posix()
        for path in templates
        if path.resolve().is_relative_to(srcdir)
    ]
    lines = migrate_python_conf.conf_lines(texts, excluded)
    if lines is not None:
        print("The converted PEPs need these lines of python/peps' conf.py; add them to conf.py:\n")
        print(lines)


def _summary(outcomes: Sequence[Outcome], *, dry_run: bool) -> str:
    counts = {state: sum(o.state == state for o in outcomes) for state in (CONVERTED, ALREADY)}
    skipped = [o for o in outcomes if o.state == SKIPPED]
    problems = sum(o.problem for o in skipped)
    verb = "to convert" if dry_run else "converted"
    text = f"{PROG} migrate: {counts[CONVERTED]} {verb}, {counts[ALREADY]} already converted"
    text += f", {len(skipped)} skipped"
    if skipped:
        text += f" ({problems} with a problem, {len(skipped) - problems} not proposals)"
    return text + (" (dry run: nothing written)" if dry_run else "")


def _check(conf_py: Path | None) -> int:
    """The ``sphinx-pep check`` result of the project; 1 if it found something."""
    from sphinxext_pep.cli.check import run_check, summary

    if conf_py is None:
        print(f"No conf.py found: run '{PROG} check SOURCEDIR' once the project has one.")
        return 0
    print(f"\n{PROG} check {shown(conf_py.parent)}:")
    try:
        result = run_check(conf_py.parent)
    except CommandError as error:
        print(f"  the project could not be read: {error}")
        return 1
    for finding in result.findings:
        print(finding)
    sys.stdout.flush()
    print(summary(result), file=sys.stderr)
    return 1 if result.findings else 0
