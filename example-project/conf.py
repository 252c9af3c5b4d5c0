"""Lumen Engineering Proposals: an example proposals site built with sphinxext-pep."""

import os

project = "Lumen Engineering Proposals"
author = "The Lumen team"
copyright = "2026, The Lumen team"

extensions = ["myst_parser", "sphinxext_pep"]
myst_enable_extensions = ["colon_fence", "tasklist"]

exclude_patterns = ["_build"]
html_theme = "alabaster"
# Each proposal's header is followed by the graph of its neighbours.
pep_header_graph = True
# -n everywhere, Read the Docs included (it passes -W but not -n).
nitpicky = True
# Absolute links for the Atom feed of status changes (proposals.atom); on Read
# the Docs, the site's own address.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://lumen.example.org/")
