"""``pep-risk-table``: a proposal's risks, with an optional heat map (SPEC §6).

The directive reads rows of pipe-separated cells, so that seed 002's
"Risks and Mitigations" Markdown table pastes in as it is (outer pipes
optional; a header row and a ``|---|`` row skipped; a recognised header row
may also reorder the columns). It builds, at parse time, a format-neutral
table with level badges inside a :class:`pep_risk_table` node that carries the
parsed rows and their problems.

Once the document's proposal is registered (``doctree-read``, priority 650,
after :func:`~sphinxext_pep.header.register_proposal` at 600) the problems
are warned about as ``pep.risk`` at each row's line, with the proposal id in
front, and the rows are stored in the domain (``risks``) as :class:`Risk`
records for ``proposals.json``.

Two post-transforms then unwrap the node, in the sphinx-design manner: the
HTML one (``formats = ("html",)``) puts the probability × impact heat map of
``:matrix:`` in front of the table; the generic one, which runs after it,
leaves every other builder the table alone.

A risk table outside a proposal is allowed (a project-wide risk register is
a fine use): it is rendered and checked like any other, its warnings start
with ``pep-risk-table`` (as ``pep-status-history``'s do), and its rows are
not stored, as they belong to no proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_design.badges_buttons import create_bdg_classes

from sphinxext_pep.badges import level_badge, level_colour
from sphinxext_pep.config import get_settings
from sphinxext_pep.diagnostics import warn
from sphinxext_pep.domain import get_domain
from sphinxext_pep.locale import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

#: The columns of a risk table, in their default order.
COLUMNS = ("risk", "probability", "impact", "mitigation")
#: Their headings (lazy: ``str()`` them).
_COLUMN_TITLES = {
    "risk": _("Risk"),
    "probability": _("Probability"),
    "impact": _("Impact"),
    "mitigation": _("Mitigation"),
}
#: Header cell text (case-folded) that names each column.
_HEADER_NAMES = {
    "risk": "risk",
    "risks": "risk",
    "probability": "probability",
    "likelihood": "probability",
    "impact": "impact",
    "severity": "impact",
    "mitigation": "mitigation",
    "mitigations": "mitigation",
}
#: Mitigation text that says there is none: nothing, a dash (also the em and en
#: dashes as they arrive mis-decoded from the seeds), "n/a", "none", "TBD", "?".
_NO_MITIGATION = frozenset(
    {
        *("", "-", "--", "\u2013", "\u2014", "\u00e2\u20ac\u201d", "\u00e2\u20ac\u201c"),
        *("n/a", "na", "none", "tbd", "?"),
    }
)
_SEPARATOR_CELL_RE = re.compile(r"^\s*:?-+:?\s*$")
_PIPE_RE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Risk:
    """One row of a risk table, as stored in the domain and exported to JSON.

    ``probability`` and ``impact`` are spelled as in ``pep_risk_levels`` when
    they are known levels, as written otherwise.
    """

    risk: str
    probability: str
    impact: str
    mitigation: str
    lineno: int


@dataclass(frozen=True)
class _Problem:
    """A ``pep.risk`` problem found while parsing, warned once the proposal is known."""

    message: str
    source: str
    line: int


class pep_risk_table(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A risk table before rendering: its table, plus what the checks need.

    Attributes: ``risks`` (tuple of :class:`Risk`), ``problems`` (tuple of
    :class:`_Problem`), ``matrix`` (bool), ``levels`` (the levels in order),
    ``cells`` (``(name, probability rank, impact rank, row id)`` of every risk
    the heat map can place) and ``unplaced`` (names of those it cannot).
    """


def split_row(line: str) -> list[str]:
    """The cells of one pipe-separated line; outer pipes optional, ``\\|`` escapes."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE_RE.split(text)]


def _is_separator(cells: Sequence[str]) -> bool:
    return all(_SEPARATOR_CELL_RE.match(cell) for cell in cells) and any(cells)


def _header_columns(cells: Sequence[str]) -> tuple[str, ...] | None:
    """The column order a header row names, if it names every column once."""
    names = tuple(_HEADER_NAMES.get(cell.strip().strip("*_").casefold()) for cell in cells)
    if len(names) == len(COLUMNS) and set(names) == set(COLUMNS):
        return names  # type: ignore[return-value]
    return None


def find_level(value: str, levels: Sequence[str]) -> int | None:
    """The rank (0 = lowest) of *value* among *levels*, case-insensitively."""
    folded = value.strip().casefold()
    for rank, level in enumerate(levels):
        if level.casefold() == folded:
            return rank
    return None


def severity(probability: int, impact: int, count: int) -> str:
    """The heat-map class of a cell: ``low``, ``medium``, ``high`` or ``critical``.

    The score is the product of the two ranks (1-based) over its maximum, so
    the bands keep their meaning whatever the number of levels: with Low /
    Medium / High, Low×Low and Low×Medium are low, Medium×Medium medium,
    Medium×High high and High×High critical.
    """
    if count < 2:
        return "medium"
    score = (probability + 1) * (impact + 1) / (count * count)
    if score >= 1:
        return "critical"
    if score > 0.5:
        return "high"
    if score > 0.25:
        return "medium"
    return "low"


class PepRiskTableDirective(SphinxDirective):
    """``.. pep-risk-table::`` with rows ``| Risk | Probability | Impact | Mitigation |``."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "matrix": directives.flag,
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        settings = get_settings(self.config)
        levels = settings.risk_levels
        serial = self.env.new_serialno("pep-risk-table")
        prefix = nodes.make_id(f"pep-risk-{self.env.docname}-{serial}")

        problems: list[_Problem] = []
        rows: list[tuple[list[str], str, int]] = []  # cells, source, line
        order: tuple[str, ...] = COLUMNS
        lines = list(self.content)
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            source, lineno = self._line_info(index)
            cells = split_row(line)
            if _is_separator(cells):
                continue
            next_cells = self._next_cells(lines, index)
            header = _header_columns(cells)
            if header or (next_cells is not None and _is_separator(next_cells)):
                # A header row; one that names the columns sets their order.
                order = header or order
                continue
            rows.append((cells, source, lineno))

        if not rows:
            problems.append(
                _Problem(
                    "the risk table has no rows; write one "
                    "'| Risk | Probability | Impact | Mitigation |' row per risk",
                    str(self.get_source_info()[0] or ""),
                    self.lineno,
                )
            )

        table, body = self._table(settings)
        risks: list[Risk] = []
        cells_placed: list[tuple[str, int, int, str]] = []
        unplaced: list[str] = []
        for number, (cells, source, lineno) in enumerate(rows, start=1):
            row_id = f"{prefix}-{number}"
            good_count = len(cells) == len(COLUMNS)
            if not good_count:
                problems.append(
                    _Problem(
                        f"a risk-table row has {len(cells)} cell{'s' if len(cells) != 1 else ''}, "
                        f"expected {len(COLUMNS)} "
                        f"({' | '.join(c.capitalize() for c in order)}); "
                        "write a '|' inside a cell as '\\|'",
                        source,
                        lineno,
                    )
                )
                cells = [*cells[: len(COLUMNS) - 1], " | ".join(cells[len(COLUMNS) - 1 :])]
                cells += [""] * (len(COLUMNS) - len(cells))
            values = dict(zip(order, cells, strict=True))
            parsed = {
                column: self._inline(values[column], lineno) for column in ("risk", "mitigation")
            }
            # Text as written: a markup error's system_message is not part of it.
            name = "".join(
                n.astext() for n in parsed["risk"] if not isinstance(n, nodes.system_message)
            ).strip()
            mitigation = "".join(
                n.astext() for n in parsed["mitigation"] if not isinstance(n, nodes.system_message)
            ).strip()
            label = repr(name) if name else f"in row {number}"

            ranks: dict[str, int | None] = {}
            shown: dict[str, str] = {}
            for column in ("probability", "impact"):
                written = values[column].strip()
                rank = find_level(written, levels)
                ranks[column] = rank
                shown[column] = levels[rank] if rank is not None else written
                if good_count and rank is None:
                    what = f"unknown {column} {written!r}" if written else f"no {column} given"
                    problems.append(
                        _Problem(
                            f"risk {label}: {what}; the levels are {', '.join(levels)} "
                            "(set pep_risk_levels to change them)",
                            source,
                            lineno,
                        )
                    )
            if (
                good_count
                and ranks["impact"] == len(levels) - 1
                and mitigation.casefold() in _NO_MITIGATION
            ):
                problems.append(
                    _Problem(
                        f"risk {label} has {levels[-1]} impact but no mitigation; "
                        "say in the Mitigation column how it is handled",
                        source,
                        lineno,
                    )
                )

            row = nodes.row(ids=[row_id])
            row += self._entry(parsed["risk"], values["risk"], source, lineno)
            for column in ("probability", "impact"):
                badge = level_badge(shown[column], levels) if shown[column] else None
                row += self._entry([badge] if badge is not None else [])
            row += self._entry(parsed["mitigation"], values["mitigation"], source, lineno)
            body += row

            unnamed = _("Row {number}").format(number=number)
            if good_count:
                risks.append(Risk(name, shown["probability"], shown["impact"], mitigation, lineno))
                probability, impact = ranks["probability"], ranks["impact"]
                if probability is not None and impact is not None:
                    cells_placed.append((name or unnamed, probability, impact, row_id))
                else:
                    unplaced.append(name or unnamed)
            else:
                unplaced.append(name or unnamed)

        node = pep_risk_table(
            "",
            table,
            risks=tuple(risks),
            problems=tuple(problems),
            matrix="matrix" in self.options,
            levels=tuple(levels),
            cells=tuple(cells_placed),
            unplaced=tuple(unplaced),
            caption=self.options.get("caption", ""),
        )
        node.source, node.line = self.get_source_info()
        table.source, table.line = node.source, node.line
        self.add_name(table)
        return [node]

    def _line_info(self, index: int) -> tuple[str, int]:
        """The source file and 1-based line of content line *index*.

        docutils keeps each line's own file and offset (right inside an
        ``include``); MyST numbers its content from 0 and gives
        ``content_offset`` relative to the directive's opening line.
        """
        source, offset = self.content.info(index)
        if type(self.state).__module__.startswith("myst_parser"):
            lineno = self.lineno + 1 + self.content_offset + index
        else:
            lineno = (offset or 0) + 1
        return str(source or self.env.doc2path(self.env.docname)), lineno

    @staticmethod
    def _next_cells(lines: Sequence[str], index: int) -> list[str] | None:
        for line in lines[index + 1 :]:
            if line.strip():
                return split_row(line)
        return None

    def _inline(self, text: str, lineno: int) -> list[nodes.Node]:
        if not text:
            return []
        parsed, messages = self.state.inline_text(text, lineno)
        return [*parsed, *messages]

    @staticmethod
    def _entry(
        children: Sequence[nodes.Node], text: str = "", source: str = "", line: int = 0
    ) -> nodes.entry:
        # With its text and location, a cell is a message for Sphinx's gettext
        # builder and is translated by its Locale transform (locale_dirs).
        paragraph = nodes.paragraph(text.strip())
        if text.strip():
            paragraph.source, paragraph.line = source, line
        paragraph.extend(children)
        return nodes.entry("", paragraph)

    def _table(self, settings: Any) -> tuple[nodes.table, nodes.tbody]:
        classes = ["pep-risk-table", "colwidths-auto", *self.options.get("class", [])]
        table = nodes.table(classes=classes)
        caption = self.options.get("caption")
        if caption:
            title_nodes, messages = self.state.inline_text(caption, self.lineno)
            table += nodes.title(caption, "", *title_nodes)
            table += messages
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        for width, column in zip((30, 12, 12, 46), COLUMNS, strict=True):
            # Wide enough for the heading in the project's language (text builder).
            width = max(width, column_width(str(_COLUMN_TITLES[column])))
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        header = nodes.row()
        for column in COLUMNS:
            title = str(_COLUMN_TITLES[column])
            header += nodes.entry("", nodes.paragraph(title, title))
        head += header
        body = nodes.tbody()
        group += body
        return table, body


def check_risks(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about the document's risk-table problems and store its risks (``doctree-read``)."""
    env = app.env
    tables = list(doctree.findall(pep_risk_table))
    if not tables:
        return
    settings = get_settings(env.config)
    domain = get_domain(env)
    proposal = domain.proposal_of(env.docname)
    if proposal is not None:
        prefix = settings.proposal_id(proposal.label, proposal.number)
        exempt = proposal.exempt
    else:
        # Like pep-status-history outside a proposal: the directive's name.
        prefix, exempt = "pep-risk-table", frozenset()
    risks: list[Risk] = []
    for table in tables:
        for problem in table["problems"]:
            where = nodes.Element()
            where.source, where.line = problem.source, problem.line
            warn("risk", f"{prefix}: {problem.message}", where, exempt=exempt)
        risks.extend(table["risks"])
    if proposal is not None:
        domain.set_doc_data("risks", env.docname, tuple(risks))


# -- rendering ---------------------------------------------------------------


def _badge_html(level: str, levels: Sequence[str]) -> str:
    classes = create_bdg_classes(level_colour(level, levels), outline=False)
    return f'<span class="{" ".join(classes)} pep-level">{escape(level)}</span>'


#: The heat map's severity bands, as shown (the keys are its CSS classes).
_BANDS = {
    "low": _("low"),
    "medium": _("medium"),
    "high": _("high"),
    "critical": _("critical"),
}


def heat_map_html(
    levels: Sequence[str],
    cells: Sequence[tuple[str, int, int, str]],
    unplaced: Sequence[str],
    caption: str = "",
) -> str:
    """The heat map: impact rows (highest on top) × probability columns.

    A real table: a caption, column and row headers with scopes, and in each
    cell the number of risks and their names (linked to their rows), so the
    colour is never the only carrier of meaning.
    """
    count = len(levels)
    grid: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for name, probability, impact, row_id in cells:
        grid.setdefault((probability, impact), []).append((name, row_id))
    total = len(cells) + len(unplaced)
    if caption:
        title = ngettext(
            "{caption} \u2013 risk heat map: {count} risk by probability and impact",
            "{caption} \u2013 risk heat map: {count} risks by probability and impact",
            total,
        ).format(caption=caption, count=total)
    else:
        title = ngettext(
            "Risk heat map: {count} risk by probability and impact",
            "Risk heat map: {count} risks by probability and impact",
            total,
        ).format(count=total)
    out = [
        '<div class="pep-risk-matrix-wrap">',
        '<table class="pep-risk-matrix">',
        f"<caption>{escape(title)}</caption>",
        "<thead>",
        '<tr><td class="pep-rm-corner" colspan="2" rowspan="2"></td>'
        f'<th class="pep-rm-axis pep-rm-axis-x" colspan="{count}" scope="colgroup">'
        f"{escape(_('Probability'))} \u2192</th></tr>",
        "<tr>",
    ]
    for level in levels:
        out.append(f'<th class="pep-rm-level" scope="col">{_badge_html(level, levels)}</th>')
    out += ["</tr>", "</thead>", "<tbody>"]
    for impact in reversed(range(count)):
        out.append("<tr>")
        if impact == count - 1:
            out.append(
                f'<th class="pep-rm-axis pep-rm-axis-y" rowspan="{count}" scope="rowgroup">'
                f"<span>{escape(_('Impact'))} \u2192</span></th>"
            )
        level = levels[impact]
        out.append(f'<th class="pep-rm-level" scope="row">{_badge_html(level, levels)}</th>')
        for probability in range(count):
            band = severity(probability, impact, count)
            shown_band = str(_BANDS[band])
            found = grid.get((probability, impact), [])
            tip = ngettext(
                "Probability {probability}, impact {impact}: {count} risk (severity {band})",
                "Probability {probability}, impact {impact}: {count} risks (severity {band})",
                len(found),
            ).format(
                probability=levels[probability], impact=level, count=len(found), band=shown_band
            )
            classes = f"pep-rm-cell pep-rm-{band}" + ("" if found else " pep-rm-empty")
            out.append(f'<td class="{classes}" title="{escape(tip)}">')
            if found:
                # Screen readers hear the count and these words as one phrase.
                words = ngettext(
                    "risk, severity {band}:", "risks, severity {band}:", len(found)
                ).format(band=shown_band)
                out.append(
                    f'<span class="pep-rm-count">{len(found)}'
                    f'<span class="pep-rm-sr"> {escape(words)}</span></span>'
                )
                out.append('<ul class="pep-rm-names">')
                for name, row_id in found:
                    out.append(f'<li><a href="#{escape(row_id)}">{escape(name)}</a></li>')
                out.append("</ul>")
            else:
                words = _("no risks, severity {band}").format(band=shown_band)
                out.append(f'<span class="pep-rm-sr">{escape(words)}</span>')
            out.append("</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    legend = " ".join(
        f'<span class="pep-rm-swatch pep-rm-{band}">{escape(str(label))}</span>'
        for band, label in _BANDS.items()
    )
    heading = escape(_("Severity (probability \u00d7 impact):"))
    out.append(f'<p class="pep-rm-legend">{heading} {legend}</p>')
    if unplaced:
        names = ", ".join(escape(name) for name in unplaced)
        heading = escape(_("Not in the heat map (a level is unknown or the row is malformed):"))
        out.append(f'<p class="pep-rm-unplaced">{heading} {names}</p>')
    out.append("</div>")
    return "\n".join(out)


class RenderRiskTablesHTML(SphinxPostTransform):
    """HTML: the heat map (with ``:matrix:``) in front of the table."""

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_risk_table)):
            replacement: list[nodes.Node] = []
            if node["matrix"]:
                # The names as the table shows them: translated (locale_dirs), if so.
                shown = {
                    row["ids"][0]: row[0].astext().strip()
                    for row in node.findall(nodes.row)
                    if row["ids"]
                }
                cells = [
                    (shown.get(row_id) or name, probability, impact, row_id)
                    for name, probability, impact, row_id in node["cells"]
                ]
                html = heat_map_html(
                    node["levels"], cells, node["unplaced"], node.get("caption", "")
                )
                raw = nodes.raw("", html, format="html")
                raw.source, raw.line = node.source, node.line
                replacement.append(raw)
            replacement.extend(node.children)
            node.replace_self(replacement)


class RenderRiskTablesPlain(SphinxPostTransform):
    """Every other builder: the table alone."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pep_risk_table)):
            node.replace_self(node.children)


def setup_risk(app: Sphinx) -> None:
    app.add_node(pep_risk_table)
    app.add_directive("pep-risk-table", PepRiskTableDirective)
    app.connect("doctree-read", check_risks, priority=650)
    app.add_post_transform(RenderRiskTablesHTML)
    app.add_post_transform(RenderRiskTablesPlain)
