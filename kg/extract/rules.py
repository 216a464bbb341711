"""Rule-based candidate finding over a spaCy ``Doc``: terms by head noun, names, lists, cues.

The functions here take a ``Doc`` and return plain :class:`Candidate` records; the spaCy
components in :mod:`kg.extract.components` call them. No part-of-speech tagger is needed:
"word units" (tokens joined without a space, so "super-resolution" and "Wagner's" are one
unit) are split into runs at stop words, punctuation and :data:`~kg.extract.lexicon.BREAK_WORDS`,
and a run whose last unit is a head noun becomes a typed candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from kg.extract.lexicon import (
    BREAK_WORDS, DATASET_CUES, DATASET_HEADS, GENERIC_WORDS, HEADS, PROPOSE_CUES, WEAK_HEADS,
)
from kg.normalize import is_name_like, singular
from kg.types import EntityType

MAX_TERM_UNITS = 5
_PUNCT = frozenset(",.;:()[]{}\"!?“”")
_LIST_CUES = ("such as", "including", "like", "e.g.", "namely")
_CUE_STARTS = frozenset({c.split()[0] for c in _LIST_CUES} | {"(", ","})
_NOT_NAMES = frozenset("""
AI 1D 2D 3D 4D GPU GPUs CPU CPUs TPU HR LR SOTA US UK EU II III IV I ID OK PhD URL API
GB MB TB FPS Hz COVID-19 x X T2 S1 S2 N
""".split())
_URL = re.compile(r"https?://|www\.|\.(?:com|org|io|ai|net|html?)\b|/\w+/|@")
_MATH = re.compile(r"[_{}=+<>|\\]|^-")


@dataclass(frozen=True)
class Candidate:
    """A span (token offsets) the rules think names an entity."""

    start: int
    end: int
    label: EntityType
    rule: str  # term | name | list | dataset-cue | title
    proposed: bool = False


def word_units(doc: Doc | Span) -> list[tuple[int, int]]:
    """Return (start, end) token ranges of words written without spaces between them."""
    units: list[tuple[int, int]] = []
    for tok in doc:
        joined = (units and not tok.doc[tok.i - 1].whitespace_ and tok.text not in _PUNCT
                  and tok.doc[tok.i - 1].text not in _PUNCT and not tok.is_space
                  and units[-1][1] == tok.i)
        if joined:
            units[-1] = (units[-1][0], tok.i + 1)
        else:
            units.append((tok.i, tok.i + 1))
    return units


def unit_text(doc: Doc, unit: tuple[int, int]) -> str:
    """Return the text of a word unit (no Span is made: this runs for every word)."""
    a, b = unit
    if b - a == 1:
        return doc[a].text
    return "".join(doc[i].text for i in range(a, b))  # a unit has no spaces inside


@lru_cache(maxsize=1 << 16)
def head_type(word: str) -> EntityType | None:
    """Return the type a head word gives a phrase ("segmentation" -> task), or None."""
    low = word.lower()
    for w in (low, low.rsplit("-", 1)[-1]):
        for form in (w, singular(w)):
            if form in HEADS:
                return HEADS[form]
    return None


def _is_break(doc: Doc, unit: tuple[int, int]) -> bool:
    text = unit_text(doc, unit)
    low = text.lower()
    if unit[1] - unit[0] == 1:
        tok = doc[unit[0]]
        if tok.is_punct or tok.is_space or (tok.is_stop and not (is_name_like(text)
                                                                  and len(text) > 1)):
            return True
    return (
        low in BREAK_WORDS
        or text in _PUNCT
        or not any(c.isalpha() for c in text)
        or bool(_URL.search(text) or _MATH.search(text))
        or (low.endswith("ly") and len(low) > 4 and head_type(low) is None)
    )


def runs(doc: Doc, units: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Yield maximal runs of content word units (no breaks inside)."""
    run: list[tuple[int, int]] = []
    for unit in units:
        if _is_break(doc, unit):
            if run:
                yield run
            run = []
        else:
            run.append(unit)
    if run:
        yield run


@lru_cache(maxsize=1 << 16)
def is_name(text: str) -> bool:
    """Return True for a unit that looks like the name of a method or dataset."""
    letters = sum(c.isalpha() for c in text)
    return (is_name_like(text) and letters >= 2 and text not in _NOT_NAMES
            and text.lower() not in STOP_WORDS
            and not _URL.search(text) and not re.fullmatch(r"[\d.,%x×]+[A-Za-z]?", text))


def term_candidate(doc: Doc, run: list[tuple[int, int]]) -> Candidate | None:
    """Return the typed candidate a run of units makes, or None."""
    while run and doc[run[0][0]].lower_.endswith("ing") and head_type(
            unit_text(doc, run[0])) is None:
        run = run[1:]  # a gerund before a term is a verb ("Solving Diffusion ODEs")
    heads = [i for i, u in enumerate(run) if head_type(unit_text(doc, u))]
    if not heads:
        return None
    run = run[: heads[-1] + 1][-MAX_TERM_UNITS:]
    head = unit_text(doc, run[-1])
    label = head_type(head)
    mods = [unit_text(doc, u) for u in run[:-1]]
    if label is EntityType.DATASET:
        return _dataset(run) if mods and any(is_name(m) for m in mods) else None
    if head.lower() in WEAK_HEADS or singular(head.lower()) in WEAK_HEADS:
        if not mods:
            return None
        if len(mods) == 1 and (is_name(mods[0]) or mods[0].endswith("'s")):
            return (Candidate(run[0][0], run[-1][1], label, "term")
                    if mods[0].endswith("'s") else None)  # "DiT model" is just "DiT"
    if not mods:
        return None  # a bare head ("segmentation", "modeling") is too vague on its own
    return Candidate(run[0][0], run[-1][1], label, "term")


def _dataset(run: list[tuple[int, int]]) -> Candidate:
    return Candidate(run[0][0], run[-2][1], EntityType.DATASET, "dataset-cue")


def name_candidates(doc: Doc, units: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Yield name-like units (CamelCase, acronyms, digits) as method candidates."""
    for unit in units:
        text = unit_text(doc, unit)
        if is_name(text) and not _is_break(doc, unit):
            yield Candidate(unit[0], unit[1], _name_type(doc, unit), "name")


def _name_type(doc: Doc, unit: tuple[int, int]) -> EntityType:
    nxt = doc[unit[1]:unit[1] + 2]
    if any(t.lower_ in DATASET_CUES for t in nxt):
        return EntityType.DATASET
    return EntityType.METHOD


def list_candidates(doc: Doc, typed: list[Candidate]) -> Iterator[Candidate]:
    """Yield the items of "HEADS such as A, B and C" / "HEADS (A, B, C)" with the head's type.

    The Hearst (1992) pattern: the items are hyponyms of the head noun before the cue.
    """
    by_end = {c.end: c for c in typed}
    for i, tok in enumerate(doc):
        if tok.lower_ not in _CUE_STARTS:
            continue
        j = _after_list_cue(doc, i)
        if j is None:
            continue
        head = by_end.get(i) or _bare_head(doc, i)
        if head is None:
            continue
        for start, end in _list_items(doc, j):
            yield Candidate(start, end, head.label, "list")


def _bare_head(doc: Doc, i: int) -> Candidate | None:
    if i == 0:
        return None
    label = head_type(doc[i - 1].text)
    return Candidate(i - 1, i, label, "head") if label else None


def _after_list_cue(doc: Doc, i: int) -> int | None:
    rest = doc[i:i + 3]
    if rest and rest[0].text == "(":
        return i + 1
    text = " ".join(t.lower_ for t in rest).lstrip(", ")
    for cue in _LIST_CUES:
        if text.startswith(cue):
            return i + len(cue.split()) + (1 if rest and rest[0].text == "," else 0)
    return None


def _list_items(doc: Doc, j: int) -> Iterator[tuple[int, int]]:
    units = word_units(doc[j:min(len(doc), j + 40)])
    for unit in units:
        text = unit_text(doc, unit)
        if text in (")", ".", ";", ":") or doc[unit[0]].is_sent_start and unit[0] > j:
            return
        if is_name(text):
            yield unit


def title_candidate(doc: Doc, title_end: int) -> Candidate | None:
    """Return the "X" of a title "X: subtitle" when X reads as a name (proposed)."""
    colon = next((t.i for t in doc if t.idx < title_end and t.text == ":"), None)
    if colon is None or colon == 0 or colon > 6:
        return None
    words = doc[0:colon]
    if any(t.is_stop or t.lower_ in BREAK_WORDS for t in words):
        return None
    if not all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in words):
        return None
    label = head_type(words[-1].text) or EntityType.METHOD
    if label not in (EntityType.METHOD, EntityType.DATASET) or "bench" in words.text.lower():
        label = EntityType.DATASET if "bench" in words.text.lower() else EntityType.METHOD
    return Candidate(0, colon, label, "title", proposed=True)


_NOT_BETWEEN = frozenset("for on in to with of by from that which and or , ; : as than".split())


def proposed_after_cue(doc: Doc, cand: Candidate, window: int = 5) -> bool:
    """Return True when a "we propose/introduce/termed ..." cue directly precedes the candidate.

    Only articles and modifiers may stand between the cue and the candidate: in "we
    propose X for image super-resolution" X is proposed, the task is not.
    """
    start = max(cand.start - window, doc[cand.start].sent.start)
    between = doc[start:cand.start]
    cues = [t.i for t in between if t.lower_ in PROPOSE_CUES]
    return bool(cues) and not any(t.lower_ in _NOT_BETWEEN for t in doc[cues[-1] + 1:cand.start])
