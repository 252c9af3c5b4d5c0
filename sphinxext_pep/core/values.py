"""Parsers for the values written in a header: numbers, ids, dates, people, lists.

Pure functions with no Sphinx in them: each returns ``None`` (or skips an item)
for what it cannot read, and the caller turns that into a located warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

#: A proposal number has at most this many digits (ids, anchors and file
#: names stay short; the messages that refuse a longer one say so).
MAX_NUMBER_DIGITS = 12
#: The largest proposal number.
MAX_NUMBER = 10**MAX_NUMBER_DIGITS - 1

# ``12``, ``0012``, ``PEP 12``, ``pep-0012``, ``RFC12``, ``pep_12``, ``Design Doc 3``,
# ``design-doc-3``: a label starts with a letter and holds no digit, ``:`` (the
# intersphinx prefix, ``design:PEP 12``), ``#`` (a MyST link) or angle bracket.
# A label (letters, inner spaces and dashes: ``Design Doc``), one separator at
# the most (``pep-0012``, ``PEP 12``, ``rfc_1``, ``RFC0001``), ASCII digits:
# ``PEP -1`` and a fullwidth or Arabic-Indic digit are no id, never 1.
_ID_RE = re.compile(
    r"^\s*(?:(?P<label>[^\W\d_](?:[^\d:#<>]*?[^\W\d_])?)(?:\s+|[-_])?)?"
    r"(?P<number>[0-9]{1,12})\s*$"  # MAX_NUMBER_DIGITS
)
_SLUG_GAP_RE = re.compile(r"[\W_]+")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
# ``DD-Mon-YYYY`` is read with English month names by hand: strptime's ``%b``
# follows the locale, and sphinx-build sets the user's (``02-Mär-2026`` in German).
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_MON_YEAR_RE = re.compile(r"^(?P<day>\d{1,2})-(?P<month>[A-Za-z]{3})-(?P<year>\d{4})$")
_NAME_EMAIL_RE = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>$")
# An address written so that harvesters do not read it (``vinay_sajip at
# red-dove.com``, ``guido at python dot org``): ``at`` (or ``(at)``, ``[at]``)
# between two words, the host holding a dot or a written ``dot``. It is shown
# as written, never turned back into a ``mailto:`` the author chose not to give.
_AT = r"(?:\s+at\s+|\s*\(at\)\s*|\s*\[at\]\s*)"
_DOT = r"(?:\.|\s+dot\s+|\s*\(dot\)\s*|\s*\[dot\]\s*)"
_WORD = r"[^<>\s@()\[\]]+"
_NAME_ADDRESS_RE = re.compile(
    rf"^(?P<name>[^<>]*?)\s*<\s*(?P<address>{_WORD}{_AT}(?P<host>{_WORD}(?:{_DOT}{_WORD})*))\s*>$",
    re.IGNORECASE,
)
_HAS_DOT_RE = re.compile(_DOT, re.IGNORECASE)
_HANDLE_RE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
#: One double-quoted string; a quote or backslash inside is escaped with a backslash.
_QUOTED_RE = re.compile(r'"(?P<inner>(?:[^"\\]|\\.)*)"', re.DOTALL)
_ESCAPED_RE = re.compile(r"\\(.)", re.DOTALL)
#: One item of a comma list: quoted strings (commas inside kept) and text up to a comma.
#: A quote left open runs to the end, so that the item is refused, not split.
_LIST_ITEM_RE = re.compile(r'(?:"(?:[^"\\]|\\.)*(?:"|$)|[^,"])+', re.DOTALL)


def series_slug(label: str) -> str:
    """The one spelling of a series in ids, anchors and names: ``Design Doc`` -> ``design-doc``.

    Lowercase, every run of other characters than letters and digits one
    ``-``; for the labels of the built-ins simply the label lowercased
    (``pep``, ``rfc``), so the anchors of existing projects stay as they were.
    A series *is* its slug: labels that differ only in case or punctuation
    name one series.
    """
    return _SLUG_GAP_RE.sub("-", label.casefold()).strip("-") or "proposal"


@dataclass(frozen=True)
class ProposalKey:
    """A proposal's identity: its series (:func:`series_slug` of its label) and number.

    Ordered by number, then series, so that single-series projects list
    proposals as they always did and ``PEP 1`` sorts before ``RFC 1``.
    """

    series: str
    number: int

    @property
    def slug(self) -> str:
        """``pep-12``: the HTML id of the header, its std label, its objects.inv name."""
        return f"{self.series}-{self.number}"

    def __lt__(self, other: ProposalKey) -> bool:
        return (self.number, self.series) < (other.number, other.series)


@dataclass(frozen=True)
class ProposalId:
    """A reference to a proposal as written: an optional label and a number.

    The label is kept as the author wrote it (``rfc``), to be named in a
    warning; :attr:`series` is what it is compared by.
    """

    label: str | None
    number: int

    @property
    def series(self) -> str | None:
        return series_slug(self.label) if self.label else None

    @property
    def target(self) -> str:
        """The canonical ``reftarget``: ``rfc-1`` for a labelled id, ``1`` for a bare one.

        Also the name intersphinx looks up (verbatim) in an inventory, where
        :meth:`PepDomain.get_objects` writes both spellings.
        """
        return f"{self.series}-{self.number}" if self.label else str(self.number)


def parse_number(text: str) -> int | None:
    """A proposal number: an integer >= 0 written in decimal digits."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_NUMBER_DIGITS:
        return None
    return int(text)


def parse_proposal_id(text: str) -> ProposalId | None:
    """``PEP 0012`` and every other spelling of SPEC §5, or ``None``."""
    match = _ID_RE.match(text)
    if match is None:
        return None
    label = match.group("label")
    return ProposalId(label.strip() if label else None, int(match.group("number")))


def split_anchor(text: str) -> tuple[str, str | None]:
    """``12#abstract`` -> ``("12", "abstract")``: a reference and the section it names.

    No ``#`` (or nothing after it) names no section. Ids hold no ``#``, so
    the first one splits.
    """
    head, sep, anchor = text.partition("#")
    return (head, anchor.strip() or None) if sep else (text, None)


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD``, ``DD-MM-YYYY`` or ``DD-Mon-YYYY`` (SPEC §4), in ASCII digits."""
    text = text.strip()
    if not text.isascii():  # strptime reads any Unicode digit: ``２０２６-01-15``
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    match = _DAY_MON_YEAR_RE.match(text)
    if match is None or match["month"].lower() not in _MONTHS:
        return None
    month = _MONTHS.index(match["month"].lower()) + 1
    try:
        return date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Author:
    """One author: a name, and an e-mail address or a ``@handle`` if given.

    *address* is an address the author wrote obfuscated (``jane at example.org``),
    kept as written to be shown as text; *email* is then ``None``.
    """

    name: str
    email: str | None = None
    address: str | None = None

    @property
    def is_handle(self) -> bool:
        return self.email is None and self.address is None and bool(_HANDLE_RE.match(self.name))


def parse_author(text: str) -> Author | None:
    """``Name <email>``, ``Name <user at host>``, ``Name`` or ``@handle``; ``None`` if malformed.

    A name may be double-quoted, as in an e-mail header (``"Doe, Jane"
    <jane@example.com>``): the quotes let it hold a comma and are not part of
    it. Runs of white space (a line break in a YAML string) are one space.
    """
    text = text.strip()
    match = _NAME_EMAIL_RE.match(text)
    if match:
        name = _unquoted(match.group("name").strip())
        if name is None:
            return None
        return Author(name or match.group("email"), match.group("email"))
    obfuscated = _NAME_ADDRESS_RE.match(text)
    if obfuscated and _HAS_DOT_RE.search(obfuscated.group("host")):
        name = _unquoted(obfuscated.group("name").strip())
        if name is None:
            return None
        address = " ".join(obfuscated.group("address").split())
        return Author(name or address, address=address)
    name = _unquoted(text)
    if not name or "<" in name or ">" in name:
        return None
    return Author(name)


def _unquoted(text: str) -> str | None:
    """*text* less its surrounding double quotes, white space runs as one space.

    ``None`` for a quote opened and not closed (``"Doe, Jane``): what was
    meant is not guessed. A quote inside a name (``Jane "JJ" Doe``) is kept.
    """
    whole = _QUOTED_RE.fullmatch(text)
    if whole is not None:
        text = _ESCAPED_RE.sub(r"\1", whole.group("inner"))
    elif text.startswith('"'):
        return None
    return " ".join(text.split())


def quote_item(text: str) -> str:
    """A list item as :func:`split_list` reads it back whole: quoted if it holds ``,`` or ``"``."""
    if "," not in text and '"' not in text:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def join_list(items: Iterable[str]) -> str:
    """Items as one comma list, which :func:`split_list` splits back into the same items."""
    return ", ".join(quote_item(item.strip()) for item in items if item.strip())


def split_list(text: str) -> list[str]:
    """Items of a list field: comma-separated, or a JSON/YAML list from front matter.

    A comma inside double quotes does not split (``"Doe, Jane" <jane@x.org>,
    John``); an item that is one quoted string (as :func:`join_list` writes an
    item holding a comma) is unquoted.
    """
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            decoded = json.loads(text)
        except ValueError:
            decoded = None
        if isinstance(decoded, list) and all(isinstance(item, str | int) for item in decoded):
            return [str(item).strip() for item in decoded if str(item).strip()]
    items = []
    for match in _LIST_ITEM_RE.finditer(text):
        item = match.group().strip()
        whole = _QUOTED_RE.fullmatch(item)
        if whole is not None:
            item = _ESCAPED_RE.sub(r"\1", whole.group("inner")).strip()
        if item:
            items.append(item)
    return items


def front_matter_text(text: str) -> str:
    """A front-matter value as header text: a JSON list becomes a comma list."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            decoded = json.loads(text)
        except ValueError:
            return text
        if isinstance(decoded, list) and all(isinstance(item, str | int) for item in decoded):
            return join_list(str(item) for item in decoded)
    return text
