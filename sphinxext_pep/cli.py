"""The ``sphinx-pep`` command (also ``python -m sphinxext_pep``), SPEC §10.

``new`` writes the next free proposal from a template
(:mod:`sphinxext_pep.scaffold`); ``check`` reads a project with Sphinx and
prints its ``pep.*`` warnings (:mod:`sphinxext_pep.check`).

Exit status: 0 success, 1 ``check`` found ``pep.*`` warnings, 2 a usage error
or a project that cannot be read — always one line on stderr, never a
traceback. Output into a closed pipe (``sphinx-pep check docs | head -1``) ends
the command quietly: see :data:`BROKEN_PIPE_STATUS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from sphinxext_pep.check import Result as CheckResult

PROG = "sphinx-pep"

_MAIN_EPILOG = """\
examples:
  sphinx-pep new "Add a caching layer" --dir docs/proposals
  sphinx-pep new "Saved searches" --template enhancement --format md --author @jane
  sphinx-pep check docs

Run "sphinx-pep new --help" or "sphinx-pep check --help" for the details.
"""

_NEW_EPILOG = """\
The file is named after the template's label and the number (pep-0013.rst,
rfc-0004.md). The number is one more than the highest number used by any
proposal of the project, read from the headers (and front matter) of its
files: numbers are unique across the project, whatever their directory or
template. The project is every source file Sphinx reads in the directory of
the conf.py (see below) when DIR is inside it, else just the files in DIR. A
--number that a proposal already has is refused; a file is never overwritten.
The status is the template's first status, the created and updated dates are
today (SOURCE_DATE_EPOCH, if set). The sections and their guidance text come
from the template, and the build reports that text (pep.placeholder,
pep.section) until it is replaced.

Templates: the built-ins pep, pep-full and enhancement, and any template in the
project's pep_templates, read from the conf.py in DIR or its nearest parent
directory (or --confdir).

examples:
  sphinx-pep new "Add a caching layer" --dir docs/proposals
  sphinx-pep new "Cache warm-up" --template pep-full --author "Jane Doe <jane@example.com>"
  sphinx-pep new "Saved searches" --template enhancement --format md --number 20
  $EDITOR "$(sphinx-pep new "Offline mode" --dir docs/proposals)"

The path of the new file is printed on stdout.

exit status: 0 written, 2 not written (one line on stderr), 141 written but
stdout was a closed pipe, so the path could not be printed.
"""

_CHECK_EPILOG = """\
Reads the project (Sphinx's dummy builder, into a temporary directory: nothing
is written to the project) and prints only the pep.* warnings, one per line:

  proposals/pep-0012.rst:4: [pep.section] PEP 0012: required section ...

sorted by file and line, with files relative to SOURCEDIR. suppress_warnings
and a proposal's :exempt: apply as in a build. Other Sphinx warnings are only
counted in the summary line on stderr.

exit status: 0 no pep.* warnings, 1 some, 2 the project cannot be read.
A closed output pipe (sphinx-pep check docs | head -1) stops the printing
quietly; the exit status is the same.

examples:
  sphinx-pep check docs
  sphinx-pep check docs --quiet || echo "fix the proposals"

As a pre-commit hook (.pre-commit-config.yaml):
  - repo: <this repository>
    rev: <a tag>
    hooks:
      - id: sphinx-pep-check
        args: [docs]
"""


#: Exit status when output goes into a closed pipe and the command's own status
#: cannot be told: 128 + SIGPIPE (141), what a shell reports for a program that
#: SIGPIPE ended (``yes | head -1``), rather than the 1 of the Python docs'
#: recipe, which would read as "check found warnings". ``check`` has its result
#: before it prints a line, so it keeps its 0 / 1 / 2; ``new`` has written the
#: file but could not print its path (its one output for scripts), so it exits
#: with this status, as do ``--help`` and ``--version``.
BROKEN_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)


def _silence_broken_pipe() -> None:
    """After a write into a closed pipe: send any further output to devnull.

    The Python docs' recipe (library/signal.html, "Note on SIGPIPE"): Python
    flushes the standard streams at exit, and without this a second
    BrokenPipeError there prints "Exception ignored" and exits 120. Both
    streams, since the closed one may be either; nothing more is printed.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            # AttributeError, ValueError: not a file descriptor (main() in-process).
            with contextlib.suppress(AttributeError, OSError, ValueError):
                os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see {self.prog} --help)", prog=self.prog)


def fail(message: str, *, prog: str = PROG) -> NoReturn:
    try:
        print(f"{prog}: error: {' '.join(message.split())}", file=sys.stderr)
    except BrokenPipeError:
        _silence_broken_pipe()
    raise SystemExit(2)


def _number(text: str) -> int:
    from sphinxext_pep.core.values import parse_number

    number = parse_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(f"not a proposal number (a whole number >= 0): {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    from sphinxext_pep import __version__

    parser = _Parser(
        prog=PROG,
        description="Create and check enhancement proposals written with sphinxext-pep.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write the next free proposal from a template",
        description="Write the next free proposal from a template.",
        epilog=_NEW_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("title", help="the proposal's title")
    new.add_argument(
        "-t",
        "--template",
        metavar="NAME",
        help="pep, pep-full, enhancement, or a template from pep_templates "
        "(default: the project's pep_default_template, else pep)",
    )
    new.add_argument(
        "-f",
        "--format",
        choices=("rst", "md"),
        help="reStructuredText or MyST Markdown (default: the format of the "
        "proposals already in DIR, else rst)",
    )
    new.add_argument(
        "-d",
        "--dir",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the directory of the proposals (default: the current directory)",
    )
    new.add_argument(
        "-a",
        "--author",
        action="append",
        default=[],
        metavar="AUTHOR",
        help="'Name <email>', 'Name' or '@handle'; repeat for co-authors "
        "(default: the template's placeholder, which the build reports)",
    )
    new.add_argument(
        "-n",
        "--number",
        type=_number,
        metavar="N",
        help="the proposal number; refused if a proposal of the project has it "
        "(default: one more than the highest in the project)",
    )
    new.add_argument(
        "-c",
        "--confdir",
        type=Path,
        metavar="DIR",
        help="the directory of the project's conf.py (default: DIR or its nearest "
        "parent holding one)",
    )

    check = commands.add_parser(
        "check",
        help="print the pep.* warnings of a Sphinx project",
        description="Read a Sphinx project and print its pep.* warnings.",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "sourcedir",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="SOURCEDIR",
        help="the Sphinx source directory (default: the current directory)",
    )
    check.add_argument(
        "-c",
        "--confdir",
        type=Path,
        metavar="DIR",
        help="the directory of conf.py, if not SOURCEDIR",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    return parser


def run_new(args: argparse.Namespace) -> int:
    from sphinxext_pep.scaffold import ScaffoldError, find_conf_py, plan, read_project, write

    try:
        if args.confdir is not None:
            # resolved: Sphinx reads conf.py from inside its directory
            conf_py = (args.confdir / "conf.py").resolve()
            if not conf_py.is_file():
                fail(f"no conf.py in {args.confdir}", prog=f"{PROG} new")
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
    except ScaffoldError as error:
        fail(str(error), prog=f"{PROG} new")
    # Flushed now: the path is the output scripts read, before the notes on
    # stderr; a closed stdout raises here, and main() exits BROKEN_PIPE_STATUS.
    print(target, flush=True)
    template = new.template
    notes = [
        f"{new.proposal_id}: {new.title!r} from template {template.name!r}, "
        f"status {template.first_status}; replace the template's guidance text, "
        f"then run: {_check_command(project.conf_py, args.dir)}"
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


def _check_command(conf_py: Path | None, directory: Path) -> str:
    """The ``check`` command line for the project ``new`` just wrote into.

    ``check`` runs where ``new`` ran, so the source directory (the directory of
    *conf_py*, as ``new`` reads the project) is given relative to the current
    directory, and left out when it is the current directory. A *directory*
    outside it (a ``--confdir`` apart from the sources) or no conf.py at all
    leaves SOURCEDIR for the user to fill in.
    """

    def shown(path: Path) -> str:
        try:
            text = os.path.relpath(path, Path.cwd().resolve())
        except ValueError:  # another drive (Windows)
            text = str(path)
        return shlex.quote(text)

    if conf_py is None:
        return f"{PROG} check SOURCEDIR"
    confdir = conf_py.parent.resolve()
    if not directory.resolve().is_relative_to(confdir):
        return f"{PROG} check SOURCEDIR --confdir {shown(confdir)}"
    if confdir == Path.cwd().resolve():
        return f"{PROG} check"
    return f"{PROG} check {shown(confdir)}"


def run_check(args: argparse.Namespace) -> int:
    from sphinxext_pep.check import CheckError
    from sphinxext_pep.check import run_check as check_project

    try:
        result = check_project(args.sourcedir, args.confdir)
    except CheckError as error:
        fail(str(error), prog=f"{PROG} check")
    status = 1 if result.findings else 0
    try:
        _print_check(result, quiet=args.quiet)
    except BrokenPipeError:
        # The reader went away (check docs | head -1, or | true): stop quietly.
        # The result is known, so the exit status keeps its meaning.
        _silence_broken_pipe()
    return status


def _print_check(result: CheckResult, *, quiet: bool) -> None:
    for finding in result.findings:
        print(finding)
    # Flushed inside run_check's try, so that a closed pipe is seen there and
    # not when Python flushes stdout at exit.
    sys.stdout.flush()
    if not quiet:
        count = len(result.findings)
        files = len({f.file for f in result.findings})
        summary = (
            f"{count} pep warning{'s' if count != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}"
            if count
            else "no pep warnings"
        )
        other = (
            f"; {result.other} other Sphinx warning{'s' if result.other != 1 else ''} "
            "not shown (run sphinx-build to see them)"
            if result.other
            else ""
        )
        print(
            f"{PROG} check: {summary} ({result.documents} documents read){other}",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = _main(argv)
        # Inside the try: a closed stdout shows here, not at interpreter exit.
        sys.stdout.flush()
    except BrokenPipeError:
        # Not an error to report: whoever read the output has stopped reading.
        _silence_broken_pipe()
        return BROKEN_PIPE_STATUS
    return status


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit:
        sys.stdout.flush()  # --help, --version: a closed pipe raises here, for main()
        raise
    if args.command is None:
        fail("choose a command: new or check (see sphinx-pep --help)")
    try:
        if args.command == "new":
            return run_new(args)
        return run_check(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # main() ends quietly
    except Exception as error:  # never a traceback
        fail(f"unexpected {type(error).__name__}: {error}")
