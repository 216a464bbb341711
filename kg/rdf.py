"""RDF: the kg ontology's namespace and the conversion of :class:`KGData` to quads.

Provenance model. Every paper's contribution is one named graph
(``kgr:graph/paper/<id>``): the paper, its paper->entity triples (``kg:mentions``,
``kg:proposes``, the roles ``kg:usesMethod`` ...), the entity->entity triples its sentences
state (``kg:usedFor``, ``kg:evaluatedOn`` ...; see :mod:`kg.relate`), a ``kg:Mention`` node
per span (text, field, offsets, sentence, extractor) and a ``kg:Assertion`` node per
statement (reified with ``rdf:subject/predicate/object``, ``kg:confidence``,
``kg:evidence`` -> mentions). Re-adding a paper replaces its graph, which makes incremental
updates idempotent. What spans papers (each entity's type, ``skos:prefLabel``,
``skos:altLabel``, ``kg:support``, ``skos:broader`` from noun-phrase heads, and one
``kg:CoOccurrence`` node a pair of entities with its ``kg:sharedPapers``) lives in
``kgr:graph/entities`` and is kept up to date when papers change. Every triple is in one
graph only, except an entity->entity triple, which is in the graph of each paper that
states it: ``COUNT(DISTINCT ?g)`` over ``GRAPH ?g { ?m kg:usedFor ?t }`` is its support,
and queries over the union of graphs want DISTINCT for those. RDF-star would
make assertions shorter but rdflib cannot read it back, so exports could not round-trip.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import combinations

from rdflib import RDF, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, VOID, DefinedNamespace
from rdflib.term import Node

from kg import __version__
from kg.types import SOURCES, KGData, Mention, Paper, Relation

BASE = "https://w3id.org/kg/resource/"
SCHEMA = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
LPWCC = Namespace("https://linkedpaperswithcode.com/class/")
Quad = tuple[Node, Node, Node, URIRef]


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
    Mention: URIRef
    Assertion: URIRef
    Extractor: URIRef
    GraphDescription: URIRef
    CoOccurrence: URIRef
    between: URIRef
    sharedPapers: URIRef
    mentions: URIRef
    proposes: URIRef
    usesMethod: URIRef
    evaluatesOn: URIRef
    addressesTask: URIRef
    reportsMetric: URIRef
    usedFor: URIRef
    evaluatedOn: URIRef
    evaluatedWith: URIRef
    comparedWith: URIRef
    hyponymOf: URIRef
    denotes: URIRef
    inPaper: URIRef
    extractedBy: URIRef
    evidence: URIRef
    text: URIRef
    support: URIRef
    arxivId: URIRef
    authorCount: URIRef
    authorName: URIRef
    sourceLocation: URIRef
    field: URIRef
    start: URIRef
    end: URIRef
    sentence: URIRef
    confidence: URIRef
    kgVersion: URIRef


PREFIXES = {"kg": str(KG._NS), "kgr": BASE, "dcterms": str(DCTERMS), "skos": str(SKOS),
            "schema": str(SCHEMA), "fabio": str(FABIO), "prov": str(PROV), "void": str(VOID),
            "rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": str(XSD),
            "owl": "http://www.w3.org/2002/07/owl#", "lpwcc": str(LPWCC)}


def paper_iri(paper_id: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of a paper."""
    return URIRef(f"{base}paper/{paper_id}")


def entity_iri(entity_id: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of an entity (its id is already an IRI-safe ``type/slug``)."""
    return URIRef(base + entity_id)


def paper_graph(paper_id: str, *, base: str = BASE) -> URIRef:
    """Return the name of the graph that holds what one paper contributes."""
    return URIRef(f"{base}graph/paper/{paper_id}")


def entities_graph(*, base: str = BASE) -> URIRef:
    """Return the name of the graph of cross-paper aggregates (labels, support)."""
    return URIRef(f"{base}graph/entities")


def description_graph(*, base: str = BASE) -> URIRef:
    """Return the name of the graph that holds the VoID description."""
    return URIRef(f"{base}graph/void")


def mention_iri(m: Mention, *, base: str = BASE) -> URIRef:
    return URIRef(f"{base}mention/{m.paper_id}/{m.start}-{m.end}")


def extractor_iri(source: str, *, base: str = BASE) -> URIRef:
    return URIRef(f"{base}extractor/{source}")


def bind_prefixes(g: Graph) -> Graph:
    """Bind kg's prefixes on ``g`` and return it."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns))
    return g


def paper_quads(paper: Paper, mentions: list[Mention], relations: list[Relation], *,
                base: str = BASE) -> Iterator[Quad]:
    """Yield the quads of one paper's named graph."""
    g = paper_graph(paper.id, base=base)
    for s, p, o in _paper_triples(paper, base=base):
        yield s, p, o, g
    for m in mentions:
        yield from ((s, p, o, g) for s, p, o in _mention_triples(paper, m, base=base))
    for r in relations:
        yield from ((s, p, o, g) for s, p, o in _relation_triples(r, base=base))


def paper_graph_quads(data: KGData, *, base: str = BASE) -> Iterator[Quad]:
    """Yield the quads of every paper's named graph."""
    mentions: dict[str, list[Mention]] = {}
    for m in data.mentions:
        mentions.setdefault(m.paper_id, []).append(m)
    relations: dict[str, list[Relation]] = {}
    for r in data.relations:
        if r.paper_id:  # corpus-level relations (skos:broader) are in the entities graph
            relations.setdefault(r.paper_id, []).append(r)
    for p in data.papers:
        yield from paper_quads(p, mentions.get(p.id, []), relations.get(p.id, []), base=base)


def _paper_triples(p: Paper, *, base: str) -> Iterator[tuple[Node, Node, Node]]:
    s = paper_iri(p.id, base=base)
    yield s, RDF.type, KG.Paper
    yield s, DCTERMS.title, Literal(p.title)
    if p.abstract:
        yield s, DCTERMS.abstract, Literal(p.abstract)
    if p.date:
        dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(p.date)]
        yield s, DCTERMS.date, Literal(p.date, datatype=dtype)
    if p.url:
        yield s, SCHEMA.url, URIRef(p.url)
    if p.arxiv_id:
        yield s, KG.arxivId, Literal(p.arxiv_id)
    if p.author_count is not None:
        yield s, KG.authorCount, Literal(p.author_count)
    for name in p.authors:
        yield s, KG.authorName, Literal(name)
    if p.source:
        yield s, KG.sourceLocation, Literal(p.source)


def _mention_triples(paper: Paper, m: Mention, *, base: str) -> Iterator[tuple[Node, Node, Node]]:
    s = mention_iri(m, base=base)
    field, offset = paper.field_of(m.start)
    yield s, RDF.type, KG.Mention
    yield s, KG.text, Literal(m.text)
    yield s, KG.denotes, entity_iri(m.entity_id, base=base)
    yield s, KG.inPaper, paper_iri(paper.id, base=base)
    yield s, KG.extractedBy, extractor_iri(m.source, base=base)
    yield s, KG.field, Literal(field)
    yield s, KG.start, Literal(m.start - offset)
    yield s, KG.end, Literal(m.end - offset)
    yield s, KG.sentence, Literal(m.evidence(paper.text)[0])


def _relation_triples(r: Relation, *, base: str) -> Iterator[tuple[Node, Node, Node]]:
    """Yield a paper's statement and its reified ``kg:Assertion`` (confidence, evidence)."""
    obj, pred = entity_iri(r.object, base=base), KG[r.predicate]
    if r.subject == r.paper_id:
        subj = paper_iri(r.subject, base=base)
        a = URIRef(f"{base}assertion/{r.paper_id}/{r.predicate}/{r.object}")
    else:
        subj = entity_iri(r.subject, base=base)
        a = URIRef(f"{base}assertion/{r.paper_id}/{r.subject}/{r.predicate}/{r.object}")
    yield subj, pred, obj
    yield a, RDF.type, KG.Assertion
    yield a, RDF.subject, subj
    yield a, RDF.predicate, pred
    yield a, RDF.object, obj
    yield a, KG.confidence, Literal(f"{r.confidence:.4f}", datatype=XSD.decimal)
    for mention_id in r.evidence:
        paper_id, _, span = mention_id.rpartition("#")
        yield a, KG.evidence, URIRef(f"{base}mention/{paper_id}/{span}")


EXTRACTORS = SOURCES  # every source a mention can come from


def pair_iri(a: str, b: str, *, base: str = BASE) -> URIRef:
    """Return the IRI of the co-occurrence of two entity ids (order does not matter)."""
    a, b = sorted((a, b))
    return URIRef(f"{base}pair/{a}/{b}")


def cooccurrence(entity_sets: Iterable[Iterable[str]]) -> Counter[tuple[str, str]]:
    """Return how many of the given sets (one a paper) hold each pair of entity ids."""
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in entity_sets:
        pairs.update(combinations(sorted(set(ids)), 2))
    return pairs


def paper_entities(data: KGData) -> dict[str, set[str]]:
    """Return the ids of the entities each paper mentions."""
    out: dict[str, set[str]] = {p.id: set() for p in data.papers}
    for r in data.relations:
        if r.predicate == "mentions":
            out.setdefault(r.paper_id, set()).add(r.object)
    return out


def pair_triples(a: str, b: str, shared: int, *, base: str = BASE
                 ) -> Iterator[tuple[Node, Node, Node]]:
    """Yield the triples of one co-occurrence node."""
    s = pair_iri(a, b, base=base)
    yield s, RDF.type, KG.CoOccurrence
    yield s, KG.between, entity_iri(a, base=base)
    yield s, KG.between, entity_iri(b, base=base)
    yield s, KG.sharedPapers, Literal(shared)


def entity_quads(data: KGData, *, base: str = BASE) -> Iterator[Quad]:
    """Yield the cross-paper facts: entities' types, labels, support; co-occurrences; extractors.

    Each fact is in exactly one graph, so a query over the union of graphs sees it once.
    """
    g = entities_graph(base=base)
    for source in EXTRACTORS:
        yield extractor_iri(source, base=base), RDF.type, KG.Extractor, g
    for e in data.entities:
        s = entity_iri(e.id, base=base)
        yield s, RDF.type, KG[e.type.class_name], g
        yield s, SKOS.prefLabel, Literal(e.name, lang="en"), g
        for alias in e.aliases:
            if alias != e.name:
                yield s, SKOS.altLabel, Literal(alias, lang="en"), g
        yield s, KG.support, Literal(e.support), g
    for r in data.relations:
        if r.predicate == "broader":
            yield entity_iri(r.subject, base=base), SKOS.broader, entity_iri(r.object, base=base), g
    for (a, b), shared in sorted(cooccurrence(paper_entities(data).values()).items()):
        yield from ((s, p, o, g) for s, p, o in pair_triples(a, b, shared, base=base))


def quads(data: KGData, *, base: str = BASE) -> Iterator[Quad]:
    """Yield every quad of ``data``: one graph per paper, then the entities graph."""
    yield from paper_graph_quads(data, base=base)
    yield from entity_quads(data, base=base)


def to_dataset(data: KGData, *, base: str = BASE, describe: bool = True) -> Dataset:
    """Return ``data`` as an rdflib ``Dataset`` (named graphs; VoID in its own graph)."""
    ds = bind_prefixes(Dataset())
    ds.addN(quads(data, base=base))
    if describe:
        union = Graph()
        for s, p, o, _ in ds.quads():
            union.add((s, p, o))
        g = description_graph(base=base)
        ds.addN((s, p, o, g) for s, p, o in void_triples(union, base=base))
    return ds


def to_rdf(data: KGData, *, base: str = BASE) -> Graph:
    """Return all triples of ``data`` in one graph (the union of its named graphs)."""
    g = bind_prefixes(Graph())
    for s, p, o, _ in quads(data, base=base):
        g.add((s, p, o))
    return g


VOID_CLASSES = (KG.Paper, KG.Method, KG.Dataset, KG.Task, KG.Metric, KG.Mention, KG.Assertion,
                KG.CoOccurrence)


def void_triples(g: Graph, *, base: str = BASE, built: datetime | None = None
                 ) -> Iterator[tuple[Node, Node, Node]]:
    """Yield a VoID description of ``g``: triples, entities per class, time, kg version."""
    counts = {cls: len(set(g.subjects(RDF.type, cls))) for cls in VOID_CLASSES}
    yield from void_counts(counts, len(g), base=base, built=built)


def void_counts(counts: dict[URIRef, int], triples: int, *, base: str = BASE,
                built: datetime | None = None) -> Iterator[tuple[Node, Node, Node]]:
    """Yield a VoID description from counts: entities per class and the triple count."""
    d = URIRef(f"{base}void")
    built = built or datetime.now(timezone.utc).replace(microsecond=0)
    yield d, RDF.type, KG.GraphDescription
    yield d, RDF.type, VOID.Dataset
    yield d, VOID.triples, Literal(triples)
    yield d, DCTERMS.created, Literal(built.isoformat(), datatype=XSD.dateTime)
    yield d, KG.kgVersion, Literal(__version__)
    for cls, n in counts.items():
        part = URIRef(f"{base}void/{cls.split('#')[-1]}")
        yield d, VOID.classPartition, part
        yield part, VOID["class"], cls
        yield part, VOID.entities, Literal(n)
