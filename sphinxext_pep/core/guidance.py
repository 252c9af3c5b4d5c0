"""Which bracketed text is a template's instruction, and which is the author's own.

Authors write brackets too: ``**Owner**: [Platform team]``, ``[WIP]``,
``[Editor's note: ...]``, ``[revised 5 Oct 2000]``, a TOML table name
``[install-system]``, a cell ``[sign,inf]``. So brackets alone do not make a
placeholder (SPEC §7); the text inside them must be one of the templates' own
instructions, or shaped like one. :func:`is_guidance` decides on the text
between the brackets, by these rules, in this order:

1. **The templates' own words**: the bracketed texts of the seeds (and so of
   ``sphinx-pep new``'s scaffolds) that no shape below catches, such as
   ``[Foundation]``, ``[user type]``, ``[Advantage 1]``. Any number in them
   stands for every number (``[Risk 3]`` is ``[Risk 1]`` copied one more time).
2. **Instructions**: an imperative verb of the kind templates use
   (``[Describe ...]``, ``[List any ...]``, ``[Briefly explain ...]``), never
   ``See`` or ``Note``, which authors use in their own bracketed remarks
   (``[See discussion for now.]``); a question or topic a template poses
   (``[What happens now]``, ``[How to handle]``, ``[Why this is better]``);
   ``[Any ...]`` (``[Any points that are still being decided/discussed.]``);
   ``[... goes here]``; and ``[A short description of ...]``.
3. **To-do markers**: ``TODO``, ``TBD``, ``TBA``, ``FIXME``, ``XXX`` at the
   start (``[TODO: update]``, ``[TBD - after review]``): text the author left
   to be written.
4. **Slots**: one slot word, possibly numbered (``[Name]``, ``[Date]``,
   ``[Title 2]``), a date or time pattern (``[YYYY-MM-DD]``), a count to fill
   in (``[X weeks]``, ``[N days]``, a capital ``X`` or ``N``: ``[x for x in
   data]`` is code), ``[Yes/No ...]`` and ``[your ...]``.

An ellipsis (``[...]``, ``[…]``) is a slot only behind a label
(``**Pros**: [...]``, seed 001); on its own it marks text left out of a
quotation, so :mod:`sphinxext_pep.placeholders` decides it by its context.
Everything else in brackets is the author's.

Pure: text in, a yes or no out, so the rule is tested on its own and shared
by every check that looks for leftover guidance.
"""

from __future__ import annotations

import re

#: Rule 1: the seeds' bracketed texts that no shape below recognises, as
#: :func:`_normalised` writes them. ``tests/test_content_checks.py`` holds
#: every bracketed text of the seeds and scaffolds to the whole rule.
_TEMPLATE_WORDS = frozenset(
    {
        # seed 001 (pep-full)
        "additional servers, storage, network",
        "advantage #",
        "alternative answer",
        "another question",
        "behavior #",
        "benchmarks to run",
        "benefits users will experience",
        "context or considerations",
        "core implementation",
        "coverage requirements",
        "current baseline",
        "design blueprint",
        "design blueprint: ../blueprints/related-blueprint.md",
        "detailed security review, threat model, or penetration testing results",
        "disadvantage #",
        "edge cases to cover",
        "enhancement title",
        "expected impact",
        "external dependencies to mock/test",
        "external rfc",
        "final question",
        "foundation",
        "github issue",
        "integration scenarios",
        "metric #",
        "mitigations planned",
        "monitoring, maintenance, support needs",
        "new docs needed, existing docs to update",
        "new libraries or services",
        "new servers, databases, services needed",
        "no development cost, no risk, etc.",
        "number - assigned by core team, leave blank for draft",
        "performance criteria",
        "performance targets",
        "polish & documentation",
        "possible answer",
        "potential security risks",
        "principle #",
        "problems persist, missed opportunities, etc.",
        "quality metrics",
        "question that needs answering",
        "reasoning",
        "related enhancement",
        "related enhancement: ../enhancements/other-enhancement.md",
        "repeat format",
        "research paper",
        "risk #",
        "scenario name",
        "security consideration #",
        "standard | informational | process",
        "target",
        "target value",
        "timeline and criteria",
        "timeline for removal",
        "user workflows to test",
        # seed 002 (enhancement): its user story
        "user type",
        "action",
        "benefit",
        "clear, descriptive title (# characters or less)",
        "author name <email@domain.com>, co-author name <email@domain.com>",
    }
)

#: Rule 2: verbs a template instructs with. Not ``see``, ``note``, ``update``
#: or ``skip``: authors' own bracketed remarks start with them.
_INSTRUCTION_VERBS = (
    "add|analy[sz]e|assess|clarify|compare|define|describe|detail|discuss|document|"
    "elaborate|enter|explain|fill|give|identify|include|insert|justify|link|list|mention|"
    "outline|provide|put|replace|specify|state|summari[sz]e|thank|write"
)
_INSTRUCTION_RE = re.compile(
    rf"^(?:(?:briefly|clearly|concisely|please|optionally)\s+)?(?:{_INSTRUCTION_VERBS})\b",
    re.IGNORECASE,
)
#: A question or topic posed to the author: ``What happens now``, ``How to handle``.
_QUESTION_RE = re.compile(r"^(?:what|why|how|who|which|when|where)\b", re.IGNORECASE)
#: ``[Any points that are still being decided/discussed.]`` (PEP 12's template).
_ANY_RE = re.compile(r"^any\s+\w", re.IGNORECASE)
#: ``[bugfix release dates go here]``, ``[Your text here]``.
_GOES_HERE_RE = re.compile(r"\b(?:go|goes|belong|belongs|come|comes)\s+here\W*$", re.IGNORECASE)
#: ``[A short (~200 word) description of ...]``, ``[Brief description]``,
#: ``[High-level description of the solution]``.
_DESCRIPTION_RE = re.compile(
    r"^(?:an?\s+)?(?:[\w~()-]+\s+){0,3}"
    r"(?:description|summary|explanation|overview|collection|list)(?:\s+of\b|\s+and\b|\W*$)",
    re.IGNORECASE,
)
#: Rule 3.
_TODO_RE = re.compile(r"^(?:todo|tbd|tba|fixme|xxx)(?:\W|$)", re.IGNORECASE)
#: Rule 4: a slot word alone (``[Name]``, ``[Date 2]``).
_SLOT_WORDS = frozenset(
    {
        "name",
        "date",
        "title",
        "description",
        "author",
        "authors",
        "email",
        "e-mail",
        "number",
        "version",
        "url",
        "link",
        "value",
        "text",
        "details",
        "summary",
    }
)
#: ``YYYY-MM-DD``, ``DD-Mon-YYYY``, ``HH:MM``: a date or time to fill in.
_DATE_PATTERN_RE = re.compile(
    r"^(?:YYYY|YY|MM|DD|Mon|HH|SS)(?:[-/.: ](?:YYYY|YY|MM|DD|Mon|HH|SS))+$"
)
#: ``X weeks``, ``N days``, ``X full-time developers``: a count to fill in. A
#: capital only: ``[x for x in data]`` is an author's list comprehension (PEP 289).
_COUNT_RE = re.compile(r"^[XN](?:[-–]\w+)?\s+[a-z]")
_YES_NO_RE = re.compile(r"^yes\s*/\s*no\b|^your\b", re.IGNORECASE)
#: An ellipsis: a slot behind a label only (see the module docstring).
_ELLIPSIS = frozenset({"...", "\u2026"})


def _normalised(text: str) -> str:
    """Case, spacing and numbers do not count: ``Risk  3`` -> ``risk #``."""
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def is_ellipsis(inner: str) -> bool:
    return inner.strip() in _ELLIPSIS


def is_guidance(inner: str) -> bool:
    """Whether *inner*, the text between a pair of brackets, is a template's instruction."""
    text = " ".join(inner.split())
    if not text or is_ellipsis(text):
        return False
    bare = text.rstrip(".:?! ")
    return (
        _normalised(text) in _TEMPLATE_WORDS
        or _normalised(bare) in _TEMPLATE_WORDS
        or bool(_INSTRUCTION_RE.match(text))
        or bool(_QUESTION_RE.match(text))
        or bool(_ANY_RE.match(text))
        or bool(_GOES_HERE_RE.search(text))
        or bool(_DESCRIPTION_RE.match(text))
        or bool(_TODO_RE.match(text))
        or re.sub(r"\s*\d+$", "", bare).casefold() in _SLOT_WORDS
        or bool(_DATE_PATTERN_RE.match(bare))
        or bool(_COUNT_RE.match(text))
        or bool(_YES_NO_RE.match(text))
    )
