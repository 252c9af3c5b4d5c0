"""The ``conf.py`` lines Python's PEPs need beyond the extension: their extlinks and intersphinx.

python/peps' ``conf.py`` defines roles the PEPs use: ``:pypi:``,
``:cpython-issue:`` and ``:cpython-pr:`` (``sphinx.ext.extlinks``), and the
intersphinx projects that ``:ref:`packaging:core-metadata```,
``:external+py3.14:func:`` and the like name. A migrated project without
them gets an "Unknown interpreted text role" error for each use, so the run
proposes exactly the entries the converted files use, with python/peps'
values, for the user to paste (nothing is written: the run only prints),
and leaves PEP 12's template out of the build, as python/peps does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: python/peps' ``conf.py``: ``extlinks``.
EXTLINKS: dict[str, tuple[str, str]] = {
    "cpython-issue": ("https://github.com/python/cpython/issues/%s", "python/cpython#%s"),
    "cpython-pr": ("https://github.com/python/cpython/pull/%s", "python/cpython#%s"),
    "pypi": ("https://pypi.org/project/%s/", "%s"),
}
#: python/peps' ``conf.py``: ``intersphinx_mapping``.
INTERSPHINX: dict[str, str] = {
    "devguide": "https://devguide.python.org",
    "mypy": "https://mypy.readthedocs.io/en/latest",
    "packaging": "https://packaging.python.org/en/latest",
    "py3.11": "https://docs.python.org/3.11",
    "py3.12": "https://docs.python.org/3.12",
    "py3.13": "https://docs.python.org/3.13",
    "py3.14": "https://docs.python.org/3.14",
    "py3.15": "https://docs.python.org/3.15",
    "python": "https://docs.python.org/3",
    "trio": "https://trio.readthedocs.io/en/latest",
    "typing": "https://typing.python.org/en/latest",
}
_EXTLINK_RE = re.compile(r"(?<![\w:`]):(?P<name>cpython-issue|cpython-pr|pypi):`")
#: ``:external+py3.14:func:`...```, and a target prefixed by a project's name
#: (``:ref:`packaging:core-metadata```, ``:mod:`text <python:sqlite3>```).
_EXTERNAL_RE = re.compile(r"(?<![\w`]):external\+(?P<name>[\w.-]+):")
_PREFIXED_RE = re.compile(
    r"(?<![\w`]):(?:[a-z]+:)?[a-z]+:`(?:[^`<]*<)?[~!]?(?P<name>[\w.-]+):(?=[^`\s])"
)


def needed(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """The extlinks and intersphinx names *texts* use, each in python/peps' order."""
    links: set[str] = set()
    projects: set[str] = set()
    for text in texts:
        links.update(m["name"] for m in _EXTLINK_RE.finditer(text))
        for pattern in (_EXTERNAL_RE, _PREFIXED_RE):
            projects.update(m["name"] for m in pattern.finditer(text))
    return [n for n in EXTLINKS if n in links], [n for n in INTERSPHINX if n in projects]


def conf_lines(texts: Iterable[str], excluded: Sequence[str] = ()) -> str | None:
    """The ``conf.py`` text that defines what *texts* use, or ``None`` if nothing.

    *excluded* are the templates the run left alone (PEP 12's ``pep-NNNN.rst``),
    relative to the source directory: python/peps leaves them out of its build.
    """
    links, projects = needed(texts)
    if not links and not projects and not excluded:
        return None
    modules = (["sphinx.ext.extlinks"] if links else []) + (
        ["sphinx.ext.intersphinx"] if projects else []
    )
    lines = [f"extensions += {modules!r}"] if modules else []
    if excluded:
        # conf.py may not set it: Sphinx's default is not in its namespace.
        lines.append(
            f"exclude_patterns = [*globals().get('exclude_patterns', []), *{list(excluded)!r}]"
        )
    if links:
        lines.append("extlinks = {")
        lines += [f"    {name!r}: {EXTLINKS[name]!r}," for name in links]
        lines.append("}")
    if projects:
        lines.append("intersphinx_mapping = {")
        lines += [f"    {name!r}: ({INTERSPHINX[name]!r}, None)," for name in projects]
        lines.append("}")
    return "\n".join(lines) + "\n"
