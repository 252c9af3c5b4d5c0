"""sphinxext-pep: enhancement proposals as a living part of your Sphinx docs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinxext_pep.assets import setup_assets
from sphinxext_pep.banners import setup_banners
from sphinxext_pep.captions import setup_captions
from sphinxext_pep.collector import setup_collector
from sphinxext_pep.config import setup_config
from sphinxext_pep.domain import setup_domain
from sphinxext_pep.domain_index import setup_domain_index
from sphinxext_pep.export_json import setup_export_json
from sphinxext_pep.feed import setup_feed
from sphinxext_pep.graph import setup_graph
from sphinxext_pep.graph_render import setup_graph_render
from sphinxext_pep.header import setup_header
from sphinxext_pep.header_render import setup_header_render
from sphinxext_pep.history import setup_history
from sphinxext_pep.index import setup_index
from sphinxext_pep.index_html import setup_index_render
from sphinxext_pep.locale import setup_locale
from sphinxext_pep.navigation import setup_navigation
from sphinxext_pep.people import setup_people
from sphinxext_pep.pictures import setup_pictures
from sphinxext_pep.risk import setup_risk
from sphinxext_pep.risk_heatmap import setup_risk_render
from sphinxext_pep.staleness import setup_staleness
from sphinxext_pep.stats import setup_stats
from sphinxext_pep.timeline import setup_timeline
from sphinxext_pep.unresolved import setup_unresolved

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_design")
    setup_locale(app)
    setup_config(app)
    setup_domain(app)
    setup_unresolved(app)
    setup_header(app)
    setup_header_render(app)
    setup_banners(app)
    setup_history(app)
    setup_risk(app)
    setup_risk_render(app)
    setup_index(app)
    setup_captions(app)
    setup_index_render(app)
    setup_graph(app)
    setup_graph_render(app)
    setup_people(app)
    setup_timeline(app)
    setup_stats(app)
    setup_pictures(app)
    setup_domain_index(app)
    setup_export_json(app)
    setup_feed(app)
    setup_collector(app)
    setup_staleness(app)
    setup_assets(app)
    setup_navigation(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
