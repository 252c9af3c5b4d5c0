extensions = ["sphinxext_pep", "myst_parser"]
pep_templates = {"pep": {"banners": {"Rejected": "Rejected \ud800 for good"}}}
