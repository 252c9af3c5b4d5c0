extensions = ["sphinxext_pep", "myst_parser"]
pep_templates = {"pep-full": {"statuses": {"Draft": "open", "Final": "done"}}}
