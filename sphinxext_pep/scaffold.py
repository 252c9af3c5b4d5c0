"""Writing a new proposal from a template (``sphinx-pep new``, SPEC §10).

The body of a new proposal is the seed's own skeleton, shipped as Markdown in
``sphinxext_pep/scaffolds/<template>.md`` (the seed's sections and instruction
text, unchanged but for the few links that cannot resolve in a user's project)
and converted to RST by :mod:`sphinxext_pep.markdown_rst` for ``--format rst``.
The header is written from the template itself: its number field, its first
status, today's date, and for the fields the author must choose (``risk``,
``type``) the seed's placeholder, so the build reports every piece of guidance
text (``pep.placeholder``, ``pep.section``) until the author replaces it.

A template that exists only in a project's ``pep_templates`` gets its
required and recommended sections, each holding one bracketed instruction, or
the skeleton of the built-in it extends.

No Sphinx application here: the project's ``conf.py`` is only evaluated to
read ``pep_templates``, ``pep_number_width`` and the settings that say which
files Sphinx reads (``source_suffix``, ``include_patterns``,
``exclude_patterns``, ``templates_path``). The numbers already taken are read
from the headers and front matter of those files, without a build: numbers are
unique across the project (SPEC §2), not only across ``--dir``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from docutils.utils import column_width

from sphinxext_pep.check import one_line_error
from sphinxext_pep.config import (
    DEFAULT_NUMBER_WIDTH,
    DEFAULT_RISK_LEVELS,
    _read_templates,
    valid_risk_levels,
)
from sphinxext_pep.markdown_rst import heading, markdown_to_rst
from sphinxext_pep.templates import BUILTIN_TEMPLATES, Template
from sphinxext_pep.values import parse_number

#: Width of the number in file names: ``pep-0013.rst``.
FILE_NUMBER_WIDTH = 4
FORMATS = ("rst", "md")


@dataclass(frozen=True)
class _Choices:
    """A seed's "choose one" placeholder, written from the template's allowed
    values so that it follows ``pep_risk_levels`` and ``pep_templates``:
    seed 000 writes ``Low / Medium / High``, seed 001 ``[Standard | ...]``."""

    separator: str
    brackets: tuple[str, str] = ("", "")

    def render(self, values: tuple[str, ...]) -> str:
        return f"{self.brackets[0]}{self.separator.join(values)}{self.brackets[1]}"


#: Per built-in template (the seed it comes from): the heading's leading word
#: (``None``: the proposal id), the header values the author must still choose
#: (the seed's own placeholder text), the author placeholder, whether the
#: header goes in YAML front matter in MyST (seed 002), and a comment listing
#: the seed's optional header fields.
_SEED_HEADERS: Mapping[str, Mapping[str, Any]] = {
    "pep": {
        "heading_word": None,
        "fields": {"risk": _Choices(" / ")},
        "author": "Author Name",
        "front_matter": False,
        "optional": (
            "Optional header fields from the template; add them when they apply:",
            ":related: related PEPs, e.g. 1",
            ":related-specs: original spec numbers if migrated from specs/, e.g. 509",
            ":depends-on: PEPs that must be implemented first, e.g. 9",
            ":enables: PEPs that become possible after this one, e.g. 12",
        ),
    },
    "pep-full": {
        "heading_word": None,
        "fields": {"type": _Choices(" | ", ("[", "]"))},
        "after_dates": {"version": "0.1"},
        "author": "Author Name <email@domain.com>",
        "front_matter": False,
        "optional": (),
    },
    "enhancement": {
        "heading_word": "Enhancement",
        "fields": {"category": "enhancement"},
        "author": "your-github-username",
        "front_matter": True,
        "optional": (),
    },
}

# Header options a number can be written in, and the YAML front matter.
_RST_HEADER_RE = re.compile(r"^\.\.\s+pep-header::[^\n]*\n((?:[ \t]+[^\n]*\n?|[ \t]*\n)*)", re.M)
_MYST_HEADER_RE = re.compile(
    r"^(?P<fence>```+|:::+)\s*\{pep-header\}[^\n]*\n(?P<body>.*?)^(?P=fence)", re.M | re.S
)
_OPTION_RE = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*?)\s*$", re.M)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?)^---[ \t]*$", re.M | re.S)
_YAML_KEY_RE = re.compile(r"^(?P<name>[\w-]+)\s*:\s*(?P<value>.*?)\s*$", re.M)
_FILE_NUMBER_RE = re.compile(r"^[a-z][a-z0-9]*-(\d+)$", re.I)


class ScaffoldError(Exception):
    """A problem the user can fix, reported as one line (exit status 2)."""


# -- the project --------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """What ``new`` needs from a project's ``conf.py`` (built-ins if there is none)."""

    templates: Mapping[str, Template]
    default_template: str = "pep"
    number_width: int = DEFAULT_NUMBER_WIDTH
    #: template name -> the built-in it extends (``pep_templates[...]['extends']``).
    extends: Mapping[str, str] = field(default_factory=dict)
    conf_py: Path | None = None
    #: The files Sphinx reads in the source directory, as ``conf.py`` sets them.
    source_suffixes: tuple[str, ...] = (".rst", ".md")
    include_patterns: tuple[str, ...] = ("**",)
    #: ``exclude_patterns`` and ``templates_path`` (what Sphinx leaves out).
    exclude_patterns: tuple[str, ...] = ()

    def base_of(self, name: str) -> str | None:
        """The built-in whose skeleton *name* uses, if any."""
        if name in self.extends:
            return self.extends[name]
        return name if name in BUILTIN_TEMPLATES else None


def find_conf_py(start: Path) -> Path | None:
    """``conf.py`` in *start* or the nearest parent directory holding one."""
    for directory in (start, *start.parents):
        candidate = directory / "conf.py"
        if candidate.is_file():
            return candidate
    return None


def read_project(conf_py: Path | None) -> Project:
    """The templates and number width of the project whose ``conf.py`` is *conf_py*."""
    if conf_py is None:
        return Project(templates=BUILTIN_TEMPLATES)
    import sphinx
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    # Sphinx < 8.2 takes the file name as a str (it calls .encode on it), 9.x as a Path.
    filename: Any = conf_py if sphinx.version_info >= (8, 2) else str(conf_py)
    try:
        namespace = eval_config_file(filename, Tags())
    except ConfigError as error:
        raise ScaffoldError(one_line_error(str(error), Path.cwd())) from None
    raw = namespace.get("pep_templates", {})
    levels = namespace.get("pep_risk_levels", DEFAULT_RISK_LEVELS)
    levels = tuple(s.strip() for s in levels) if valid_risk_levels(levels) else DEFAULT_RISK_LEVELS
    try:
        templates = _read_templates(raw, levels)
    except ConfigError as error:
        raise ScaffoldError(f"{_shown(conf_py)}: {error}") from None
    default = namespace.get("pep_default_template", "pep")
    if default not in templates:
        raise ScaffoldError(f"{_shown(conf_py)}: pep_default_template: no template {default!r}")
    width = namespace.get("pep_number_width", DEFAULT_NUMBER_WIDTH)
    if isinstance(width, bool) or not isinstance(width, int) or not 0 <= width <= 12:
        width = DEFAULT_NUMBER_WIDTH
    extends = {
        name: value["extends"]
        for name, value in raw.items()
        if isinstance(value, Mapping) and isinstance(value.get("extends"), str)
    }
    suffix = namespace.get("source_suffix")
    if isinstance(suffix, str):
        suffix = [suffix]
    suffixes = _strings(list(suffix) if isinstance(suffix, Mapping) else suffix, ())
    return Project(
        templates=templates,
        default_template=default,
        number_width=width,
        extends=extends,
        conf_py=conf_py,
        source_suffixes=tuple(dict.fromkeys((".rst", ".md", *suffixes))),
        include_patterns=_strings(namespace.get("include_patterns"), ("**",)),
        exclude_patterns=(
            *_strings(namespace.get("exclude_patterns"), ()),
            *_strings(namespace.get("templates_path"), ()),
        ),
    )


def _strings(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    """A ``conf.py`` list of strings as a tuple; *default* for anything else."""
    if isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return default


# -- numbers already taken ----------------------------------------------------


#: A Markdown fence opening: its character run and the info string after it.
_FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
#: MyST directives whose content is shown, not read: examples of headers.
_CODE_DIRECTIVES = ("{code-block}", "{code}", "{sourcecode}")


def _without_code_fences(text: str) -> str:
    """*text* less its Markdown code blocks, where docs show example headers.

    A directive fence (```` ```{note} ````) is kept, since a real header may sit
    inside one; a code fence, ```` ```rst ```` or ```` ```{code-block} ````, is
    dropped whole, with every fence nested in it.
    """
    kept: list[str] = []
    directives: list[str] = []  # the fences of open directives, kept
    closing: str | None = None  # the fence of the code block being dropped
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if closing is not None:
            if stripped.startswith(closing) and set(stripped) == {closing[0]}:
                closing = None
            continue
        opening = _FENCE_RE.match(line)
        if opening:
            fence, info = opening["fence"], opening["info"].strip()
            if not info and directives and fence[0] == directives[-1][0]:
                if len(fence) >= len(directives[-1]):
                    directives.pop()  # closes the innermost directive
            elif info.startswith("{") and not info.startswith(_CODE_DIRECTIVES):
                directives.append(fence)
            else:
                closing = fence
                continue
        kept.append(line)
    return "".join(kept)


def header_numbers(text: str, number_fields: Iterable[str]) -> list[int]:
    """The proposal numbers a source file declares in its header or front matter.

    Reads the ``pep-header`` options (RST and MyST) and the YAML front matter
    keys named like a template's number field (``pep``, ``rfc``, ``number``).
    """
    wanted = {"number", *number_fields}
    values: list[str] = []
    text = _without_code_fences(text)
    for match in _RST_HEADER_RE.finditer(text):
        values += [m["value"] for m in _OPTION_RE.finditer(match[1]) if m["name"] in wanted]
    for match in _MYST_HEADER_RE.finditer(text):
        body = match["body"]
        values += [m["value"] for m in _OPTION_RE.finditer(body) if m["name"] in wanted]
        options = _FRONT_MATTER_RE.match(body.lstrip("\n"))  # a YAML options block
        if options:
            values += [
                m["value"] for m in _YAML_KEY_RE.finditer(options["body"]) if m["name"] in wanted
            ]
    front = _FRONT_MATTER_RE.match(text)
    if front:
        values += [m["value"] for m in _YAML_KEY_RE.finditer(front["body"]) if m["name"] in wanted]
    numbers = []
    for value in values:
        number = parse_number(value.strip("'\""))
        if number is not None:
            numbers.append(number)
    return numbers


def source_files(project: Project, directory: Path) -> Iterator[Path]:
    """The files that may hold a proposal of the project *directory* belongs to.

    With a ``conf.py`` whose directory holds *directory*, that directory is the
    source directory: every file Sphinx would read there (walked as Sphinx walks
    it, with the project's ``source_suffix``, ``include_patterns``,
    ``exclude_patterns`` and ``templates_path``). The files of *directory*
    itself always count, first, even where ``exclude_patterns`` leaves them
    out. Without such a ``conf.py`` (none found, or a ``--confdir`` elsewhere)
    there is no source directory to walk: only *directory*'s files count.
    """
    seen: set[Path] = set()
    suffixes = project.source_suffixes
    if directory.is_dir():
        for path in sorted(directory.resolve().iterdir()):
            if path.suffix in suffixes and path.is_file():
                seen.add(path)
                yield path
    if project.conf_py is None:
        return
    srcdir = project.conf_py.parent.resolve()
    if not directory.resolve().is_relative_to(srcdir):
        return
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import get_matching_files

    exclude = [*project.exclude_patterns, *EXCLUDE_PATHS]
    for name in get_matching_files(srcdir, project.include_patterns, exclude):
        path = srcdir / name
        if path.suffix in suffixes and path not in seen:
            yield path


def taken_numbers(paths: Iterable[Path], number_fields: Iterable[str]) -> dict[int, Path]:
    """Number -> the first of *paths* whose proposal uses it.

    Only a file holding a ``pep-header`` is a proposal (SPEC §2). It counts by
    its header's number (options or front matter), and by its name
    (``pep-0012.rst``) where the header gives none.
    """
    fields = tuple(number_fields)
    taken: dict[int, Path] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "pep-header" not in text:
            continue
        numbers = header_numbers(text, fields)
        if not numbers:
            name = _FILE_NUMBER_RE.match(path.stem)
            numbers = [int(name[1])] if name else []
        for number in numbers:
            taken.setdefault(number, path)
    return taken


def file_name_numbers(directory: Path, labels: Iterable[str]) -> set[int]:
    """The numbers in the names of the files named like proposals (``pep-0030.md``).

    The next number goes past these too, so that a file whose name and header
    disagree is never in the way of the next proposal.
    """
    prefixes = {re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") for label in labels}
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


# -- the new proposal ---------------------------------------------------------


@dataclass(frozen=True)
class NewProposal:
    title: str
    template: Template
    number: int
    fmt: str
    authors: tuple[str, ...]
    today: date
    number_width: int = DEFAULT_NUMBER_WIDTH
    #: The built-in whose skeleton and header style to use (``None``: generic).
    base: str | None = None

    @property
    def filename(self) -> str:
        prefix = re.sub(r"[^a-z0-9]+", "-", self.template.label.lower()).strip("-") or "proposal"
        return f"{prefix}-{self.number:0{FILE_NUMBER_WIDTH}d}.{self.fmt}"

    @property
    def proposal_id(self) -> str:
        number = f"{self.number:0{self.number_width}d}" if self.number_width else str(self.number)
        return f"{self.template.label} {number}"

    @property
    def seed(self) -> Mapping[str, Any]:
        return _SEED_HEADERS.get(self.base or "", {})

    @property
    def heading(self) -> str:
        word = self.seed.get("heading_word") or self.proposal_id
        return f"{word}: {self.title}"

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's fields in the seed's order, as ``(name, text)``."""
        template = self.template
        author_field = "authors" if "authors" in template.required_fields else "author"
        authors = ", ".join(self.authors) or self.seed.get("author", "Author Name")
        fields: list[tuple[str, str]] = [
            (template.number_field, str(self.number)),
            ("template", template.name),
            (author_field, authors),
            ("status", template.first_status),
        ]
        seed_fields = {
            name: value.render(template.allowed_values.get(name, ()))
            if isinstance(value, _Choices)
            else value
            for name, value in self.seed.get("fields", {}).items()
        }
        done = {name for name, _ in fields} | {"title", "created", "updated", "number"}
        for name in template.required_fields:
            if name in done or name in seed_fields:
                continue
            allowed = template.allowed_values.get(name)
            seed_fields[name] = f"[{' | '.join(allowed)}]" if allowed else f"[{name}]"
        fields += [(name, value) for name, value in seed_fields.items() if name not in done]
        today = self.today.isoformat()
        fields += [("created", today), ("updated", today)]
        fields += list(self.seed.get("after_dates", {}).items())
        return fields

    def render(self) -> str:
        body = skeleton(self.template, self.base, self.today)
        if self.fmt == "md":
            return self._render_md(body)
        return self._render_rst(markdown_to_rst(body))

    def _render_rst(self, body: str) -> str:
        options = "\n".join(f"   :{name}: {value}" for name, value in self.header_fields())
        optional = self.seed.get("optional", ())
        comment = "".join(f"\n   {line}" for line in optional)
        parts = [
            heading(self.heading, 1),
            f".. pep-header::\n{options}",
            *([f"..{comment}"] if optional else []),
            body.rstrip("\n"),
        ]
        return "\n\n".join(parts) + "\n"

    def _render_md(self, body: str) -> str:
        fields = self.header_fields()
        parts = []
        if self.seed.get("front_matter"):
            # Seed 002: every field in YAML front matter, the header bare.
            yaml = [("title", _yaml_scalar(self.title))]
            for name, value in fields:
                if name == "template":
                    continue
                if name in ("authors", "author"):
                    yaml.append((name, _yaml_list(value)))
                else:
                    yaml.append((name, _yaml_scalar(value)))
            order = ["title", "category", "created", "updated", "status", "authors"]
            yaml.sort(key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
            parts.append("---\n" + "".join(f"{k}: {v}\n" for k, v in yaml) + "---")
            parts.append(f"# {self.heading}")
            parts.append(f"```{{pep-header}}\n:template: {self.template.name}\n```")
        else:
            options = "".join(f":{name}: {value}\n" for name, value in fields)
            parts.append(f"# {self.heading}")
            parts.append(f"```{{pep-header}}\n{options}```")
        optional = self.seed.get("optional", ())
        if optional:
            parts.append("<!--\n" + "\n".join(optional) + "\n-->")
        parts.append(body.rstrip("\n"))
        return "\n\n".join(parts) + "\n"


def _yaml_scalar(text: str) -> str:
    """*text* as a YAML scalar: plain where that reads back as the same string."""
    if re.fullmatch(r"[A-Za-z0-9][\w .,()/'+-]*", text) and not re.fullmatch(
        r"(?i)(true|false|yes|no|on|off|null|~|[\d.+-]+)", text
    ):
        return text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d+", text):
        return text  # dates and numbers: YAML reads them as the seed writes them
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(text: str) -> str:
    items = [item.strip() for item in text.split(",") if item.strip()]
    return "[" + ", ".join(_yaml_scalar(item) for item in items) + "]"


def skeleton(template: Template, base: str | None, today: date) -> str:
    """The Markdown body for *template*: its seed's, plus any required section it lacks.

    ``@TODAY@`` and ``@FIRST_STATUS@`` in a skeleton (seed 000's first status
    history row) become the creation date and the template's first status.
    """
    text = ""
    if base is not None:
        text = (resources.files("sphinxext_pep") / "scaffolds" / f"{base}.md").read_text(
            encoding="utf-8"
        )
    text = text.replace("@TODAY@", today.isoformat()).replace(
        "@FIRST_STATUS@", template.first_status
    )
    present = {
        " ".join(m[1].split()).casefold() for m in re.finditer(r"^#{2,6}\s+(.*)$", text, re.M)
    }
    extra = []
    for name in (*template.required_sections, *template.recommended_sections):
        if " ".join(name.split()).casefold() not in present:
            present.add(" ".join(name.split()).casefold())
            extra.append(f"## {name}\n\n[Write the {name.lower()} of this proposal.]\n")
    return "\n".join(part for part in (text.rstrip("\n"), *extra) if part) + "\n"


def today() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def title_problem(title: str) -> str | None:
    """Why *title* cannot be used, or ``None``."""
    if not title.strip():
        return "the title is empty"
    if "\n" in title or "\r" in title:
        return "the title must be one line"
    if column_width(title) > 200:
        return "the title is longer than 200 characters"
    return None


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
    """Everything ``new`` will write, checked; raises :class:`ScaffoldError`."""
    problem = title_problem(title)
    if problem:
        raise ScaffoldError(problem)
    title = title.strip()
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{_shown(directory)} is not a directory")
    name = template_name or project.default_template
    template = project.templates.get(name)
    if template is None:
        known = ", ".join(project.templates)
        where = (
            f"in {project.conf_py}"
            if project.conf_py
            else "no conf.py found to read pep_templates from (use --confdir)"
        )
        raise ScaffoldError(f"unknown template {name!r} (known: {known}; {where})")
    fmt = fmt or existing_format(directory) or "rst"
    number_fields = {t.number_field for t in project.templates.values()}
    taken = taken_numbers(source_files(project, directory), number_fields)
    if number is None:
        labels = {t.label for t in project.templates.values()}
        number = max({*taken, *file_name_numbers(directory, labels)}, default=0) + 1
    elif number in taken:
        raise ScaffoldError(
            f"number {number} is taken by {_shown(taken[number])}; "
            "leave out --number to get the next free one"
        )
    new = NewProposal(
        title=title,
        template=template,
        number=number,
        fmt=fmt,
        authors=tuple(a.strip() for a in authors if a.strip()),
        today=today(),
        number_width=project.number_width,
        base=project.base_of(template.name),
    )
    target = directory / new.filename
    for clash in (target, target.with_suffix(".rst" if fmt == "md" else ".md")):
        if clash.exists():
            raise ScaffoldError(f"{_shown(clash)} already exists; not overwriting it")
    return new, target


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def write(new: NewProposal, target: Path) -> None:
    """Write *new* to *target*, never over an existing file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(new.render())
    except FileExistsError:
        raise ScaffoldError(f"{_shown(target)} already exists; not overwriting it") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {_shown(target)}: {error.strerror}") from None
