"""``pep-index`` in HTML and elsewhere: the post-transforms that fill it (SPEC §9).

* HTML (:class:`FillIndexHTML`): the full table(s), every row carrying its
  filter and sort keys as ``data-*`` attributes; ``static/pep-index.js``
  (added only to pages holding an index) builds the filter chips, the text
  box and the sort buttons from them. Without JavaScript the table is whole.
* every other builder (:class:`FillIndexPlain`): the same table(s), plain.

Both run before Sphinx's reference resolver: numbers and titles are
``pending_xref`` nodes that the domain resolves, tooltips included.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxext_pep.config import PepSettings, get_settings
from sphinxext_pep.core.fields import (
    COLUMNS,
    DERIVED_COLUMNS,
    FIELDS,
    FILTER_LABELS,
    Field,
    Kind,
)
from sphinxext_pep.domain import get_domain
from sphinxext_pep.index import IndexOptions, pep_index
from sphinxext_pep.index_table import index_nodes, sort_key
from sphinxext_pep.locale import _, ngettext

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from sphinxext_pep.core.model import Proposal


class pep_index_block(nodes.General, nodes.Element):  # noqa: N801
    """HTML: the filled index, with its options as ``data-*`` attributes."""


class pep_index_row(nodes.row):  # noqa: N801
    """HTML: a table row carrying its filter and sort keys."""


#: One encoder for the rows' many small lists (``json.dumps`` with an option
#: makes a new one per call).
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False)

#: The registry's person roles, in order: ``(field, the untranslated role name)``.
_PERSON_ROLES: tuple[tuple[str, str], ...] = tuple(
    (field.name, field.singular or field.label or field.name)
    for field in FIELDS
    if field.is_person_role
)


def _first_of_each_filter() -> tuple[tuple[str, Field], ...]:
    first: dict[str, Field] = {}
    for field in FIELDS:
        if field.filter is not None:
            first.setdefault(field.filter, field)
    return tuple(first.items())


#: ``(filter, its first field)`` in registry order: where a row's ``data-*`` keys come from.
_FILTER_FIELDS = _first_of_each_filter()


def _people_data(proposal: Proposal, roles: dict[str, str] | None = None) -> dict[str, str]:
    """The ``person`` filter keys: everyone with a role on the proposal, with their roles.

    One entry per person (names match case-insensitively), in the registry's
    order of roles; ``person-role`` holds each one's roles, translated
    (*roles*: each role field's translated name, when the caller has them).
    """
    people: dict[str, tuple[str, list[str]]] = {}
    by_field = dict(proposal.people)
    for name, untranslated in _PERSON_ROLES:
        persons = by_field.get(name)
        if not persons:
            continue
        role = roles[name] if roles is not None else _(untranslated)
        for person in persons:
            _name, person_roles = people.setdefault(person.name.casefold(), (person.name, []))
            if role not in person_roles:
                person_roles.append(role)
    encode = _COMPACT_JSON.encode
    return {
        "person": encode(list(people)),
        "person-label": encode([name for name, _roles in people.values()]),
        "person-role": encode([", ".join(person_roles) for _name, person_roles in people.values()]),
    }


def _row_data(
    proposal: Proposal,
    settings: PepSettings,
    shown: tuple[str, ...] = (),
    roles: dict[str, str] | None = None,
) -> dict[str, str]:
    """Filter and sort keys of a row, as ``data-*`` attribute values.

    A derived column's key (the age, which changes with the build date) only
    where the index shows it: every other index page stays the same from day
    to day. *roles* as for :func:`_people_data`.
    """
    pid = settings.proposal_id(proposal.label, proposal.number)
    names = [person.name for _role, people in proposal.people for person in people]
    search = " ".join([pid, str(proposal.number), proposal.title, *names]).lower()
    texts = dict(proposal.fields)
    data: dict[str, str] = {}
    for name, field in _FILTER_FIELDS:
        if name in data:
            continue
        if field.is_person_role:  # several values: JSON lists
            data.update(_people_data(proposal, roles))
            continue
        value = (proposal.status if field.kind is Kind.STATUS else texts.get(field.name)) or ""
        data[name] = value.casefold()
        data[f"{name}-label"] = value
        if field.kind is Kind.STATUS:
            data["status-group"] = proposal.status_group or ""
    data["search"] = search
    # Its id as the text box matches it (``pep-16``: series slug and number), so
    # that every spelling ``:pep:ref:`` accepts (``PEP-0016``, ``pep 16``) finds it.
    if proposal.key is not None:
        data["id"] = f"{proposal.key.series}-{proposal.key.number}"
    for column in COLUMNS:
        if column in DERIVED_COLUMNS and column not in shown:
            continue
        key = sort_key(proposal, column, settings)
        data[f"sort-{column}"] = "" if key is None else str(key)
    return data


def script_messages(total: int) -> str:
    """The text ``pep-index.js`` shows, translated, as JSON for ``data-messages``.

    The script has no catalog: it takes every string from the page. The
    "Showing" line's plural form is chosen here, by *total* (the index's rows,
    fixed at build time), so the language's own plural rules apply;
    the script only fills in ``{shown}``. Filter group names are the fields'
    labels (``Person`` for the people filter, one name per chip).
    """
    messages = {f"filter-{name}": _(label) for name, label in FILTER_LABELS.items()}
    messages.update(
        {
            "controls": _("Filter the proposals"),
            "search": _("Filter by number, title or author"),
            "clear": _("Clear filters"),
            "empty": _("No proposal matches."),
            # A long filter group (people): the button that opens the rest of
            # its values ({count} of them), and the search box of that list.
            "more": _("{count} more"),
            "find": _("Find in the list"),
            "showing": ngettext(
                "Showing {shown} of {total} proposal",
                "Showing {shown} of {total} proposals",
                total,
            ).replace("{total}", str(total)),
            # Read by screen readers: on a column's sort button, on a chip group.
            "sort-hint": _("Sorts the table by this column (press again to reverse)"),
            "chips-hint": _("Arrow keys move between the choices; Space or Enter selects one"),
            "skip": _("Skip to the results"),
            # After the table of a long index, which lists its first rows only:
            # {count} more rows, and all {count} matching rows.
            "rows-more": _("Show {count} more"),
            "rows-all": _("Show all {count}"),
        }
    )
    return json.dumps(messages, ensure_ascii=False, sort_keys=True)


class FillIndexHTML(SphinxPostTransform):
    """HTML: the full table(s) inside a block the script can enhance."""

    default_priority = 7  # after the headers (5, 6), before ReferencesResolver (10)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        indexes = list(self.document.findall(pep_index))
        if not indexes:
            return  # most pages: listing every proposal here would make a build O(N²)
        settings = get_settings(self.config)
        proposals = list(get_domain(self.env).iter_proposals())
        roles = {name: _(untranslated) for name, untranslated in _PERSON_ROLES}
        for node in indexes:
            options: IndexOptions = node["options"]

            def make_row(proposal: Proposal, shown: tuple[str, ...] = options.columns) -> nodes.row:
                row = pep_index_row()
                row["data"] = _row_data(proposal, settings, shown, roles)
                return row

            block = pep_index_block(classes=["pep-index"])
            block["data"] = {
                "filters": ",".join(options.filters),
                "sort": options.sort_spec,
                "default-sort": options.sort_spec,
            }
            block.extend(
                index_nodes(
                    node,
                    proposals,
                    settings,
                    badges=True,
                    make_row=make_row,
                    wrap_group=lambda parts: nodes.container(
                        "", *parts, classes=["pep-index-group"]
                    ),
                    captions=True,
                )
            )
            total = sum(1 for _row in block.findall(pep_index_row))
            block["data"]["messages"] = script_messages(total)
            block.source, block.line = node.source, node.line
            node.replace_self(block)


class FillIndexPlain(SphinxPostTransform):
    """Every other builder: plain table(s), static filters applied."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        indexes = list(self.document.findall(pep_index))
        if not indexes:
            return  # as in FillIndexHTML
        settings = get_settings(self.config)
        proposals = list(get_domain(self.env).iter_proposals())
        for node in indexes:
            replacement = index_nodes(node, proposals, settings, badges=False)
            node.replace_self(replacement)


def _data_attributes(data: dict[str, str]) -> str:
    return "".join(f' data-{key}="{escape(value, quote=True)}"' for key, value in data.items())


def visit_block(self: HTML5Translator, node: pep_index_block) -> None:
    tag = self.starttag(node, "div", "")
    self.body.append(tag.replace("<div", "<div" + _data_attributes(node["data"]), 1))


def depart_block(self: HTML5Translator, node: pep_index_block) -> None:
    self.body.append("</div>\n")


def visit_row(self: HTML5Translator, node: pep_index_row) -> None:
    self.visit_row(node)
    self.body[-1] = self.body[-1].replace("<tr", "<tr" + _data_attributes(node["data"]), 1)


def depart_row(self: HTML5Translator, node: pep_index_row) -> None:
    self.depart_row(node)


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the index script and styles to the pages that hold an index only."""
    if doctree is None or not any(
        block["data"]["filters"] for block in doctree.findall(pep_index_block)
    ):
        return  # no index, or only static ones (":filters: none")
    if app.builder.name.startswith("epub"):
        return  # e-readers run no scripts; the table is complete without them
    app.add_css_file("pep-index.css")
    app.add_js_file("pep-index.js", loading_method="defer")


def setup_index_render(app: Sphinx) -> None:
    app.add_node(pep_index_block, html=(visit_block, depart_block))
    app.add_node(pep_index_row, html=(visit_row, depart_row))
    app.add_post_transform(FillIndexHTML)
    app.add_post_transform(FillIndexPlain)
    app.connect("html-page-context", _add_assets)
