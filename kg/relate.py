"""Relations: what each paper does with an entity, and what entities do to each other.

Runs after linking, on linked mentions (each knows its entity and its sentence), so every
relation can point at the spans and the sentence that support it.

Paper -> entity (one per paper and entity; confidence combines the mentions' sources as
independent evidence, ``1 - prod(1 - c)``):

- ``mentions`` for every entity the paper names, and ``proposes`` when a cue says the
  paper introduces it;
- a role by type: ``usesMethod``, ``evaluatesOn`` (datasets), ``addressesTask``,
  ``reportsMetric``; a method or dataset the paper proposes gets ``proposes`` only.

Entity -> entity, from one sentence, with the cue that licensed it:

- ``usedFor``: method or dataset -> task ("M for T", "T using M", "M in T", "T on D");
- ``evaluatedOn``: method -> dataset ("M ... on D" in a sentence about results);
- ``evaluatedWith``: method -> metric (same, with a metric);
- ``comparedWith``: method -> method ("M outperforms N", "compared with");
- ``hyponymOf``: the items of a Hearst list -> its head ("Ys such as X1 and X2",
  "X1, X2 and other Ys"; Hearst 1992), and "X is a Y", "X as a Y", "X, a Y".

A cue holds for every item of a list after its second mention ("M for T1, T2 and T3").
A relation's confidence is the cue's weight times the weaker mention's source weight;
several sentences of one paper combine as independent evidence. Support across papers is
the number of paper graphs that hold the relation (see ``kg.rdf``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.types import EntityType, Mention, Paper, Relation

# How much one mention from each source is trusted.
SOURCE_CONFIDENCE = {"gazetteer": 0.9, "abbreviation": 0.85, "title": 0.8, "dataset-cue": 0.8,
                     "task-cue": 0.7, "list": 0.7, "coordination": 0.6, "term": 0.6, "name": 0.5,
                     "ner": 0.8}

ROLES = {EntityType.METHOD: "usesMethod", EntityType.DATASET: "evaluatesOn",
         EntityType.TASK: "addressesTask", EntityType.METRIC: "reportsMetric"}

M, D, T, X = EntityType.METHOD, EntityType.DATASET, EntityType.TASK, EntityType.METRIC

@dataclass(frozen=True)
class Cue:
    """Words between two mentions of one sentence that state a relation."""

    predicate: str
    subjects: frozenset[EntityType]
    objects: frozenset[EntityType]
    forward: bool  # the object comes after the subject
    between: re.Pattern  # what the text between the two mentions must match
    weight: float
    needs_results: bool = False  # only in a sentence about results (RESULT_WORDS)


_W = r"[^.;:]{0,60}?"  # a few words, not across a clause break
CUES = tuple(Cue(pred, frozenset(s), frozenset(o), forward, re.compile(rx, re.I), w, results)
             for pred, s, o, forward, rx, w, results in (
    ("usedFor", (M, D), (T,), True,
     rf"^{_W}\b(for|to|towards?|in order to|applied to|address(es|ing)?|tackl\w+|solv\w+)\b{_W}$",
     0.7, False),
    ("usedFor", (M,), (T,), False,
     rf"^{_W}\b(us(e|es|ing)|with|via|by|based on|through|leverag\w+|employ\w*|adopt\w*)\b{_W}$",
     0.6, False),
    ("usedFor", (M,), (T,), True, r"^\s*(in|in the (task|context|field|area|domain) of)\s*$", 0.5, False),
    ("usedFor", (D,), (T,), False, r"^\s*(from|on)\s*$", 0.5, False),
    ("comparedWith", (M,), (M,), True,
     rf"^{_W}\b(outperform\w*|than|compared (to|with)|comparison (to|with)|versus|vs\.?|over|"
     rf"surpass\w*|beat\w*|against|improv\w+ (on|upon|over))\b{_W}$", 0.7, False),
    ("evaluatedOn", (M,), (D,), True, rf"^{_W}\b(on|across|over|using)\b{_W}$", 0.5, True),
    ("evaluatedWith", (M,), (X,), True,
     rf"^{_W}\b(in terms of|on|with|by|measured by|achiev\w+|improv\w+|reach\w*)\b{_W}$",
     0.5, True),
    ("evaluatedWith", (M,), (X,), False,  # "the accuracy of our system"
     r"^\s*(of|for)(\s+(the|a|an|our|their|this|these|its))?\s*$", 0.6, False),
))
# (cue, the first mention's types, the second's) in text order
_CUE_SIDES = tuple((cue, cue.subjects, cue.objects) if cue.forward
                   else (cue, cue.objects, cue.subjects) for cue in CUES)
# An evaluation claim must be about results: the sentence names one of these.
RESULT_WORDS = re.compile(r"\b(evaluat\w*|experiment\w*|benchmark\w*|results?|outperform\w*|"
                          r"achiev\w*|state-of-the-art|SOTA|accuracy|improv\w*|surpass\w*|"
                          r"tested|test|demonstrat\w*|show\w*)\b", re.I)
_DET = r"(?:(?:the|a|an)\s+)?"  # "such as the Web or newswire documents"
HEARST_AFTER = re.compile(r"^\s*,?\s*(such as|including|e\.g\.,?|like|especially|particularly|"
                          rf"in particular|namely|\()\s*{_DET}$", re.I)
# "X as a Y", "X is a Y", "X, a Y", "X as Y": X is a kind of Y (adjacent mentions; up to
# three words before Y: "MORPA is a fully implemented parser", "KAZE features, a novel ...")
IS_A = re.compile(r"^\s*(?:,\s*)?(?:(?:as|is|are|was|were)\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,3}$"
                  r"|^\s*,?\s*as\s+$", re.I)
HEARST_BEFORE = re.compile(r"^\s*,?\s*(and|or) (other|similar)\s*$", re.I)
LIST_GAP = re.compile(rf"^\s*(,|, and|, or|and|or|/|;)\s*{_DET}$")
HEARST_WEIGHT = 0.8


def relations(papers: Iterable[Paper], mentions: Iterable[Mention]) -> tuple[Relation, ...]:
    """Return every paper->entity and entity->entity relation of the linked mentions."""
    by_paper: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_paper[m.paper_id].append(m)
    out: list[Relation] = []
    for paper in papers:
        ms = sorted(by_paper.get(paper.id, []), key=lambda m: (m.start, m.end))
        out.extend(paper_roles(ms))
        out.extend(entity_relations(paper, ms))
    return tuple(out)


def mention_confidence(ms: Iterable[Mention]) -> float:
    """Return 1 - prod(1 - c) over the mentions' source weights."""
    doubt = 1.0
    for m in ms:
        doubt *= 1 - SOURCE_CONFIDENCE.get(m.source, 0.5)
    return round(1 - doubt, 4)


def paper_roles(mentions: list[Mention]) -> Iterator[Relation]:
    """Yield ``mentions``, ``proposes`` and the typed role of each entity in one paper."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.entity_id].append(m)
    for eid, ms in sorted(groups.items()):
        paper_id, conf, evidence = ms[0].paper_id, mention_confidence(ms), tuple(m.id for m in ms)
        yield Relation(paper_id, "mentions", eid, paper_id, evidence, conf)
        proposed = [m for m in ms if m.proposed]
        if proposed:
            yield Relation(paper_id, "proposes", eid, paper_id, tuple(m.id for m in proposed),
                           conf)
        if not proposed or ms[0].label in (T, X):
            yield Relation(paper_id, ROLES[ms[0].label], eid, paper_id, evidence, conf)


def entity_relations(paper: Paper, mentions: list[Mention]) -> list[Relation]:
    """Return the entity->entity relations one paper's sentences state, merged per triple."""
    found: dict[tuple[str, str, str], list[tuple[float, Mention, Mention]]] = defaultdict(list)
    sentences: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        sentences[m.sentence].append(m)
    for ms in sentences.values():
        for pred, subj, obj, weight in sentence_relations(paper.text, ms):
            if subj.entity_id != obj.entity_id:
                w = weight * min(SOURCE_CONFIDENCE.get(subj.source, 0.5),
                                 SOURCE_CONFIDENCE.get(obj.source, 0.5))
                found[(subj.entity_id, pred, obj.entity_id)].append((w, subj, obj))
    out = []
    for (s, pred, o), hits in sorted(found.items()):
        doubt = 1.0
        for w, *_ in hits:
            doubt *= 1 - w
        evidence = tuple(m.id for m in sorted({m for _, a, b in hits for m in (a, b)},
                                               key=lambda m: m.start))
        out.append(Relation(s, pred, o, paper.id, evidence, round(1 - doubt, 4)))
    return out


def sentence_relations(text: str, mentions: list[Mention]
                       ) -> Iterator[tuple[str, Mention, Mention, float]]:
    """Yield (predicate, subject, object, cue weight) for the mentions of one sentence.

    ``text`` is the whole text the mentions' offsets refer to.
    """
    ms = _outermost(sorted(mentions, key=lambda m: (m.start, m.end)))
    if ms:
        sentence = text[ms[0].sentence[0]:ms[0].sentence[1]]
        yield from _cue_pairs(text, sentence, ms)
        yield from _hearst(text, ms)


def _outermost(ms: list[Mention]) -> list[Mention]:
    """Drop mentions nested inside another mention of the same sentence."""
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.end - o.start) > (m.end - m.start) for o in ms)]


def _cue_pairs(text: str, sentence: str, ms: list[Mention]
               ) -> Iterator[tuple[str, Mention, Mention, float]]:
    """Yield (predicate, subject, object, weight) for nearest pairs joined by a cue."""
    about_results = None  # read the sentence for result words only when a cue needs them
    for i, a in enumerate(ms):
        # the index of the nearest mention after ``a`` of each object side (-1: none); cues
        # share their types
        nearest: dict[frozenset[EntityType], int] = {}
        for cue, first, second in _CUE_SIDES:
            if a.label not in first:
                continue
            if second not in nearest:
                nearest[second] = next((j for j in range(i + 1, len(ms)) if ms[j].label in second
                                        and ms[j].start >= a.end), -1)
            j = nearest[second]
            if j < 0:
                continue
            if cue.needs_results and about_results is None:
                about_results = bool(RESULT_WORDS.search(sentence))
            if cue.needs_results and not about_results or not cue.between.search(
                    text[a.end:ms[j].start]):
                continue
            # a coordination after the second mention shares the cue: "LMs for ASR and KWS"
            for c in _run(text, ms[j:]):
                if c.label not in second:
                    break
                yield ((cue.predicate, a, c, cue.weight) if cue.forward
                       else (cue.predicate, c, a, cue.weight))


def _hearst(text: str, ms: list[Mention]) -> Iterator[tuple[str, Mention, Mention, float]]:
    """Yield hyponymOf for "HEAD such as A, B and C" and "A, B and other HEADs"."""
    for i, head in enumerate(ms):
        cue = HEARST_AFTER.match(text[head.end:ms[i + 1].start]) if i + 1 < len(ms) else None
        items = list(_run(text, ms[i + 1:])) if cue else []
        # "diffusion models (DDIM)" defines a short form; it lists nothing
        if cue and (cue.group(1) != "(" or len(items) > 1):
            for item in items:
                if item.label is head.label:
                    yield "hyponymOf", item, head, HEARST_WEIGHT
        if i > 0 and IS_A.match(text[ms[i - 1].end:head.start]) and ms[i - 1].label is head.label:
            yield "hyponymOf", ms[i - 1], head, HEARST_WEIGHT * 0.75
        if i > 0 and HEARST_BEFORE.match(text[ms[i - 1].end:head.start]):
            for item in _run(text, ms[i - 1::-1], backwards=True):
                if item.label is head.label:
                    yield "hyponymOf", item, head, HEARST_WEIGHT


def _run(text: str, ms: list[Mention], *, backwards: bool = False) -> Iterator[Mention]:
    """Yield the mentions of a list: consecutive ones joined only by commas, and, or."""
    for k, m in enumerate(ms):
        yield m
        if k + 1 == len(ms):
            return
        nxt = ms[k + 1]
        gap = text[nxt.end:m.start] if backwards else text[m.end:nxt.start]
        if not LIST_GAP.match(gap):
            return
