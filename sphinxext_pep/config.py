"""Configuration values: declared once, validated once (SPEC §2, §8).

A value that makes the project meaningless (a malformed ``pep_templates``, a
default template that does not exist) stops the build with one
:class:`~sphinx.errors.ConfigError` naming the key. A value that can be ignored
(a bad width, an unknown ``pep_ref_format`` key) is a ``pep.config`` warning and
falls back to its default.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from sphinxext_pep.diagnostics import logger, warn
from sphinxext_pep.proposal import RELATION_FIELDS, TEXT_FIELDS
from sphinxext_pep.templates import BUILTIN_TEMPLATES, STATUS_GROUPS, StatusDef, Template

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

DEFAULT_REF_FORMAT = "{label} {number}"
REF_FORMAT_KEYS = frozenset({"label", "number", "title", "status"})
DEFAULT_RISK_LEVELS = ("Low", "Medium", "High")
DEFAULT_NUMBER_WIDTH = 4


@dataclass(frozen=True)
class PepSettings:
    """The validated, ready-to-use view of every ``pep_*`` config value."""

    templates: Mapping[str, Template]
    default_template: str
    number_width: int
    ref_format: str
    risk_levels: tuple[str, ...]
    json_path: str | None

    def template(self, name: str | None) -> Template | None:
        return self.templates.get(name or self.default_template)

    def format_number(self, number: int) -> str:
        return f"{number:0{self.number_width}d}" if self.number_width else str(number)

    def proposal_id(self, label: str, number: int | None) -> str:
        """``PEP 0012``; ``PEP ????`` for a proposal without a valid number."""
        return f"{label} {'????' if number is None else self.format_number(number)}"


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
)
_STR_KEYS = ("label", "number_field", "first_status", "abstract_section")
_OPTIONAL_STR_KEYS = ("criteria_section",)
_OPTIONAL_INT_KEYS = ("abstract_max_words", "title_max_chars")
TEMPLATE_KEYS = frozenset(
    {"extends", "statuses"}
    | set(_LIST_KEYS)
    | set(_MAPPING_OF_LISTS_KEYS)
    | set(_STR_KEYS)
    | set(_OPTIONAL_STR_KEYS)
    | set(_OPTIONAL_INT_KEYS)
)


def _fail(where: str, problem: str) -> ConfigError:
    return ConfigError(f"{where}: {problem}")


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
    unknown = sorted(set(raw) - TEMPLATE_KEYS)
    if unknown:
        raise _fail(
            f"{where}[{unknown[0]!r}]",
            f"unknown key (known keys: {', '.join(sorted(TEMPLATE_KEYS))})",
        )

    base_name = raw.get("extends", name if name in BUILTIN_TEMPLATES else None)
    if base_name is not None and base_name not in BUILTIN_TEMPLATES:
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
    for key in _LIST_KEYS:
        if key in raw:
            changes[key] = _str_list(f"{where}[{key!r}]", raw[key])
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

    if base_name is not None:
        template = replace(BUILTIN_TEMPLATES[base_name], **changes)
    else:
        changes.setdefault("number_field", "number")
        changes.setdefault("first_status", changes["statuses"][0].name)
        template = Template(**changes)
    return _check_fields(where, _canonical(where, template))


def _canonical(where: str, template: Template) -> Template:
    """Check that every status a template names exists; spell each as declared.

    Status values match case-insensitively everywhere (SPEC §3), so a
    ``transitions`` map written in lower case must still find ``Accepted``.
    """

    def status_name(key: str, value: str) -> str:
        status = template.find_status(value)
        if status is None:
            raise _fail(
                f"{where}[{key!r}]",
                f"{value!r} is not one of the template's statuses "
                f"({', '.join(s.name for s in template.statuses)})",
            )
        return status.name

    changes: dict[str, Any] = {"first_status": status_name("first_status", template.first_status)}
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


#: A field name as a header option or a front matter key can spell it.
_FIELD_NAME_RE = re.compile(r"[A-Za-z_][\w-]*")


def _common_fields() -> tuple[str, ...]:
    """Every ``pep-header`` field besides the template's number field."""
    # header_fields imports this module (for PepSettings): import it late.
    from sphinxext_pep.header_fields import COMMON_FIELDS

    return COMMON_FIELDS


def _check_fields(where: str, template: Template) -> Template:
    """Check that every header field a template names is one a header can hold.

    A header's fields are a fixed set plus the template's number field, so a
    template requiring any other field could never be satisfied. Field names
    are lower-cased, as the header reads what the author writes.
    """
    common = _common_fields()
    if not _FIELD_NAME_RE.fullmatch(template.number_field):
        raise _fail(
            f"{where}['number_field']",
            f"{template.number_field!r} is not a field name "
            "(one word of letters, digits, '-' and '_')",
        )
    number_field = template.number_field.lower()
    if number_field != "number" and number_field in common:
        raise _fail(
            f"{where}['number_field']",
            f"{template.number_field!r} is already a pep-header field; "
            "the number field needs a name of its own (or 'number')",
        )

    fields = (number_field, *(name for name in common if name != number_field))
    for name in template.required_fields:
        if name.lower() not in fields:
            raise _fail(
                f"{where}['required_fields']",
                f"{name!r} is not a pep-header field (the fields are {', '.join(fields)})",
            )

    _check_distinct(f"{where}['allowed_values']", template.allowed_values, "field", "field names")
    for name, values in template.allowed_values.items():
        if name.lower() not in TEXT_FIELDS:
            raise _fail(
                f"{where}['allowed_values']",
                f"{name!r} cannot have a list of allowed values "
                f"(fields that can: {', '.join(TEXT_FIELDS)})",
            )
        if not values:
            raise _fail(
                f"{where}['allowed_values'][{name!r}]",
                "expected a non-empty list of values (an empty one allows no value)",
            )
        _check_distinct(f"{where}['allowed_values'][{name!r}]", values, "value", "values")

    # What a status can require: a relation, or a field kept on the record.
    can_require = (*RELATION_FIELDS, *TEXT_FIELDS)
    status_requires: dict[str, tuple[str, ...]] = {}
    for status, needed in template.status_requires.items():
        for name in needed:
            if name.lower() not in can_require:
                raise _fail(
                    f"{where}['status_requires'][{status!r}]",
                    f"{name!r} cannot be required by a status "
                    f"(fields that can: {', '.join(can_require)})",
                )
        status_requires[status] = tuple(name.lower() for name in needed)

    return replace(
        template,
        number_field=number_field,
        required_fields=tuple(name.lower() for name in template.required_fields),
        allowed_values=MappingProxyType(
            {name.lower(): values for name, values in template.allowed_values.items()}
        ),
        status_requires=MappingProxyType(status_requires),
    )


def _read_templates(
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


def valid_risk_levels(value: Any) -> bool:
    """``pep_risk_levels``: a non-empty list of non-blank names."""
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(level, str) and level.strip() for level in value)
    )


def _read_settings(config: Config, locate: Callable[[str], str | None]) -> PepSettings:
    levels = config.pep_risk_levels
    if not valid_risk_levels(levels):
        warn(
            "config",
            f"pep_risk_levels must be a non-empty list of level names, lowest first, "
            f"got {levels!r}; using {list(DEFAULT_RISK_LEVELS)!r}",
            locate("pep_risk_levels"),
        )
        levels = DEFAULT_RISK_LEVELS
    risk_levels = tuple(level.strip() for level in levels)
    templates = _read_templates(config.pep_templates, risk_levels)
    if config.pep_default_template not in templates:
        raise _fail(
            "pep_default_template",
            f"no template {config.pep_default_template!r} (known: {', '.join(templates)})",
        )

    width = config.pep_number_width
    if isinstance(width, bool) or not isinstance(width, int) or not 0 <= width <= 12:
        warn(
            "config",
            f"pep_number_width must be an integer from 0 to 12, got {width!r}; "
            f"using {DEFAULT_NUMBER_WIDTH}",
            locate("pep_number_width"),
        )
        width = DEFAULT_NUMBER_WIDTH

    ref_format = config.pep_ref_format
    if not _valid_format(ref_format):
        warn(
            "config",
            f"pep_ref_format {ref_format!r} is not a format string over the keys "
            f"{', '.join(sorted(REF_FORMAT_KEYS))}; using {DEFAULT_REF_FORMAT!r}",
            locate("pep_ref_format"),
        )
        ref_format = DEFAULT_REF_FORMAT

    json_path = config.pep_json_path
    if json_path is not None and (not isinstance(json_path, str) or not json_path.strip()):
        warn(
            "config",
            f"pep_json_path must be a relative path or None, got {json_path!r}; "
            "using 'proposals.json'",
            locate("pep_json_path"),
        )
        json_path = "proposals.json"

    return PepSettings(
        templates=templates,
        default_template=config.pep_default_template,
        number_width=width,
        ref_format=ref_format,
        risk_levels=risk_levels,
        json_path=json_path,
    )


def _valid_format(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError:
        return False
    return all(name in REF_FORMAT_KEYS for name in fields)


def _conf_locator(confdir: str | Path | None) -> Callable[[str], str | None]:
    """``conf.py:LINE`` of a config value's assignment, to locate its warnings."""
    if confdir is None:
        return lambda name: None
    conf_py = Path(confdir) / "conf.py"
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except OSError:
        return lambda name: None

    def locate(name: str) -> str | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=\[]")
        for number, line in enumerate(lines, start=1):
            if pattern.match(line):
                return f"{conf_py}:{number}"
        return f"{conf_py}:0"

    return locate


def get_settings(config: Config) -> PepSettings:
    """The settings for *config*, computed once and kept on the config object.

    The attribute starts with an underscore, so Sphinx does not pickle it with
    the environment; an unpickled config simply recomputes it.
    """
    settings = config.__dict__.get("_pep_settings")
    if settings is None:
        settings = _read_settings(config, _conf_locator(None))
        config.__dict__["_pep_settings"] = settings
    return settings


def _validate(app: Sphinx, config: Config) -> None:
    """Validate every ``pep_*`` value once, at ``config-inited``.

    A broken template set is reported as one located ``ERROR`` line and the
    build stops with exit status 2. We do not raise ``ConfigError``: Sphinx 9
    prints any exception as a crash report with a traceback, and a typo in
    ``conf.py`` deserves one clear line naming the key.
    """
    locate = _conf_locator(app.confdir)
    try:
        config.__dict__["_pep_settings"] = _read_settings(config, locate)
    except ConfigError as error:
        key = str(error).split("[", 1)[0].split(":", 1)[0]
        logger.error(
            "sphinxext-pep configuration error: %s",
            error,
            type="pep",
            subtype="config",
            location=locate(key),
        )
        raise SystemExit(2) from None


def setup_config(app: Sphinx) -> None:
    # types=Any: _validate checks every value itself, with a located pep.config
    # message; Sphinx's own type check would add a second, untyped warning
    # that suppress_warnings cannot silence.
    app.add_config_value("pep_templates", {}, "env", types=Any)
    app.add_config_value("pep_default_template", "pep", "env", types=Any)
    app.add_config_value("pep_number_width", DEFAULT_NUMBER_WIDTH, "env", types=Any)
    app.add_config_value("pep_ref_format", DEFAULT_REF_FORMAT, "env", types=Any)
    app.add_config_value("pep_risk_levels", list(DEFAULT_RISK_LEVELS), "env", types=Any)
    app.add_config_value("pep_json_path", "proposals.json", "html", types=Any)
    # Run early so that a broken template set stops the build before reading.
    app.connect("config-inited", _validate, priority=100)
