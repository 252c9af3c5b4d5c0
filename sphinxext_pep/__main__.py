"""``python -m sphinxext_pep``: the ``sphinx-pep`` command."""

from sphinxext_pep.cli import main

raise SystemExit(main())
