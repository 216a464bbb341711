"""Relations between papers and entities and between entities, with their evidence."""

import pytest

from kg.extract import extract
from kg.extract.gazetteer import load_gazetteer
from kg.link import broader_relations, head_keys, link
from kg.relate import mention_confidence
from kg.types import Entity, EntityType
from tests.conftest import make_paper


def build(nlp, *papers):
    return link(extract(papers, nlp=nlp), gazetteer=load_gazetteer())


def triples(data):
    name = {e.id: e.name for e in data.entities}
    return {(name.get(r.subject, r.subject), r.predicate, name[r.object]) for r in data.relations}


def between(data, predicate):
    return [r for r in data.relations if r.predicate == predicate and r.subject != r.paper_id]


def test_each_paper_entity_gets_a_role_by_type(nlp):
    paper = make_paper("T", "We propose FogNet for object detection on COCO and report mAP, "
                            "building on ResNet.")
    found = triples(build(nlp, paper))
    assert {("T", "proposes", "FogNet"), ("T", "usesMethod", "ResNet"),
            ("T", "evaluatesOn", "COCO"), ("T", "addressesTask", "object detection"),
            ("T", "reportsMetric", "mAP")} <= {(s if s != paper.id else "T", p, o)
                                              for s, p, o in found}
    # what the paper proposes is not also something it merely uses
    assert (paper.id, "usesMethod", "FogNet") not in found


def test_used_for_both_word_orders_with_sentence_evidence(nlp):
    paper = make_paper("T", "We apply ResNet to semantic segmentation. "
                            "For depth estimation, we use BERT.")
    data = build(nlp, paper)
    assert {("ResNet", "usedFor", "semantic segmentation"),
            ("BERT", "usedFor", "depth estimation")} <= triples(data)
    mentions = {m.id: m for m in data.mentions}
    for r in between(data, "usedFor"):
        ends = [mentions[i] for i in r.evidence]
        assert len(ends) == 2 and ends[0].sentence == ends[1].sentence  # one sentence
        assert {m.entity_id for m in ends} == {r.subject, r.object}
        assert 0 < r.confidence < 1


def test_a_coordination_shares_the_cue_and_more_usedfor_cues(nlp):
    data = build(nlp, make_paper("T", (
        "We apply ResNet to semantic segmentation, depth estimation and object detection. "
        "We study BERT in machine translation. We report object detection on KITTI.")))
    found = triples(data)
    assert {("ResNet", "usedFor", t) for t in (
        "semantic segmentation", "depth estimation", "object detection")} <= found
    assert ("BERT", "usedFor", "machine translation") in found  # "M in T"
    assert ("KITTI", "usedFor", "object detection") in found  # "T on D"
    assert ("ResNet", "usedFor", "machine translation") not in found  # another sentence


def test_evaluated_on_needs_a_sentence_about_results(nlp):
    told = build(nlp, make_paper("A", "Experiments show that FogNet outperforms ResNet on COCO."))
    # a comparison on a dataset evaluates both methods on it
    assert {("FogNet", "evaluatedOn", "COCO"), ("ResNet", "evaluatedOn", "COCO")} <= triples(told)
    assert ("FogNet", "comparedWith", "ResNet") in triples(told)
    untold = build(nlp, make_paper("B", "ResNet was trained on COCO images by others."))
    assert not between(untold, "evaluatedOn")


def test_hearst_lists_give_hyponyms(nlp):
    data = build(nlp, make_paper("T", "Deep generative models such as GANs, VAEs and "
                                      "normalizing flows are compared."))
    hypo = {(s, o) for s, p, o in triples(data) if p == "hyponymOf"}
    assert {("GAN", "deep generative model"), ("VAE", "deep generative model")} <= hypo


def test_relations_from_several_sentences_combine_as_independent_evidence(nlp):
    one = build(nlp, make_paper("A", "We apply ResNet to semantic segmentation."))
    two = build(nlp, make_paper("A", "We apply ResNet to semantic segmentation. "
                                     "We use ResNet for semantic segmentation again."))
    [r1], [r2] = between(one, "usedFor"), between(two, "usedFor")
    assert r2.confidence > r1.confidence and len(r2.evidence) == 4


def test_broader_from_noun_phrase_heads():
    e = lambda eid, name, t=EntityType.METHOD: Entity(eid, t, name)
    rels = broader_relations([e("m/ldm", "latent diffusion model"), e("m/dm", "diffusion model"),
                              e("m/m", "model"), e("m/cnn", "CNN"), e("m/frcnn", "Faster R-CNN"),
                              e("t/vsr", "video super-resolution", EntityType.TASK),
                              e("t/sr", "super-resolution", EntityType.TASK),
                              e("d/sr", "super-resolution data", EntityType.DATASET)])
    assert {(r.subject, r.object) for r in rels} == {
        ("m/ldm", "m/dm"),  # the longest head, not "model"
        ("m/dm", "m/m"),
        ("t/vsr", "t/sr")}  # a name ("CNN") is never a kind; types must agree
    assert all(r.predicate == "broader" and r.paper_id == "" for r in rels)
    assert list(head_keys("text to image generation")) == ["image generation", "generation"]


def test_confidence_combines_sources(nlp):
    data = build(nlp, make_paper("T", "We use ResNet."))
    [m] = [m for m in data.mentions if m.text == "ResNet"]
    assert mention_confidence([m]) < mention_confidence([m, m]) < 1


def test_a_defined_short_form_is_not_a_hyponym(nlp):
    data = build(nlp, make_paper("T", "We train a sparse routing network (SRN) and compare "
                                      "detectors (YOLO, DETR) on COCO."))
    hypo = {(s, o) for s, p, o in triples(data) if p == "hyponymOf"}
    assert not any("SRN" in pair for pair in hypo)


@pytest.mark.parametrize("sentence, pair", [
    ("We propose GlowNet, a novel rectified flow model.", ("GlowNet", "rectified flow")),
    ("GlowNet is a rectified flow model for dehazing.", ("GlowNet", "rectified flow")),
    ("We use ResNet as a feature extractor network here.", ("ResNet", "feature extractor network")),
])
def test_is_a_appositions_and_lists_with_articles_give_hyponyms(nlp, sentence, pair):
    hypo = {(s, o) for s, p, o in triples(build(nlp, make_paper("T", sentence)))
            if p == "hyponymOf"}
    assert pair in hypo, hypo


@pytest.mark.parametrize("sentence", [
    "We compare GlowNet, and a rectified flow model.",  # a list, not an apposition
    "GlowNet is formulated as a rectified flow problem.",  # no article right after "is"
    "GlowNet is the rectified flow model we train.",  # "the": identity, not a kind
])
def test_no_hyponym_without_an_is_a_reading(nlp, sentence):
    hypo = {(s, o) for s, p, o in triples(build(nlp, make_paper("T", sentence)))
            if p == "hyponymOf"}
    assert not hypo, hypo


def test_list_items_may_carry_articles():
    from kg.relate import sentence_relations
    from kg.types import Mention

    text = "Web corpora such as the Pile or the C4 corpus help."
    spans = [(0, 11), (24, 28), (36, 45)]
    ms = [Mention("p", text[a:b], EntityType.DATASET, a, b, (0, len(text)), "term",
                  entity_id=f"dataset/{k}") for k, (a, b) in enumerate(spans)]
    found = {(s.text, o.text) for p, s, o, _ in sentence_relations(text, ms) if p == "hyponymOf"}
    assert found == {("Pile", "Web corpora"), ("C4 corpus", "Web corpora")}
