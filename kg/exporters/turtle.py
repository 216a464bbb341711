"""Write the graph as RDF Turtle on the kg ontology.

    kgr:paper/t61f62b94fa69 a kg:Paper ;
        dcterms:title "Binary Latent Diffusion" ;
        kg:mentions kgr:method/vector-quantization .
"""

from __future__ import annotations

from pathlib import Path

from kg.exporters.common import Exporter, exporters
from kg.rdf import to_rdf
from kg.types import KGData


def write_turtle(data: KGData, path: Path) -> None:
    """Write ``data`` as Turtle (rdflib sorts subjects, so runs diff cleanly)."""
    to_rdf(data).serialize(destination=str(path), format="turtle", encoding="utf-8")


exporters.register("turtle", func=Exporter("turtle", "graph.ttl", write_turtle,
                                           "RDF Turtle on ontology/kg.ttl"))
