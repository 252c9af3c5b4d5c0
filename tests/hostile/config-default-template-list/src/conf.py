extensions = ["sphinxext_pep", "myst_parser"]
pep_default_template = ["pep"]
