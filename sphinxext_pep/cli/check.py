"""``sphinx-pep check``: read a project with Sphinx, report its ``pep.*`` warnings (SPEC §10).

The project is read by the ``dummy`` builder into a temporary directory, fresh
and serially, and its doctrees are resolved (the ``dummy`` builder's write
step), so ``pep.ref`` warnings raised while resolving references are seen too.
Nothing is written to the project.

Every warning and error Sphinx reports is collected as a log record
(:mod:`sphinxext_pep.cli.records`), after Sphinx's own filters
(``suppress_warnings``, a proposal's ``:exempt:``) and with its final
location. The ``pep.*`` warnings and every error become :class:`Finding`
records, one line each, ``file:line: [pep.subtype] message`` (an error:
``file:line: [type] ERROR: message``) with *file* relative to the source
directory; the other warnings are only counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sphinxext_pep.cli.output import (
    PROG,
    CommandError,
    one_line_error,
    relative_to,
    silence_broken_pipe,
)
from sphinxext_pep.cli.records import Record, RecordCollector


@dataclass(frozen=True, order=True)
class Finding:
    """One ``pep.*`` warning or one error, ordered by file, line, kind and message."""

    file: str
    line: int
    #: ``pep.section``; for an error its type (``docutils``), or ``""``.
    type: str
    message: str
    error: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = f"{where}: " if where else ""
        kind = f"[{self.type}] " if self.type else ""
        return f"{prefix}{kind}{'ERROR: ' if self.error else ''}{self.message}"


@dataclass(frozen=True)
class Result:
    #: The ``pep.*`` warnings and the errors, sorted.
    findings: tuple[Finding, ...]
    #: Warnings Sphinx emitted that are not ``pep.*`` (not printed).
    other: int
    documents: int

    @property
    def errors(self) -> int:
        return sum(finding.error for finding in self.findings)


def _split_location(location: str, srcdir: Path) -> tuple[str, int]:
    """``path:line`` (Sphinx's form once its filters ran) as a relative file and a line."""
    path, colon, line = location.rpartition(":")
    if not colon or not (line.isdigit() or line == ""):
        path, line = location, ""
    return (relative_to(path, srcdir) if path else ""), int(line or 0)


def findings(records: list[Record], srcdir: Path) -> tuple[tuple[Finding, ...], int]:
    """The records as findings (``pep.*`` warnings, every error), and the others' count."""
    found: set[Finding] = set()
    others = 0
    for record in records:
        if not (record.is_error or record.type == "pep"):
            others += 1
            continue
        file, line = _split_location(record.location, srcdir)
        # The first paragraph: docutils errors go on to quote the source.
        message = " ".join(record.message.split("\n\n", 1)[0].split())
        found.add(Finding(file, line, record.kind, message, record.is_error))
    return tuple(sorted(found)), others


def run_check(srcdir: Path, confdir: Path | None = None) -> Result:
    """Read the project in *srcdir* and return its ``pep.*`` warnings and errors."""
    from sphinx.errors import SphinxError
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from sphinxext_pep.cli.records import RecordingSphinx

    srcdir = srcdir.resolve()
    confdir = (confdir or srcdir).resolve()
    if not srcdir.is_dir():
        raise CommandError(f"no such directory: {srcdir}")
    if not (confdir / "conf.py").is_file():
        raise CommandError(f"no conf.py in {confdir} (give the Sphinx source directory)")
    nocolor()
    collector = RecordCollector()
    # As sphinx-build runs an application: docutils' directive and role
    # registries restored afterwards, so the command can run in-process.
    with (
        tempfile.TemporaryDirectory(prefix="sphinx-pep-check-") as tmp,
        patch_docutils(confdir),
        docutils_namespace(),
    ):
        try:
            app = RecordingSphinx(
                srcdir=srcdir,
                confdir=confdir,
                outdir=Path(tmp) / "out",
                doctreedir=Path(tmp) / "doctrees",
                buildername="dummy",
                status=None,
                warning=None,
                freshenv=True,
                parallel=0,
                # The message as logged, without the " [pep.x]" Sphinx appends.
                confoverrides={"show_warning_types": False},
                collector=collector,
            )
            app.build(force_all=True)
        except SystemExit as exit_:
            # sphinxext-pep reports a broken pep_templates as one ERROR, then exits.
            errors = [r for r in collector.records if r.is_error]
            if not errors:
                raise CommandError(f"Sphinx exited ({exit_.code})") from None
            file, line = _split_location(errors[-1].location, srcdir)
            where = f"{file}:{line}: " if line else f"{file}: " if file else ""
            raise CommandError(f"{where}{errors[-1].message}") from None
        except SphinxError as error:
            raise CommandError(f"{error.category}: {one_line_error(str(error), srcdir)}") from None
        except Exception as error:  # a crash in an extension
            raise CommandError(
                f"Sphinx failed: {type(error).__name__}: {one_line_error(str(error), srcdir)}"
            ) from None
        finally:
            collector.detach()
        if "sphinxext_pep" not in app.extensions:
            raise CommandError(
                f"sphinxext_pep is not in the extensions of {confdir / 'conf.py'}: "
                "there are no proposals to check"
            )
        documents = len(app.env.found_docs)
    found, others = findings(collector.records, srcdir)
    return Result(found, others, documents)


def run(args: argparse.Namespace) -> int:
    """The command: exit status 1 if there is any finding, whatever is printed."""
    result = run_check(args.sourcedir, args.confdir)
    status = 1 if result.findings else 0
    try:
        _print(result, quiet=args.quiet)
    except BrokenPipeError:
        # The reader went away (check docs | head -1, or | true): stop quietly.
        # The result is known, so the exit status keeps its meaning.
        silence_broken_pipe()
    return status


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def summary(result: Result) -> str:
    """The line on stderr: ``8 pep warnings in 1 file (2 documents read)``."""
    errors = result.errors
    warnings = len(result.findings) - errors
    counts = [_plural(warnings, "pep warning")] if warnings else []
    counts += [_plural(errors, "error")] if errors else []
    files = len({f.file for f in result.findings})
    found = f"{' and '.join(counts)} in {_plural(files, 'file')}" if counts else "no pep warnings"
    other = (
        f"; {_plural(result.other, 'other Sphinx warning')} "
        "not shown (run sphinx-build to see them)"
        if result.other
        else ""
    )
    return f"{PROG} check: {found} ({result.documents} documents read){other}"


def _print(result: Result, *, quiet: bool) -> None:
    for finding in result.findings:
        print(finding)
    # Flushed inside run's try, so that a closed pipe is seen there and not
    # when Python flushes stdout at exit.
    sys.stdout.flush()
    if not quiet:
        print(summary(result), file=sys.stderr)
