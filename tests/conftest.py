"""Shared fixtures: build a real Sphinx project from a dict of files.

Every test builds through ``sphinx.testing``'s ``make_app`` and asserts on what
a user sees: warnings (parsed into :class:`Warning` records with subtype and
location), the doctree, the written HTML or text.
"""

from __future__ import annotations

import inspect
import os
import re
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import settings
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

# CI explores the same examples on every run (a red CI is a defect to fix,
# never a roll of the dice); locally hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

pytest_plugins = ["sphinx.testing.fixtures"]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's own bytecode cache, in memory, for one test session.

    jinja2 keys an entry by template name and file and drops it when the
    source's checksum changes, so a project's own ``_templates`` or theme is
    compiled afresh; what is shared is only the compiled code of identical
    template files.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snippets",
        action="store_true",
        help="write tests/snippets/*.xml from this build instead of comparing with them",
    )


@pytest.fixture(scope="session")
def snippet_pair(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Any]:
    """``snippet_pair(name)``: the docs' snippet pair *name*, built once per session.

    Returns a ``snippet_projects.SnippetPair``: an RST and a MyST build of the
    same project (see ``snippet_projects.CASES``), their outputs and warnings,
    and the snippet page's normalised doctree in each. Call it before building
    anything else in a test: its builds must not overlap a live app.
    """
    from snippet_projects import CASES, build_pair

    built: dict[str, Any] = {}

    def get(name: str) -> Any:
        if name not in built:
            built[name] = build_pair(CASES[name], tmp_path_factory.mktemp(f"snippet-{name}"))
        return built[name]

    return get


@pytest.fixture(scope="session", autouse=True)
def _compile_html_templates_once() -> Iterator[None]:
    """Compile Sphinx's HTML templates once per session, not once per build.

    Every HTML build makes a new Jinja environment and compiles the theme's
    templates again: about 0.1 s of a small project's 0.25 s build, spent on
    the same files hundreds of times. The pages written are the same; the
    extension's output is all that the tests look at. Environments with and
    without the i18n extension compile ``{% trans %}`` differently, so each
    set of Jinja extensions has its own cache.
    """
    caches: dict[frozenset[str], _CompiledTemplates] = {}
    original = BuiltinTemplateLoader.init

    def init(self: BuiltinTemplateLoader, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        extensions = frozenset(self.environment.extensions)
        self.environment.bytecode_cache = caches.setdefault(extensions, _CompiledTemplates())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuiltinTemplateLoader, "init", init)
        yield


#: The ``conf.py`` every test project starts from.
BASE_CONF = 'extensions = ["sphinxext_pep", "myst_parser"]\n'

#: Extra ``conf.py`` lines for builders that want project metadata: EPUB warns
#: (untyped) about a project without copyright and version.
EPUB_READY_CONF = "project = 'Demo'\nversion = '1'\ncopyright = '2026'\n"

# The location is optional: an unlocated warning must still be seen, or every
# "no warnings" assertion would be blind to exactly what SPEC §8 forbids.
_WARNING_RE = re.compile(
    r"^(?:(?P<path>[^\n]*?):(?P<line>\d+)?:? )?(?:WARNING|ERROR): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w.-]+)\])?$"
)


@dataclass(frozen=True)
class Warning:
    """One line of Sphinx's warning stream."""

    file: str  #: path relative to the source dir; ``""`` for an unlocated warning
    line: int | None
    message: str
    type: str | None  #: ``pep.header`` and so on

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Build:
    app: SphinxTestApp
    srcdir: Path

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    @property
    def warning_text(self) -> str:
        return strip_escape_sequences(self.app.warning.getvalue())

    @property
    def warnings(self) -> list[Warning]:
        found = []
        for raw in self.warning_text.splitlines():
            match = _WARNING_RE.match(raw)
            if not match:
                continue
            path = match.group("path") or ""
            if path and Path(path).is_relative_to(self.srcdir):
                path = str(Path(path).relative_to(self.srcdir))
            line = match.group("line")
            found.append(
                Warning(
                    path, int(line) if line else None, match.group("message"), match.group("type")
                )
            )
        return found

    def pep_warnings(self, subtype: str | None = None) -> list[Warning]:
        wanted = f"pep.{subtype}" if subtype else None
        return [
            w
            for w in self.warnings
            if w.type and w.type.startswith("pep.") and (wanted is None or w.type == wanted)
        ]

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def html(self, docname: str = "index") -> str:
        return self.read(f"{docname}.html")

    def doctree(self, docname: str = "index") -> Any:
        env, builder = self.app.env, self.app.builder
        if "tags" in inspect.signature(env.get_and_resolve_doctree).parameters:
            # Sphinx 9 deprecates leaving it out; 8.x does not take it.
            return env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
        return env.get_and_resolve_doctree(docname, builder)

    def rebuild(self, changes: Mapping[str, str | None] | None = None, **kwargs: Any) -> Build:
        """Edit files (``None`` deletes) and build again, incrementally."""
        write_files(self.srcdir, changes or {})
        self.app.cleanup()  # see build_project: one live app at a time
        app = SphinxTestApp(
            self.app.builder.name,
            srcdir=self.srcdir,
            builddir=Path(self.app.outdir).parent,
            **kwargs,
        )
        app.build()
        built = Build(app, self.srcdir)
        assert_pep_warnings_located(built)
        return built


def write_files(root: Path, files: Mapping[str, str | None]) -> None:
    for name, content in files.items():
        path = root / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


BuildProject = Callable[..., Build]


def assert_pep_warnings_located(build: Build) -> None:
    """SPEC §8: every ``pep.*`` warning names a file and a line. Checked on every build."""
    unlocated = [w for w in build.pep_warnings() if not w.file or w.line is None]
    assert unlocated == [], f"pep warnings without file:line: {unlocated}"


@pytest.fixture
def build_project(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> BuildProject:
    """Write *files* into a fresh project and build it.

    ``files`` maps paths to contents (dedented). ``conf.py`` defaults to
    :data:`BASE_CONF` plus ``conf`` (extra lines). Keyword arguments go to
    :class:`SphinxTestApp` (``buildername``, ``parallel``, ``confoverrides``).
    """
    counter = iter(range(1000))
    apps: list[SphinxTestApp] = []

    def build(
        files: Mapping[str, str],
        *,
        conf: str = "",
        buildername: str = "html",
        srcdir: Path | None = None,
        **kwargs: Any,
    ) -> Build:
        root = srcdir or tmp_path / f"project{next(counter)}"
        root.mkdir(parents=True, exist_ok=True)
        contents = dict(files)
        contents.setdefault("conf.py", BASE_CONF + textwrap.dedent(conf))
        write_files(root, contents)
        # One live app at a time, as between tests: an app made while another
        # is live registers Sphinx's nodes again and warns (app.add_node) once
        # per node. The cleaned-up app's output and environment stay readable.
        for previous in apps:
            previous.cleanup()
        app = make_app(buildername, srcdir=root, freshenv=True, **kwargs)
        apps.append(app)
        app.build()
        built = Build(app, root)
        assert_pep_warnings_located(built)
        return built

    return build


#: The required sections of the ``pep`` template (SPEC §3), in seed order.
PEP_SECTIONS = (
    "Problem Statement",
    "Proposed Solution",
    "Rationale",
    "Alternatives Considered",
    "Impact Assessment",
    "Out of Scope",
    "Acceptance Criteria",
    "Status History",
)


def _pep_fields(number: int, fields: Mapping[str, str | None]) -> dict[str, str]:
    """The header fields of :func:`minimal_pep` / :func:`myst_pep`, with *fields* applied."""
    values: dict[str, str | None] = {
        "pep": str(number),
        "author": "Jane Doe <jane@example.com>",
        "status": "Proposed",
        "risk": "Low",
        "created": "2026-01-15",
    }
    values.update({k.replace("_", "-"): v for k, v in fields.items()})
    return {k: v for k, v in values.items() if v is not None}


def minimal_pep(number: int, heading: str = "A proposal", **fields: str | None) -> str:
    """A valid RST proposal on the ``pep`` template: every required field and section.

    *heading* is the document title after ``PEP 0012: ``; the header's own
    ``:title:`` can be given as a keyword like any other field.

    Keyword arguments override or add header fields (``depends_on="3"`` gives
    ``:depends-on: 3``; ``None`` drops a field); ``body`` is text put before the
    sections.
    """
    body = fields.pop("body", None) or ""
    options = "\n".join(f"   :{k}: {v}" for k, v in _pep_fields(number, fields).items())
    heading = f"PEP {number:04d}: {heading}"
    sections = "\n".join(
        f"{name}\n{'-' * len(name)}\n\nThe {name.lower()} of this proposal.\n"
        for name in PEP_SECTIONS
    )
    return f"{heading}\n{'=' * len(heading)}\n\n.. pep-header::\n{options}\n\n{body}\n\n{sections}"


def myst_pep(number: int, heading: str = "A proposal", **fields: str | None) -> str:
    """The MyST twin of :func:`minimal_pep`: ``:option: value`` lines in a fence.

    The ``pep-header`` fence is on line 3, so the default fields are on lines 4
    (``pep``) to 8 (``created``) and added ones follow from line 9. ``body``
    goes after the header, before the sections.
    """
    body = fields.pop("body", None) or ""
    options = "\n".join(f":{k}: {v}" for k, v in _pep_fields(number, fields).items())
    sections = "\n".join(f"## {name}\n\nThe {name.lower()}.\n" for name in PEP_SECTIONS)
    body = f"{body}\n" if body else ""
    return f"# PEP {number:04d}: {heading}\n\n```{{pep-header}}\n{options}\n```\n\n{body}{sections}"


#: The required sections of the ``enhancement`` template (SPEC §3), in seed order.
ENHANCEMENT_SECTIONS = (
    "Executive Summary",
    "Motivation",
    "Proposed Solution",
    "Alternatives Considered",
    "Impact Analysis",
    "Implementation Plan",
    "Testing Plan",
)


def index_rst(*docnames: str, body: str = "") -> str:
    entries = "\n".join(f"   {name}" for name in docnames)
    return f"Index\n=====\n\n.. toctree::\n\n{entries}\n\n{body}\n"
