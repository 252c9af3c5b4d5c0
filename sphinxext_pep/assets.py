"""The CSS and JavaScript shipped in ``sphinxext_pep/static/`` (no CDN, no library).

How the files reach ``_static`` without the next build saying "The
configuration has changed (1 option: 'html_static_path')". Sphinx pickles the
environment, its config included, between reading and writing, and compares
that pickle with ``conf.py`` at the start of the next build. An entry
appended to ``html_static_path`` before the pickling (at ``builder-inited``,
as sphinx-design, which this extension loads, does too) is in the pickle but
not yet in the next build's config, and every rebuild reported a change.

So: Sphinx >= 9.1 registers the directory (``app.add_static_dir``), outside
the config. Before that, this extension's path is appended at
``write-started``, after the pickling; entries other extensions appended
while the builder was set up are taken out at ``env-updated`` (the last step
before the pickling) and put back at ``write-started``. Each HTML-family
builder still copies the path in its own finish step: the EPUB builder zips
its book there, before ``build-finished``, so a copy made later would be
missing from the book.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).parent / "static"
#: Styles every HTML page may need (headers, badges, tables).
CSS_FILES = ("sphinxext-pep.css", "sphinxext-pep-risk.css")

# Kept on the config under names with an underscore, which Sphinx neither
# pickles nor compares.
_AS_CONFIGURED = "_pep_static_as_configured"
_SET_ASIDE = "_pep_static_set_aside"


def _remember_configured(app: Sphinx, config: Config) -> None:
    """``html_static_path`` as ``conf.py`` has it (after Sphinx's own check of it)."""
    config.__dict__[_AS_CONFIGURED] = list(config.html_static_path)


def _set_aside_added(app: Sphinx, env: BuildEnvironment) -> None:
    """Take out what extensions appended since ``config-inited``, before the pickling."""
    config = app.config
    configured = config.__dict__.get(_AS_CONFIGURED)
    if configured is None:
        return
    added = [entry for entry in config.html_static_path if entry not in configured]
    if added:
        config.__dict__[_SET_ASIDE] = config.__dict__.get(_SET_ASIDE, []) + added
        config.html_static_path = [e for e in config.html_static_path if e not in added]


def _add_static_path(app: Sphinx, builder: Builder) -> None:
    """Put back what was set aside, and add this extension's own directory."""
    config = app.config
    own = [] if hasattr(app, "add_static_dir") else [str(STATIC_DIR)]
    entries = [*config.__dict__.pop(_SET_ASIDE, []), *own]
    for entry in entries:
        if entry not in config.html_static_path:
            config.html_static_path.append(entry)


def setup_assets(app: Sphinx) -> None:
    for name in CSS_FILES:
        app.add_css_file(name)
    add_static_dir = getattr(app, "add_static_dir", None)
    if add_static_dir is not None:  # Sphinx >= 9.1: the registry, never the config
        add_static_dir(STATIC_DIR)
    # Others' entries are set aside on any version (sphinx-design appends its own).
    app.connect("config-inited", _remember_configured, priority=900)
    app.connect("env-updated", _set_aside_added, priority=900)
    app.connect("write-started", _add_static_path)
