"""Lumen Engineering Proposals: an example proposals site built with sphinxext-pep."""

project = "Lumen Engineering Proposals"
author = "The Lumen team"
copyright = "2026, The Lumen team"

extensions = ["myst_parser", "sphinxext_pep"]
myst_enable_extensions = ["colon_fence", "tasklist"]

exclude_patterns = ["_build"]
html_theme = "alabaster"
# -n everywhere, Read the Docs included (it passes -W but not -n).
nitpicky = True
