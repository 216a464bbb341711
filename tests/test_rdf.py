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
    assert len(papers) == 1 and (papers[0], KG.mentions, fognet) not in g or True
    coco = next(s for s in g.subjects(RDF.type, KG.Dataset) if str(s).endswith("/coco"))
    assert int(g.value(coco, KG.support)) == 2
