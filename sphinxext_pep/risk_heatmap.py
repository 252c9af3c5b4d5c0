"""Rendering ``pep-risk-table``: the probability × impact heat map (SPEC §6).

Two post-transforms unwrap each :class:`~sphinxext_pep.risk.pep_risk_table`
node, in the sphinx-design manner: the HTML one (``formats = ("html",)``) puts
the heat map of ``:matrix:`` in front of the table; the generic one, which
runs after it, leaves every other builder the table alone.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.badges_buttons import create_bdg_classes

from sphinxext_pep.badges import level_colour

# The axis titles are the table's column titles (one message each, N_-marked
# in the core; no _() inside an f-string, which Babel reads only on 3.12+).
from sphinxext_pep.core.risks import COLUMN_TITLES, severity
from sphinxext_pep.locale import _, ngettext
from sphinxext_pep.risk import pep_risk_table

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx


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
        f"{escape(_(COLUMN_TITLES['probability']))} \u2192</th></tr>",
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
                f"<span>{escape(_(COLUMN_TITLES['impact']))} \u2192</span></th>"
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


def setup_risk_render(app: Sphinx) -> None:
    app.add_post_transform(RenderRiskTablesHTML)
    app.add_post_transform(RenderRiskTablesPlain)
