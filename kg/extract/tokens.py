"""A doc's token facts and word units, read once for all of kg's rules (pure functions).

spaCy ``Token`` objects cost too much to make word by word, so the rules read a doc's token
texts, offsets, spacing and sentence starts once (:func:`read_tokens`, one
``Doc.to_array`` call) into a :class:`Tokens` record, and split it into "word units":
tokens written without a space between them ("super-resolution", "Wagner's"), each with
the facts the rules ask of it (:class:`UnitInfo`: a break, a head noun, a name ...), cached
by text. Compiled with mypyc (``setup.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast
from collections.abc import Iterator

from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.lexicon import BREAK_WORDS, HEADS
from kg.normalize import is_name_like, singular
from kg.types import EntityType

_PUNCT = frozenset(",.;:()[]{}\"!?“”\u2014")  # an em dash glued between words: "X—a model"
_NOT_NAMES = frozenset("""
AI 1D 2D 3D 4D GPU GPUs CPU CPUs TPU HR LR HD SOTA US UK EU II III IV I ID IDs OK PhD URL API RGB
RGB-D RGBD IID Non-IID non-IID LiDAR LIDAR Lidar CT MRI Python SQL Java JavaScript A/B
GB MB TB KB FPS Hz kHz MHz GHz dB hPa kPa MPa MACs GMACs COVID-19 x X T2 S1 S2 N arXiv GitHub
mW kW MW kWh Wh mWh mAh TOPS eV meV keV H&E X-Rays
PDF PDFs HTML JSON XML CSV X-ray X-rays X-Ray LaTeX Markdown km² m² km2 cm² fMRI EEG ECG MEG EMG
Å meV/Å eV/Å kcal/mol
RNA DNA mRNA scRNA-seq RNA-seq PM2.5 PM10 UV SMILES RTX Jetson MIDI
FP32 FP16 BF16 FP8 FP4 INT8 INT4 TF32 float32 float16 bfloat16 int8 int4 SE(3) SO(3) E(3) SE(2) SO(2)
iPad Android IEEE APIs REST ARM Cortex-M4 Cortex-M7 Cortex-M33 N-best N-Best K-best T-shirt T-shirts
N-gram N-grams KKT NP-hard NP-complete K-step N-step T-step K-shot N-shot K-way N-way
LiDAR-Camera LiDAR-camera Camera-LiDAR camera-LiDAR PET SPECT PET/CT URLs
MIT Apache GPL GPLv3 AGPL LGPL CC CC0 CC-BY CC-BY-NC CC-BY-SA BY BY-NC BY-SA BY-NC-SA BY-NC-ND BY-ND
POS PCIe NVLink NVMe DRAM HBM SRAM
iOS macOS MacOS watchOS visionOS Linux Ubuntu Windows APPs Apps UI UIs LR-HR HR-LR LQ-HQ HQ-LQ
""".split())
_URL = re.compile(r"https?://|www\.|\.(?:com|org|io|ai|net|html?)\b|/\w+/|@(?=[A-Za-z]{2})")
_MATH = re.compile(r"[_{}=<>|\\]|^-|\+(?!\+*$)"  # "a+b"; not "SpEx+", "PointNet++"
                   r"|^(?:sqrt|log|exp|sin|cos|tanh|softmax)\(")  # "sqrt(d-1)"


@dataclass(frozen=True)
class Tokens:
    """One doc's token facts, read once: making spaCy ``Token`` objects word by word was
    most of the rules' time."""

    text: list[str]
    lower: list[str]
    idx: list[int]  # character offset
    ws: list[int]  # 1: followed by whitespace
    sent_start: list[bool]
    unit_starts: list[int]  # where each word unit (see :func:`units`) starts
    vocab: Vocab  # for the lexical flags (punctuation, space, stop word) of new words
    extra_stops: frozenset[int] = frozenset()  # tokens read as stop words (bench/parser_value)


_APOSTROPHES = ("'", "\u2019")
_TEXTS: dict[int, str] = {}
_LOWERS: dict[str, str] = {}


def read_tokens(doc: Doc) -> Tokens:
    """Return the token facts the rules use, from one ``Doc.to_array`` call."""
    arr = doc.to_array([ORTH, IDX, SPACY, SENT_START])
    # column by column: the string hashes are big numbers, and a non-start (-1) is one too
    # in this unsigned array, so the small columns are converted apart from them
    idx, ws = arr[:, 1:3].T.tolist()
    sent = (arr[:, 3] == 1).tolist()
    text = _strings(arr[:, 0].tolist(), doc)
    try:
        lower = list(map(_LOWERS.__getitem__, text))
    except KeyError:
        _LOWERS.update((t, t.lower()) for t in text)
        lower = list(map(_LOWERS.__getitem__, text))
    # A token joins the word unit before it when nothing separates them: no whitespace, no
    # sentence start, neither is one of _PUNCT ("super-resolution", "Wagner's").
    # A bracket closed right after the token that opened it joins too, and so does what
    # follows it glued: "E(3)-equivariant" is one word ("E(3" ")" "-" "equivariant").
    starts = [0] if text else []
    for i in range(1, len(text)):
        if ws[i - 1] or sent[i] or text[i].isspace():
            starts.append(i)
        elif text[i] == ")" and text[i - 1].count("(") > text[i - 1].count(")"):
            continue
        elif text[i - 1] == ")" and starts[-1] != i - 1 and text[i] == "-":
            continue
        elif text[i] in _PUNCT or text[i - 1] in _PUNCT:
            starts.append(i)
        elif text[i] in _APOSTROPHES and text[i - 1].endswith(("s", "S")):
            starts.append(i)  # a plural's possessive ends the word: "LLMs' | ability"
    return Tokens(text, lower, idx, ws, sent, starts, doc.vocab)


def doc_text(toks: Tokens) -> str:
    """Return the doc's text (``doc.text`` makes a ``Token`` per token: slow)."""
    return "".join([t + " " if w else t for t, w in zip(toks.text, toks.ws)])


def doc_tokens(doc: Doc) -> Tokens:
    """Return the doc's token facts, read once and kept on ``doc._.kg_tokens``: the
    abbreviation detector, the candidate finder and the resolver all use them. They hold
    the sentence starts, so they are read after the sentencizer."""
    ext = doc._  # each doc._ costs a microsecond
    toks = ext.kg_tokens
    if toks is None:
        toks = ext.kg_tokens = read_tokens(doc)
    return toks


if not Doc.has_extension("kg_tokens"):
    Doc.set_extension("kg_tokens", default=None)


def span_text(toks: Tokens, start: int, end: int) -> str:
    """Return the text of tokens ``start:end`` (what ``doc[start:end].text`` gives)."""
    if end - start == 1:
        return toks.text[start]
    return "".join([t + " " if w else t for t, w in zip(toks.text[start:end - 1],
                                                         toks.ws[start:end - 1])]
                   + [toks.text[end - 1]])


def sentences(toks: Tokens) -> list[tuple[int, int]]:
    """Return the (start, end) token ranges of the doc's sentences."""
    starts = [i for i, first in enumerate(toks.sent_start) if first] or [0]
    return list(zip(starts, [*starts[1:], len(toks.text)]))


def end_char(toks: Tokens, end: int) -> int:
    """Return the character offset where a span ending before token ``end`` ends."""
    return toks.idx[end - 1] + len(toks.text[end - 1])


def _strings(hashes: list[int], doc: Doc) -> list[str]:
    """Return the strings of hashes; a dict of the ones seen is faster than the StringStore."""
    try:
        return list(map(_TEXTS.__getitem__, hashes))
    except KeyError:
        if len(_TEXTS) > 1 << 20:
            _TEXTS.clear()
            _LOWERS.clear()
        strings = doc.vocab.strings
        for h in hashes:
            if h not in _TEXTS:
                _TEXTS[h] = strings[h]
        return [_TEXTS[h] for h in hashes]


@lru_cache(maxsize=1 << 16)
def head_type(word: str) -> EntityType | None:
    """Return the type a head word gives a phrase ("segmentation" -> task), or None."""
    low = word.lower()
    for w in (low, low.rsplit("-", 1)[-1]):
        for form in (w, singular(w)):
            if form in HEADS:
                return HEADS[form]
    return None


class UnitInfo(NamedTuple):
    """What the rules ask of a word unit; it depends only on its text, so it is cached."""

    brk: bool  # ends a run: stop word, punctuation, break word, URL ...
    head: EntityType | None  # the type it gives a phrase it heads
    name: bool  # looks like the name of a method or dataset
    plural: bool  # a plural (or a verb's -s form) that no modifier can be
    ends_phrase: bool  # a plural head noun: "the DeepFloyd-IF models | sampling by 41%"
    capital: bool  # an initial capital, then lower case ("Sliders", not "SD" or "We")


@lru_cache(maxsize=1 << 17)
def unit_info(text: str, punct: bool, space: bool, stop: bool) -> UnitInfo:
    """Return the facts of one unit; the flags are its token's (False for a joined unit)."""
    head = head_type(text)
    return UnitInfo(_is_break_text(text, punct, space, stop),
                    head, is_name(text), _plural_modifier(text),
                    head is not None and plural_word(text), _capitalised(text))


@dataclass(frozen=True)
class Units:
    """A doc's word units (never across a sentence start) with their texts and facts."""

    spans: list[tuple[int, int]]
    text: list[str]
    info: list[UnitInfo]
    sent_start: list[bool]  # the unit starts a sentence


_INFO: dict[str, UnitInfo] = {}  # one-token units by text (their flags are lexical)


def units(toks: Tokens) -> Units:
    """Return the word units of the whole doc: tokens written without spaces between them
    ("super-resolution" is one unit), never across a sentence start."""
    text, starts = toks.text, toks.unit_starts
    spans = list(zip(starts, [*starts[1:], len(text)]))
    if len(spans) == len(text):  # no joined tokens
        texts = text
        infos = list(map(_INFO.get, text))
    else:
        texts = [text[a] if b - a == 1 else "".join(text[a:b]) for a, b in spans]
        infos = [_INFO.get(t) if b - a == 1 else unit_info(t, False, False, False)
                 for (a, b), t in zip(spans, texts)]
    if None in infos:  # a token not seen before
        for k, info in enumerate(infos):
            if info is None:
                infos[k] = _token_info(toks.vocab, texts[k])
    for k, (a, b) in enumerate(spans if toks.extra_stops else ()):
        if b - a == 1 and a in toks.extra_stops:
            lex = toks.vocab[texts[k]]
            infos[k] = unit_info(texts[k], lex.is_punct, lex.is_space, True)
    return Units(spans, texts, cast(list[UnitInfo], infos), [toks.sent_start[a] for a in starts])


def _token_info(vocab: Vocab, text: str) -> UnitInfo:
    """Return the facts of a one-token unit, kept by text in ``_INFO`` (its token's lexical
    flags are the same everywhere; a joined unit's flags are all False, so it is not kept
    there)."""
    lex = vocab[text]
    if len(_INFO) > 1 << 20:
        _INFO.clear()
    info = _INFO[text] = unit_info(text, lex.is_punct, lex.is_space, lex.is_stop)
    return info


def runs(u: Units) -> Iterator[list[int]]:
    """Yield maximal runs of content units (indices into ``u``; no break, no sentence start
    inside; a plural head noun ends one, as English modifiers are singular) that hold a head
    noun: only those can make a term."""
    run: list[int] = []
    head = False
    for k, (info, first) in enumerate(zip(u.info, u.sent_start)):
        if info.brk or first:
            if head:
                yield run
            run = [] if info.brk else [k]
            head = not info.brk and info.head is not None
        else:
            run.append(k)
            head = head or info.head is not None
        if info.ends_phrase and not info.brk:
            yield run
            run, head = [], False
    if head:
        yield run


# a count and what it counts ("4-bit", "700M-parameter", "1-trillion-token", "16-DoF") or a
# number with its scale or unit ("60k", "7B", "1024px"; not "3D"): no name, no part of a term
_COUNTED = re.compile(r"[~\u2248]?(?:"  # "~4M samples": about so many
                      r"[\d.,]+[KMBkmb]?(?:-[a-z]+)+|\d+-?(?:DoF|DOF|dof)"
                      r"|[\d.,]*\d(?:-[A-Z][a-z]+)+"  # "1.58-Bit"
                      r"|[\d.,]*\d(?:[KMBkmb]|[KMGT]i?B|px|ms|fps|FPS|dB|[kMG]?Hz|[GMT]?FLOPs?"
                      r"|m?eV|[mcnk]m|times))")  # "80GB": memory; "0.9dB": a gain; "2times"


@lru_cache(maxsize=1 << 16)
def _is_break_text(text: str, punct: bool, space: bool, stop: bool) -> bool:
    low = text.lower()
    if punct or space or (stop and not (is_name_like(text) and len(text) > 1)
                          and low not in _MODIFIER_STOP_WORDS):
        return True
    return (
        low in BREAK_WORDS
        or text in _PUNCT
        or not any(c.isalpha() for c in text)
        or bool(_COUNTED.fullmatch(text))
        or bool(_URL.search(text) or _MATH.search(text))
        or _adverb(text)
    )


def _adverb(text: str) -> bool:
    """Return True for "significantly" or "models-particularly" (a dash written as a
    hyphen), not "decoder-only" or the name "CSL-Daily"."""
    low = text.lower()
    last = low.rsplit("-", 1)[-1]
    return (last.endswith("ly") and len(last) > 4 and head_type(low) is None
            and not is_name_like(text))


# a spaCy stop word that modifies a term's head: "part segmentation"
_MODIFIER_STOP_WORDS = frozenset({"part"})
ADJECTIVE_SUFFIXES = tuple("-based -like -style -driven -guided -aware -free -friendly -specific "
                           "-agnostic -conditioned -level -wise -scale -shot -generated -powered "
                           "-assisted -enabled -centric -oriented -equivariant -invariant "
                           "-written -authored -annotated -labeled -labelled -informed "
                           "-inspired -accelerated -regularised -regularized -constrained "
                           "-supervised -induced -dependent -augmented -trained -tuned "
                           "-optimized -optimised -shaped -pretrained -initialized -initialised "
                           "-distilled -gated -downsampled -upsampled -extracted".split())


def adjective_word(text: str) -> bool:
    """Return True for a word that ends in an adjective piece: "RL-based", "DINO-pretrained"."""
    return text.lower().endswith(ADJECTIVE_SUFFIXES)


def adjective_piece_at(toks: Tokens, end: int) -> bool:
    """Return True when a hyphen glued at token ``end`` and the word after it make what
    ends there an adjective: "transformer | -based", "LLM | -Generated"."""
    return (end + 1 < len(toks.text) and toks.text[end] == "-" and not toks.ws[end - 1]
            and not toks.ws[end] and "-" + toks.lower[end + 1] in ADJECTIVE_SUFFIXES)


def names_a_benchmark(text: str) -> bool:
    """Return True for a name with "bench" in it, which names data whatever else is glued to
    it: "HealthBench", "CausalBench-LLM" (though "LLM" heads a method), one ending in
    "-Data" ("MagicEdit-Data"), or one with an "Eval" piece ("MCP-Eval", "LongEval-Code";
    not "Evaluator")."""
    low = text.lower()
    return "bench" in low or low.endswith("-data") or _EVAL_PIECE.search(text) is not None


_EVAL_PIECE = re.compile(r"Eval(?![a-z])")


def never_a_name(text: str) -> bool:
    """Return True for a word that names no entity however it is used ("GPU", "Linux")."""
    return text in _NOT_NAMES


@lru_cache(maxsize=1 << 16)
def is_name(text: str) -> bool:
    """Return True for a unit that looks like the name of a method or dataset."""
    letters = sum(c.isalpha() for c in text)
    return (is_name_like(text) and letters >= 2 and text not in _NOT_NAMES
            and not adjective_word(text)  # "RL-based", "GPU-friendly"
            and text.lower() not in STOP_WORDS
            and not _URL.search(text) and not _NUMBER.fullmatch(text)
            and not _COUNTED.fullmatch(text) and not _SPLIT.fullmatch(text)
            and not _TOP_K.fullmatch(text) and not _ORDINAL.fullmatch(text)
            and not _LEVELS.fullmatch(text)
            and text.count("(") == text.count(")"))  # "SE(3" of "SE(3)-equivariant"


_NUMBER = re.compile(r"[\d.,%x×]+[A-Za-z]?")  # "7", "2.5x", "3D"
_TOP_K = re.compile(r"[Tt]op-\d+")  # "top-2 routing": a rank, no name
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)(?:-[a-z]+)?")  # "the 99th percentile", "19th-century"
_LEVELS = re.compile(r"([A-Za-z]{1,2})\d+[-\u2013~]\1\d+")  # "levels L1-L3", "Q1\u2013Q4": a range
_SPLIT = re.compile(r"(?:train|val|test|dev)(?:19|20)\d\d|test-dev|test-std|minival")  # "val2017"


@lru_cache(maxsize=1 << 16)
def _plural_modifier(word: str) -> bool:
    """Return True for a lower-case word that reads as a plural (or a verb's -s form)."""
    return head_type(word) is None and plural_word(word)


def plural_word(word: str) -> bool:
    """Return True for a lower-case word that reads as a plural ("systems", "tools")."""
    return (word.islower() and word.isalpha() and word not in _SINGULAR_S
            and singular(word) != word)


_SINGULAR_S = frozenset("news series species physics mathematics statistics genomics "
                        "robotics graphics semantics dynamics economics ethics".split())

def _capitalised(word: str) -> bool:
    """Return True for "Sliders" or "Null-text", not "SD", "ODEs", "We" or "(": a word
    written with an initial capital and lower-case letters after it."""
    return (word[:1].isupper() and word[1:2].islower() and word.lower() not in STOP_WORDS)
