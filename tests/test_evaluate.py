import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg import evaluate as ev
from kg.cli import cli
from tests.conftest import DATA


@pytest.mark.parametrize("a,b", [("Diffusion Models", "diffusion model"),
                                 ("the U-Net", "u net"), ("studies", "study"),
                                 ("\\underline{SD}", "sd")])
def test_norm(a, b):
    assert ev.norm(a) == ev.norm(b)


def test_matching_is_one_to_one_and_typed():
    gold = [{"type": "method", "name": "diffusion model", "aliases": ["DMs"]},
            {"type": "task", "name": "image generation", "aliases": []}]
    pred = [{"type": "method", "name": "Diffusion Models"},
            {"type": "method", "name": "diffusion model"},  # the same thing twice: a miss
            {"type": "method", "name": "image generation"}]  # right name, wrong type
    tp, fp, fn = ev.match(gold, pred)
    assert tp == 1 and len(fp) == 2 and [g["name"] for g in fn] == ["image generation"]


def test_score_documents_joins_on_titles():
    gold = [{"title": "A Paper!", "entities": [{"type": "dataset", "name": "COCO", "aliases": []}]},
            {"title": "Unseen", "entities": [{"type": "task", "name": "x y", "aliases": []}]}]
    pred = [{"title": "a paper", "entities": [{"type": "dataset", "name": "coco"}]}]
    rows = ev.score_documents(gold, pred)
    assert (rows["dataset"].tp, rows["task"].fn, rows["micro"].f1) == (1, 1, pytest.approx(2 / 3))


def test_span_scores(nlp):
    docs = [{"text": "We evaluate ResNet on COCO for object detection .",
             "entities": [{"start": 12, "end": 18, "label": "Method"},
                          {"start": 22, "end": 26, "label": "Material"},
                          {"start": 31, "end": 47, "label": "Task"},
                          {"start": 0, "end": 2, "label": "Generic"}]}]
    scores = ev.score_corpus(nlp, docs)
    rows = scores.spans
    assert set(rows) == {"method", "dataset", "task", "micro"}  # no metric labels: not scored
    assert rows["micro"].tp == 3 and rows["micro"].fn == 0 and scores.rate > 0
    assert scores.relations == {}  # the corpus has no relations


def relation(head, tail, label):
    return {"head": head, "tail": tail, "label": label}


def test_relation_scores_end_to_end_and_on_gold_entities(nlp):
    text = "We apply ResNet to semantic segmentation . The VGG net is used for parsing ."
    ents = [{"start": 9, "end": 15, "label": "Method"},       # ResNet
            {"start": 19, "end": 40, "label": "Task"},        # semantic segmentation
            {"start": 43, "end": 54, "label": "Method"},      # The VGG net (kg finds "VGG")
            {"start": 67, "end": 74, "label": "Task"}]        # parsing
    docs = [{"text": text, "entities": ents,
             "relations": [relation(0, 1, "USED-FOR"), relation(2, 3, "USED-FOR"),
                           relation(1, 3, "CONJUNCTION")]}]
    assert ev.gold_relations(docs[0]) == {("usedFor", (9, 15), (19, 40)),
                                          ("usedFor", (43, 54), (67, 74))}
    scores = ev.score_corpus(nlp, docs)
    on_gold = scores.relations_on_gold["usedFor"]
    assert (on_gold.tp, on_gold.fp, on_gold.fn) == (2, 0, 0)  # the rules, given the entities
    e2e = scores.relations["usedFor"]
    assert e2e.tp == 1 and e2e.fn == 1  # kg's own spans miss "The VGG net"


def test_compared_with_is_unordered():
    a = ev.relation_key("comparedWith", (0, 3), (9, 12))
    assert a == ev.relation_key("comparedWith", (9, 12), (0, 3))
    assert ev.relation_key("usedFor", (0, 3), (9, 12)) != ev.relation_key("usedFor", (9, 12), (0, 3))


def test_cli_eval(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"title": "Sparse Router Distillation", "entities": [
        {"type": "method", "name": "MoE", "aliases": ["mixture of experts"]}]}) + "\n")
    docs = tmp_path / "c.docs.jsonl"
    docs.write_text(json.dumps({
        "text": "We use BERT for parsing .",
        "entities": [{"start": 7, "end": 11, "label": "Method"},
                     {"start": 16, "end": 23, "label": "Task"}],
        "relations": [relation(0, 1, "USED-FOR")]}) + "\n")
    out = CliRunner().invoke(cli, ["eval", "--gold", str(gold), str(DATA / "papers.jsonl"),
                                   "--docs", str(docs)])
    assert out.exit_code == 0, out.output
    assert "abstracts/s" in out.output and "documents/s" in out.output
    on_gold = out.output.split("relations given the gold entities:\n")[1].splitlines()
    assert on_gold[0].split() == ["F1", "P", "R", "TP", "FP", "FN"]
    assert on_gold[1].split() == ["usedFor", "1.000", "1.000", "1.000", "1", "0", "0"]
    assert re.search(r"^method +[01]\.\d{3}", out.output, re.M)


def test_eval_matches_the_shared_scorer(shared, tmp_path):
    """kg's own matching gives the shared scorer's numbers on the dev gold."""
    from kg.pipeline import extraction_records, read, run_extraction

    papers, _ = read([shared / "corpus" / "daily_papers_dev.txt"])
    records = list(extraction_records(run_extraction(papers)))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in records))
    gold = shared / "gold" / "daily_papers_dev.gold.jsonl"
    theirs = json.loads(subprocess.run(
        [sys.executable, str(shared / "eval" / "score_entities.py"), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True).stdout)["scores"]
    ours = ev.score_documents(list(ev.read_jsonl(gold)), records)
    for t in ("method", "dataset", "task", "micro"):
        assert (ours[t].tp, ours[t].fp, ours[t].fn) == (theirs[t]["tp"], theirs[t]["fp"], theirs[t]["fn"])


def test_norm_and_title_key_agree_with_the_shared_scorer(shared):
    """kg's normalisation is written anew from the scorer's rules; it must give the scorer's
    keys on every gold name and title, on what kg extracts, and on edge cases."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_entities",
                                                  shared / "eval" / "score_entities.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = list(ev.read_jsonl(shared / "gold" / "daily_papers_dev.gold.jsonl"))
    names = {n for g in gold for e in g["entities"] for n in [e["name"], *e.get("aliases", [])]}
    names |= {"The Loss", "the", "THE GANs", "class", "bias", "ies", "Studies",
              "a\u2011b\u2010c\u2013d", "x__y//z", "\\underline{Diff}usion Models", "  DiT-XL/2  ",
              "C++ models", "v1.5s", "élan vital", "Schrödinger bridges", ""}
    assert len(names) > 300
    for name in names:
        assert ev.norm(name) == scorer.norm(name), name
    for title in [g["title"] for g in gold] + ["A: B? (C) — d_e", ""]:
        assert ev.title_key(title) == scorer.title_key(title), title
