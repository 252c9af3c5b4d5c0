"""Reading ``pep_templates``: user dicts in, validated :class:`Template` records out.

A template set that makes the project meaningless (an unknown key, a status
in no group, a required field no header can hold) raises one
:class:`SettingsError` naming the key, so the build stops with one clear line.
This module reads the dict's shape and the template's statuses; the field
names are checked against the field registry by
:mod:`~sphinxext_pep.core.template_fields`, the banners and rules by their
own modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from sphinxext_pep.core.banners import BannerError, read_banners
from sphinxext_pep.core.rules import RuleError, read_index_categories, read_rules
from sphinxext_pep.core.template_fields import TemplateFieldError, check_fields
from sphinxext_pep.core.templates import BUILTIN_TEMPLATES, STATUS_GROUPS, StatusDef, Template

DEFAULT_RISK_LEVELS = ("Low", "Medium", "High")


class SettingsError(Exception):
    """A configuration value the build cannot go on with: ``key: problem``."""


# The keys of a template dict in ``pep_templates`` and how each is read.
_LIST_KEYS = (
    "required_fields",
    "required_sections",
    "recommended_sections",
    "title_words",
)
_MAPPING_OF_LISTS_KEYS = (
    "allowed_values",
    "transitions",
    "extra_transitions",
    "status_requires",
    "required_by_status",
)
#: Lists whose entries are names matched case-insensitively: a repeat is a mistake.
_DISTINCT_LIST_KEYS = ("required_fields", "required_sections", "recommended_sections")
_STR_KEYS = ("label", "number_field", "first_status", "abstract_section")
_OPTIONAL_STR_KEYS = ("criteria_section",)
_OPTIONAL_INT_KEYS = ("abstract_max_words", "title_max_chars")
_BOOL_KEYS = ("discussions_after_created",)
TEMPLATE_KEYS = frozenset(
    {"extends", "statuses", "banners", "rules", "index_categories"}
    | set(_LIST_KEYS)
    | set(_MAPPING_OF_LISTS_KEYS)
    | set(_STR_KEYS)
    | set(_OPTIONAL_STR_KEYS)
    | set(_OPTIONAL_INT_KEYS)
    | set(_BOOL_KEYS)
)


def _fail(where: str, problem: str) -> SettingsError:
    return SettingsError(f"{where}: {problem}")


def _str_list(where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _fail(where, f"expected a list of strings, got {value!r}")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise _fail(where, f"expected a list of non-empty strings, got {value!r}")
    return tuple(item.strip() for item in value)


def _read_statuses(where: str, value: Any) -> tuple[StatusDef, ...]:
    if not isinstance(value, Mapping) or not value:
        raise _fail(
            where,
            "expected a non-empty mapping of status name to group "
            f"({', '.join(STATUS_GROUPS)}), got {value!r}",
        )
    statuses = []
    for name, group in value.items():
        if not isinstance(name, str) or not name.strip():
            raise _fail(where, f"status names must be non-empty strings, got {name!r}")
        if group not in STATUS_GROUPS:
            raise _fail(
                f"{where}[{name!r}]",
                f"unknown status group {group!r} (expected one of {', '.join(STATUS_GROUPS)})",
            )
        statuses.append(StatusDef(name.strip(), group))
    _check_distinct(where, value, "status", "statuses")
    return tuple(statuses)


def _check_distinct(where: str, names: Iterable[str], what: str, plural: str) -> None:
    """No two of *names* may differ only in case: they match case-insensitively."""
    seen: dict[str, str] = {}
    for name in names:
        folded = name.strip().casefold()
        if folded in seen:
            raise _fail(
                where,
                f"{seen[folded]!r} and {name!r} are the same {what} "
                f"({plural} match case-insensitively)",
            )
        seen[folded] = name


def _read_template(name: str, raw: Any) -> Template:
    where = f"pep_templates[{name!r}]"
    if not isinstance(raw, Mapping):
        raise _fail(where, f"expected a dict, got {type(raw).__name__}")
    unknown = sorted(set(raw) - TEMPLATE_KEYS, key=repr)
    if unknown:
        raise _fail(
            f"{where}[{unknown[0]!r}]",
            f"unknown key (known keys: {', '.join(sorted(TEMPLATE_KEYS))})",
        )

    base_name = raw.get("extends", name if name in BUILTIN_TEMPLATES else None)
    if base_name is not None and (
        not isinstance(base_name, str) or base_name not in BUILTIN_TEMPLATES
    ):
        raise _fail(
            f"{where}['extends']",
            f"no built-in template {base_name!r} (built-ins: {', '.join(BUILTIN_TEMPLATES)})",
        )
    if base_name is None:
        missing = [k for k in ("label", "statuses") if k not in raw]
        if missing:
            raise _fail(
                f"{where}[{missing[0]!r}]",
                "required for a new template (or set 'extends' to a built-in)",
            )

    changes: dict[str, Any] = {"name": name}
    for key in _STR_KEYS:
        if key in raw:
            value = raw[key]
            if not isinstance(value, str) or not value.strip():
                raise _fail(f"{where}[{key!r}]", f"expected a string, got {value!r}")
            changes[key] = value.strip()
    for key in _OPTIONAL_STR_KEYS:
        if key in raw:
            value = raw[key]
            if value is not None and not isinstance(value, str):
                raise _fail(f"{where}[{key!r}]", f"expected a string or None, got {value!r}")
            changes[key] = value
    for key in _OPTIONAL_INT_KEYS:
        if key in raw:
            value = raw[key]
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value <= 0
            ):
                raise _fail(
                    f"{where}[{key!r}]",
                    f"expected a positive integer or None, got {value!r}",
                )
            changes[key] = value
    for key in _BOOL_KEYS:
        if key in raw:
            if not isinstance(raw[key], bool):
                raise _fail(f"{where}[{key!r}]", f"expected True or False, got {raw[key]!r}")
            changes[key] = raw[key]
    for key in _LIST_KEYS:
        if key in raw:
            changes[key] = _str_list(f"{where}[{key!r}]", raw[key])
            if key in _DISTINCT_LIST_KEYS:
                what = key.split("_", 1)[1].removesuffix("s")
                _check_distinct(f"{where}[{key!r}]", changes[key], what, f"{what}s")
    if "statuses" in raw:
        changes["statuses"] = _read_statuses(f"{where}['statuses']", raw["statuses"])
    for key in _MAPPING_OF_LISTS_KEYS:
        if key in raw:
            value = raw[key]
            if key == "transitions" and value is None:
                changes[key] = None
                continue
            if not isinstance(value, Mapping):
                raise _fail(f"{where}[{key!r}]", f"expected a dict, got {value!r}")
            changes[key] = MappingProxyType(
                {str(k): _str_list(f"{where}[{key!r}][{k!r}]", v) for k, v in value.items()}
            )
    if "allowed_values" in changes:  # the fields are checked against the registry below
        allowed = changes["allowed_values"]
        _check_distinct(f"{where}['allowed_values']", allowed, "field", "field names")
        for field, values in allowed.items():
            _check_distinct(f"{where}['allowed_values'][{field!r}]", values, "value", "values")

    if base_name is not None:
        template = replace(BUILTIN_TEMPLATES[base_name], **changes)
    else:
        changes.setdefault("number_field", "number")
        changes.setdefault("first_status", changes["statuses"][0].name)
        template = Template(**changes)
    inherited = frozenset(k for k in ("first_status", *_MAPPING_OF_LISTS_KEYS) if k not in raw)
    template = _canonical(where, template, inherited if base_name else (), base_name)
    if "banners" in raw:
        try:
            template = replace(template, banners=read_banners(raw["banners"], template))
        except BannerError as error:
            raise _fail(f"{where}['banners']{error.key}", str(error)) from None
    try:
        template = check_fields(template)
    except TemplateFieldError as error:
        raise _fail(f"{where}{error.key}", str(error)) from None
    if "rules" in raw:  # read last: a rule names the template's final statuses and values
        try:
            template = replace(template, rules=read_rules(raw["rules"], template))
        except RuleError as error:
            raise _fail(f"{where}['rules']{error.key}", str(error)) from None
    if "index_categories" in raw:
        try:
            categories = read_index_categories(raw["index_categories"], template)
        except RuleError as error:
            raise _fail(f"{where}['index_categories']{error.key}", str(error)) from None
        template = replace(template, index_categories=categories)
    return template


def _canonical(
    where: str, template: Template, inherited: Iterable[str] = (), base: str | None = None
) -> Template:
    """Check that every status a template names exists; spell each as declared.

    Status values match case-insensitively everywhere (SPEC §3), so a
    ``transitions`` map written in lower case must still find ``Accepted``.
    A key in *inherited* was not written by the user but taken from the
    built-in *base*: the message then blames the statuses that dropped it.
    """
    inherited = frozenset(inherited)

    def status_name(key: str, value: str) -> str:
        status = template.find_status(value)
        if status is None:
            known = ", ".join(s.name for s in template.statuses)
            if key in inherited:
                raise _fail(
                    f"{where}['statuses']",
                    f"the {key!r} taken from the built-in {base!r} template name the "
                    f"status {value!r}, which these statuses ({known}) do not define; "
                    f"add it to 'statuses', or set {key!r} too",
                )
            raise _fail(
                f"{where}[{key!r}]", f"{value!r} is not one of the template's statuses ({known})"
            )
        return status.name

    changes: dict[str, Any] = {"first_status": status_name("first_status", template.first_status)}
    changes["required_by_status"] = _status_or_group_keys(where, template, inherited, base)
    for key in ("transitions", "extra_transitions", "status_requires"):
        mapping = getattr(template, key)
        if mapping is None:
            continue
        # {"Proposed": [...], "proposed": [...]} would leave one of them unused.
        _check_distinct(f"{where}[{key!r}]", mapping, "status", "statuses")
        changes[key] = MappingProxyType(
            {
                status_name(key, source): (
                    targets
                    if key == "status_requires"
                    else tuple(status_name(key, target) for target in targets)
                )
                for source, targets in mapping.items()
            }
        )
    return replace(template, **changes)


def _status_or_group_keys(
    where: str, template: Template, inherited: frozenset[str], base: str | None
) -> Mapping[str, tuple[str, ...]]:
    """``required_by_status`` with each key a status (as spelled) or a status group."""
    key = "required_by_status"
    mapping = template.required_by_status
    _check_distinct(f"{where}[{key!r}]", mapping, "status", "statuses")
    keys: dict[str, tuple[str, ...]] = {}
    for name, fields in mapping.items():
        status = template.find_status(name)
        if status is not None:
            keys[status.name] = fields
        elif name.strip().casefold() in STATUS_GROUPS:
            keys[name.strip().casefold()] = fields
        elif key in inherited:  # a built-in's key names statuses these do not have
            continue
        else:
            known = ", ".join(s.name for s in template.statuses)
            raise _fail(
                f"{where}[{key!r}]",
                f"{name!r} is neither one of the template's statuses ({known}) "
                f"nor a status group ({', '.join(STATUS_GROUPS)})",
            )
    return MappingProxyType(keys)


def read_templates(
    value: Any, risk_levels: tuple[str, ...] = DEFAULT_RISK_LEVELS
) -> Mapping[str, Template]:
    if not isinstance(value, Mapping):
        raise _fail("pep_templates", f"expected a dict, got {type(value).__name__}")
    templates = dict(BUILTIN_TEMPLATES)
    for name, raw in value.items():
        if not isinstance(name, str) or not name.strip():
            raise _fail("pep_templates", f"template names must be non-empty strings, got {name!r}")
        templates[name] = _read_template(name, raw)
    if risk_levels != DEFAULT_RISK_LEVELS:
        # One scale for the header's :risk: and the risk tables: a template on
        # the built-in Low/Medium/High takes pep_risk_levels; one that lists
        # its own risk values keeps them.
        for name, template in templates.items():
            if template.allowed_values.get("risk") == DEFAULT_RISK_LEVELS:
                allowed = MappingProxyType({**template.allowed_values, "risk": risk_levels})
                templates[name] = replace(template, allowed_values=allowed)
    return MappingProxyType(templates)
