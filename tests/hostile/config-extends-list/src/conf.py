extensions = ["sphinxext_pep", "myst_parser"]
pep_templates = {"mine": {"extends": ["pep"]}}
