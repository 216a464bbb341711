"""Abbreviation detection after Schwartz & Hearst (2003).

A. S. Schwartz and M. A. Hearst, "A simple algorithm for identifying abbreviation
definitions in biomedical text", Pacific Symposium on Biocomputing 8:451-462, 2003.

Candidates are ``long form (SF)`` and, when the parenthesis holds more than two words,
``SF (long form)``. The long form is searched in the ``min(|SF| + 5, 2|SF|)`` words before
the parenthesis; the best long form is the shortest suffix of them in which every letter
and digit of the short form appears in order, read right to left, with the short form's
first character at the start of a word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract import rules, tokens
from kg.extract.components import BatchComponent
from kg.extract.lexicon import ARTICLES
from kg.normalize import initials
from kg.types import EntityType

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_SPLIT = re.compile(r"[;,]\s")


@dataclass(frozen=True)
class Abbreviation:
    """A short form defined next to its long form; offsets into the searched text."""

    short: str
    short_start: int
    long: str
    long_start: int

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)

    @property
    def long_end(self) -> int:
        return self.long_start + len(self.long)


def is_short_form(text: str) -> bool:
    """Return True when ``text`` can be a short form.

    Schwartz & Hearst's conditions (at most two words, at most ten characters, starts with
    a letter or digit, has a letter), plus an upper-case letter: lower-case words in
    parentheses ("ours", "e.g.") are rarely abbreviations in abstracts.
    """
    words = text.split()
    return (
        0 < len(words) <= 2
        and 2 <= len(text) <= 10
        and text[0].isalnum()
        and any(c.isupper() for c in text)
    )


def best_long_form(short: str, candidate: str) -> str | None:
    """Return the shortest suffix of ``candidate`` that ``short`` abbreviates, or None."""
    s_index, l_index = len(short) - 1, len(candidate) - 1
    while s_index >= 0:
        c = short[s_index].lower()
        if not c.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            candidate[l_index].lower() != c
            or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = candidate.rfind(" ", 0, l_index + 1) + 1
    long_form = candidate[start:].strip()
    if len(long_form) <= len(short) or short.lower() in long_form.lower().split():
        return None
    return long_form


def _window(text: str, end: int, short: str) -> tuple[str, int]:
    """Return the words before ``end`` that may hold the long form, and their offset."""
    n_words = min(len(short) + 5, len(short) * 2)
    head = text[:end].rstrip()
    if head.endswith((".", ";", ":", "!", "?")):
        return "", end  # "...; (III) structured ...": the bracket opens a clause of its own
    cut = re.split(r"[.;:!?]\s|\(|\)", head)[-1]  # a long form stays inside its clause
    words = list(re.finditer(r"\S+", cut))[-n_words:]
    if not words:
        return "", end
    offset = len(head) - len(cut) + words[0].start()
    return head[offset:], offset


def find_abbreviations(text: str) -> Iterator[Abbreviation]:
    """Yield the abbreviation definitions in ``text``, in order."""
    for m in _PAREN.finditer(text):
        inner = _SPLIT.split(m[1])[0].strip()
        inner_start = m.start(1) + m[1].find(inner)
        if is_short_form(inner):
            window, offset = _window(text, m.start(), inner)
            long_form = best_long_form(inner, window) if window else None
            if long_form:
                yield Abbreviation(inner, inner_start, long_form,
                                   offset + len(window) - len(long_form))
        elif len(inner.split()) > 2:
            yield from _reversed(text, m, inner, inner_start)


def _reversed(text: str, m: re.Match[str], inner: str, inner_start: int) -> Iterator[Abbreviation]:
    """Yield ``SF (long form)`` definitions: the short form is the word before the paren."""
    head = text[:m.start()].rstrip()  # the word before (a regex anchored at the end is slow)
    word = head.rsplit(None, 1)[-1] if head else ""
    if not word or not is_short_form(word) or word.islower():
        return
    long_form = best_long_form(word, inner)
    if long_form and inner.endswith(long_form) and long_form == inner:
        yield Abbreviation(word, len(head) - len(word), long_form, inner_start)


_DESCRIPTION_STOPS = frozenset("for with via in on to from by through using towards toward of "
                               "and that which who : , ; . ( ) -- \u2013 \u2014".split())


def description(name: str, words: list[str], start: int, *, article: bool = False,
                heads: tuple[EntityType, ...] = (EntityType.METHOD,)) -> tuple[int, int] | None:
    """Return the range of ``words`` from ``start`` that describes ``name``, or None.

    In the title "Echo-DND: A dual noise diffusion model for ..." and the apposition
    "CNS-Bench, a Continuous Nuisance Shift Benchmark to ...", the words after the
    separator, up to a preposition or clause break, describe the name before it. They count
    as its long form when they end in one of ``heads``, do not start with a gerund
    ("CNS-Bench: Benchmarking ...") and their initials spell at least two of the name's
    capitals in order, and half their own number (so "X: A Diffusion Model for Y" does not
    make X the generic diffusion model). ``article``: the description must start with one.
    """
    if start < len(words) and words[start].lower() in ARTICLES:
        start += 1
    elif article:
        return None
    end = start
    while end < len(words) and words[end].lower() not in _DESCRIPTION_STOPS:
        end += 1
    if end - start < 2 or words[start].lower().endswith("ing"):
        return None
    if tokens.head_type(words[end - 1]) not in heads:
        return None
    capitals = [c for c in name if c.isupper()]
    letters = list(initials(" ".join(words[start:end])))
    return (start, end) if _common_subsequence(capitals, letters) >= max(
        2, (len(letters) + 1) // 2) else None


def _common_subsequence(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, start=1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


if not Doc.has_extension("kg_abbreviations"):
    Doc.set_extension("kg_abbreviations", default=[])


@Language.factory("kg_abbreviations")
def make_abbreviation_detector(nlp: Language, name: str) -> "AbbreviationDetector":
    """Create the component that stores ``(short span, long span)`` pairs on the doc."""
    return AbbreviationDetector()


class AbbreviationDetector(BatchComponent):
    """Set ``doc._.kg_abbreviations`` to the abbreviation definitions of each sentence."""

    def __call__(self, doc: Doc) -> Doc:
        pairs: list[tuple[Span, Span]] = []
        ext = doc._  # each doc._ costs a microsecond: read once
        toks = tokens.doc_tokens(doc)
        title = _title_pair(doc, toks, ext.kg_title_end)
        if title:
            pairs.append(title)
        pairs.extend(_appositions(doc, toks))
        pairs.extend(_unbracketed(doc, toks))
        if "(" in "".join(toks.text):  # a definition needs brackets: most sentences have none
            for a, b in tokens.sentences(toks):
                if "(" in "".join(toks.text[a:b]):
                    pairs.extend(_pairs(doc, toks.idx[a], tokens.span_text(toks, a, b)))
        ext.kg_abbreviations = pairs
        return doc


def _pairs(doc: Doc, base: int, sent_text: str) -> Iterator[tuple[Span, Span]]:
    for a in find_abbreviations(sent_text):
        short = doc.char_span(base + a.short_start, base + a.short_end, alignment_mode="expand")
        long = doc.char_span(base + a.long_start, base + a.long_end, alignment_mode="expand")
        if short is not None and long is not None:
            yield short, long


def _title_pair(doc: Doc, toks: tokens.Tokens, end: int | None) -> tuple[Span, Span] | None:
    """Return (name, description) from a title "Name: A description for ..." (the title
    ends at character ``end``; None: no title), if any."""
    if end is None:
        return None
    colon = rules.title_colon(toks, end)
    if colon is None or any(toks.ws[:colon]):  # the name is one word
        return None
    words = [w for w, i in zip(toks.text[:40], toks.idx) if i < end]
    long = description("".join(words[:colon]), words, colon + 1)
    if long is None or _a_kind(toks, long) or _known(doc, long):
        return None
    return doc[0:colon], doc[long[0]:long[1]]


def _appositions(doc: Doc, toks: tokens.Tokens) -> Iterator[tuple[Span, Span]]:
    """Yield (name, description) from "CNS-Bench, a Continuous Nuisance Shift Benchmark"."""
    starts = toks.unit_starts
    for comma in _positions(toks.text, ","):
        k = bisect_left(starts, comma)  # a comma is a unit of its own
        if not k:
            continue
        if not tokens.is_name(
                name := "".join(toks.text[starts[k - 1]:comma])):
            continue
        long = description(name, toks.text, comma + 1, article=True,
                           heads=(EntityType.METHOD, EntityType.DATASET))
        if long and not _a_kind(toks, long) and not _known(doc, long):
            yield doc[starts[k - 1]:comma], doc[long[0]:long[1]]


def _unbracketed(doc: Doc, toks: tokens.Tokens) -> Iterator[tuple[Span, Span]]:
    """Yield (short, long) from a long form written right before its acronym without
    brackets: "a Multi-Image Relational Benchmark MIRB", "Large Language Models LLMs". Every
    word of the long form is capitalised and their initials spell the acronym exactly."""
    text = toks.text
    for i in [i for i, w in enumerate(text) if w.removesuffix("s").isupper() and i > 1]:
        acronym = text[i].removesuffix("s")
        if not (2 <= len(acronym) <= 8 and acronym.isalpha() and toks.ws[i - 1]) or (
                toks.sent_start[i]):
            continue
        letters: list[str] = []
        j = i - 1
        while j >= 0 and len(letters) < len(acronym):
            if text[j] == "-" and not toks.ws[j] and j and not toks.ws[j - 1]:
                j -= 1  # "Multi-Image": the pieces of a hyphenated word count apart
            elif text[j][:1].isupper() and text[j].isalpha() and not toks.sent_start[j + 1]:
                letters.append(text[j][0])
                j -= 1
            else:
                break
        if "".join(reversed(letters)) == acronym and not tokens.is_name(text[j + 1]):
            yield doc[i:i + 1], doc[j + 1:i]


def _known(doc: Doc, words: tuple[int, int]) -> bool:
    """Return True when the description ``words`` (token range) is a gazetteer name: in
    "CodeRL-Zero: Reinforcement Learning for ..." the words name the technique the paper
    uses, not the long form of its name."""
    return any((s.start, s.end) == words for s in doc.spans.get("kg_gazetteer", ()))


def _a_kind(toks: tokens.Tokens, words: tuple[int, int]) -> bool:
    """Return True when the doc writes the description ``words`` (token range) in the
    plural, there or elsewhere: "MolGT, a graph transformer ..." under the title "Graph
    Transformers Meet ..." says what kind of thing MolGT is; a kind is not one model's long
    form."""
    *first, last = toks.text[words[0]:words[1]]
    if tokens.plural_word(last.lower()):
        return True  # "TouchVLA: Vision-Language-Action Models that Feel": a kind, named plural
    plural = r"(?:ies|ys)" if last.endswith("y") else r"(?:es|s)"
    stem = last.removesuffix("y")
    pattern = r"\s*".join(map(re.escape, [*first, stem])) + plural + r"\b"
    return re.search(pattern, tokens.doc_text(toks), re.IGNORECASE) is not None


def _positions(items: list[str], item: str) -> Iterator[int]:
    """Yield the indices of ``item`` in ``items`` (``list.index`` searches in C)."""
    i = -1
    try:
        while True:
            i = items.index(item, i + 1)
            yield i
    except ValueError:
        return
