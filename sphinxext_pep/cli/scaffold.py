"""The text of a new proposal: its template's header and sections (``sphinx-pep new``).

The body of a new proposal is the seed's own skeleton, shipped as Markdown in
``sphinxext_pep/cli/scaffolds/<template>.md`` (the seed's sections and
instruction text, unchanged but for the few links that cannot resolve in a
user's project) and converted to RST by :mod:`sphinxext_pep.cli.markdown_rst`
for ``--format rst``. The header is written from the template itself: its
number field, its first status, today's date, and for the fields the author
must choose (``risk``, ``type``) the seed's placeholder, so the build reports
every piece of guidance text (``pep.placeholder``, ``pep.section``) until the
author replaces it.

A template that exists only in a project's ``pep_templates`` gets its
required and recommended sections, each holding one bracketed instruction, or
the skeleton of the built-in it extends. Which number and file the proposal
gets is :mod:`sphinxext_pep.cli.new`'s business.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from docutils.utils import column_width

from sphinxext_pep.cli.markdown_rst import heading, markdown_to_rst
from sphinxext_pep.core.settings import DEFAULT_NUMBER_WIDTH
from sphinxext_pep.core.template_schema import DEFAULT_RISK_LEVELS
from sphinxext_pep.core.templates import Template
from sphinxext_pep.core.values import series_slug

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
    #: ``pep_risk_levels``: the choices a risk table's level cells offer.
    risk_levels: tuple[str, ...] = DEFAULT_RISK_LEVELS

    @property
    def filename(self) -> str:
        prefix = series_slug(self.template.label)  # as the proposal's anchor
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
        """The document title as it reads: the title as given."""
        return self._heading(self.title)

    def _heading(self, title: str) -> str:
        word = self.seed.get("heading_word") or self.proposal_id
        return f"{word}: {title}"

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
        body = skeleton(self.template, self.base, self.today, self.risk_levels)
        if self.fmt == "md":
            return self._render_md(body)
        return self._render_rst(markdown_to_rst(body))

    def _render_rst(self, body: str) -> str:
        options = "\n".join(f"   :{name}: {value}" for name, value in self.header_fields())
        optional = self.seed.get("optional", ())
        comment = "".join(f"\n   {line}" for line in optional)
        parts = [
            heading(self._heading(escape_rst(self.title)), 1),
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
            parts.append(f"# {self._heading(escape_md(self.title))}")
            parts.append(f"```{{pep-header}}\n:template: {self.template.name}\n```")
        else:
            options = "".join(f":{name}: {value}\n" for name, value in fields)
            parts.append(f"# {self._heading(escape_md(self.title))}")
            parts.append(f"```{{pep-header}}\n{options}```")
        optional = self.seed.get("optional", ())
        if optional:
            parts.append("<!--\n" + "\n".join(optional) + "\n-->")
        parts.append(body.rstrip("\n"))
        return "\n\n".join(parts) + "\n"


#: What starts or ends inline markup in an RST title: emphasis and strong
#: (``*``), literals, roles and interpreted text (a backtick), references,
#: targets and footnotes (``_``: ``word_``, ``[e]_``), substitutions (``|``),
#: and the escape itself. Anything else in a title is text.
_RST_MARKUP_RE = re.compile(r"([\\*`_|])")
#: The same in a MyST heading: CommonMark's emphasis, code, links and images,
#: autolinks and HTML, entities, MyST's roles and substitutions (braces),
#: math (``$``) and strikethrough (``~``) where enabled, and a closing ``#``.
_MD_MARKUP_RE = re.compile(r"([\\`*_\[\]<>&{}$~#])")


def escape_rst(text: str) -> str:
    """*text* as RST inline text that reads back as *text* (``*a*`` -> ``\\*a\\*``)."""
    return _RST_MARKUP_RE.sub(r"\\\1", text)


def escape_md(text: str) -> str:
    """*text* as MyST inline text that reads back as *text* (a backslash per mark)."""
    return _MD_MARKUP_RE.sub(r"\\\1", text)


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


def skeleton(
    template: Template,
    base: str | None,
    today: date,
    risk_levels: tuple[str, ...] = DEFAULT_RISK_LEVELS,
) -> str:
    """The Markdown body for *template*: its seed's, plus any required section it lacks.

    ``@TODAY@`` and ``@FIRST_STATUS@`` in a skeleton (seed 000's first status
    history row) become the creation date and the template's first status;
    ``@RISK_LEVELS@`` (seed 002's risk table, ``High/Medium/Low`` in the seed)
    the project's risk levels to choose from, ``Low / Medium / High``, which
    the build reports as the template's placeholder until one is chosen.
    """
    text = ""
    if base is not None:
        text = (resources.files("sphinxext_pep.cli") / "scaffolds" / f"{base}.md").read_text(
            encoding="utf-8"
        )
    text = (
        text.replace("@TODAY@", today.isoformat())
        .replace("@FIRST_STATUS@", template.first_status)
        .replace("@RISK_LEVELS@", _Choices(" / ").render(risk_levels))
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
