#!/usr/bin/env python3
"""Score kg's extraction on the shared Daily Papers dev gold and time it.

Prints per-type P/R/F1 from the shared scorer, abstracts per second (median of runs), and
a leave-gold-out ablation: the same run with every gazetteer entry removed whose name or
alias is a gold name, which estimates how much of the dev score comes from the gazetteer
having seen those names (a held-out page would not be so lucky).

usage: python bench/dev_score.py [--runs 5] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.evaluate import Score, format_scores
from kg.extract.gazetteer import default_path, load_gazetteer
from kg.normalize import match_key
from kg.pipeline import extraction_records, read, run_extraction


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_entities", shared / "eval" / "score_entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(scorer, gold_path: Path, records: list[dict]) -> dict:
    key = lambda d: scorer.title_key(d.get("title", ""))
    gold = scorer.load(str(gold_path), key)
    pred = {key(r): r for r in records}
    return scorer.score(gold, pred, ["method", "dataset", "task"])


def without_gold_names(gold_path: Path) -> str:
    """Write a gazetteer without the entries that name a gold entity; return its path."""
    gold_keys = set()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        for e in json.loads(line)["entities"]:
            gold_keys |= {match_key(n) for n in [e["name"], *e.get("aliases", [])]}
    kept, dropped = [], 0
    for line in default_path().read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("|")]
        names = [parts[1], *parts[2].split(";")] if len(parts) == 3 else []
        if any(match_key(n) in gold_keys for n in names if n.strip()):
            dropped += 1
            continue
        kept.append(line)
    tmp = Path(tempfile.mkdtemp()) / "gazetteer.txt"
    tmp.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"leave-gold-out gazetteer: {dropped} of {len(load_gazetteer())} entries removed")
    return str(tmp)


def show(title: str, rows: dict) -> None:
    """Print the scorer's rows in kg eval's table."""
    print(title)
    print(format_scores({t: Score(r["tp"], r["fp"], r["fn"]) for t, r in rows.items()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--pipeline", default="fast")
    a = ap.parse_args()
    corpus = a.shared / "corpus" / "daily_papers_dev.txt"
    gold = a.shared / "gold" / "daily_papers_dev.gold.jsonl"
    if not corpus.exists():
        sys.exit(f"skipped: shared corpus not found at {corpus}")
    scorer = load_scorer(a.shared)
    papers, _ = read([corpus])
    times = []
    for _ in range(a.runs):
        t = time.perf_counter()
        data = run_extraction(papers, pipeline=a.pipeline)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    show(f"dev gold, pipeline {a.pipeline}:", score(scorer, gold, list(extraction_records(data))))
    print(f"  {len(papers)} abstracts, median {med:.3f} s over {a.runs} runs "
          f"(incl. pipeline build) = {len(papers) / med:.0f} abstracts/s")
    ablated = run_extraction(papers, pipeline=a.pipeline, gazetteer=without_gold_names(gold))
    show("dev gold, leave-gold-out gazetteer:", score(scorer, gold, list(extraction_records(ablated))))


if __name__ == "__main__":
    main()
