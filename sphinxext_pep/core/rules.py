"""Cross-field template rules (``pep_templates`` key ``rules``): read, then checked.

A rule says what a proposal must or may hold once other fields have certain
values -- PEP 1's "Resolution is required for Standards Track PEPs that are
Accepted, Final or Rejected" is ``{"when": {"type": "Standards Track",
"status": ["Accepted", "Final", "Rejected"]}, "require": ["resolution"]}``.
Reading names the faulty key (:class:`RuleError`, which the template reader
turns into its ``pep.config`` error); checking is pure, one proposal at a
time, each broken rule one located :class:`~sphinxext_pep.core.problems.Problem`.

``index_categories`` (PEP 0's Meta-PEPs, Finished PEPs, ...) share a rule's
``when``: a proposal is in the first category whose ``when`` holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sphinxext_pep.core.fields import REQUIRABLE_BY_STATUS_GROUP, TEXT_FIELDS
from sphinxext_pep.core.model import Proposal
from sphinxext_pep.core.problems import Problem, Subtype
from sphinxext_pep.core.templates import STATUS_GROUPS, IndexCategory, Rule, Template
from sphinxext_pep.core.text import has_forbidden_characters

#: The keys of one rule.
RULE_KEYS = ("when", "require", "allow")
#: What a ``when`` may test: the status, its group, or a field with a value of its own.
CONDITION_FIELDS: tuple[str, ...] = ("status", "status-group", *TEXT_FIELDS)
#: What an ``allow`` may restrict: the status or a field with a value of its own.
ALLOWABLE_FIELDS: tuple[str, ...] = ("status", *TEXT_FIELDS)


class RuleError(Exception):
    """A rule that cannot be read: *key* is the place under ``rules`` (``[0]['when']``)."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(problem)
        self.key = key


def read_rules(value: Any, template: Template) -> tuple[Rule, ...]:
    """The ``rules`` of *template* (already read: its statuses and value lists are final)."""
    if not isinstance(value, list | tuple):
        raise RuleError("", f"expected a list of rules, got {value!r}")
    return tuple(_read_rule(index, raw, template) for index, raw in enumerate(value))


def read_index_categories(value: Any, template: Template) -> tuple[IndexCategory, ...]:
    """The ``index_categories`` of *template*: ``[{"name": ..., "when": {...}}, ...]``."""
    if not isinstance(value, list | tuple):
        raise RuleError("", f"expected a list of categories, got {value!r}")
    categories: list[IndexCategory] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(value):
        here = f"[{index}]"
        if not isinstance(raw, Mapping) or set(raw) != {"name", "when"}:
            raise RuleError(here, f"expected a dict with 'name' and 'when', got {raw!r}")
        name = raw["name"]
        if not isinstance(name, str) or not name.strip() or has_forbidden_characters(name):
            raise RuleError(f"{here}['name']", f"expected the category's name, got {name!r}")
        name = " ".join(name.split())
        if name.casefold() in seen:
            raise RuleError(
                f"{here}['name']", f"{seen[name.casefold()]!r} and {name!r} are the same category"
            )
        seen[name.casefold()] = name
        when = _read_values(f"{here}['when']", raw["when"], CONDITION_FIELDS, template)
        if not when:
            raise RuleError(f"{here}['when']", "expected a non-empty dict of field -> values")
        categories.append(IndexCategory(name, when))
    return tuple(categories)


def index_category(proposal: Proposal, template: Template) -> str | None:
    """The first of *template*'s ``index_categories`` *proposal* is in, or ``None``."""
    for category in template.index_categories:
        if all(_holds(_value_of(proposal, f), values) for f, values in category.when):
            return category.name
    return None


def _read_rule(index: int, raw: Any, template: Template) -> Rule:
    here = f"[{index}]"
    if not isinstance(raw, Mapping):
        raise RuleError(here, f"expected a dict with 'when' and 'require' or 'allow', got {raw!r}")
    unknown = sorted(set(raw) - set(RULE_KEYS), key=repr)
    if unknown:
        raise RuleError(
            f"{here}[{unknown[0]!r}]", f"unknown key (known keys: {', '.join(RULE_KEYS)})"
        )
    if "when" not in raw:
        raise RuleError(here, "a rule needs 'when': the field values it applies to")
    if "require" not in raw and "allow" not in raw:
        raise RuleError(here, "a rule needs 'require' or 'allow': what it asks for")
    when = _read_values(f"{here}['when']", raw["when"], CONDITION_FIELDS, template)
    if not when:  # a rule for every proposal is a required field or a value list
        raise RuleError(f"{here}['when']", "expected a non-empty dict of field -> values")
    allow = _read_values(f"{here}['allow']", raw.get("allow", {}), ALLOWABLE_FIELDS, template)
    if "allow" in raw and not allow:
        raise RuleError(f"{here}['allow']", "expected a non-empty dict of field -> values")
    require = _read_require(f"{here}['require']", raw.get("require", []))
    if not require and not allow:
        raise RuleError(f"{here}['require']", "expected a non-empty list of field names")
    return Rule(index, when, require, allow)


def _read_require(here: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise RuleError(here, f"expected a list of field names, got {value!r}")
    names: list[str] = []
    for name in value:
        if not isinstance(name, str) or name.strip().lower() not in REQUIRABLE_BY_STATUS_GROUP:
            raise RuleError(
                here,
                f"{name!r} cannot be required by a rule "
                f"(fields that can: {', '.join(REQUIRABLE_BY_STATUS_GROUP)})",
            )
        names.append(name.strip().lower())
    return tuple(dict.fromkeys(names))


def _read_values(
    here: str, value: Any, fields: tuple[str, ...], template: Template
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{field: value or [values]}``, each value in the template's spelling."""
    if not isinstance(value, Mapping):
        raise RuleError(here, f"expected a dict of field -> value or list of values, got {value!r}")
    read: dict[str, tuple[str, ...]] = {}
    written: dict[str, Any] = {}
    for name, values in value.items():
        field = name.strip().lower() if isinstance(name, str) else name
        if field not in fields:
            raise RuleError(
                here, f"{name!r} is not a field a rule can name here ({', '.join(fields)})"
            )
        if field in read:
            raise RuleError(
                here,
                f"{written[field]!r} and {name!r} are the same field "
                "(field names match case-insensitively)",
            )
        written[field] = name
        listed = [values] if isinstance(values, str) else values
        if (
            not isinstance(listed, list | tuple)
            or not listed
            or not all(isinstance(item, str) and item.strip() for item in listed)
        ):
            raise RuleError(
                f"{here}[{name!r}]",
                f"expected a value or a non-empty list of values, got {values!r}",
            )
        if any(has_forbidden_characters(item) for item in listed):
            # Shown in every warning the rule gives, which no output could hold.
            raise RuleError(
                f"{here}[{name!r}]",
                "a value holds a control character, U+FFFE/U+FFFF or a lone surrogate",
            )
        spelled = (_spelled(f"{here}[{name!r}]", field, item, template) for item in listed)
        read[field] = tuple(dict.fromkeys(spelled))
    return tuple(read.items())


def _spelled(here: str, field: str, value: str, template: Template) -> str:
    """*value* as the template spells it; an error when the field can never hold it."""
    if field == "status":
        status = template.find_status(value)
        if status is None:
            known = ", ".join(s.name for s in template.statuses)
            raise RuleError(here, f"{value!r} is not one of the template's statuses ({known})")
        return status.name
    if field == "status-group":
        group = value.strip().casefold()
        if group not in STATUS_GROUPS:
            raise RuleError(here, f"{value!r} is not a status group ({', '.join(STATUS_GROUPS)})")
        return group
    canonical = template.canonical_value(field, value.strip())
    if canonical is None:
        allowed = ", ".join(template.allowed_values[field])
        raise RuleError(
            here, f"{value!r} is not one of the allowed values of {field!r} ({allowed})"
        )
    return canonical


def _value_of(proposal: Proposal, field: str) -> str | None:
    if field == "status":
        return proposal.status or None
    if field == "status-group":
        return proposal.status_group
    return proposal.field(field)


def _holds(actual: str | None, values: tuple[str, ...]) -> bool:
    return actual is not None and actual.strip().casefold() in {v.casefold() for v in values}


def check_rules(
    proposal: Proposal, template: Template, present: Callable[[str], bool]
) -> list[Problem]:
    """The rules of *template* that *proposal* breaks; *present* says whether a field is set."""
    problems: list[Problem] = []
    for rule in template.rules:
        actual = {field: _value_of(proposal, field) for field, _values in rule.when}
        if not all(_holds(actual[field], values) for field, values in rule.when):
            continue
        condition = " and ".join(
            f"{field.replace('-', ' ')} is {actual[field]!r}" for field, _values in rule.when
        )
        source = f"rules[{rule.index}] of template {template.name!r}"
        for needed in rule.require:
            if not present(needed):
                problems.append(
                    Problem(
                        Subtype.HEADER,
                        f"':{needed}:' is required when {condition} ({source})",
                        proposal.location("status"),
                    )
                )
        for field, values in rule.allow:
            value = _value_of(proposal, field)
            if value is None or _holds(value, values):
                continue
            problems.append(
                Problem(
                    Subtype.STATUS if field == "status" else Subtype.HEADER,
                    f"{field} {value!r} is not allowed when {condition} "
                    f"(allowed: {', '.join(values)}; {source})",
                    proposal.location(field),
                )
            )
    return problems
