"""Write the NetworkX graph as GEXF, Gephi's native format.

    <node id="method/ddim" label="DDIM"><attvalues><attvalue for="0" value="method"/>
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.exporters.common import Exporter, exporters
from kg.graph import to_networkx
from kg.types import KGData


def write_gexf(data: KGData, path: Path) -> None:
    """Write ``data`` as GEXF 1.2."""
    nx.write_gexf(to_networkx(data), path)


exporters.register("gexf", func=Exporter("gexf", "graph.gexf", write_gexf, "GEXF for Gephi"))
