"""A project as Sphinx sees it, without building it: its ``conf.py`` and its documents.

``sphinx-pep new`` needs the project's templates (``pep_templates`` and the
other ``pep_*`` values, validated as the extension validates them) and the
list of documents Sphinx would read, to find the numbers already taken. Both
come from Sphinx's own code: ``conf.py`` is read by
:meth:`sphinx.config.Config.read`, its ``pep_*`` values are declared by the
extension's own :func:`~sphinxext_pep.config.setup_config` and read by
:func:`~sphinxext_pep.config.get_settings`, and the documents are found by
:meth:`sphinx.project.Project.discover` with the project's ``source_suffix``,
``include_patterns``, ``exclude_patterns`` and ``templates_path``, as a build
finds them.

No application is made: that would load every extension of ``conf.py``, and
``sphinx.ext.intersphinx`` would fetch its inventories, for a command that
writes one file. The one thing an extension adds that matters here is the
Markdown suffix: with ``myst_parser`` (or ``myst_nb``) in ``extensions``,
``.md`` files are read as Markdown, as the extension's ``setup()`` registers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinxext_pep.cli.output import CommandError, one_line_error, shown
from sphinxext_pep.config import PepSettings, get_settings, setup_config
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES, Template

#: Extensions that register the Markdown parser for ``.md`` (``add_source_suffix``).
MARKDOWN_EXTENSIONS = ("myst_parser", "myst_nb")
MARKDOWN = "markdown"
RESTRUCTUREDTEXT = "restructuredtext"
#: The file suffix of each format ``new`` writes.
FORMAT_SUFFIXES = {"rst": ".rst", "md": ".md"}

#: Without a ``conf.py``: both formats, since there is no project to ask.
_ANY_SOURCE = {".rst": RESTRUCTUREDTEXT, ".md": MARKDOWN}


@dataclass(frozen=True)
class Project:
    """What ``new`` needs from a project's ``conf.py`` (built-ins if there is none)."""

    settings: PepSettings
    #: template name -> the built-in it extends (``pep_templates[...]['extends']``).
    extends: Mapping[str, str] = field(default_factory=dict)
    conf_py: Path | None = None
    #: suffix -> file type, as Sphinx reads the project's files.
    source_suffix: Mapping[str, str] = field(default_factory=lambda: dict(_ANY_SOURCE))
    include_patterns: tuple[str, ...] = ("**",)
    #: ``exclude_patterns`` and ``templates_path``: what Sphinx leaves out.
    exclude_patterns: tuple[str, ...] = ()
    #: The project's root document (``root_doc``): its index page.
    root_doc: str = "index"

    @property
    def templates(self) -> Mapping[str, Template]:
        return self.settings.templates

    @property
    def srcdir(self) -> Path | None:
        return self.conf_py.parent.resolve() if self.conf_py else None

    def base_of(self, name: str) -> str | None:
        """The built-in whose skeleton *name* uses, if any."""
        if name in self.extends:
            return self.extends[name]
        return name if name in BUILTIN_TEMPLATES else None

    def filetype(self, path: Path) -> str | None:
        """How Sphinx reads *path* (``restructuredtext``, ``markdown``), ``None``: not at all.

        The first suffix the name ends with, in the order of ``source_suffix``,
        as :meth:`sphinx.project.Project.path2doc` matches them.
        """
        for suffix, filetype in self.source_suffix.items():
            if path.name.endswith(suffix):
                return filetype
        return None

    def format_problem(self, fmt: str, filename: str) -> str | None:
        """Why Sphinx would not read a new file *filename* in format *fmt*, or ``None``."""
        filetype = self.filetype(Path(filename))
        if self.conf_py is None or filetype == (MARKDOWN if fmt == "md" else RESTRUCTUREDTEXT):
            return None
        if fmt == "md":
            return (
                f"Sphinx would not read {filename}: {shown(self.conf_py)} has no Markdown "
                'parser; add "myst_parser" to its extensions (or use --format rst)'
            )
        return (
            f"Sphinx would not read {filename}: the source_suffix of {shown(self.conf_py)} "
            "has no '.rst'; add it (or use --format md)"
        )

    def default_format(self) -> str:
        """``rst`` if the project reads it, else ``md`` if it reads that."""
        for fmt in ("rst", "md"):
            if self.format_problem(fmt, f"x{FORMAT_SUFFIXES[fmt]}") is None:
                return fmt
        return "rst"


@contextmanager
def quiet_sphinx_logging() -> Iterator[None]:
    """Keep Sphinx's log records from the terminal outside an application.

    Reading ``conf.py`` and finding the documents with Sphinx's own code may
    log (``language = None``, two files for one document); ``new``'s output is
    the path it writes, so those records are dropped. Without this they would
    reach Python's last-resort handler, or the stream of an application that
    ran earlier in the same process.
    """
    from sphinx.util.logging import suppress_logging

    with suppress_logging():
        yield


def find_conf_py(start: Path) -> Path | None:
    """``conf.py`` in *start* or the nearest parent directory holding one."""
    for directory in (start, *start.parents):
        candidate = directory / "conf.py"
        if candidate.is_file():
            return candidate
    return None


class _Declarations:
    """The application methods :func:`setup_config` calls, on a bare :class:`Config`.

    The ``pep_*`` values get the extension's own names and defaults; the
    ``config-inited`` handler it connects is not needed, as
    :func:`get_settings` validates them on first use.
    """

    def __init__(self, config: Any) -> None:
        self._config = config

    def add_config_value(self, name: str, default: Any, rebuild: str, types: Any = ()) -> None:
        self._config.add(name, default, rebuild, types)

    def connect(self, *_args: Any, **_kwargs: Any) -> int:
        return 0


def builtin_project() -> Project:
    """The project without a ``conf.py``: the built-in templates and defaults."""
    from sphinx.config import Config

    config = Config({}, {})
    setup_config(_Declarations(config))  # type: ignore[arg-type]
    return Project(settings=get_settings(config))


def read_project(conf_py: Path | None) -> Project:
    """The templates and source files of the project whose ``conf.py`` is *conf_py*."""
    if conf_py is None:
        return builtin_project()
    from sphinx.config import Config, convert_source_suffix
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    from sphinxext_pep.core.template_schema import SettingsError

    with quiet_sphinx_logging():
        try:
            config = Config.read(conf_py.parent, overrides={}, tags=Tags())
            config.init_values()
            if "source_suffix" not in getattr(config, "_raw_config", {}):
                # Sphinx's default is one dict shared by every Config, which each
                # application with myst_parser extends in place: an earlier
                # build in this process must not make this project read .md.
                config.source_suffix = {".rst": RESTRUCTUREDTEXT}
            # str and list forms become {suffix: filetype}, as at config-inited
            convert_source_suffix(None, config)  # type: ignore[arg-type]
        except ConfigError as error:
            raise CommandError(one_line_error(str(error), Path.cwd())) from None
        setup_config(_Declarations(config))  # type: ignore[arg-type]
        try:
            settings = get_settings(config)
        except SettingsError as error:
            raise CommandError(f"{shown(conf_py)}: {error}") from None
    source_suffix = dict(config.source_suffix)
    markdown = any(name in MARKDOWN_EXTENSIONS for name in config.extensions)
    if markdown and source_suffix.get(".md") in (None, RESTRUCTUREDTEXT):
        # What myst_parser's setup() adds, and Sphinx merges at config-inited.
        source_suffix[".md"] = MARKDOWN
    raw_templates = config.pep_templates if isinstance(config.pep_templates, Mapping) else {}
    extends = {
        name: value["extends"]
        for name, value in raw_templates.items()
        if isinstance(value, Mapping) and isinstance(value.get("extends"), str)
    }
    return Project(
        settings=settings,
        extends=extends,
        conf_py=conf_py,
        source_suffix=source_suffix,
        include_patterns=tuple(config.include_patterns),
        exclude_patterns=(*config.exclude_patterns, *config.templates_path),
        root_doc=str(config.root_doc),
    )


def source_files(project: Project, directory: Path) -> Iterator[tuple[Path, str]]:
    """The files that may hold a proposal of the project, with their file types.

    With a ``conf.py`` whose directory holds *directory*, that directory is the
    source directory, and the files are the documents Sphinx finds there. The
    files of *directory* itself always count, first, even where
    ``exclude_patterns`` leaves them out (a number in them is in the way of a
    new file there). Without such a ``conf.py`` (none found, or a
    ``--confdir`` elsewhere) there is no source directory: only *directory*'s
    files count.
    """
    seen: set[Path] = set()
    if directory.is_dir():
        for path in sorted(directory.resolve().iterdir()):
            filetype = project.filetype(path) or _ANY_SOURCE.get(path.suffix)
            if filetype is not None and path.is_file():
                seen.add(path)
                yield path, filetype
    srcdir = project.srcdir
    if srcdir is None or not directory.resolve().is_relative_to(srcdir):
        return
    from sphinx.project import Project as SphinxProject

    found = SphinxProject(srcdir, project.source_suffix)
    with quiet_sphinx_logging():  # "multiple files found for the document ..."
        docnames = found.discover(project.exclude_patterns, project.include_patterns)
    for docname in sorted(docnames):
        path = Path(found.doc2path(docname, absolute=True))
        filetype = project.filetype(path)
        if path not in seen and filetype is not None:
            yield path, filetype
