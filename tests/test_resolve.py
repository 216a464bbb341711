"""The resolver's pure functions, on candidate records (no pipeline run)."""

import spacy

from kg.extract import resolve, tokens
from kg.extract.rules import Candidate
from kg.types import EntityType

M, T = EntityType.METHOD, EntityType.TASK


def toks(text: str) -> tokens.Tokens:
    return tokens.read_tokens(spacy.blank("en").make_doc(text))


def test_with_ner_a_weak_candidate_needs_an_entity_with_its_exact_boundaries():
    # "we create sequential models": the head-noun rule reads "create sequential models"
    cands = [Candidate(1, 4, M, "term"), Candidate(2, 4, M, "ner"),
             Candidate(5, 6, M, "name"), Candidate(5, 6, M, "ner"),
             Candidate(7, 8, M, "name"), Candidate(9, 10, M, "gazetteer")]
    kept = resolve.supported(cands)
    assert Candidate(1, 4, M, "term") not in kept  # overlaps an NER entity, other boundaries
    assert Candidate(7, 8, M, "name") not in kept  # no NER entity at all
    assert Candidate(5, 6, M, "name") in kept and Candidate(9, 10, M, "gazetteer") in kept


def test_select_keeps_the_longest_then_the_stronger_source_and_no_generic_word():
    t = toks("We use a latent diffusion model and a model .")
    cands = [Candidate(3, 6, M, "term"), Candidate(4, 6, M, "gazetteer"),
             Candidate(8, 9, M, "name"), Candidate(3, 6, T, "name", proposed=True)]
    kept = resolve.select(t, cands)
    assert kept == [Candidate(3, 6, M, "term", proposed=True)]  # "model" alone is generic


def test_covering_prefers_the_longest_candidate_ending_at_the_span():
    cands = [Candidate(2, 5, M, "term"), Candidate(3, 5, T, "gazetteer"), Candidate(3, 6, M, "term")]
    assert resolve.covering(3, 5, cands) == Candidate(2, 5, M, "term")
    assert resolve.covering(1, 5, cands) is None


def test_every_mention_source_has_a_priority_a_confidence_and_an_extractor():
    """The three per-source tables must name the same sources (the graph once lacked the
    coordination extractor)."""
    from kg.rdf import EXTRACTORS
    from kg.relate import SOURCE_CONFIDENCE
    from kg.types import SOURCES

    assert set(resolve.PRIORITY) == set(SOURCES) == set(SOURCE_CONFIDENCE) == set(EXTRACTORS)


def test_the_trained_model_may_keep_a_kind_of_model_part_but_not_other_generic_words():
    t = toks("A classifier and a decoder and a method .")
    cands = [Candidate(1, 2, M, "ner"), Candidate(4, 5, M, "term"), Candidate(7, 8, M, "ner")]
    # "classifier" from the NER stays; "decoder" from the head-noun rule and "method" do not
    assert resolve.select(t, cands) == [Candidate(1, 2, M, "ner")]


def test_a_proposed_name_keeps_its_type_where_a_cue_says_otherwise():
    t = toks("EchoSynth : we introduce EchoSynth . Videos from EchoSynth and CAMUS help .")
    D = EntityType.DATASET
    kept = [Candidate(0, 1, M, "title", proposed=True), Candidate(4, 5, M, "name", proposed=True),
            Candidate(8, 9, D, "name"), Candidate(10, 11, D, "gazetteer")]
    out = resolve.proposed_names_keep_their_type(t, kept)
    assert [c.label for c in out] == [M, M, M, D]


def test_a_name_listed_with_a_dataset_is_a_dataset():
    t = toks("Molecules from ZINC , PubChem and ChemPile , unlike RouteNet , help .")
    D = EntityType.DATASET
    kept = [Candidate(2, 3, D, "gazetteer"), Candidate(4, 5, M, "name"),
            Candidate(6, 7, M, "name"), Candidate(9, 10, M, "name")]
    out = resolve.coordinated_datasets(t, kept)
    assert [c.label for c in out] == [D, D, D, M]  # "unlike" is no list word
    # along the list from its end too
    kept = [Candidate(2, 3, M, "name"), Candidate(4, 5, M, "name"), Candidate(6, 7, D, "gazetteer")]
    assert [c.label for c in resolve.coordinated_datasets(t, kept)] == [D, D, D]


def test_a_name_a_metric_is_reported_on_is_a_dataset():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    t = tokens.read_tokens(nlp("It lowers FID to 3.1 on QuillSet. On RouteNet we build, and "
                               "PSNR. On ZorbaNet too."))
    D, X = EntityType.DATASET, EntityType.METRIC
    kept = [Candidate(2, 3, X, "gazetteer"), Candidate(6, 7, M, "name"),
            Candidate(9, 10, M, "name"), Candidate(14, 15, X, "gazetteer"),
            Candidate(17, 18, M, "name")]
    out = resolve.metric_on_names(t, kept)
    # "FID ... on QuillSet": a dataset; "On RouteNet" names no metric before it; "PSNR .
    # On ZorbaNet": the metric is in the sentence before
    assert [c.label for c in out] == [X, D, M, X, M]


def test_a_list_ends_at_its_and_item_and_needs_one():
    D = EntityType.DATASET
    t = toks("At 0.05 bpp on Kodak and ClicSet , SquidDiff matches PerCo , ZorbaNet too .")
    kept = [Candidate(4, 5, D, "gazetteer"), Candidate(6, 7, M, "name"),
            Candidate(8, 9, M, "name"), Candidate(10, 11, M, "name"), Candidate(12, 13, M, "name")]
    # "Kodak and ClicSet" is the list; "ClicSet, SquidDiff" and "PerCo, ZorbaNet" are none
    assert [c.label for c in resolve.coordinated_datasets(t, kept)] == [D, D, M, M, M]
