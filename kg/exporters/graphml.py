"""Write the NetworkX graph as GraphML (scalar attributes; aliases joined with " | ").

    <node id="method/ddim"><data key="d1">method</data><data key="d2">DDIM</data></node>
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.exporters.common import Exporter, exporters
from kg.graph import to_networkx
from kg.types import KGData


def write_graphml(data: KGData, path: Path) -> None:
    """Write ``data`` as GraphML."""
    nx.write_graphml(to_networkx(data), path)


exporters.register("graphml", func=Exporter("graphml", "graph.graphml", write_graphml,
                                            "GraphML for Gephi, yEd, Cytoscape, NetworkX"))
