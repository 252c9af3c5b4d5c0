"""The ``sphinx-pep`` command (also ``python -m sphinxext_pep``), SPEC §10: its arguments.

``new`` writes the next free proposal from a template
(:mod:`sphinxext_pep.cli.new`); ``check`` reads a project with Sphinx and
prints its ``pep.*`` warnings and its errors (:mod:`sphinxext_pep.cli.check`).

Exit status: 0 success, 1 ``check`` found ``pep.*`` warnings or errors, 2 a
usage error or a project that cannot be read -- always one line on stderr,
never a traceback. Output into a closed pipe (``sphinx-pep check docs | head
-1``) ends the command quietly: see
:data:`~sphinxext_pep.cli.output.BROKEN_PIPE_STATUS`. :func:`main` returns
the exit status and never raises :class:`SystemExit`, so that it can be
called in-process.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from sphinxext_pep.cli.output import (
    BROKEN_PIPE_STATUS,
    PROG,
    CommandError,
    print_error,
    silence_broken_pipe,
)

_MAIN_EPILOG = """\
examples:
  sphinx-pep new "Add a caching layer" --dir docs/proposals
  sphinx-pep new "Saved searches" --template enhancement --format md --author @jane
  sphinx-pep check docs
  sphinx-pep migrate docs/proposals --dry-run

Run "sphinx-pep new --help", "sphinx-pep check --help" or "sphinx-pep migrate --help"
for the details.
"""

_NEW_EPILOG = """\
The file is named after the template's label and the number (pep-0013.rst,
rfc-0004.md). The number is one more than the highest number used by any
proposal of the project, read from the headers (and front matter) of its
files as a build reads them: numbers are unique across the project, whatever
their directory or template. The project is every document Sphinx finds in the
directory of the conf.py (see below) when DIR is inside it (source_suffix,
include_patterns, exclude_patterns), else just the files in DIR. A --number
that a proposal already has is refused; a file is never overwritten, nor
written in a format the project does not read (--format md needs myst_parser
in the extensions).
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
is written to the project) and prints only the pep.* warnings and the errors,
one per line:

  proposals/pep-0012.rst:4: [pep.section] PEP 0012: required section ...
  proposals/pep-0012.rst:30: [docutils] ERROR: Unknown directive type "frob".

sorted by file and line, with files relative to SOURCEDIR. suppress_warnings
and a proposal's :exempt: apply as in a build. Other Sphinx warnings are only
counted in the summary line on stderr.

exit status: 0 no pep.* warnings, 1 some, 2 the project cannot be read.
An error (an ERROR line) counts as a finding: exit status 1.
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


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{message} (see {self.prog} --help)", prog=self.prog)


def _number(text: str) -> int:
    from sphinxext_pep.core.values import MAX_NUMBER_DIGITS, parse_number

    number = parse_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(
            f"not a proposal number (a whole number >= 0 of at most {MAX_NUMBER_DIGITS} "
            f"digits): {text!r}"
        )
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
    _add_migrate(commands)
    return parser


def _add_migrate(commands: Any) -> None:
    from sphinxext_pep.cli.migrate_help import EPILOG

    migrate = commands.add_parser(
        "migrate",
        help="convert existing proposals (seed tables, RFC 2822, MADR) to pep-header",
        description="Convert existing proposals' metadata to pep-header, in place.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    migrate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files, or directories of .md and .rst files (default: the current directory)",
    )
    migrate.add_argument(
        "-n", "--dry-run", action="store_true", help="print a diff per file; write nothing"
    )
    migrate.add_argument(
        "-t",
        "--template",
        metavar="NAME",
        help="the template every file gets (default: per form: pep, pep-full, enhancement, "
        "python for RFC 2822 headers, adr for MADR)",
    )
    migrate.add_argument(
        "-f",
        "--format",
        choices=("keep", "rst", "md"),
        default="keep",
        help="keep each file's format (default), or write Markdown files as reStructuredText (rst)",
    )
    migrate.add_argument(
        "--write-template",
        action="store_true",
        help="append the pep_templates entry the files need to conf.py",
    )
    migrate.add_argument(
        "-c",
        "--confdir",
        type=Path,
        metavar="DIR",
        help="the directory of the project's conf.py (default: the nearest above the first PATH)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default: ``sys.argv[1:]``); return its exit status."""
    try:
        status = _main(argv)
        # Inside the try: a closed stdout shows here, not at interpreter exit.
        sys.stdout.flush()
    except BrokenPipeError:
        # Not an error to report: whoever read the output has stopped reading.
        silence_broken_pipe()
        return BROKEN_PIPE_STATUS
    return status


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    command = PROG
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:  # --help, --version
            sys.stdout.flush()  # a closed pipe raises here, for main()
            return exit_.code if isinstance(exit_.code, int) else 0
        if args.command is None:
            raise CommandError("choose a command: new, check or migrate (see sphinx-pep --help)")
        command = f"{PROG} {args.command}"
        if args.command == "new":
            from sphinxext_pep.cli import new

            return new.run(args)
        if args.command == "migrate":
            from sphinxext_pep.cli import migrate

            return migrate.run(args)
        from sphinxext_pep.cli import check

        return check.run(args)
    except CommandError as error:
        print_error(str(error), error.prog or command)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # main() ends quietly
    except Exception as error:  # never a traceback
        print_error(f"unexpected {type(error).__name__}: {error}", PROG)
        return 2
