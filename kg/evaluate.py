"""Evaluation: score extraction against gold data and measure throughput.

Two kinds of gold:

* **document level** (the Daily Papers gold format: one line a paper with ``title`` and
  ``entities``): papers are paired by title; within a paper, kg's entity counts as found
  when it has the gold entity's type and shares one normalised name or alias with it
  (:func:`norm`: case, dashes, slashes, punctuation, a leading "the", a plural last word),
  and each gold entity can be found once. These are the project's shared scorer's rules,
  rewritten here so kg can score without it (the tests check both give the same numbers).
* **span level** (``.docs.jsonl``: ``text`` and ``entities`` with character offsets): a
  predicted span counts when its start, end and type equal a gold span's. Corpus labels
  are mapped onto kg's types by :data:`LABEL_MAP` (SciERC/SciREX ``Material`` becomes
  dataset; ``OtherScientificTerm`` and ``Generic`` are not scored). Where the corpus has
  relations (SciERC), kg's relations are scored too: predicate and both argument spans
  exact (:data:`RELATION_MAP`).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.errors import InputError, RecordError
from kg.relate import sentence_relations
from kg.types import EntityType, Mention, Paper

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


# Document-level matching, written from the shared scorer's documented rules (its own
# numbers are the reference: tests/test_evaluate.py compares the two on the dev gold and
# on every name in it).
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-"})
_UNDERLINE = re.compile(r"\\underline\{([^}]*)\}")  # LaTeX \underline{X} -> X
_SEPARATORS = re.compile(r"[-_/]+")  # hyphens, underscores, slashes -> one space
_OTHER_MARKS = re.compile(r"[^\w\s.+]")  # dropped: all punctuation but "." and "+"


def norm(name: str) -> str:
    """Return a name normalised for document-level matching: lower case, dashes, slashes
    and underscores as spaces, punctuation other than "." and "+" dropped, the last word
    singular ("models", "studies"; not "loss"), no leading "the"."""
    text = _UNDERLINE.sub(r"\1", name.lower().translate(_DASHES))
    words = _OTHER_MARKS.sub("", _SEPARATORS.sub(" ", text)).split()
    if words:
        words[-1] = _singular(words[-1])
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _singular(word: str) -> str:
    """Return the matching rule's singular of a last word: "-ies" -> "-y", "-s" off,
    words of three letters or fewer and "-ss" kept."""
    if len(word) <= 3 or word[-1] != "s" or word.endswith("ss"):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def title_key(title: str) -> str:
    """Return the key papers are joined on: the title's word characters, lower case."""
    return "".join(_WORD_CHARS.findall(title.lower()))


_WORD_CHARS = re.compile(r"\w+")


def _names(entity: dict[str, Any]) -> set[str]:
    """Return the normalised forms of an entity's name and aliases (empty ones left out)."""
    return {n for n in map(norm, [entity.get("name", ""), *(entity.get("aliases") or [])]) if n}


def match(gold: list[dict], pred: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """Return (true positives, false positives, false negatives): each predicted entity, in
    order, takes the first gold entity still free that has its type and shares a name."""
    free: list[tuple[str, set[str]] | None] = [(g["type"], _names(g)) for g in gold]  # None: taken
    unmatched: list[dict] = []
    for p in pred:
        names, kind = _names(p), p["type"]
        for i, slot in enumerate(free):
            if slot is not None and slot[0] == kind and names & slot[1]:
                free[i] = None
                break
        else:
            unmatched.append(p)
    missed = [g for g, slot in zip(gold, free) if slot is not None]
    return len(gold) - len(missed), unmatched, missed


def score_documents(gold: Iterable[dict], pred: Iterable[dict], *, types: tuple[str, ...] = TYPES
                    ) -> dict[str, Score]:
    """Score predicted papers against gold papers (joined on their titles)."""
    predicted = {title_key(p.get("title", "")): p for p in pred}
    counts: dict[str, Counter] = {t: Counter() for t in types}
    scored = lambda entities: [e for e in entities if e.get("type") in types]
    for paper in gold:
        expected = scored(paper["entities"])
        found = scored(predicted.get(title_key(paper["title"]), {}).get("entities", []))
        _, spurious, missed = match(expected, found)
        counts_of = ((expected, "gold"), (spurious, "fp"), (missed, "fn"))
        for entities, what in counts_of:
            for e in entities:
                counts[e["type"]][what] += 1
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


# SciERC relation labels -> kg predicates (EVALUATE-FOR is reversed and split by the
# evaluating entity's type; CONJUNCTION, PART-OF and FEATURE-OF have no kg counterpart).
RELATION_MAP = {"used-for": "usedFor", "hyponym-of": "hyponymOf", "compare": "comparedWith"}
RelKey = tuple  # (predicate, subject span, object span); comparedWith is unordered


def relation_key(predicate: str, subject: tuple[int, int], obj: tuple[int, int]) -> RelKey:
    """Return the key a relation is matched by: predicate and exact argument spans."""
    if predicate == "comparedWith":
        return predicate, frozenset((subject, obj))
    return predicate, subject, obj


def gold_relations(doc: dict[str, Any]) -> set[RelKey]:
    """Return a SciERC document's relations that kg can state, as matching keys.

    Only relations whose two arguments have kg types (after :data:`LABEL_MAP`) count.
    """
    ents, out = doc.get("entities", []), set()
    for r in doc.get("relations", []):
        h, t = ents[r["head"]], ents[r["tail"]]
        lh, lt = (LABEL_MAP.get(str(e["label"]).lower()) for e in (h, t))
        if not lh or not lt:
            continue
        hs, ts, label = (h["start"], h["end"]), (t["start"], t["end"]), str(r["label"]).lower()
        if label == "evaluate-for" and lh in ("dataset", "metric"):
            out.add(relation_key("evaluatedOn" if lh == "dataset" else "evaluatedWith", ts, hs))
        elif label in RELATION_MAP:
            out.add(relation_key(RELATION_MAP[label], hs, ts))
    return out


@dataclass
class CorpusScores:
    """Span-exact entity scores, relation scores (end to end and on gold entities), speed."""

    spans: dict[str, Score]
    relations: dict[str, Score]
    relations_on_gold: dict[str, Score]
    rate: float  # documents per second through extraction, linking and relations


def score_corpus(nlp: Language, docs: list[dict[str, Any]], *,
                 types: tuple[str, ...] = ("method", "dataset", "task", "metric")) -> CorpusScores:
    """Score the whole kg path on corpus documents (SciERC-style ``.docs.jsonl``).

    Entities: span-exact per type; only types the corpus labels somewhere are scored.
    Relations (when the corpus has them): exact argument spans and predicate, once with
    kg's own mentions (end to end) and once with the gold entities as mentions (the
    relation rules alone).
    """
    from kg.extract import extract
    from kg.link import link
    from kg.pipeline import rare_young_collections

    papers = [Paper(id=f"d{i}", title=d["text"]) for i, d in enumerate(docs)]
    started = time.perf_counter()
    with rare_young_collections():  # as kg extract runs
        data = link(extract(papers, nlp=nlp))
    rate = len(docs) / max(time.perf_counter() - started, 1e-9)
    mentions: dict[str, list[Mention]] = {p.id: [] for p in papers}
    for m in data.mentions:
        mentions[m.paper_id].append(m)
    gold = [gold_spans(d) for d in docs]
    predicted = [{(m.start, m.end, m.label.value) for m in mentions[p.id]} for p in papers]
    labelled = [t for t in types if any(label == t for spans in gold for *_, label in spans)]
    spans = _exact_scores(gold, predicted, kind=lambda s: s[2], kinds=labelled)
    if not any(d.get("relations") for d in docs):
        return CorpusScores(spans, {}, {}, rate)
    gold_rels = [gold_relations(d) for d in docs]
    end_to_end = [_stated(p.text, mentions[p.id]) for p in papers]
    on_gold = [_stated(p.text, _gold_mentions(nlp, p, d)) for p, d in zip(papers, docs)]
    predicate = lambda k: k[0]
    return CorpusScores(spans, _exact_scores(gold_rels, end_to_end, kind=predicate),
                        _exact_scores(gold_rels, on_gold, kind=predicate), rate)


def _exact_scores(gold: list[set], predicted: list[set], *, kind: Callable[[Any], str],
                  kinds: list[str] | None = None) -> dict[str, Score]:
    """Return exact-match scores per kind (and micro) of paired gold and predicted sets.

    ``kinds`` fixes the rows (types a corpus labels); by default every kind seen."""
    counts: dict[str, Counter] = {k: Counter() for k in kinds or ()}
    for g, p in zip(gold, predicted):
        for k in {kind(x) for x in g | p} if kinds is None else kinds:
            gk, pk = {x for x in g if kind(x) == k}, {x for x in p if kind(x) == k}
            counts.setdefault(k, Counter()).update(tp=len(gk & pk), fp=len(pk - gk),
                                                   fn=len(gk - pk))
    rows = counts.items() if kinds is not None else sorted(counts.items())
    return _with_micro({k: Score(c["tp"], c["fp"], c["fn"]) for k, c in rows})


def _stated(text: str, mentions: list[Mention]) -> set[RelKey]:
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    return {relation_key(pred, (s.start, s.end), (o.start, o.end))
            for ms in by_sentence.values()
            for pred, s, o, _ in sentence_relations(text, ms)}


def _gold_mentions(nlp: Language, paper: Paper, doc: dict[str, Any]) -> list[Mention]:
    """Return the document's gold entities as mentions, with sentences from the pipeline."""
    parsed = nlp.make_doc(paper.text)
    for name, proc in nlp.pipeline:
        if name == "kg_sentencizer":
            parsed = proc(parsed)
    out = []
    for k, (start, end, label) in enumerate(sorted(gold_spans(doc))):
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        out.append(Mention(paper.id, paper.text[start:end], EntityType(label), start, end,
                           (sent.start_char, sent.end_char), "gold", entity_id=f"gold/{k}"))
    return out


def format_scores(rows: dict[str, Score]) -> str:
    """Return a table of scores: a header, then one line a type (F1 first)."""
    w = max([10, *(len(t) + 2 for t in rows)])
    lines = [f"{'':{w}}{'F1':>7}{'P':>7}{'R':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    lines += [f"{t:{w}}{s.f1:7.3f}{s.p:7.3f}{s.r:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}"
              for t, s in rows.items()]
    return "\n".join(lines)
