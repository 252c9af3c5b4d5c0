"""What the command prints besides its results: one-line errors, paths, closed pipes."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
from pathlib import Path

PROG = "sphinx-pep"

#: Exit status when output goes into a closed pipe and the command's own status
#: cannot be told: 128 + SIGPIPE (141), what a shell reports for a program that
#: SIGPIPE ended (``yes | head -1``), rather than the 1 of the Python docs'
#: recipe, which would read as "check found warnings". ``check`` has its result
#: before it prints a line, so it keeps its 0 / 1 / 2; ``new`` has written the
#: file but could not print its path (its one output for scripts), so it exits
#: with this status, as do ``--help`` and ``--version``.
BROKEN_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)


class CommandError(Exception):
    """A problem the user can fix: one line on stderr, exit status 2.

    *prog* is the command that reports it (``sphinx-pep new``); ``None`` lets
    :func:`~sphinxext_pep.cli.main.main` name the command that was run.
    """

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


def print_error(message: str, prog: str) -> None:
    """*message* as one line on stderr: ``sphinx-pep new: error: ...``."""
    try:
        print(f"{prog}: error: {' '.join(message.split())}", file=sys.stderr)
    except BrokenPipeError:
        silence_broken_pipe()


def silence_broken_pipe() -> None:
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


def shown(path: Path | str) -> str:
    """*path* as the user should read it: relative to the current directory if inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def relative_to(path: str, base: Path) -> str:
    """*path* relative to *base* (POSIX separators) if inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return path


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
            file = relative_to(file, base)
        where = f"{file}:{frames[-1]['line']}: "
    reason = " ".join(head.split()).rstrip(":")
    return f"{where}{lines[-1] if lines else 'error'} ({reason})"
