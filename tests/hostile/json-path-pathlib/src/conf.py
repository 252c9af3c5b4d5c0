from pathlib import Path

extensions = ["sphinxext_pep", "myst_parser"]
pep_json_path = Path("data") / "peps.json"
