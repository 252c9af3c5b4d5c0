"""YAML front matter as header text, with the work bounded (SPEC §4, §8).

YAML aliases let a few hundred bytes name a value of gigabytes (``a: &a [x,
x]``, ``b: &b [*a, *a]``, ...): the parsed data shares each aliased node, but
turning it into text expands every use. Each value's expanded size is measured
first, node by node and stopping at :data:`MAX_VALUE_CHARS`, so a value past
the limit costs no more than the limit to refuse.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sphinxext_pep.core.fields import FIELD_BY_NAME, Kind
from sphinxext_pep.core.problems import Location, Problem, Subtype
from sphinxext_pep.core.text import forbidden_message
from sphinxext_pep.core.values import join_list

#: The most characters one front matter value may expand to (aliases included).
MAX_VALUE_CHARS = 10_000


@dataclass(frozen=True)
class RefusedValue:
    """A front matter key whose value was not read, and why."""

    key: str
    message: str


#: Fields whose front matter value may be a YAML list or mapping of values.
_STRUCTURED_KINDS = (Kind.LINKS, Kind.DATED_LINKS, Kind.WINDOW)


def _json_ready(value: Any) -> Any:
    """YAML data as JSON data: mapping keys and scalars (dates) as text."""
    if isinstance(value, Mapping):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return str(value)


class _TooLargeError(Exception):
    pass


def _measure(value: Any, budget: int) -> int:
    """What is left of *budget* after *value*'s expanded size; raise when it runs out.

    Every node costs at least one, so the walk takes at most *budget* steps
    however often an alias repeats a node.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        budget -= 1 + (len(item) if isinstance(item, str) else 0)
        if budget < 0:
            raise _TooLargeError
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
    return budget


def front_matter_values(data: Mapping[Any, Any]) -> tuple[dict[str, str], list[RefusedValue]]:
    """Top-level text and list values of parsed YAML as header text, by lower-cased key.

    A header field takes text or a list of texts; a list becomes a comma list
    (:func:`~sphinxext_pep.core.values.join_list`: an item holding a comma
    stays one item). Anything else (a mapping, a list holding a list or a
    mapping) is not read, and nor is a value too large to expand: both are
    returned as refused, saying what would be read. Every key is read here,
    header field or not; the caller reports only the header's own.
    """
    values: dict[str, str] = {}
    refused: list[RefusedValue] = []
    for key, value in data.items():
        name = str(key).lower()
        # Dated links and review windows keep their YAML shape (a list of
        # mappings, a {start, end} mapping): their field's reader decodes it.
        structured = name in FIELD_BY_NAME and FIELD_BY_NAME[name].kind in _STRUCTURED_KINDS
        try:
            _measure(value, MAX_VALUE_CHARS)
        except _TooLargeError:
            refused.append(
                RefusedValue(
                    name,
                    f"front matter {name!r} is not read: it expands to more than "
                    f"{MAX_VALUE_CHARS} characters (each use of a YAML alias counts); "
                    "write the value out, without aliases",
                )
            )
            continue
        if isinstance(value, str):
            values[name] = value.strip()
        elif structured and isinstance(value, list | Mapping):
            # Dates in it become ISO text.
            values[name] = json.dumps(_json_ready(value), ensure_ascii=False)
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            values[name] = join_list(value)
        else:
            refused.append(RefusedValue(name, _not_text_message(name, value)))
    return values, refused


def _not_text_message(name: str, value: Any) -> str:
    if isinstance(value, Mapping):
        what = "a mapping"
    elif isinstance(value, list):
        what = "a list holding a list or a mapping"
    else:
        what = f"a YAML {type(value).__name__}"
    return (
        f"front matter {name!r} is not read: it is {what}; a header field takes text "
        f"({name}: some text) or a list of texts ({name}: [one, two])"
    )


def text_problems(
    refused: Iterable[tuple[str, str]], unsafe: Iterable[str], where: Mapping[str, Location]
) -> list[Problem]:
    """``pep.header`` problems for refused front matter and cleaned header text.

    *where* locates each header field; a key that is no header field is not
    reported (MyST reads the rest of the front matter itself).
    """
    problems = [
        Problem(Subtype.HEADER, message, where[field])
        for field, message in refused
        if field in where
    ]
    for field in dict.fromkeys(unsafe):
        if field in where:
            problems.append(Problem(Subtype.HEADER, forbidden_message(field), where[field]))
    return problems
