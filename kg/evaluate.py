"""Evaluation: score extraction against gold data and measure throughput.

Two kinds of gold:

* **document level** (the Daily Papers gold format: one line a paper with ``title`` and
  ``entities``): a predicted entity matches a gold entity of the same type when one of its
  names equals one of the gold entity's names after normalisation (case, dashes, slashes,
  punctuation, a leading "the", the plural of the last word), one to one. These are the
  rules of the project's shared scorer, implemented here so kg can score without it.
* **span level** (``.docs.jsonl``: ``text`` and ``entities`` with character offsets): a
  predicted span counts when its start, end and type equal a gold span's. Corpus labels
  are mapped onto kg's types by :data:`LABEL_MAP` (SciERC/SciREX ``Material`` becomes
  dataset; ``OtherScientificTerm`` and ``Generic`` are not scored).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.errors import InputError, RecordError
from kg.types import EntityType

TYPES = ("method", "dataset", "task")
LABEL_MAP = {"method": "method", "task": "task", "metric": "metric", "material": "dataset",
             "dataset": "dataset"}


@dataclass(frozen=True)
class Score:
    """Counts and precision, recall, F1 for one type (or all: "micro")."""

    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def norm(name: str) -> str:
    """Return a name normalised for document-level matching."""
    s = name.lower().replace("\u2011", "-").replace("\u2010", "-").replace("\u2013", "-")
    s = re.sub(r"\\underline\{([^}]*)\}", r"\1", s)
    s = re.sub(r"[-_/]+", " ", s)
    s = re.sub(r"[^\w\s.+]", "", s)
    words = re.sub(r"\s+", " ", s).strip().split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        w = words[-1]
        words[-1] = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def title_key(title: str) -> str:
    """Return the key papers are joined on: the title without case or non-word characters."""
    return re.sub(r"\W+", "", title.lower())


def _names(entity: dict[str, Any]) -> set[str]:
    return {n for n in (norm(x) for x in [entity.get("name", ""), *(entity.get("aliases") or [])])
            if n}


def match(gold: list[dict], pred: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """Return (true positives, false positives, false negatives), matching one to one."""
    used: set[int] = set()
    tp, fp = 0, []
    gold_names = [_names(g) for g in gold]
    for p in pred:
        names = _names(p)
        hit = next((i for i, g in enumerate(gold) if i not in used and g["type"] == p["type"]
                    and names & gold_names[i]), None)
        if hit is None:
            fp.append(p)
        else:
            used.add(hit)
            tp += 1
    return tp, fp, [g for i, g in enumerate(gold) if i not in used]


def score_documents(gold: Iterable[dict], pred: Iterable[dict], *, types: tuple[str, ...] = TYPES
                    ) -> dict[str, Score]:
    """Score predicted papers against gold papers (joined on their titles)."""
    predicted = {title_key(p.get("title", "")): p for p in pred}
    counts: dict[str, Counter] = {t: Counter() for t in types}
    for g in gold:
        ge = [e for e in g["entities"] if e["type"] in types]
        pe = [e for e in predicted.get(title_key(g["title"]), {}).get("entities", [])
              if e.get("type") in types]
        _, fp, fn = match(ge, pe)
        for e in ge:
            counts[e["type"]]["gold"] += 1
        for e in fp:
            counts[e["type"]]["fp"] += 1
        for e in fn:
            counts[e["type"]]["fn"] += 1
    rows = {t: Score(c["gold"] - c["fn"], c["fp"], c["fn"]) for t, c in counts.items()}
    return _with_micro(rows)


def _with_micro(rows: dict[str, Score]) -> dict[str, Score]:
    rows["micro"] = Score(*(sum(getattr(s, k) for s in rows.values()) for k in ("tp", "fp", "fn")))
    return rows


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON Lines file; a bad line is an error naming path:line."""
    if not Path(path).is_file():
        raise InputError(str(path), "no such file")
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise RecordError(str(path), f"not JSON: {e.msg}", line=number) from None


def gold_spans(doc: dict[str, Any]) -> set[tuple[int, int, str]]:
    """Return a corpus document's entity spans with labels mapped onto kg's types."""
    out = set()
    for e in doc.get("entities", []):
        label = LABEL_MAP.get(str(e["label"]).lower())
        if label:
            out.add((e["start"], e["end"], label))
    return out


def predicted_spans(nlp: Language, texts: Iterable[str]) -> Iterator[set[tuple[int, int, str]]]:
    """Yield the (start, end, type) spans the pipeline finds in each text."""
    for doc in nlp.pipe(texts, batch_size=64):
        yield {(s.start_char, s.end_char, EntityType.from_label(s.label_).value)
               for s in doc.spans["kg"]}


def score_spans(nlp: Language, docs: list[dict[str, Any]], *,
                types: tuple[str, ...] = ("method", "dataset", "task", "metric")
                ) -> tuple[dict[str, Score], float]:
    """Return span-exact scores on corpus documents, and documents per second.

    Only types the corpus labels somewhere are scored (TDMSci has no methods, say).
    """
    started = time.perf_counter()
    predicted = list(predicted_spans(nlp, (d["text"] for d in docs)))
    rate = len(docs) / max(time.perf_counter() - started, 1e-9)
    gold = [gold_spans(d) for d in docs]
    labelled = [t for t in types if any(label == t for spans in gold for *_, label in spans)]
    counts = {t: Counter() for t in labelled}
    for g_spans, p_spans in zip(gold, predicted):
        for t in labelled:
            g = {s for s in g_spans if s[2] == t}
            p = {s for s in p_spans if s[2] == t}
            counts[t].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    rows = {t: Score(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    return _with_micro(rows), rate


def format_scores(rows: dict[str, Score]) -> str:
    """Return a table of scores, one line a type."""
    return "\n".join(f"{t:8} P={s.p:.3f} R={s.r:.3f} F1={s.f1:.3f}  (tp={s.tp} fp={s.fp} fn={s.fn})"
                     for t, s in rows.items())
