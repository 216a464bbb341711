#!/usr/bin/env python3
"""Throughput of kg's pipelines against spaCy's bare tokenizer, on one core, in one run.

For each of: the bare English tokenizer (the practical ceiling for any spaCy pipeline),
``fast`` and ``accurate`` (the whole of ``kg extract`` after reading: spaCy, linking,
relations), prints abstracts per second as the median of ``--runs`` interleaved rounds and
the median within-round ratio to the tokenizer; then the time to load each pipeline.

Texts (``--texts``): ``daily-papers`` (default), the shared Daily Papers dev page (31
titles and abstracts of 219 words on average, the length users paste), or ``scierc``, the
350 SciERC train abstracts (130 words: shorter, so more of them a second); either repeated
to ``--n``. Without ``../shared``, the example abstracts that ship with kg.

usage: python bench/throughput.py [--texts daily-papers|scierc] [--n 372] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the targets are stated
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's BLAS, which the NER uses

import spacy  # noqa: E402

from kg.extract import extract, load_pipeline  # noqa: E402
from kg.link import link  # noqa: E402
from kg.pipeline import rare_young_collections, read  # noqa: E402
from kg.types import Paper  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCIERC = "data/scierc/data/ner/sciie/raw/train.docs.jsonl"
DAILY_PAPERS = "corpus/daily_papers_dev.txt"


def texts(shared: Path, n: int, kind: str) -> tuple[list[Paper], str]:
    path = shared / (SCIERC if kind == "scierc" else DAILY_PAPERS)
    if path.exists() and kind == "scierc":
        docs = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
        source = f"{len(docs)} SciERC train abstracts"
        papers = [Paper(id=f"s{i}", title="", abstract=t) for i, t in enumerate(docs)]
    elif path.exists():
        papers, _ = read([path])
        source = f"the {len(papers)} papers of the shared Daily Papers dev page"
    else:
        papers, _ = read([ROOT / "examples" / "daily_papers_example.txt"])
        source = f"{len(papers)} shipped example abstracts (no shared corpus at {shared})"
    out = [papers[i % len(papers)] for i in range(n)]
    return [Paper(id=f"p{i}", title=p.title, abstract=p.abstract) for i, p in enumerate(out)], source


def seconds(fn) -> float:
    """Time ``fn`` with the garbage-collector setting ``kg extract`` runs under."""
    with rare_young_collections():
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", choices=("daily-papers", "scierc"), default="daily-papers")
    ap.add_argument("--n", type=int, default=372,
                    help="abstracts a run (372: the dev page 12 times; 350: SciERC train once)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    papers, source = texts(args.shared, args.n, args.texts)
    words = sum(len(p.text.split()) for p in papers) / len(papers)
    print(f"{args.n} abstracts from {source}; {words:.0f} words each on average; "
          f"median of {args.runs} runs, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    tokenizer = spacy.blank("en").tokenizer
    jobs = {"bare tokenizer": lambda: list(tokenizer.pipe(p.text for p in papers))}
    for name in ("fast", "accurate"):
        try:
            nlp = load_pipeline(name)
        except Exception as e:  # no trained model: say so, measure the rest
            print(f"{name:16} not measured: {e}")
            continue
        jobs[name] = lambda nlp=nlp: link(extract(papers, nlp=nlp))
    # Rounds interleave the jobs, so a slow spell of this shared machine hits them alike;
    # the ratio to the tokenizer is taken within each round.
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.runs):
        for name, job in jobs.items():
            times[name].append(seconds(job))
    bare = times["bare tokenizer"]
    for name, ts in times.items():
        ratio = statistics.median(b / t for b, t in zip(bare, ts))
        print(f"{name:16} {args.n / statistics.median(ts):8.0f} abstracts/s   {ratio:.3f} "
              "of the tokenizer")
    for name in ("fast", "accurate"):
        loads = []
        for _ in range(args.runs):
            started = time.perf_counter()
            try:
                load_pipeline(name)
            except Exception:
                break
            loads.append(time.perf_counter() - started)
        if loads:
            print(f"load {name:11} {statistics.median(loads):8.2f} s")


if __name__ == "__main__":
    main()
