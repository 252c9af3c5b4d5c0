extensions = ["sphinxext_pep", "myst_parser"]
pep_templates = {"mine": {"extends": "pep", "required_sections": ["Rationale", "rationale"]}}
