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

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LOWER, ORTH, SENT_START, SPACY
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
GB MB TB FPS Hz COVID-19 x X T2 S1 S2 N arXiv GitHub
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


@dataclass(frozen=True)
class Tokens:
    """One doc's token facts, read once: making spaCy ``Token`` objects word by word was
    most of the rules' time."""

    text: list[str]
    lower: list[str]
    ws: list[bool]  # followed by whitespace
    punct: list[bool]
    space: list[bool]
    stop: list[bool]
    sent_start: list[bool]


def tokens(doc: Doc) -> Tokens:
    """Return the token facts the rules use, from one ``Doc.to_array`` call."""
    strings = doc.vocab.strings
    cols = doc.to_array([ORTH, LOWER, SPACY, IS_PUNCT, IS_SPACE, IS_STOP, SENT_START]).T.tolist()
    orth, low, ws, punct, space, stop, sent = cols
    return Tokens([strings[o] for o in orth], [strings[o] for o in low],
                  [bool(x) for x in ws], [bool(x) for x in punct], [bool(x) for x in space],
                  [bool(x) for x in stop], [x == 1 for x in sent])


def word_units(toks: Tokens, start: int, end: int) -> list[tuple[int, int]]:
    """Return (start, end) token ranges of words written without spaces between them."""
    units: list[tuple[int, int]] = []
    text, ws, space = toks.text, toks.ws, toks.space
    for i in range(start, end):
        if (units and units[-1][1] == i and not ws[i - 1] and text[i] not in _PUNCT
                and text[i - 1] not in _PUNCT and not space[i]):
            units[-1] = (units[-1][0], i + 1)
        else:
            units.append((i, i + 1))
    return units


def unit_text(toks: Tokens, unit: tuple[int, int]) -> str:
    """Return the text of a word unit (a unit has no spaces inside)."""
    a, b = unit
    return toks.text[a] if b - a == 1 else "".join(toks.text[a:b])


@lru_cache(maxsize=1 << 16)
def head_type(word: str) -> EntityType | None:
    """Return the type a head word gives a phrase ("segmentation" -> task), or None."""
    low = word.lower()
    for w in (low, low.rsplit("-", 1)[-1]):
        for form in (w, singular(w)):
            if form in HEADS:
                return HEADS[form]
    return None


def is_break(toks: Tokens, unit: tuple[int, int]) -> bool:
    """Return True for a unit that ends a run: stop word, punctuation, break word, URL ..."""
    a, b = unit
    single = b - a == 1
    return _is_break_text(unit_text(toks, unit), single and toks.punct[a],
                          single and toks.space[a], single and toks.stop[a])


@lru_cache(maxsize=1 << 16)
def _is_break_text(text: str, punct: bool, space: bool, stop: bool) -> bool:
    low = text.lower()
    if punct or space or (stop and not (is_name_like(text) and len(text) > 1)):
        return True
    return (
        low in BREAK_WORDS
        or text in _PUNCT
        or not any(c.isalpha() for c in text)
        or bool(_URL.search(text) or _MATH.search(text))
        or (low.endswith("ly") and len(low) > 4 and head_type(low) is None)
    )


def runs(units: list[tuple[int, int]], breaks: list[bool]) -> Iterator[list[tuple[int, int]]]:
    """Yield maximal runs of content word units (no breaks inside)."""
    run: list[tuple[int, int]] = []
    for unit, brk in zip(units, breaks):
        if brk:
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


@lru_cache(maxsize=1 << 16)
def _plural_modifier(word: str) -> bool:
    """Return True for a lower-case word that reads as a plural (or a verb's -s form)."""
    return (word.islower() and word.isalpha() and word not in _SINGULAR_S
            and head_type(word) is None and singular(word) != word)


_SINGULAR_S = frozenset("news series species physics mathematics statistics genomics "
                        "robotics graphics semantics dynamics economics ethics".split())


def term_candidate(toks: Tokens, run: list[tuple[int, int]]) -> Candidate | None:
    """Return the typed candidate a run of units makes, or None."""
    while run and toks.lower[run[0][0]].endswith("ing") and head_type(
            unit_text(toks, run[0])) is None:
        run = run[1:]  # a gerund before a term is a verb ("Solving Diffusion ODEs")
    heads = [i for i, u in enumerate(run) if head_type(unit_text(toks, u))]
    if not heads:
        return None
    run = run[: heads[-1] + 1][-MAX_TERM_UNITS:]
    # English modifiers are singular: a plural before the head ends a clause ("images lose
    # accuracy", "conditions Stable Diffusion"), so the term starts after the last one.
    plural = [k for k, u in enumerate(run[:-1]) if _plural_modifier(unit_text(toks, u))]
    run = run[plural[-1] + 1:] if plural else run
    head = unit_text(toks, run[-1])
    label = head_type(head)
    mods = [unit_text(toks, u) for u in run[:-1]]
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


def name_candidates(toks: Tokens, units: list[tuple[int, int]], breaks: list[bool]
                    ) -> Iterator[Candidate]:
    """Yield name-like units (CamelCase, acronyms, digits) as method candidates."""
    for unit, brk in zip(units, breaks):
        if not brk and is_name(unit_text(toks, unit)):
            yield Candidate(unit[0], unit[1], _name_type(toks, unit), "name")


def _name_type(toks: Tokens, unit: tuple[int, int]) -> EntityType:
    if any(w in DATASET_CUES for w in toks.lower[unit[1]:unit[1] + 2]):
        return EntityType.DATASET
    return EntityType.METHOD


def list_candidates(toks: Tokens, typed: list[Candidate]) -> Iterator[Candidate]:
    """Yield the items of "HEADS such as A, B and C" / "HEADS (A, B, C)" with the head's type.

    The Hearst (1992) pattern: the items are hyponyms of the head noun before the cue.
    """
    by_end = {c.end: c for c in typed}
    for i, word in enumerate(toks.lower):
        if word not in _CUE_STARTS:
            continue
        j = _after_list_cue(toks, i)
        if j is None:
            continue
        head = by_end.get(i) or _bare_head(toks, i)
        if head is None:
            continue
        for start, end in _list_items(toks, j):
            yield Candidate(start, end, head.label, "list")


def _bare_head(toks: Tokens, i: int) -> Candidate | None:
    if i == 0:
        return None
    label = head_type(toks.text[i - 1])
    return Candidate(i - 1, i, label, "head") if label else None


def _after_list_cue(toks: Tokens, i: int) -> int | None:
    rest = toks.lower[i:i + 3]
    if rest[0] == "(":
        return i + 1
    text = " ".join(rest).lstrip(", ")
    for cue in _LIST_CUES:
        if text.startswith(cue):
            return i + len(cue.split()) + (1 if rest[0] == "," else 0)
    return None


def _list_items(toks: Tokens, j: int) -> Iterator[tuple[int, int]]:
    for unit in word_units(toks, j, min(len(toks.text), j + 40)):
        text = unit_text(toks, unit)
        if text in (")", ".", ";", ":") or toks.sent_start[unit[0]] and unit[0] > j:
            return
        if is_name(text):
            yield unit


def title_candidate(doc: Doc, title_end: int) -> Candidate | None:
    """Return the "X" of a title "X: subtitle" when X reads as a name (proposed)."""
    colon = next((t.i for t in doc[:8] if t.idx < title_end and t.text == ":"), None)
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


def proposed_after_cue(toks: Tokens, cand: Candidate, window: int = 5) -> bool:
    """Return True when a "we propose/introduce/termed ..." cue directly precedes the candidate.

    Only articles and modifiers may stand between the cue and the candidate: in "we
    propose X for image super-resolution" X is proposed, the task is not.
    """
    start = max(cand.start - window, 0)
    for k in range(cand.start, start, -1):  # not across the sentence start
        if toks.sent_start[k]:
            start = k
            break
    cues = [k for k in range(start, cand.start) if toks.lower[k] in PROPOSE_CUES]
    return bool(cues) and not any(w in _NOT_BETWEEN for w in toks.lower[cues[-1] + 1:cand.start])
