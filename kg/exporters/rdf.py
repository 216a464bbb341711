"""Write the graph in the usual RDF formats (rdflib), all from one model (:mod:`kg.rdf`).

    kgr:paper/t61f62b94fa69 a kg:Paper ;
        dcterms:title "Binary Latent Diffusion" ;
        kg:mentions kgr:method/vector-quantization .

Triple formats hold the union of the graph's named graphs; N-Quads and TriG keep the
named graphs (one per paper, the entities graph and the VoID description). JSON-LD
carries an inline context, so reading it back needs no network.
"""

from __future__ import annotations

from pathlib import Path

from kg.exporters.common import Exporter, exporters
from kg.rdf import PREFIXES, to_dataset, to_rdf
from kg.types import KGData

# name: (file name, rdflib format, keeps named graphs, description)
RDF_FORMATS = {
    "turtle": ("graph.ttl", "turtle", False, "RDF Turtle on ontology/kg.ttl"),
    "ntriples": ("graph.nt", "nt", False, "RDF N-Triples"),
    "rdfxml": ("graph.rdf", "xml", False, "RDF/XML"),
    "jsonld": ("graph.jsonld", "json-ld", False, "JSON-LD with an inline context"),
    "nquads": ("graph.nq", "nquads", True, "N-Quads: a named graph per paper, plus VoID"),
    "trig": ("graph.trig", "trig", True, "TriG: a named graph per paper, plus VoID"),
}


def write_rdf(data: KGData, path: Path, *, rdf_format: str, named_graphs: bool) -> None:
    """Write ``data`` in an rdflib format (triples, or quads with ``named_graphs``)."""
    graph = to_dataset(data) if named_graphs else to_rdf(data)
    options = {"context": PREFIXES, "auto_compact": True} if rdf_format == "json-ld" else {}
    graph.serialize(destination=str(path), format=rdf_format, encoding="utf-8", **options)


def _writer(rdf_format: str, named_graphs: bool):
    def write(data: KGData, path: Path) -> None:
        write_rdf(data, path, rdf_format=rdf_format, named_graphs=named_graphs)
    return write


for _name, (_file, _fmt, _quads, _desc) in RDF_FORMATS.items():
    exporters.register(_name, func=Exporter(_name, _file, _writer(_fmt, _quads), _desc))
