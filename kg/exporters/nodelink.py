"""Write the NetworkX graph as node-link JSON (D3, networkx.node_link_graph).

    {"directed": true, "multigraph": true, "nodes": [{"id": "method/ddim", "kind": "method"}],
     "links": [{"source": "paper/t61f6", "target": "method/ddim", "key": "mentions"}]}
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.exporters.common import Exporter, exporters
from kg.graph import to_networkx
from kg.types import KGData


def write_nodelink(data: KGData, path: Path) -> None:
    """Write ``data`` as node-link JSON."""
    payload = nx.node_link_data(to_networkx(data), edges="links")
    path.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1),
                    encoding="utf-8")


exporters.register("nodelink", func=Exporter("nodelink", "graph.json", write_nodelink,
                                             "node-link JSON (D3, networkx)"))
