"""``sphinx-pep new``: the next free proposal, written from a template (SPEC §10).

The project is read as Sphinx reads it (:mod:`sphinxext_pep.cli.project`),
its proposals as the build reads them (:mod:`sphinxext_pep.cli.headers`):
the numbers already taken are those of every proposal of the template's
series in the project, not only of ``--dir`` (a number is unique within its
series, SPEC §2: ``PEP 1`` and ``RFC 1`` can coexist). The text written is
:mod:`sphinxext_pep.cli.scaffold`'s.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

from sphinxext_pep.cli.headers import read_proposal
from sphinxext_pep.cli.output import PROG, CommandError, shown
from sphinxext_pep.cli.project import (
    FORMAT_SUFFIXES,
    Project,
    find_conf_py,
    read_project,
    source_files,
)
from sphinxext_pep.cli.scaffold import NewProposal, title_problem, today
from sphinxext_pep.core.values import MAX_NUMBER, MAX_NUMBER_DIGITS, series_slug

_FILE_NUMBER_RE = re.compile(r"^[a-z][a-z0-9]*-(\d+)$", re.I)


def taken_numbers(project: Project, directory: Path, series: str) -> dict[int, Path]:
    """Number -> the first file whose proposal has it, in *series* over the project's files.

    Only a file holding a ``pep-header`` is a proposal (SPEC §2). It counts by
    its header's number, read as a build reads it, and by its name
    (``pep-0012.rst``) where the header gives none; *series* is a
    :func:`~sphinxext_pep.core.values.series_slug`.
    """
    taken: dict[int, Path] = {}
    for path, filetype in source_files(project, directory):
        proposal = read_proposal(path, filetype, project.settings)
        if proposal is None or series_slug(proposal.label) != series:
            continue
        number = proposal.number
        if number is None:
            name = _FILE_NUMBER_RE.match(path.stem)
            number = int(name[1]) if name else None
        if number is not None:
            taken.setdefault(number, path)
    return taken


def file_name_numbers(directory: Path, labels: Iterable[str]) -> set[int]:
    """The numbers in the names of the files named like proposals (``pep-0030.md``).

    The next number goes past these too, so that a file whose name and header
    disagree is never in the way of the next proposal.
    """
    prefixes = {series_slug(label) for label in labels}
    numbers = set()
    if directory.is_dir():
        for path in directory.iterdir():
            match = _FILE_NUMBER_RE.match(path.stem)
            if match and path.suffix in (".rst", ".md") and path.stem.split("-")[0] in prefixes:
                numbers.add(int(match[1]))
    return numbers


def existing_format(directory: Path) -> str | None:
    """The format most proposals in *directory* are written in, if any."""
    counts = {"rst": 0, "md": 0}
    if directory.is_dir():
        for path in directory.iterdir():
            if path.suffix in (".rst", ".md") and _FILE_NUMBER_RE.match(path.stem):
                counts[path.suffix[1:]] += 1
    if not any(counts.values()):
        return None
    return "md" if counts["md"] > counts["rst"] else "rst"


def plan(
    *,
    title: str,
    template_name: str | None,
    fmt: str | None,
    directory: Path,
    authors: Iterable[str],
    number: int | None,
    project: Project,
) -> tuple[NewProposal, Path]:
    """Everything ``new`` will write, checked; raises :class:`CommandError`."""
    problem = title_problem(title)
    if problem:
        raise CommandError(problem)
    for author in authors:
        if any(ord(char) < 32 or char == "\x7f" for char in author):
            raise CommandError(
                f"--author {author!r} must be one line without control characters "
                "('Name <email>', 'Name' or '@handle')"
            )
    title = title.strip()
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"{shown(directory)} is not a directory")
    name = template_name or project.settings.default_template
    template = project.templates.get(name)
    if template is None:
        known = ", ".join(project.templates)
        where = (
            f"in {project.conf_py}"
            if project.conf_py
            else "no conf.py found to read pep_templates from (use --confdir)"
        )
        raise CommandError(f"unknown template {name!r} (known: {known}; {where})")
    fmt = fmt or existing_format(directory) or project.default_format()
    series = series_slug(template.label)
    taken = taken_numbers(project, directory, series)
    if number is None:
        number = max({*taken, *file_name_numbers(directory, [template.label])}, default=0) + 1
        if number > MAX_NUMBER:
            raise CommandError(
                f"the {template.label} series has no free number after {number - 1}: "
                f"numbers have at most {MAX_NUMBER_DIGITS} digits; give one with --number"
            )
    elif number in taken:
        raise CommandError(
            f"number {number} is taken by {shown(taken[number])} in the "
            f"{template.label} series; leave out --number to get the next free one"
        )
    new = NewProposal(
        title=title,
        template=template,
        number=number,
        fmt=fmt,
        authors=tuple(a.strip() for a in authors if a.strip()),
        today=today(),
        number_width=project.settings.number_width,
        base=project.base_of(template.name),
        risk_levels=project.settings.risk_levels,
    )
    unread = project.format_problem(fmt, new.filename)
    if unread:
        raise CommandError(unread)
    target = directory / new.filename
    other = "rst" if fmt == "md" else "md"
    for clash in (target, target.with_suffix(FORMAT_SUFFIXES[other])):
        if clash.exists():
            raise CommandError(f"{shown(clash)} already exists; not overwriting it")
    return new, target


def write(new: NewProposal, target: Path) -> None:
    """Write *new* to *target*, never over an existing file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(new.render())
    except FileExistsError:
        raise CommandError(f"{shown(target)} already exists; not overwriting it") from None
    except OSError as error:
        raise CommandError(f"cannot write {shown(target)}: {error.strerror}") from None


def run(args: argparse.Namespace) -> int:
    """The command: write the file, print its path, then the notes on stderr."""
    if args.confdir is not None:
        # resolved: Sphinx reads conf.py from inside its directory
        conf_py: Path | None = (args.confdir / "conf.py").resolve()
        assert conf_py is not None
        if not conf_py.is_file():
            raise CommandError(f"no conf.py in {args.confdir}")
    else:
        conf_py = find_conf_py(args.dir.resolve())
    project = read_project(conf_py)
    new, target = plan(
        title=args.title,
        template_name=args.template,
        fmt=args.format,
        directory=args.dir,
        authors=args.author,
        number=args.number,
        project=project,
    )
    write(new, target)
    # Flushed now: the path is the output scripts read, before the notes on
    # stderr; a closed stdout raises here, and main() exits BROKEN_PIPE_STATUS.
    print(target, flush=True)
    template = new.template
    notes = [
        f"{new.proposal_id}: {new.title!r} from template {template.name!r}, "
        f"status {template.first_status}; replace the template's guidance text, "
        f"then run: {check_command(project.conf_py, args.dir)}"
    ]
    limit = template.title_max_chars
    if limit is not None and len(new.title) > limit:
        notes.append(
            f"note: the title is {len(new.title)} characters long; template "
            f"{template.name!r} allows at most {limit} (pep.title)"
        )
    for note in notes:
        print(note, file=sys.stderr)
    return 0


def check_command(conf_py: Path | None, directory: Path) -> str:
    """The ``check`` command line for the project ``new`` just wrote into.

    ``check`` runs where ``new`` ran, so the source directory (the directory of
    *conf_py*, as ``new`` reads the project) is given relative to the current
    directory, and left out when it is the current directory. A *directory*
    outside it (a ``--confdir`` apart from the sources) or no conf.py at all
    leaves SOURCEDIR for the user to fill in.
    """

    def quoted(path: Path) -> str:
        try:
            text = os.path.relpath(path, Path.cwd().resolve())
        except ValueError:  # another drive (Windows)
            text = str(path)
        return shlex.quote(text)

    if conf_py is None:
        return f"{PROG} check SOURCEDIR"
    confdir = conf_py.parent.resolve()
    if not directory.resolve().is_relative_to(confdir):
        return f"{PROG} check SOURCEDIR --confdir {quoted(confdir)}"
    if confdir == Path.cwd().resolve():
        return f"{PROG} check"
    return f"{PROG} check {quoted(confdir)}"
