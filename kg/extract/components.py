"""kg's spaCy components: the title/abstract boundary, rule candidates and the resolver.

They are registered with ``@Language.factory`` here and as ``spacy_factories`` entry points,
so a saved pipeline loads without importing kg first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import spacy.pipeline
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from spacy.util import minibatch

from kg.extract import resolve, rules, tokens
from kg.extract.rules import Candidate
from kg.extract.lexicon import PROPOSE_CUES
from kg.normalize import singular
from kg.types import EntityType

GAZETTEER_KEY = "kg_gazetteer"
RESULT_KEY = "kg"

for _name, _default in (("kg_title_end", None), ("kg_rules", []), ("kg_found", [])):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class BatchComponent:
    """A doc -> doc component whose ``pipe`` takes a batch at a time.

    ``nlp.pipe`` then runs each component over a batch before the next component starts
    (as trained components do) instead of pulling every doc through all of them in turn,
    which measured 15% faster for the whole pipeline (the code of one component stays hot).
    """

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            yield from [self(doc) for doc in batch]


@Language.factory("kg_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> "Sentencizer":
    """Create spaCy's rule-based sentencizer with a faster ``predict`` (same splits)."""
    return Sentencizer(name)


class Sentencizer(spacy.pipeline.Sentencizer):
    """spaCy's ``Sentencizer``, deciding from two token arrays instead of ``Token`` objects
    (a third of the time; the component's whole cost was in ``predict``)."""

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            self.set_annotations(batch, self.predict(batch))
            yield from batch

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        docs = list(docs)
        if not docs:
            return []
        # spaCy's loop: after a closing mark ("." "!" ...), the next token that is neither
        # punctuation nor a closing mark starts a sentence. So among the tokens that are
        # either, a start is one whose predecessor in the same doc is a closing mark. Done
        # for a whole batch at once, as numpy's cost is in the calls.
        lengths = [len(doc) for doc in docs]
        arrays = [doc.to_array([ORTH, IS_PUNCT]) for doc in docs]
        orth, punct = np.concatenate(arrays).T if sum(lengths) else np.zeros((2, 0), np.uint64)
        which = np.repeat(np.arange(len(docs)), lengths)
        closing = np.isin(orth, self._ids())
        word = (punct == 0) & ~closing
        marks = (closing | word).nonzero()[0]
        after, before = marks[1:], marks[:-1]
        guess = np.zeros(len(orth), dtype=bool)
        guess[after[word[after] & closing[before] & (which[after] == which[before])]] = True
        offsets = np.cumsum([0, *lengths])
        guess[offsets[:-1][np.array(lengths) > 0]] = True
        flat = guess.tolist()
        return [flat[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]

    def _ids(self) -> np.ndarray:
        return np.fromiter(_hashes(frozenset(self.punct_chars)), dtype=np.uint64)


@lru_cache(maxsize=4)
def _hashes(chars: frozenset[str]) -> frozenset[int]:
    return frozenset(hash_string(c) for c in chars)


@Language.factory("kg_fields")
def make_field_boundary(nlp: Language, name: str) -> "FieldBoundary":
    """Create the component that starts a sentence where the abstract starts."""
    return FieldBoundary()


class FieldBoundary(BatchComponent):
    """Mark the token after the title's blank line as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():  # few: extra whitespace only
            if "\n\n" in doc[i].text:
                doc._.kg_title_end = doc[i].idx
                if i + 1 < len(doc):
                    doc[i + 1].is_sent_start = True
                break
        return doc


@Language.factory("kg_candidates")
def make_candidate_finder(nlp: Language, name: str) -> "CandidateFinder":
    """Create the component that finds rule-based candidates."""
    return CandidateFinder()


class CandidateFinder(BatchComponent):
    """Store the rule candidates of :mod:`kg.extract.rules` on ``doc._.kg_rules``."""

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._  # each doc._ costs a microsecond: read once
        toks = tokens.doc_tokens(doc)
        title_end = ext.kg_title_end
        found = rules.candidates(toks, title_end or 0)
        title = rules.title_candidate(doc, toks, _title_end(toks, title_end))
        if title:
            found.append(title)
        ext.kg_rules = found
        return doc


def _title_end(toks: tokens.Tokens, title_end: int | None) -> int:
    """Return the character offset where the title ends (the whole text if no abstract)."""
    if title_end is not None:
        return title_end
    return tokens.end_char(toks, len(toks.text)) if toks.text else 0


@Language.factory("kg_resolver")
def make_resolver(nlp: Language, name: str) -> "Resolver":
    """Create the component that picks one reading of overlapping candidates."""
    return Resolver(nlp.vocab)


class Resolver(BatchComponent):
    """Merge gazetteer, abbreviation and rule candidates into ``doc.spans["kg"]``."""

    def __init__(self, vocab: Vocab):
        # spans are made with label hashes (half the cost of label strings)
        self.labels = {t: vocab.strings.add(t.label) for t in EntityType}
        self.types = {h: t for t, h in self.labels.items()}
        # gazetteer entries that hold their versions (gazetteer.versioned_families)
        self.families: frozenset[str] = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._  # each doc._ costs a microsecond: read once
        toks = tokens.doc_tokens(doc)
        cands = [*self._gazetteer(doc, toks), *ext.kg_rules, *_ner(doc)]
        if doc.has_annotation("ENT_IOB"):  # a trained NER ran: weak rules need its support
            cands = resolve.supported(cands)
        abbreviations = ext.kg_abbreviations
        cands.extend(_abbreviations(doc, toks, abbreviations, cands))
        kept = resolve.resolve(toks, cands, title_end=ext.kg_title_end or 0,
                               untyped=_untyped_short_forms(abbreviations, toks, cands)
                               | rules.language_codes(toks),
                               families=self.families)
        ext.kg_found = kept
        labels = self.labels
        doc.spans[RESULT_KEY] = [
            Span(doc, f.start, f.end, label=labels[f.label], kb_id=f.kb_id) if f.kb_id
            else Span(doc, f.start, f.end, label=labels[f.label]) for f in kept]
        return doc

    def _gazetteer(self, doc: Doc, toks: tokens.Tokens) -> list[Candidate]:
        types = self.types
        return [Candidate(s.start, s.end, types[s.label], "gazetteer", kb_id=s.id_)
                for s in doc.spans.get(GAZETTEER_KEY, [])
                if not _hyphen_compound(toks, s.start) and not _adjective_compound(toks, s)]


def _hyphen_compound(toks: tokens.Tokens, start: int) -> bool:
    """Return True when a lower-case word at ``start`` ends a lower-case hyphen compound:
    "accuracy" in "high-accuracy word alignment" names no metric, "image generation" in
    "text-to-image generation" is not the whole task. (SciERC dev: one wrong span less;
    the same everywhere else.)"""
    text, ws = toks.text, toks.ws
    return (start >= 2 and text[start - 1] == "-" and not ws[start - 1] and not ws[start - 2]
            and text[start].islower() and text[start - 2].islower())


def _adjective_compound(toks: tokens.Tokens, span: Span) -> bool:
    """Return True when a lower-case gazetteer term is the first part of an adjective
    compound: "the transformer-based OFormer", "diffusion-like" name no method."""
    return toks.text[span.start].islower() and tokens.adjective_piece_at(toks, span.end)


def _ner(doc: Doc) -> list[Candidate]:
    """Return the trained NER model's entities of kg's types (none in the fast pipeline)."""
    return [Candidate(e.start, e.end, _NER_TYPES[e.label_], "ner") for e in doc.ents
            if e.label_ in _NER_TYPES]


_NER_TYPES = {t.label: t for t in EntityType}  # the model's labels: METHOD, DATASET ...


def _abbreviations(doc: Doc, toks: tokens.Tokens, abbreviations: list[tuple[Span, Span]],
                   cands: list[Candidate]) -> list[Candidate]:
    """Type each defined abbreviation from its long form and tag every use of it."""
    out: list[Candidate] = []
    text = tokens.doc_text(toks) if abbreviations else ""
    first: dict[str, str] = {}  # short form -> the long form its first definition gave
    for short, long in abbreviations:
        # a longer term ending with the long form types it ("Anchored | Posterior Sampling"),
        # but not one the long form is the object of ("segmentation of the | left ventricle")
        long_cand = resolve.covering(long.start, long.end, [
            c for c in cands if c.start >= long.start or "of" not in toks.lower[c.start:long.start]])
        after = _head_after(toks, short.end)
        label = long_cand.label if long_cand else (
            tokens.head_type(long[-1].text) or _head_before_preposition(long) or after)
        before = doc[long.sent.start:long.start]
        # "we propose X, a ... image super-resolution (SR) model": the model is proposed,
        # the task its long form names is not
        proposed = _proposed(before) and after is not EntityType.METHOD
        if label is None and any(t.lower_ in PROPOSE_CUES for t in before):
            # "we propose to sample ... with optimal boundary conditions (BCs)"
            label = EntityType.METHOD
        if label is EntityType.METHOD and resolve.posed_as_task(toks, long.start):
            label = EntityType.TASK  # "we present a new task, termed Document Repair (DR)"
        elif label is EntityType.TASK and _names_a_loss(toks, short.end):
            label = EntityType.METHOD  # "Score Implicit Matching (SIM) loss": a loss's name
        if label is None:
            continue
        start = min(long.start, long_cand.start) if long_cand else long.start
        long_text = doc[start:long.end].text
        # "diffusion-based | image restoration (IR)": words before the long form that only
        # say how stay in the mention but name nothing; IR is "image restoration"
        how = start < long.start and all(w.lower().endswith(rules.MANNER_SUFFIXES) for w in
                                         tokens.span_text(toks, start, long.start).split())
        if how:
            long_text = long.text
        if short.text in first:  # defined again: the long form names what the first one does
            out.append(Candidate(start, long.end, label, "abbreviation", proposed=proposed,
                                 long_form=first[short.text]))
            continue
        first[short.text] = long_text
        out.append(Candidate(start, long.end, label, "abbreviation", proposed=proposed,
                             long_form=long_text if how else ""))
        for use in _occurrences(doc, text, short.text):
            out.append(Candidate(use.start, use.end, label, "abbreviation", proposed=proposed,
                                 long_form=long_text))
    return out


def _proposed(before: Span) -> bool:
    """Return True when the words before a long form in its sentence propose it: a
    proposing word, and no "for" or "to" after it ("We propose a method for single image
    super-resolution (SR)" proposes the method, not SR; "This paper proposes to improve
    visual question answering (VQA)" proposes no VQA), nor a relative clause or "into"
    ("We introduce a module that can be integrated into a Text-to-speech (TTS) system")."""
    words = [t.lower_ for t in before]
    cues = [k for k, w in enumerate(words) if w in PROPOSE_CUES]
    return bool(cues) and not _NOT_PROPOSED_AFTER.intersection(words[cues[-1]:])


_NOT_PROPOSED_AFTER = frozenset("for to that which into".split())


_PREPOSITIONS = frozenset("from of for with by in on via".split())


def _head_before_preposition(long: Span) -> EntityType | None:
    """Return the type of a long form's head when a prepositional phrase follows it:
    "Reinforcement Learning | from Human Feedback", "regularization | by denoising ..."."""
    for k, token in enumerate(long[1:], start=1):
        if token.lower_ in _PREPOSITIONS:
            return tokens.head_type(long[k - 1].text)
    return None


def _head_after(toks: tokens.Tokens, end: int) -> EntityType | None:
    """Return the type of the head noun after a short form's bracket, which the long form
    modifies, when it is a kind of model, a task or data: "vision-language-action (VLA) |
    models" (VLA names a kind of model; "electrocardiogram (ECG) analysis" names none)."""
    if end + 1 < len(toks.text) and toks.text[end] == ")":
        if singular(toks.lower[end + 1]) in _MODEL_KINDS:
            return EntityType.METHOD
        head = tokens.head_type(toks.text[end + 1])  # "Penn Treebank III (PTB) corpus"
        return head if head in (EntityType.TASK, EntityType.DATASET) else None
    return None


_MODEL_KINDS = frozenset("model network architecture layer encoder decoder policy transformer "
                         "agent".split())


def _names_a_loss(toks: tokens.Tokens, end: int) -> bool:
    """Return True when a loss or objective noun follows a short form's closing bracket."""
    return (end + 1 < len(toks.text) and toks.text[end] == ")"
            and toks.lower[end + 1] in ("loss", "losses", "objective", "objectives"))


def _untyped_short_forms(abbreviations: list[tuple[Span, Span]], toks: tokens.Tokens,
                         cands: list[Candidate]) -> set[str]:
    """Return short forms defined in the doc whose long form has no type ("OOD", "SNR")."""
    if not abbreviations:
        return set()
    typed = {tokens.span_text(toks, c.start, c.end) for c in cands if c.source == "abbreviation"}
    untyped = {s.text for s, _ in abbreviations} - typed
    # the singular is the same short form: "regions (CDRs)" ... "the CDR sequences"
    return untyped | {u[:-1] for u in untyped if u.endswith("s") and u[:-1] not in typed}


def _occurrences(doc: Doc, doc_text: str, text: str) -> list[Span]:
    """Return every whole-word use of ``text`` (or its plural) in the doc.

    The pattern starts with the text itself, which ``re`` finds by a fast literal search;
    a word character or hyphen before a match is checked after (a look-behind first made
    the engine try every position: 36 µs an abbreviation, now a few)."""
    pattern = re.compile(re.escape(text) + r"s?(?![\w-])")
    spans = (doc.char_span(m.start(), m.end()) for m in pattern.finditer(doc_text)
             if not m.start() or not _WORD_OR_HYPHEN.match(doc_text, m.start() - 1))
    return [s for s in spans if s is not None]


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
