"""``sphinx-pep check``: read a project with Sphinx, report its ``pep.*`` warnings (SPEC §10).

The project is read by the ``dummy`` builder into a temporary directory, fresh
and serially, and its doctrees are resolved (the ``dummy`` builder's write
step), so ``pep.ref`` warnings raised while resolving references are seen too.
Nothing is written to the project.

Every warning Sphinx emits passes through Sphinx's own filters first
(``suppress_warnings``, a proposal's ``:exempt:``); of what is left, only the
``pep.*`` ones are kept, as :class:`Finding` records, one line each:
``file:line: [pep.subtype] message`` with *file* relative to the source
directory.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: One record of Sphinx's warning stream: ``LOCATION: WARNING: MESSAGE [TYPE]``.
_RECORD_RE = re.compile(
    r"^(?:(?P<location>.*?): )?(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?\s*$",
    re.S,
)
_LOCATION_RE = re.compile(r"^(?P<file>.*?)(?::(?P<line>\d+)?)?$")


_FRAME_RE = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)', re.M)


def one_line_error(text: str, base: Path | None = None) -> str:
    """A Sphinx error as one line: a traceback becomes its last frame and exception.

    ``conf.py`` errors arrive with the whole traceback in the message; the user
    needs the file, the line and the exception, not the frames of Sphinx.
    """
    head, marker, trace = text.partition("Traceback (most recent call last):")
    if not marker:
        return " ".join(text.split())
    frames = list(_FRAME_RE.finditer(trace))
    lines = [line.strip() for line in trace.splitlines() if line.strip()]
    where = ""
    if frames:
        file = frames[-1]["file"]
        if base is not None:
            file = _relative(file, base.resolve())
        where = f"{file}:{frames[-1]['line']}: "
    reason = " ".join(head.split()).rstrip(":")
    return f"{where}{lines[-1] if lines else 'error'} ({reason})"


class CheckError(Exception):
    """The project could not be read: reported as one line, exit status 2."""


@dataclass(frozen=True, order=True)
class Finding:
    """One ``pep.*`` warning, ordered by file, line, subtype and message."""

    file: str
    line: int
    type: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = f"{where}: " if where else ""
        return f"{prefix}[{self.type}] {self.message}"


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    #: Warnings and errors Sphinx emitted that are not ``pep.*`` (not printed).
    other: int
    documents: int


class _RecordStream(io.StringIO):
    """The warning stream: Sphinx writes one whole record per ``write`` call."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[str] = []

    def write(self, text: str) -> int:
        if text.strip():
            self.records.append(text.rstrip("\n"))
        return len(text)


def _relative(path: str, srcdir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(srcdir).as_posix()
    except (ValueError, OSError):
        return path


def parse_records(records: list[str], srcdir: Path) -> tuple[list[Finding], int, list[str]]:
    """Split warning records into pep findings, a count of the others, and errors."""
    findings: list[Finding] = []
    others = 0
    errors: list[str] = []
    for record in records:
        match = _RECORD_RE.match(record)
        if match is None:
            continue
        kind = match["type"] or ""
        file, line = "", 0
        if match["location"]:
            location = _LOCATION_RE.match(match["location"])
            assert location is not None
            file = _relative(location["file"], srcdir)
            line = int(location["line"] or 0)
        message = " ".join(match["message"].split())
        if match["level"] != "WARNING":
            where = f"{file}:{line}" if line else file
            errors.append(f"{where}: {message}" if where else message)
        elif kind.startswith("pep."):
            findings.append(Finding(file, line, kind, message))
        else:
            others += 1
    return sorted(set(findings)), others, errors


def run_check(srcdir: Path, confdir: Path | None = None) -> Result:
    """Read the project in *srcdir* and return its ``pep.*`` warnings."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import nocolor

    srcdir = srcdir.resolve()
    confdir = (confdir or srcdir).resolve()
    if not srcdir.is_dir():
        raise CheckError(f"no such directory: {srcdir}")
    if not (confdir / "conf.py").is_file():
        raise CheckError(f"no conf.py in {confdir} (give the Sphinx source directory)")
    nocolor()
    stream = _RecordStream()
    with tempfile.TemporaryDirectory(prefix="sphinx-pep-check-") as tmp:
        try:
            app = Sphinx(
                srcdir=srcdir,
                confdir=confdir,
                outdir=Path(tmp) / "out",
                doctreedir=Path(tmp) / "doctrees",
                buildername="dummy",
                status=None,
                warning=stream,
                freshenv=True,
                parallel=0,
                # The subtype is read from the ``[pep.x]`` suffix, which Sphinx
                # prints only with show_warning_types; a project that turns it
                # off must not pass the check silently.
                confoverrides={"show_warning_types": True},
            )
            app.build(force_all=True)
        except SystemExit as exit_:
            # sphinxext-pep reports a broken pep_templates as one ERROR, then exits.
            _, _, errors = parse_records(stream.records, srcdir)
            raise CheckError(errors[-1] if errors else f"Sphinx exited ({exit_.code})") from None
        except SphinxError as error:
            raise CheckError(f"{error.category}: {one_line_error(str(error), srcdir)}") from None
        except Exception as error:  # a crash in an extension
            raise CheckError(
                f"Sphinx failed: {type(error).__name__}: {one_line_error(str(error), srcdir)}"
            ) from None
        if "sphinxext_pep" not in app.extensions:
            raise CheckError(
                f"sphinxext_pep is not in the extensions of {confdir / 'conf.py'}: "
                "there are no proposals to check"
            )
        documents = len(app.env.found_docs)
    findings, others, _ = parse_records(stream.records, srcdir)
    return Result(tuple(findings), others, documents)
