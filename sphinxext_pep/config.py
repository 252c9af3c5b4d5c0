"""Configuration values: declared once, validated once (SPEC §2, §8).

The reading and checking is pure (:mod:`sphinxext_pep.core.settings`); this
module declares the values to Sphinx, reads them at ``config-inited`` and
locates each problem at the value's line in ``conf.py``. A value that makes
the project meaningless stops the build with one located error naming the
key; a value that can be ignored is a ``pep.config`` warning and falls back
to its default.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinxext_pep.core.problems import Location, Subtype
from sphinxext_pep.core.settings import (
    CONFIG_DEFAULTS,
    PepSettings,
    SettingProblem,
    read_settings,
)
from sphinxext_pep.core.template_schema import SettingsError
from sphinxext_pep.reporter import fatal, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["PepSettings", "conf_locator", "get_settings", "setup_config"]

#: Config values read at HTML time only; every other one changes what is read.
_HTML_ONLY = frozenset({"pep_json_path", "pep_navigation"})


def conf_locator(confdir: str | Path | None) -> Callable[[str], Location | None]:
    """The ``conf.py`` line of a config value's assignment, to locate its warnings."""
    if confdir is None:
        return lambda name: None
    conf_py = Path(confdir) / "conf.py"
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except OSError:
        return lambda name: None

    def locate(name: str) -> Location | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=\[]")
        for number, line in enumerate(lines, start=1):
            if pattern.match(line):
                return Location(str(conf_py), number)
        return Location(str(conf_py), 0)

    return locate


def _values(config: Config) -> dict[str, Any]:
    return {name: getattr(config, name) for name in CONFIG_DEFAULTS}


def _report(problems: tuple[SettingProblem, ...], locate: Callable[[str], Location | None]) -> None:
    for problem in problems:
        warn(Subtype.CONFIG, problem.message, locate(problem.key))


def get_settings(config: Config) -> PepSettings:
    """The settings for *config*, computed once and kept on the config object.

    The attribute starts with an underscore, so Sphinx does not pickle it with
    the environment; an unpickled config simply recomputes it (its problems
    were reported when it was first read).
    """
    settings = config.__dict__.get("_pep_settings")
    if settings is None:
        settings, _problems = read_settings(_values(config))
        config.__dict__["_pep_settings"] = settings
    return settings


def _validate(app: Sphinx, config: Config) -> None:
    """Validate every ``pep_*`` value once, at ``config-inited``.

    A broken template set is reported as one located ``ERROR`` line and the
    build stops with exit status 2. We do not raise ``ConfigError``: Sphinx 9
    prints any exception as a crash report with a traceback, and a typo in
    ``conf.py`` deserves one clear line naming the key.
    """
    locate = conf_locator(app.confdir)
    try:
        settings, problems = read_settings(_values(config))
    except SettingsError as error:
        key = str(error).split("[", 1)[0].split(":", 1)[0]
        fatal(Subtype.CONFIG, f"sphinxext-pep configuration error: {error}", locate(key))
        raise SystemExit(2) from None
    _report(problems, locate)
    config.__dict__["_pep_settings"] = settings


def setup_config(app: Sphinx) -> None:
    # types=Any: _validate checks every value itself, with a located pep.config
    # message; Sphinx's own type check would add a second, untyped warning
    # that suppress_warnings cannot silence.
    for name, default in CONFIG_DEFAULTS.items():
        app.add_config_value(name, default, "html" if name in _HTML_ONLY else "env", types=Any)
    # Run early so that a broken template set stops the build before reading.
    app.connect("config-inited", _validate, priority=100)
