"""Write the interactive, self-contained HTML view of the graph (vis-network from pyvis).

The page inlines the vis-network library that the pyvis package ships and fetches
nothing: it opens from ``file://`` with no network. kg builds the node and edge data
itself (see :mod:`kg.view`) because pyvis's ``Network.add_node``/``add_edge`` check
membership in lists, which takes minutes at 20,000 nodes. Texts from the input reach the
page only inside a JSON script block and are put into the page as text.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
import pyvis

from kg.exporters.common import Exporter, exporters
from kg.types import KGData
from kg.view import ViewOptions, build_view


def _environment() -> jinja2.Environment:
    ours = str(resources.files("kg") / "templates")
    theirs = str(Path(pyvis.__file__).parent / "templates")
    return jinja2.Environment(loader=jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(ours), jinja2.FileSystemLoader(theirs)]), autoescape=True)


def render_html(data: KGData, options: ViewOptions = ViewOptions(), *,
                heading: str = "kg knowledge graph") -> str:
    """Return the HTML page of one view of ``data``."""
    view = build_view(data, options)
    return _environment().get_template("kg_graph.html").render(heading=heading, view=view)


def write_html(data: KGData, path: Path, options: ViewOptions = ViewOptions()) -> None:
    """Write the self-contained HTML page."""
    path.write_text(render_html(data, options), encoding="utf-8")


exporters.register("html", func=Exporter("html", "graph.html", write_html,
                                         "interactive offline HTML page (vis-network)"))
