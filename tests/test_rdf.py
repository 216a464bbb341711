import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

from kg.rdf import KG, to_rdf
from kg.pipeline import run_extraction
from tests.conftest import ROOT, make_paper

ONTOLOGY = ROOT / "ontology" / "kg.ttl"


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def data():
    return run_extraction([
        make_paper("FogNet: Detection in Fog", "We propose FogNet for object detection on COCO.",
                   date="2024-03-05", url="https://example.org/p", arxiv_id="2403.00001",
                   authors=("Ada Lovelace",)),
        make_paper("Other <b>", 'A "quoted" abstract using ResNet and COCO.'),
    ])


def terms(ontology):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(KG._NS))}


def test_namespace_matches_the_ontology(ontology):
    declared = {URIRef(str(KG._NS) + name) for name in KG.__annotations__}
    assert declared == terms(ontology)


def test_every_term_has_label_and_comment(ontology):
    for term in terms(ontology):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_every_used_term_is_in_the_ontology(ontology, data):
    g = to_rdf(data)
    used = {p for p in g.predicates() if str(p).startswith(str(KG._NS))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(KG._NS))}
    assert used and used <= terms(ontology)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_round_trip_is_isomorphic(data, fmt):
    g = to_rdf(data)
    back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
    assert len(g) > 20 and isomorphic(g, back)


def test_paper_and_entity_triples(data):
    g = to_rdf(data)
    fognet = next(s for s in g.subjects(RDF.type, KG.Method) if str(s).endswith("/fognet"))
    papers = list(g.subjects(KG.proposes, fognet))
    # one paper proposes it; what a paper proposes it does not also "use"
    assert len(papers) == 1 and (papers[0], KG.usesMethod, fognet) not in g
    coco = next(s for s in g.subjects(RDF.type, KG.Dataset) if str(s).endswith("/coco"))
    assert int(g.value(coco, KG.support)) == 2


SHAPES = ROOT / "ontology" / "shapes.ttl"


def validate(graph):
    import pyshacl

    conforms, _, text = pyshacl.validate(graph, shacl_graph=Graph().parse(SHAPES),
                                         ont_graph=Graph().parse(ONTOLOGY), inference="rdfs")
    return conforms, text


def union(ds):
    g = Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


def test_built_graph_conforms_to_the_shapes(data):
    from kg.rdf import to_dataset

    conforms, text = validate(union(to_dataset(data)))
    assert conforms, text


def test_every_extractor_a_mention_names_is_described():
    """Elliptic conjuncts come from the "coordination" extractor: it must be a kg:Extractor
    like the others, or the mention breaks the shapes."""
    from kg.rdf import to_dataset

    data = run_extraction([make_paper("T", "We show conditional and unconditional hazy route "
                                           "segmentation on COCO.")])
    assert "coordination" in {m.source for m in data.mentions}
    g = union(to_dataset(data))
    used = set(g.objects(None, KG.extractedBy))
    assert used and all((x, RDF.type, KG.Extractor) in g for x in used)  # stated, not inferred


def test_shapes_catch_a_broken_graph(data):
    from rdflib import Literal
    from kg.rdf import to_dataset

    g = union(to_dataset(data))
    mention = next(g.subjects(RDF.type, KG.Mention))
    g.set((mention, KG.start, Literal(10_000)))  # start after end
    entity = next(g.subjects(RDF.type, KG.Method))
    g.remove((entity, KG.support, None))
    conforms, text = validate(g)
    assert not conforms
    assert "kg#start" in text or "lessThan" in text.replace("LessThan", "lessThan")
    assert "support" in text


def test_every_assertion_traces_to_sentence_offsets_and_extractor(data):
    from kg.rdf import to_dataset

    g = union(to_dataset(data))
    rows = list(g.query("""
        SELECT ?paper ?entity ?sentence ?start ?end ?extractor WHERE {
          ?a a kg:Assertion ; rdf:subject ?paper ; rdf:object ?entity ; kg:evidence ?m .
          ?m kg:sentence ?sentence ; kg:start ?start ; kg:end ?end ; kg:extractedBy ?extractor ;
             kg:inPaper ?paper ; kg:denotes ?entity .
        }""", initNs={"kg": KG._NS, "rdf": RDF}))
    assert len(rows) >= len(data.relations)
    assert all(int(r.start) < int(r.end) and str(r.sentence) for r in rows)


def test_void_counts(data):
    from rdflib.namespace import VOID
    from kg.rdf import description_graph, to_dataset

    ds = to_dataset(data)
    void = ds.graph(description_graph())
    parts = {str(void.value(p, VOID["class"])).split("#")[-1]: int(void.value(p, VOID.entities))
             for p in void.subjects(VOID["class"], None)}
    assert parts["Paper"] == 2
    assert parts["Method"] == sum(e.type.value == "method" for e in data.entities)
