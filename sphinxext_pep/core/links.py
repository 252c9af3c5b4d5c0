"""Links and date windows in a header: checked URLs, dated links, review windows.

Every URL a header holds (``discussion``, ``discussions``, ``tracking``,
``resolution``) goes through :func:`check_url`, so one rule decides what may
become an ``href``: ``http``, ``https`` and ``mailto`` only. A ``javascript:``
or ``data:`` value is refused with a message and never stored, so no renderer
can turn it into a link. Pure functions: each returns what it read and the
messages of what it could not, for the reader to locate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sphinxext_pep.core.values import parse_date

#: The schemes a header's link may have.
ALLOWED_SCHEMES = ("http", "https", "mailto")

_SCHEME_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
_EMAIL_RE = re.compile(r"^[^@\s:/<>]+@[^@\s:/<>]+\.[^@\s:/<>]+$")
#: ``org/repo/issues/123``, ``org/repo/pull/123`` (GitHub); ``group/repo/-/issues/123``,
#: ``.../-/merge_requests/123`` (GitLab, any host); and their commits.
_ISSUE_RE = re.compile(
    r"^/(?P<repo>[^/]+(?:/[^/]+)+?)(?:/-)?/(?:issues|pull|pulls|merge_requests)/(?P<n>\d+)/?$"
)
_COMMIT_RE = re.compile(r"^/(?P<repo>[^/]+(?:/[^/]+)+?)(?:/-)?/commits?/(?P<sha>[0-9a-f]{7,40})/?$")
#: Where a list of links is cut: a new line, a comma and a space (a URL holds no
#: space), or a comma right before the next link (a comma inside a URL stays).
_LINK_SPLIT_RE = re.compile(r"\s*\n\s*|\s*,\s+|,(?=[A-Za-z][A-Za-z0-9+.-]*:|[^\s,]+@)")
#: Where a list of dated links is cut: as a list of links, or a comma before a date.
_DATED_SPLIT_RE = re.compile(r"\s*\n\s*|\s*,\s+|,(?=\d{1,4}-[\dA-Za-z]{1,3}-\d{1,4}\s)")
_WINDOW_SPLIT_RE = re.compile(r"\s+to\s+|\s*\.\.\s*|\s+[\u2013\u2014]\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """A checked link (``url`` is safe as an ``href``), with its date when dated."""

    url: str
    date: date | None = None

    @property
    def short(self) -> str:
        """A short name for the link: ``org/repo#123``, ``org/repo@abc1234``, or host and path."""
        return short_link_text(self.url)

    @property
    def shown(self) -> str:
        """The link as written, an e-mail address without its ``mailto:``."""
        return self.url.removeprefix("mailto:")


@dataclass(frozen=True)
class Refused:
    """An item of a link list that was not read, and why (a bad date or a bad link)."""

    message: str
    bad_date: bool = False


@dataclass(frozen=True)
class DateWindow:
    """A start and an end date, both included (a review window)."""

    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start.isoformat()} \u2013 {self.end.isoformat()}"


def looks_like_url(text: str) -> bool:
    """One word with a scheme (``https:...``, ``javascript:...``) or an e-mail address.

    What a "URL or text" field takes for a link, to be checked; ``Accepted:
    see the thread`` is text.
    """
    text = text.strip()
    return not any(c.isspace() for c in text) and bool(
        _SCHEME_RE.match(text) or _EMAIL_RE.match(text)
    )


def check_url(text: str) -> tuple[str | None, str | None]:
    """*text* as a safe ``href`` and ``None``, or ``None`` and why it is refused.

    An e-mail address becomes a ``mailto:`` link; the message completes
    "<field> <value> ..." (``is not a URL ...``).
    """
    text = text.strip()
    if _EMAIL_RE.match(text):
        return f"mailto:{text}", None
    match = _SCHEME_RE.match(text)
    if match is None or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return None, "is not a URL (write an http, https or mailto URL, or an e-mail address)"
    scheme = match["scheme"].lower()
    if scheme not in ALLOWED_SCHEMES:
        return None, (
            f"has the scheme '{scheme}:', which is not allowed (only http, https and mailto)"
        )
    rest = text[match.end() :]
    if scheme == "mailto":
        if not _EMAIL_RE.match(rest.split("?", 1)[0]):
            return None, "is not a mailto URL (write mailto:name@example.org)"
    elif not rest.startswith("//") or not urlsplit(text).hostname:
        return None, f"is not a URL (write {scheme}://host/path)"
    return f"{scheme}{text[len(scheme) :]}", None


def short_link_text(url: str) -> str:
    """``org/repo#123`` for a GitHub or GitLab issue, pull or merge request;
    ``org/repo@abc1234`` for a commit; else the host and path, or the address."""
    if url.startswith("mailto:"):
        return url.removeprefix("mailto:")
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path
    gitlab_style = "/-/" in path
    if host in ("github.com", "gitlab.com") or gitlab_style:
        issue = _ISSUE_RE.match(path)
        if issue is not None:
            return f"{issue['repo']}#{issue['n']}"
        commit = _COMMIT_RE.match(path)
        if commit is not None:
            return f"{commit['repo']}@{commit['sha'][:7]}"
    return f"{host}{path.rstrip('/')}" or url


def _decoded(text: str) -> Any:
    """A JSON list or object (front matter's YAML list or mapping), else ``None``."""
    text = text.strip()
    if not (text.startswith(("[", "{")) and text.endswith(("]", "}"))):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def is_json_data(text: str) -> bool:
    """Whether *text* is a JSON list or object: a front matter list or mapping."""
    return isinstance(_decoded(text), list | dict)


def split_links(text: str) -> list[str]:
    """Items of a link list: one a line, or comma-separated (a comma in a URL stays)."""
    decoded = _decoded(text)
    if isinstance(decoded, list):
        return [str(item).strip() for item in decoded if str(item).strip()]
    return [item for item in _LINK_SPLIT_RE.split(text.strip()) if item]


def read_links(text: str) -> tuple[tuple[Link, ...], list[Refused]]:
    """The checked links of a ``tracking`` list, and each refused one."""
    links: list[Link] = []
    problems: list[Refused] = []
    for item in split_links(text):
        url, problem = check_url(item)
        if url is None:
            problems.append(Refused(f"{item!r} {problem}"))
        elif url not in (link.url for link in links):
            links.append(Link(url))
    return tuple(links), problems


def _dated_items(text: str) -> list[tuple[str, str]]:
    """``(date, url)`` texts: ``DATE URL`` lines or items, a JSON mapping or list."""
    decoded = _decoded(text)
    if isinstance(decoded, dict):
        return [(str(day), str(url)) for day, url in decoded.items()]
    items: list[Any]
    if isinstance(decoded, list):
        items = decoded
    else:
        items = [item for item in _DATED_SPLIT_RE.split(text.strip()) if item]
    pairs = []
    for item in items:
        if isinstance(item, dict):
            pairs.append((str(item.get("date", "")), str(item.get("url", ""))))
        else:
            day, _, url = str(item).strip().partition(" ")
            pairs.append((day, url.strip()))
    return pairs


def read_dated_links(text: str) -> tuple[tuple[Link, ...], list[Refused]]:
    """The dated links of a ``discussions`` list, oldest first, and each refused one."""
    links: list[Link] = []
    problems: list[Refused] = []
    for day_text, url_text in _dated_items(text):
        day = parse_date(day_text)
        if day is None or not url_text:
            written = f"{day_text} {url_text}".strip()
            problems.append(
                Refused(
                    f"cannot read {written!r}: write 'YYYY-MM-DD URL' (a date, a space, a link)",
                    bad_date=True,
                )
            )
            continue
        url, problem = check_url(url_text)
        if url is None:
            problems.append(Refused(f"{url_text!r} {problem}"))
        else:
            links.append(Link(url, day))
    links.sort(key=lambda link: link.date or date.min)
    return tuple(links), problems


def read_window(text: str) -> tuple[DateWindow | None, str | None]:
    """``START to END`` or ``START..END`` (a JSON pair or ``{start, end}`` too)."""
    decoded = _decoded(text)
    parts: list[str]
    if isinstance(decoded, dict):
        parts = [str(decoded.get("start", "")), str(decoded.get("end", ""))]
    elif isinstance(decoded, list):
        parts = [str(item) for item in decoded]
    else:
        parts = _WINDOW_SPLIT_RE.split(text.strip())
    expected = "write 'YYYY-MM-DD to YYYY-MM-DD' (or START..END)"
    if len(parts) != 2:
        return None, f"cannot read {text.strip()!r}: {expected}"
    start, end = parse_date(parts[0]), parse_date(parts[1])
    if start is None or end is None:
        return None, f"cannot read {text.strip()!r}: {expected}"
    if end < start:
        return None, f"ends ({end.isoformat()}) before it starts ({start.isoformat()})"
    return DateWindow(start, end), None
