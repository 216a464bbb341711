"""Write an interactive, self-contained HTML view of the graph (PyVis / vis-network).

The page inlines vis-network from the pyvis package and fetches nothing: it opens from
``file://`` with no network. Texts from the input reach the page only JSON-escaped.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
import pyvis
from pyvis.network import Network

from kg.exporters.common import Exporter, exporters
from kg.graph import to_networkx
from kg.types import EntityType, KGData

COLORS = {"paper": "#9e9e9e", EntityType.METHOD.value: "#1f77b4",
          EntityType.DATASET.value: "#2ca02c", EntityType.TASK.value: "#ff7f0e",
          EntityType.METRIC.value: "#9467bd"}
SHAPES = {"paper": "square"}
OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150},
                "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80}},
    "interaction": {"hover": True, "tooltipDelay": 120},
    "edges": {"smooth": False, "color": {"opacity": 0.5}},
}


def _environment() -> jinja2.Environment:
    ours = str(resources.files("kg") / "templates")
    theirs = str(Path(pyvis.__file__).parent / "templates")
    return jinja2.Environment(loader=jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(ours), jinja2.FileSystemLoader(theirs)]), autoescape=True)


def to_pyvis(data: KGData) -> Network:
    """Return a PyVis network: colour and shape per type, size by support."""
    g = to_networkx(data)
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in sorted(g.nodes(data=True)):
        kind = attrs["kind"]
        support = int(attrs.get("support", 1))
        tooltip = (f"{attrs['label']}\n{kind}" if kind == "paper" else
                   f"{attrs['label']} ({kind}, {support} paper{'s' * (support != 1)})\n"
                   f"aliases: {attrs['aliases']}")
        label = attrs["label"] if kind != "paper" else _short(attrs["label"])
        net.add_node(node, label=label, title=tooltip, color=COLORS[kind],
                     shape=SHAPES.get(kind, "dot"), size=8 if kind == "paper" else 8 + 4 * support)
    for u, v, key in sorted(g.edges(keys=True)):
        net.add_edge(u, v, title=key, dashes=key == "mentions", width=2 if key == "proposes" else 1)
    return net


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_html(data: KGData, *, heading: str = "kg knowledge graph") -> str:
    """Return the HTML page for ``data``."""
    net = to_pyvis(data)
    nodes, edges, *_ = net.get_network_data()
    counts = {t: sum(1 for e in data.entities if e.type.value == t) for t in COLORS if t != "paper"}
    legend = [{"label": f"paper ({len(data.papers)})", "color": COLORS["paper"]}] + [
        {"label": f"{t} ({n})", "color": COLORS[t]} for t, n in counts.items()]
    return _environment().get_template("kg_graph.html").render(
        heading=heading, caption=f"{len(data.papers)} papers, {len(data.entities)} entities",
        legend=legend, nodes=nodes, edges=edges, options=OPTIONS)


def write_html(data: KGData, path: Path) -> None:
    """Write the self-contained HTML page."""
    path.write_text(render_html(data), encoding="utf-8")


exporters.register("html", func=Exporter("html", "graph.html", write_html,
                                         "interactive offline HTML page (PyVis)"))
