"""The ``sphinx-pep`` command line (SPEC §10), one module per concern.

- :mod:`~sphinxext_pep.cli.main`: the arguments, :func:`main`, the exit statuses;
- :mod:`~sphinxext_pep.cli.new`: ``sphinx-pep new``, the next free number and file;
- :mod:`~sphinxext_pep.cli.project`: a project's ``conf.py`` and documents, as
  Sphinx reads them, without a build;
- :mod:`~sphinxext_pep.cli.headers`: a proposal's header in its source text,
  read by the build's own header reader;
- :mod:`~sphinxext_pep.cli.scaffold` (with ``scaffolds/`` and
  :mod:`~sphinxext_pep.cli.markdown_rst`): the text of the new proposal;
- :mod:`~sphinxext_pep.cli.check`: ``sphinx-pep check``, a Sphinx read of the
  project and its findings;
- :mod:`~sphinxext_pep.cli.records`: Sphinx's warnings as log records;
- :mod:`~sphinxext_pep.cli.output`: one-line errors and closed pipes.
"""

from sphinxext_pep.cli.main import main

__all__ = ["main"]
