"""Proposal templates: the rule sets a proposal is checked against (SPEC §2, §3).

A template is data, never a code path: every check reads its limits, names and
lists from a :class:`Template`, so a project adds a fourth template through
``pep_templates`` without touching this package. The three built-ins below are
transcribed from the seeds in ``shared/seeds/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Status groups, in lifecycle order. Each gives a status its badge colour and
#: drives the lifecycle and dependency checks.
STATUS_GROUPS: tuple[str, ...] = ("open", "accepted", "done", "closed", "deferred")


@dataclass(frozen=True)
class StatusDef:
    """One status of a template, in the template's own spelling."""

    name: str
    group: str


@dataclass(frozen=True)
class Rule:
    """One cross-field rule of a template (``pep_templates`` key ``rules``).

    When every condition of *when* holds (a field's value is one of the
    listed ones; ``status-group`` is the status's group), the fields of
    *require* must be set and each field of *allow* may only take its listed
    values. Values are in the template's spelling; :mod:`sphinxext_pep.core.rules`
    reads and checks them.
    """

    #: The rule's place in ``rules``, which the warnings name (``rules[0]``).
    index: int
    when: tuple[tuple[str, tuple[str, ...]], ...]
    require: tuple[str, ...] = ()
    allow: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class IndexCategory:
    """One PEP 0-style category (``pep_templates`` key ``index_categories``).

    A proposal is in the first category whose *when* holds, as a rule's
    ``when`` does; ``pep-index :group-by: index-category`` lists them in order.
    """

    name: str
    when: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Template:
    """A named rule set for proposals (SPEC §2)."""

    name: str
    label: str
    number_field: str
    statuses: tuple[StatusDef, ...]
    first_status: str
    required_fields: tuple[str, ...] = ()
    #: field -> the values it may take; a field not listed here is free text.
    allowed_values: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    required_sections: tuple[str, ...] = ()
    recommended_sections: tuple[str, ...] = ()
    #: An explicit lifecycle (status -> statuses it may move to). ``None`` means
    #: the group rule of SPEC §3, plus ``extra_transitions``.
    transitions: Mapping[str, tuple[str, ...]] | None = None
    extra_transitions: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: status -> header fields a proposal in that status must carry.
    status_requires: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: A status or a status group -> header fields that become required there
    #: (a missing one is ``pep.header`` at the status line). A key that is one
    #: of the template's statuses is that status; any other is a group.
    required_by_status: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    abstract_section: str = "Abstract"
    abstract_max_words: int | None = None
    title_max_chars: int | None = None
    #: Whether a discussion (``:discussions:``) dated before ``:created:`` is a
    #: ``pep.date`` warning. Off where discussion precedes the number, as in
    #: Python's process: ``Created`` is when PEP 1 assigns the number.
    discussions_after_created: bool = True
    #: The section whose ``[ ]`` items must all be ticked once a proposal is done.
    criteria_section: str | None = None
    #: Words a document heading may start with before the title
    #: (``Enhancement: Title``); the label is always one of them.
    title_words: tuple[str, ...] = ()
    #: The notice at the top of a proposal's page (``pep_templates`` key
    #: ``banners``): status or status group -> the template's own text, or
    #: ``None`` for no banner there. ``None`` as a whole: no banners at all.
    banners: Mapping[str, str | None] | None = field(default_factory=lambda: MappingProxyType({}))
    #: Cross-field rules (``pep_templates`` key ``rules``), in the order written.
    rules: tuple[Rule, ...] = ()
    #: PEP 0-style categories computed from the fields (key ``index_categories``).
    index_categories: tuple[IndexCategory, ...] = ()

    def find_status(self, value: str) -> StatusDef | None:
        """The status matching *value* case-insensitively, or ``None``."""
        wanted = value.strip().casefold()
        for status in self.statuses:
            if status.name.casefold() == wanted:
                return status
        return None

    def canonical_value(self, field_name: str, value: str) -> str | None:
        """*value* in the template's spelling, or ``None`` if not allowed.

        Free-text fields return *value* unchanged.
        """
        allowed = self.allowed_values.get(field_name)
        if allowed is None:
            return value
        wanted = value.strip().casefold()
        for candidate in allowed:
            if candidate.casefold() == wanted:
                return candidate
        return None

    def next_statuses(self, current: str) -> tuple[str, ...]:
        """The statuses a proposal in *current* may move to (SPEC §3)."""
        status = self.find_status(current)
        if status is None:
            return ()
        if self.transitions is not None:
            return self.transitions.get(status.name, ())
        order = [s.name for s in self.statuses]
        allowed: list[str] = []
        for other in self.statuses:
            if other.name == status.name:
                continue
            if status.group == "open":
                allowed.append(other.name)
            elif status.group == "accepted":
                later = order.index(other.name) > order.index(status.name)
                if other.group in ("done", "closed", "deferred") or (
                    other.group == "accepted" and later
                ):
                    allowed.append(other.name)
            elif status.group == "deferred" and other.group in ("open", "closed"):
                allowed.append(other.name)
            # done and closed allow nothing by the group rule.
        for extra in self.extra_transitions.get(status.name, ()):
            if extra not in allowed:
                allowed.append(extra)
        return tuple(allowed)

    def required_for(self, status: str) -> tuple[str, ...]:
        """The fields ``required_by_status`` asks in *status*: the status's and its group's."""
        found = self.find_status(status)
        if found is None:
            return ()
        needed: list[str] = []
        for key, fields in self.required_by_status.items():
            own = key.casefold() == found.name.casefold()
            group = key == found.group and self.find_status(key) is None
            if own or group:
                needed.extend(name for name in fields if name not in needed)
        return tuple(needed)

    def may_move(self, current: str, new: str) -> bool:
        target = self.find_status(new)
        return target is not None and target.name in self.next_statuses(current)


def _statuses(*pairs: tuple[str, str]) -> tuple[StatusDef, ...]:
    return tuple(StatusDef(name, group) for name, group in pairs)


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in mapping.items()})


BUILTIN_TEMPLATES: Mapping[str, Template] = MappingProxyType(
    {
        # seed 000: the lean PEP with a risk rating and acceptance criteria.
        "pep": Template(
            name="pep",
            label="PEP",
            number_field="pep",
            required_fields=("pep", "title", "author", "status", "risk", "created"),
            statuses=_statuses(
                ("Proposed", "open"),
                ("Accepted", "accepted"),
                ("Implementing", "accepted"),
                ("Implemented", "done"),
                ("Rejected", "closed"),
                ("Withdrawn", "closed"),
                ("Deferred", "deferred"),
            ),
            first_status="Proposed",
            allowed_values=_frozen({"risk": ("Low", "Medium", "High")}),
            required_sections=(
                "Problem Statement",
                "Proposed Solution",
                "Rationale",
                "Alternatives Considered",
                "Impact Assessment",
                "Out of Scope",
                "Acceptance Criteria",
                "Status History",
            ),
            criteria_section="Acceptance Criteria",
        ),
        # seed 001: the long-form PEP with abstract and title limits.
        "pep-full": Template(
            name="pep-full",
            label="PEP",
            number_field="pep",
            required_fields=("pep", "title", "author", "status", "type", "created"),
            statuses=_statuses(
                ("Draft", "open"),
                ("Discussion", "open"),
                ("Accepted", "accepted"),
                ("Final", "done"),
                ("Rejected", "closed"),
                ("Withdrawn", "closed"),
                ("Superseded", "closed"),
                ("Deferred", "deferred"),
            ),
            first_status="Draft",
            allowed_values=_frozen({"type": ("Standard", "Informational", "Process")}),
            required_sections=(
                "Abstract",
                "Motivation",
                "Specification",
                "Implementation",
            ),
            recommended_sections=(
                "Rationale",
                "Impact Analysis",
                "Alternatives Considered",
            ),
            extra_transitions=_frozen({"Final": ("Superseded",)}),
            status_requires=_frozen({"Superseded": ("superseded-by",)}),
            # Where the decision was recorded, once one was taken (a withdrawn
            # proposal has none; a superseded one names its successor); the
            # release a finished proposal shipped in.
            required_by_status=_frozen(
                {"accepted": ("resolution",), "Rejected": ("resolution",), "done": ("shipped",)}
            ),
            abstract_max_words=300,
            title_max_chars=50,
        ),
        # seed 002: the MyST enhancement RFC with YAML front matter.
        "enhancement": Template(
            name="enhancement",
            label="RFC",
            number_field="rfc",
            required_fields=(
                "rfc",
                "title",
                "authors",
                "status",
                "category",
                "created",
            ),
            statuses=_statuses(
                ("proposed", "open"),
                ("accepted", "accepted"),
                ("implemented", "done"),
                ("rejected", "closed"),
                ("withdrawn", "closed"),
                ("deferred", "deferred"),
            ),
            first_status="proposed",
            required_sections=(
                "Executive Summary",
                "Motivation",
                "Proposed Solution",
                "Alternatives Considered",
                "Impact Analysis",
                "Implementation Plan",
                "Testing Plan",
            ),
            recommended_sections=(
                "Risks and Mitigations",
                "Open Questions",
                "References",
            ),
            title_words=("Enhancement",),
        ),
    }
)
