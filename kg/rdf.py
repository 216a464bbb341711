"""RDF: the kg ontology's namespace and the conversion of :class:`KGData` to an rdflib graph."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, DefinedNamespace

from kg.types import KGData

BASE = "https://w3id.org/kg/resource/"
SCHEMA = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl`` (a test checks the two agree)."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    Paper: URIRef
    Entity: URIRef
    Method: URIRef
    Dataset: URIRef
    Task: URIRef
    Metric: URIRef
    mentions: URIRef
    proposes: URIRef
    support: URIRef
    arxivId: URIRef
    authorCount: URIRef
    authorName: URIRef
    sourceLocation: URIRef


def paper_iri(paper_id: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of a paper."""
    return URIRef(f"{base}paper/{paper_id}")


def entity_iri(entity_id: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of an entity (its id is already an IRI-safe ``type/slug``)."""
    return URIRef(base + entity_id)


def new_graph() -> Graph:
    """Return an empty graph with kg's prefixes bound."""
    g = Graph()
    for prefix, ns in (("kg", KG._NS), ("kgr", Namespace(BASE)), ("dcterms", DCTERMS),
                       ("skos", SKOS), ("schema", SCHEMA), ("fabio", FABIO)):
        g.bind(prefix, ns)
    return g


def to_rdf(data: KGData, *, base: str = BASE) -> Graph:
    """Return the papers, entities and paper-entity relations of ``data`` as RDF."""
    g = new_graph()
    for p in data.papers:
        s = paper_iri(p.id, base=base)
        g.add((s, RDF.type, KG.Paper))
        g.add((s, DCTERMS.title, Literal(p.title)))
        if p.abstract:
            g.add((s, DCTERMS.abstract, Literal(p.abstract)))
        if p.date:
            dtype = XSD.date if len(p.date) == 10 else XSD.gYearMonth if len(p.date) == 7 else XSD.gYear
            g.add((s, DCTERMS.date, Literal(p.date, datatype=dtype)))
        if p.url:
            g.add((s, SCHEMA.url, URIRef(p.url)))
        if p.arxiv_id:
            g.add((s, KG.arxivId, Literal(p.arxiv_id)))
        if p.author_count is not None:
            g.add((s, KG.authorCount, Literal(p.author_count)))
        for name in p.authors:
            g.add((s, KG.authorName, Literal(name)))
        if p.source:
            g.add((s, KG.sourceLocation, Literal(p.source)))
    for e in data.entities:
        s = entity_iri(e.id, base=base)
        g.add((s, RDF.type, KG[e.type.class_name]))
        g.add((s, SKOS.prefLabel, Literal(e.name, lang="en")))
        for alias in e.aliases:
            if alias != e.name:
                g.add((s, SKOS.altLabel, Literal(alias, lang="en")))
        g.add((s, KG.support, Literal(e.support)))
    for r in data.relations:
        if r.predicate in ("mentions", "proposes"):
            g.add((paper_iri(r.subject, base=base), KG[r.predicate],
                   entity_iri(r.object, base=base)))
    return g
