"""The files ``sphinx-pep migrate`` reads: which ones, and their text as given.

A directory stands for the ``.md`` and ``.rst`` files under it (hidden
folders and build output left out). A file is read as bytes and taken only
as UTF-8 text: a NUL byte says binary, an undecodable byte is named by its
offset, and a byte-order mark is kept aside to be written back.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinxext_pep.cli.migrate_source import MARKDOWN, RESTRUCTUREDTEXT, split_lines

#: File type of each suffix ``migrate`` reads (``.txt``: the oldest PEPs).
SUFFIXES = {
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".rst": RESTRUCTUREDTEXT,
    ".txt": RESTRUCTUREDTEXT,
}
#: The suffixes a directory walk takes.
_WALKED = (".md", ".rst")
_SKIPPED_DIRS = frozenset({"_build", "build", "node_modules", "__pycache__", "site-packages"})
BOM = "\ufeff"


class UnreadableError(Exception):
    """Why a file's text cannot be had: one line for the user."""


@dataclass(frozen=True)
class Source:
    path: Path
    filetype: str
    text: str
    #: ``\ufeff`` if the file starts with a byte-order mark, else ``""``.
    bom: str = ""
    #: Named on the command line (not found by a directory walk).
    explicit: bool = True

    @property
    def lines(self) -> list[str]:
        return split_lines(self.text)


def walk(paths: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """Each file to look at, and whether the user named it."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
                )
                for name in sorted(files):
                    if name.endswith(_WALKED) and not name.startswith("."):
                        yield Path(root) / name, False
        else:
            yield path, True


def read_source(path: Path, explicit: bool) -> Source:
    """The text of *path*; raises :class:`UnreadableError` with the reason."""
    filetype = SUFFIXES.get(path.suffix.lower())
    if filetype is None:
        raise UnreadableError(f"not a .md, .rst or .txt file ({path.suffix or 'no suffix'})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableError("no such file") from None
    except IsADirectoryError:
        raise UnreadableError("a directory") from None
    except OSError as error:
        raise UnreadableError(f"cannot read it: {error.strerror}") from None
    if b"\0" in data:
        raise UnreadableError("a binary file (it holds NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start} "
            "cannot be decoded (re-save the file as UTF-8)"
        ) from None
    bom = BOM if text.startswith(BOM) else ""
    return Source(path, filetype, text.removeprefix(BOM), bom, explicit)


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A ``diff -u`` of the two texts; a line without an ending is shown as such."""
    lines = []
    for line in difflib.unified_diff(
        split_lines(old), split_lines(new), f"a/{old_name}", f"b/{new_name}"
    ):
        if line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)
