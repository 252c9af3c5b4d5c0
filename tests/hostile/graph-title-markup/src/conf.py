extensions = ["sphinxext_pep", "myst_parser"]
