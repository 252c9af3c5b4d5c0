"""Sphinx's warnings and errors as log records, not as the text it prints.

``check`` needs each warning's type, subtype and location. Sphinx logs every
warning as a record on the ``sphinx`` logger, whose warning handler (installed
by :func:`sphinx.util.logging.setup` when an application starts) runs three
filters before it writes a line: ``suppress_warnings``, the translation of the
location (a docname, a ``(docname, line)`` pair or a node) into ``path:line``,
and ``once``. :class:`RecordCollector` is one more filter at the end of that
handler's chain, so it sees exactly the records Sphinx prints, each with its
final location; it keeps them and lets them pass.

:class:`RecordingSphinx` attaches the collector as soon as Sphinx has installed
its handlers: in the first :meth:`~sphinx.application.Sphinx.setup_extension`
call, which Sphinx makes right after reading ``conf.py`` and before it loads
any extension, so the warnings of every extension's setup and of
``config-inited`` (``pep.config``) are collected too. Only a record logged
while ``conf.py`` itself runs is not; a ``conf.py`` that fails raises.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler


@dataclass(frozen=True)
class Record:
    """One warning or error as Sphinx reported it."""

    level: int
    #: ``pep``, ``docutils``, ``ref``...; ``""`` for an untyped warning.
    type: str
    subtype: str
    #: ``path:line``, ``path`` or ``""``, as Sphinx's filters left it.
    location: str
    message: str

    @property
    def kind(self) -> str:
        """``pep.section``: the name ``suppress_warnings`` knows it by."""
        return f"{self.type}.{self.subtype}" if self.subtype else self.type

    @property
    def is_error(self) -> bool:
        return self.level >= logging.ERROR


class RecordCollector(logging.Filter):
    """A last filter on Sphinx's warning handler: keeps what passes, passes it on."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[Record] = []

    def filter(self, record: logging.LogRecord) -> bool:
        # LogRecord.getMessage, not the record's own: Sphinx's adds the location.
        # (The application runs with show_warning_types off, so that Sphinx
        # has not appended " [type.subtype]" to the message either.)
        message = logging.LogRecord.getMessage(record)
        self.records.append(
            Record(
                level=record.levelno,
                type=getattr(record, "type", None) or "",
                subtype=getattr(record, "subtype", None) or "",
                location=str(getattr(record, "location", None) or ""),
                message=message,
            )
        )
        return True

    def attach(self) -> None:
        """Add this filter to the warning handler Sphinx has just installed."""
        for handler in logging.getLogger(NAMESPACE).handlers:
            if isinstance(handler, WarningStreamHandler) and self not in handler.filters:
                handler.addFilter(self)

    def detach(self) -> None:
        """Leave the handler as Sphinx made it (it outlives the application)."""
        for handler in logging.getLogger(NAMESPACE).handlers:
            handler.removeFilter(self)


class RecordingSphinx(Sphinx):
    """A Sphinx application whose warnings and errors are also kept as records."""

    def __init__(self, *args: Any, collector: RecordCollector, **kwargs: Any) -> None:
        self.collector = collector  # before Sphinx's __init__, which loads extensions
        super().__init__(*args, **kwargs)

    def setup_extension(self, extname: str) -> None:
        self.collector.attach()
        super().setup_extension(extname)
