"""Which notice a proposal's page opens with: its banner (issue 16).

A reader who lands on a closed, deferred or superseded proposal should know
at once that it is not the current word, as the PEP site says "Superseded by
PEP 0012" at the top of a superseded PEP. The banner is chosen here from the
proposal's status group and its effective ``superseded-by`` relation, so
every template gets it; a template may switch banners off, or set its own
text per status or group (``pep_templates`` key ``banners``, read by
:func:`read_banners`). The Sphinx side (:mod:`sphinxext_pep.banners`)
writes the notice, translated, in every builder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.templates import STATUS_GROUPS, Template
from sphinxext_pep.core.text import has_forbidden_characters
from sphinxext_pep.core.values import ProposalKey


class BannerKind(StrEnum):
    """What a banner says; each has its own sentence and CSS class."""

    #: Another proposal replaces this one (its effective ``superseded-by``).
    SUPERSEDED = "superseded"
    #: Closed (rejected, withdrawn ...): kept for the record.
    CLOSED = "closed"
    #: On hold; may be taken up again.
    DEFERRED = "deferred"
    #: A status the built-in rule gives no banner, with the template's own text.
    NOTICE = "notice"


#: The status groups that have a banner by default (besides a superseded proposal).
_GROUP_KINDS: Mapping[str, BannerKind] = MappingProxyType(
    {"closed": BannerKind.CLOSED, "deferred": BannerKind.DEFERRED}
)


@dataclass(frozen=True)
class Banner:
    """The notice of one proposal's page."""

    kind: BannerKind
    #: The proposal's status group: the banner's colour.
    group: str
    #: The status, in the template's spelling (the banner's title).
    status: str
    #: The proposals that replace this one, in the order the relation lists them.
    superseded_by: tuple[ProposalKey, ...] = ()
    #: The template's own text for this status, or ``None`` for the built-in sentence.
    text: str | None = None
    #: The ``resolution`` field (a URL or text), where the decision is recorded.
    resolution: str | None = None


def banner_for(
    proposal: Proposal, template: Template | None, superseded_by: tuple[ProposalKey, ...] = ()
) -> Banner | None:
    """*proposal*'s banner, or ``None`` when its page needs none.

    A proposal with a ``superseded-by`` (its own or implied by another's
    ``supersedes``) that is no longer open is *superseded*; otherwise a
    closed or deferred one has its group's banner. The template's
    ``banners`` may give a status (or group) its own text, a banner where
    the rule gives none, or none at all. An unknown status has no banner: a
    ``pep.status`` warning already says what is wrong.
    """
    group = proposal.status_group
    if template is None or template.banners is None or group is None:
        return None
    status = template.find_status(proposal.status)
    name = status.name if status is not None else proposal.status
    configured = template.banners
    custom_key = next((key for key in (name, group) if key in configured), None)
    if custom_key is not None and configured[custom_key] is None:
        return None  # switched off for this status or group
    text = configured[custom_key] if custom_key is not None else None
    if superseded_by and group != "open":
        kind = BannerKind.SUPERSEDED
    elif group in _GROUP_KINDS:
        kind = _GROUP_KINDS[group]
    elif text is not None:
        kind = BannerKind.NOTICE
    else:
        return None
    return Banner(
        kind=kind,
        group=group,
        status=name,
        superseded_by=superseded_by if kind is BannerKind.SUPERSEDED else (),
        text=text,
        resolution=proposal.field("resolution") or None,
    )


class BannerError(ValueError):
    """A ``banners`` value no template can use: *key* (``['Rejected']`` or ``""``) and why."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def read_banners(value: Any, template: Template) -> Mapping[str, str | None] | None:
    """A template's ``banners`` as written in ``pep_templates``, checked.

    ``None`` or ``False``: no banners. A dict maps a status of the template
    or a status group (matched case-insensitively; a status before a group
    of the same name) to the banner's own text, or to ``None``/``False`` for
    no banner there. Keys come back in the template's spelling.
    """
    if value is None or value is False:
        return None
    if not isinstance(value, Mapping):
        raise BannerError(
            "",
            "expected a dict of status or status group to text (or None for no banner), "
            f"or None/False for no banners at all; got {value!r}",
        )
    banners: dict[str, str | None] = {}
    for key, text in value.items():
        where = f"[{key!r}]"
        if not isinstance(key, str) or not key.strip():
            raise BannerError(where, "expected a status or status group name")
        status = template.find_status(key)
        folded = key.strip().casefold()
        if status is not None:
            name = status.name
        elif folded in STATUS_GROUPS:
            name = folded
        else:
            known = ", ".join(s.name for s in template.statuses)
            raise BannerError(
                where,
                f"{key!r} is neither a status of the template ({known}) nor a status "
                f"group ({', '.join(STATUS_GROUPS)})",
            )
        if name in banners:
            raise BannerError(where, f"{name!r} is given twice (names match case-insensitively)")
        if text is None or text is False:
            banners[name] = None
        elif isinstance(text, str) and has_forbidden_characters(text):
            # Written into every page of that status: a lone surrogate as the
            # invalid reference &#55296;, a control character ill-formed XHTML.
            raise BannerError(
                where,
                "the text holds a control character, U+FFFE/U+FFFF or a lone surrogate, "
                "which no output can hold (write plain text)",
            )
        elif isinstance(text, str) and text.strip():
            banners[name] = " ".join(text.split())
        else:
            raise BannerError(
                where, f"expected the banner's text, or None for no banner; got {text!r}"
            )
    return MappingProxyType(banners)
