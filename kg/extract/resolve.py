"""Resolution: one reading of a doc's overlapping candidates (pure functions, no spaCy).

The ``kg_resolver`` component (:mod:`kg.extract.components`) gathers gazetteer hits, rule
candidates, abbreviations and NER entities as :class:`~kg.extract.rules.Candidate` records
and calls these functions, which see only those records and the doc's token facts
(:class:`~kg.extract.tokens.Tokens`). Compiled with mypyc (``setup.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from kg.extract import tokens
from kg.extract.lexicon import (
    DATASET_CUES, DATASET_HEADS, GENERIC_WORDS, METRIC_MOVES, METRIC_READINGS, MODEL_KIND_WORDS,
    NAMING_CUES, PROPOSE_CUES, TASK_VERBS, WEAK_HEADS,
)
from kg.extract.rules import CLAUSE_SUBJECTS, DATA_PLURALS, MODEL_SIZE, NUMBER, YEAR, Candidate
from kg.normalize import is_name_like, singular
from kg.types import EntityType

# Which source wins when two candidates cover the same tokens.
PRIORITY = {"abbreviation": 5, "gazetteer": 4, "title": 4, "dataset-cue": 3, "task-cue": 3,
            "list": 3, "ner": 3, "coordination": 3, "term": 2, "name": 1}
WEAK_SOURCES = ("term", "name")


def resolve(toks: tokens.Tokens, cands: list[Candidate], *, title_end: int,
            untyped: set[str], families: frozenset[str] = frozenset()) -> list[Candidate]:
    """Return the candidates kept, in text order.

    ``title_end``: where the abstract starts (character offset, 0 without a title);
    ``untyped``: short forms the doc defines whose long form has no type ("OOD"): name-like
    words with that text are dropped; ``families``: gazetteer entries that hold their
    versions (see :func:`model_versions`).
    """
    cands = no_term_across_a_dataset(toks, known_task_before_of(toks, name_before_weak_head(
        toks, known_tail_types_a_term(toks, model_versions(toks, metric_verbs(toks, cands),
                                                           families)), title_end)))
    cands = slashed_names(toks, known_names_stand(cands))
    cands = dataset_before_task(toks, name_before_known_term(toks, cands))
    if untyped:
        cands = [c for c in cands if not (c.source == "name" and tokens.span_text(
            toks, c.start, c.end) in untyped)]
    kept = metric_on_names(toks, metric_readings(toks, title_means_are_methods(
        toks, cue_typed_tasks(toks, spelled_gerunds(toks, select(toks, cands))), title_end)))
    return proposed_tasks_are_methods(toks, proposed_names_keep_their_type(
        toks, datasets_stay_datasets(toks, parallel_datasets(toks, colon_listed_datasets(
            toks, coordinated_datasets(toks, proposed_names_everywhere(toks, kept)))))))


def metric_verbs(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Drop a one-word metric used as a verb: "We recall how ...", "to score answers"."""
    return [c for c in cands if not (
        c.label is EntityType.METRIC and c.end - c.start == 1 and c.start
        and toks.text[c.start].islower() and toks.lower[c.start - 1] in _VERB_BEFORE
        and not toks.sent_start[c.start])]


_VERB_BEFORE = frozenset("we they i you to can may will must should would could".split())


def proposed_names_everywhere(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Add the other mentions of a name the doc proposes, by its exact words: after
    "Melodia: ..." and "We propose Melodia, a ...", "Melodia produces ..." names it too,
    though a capitalised word opening a sentence is otherwise no name. Such a mention takes
    the place of readings inside it ("Flamingo" in "Audio Flamingo 3"), not of one that
    crosses its edges."""
    names: dict[str, list[tuple[str, ...]]] = {}
    for c in kept:
        if c.proposed and c.source in ("title", "name"):
            words = tuple(toks.text[c.start:c.end])
            if any(ch.isupper() for ch in words[0]):
                names.setdefault(words[0], []).append(words)
    if not names:
        return kept
    n = len(toks.text)
    crossed = bytearray(n + 1)  # a kept reading holds the token and the one before it
    for c in kept:
        crossed[c.start + 1:c.end] = b"\1" * (c.end - c.start - 1)
    by_start = {c.start: c for c in kept}
    added: list[Candidate] = []
    dropped: set[int] = set()  # starts of readings a longer name mention replaces
    for i, word in enumerate(toks.text):
        for words in names.get(word, ()):
            end = i + len(words)
            if (tuple(toks.text[i:end]) != words or crossed[i] or crossed[end]
                    or end < n and toks.text[end][:1].isalnum() and not toks.ws[end - 1]):
                continue
            inner = [by_start[k] for k in range(i, end) if k in by_start]
            if any(c.start == i and c.end == end for c in inner):
                break  # found already
            dropped.update(c.start for c in inner)
            crossed[i + 1:end] = b"\1" * (end - i - 1)
            added.append(Candidate(i, end, EntityType.METHOD, "name"))
            break
    if not added:
        return kept
    return sorted([*(c for c in kept if c.start not in dropped), *added], key=lambda c: c.start)


def spelled_gerunds(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Give back a term the opening gerund the rules took for a verb when the doc's
    acronym spells it: "Denoising | Diffusion Restoration Models ... We propose DDRM" is
    "Denoising Diffusion Restoration Models"."""
    out = []
    acronyms: set[str] | None = None
    for c in kept:
        g = c.start - 1
        if (c.source == "term" and g >= 0 and toks.text[g][:1].isupper()
                and toks.lower[g].endswith("ing") and (
                    toks.sent_start[g] or g > 0 and toks.text[g - 1] == ":")):
            if acronyms is None:
                acronyms = {t.rstrip("s") for t in toks.text if t.isupper() and len(t) > 2}
            words = " ".join(toks.text[g:c.end]).replace("-", " ").split()
            if "".join(w[0] for w in words if w[0].isalnum()).upper() in acronyms:
                c = replace(c, start=g)
        out.append(c)
    return out


def metric_readings(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Read a gazetteer short form that also abbreviates a metric (:data:`METRIC_READINGS`)
    as the metric where the text reports it: "MAE" is the masked autoencoder, but "an MAE
    of 0.41", "lowers MAE by 12%", "the lowest MAE" and "MAE and RMSE" report the mean
    absolute error. A definition in the paper ("MAE (mean absolute error)") is the
    abbreviation stage's. One such report makes every mention of the form in the doc the
    metric: a paper that reports an MAE does not also mean the autoencoder by it."""
    reported = {c.kb_id for c in kept if c.source == "gazetteer" and c.kb_id in METRIC_READINGS
                and _reported(toks, c, kept)}
    if not reported:
        return kept
    return [replace(c, label=EntityType.METRIC, kb_id=METRIC_READINGS[c.kb_id])
            if c.source == "gazetteer" and c.kb_id in reported else c for c in kept]


def _reported(toks: tokens.Tokens, c: Candidate, kept: list[Candidate]) -> bool:
    """Return True when the words around ``c`` report it as a measure: a value after it
    ("of 0.41", "by 12%", "= 3.2"), a word of change before it ("lowers", "the lowest"),
    or a metric listed with it ("MAE and RMSE", "RMSE, MAE")."""
    after = toks.lower[c.end:c.end + 3]
    if after and after[0] in ("of", "by", "=", "<", "drops", "falls") and any(
            NUMBER.fullmatch(w) for w in after[1:]):
        return True
    if c.start > 0 and toks.lower[c.start - 1] in METRIC_MOVES:
        return True
    for m in kept:
        if m.label is EntityType.METRIC:
            gap = toks.lower[m.end:c.start] if m.end <= c.start else toks.lower[c.end:m.start]
            if gap and len(gap) <= 2 and all(w in (",", "and", "or", "/") for w in gap):
                return True
    return False


def metric_on_names(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type a name-like word that a metric is reported on as a dataset: "PSNR on Rain100L",
    "exact match on WikiTableQuestions", "an FID of 3.1 on X" (the metric at most
    :data:`METRIC_WINDOW` tokens before "on", in the same sentence; not "a score based on
    ArcFace similarity" nor "an IoU of 0.46, improving on EZ-VSL"; not a model by its size:
    "attack success rates of 78% on Llama-3-8B-Instruct")."""
    out = list(kept)
    metric_ends = [c.end for c in kept if c.label is EntityType.METRIC]
    if not metric_ends:
        return out
    for i, c in enumerate(out):
        on = c.start - 1
        if (c.source == "name" and c.label is EntityType.METHOD and on > 0
                and not MODEL_SIZE.search(tokens.span_text(toks, c.start, c.end))
                and toks.lower[on] in ("on", "across")
                and toks.lower[on - 1] not in ("based", "improving") and any(
                    on - METRIC_WINDOW <= end <= on
                    and not any(toks.sent_start[end:on + 1]) for end in metric_ends)):
            out[i] = replace(c, label=EntityType.DATASET)
    return out


METRIC_WINDOW = 6


def proposed_names_keep_their_type(toks: tokens.Tokens, kept: list[Candidate]
                                   ) -> list[Candidate]:
    """Give a name-like word the type of the same name where the doc proposes it: in
    "EchoSynth: ... We introduce EchoSynth, a video model ... videos from EchoSynth", the
    data cue of the last mention does not make the proposed model a dataset. Where the
    abstract proposes it, that types the title's name too (which is a method unless its
    own words say otherwise): "AudioCoT: ... We build AudioCoT, a dataset of ..."."""
    typed = {tokens.span_text(toks, c.start, c.end): c.label for c in kept
             if c.proposed and c.source == "title"}
    for text in _named_as_data(toks, kept, typed):
        typed[text] = EntityType.DATASET
    # the first proposal in the abstract defines the name ("We introduce X, a benchmark of
    # ...") where a later one ("We release X with a leaderboard") says less; its case may
    # differ from the title's ("Polymath: A ... Benchmark" then "we present PolyMATH, a
    # challenging benchmark")
    first: dict[str, EntityType] = {}
    for c in kept:
        if c.proposed and c.source != "title":
            first.setdefault(tokens.span_text(toks, c.start, c.end).lower(), c.label)
    typed = {text.lower(): label for text, label in typed.items()} | first
    if not typed:
        return kept
    return [replace(c, label=typed[text]) if (
        c.source == "name" or c.source == "title")
            and (text := tokens.span_text(toks, c.start, c.end).lower()) in typed
            and typed[text] is not c.label else c for c in kept]


def _named_as_data(toks: tokens.Tokens, kept: list[Candidate], titled: dict[str, EntityType]
                   ) -> list[str]:
    """Return the title's names that the abstract's context calls data at least twice and
    never a method: "DataSieve: Quality Filtering for ... Data" then "filter Common Crawl
    into DataSieve, a 4-trillion-token corpus" and "pretrained on DataSieve"."""
    votes: dict[str, list[EntityType]] = {}
    for c in kept:
        if c.source == "name" and not c.proposed:
            text = tokens.span_text(toks, c.start, c.end)
            if titled.get(text) is EntityType.METHOD:
                votes.setdefault(text, []).append(c.label)
    return [text for text, labels in votes.items()
            if len(labels) > 1 and all(t is EntityType.DATASET for t in labels)]


def datasets_stay_datasets(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type every mention of a name-like word as a dataset where one mention's context says
    it is one: after "fine-tuned on the MoleculeNet benchmark", "on 9 of 12 MoleculeNet
    tasks" names the same dataset. (A name is a method only by default, see
    :mod:`kg.extract.rules`, so a dataset cue wins.)"""
    data = {tokens.span_text(toks, c.start, c.end) for c in kept
            if c.label is EntityType.DATASET and c.source != "gazetteer"}
    # a title's name keeps the title's type unless :func:`_named_as_data` says otherwise:
    # "models trained on SynthRx data" is data SynthRx made
    data -= {tokens.span_text(toks, c.start, c.end) for c in kept if c.source == "title"}
    if not data:
        return kept
    return [replace(c, label=EntityType.DATASET) if c.source == "name"
            and c.label is EntityType.METHOD and not c.proposed
            and tokens.span_text(toks, c.start, c.end) in data else c for c in kept]


def coordinated_datasets(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type a name listed with a dataset as a dataset: "molecules from ZINC and PubChem".

    A name-like word is a method unless its context says otherwise (:mod:`kg.extract.rules`);
    a list that holds a dataset says so too for all its items. A list is "A, B and C": commas
    between its items and one "and"/"or" before the last ("on Kodak and CLIC2020, S3Diff
    matches ...": the list ends at CLIC2020; "A, B" alone is no list).
    """
    out = list(kept)
    for first, last in _lists(toks, out):
        if any(c.label is EntityType.DATASET for c in out[first:last + 1]):
            for i in range(first, last + 1):
                if _may_be_data(toks, out[i]):
                    out[i] = replace(out[i], label=EntityType.DATASET)
    return out


def _may_be_data(toks: tokens.Tokens, c: Candidate) -> bool:
    """Return True for a list item that a dataset in its list makes a dataset: a name its
    form typed a method, a capitalised term ("Idiap Replay-Attack", whose head says method),
    one name-like word a task kind lists ("tasks, including ARC-Challenge, BoolQ and
    OpenBookQA": the items of a task kind are methods that do it, unless one is a dataset)
    or a capitalised item a task kind lists ("tasks such as Cars, DTD and SUN397")."""
    if c.label is EntityType.METHOD:
        return c.source == "name" or c.source == "term" and _written_as_a_name(toks, c) or (
            c.source == "list" and " " not in (text := tokens.span_text(toks, c.start, c.end))
            and tokens.is_name(text))
    return c.source == "list" and c.label is EntityType.TASK and toks.text[c.start][:1].isupper()


def _written_as_a_name(toks: tokens.Tokens, c: Candidate) -> bool:
    """Return True for a term of two or more words each capitalised, inside a sentence:
    "Idiap Replay-Attack" (its head, "attack", would make it a method)."""
    return c.end - c.start > 1 and not toks.sent_start[c.start] and all(
        w[:1].isupper() or not w[:1].isalpha() for w in toks.text[c.start:c.end])


def colon_listed_datasets(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type as datasets the names that open the items of a list announced as data: "We
    introduce two datasets: DocMark-Pile, comprising 3.8M pairs ..., and DocMark-Instruct,
    featuring ..." (each item opens after the colon, a comma or "and")."""
    colons = [i for i in range(1, len(toks.text)) if toks.text[i] == ":"
              and toks.lower[i - 1] in DATA_PLURALS]
    if not colons:
        return kept
    out = list(kept)
    for k, c in enumerate(out):
        if c.source == "name" and c.label is EntityType.METHOD and c.start > 0 and (
                toks.lower[c.start - 1] in (":", ",", "and")) and any(
                i < c.start and not any(toks.sent_start[i + 1:c.start + 1]) for i in colons):
            out[k] = replace(c, label=EntityType.DATASET)
    return out



def parallel_datasets(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type a name as a dataset when "and on" makes it the parallel of a dataset after "on"
    in the same sentence: "the success rate on WebArena from 12% to 37% and on
    Mind2Web-Live from 20% to 41%"."""
    out = list(kept)
    for i, c in enumerate(out):
        if not (c.source == "name" and c.label is EntityType.METHOD and not c.proposed
                and c.start > 1 and toks.lower[c.start - 1] == "on"
                and toks.lower[c.start - 2] in ("and", ",")):
            continue
        for d in reversed(out[:i]):
            if c.start - d.end > PARALLEL_WINDOW or any(toks.sent_start[d.start + 1:c.start + 1]):
                break
            if d.label is EntityType.DATASET and d.start > 0 and toks.lower[d.start - 1] == "on":
                out[i] = replace(c, label=EntityType.DATASET)
                break
    return out


PARALLEL_WINDOW = 25  # tokens between the two names


def _lists(toks: tokens.Tokens, kept: list[Candidate]) -> Iterator[tuple[int, int]]:
    """Yield (first, last) indices of the lists among ``kept`` (see
    :func:`coordinated_datasets`)."""
    first = 0
    for i in range(len(kept)):
        gap = toks.lower[kept[i].end:kept[i + 1].start] if i + 1 < len(kept) else []
        cue = next((k for k, w in enumerate(gap[:3]) if w in DATASET_CUES), -1)
        gap = gap[cue + 1:]  # "Rain100L, the RESIDE | haze dataset | and Snow100K"
        listed = (bool(gap) and len(gap) <= 2 and all(w in _LIST_WORDS for w in gap)
                  and gap[0] != "the")  # "A, B and the C dataset"
        if listed and ("and" in gap or "or" in gap):
            yield first, i + 1  # the list's last gap: it ends with the next item
            first = i + 2
        elif not listed:
            first = i + 1


_LIST_WORDS = frozenset({",", "and", "or", "the"})


def name_before_known_term(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Split a method term that starts with a model's name into the name and the term after
    it, so both stand: "a ViT-g vision transformer", "DINOv2 self-supervised learning",
    "the Qwen2-VL-7B multimodal language model", also past a "-style" or "-like" glued to
    the name ("CLIP-style dual encoders"): the name is an instance of the term. The rest is
    a gazetteer method or two or more lower-case words with a method head."""
    known = {(c.start, c.end) for c in cands
             if c.source == "gazetteer" and c.label is EntityType.METHOD}
    name_ends: dict[int, set[int]] = {}
    for c in cands:
        if c.source in ("name", "gazetteer") and c.label is EntityType.METHOD and (
                _model_name(toks, c)):
            name_ends.setdefault(c.start, set()).add(c.end)
    if not name_ends:
        return cands
    out = []
    for c in cands:
        rest = _term_after_a_name(toks, c, name_ends.get(c.start, ()), known)
        if rest is None:
            out.append(c)
        elif rest >= 0:
            out.append(replace(c, start=rest))
    return out


def dataset_before_task(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Start a task term after a dataset it starts with (a gazetteer one, or a name its
    context calls data) where "tasks" follows: "On MoleculeNet | property prediction tasks"
    names the dataset and the task (two or more lower-case words), and so does "On GTZAN |
    genre classification, ..." (after "on", where the task ends the phrase); "Gene Ontology
    term prediction" stays one task."""
    data_ends = {c.start: c.end for c in cands
                 if c.source in ("gazetteer", "name") and c.label is EntityType.DATASET}
    if not data_ends:
        return cands
    return [replace(c, start=end) if (
        c.source == "term" and c.label is EntityType.TASK
        and (end := data_ends.get(c.start, -1)) > 0 and c.end - end > 1
        and all(w.islower() for w in toks.text[end:c.end]) and c.end < len(toks.text)
        and (toks.lower[c.end] in _TASK_NOUNS or c.start > 0 and toks.lower[c.start - 1] == "on"
             and (not toks.text[c.end].islower() or toks.lower[c.end] in CLAUSE_SUBJECTS))
    ) else c for c in cands]


_TASK_NOUNS = frozenset("task tasks benchmark benchmarks".split())  # "X <task> tasks"


def _term_after_a_name(toks: tokens.Tokens, c: Candidate, ends: Iterable[int],
                       known: set[tuple[int, int]]) -> int | None:
    """Return where the term ``c`` goes on after a name it starts with (see
    :func:`name_before_known_term`), -1 when a gazetteer term covers the rest, or None."""
    if c.source != "term" or c.label is not EntityType.METHOD:
        return None
    for end in ends:
        like = tokens.adjective_piece_at(toks, end) and toks.lower[end + 1] in _LIKE_PIECES
        rest = end + 2 if like else end
        if (rest, c.end) in known or like and c.end - rest == 1 and (
                singular(toks.lower[rest]) in WEAK_HEADS):  # "Llama-style models": Llama
            return -1
        if c.end - rest > 1 and toks.text[rest] != "-" and all(  # "T5 | encoder-decoder"
                w.islower() or w == "-" for w in toks.text[rest:c.end]) and (
                tokens.head_type(toks.text[c.end - 1]) is EntityType.METHOD):
            return rest
    return None


_LIKE_PIECES = frozenset(("style", "like"))


def _model_word(word: str) -> bool:
    """Return True for a word written as a model's name: a piece of two or more characters
    with a digit or an inner capital ("ViT-g", "DINOv2", "CLIP"); a one-letter piece alone
    ("B-Mode", "Best-of-N") labels a kind, not a model."""
    return any(len(p) > 1 and is_name_like(p) for p in word.split("-"))


def _model_name(toks: tokens.Tokens, c: Candidate) -> bool:
    """Return True for a name that reads as a model's, not a domain's or a common term's:
    "DINOv2", "ViT-g", "CONCH", "Genie" before "-style"; not "DNA" or "SE(3)" ("DNA
    language models" are a kind of model), "Maximum Entropy-based" or "rectified flow"; not a
    name that ends with a common word: a "KV Cache Quantization" quantizes the cache."""
    text = tokens.span_text(toks, c.start, c.end)
    letters = [ch for ch in text if ch.isalpha()]
    last = text.split()[-1]
    if "(" in text or tokens.adjective_word(text) or (
            text.isupper() and len(letters) <= 3 and not any(ch.isdigit() for ch in text)) or (
            " " in text and last.isalpha() and not is_name_like(last)):
        return False  # (a short acronym with a version is a model's: "ESM-2", "T5")
    return any(_model_word(w) for w in text.split()) or (
        c.end - c.start == 1 and text[:1].isupper() and tokens.adjective_piece_at(toks, c.end)
        and toks.lower[c.end + 1] in _LIKE_PIECES)


def name_before_weak_head(toks: tokens.Tokens, cands: list[Candidate], title_end: int
                          ) -> list[Candidate]:
    """Read "Stable Diffusion model" as "Stable Diffusion" when that is a name the doc or the
    gazetteer knows: a name followed by a vague head (model, framework, network ...) is
    that name. Names: gazetteer hits, what the title names, abbreviation definitions and
    capitalised word runs (these only as written, with their capitals)."""
    # a task is no name: "Text-to-video models" are models, not the task text-to-video
    known = {(c.start, c.end) for c in cands
             if c.source == "gazetteer" and c.label is not EntityType.TASK}
    # a capitalised name may start before the term ("the popular Stable | Diffusion model":
    # "Stable" stopped the term rule): the term is that name and its vague head
    name_ends = {c.end: c.start for c in cands if c.source == "name" and c.end - c.start > 1}
    names = {tokens.span_text(toks, c.start, c.end).lower() for c in cands
             if c.label is not EntityType.TASK and (
                 c.source in ("gazetteer", "abbreviation") or toks.idx[c.start] < title_end)}
    # a capitalised run inside the abstract ("Stable Diffusion") names only what is written
    # with its capitals: "the latent diffusion model" is no "Latent Diffusion ... Network"
    runs = {tokens.span_text(toks, c.start, c.end) for c in cands
            if c.source == "name" and c.end - c.start > 1}
    out, cut = [], []
    for c in cands:
        # (but a common noun's encoder or decoder is a part of its own: "a transformer
        # decoder" is no transformer)
        if (c.source == "term" and c.end - c.start > 1
                and singular(toks.lower[c.end - 1]) in WEAK_HEADS and not (
                    toks.lower[c.end - 1] in _PARTS
                    and all(toks.text[k].islower() for k in range(c.start, c.end)))):
            if (c.start, c.end - 1) in known or name_ends.get(c.end - 1, c.start) < c.start:
                continue
            name = tokens.span_text(toks, c.start, c.end - 1)
            if name.lower() in names or name in runs:
                cut.append((c.start, c.end))
                c = replace(c, end=c.end - 1)
        out.append(c)
    # "binary latent diffusion | model": no other reading that overlaps the phrase and is not
    # inside the name ("latent diffusion model") competes with it
    return [c for c in out if not any(
        c.start < b and c.end > a and not (a <= c.start and c.end <= b - 1) for a, b in cut)]


_PARTS = frozenset("encoder decoder".split())


def model_versions(toks: tokens.Tokens, cands: list[Candidate],
                   families: frozenset[str] = frozenset()) -> list[Candidate]:
    """Extend a gazetteer model over the version and tier written after it: "Gemini 1.5 Pro",
    "Claude 3.5 Sonnet", "Llama 3 70B", "GPT-4o mini" name that model, an entity of its own
    (so two versions in one paper stay apart), not the family the gazetteer lists; unless
    the entry is one of ``families``, which list their versions as aliases ("Stable
    Diffusion 2.1" stays Stable Diffusion, as "SD V2.1" does).

    A version is a number with a point or a "v" ("1.5", "v2"), or a whole number followed
    by a tier or a size ("3 70B"); tiers are :data:`MODEL_TIERS`, sizes "70B", "8x7B".
    """
    out = []
    known = {c.start for c in cands if c.source == "gazetteer"}
    for c in cands:
        end = c.end
        if c.source == "gazetteer" and c.label is EntityType.METHOD:
            start, end = _glued_word(toks, c.start, c.end)
            if (start, end) != (c.start, c.end):  # "Clinical-Longformer", "Chronos-Bolt"
                bench = tokens.names_a_benchmark(tokens.span_text(toks, start, end))
                out.append(replace(c, start=start, end=end, kb_id="", source="name",
                                   label=EntityType.DATASET if bench else c.label))
                continue
            end = _version_end(toks, c.end)
            if end == c.end and c.kb_id in families:
                end = _bare_version_end(toks, c.end)  # "AlphaFold 2,": a family's version
            elif end == c.end and toks.text[c.start][:1].isupper() and end < len(toks.text) and (
                    toks.text[end].isdigit() and len(toks.text[end]) <= 2):
                end = _name_version_end(toks, end)  # "VALL-E 2, NaturalSpeech 3 and ...":
                # another model (not "DDIM 50 steps"; a point or year would be a setting)
        elif c.source == "name" and c.start not in known or (  # "CoVoST 2", "Llama Guard 3 and"
                c.source == "gazetteer" and c.label is EntityType.DATASET):  # "AlpacaEval 2,"
            end = _name_version_end(toks, c.end)  # (a known name has its entry)
        out.append(c if end == c.end else replace(
            c, end=end, kb_id=c.kb_id if c.kb_id in families else ""))
    return out


def _name_version_end(toks: tokens.Tokens, i: int) -> int:
    """Return where a name's version written from token ``i`` ends: a bare version
    (:func:`_bare_version_end`) or a one-digit one (:func:`_one_digit_version`: "PaliGemma 2
    vision-language backbone", "Veo 3 in 38%", "On RewardBench 2 the ...")."""
    end = _bare_version_end(toks, i)
    return end + 1 if end == i < len(toks.text) and _one_digit_version(toks, i) else end


def _one_digit_version(toks: tokens.Tokens, i: int) -> bool:
    """Return True when token ``i`` is a digit 2-9 written after a model's name and before a
    word that counts nothing (no plural: "Llama 3 times", "DDIM 4 steps" count) and not
    glued to a hyphen ("Fine-Tuning 4-Bit Models": a width)."""
    text = toks.text
    return (text[i] in _VERSION_DIGITS and toks.ws[i - 1] == 1 and i + 1 < len(text)
            and not toks.sent_start[i + 1] and not tokens.plural_word(text[i + 1])
            and not (text[i + 1] == "-" and not toks.ws[i]))  # "Fine-Tuning 4-Bit Models"


_VERSION_DIGITS = frozenset("23456789")


def _glued_word(toks: tokens.Tokens, start: int, end: int) -> tuple[int, int]:
    """Return the span of the word a known name is part of when a hyphen glues it to a
    capitalised piece ("Clinical-Longformer", "Chronos-Bolt", "ViT-H"): that word names
    another model. A lower-case piece ("BERT-based"), an adjective's ("LLM-Generated",
    "CLIP-Guided") or a version ("Llama-3",
    see :func:`_version_end`) leaves the name as it is."""
    text, ws, n = toks.text, toks.ws, len(toks.text)
    if (start > 1 and text[start - 1] == "-" and not ws[start - 1] and not ws[start - 2]
            and text[start - 2][:1].isupper() and text[start - 2].isalnum()):
        start -= 2
    if (end + 1 < n and text[end] == "-" and not ws[end - 1] and not ws[end]
            and text[end + 1][:1].isupper() and text[end + 1].isalpha()
            and not tokens.adjective_piece_at(toks, end)):  # "LLM-Generated"
        end += 2
    return start, end


def _version_end(toks: tokens.Tokens, i: int) -> int:
    """Return where a model's version and tiers written from token ``i`` end (``i``: none)."""
    text, n = toks.text, len(toks.text)

    def tier(k: int) -> bool:
        return k < n and toks.ws[k - 1] == 1 and (
            toks.lower[k] in MODEL_TIERS or text[k] in _CAPITAL_TIERS
            or bool(_SIZE.fullmatch(text[k])))
        # "Gemini Pro Vision", "Llama 3.2 11B Vision", "GPT-2 XL" ("CLIP vision encoder":
        # no tier)

    j = i
    if i < n and toks.ws[i - 1] == 1 and _VERSION.fullmatch(text[i]) and (
            "." in text[i] or text[i][0] in "vV" or tier(i + 1)):
        j = i + 1
    while tier(j):
        j += 1
    if j < n and toks.ws[j - 1] == 1 and toks.lower[j] in _SIZE_WORDS:
        if (j + 2 < n and text[j + 1] == "-" and not toks.ws[j] and not toks.ws[j + 1]
                and _VERSION.fullmatch(text[j + 2])):
            j += 3  # "Whisper large-v3"
        elif j + 1 == n or text[j + 1] in _AFTER_A_VERSION or toks.lower[j + 1] in _SIZED:
            j += 1  # "offline Whisper small,", "a BERT base model" (not "GPT-4 large language")
    return j


_SIZE_WORDS = frozenset("tiny base small medium large".split())
_CAPITAL_TIERS = frozenset("Vision XL XXL".split())
_SIZED = frozenset("model models checkpoint checkpoints variant variants version".split())


def _bare_version_end(toks: tokens.Tokens, i: int) -> int:
    """Return where a name's version number written from token ``i`` ends when it starts
    with "v" ("Metric3D v2 produces"), is a one-digit point version ("HMR 2.0 with") or a
    year ("ASVspoof 2019 LA"), or nothing but punctuation or a conjunction follows it:
    "CoVoST 2 and MuST-C", "NaturalSpeech 3,", "DIHARD III," (``i``: no version; "BERT 3
    times" has none)."""
    text, n = toks.text, len(toks.text)
    if i < n and toks.ws[i - 1] == 1 and (_VERSION.fullmatch(text[i]) or text[i] in _ROMAN) and (
            text[i][0] in "vV" or _POINT_VERSION.fullmatch(text[i]) or YEAR.fullmatch(text[i])
            or (text[i] in _ROMAN or "." not in text[i])  # not a score: "on ShanghaiTech 98.1,"
            and (i + 1 == n or text[i + 1] in _AFTER_A_VERSION)):
        return i + 1  # "Metric3D v2 produces ...": a "v" says version whatever follows
    return i


_ROMAN = frozenset("II III IV".split())  # "DIHARD III,"
_POINT_VERSION = re.compile(r"\d\.\d{1,2}")  # "HMR 2.0 with", not a score: "X 84.6"


_AFTER_A_VERSION = frozenset(", . ; : ) and or".split())


MODEL_TIERS = frozenset("""
pro flash ultra nano mini sonnet opus haiku turbo instruct chat lite plus max omni preview
""".split())
_VERSION = re.compile(r"[vV]?\d+(?:\.\d+)*")
_SIZE = re.compile(r"(?:\d+x)?\d+(?:\.\d+)?[BbMm]")


def known_task_before_of(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Drop a task "X of Y" whose X ends a longer gazetteer task: "Semantic segmentation of
    satellite images" names semantic segmentation (of that data), not "satellite image
    segmentation"."""
    known = {c.end: c.start for c in cands
             if c.source == "gazetteer" and c.label is EntityType.TASK}
    if not known:
        return cands
    return [c for c in cands if not (
        c.source == "term" and c.label is EntityType.TASK and c.end - c.start > 2
        and toks.lower[c.start + 1] == "of" and known.get(c.start + 1, c.start) < c.start)]


def known_tail_types_a_term(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Give a head-noun term the type of the gazetteer method it ends with: "discrete flow
    matching" is a kind of flow matching, a method, though "matching" heads tasks. (Not a
    title's verb and its object: "Compressing Diffusion Transformers" is a task.) Likewise
    a method term ending with a known task is that task ("rehearsal-free class-incremental
    learning"), and a name ending with a known dataset is data ("Continual Google
    Landmarks")."""
    known: dict[EntityType, dict[int, int]] = {t: {} for t in EntityType}
    for c in cands:
        if c.source == "gazetteer":
            known[c.label][c.end] = c.start
    tails, tasks, data = (known[EntityType.METHOD], known[EntityType.TASK],
                          known[EntityType.DATASET])
    if not tails and not tasks and not data:
        return cands
    return [replace(c, label=EntityType.METHOD) if c.source in WEAK_SOURCES
            and c.label is EntityType.TASK and c.start < tails.get(c.end, -1)
            and toks.lower[c.start] not in TASK_VERBS else
            replace(c, label=EntityType.TASK) if c.source == "term"
            and c.label is EntityType.METHOD and c.start < tasks.get(c.end, -1) else
            replace(c, label=EntityType.DATASET) if c.source == "name"
            and c.label is EntityType.METHOD and c.start < data.get(c.end, -1) else c
            for c in cands]


def known_names_stand(cands: list[Candidate]) -> list[Candidate]:
    """Drop the rule readings that a gazetteer name shows wrong (the gazetteer's spans are
    gathered once for both tests):

    - a head-noun term that starts or ends inside a gazetteer name: in "the Segment Anything
      Model define object-level masks" the term "Model define object-level masks" cuts the
      name; the name stands, the cut term goes (longer, it would win the overlap);
    - a reading that is exactly a gazetteer dataset and a gazetteer task after it: "the
      Spider text-to-SQL benchmark" names the dataset Spider and the task text-to-SQL, not
      a dataset "Spider text-to-SQL". (A task and a method stay one term: a "text-to-image
      diffusion model" is a kind of model.)
    """
    known = [c for c in cands if c.source == "gazetteer"]
    if not known:
        return cands
    spans = [(c.start, c.end) for c in known]
    data = {c.start: c.end for c in known if c.label is EntityType.DATASET}
    tasks = {(c.start, c.end) for c in known if c.label is EntityType.TASK}
    return [c for c in cands if c.source in ("gazetteer", "abbreviation", "title") or not (
        c.source == "term" and any(a < c.start < b < c.end or c.start < a < c.end < b
                                   for a, b in spans)
        or (data.get(c.start, -1), c.end) in tasks)]


def slashed_names(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Drop a reading of names written with a slash between them when the gazetteer knows
    every one, of one type: "PSNR/SSIM", "FID/IS" report two metrics each. A slash inside
    a name the gazetteer does not split stays one name ("ETH/UCY", "ViT-B/16")."""
    known = {(c.start, c.end): c.label for c in cands if c.source == "gazetteer"}
    if not known or "/" not in toks.text:
        return cands
    return [c for c in cands if not (c.source != "gazetteer" and c.end - c.start > 2
                                     and "/" in toks.text[c.start:c.end]
                                     and _known_parts(toks, c, known))]


def _known_parts(toks: tokens.Tokens, c: Candidate,
                 known: dict[tuple[int, int], EntityType]) -> bool:
    """Return True when the slashes split ``c`` into gazetteer names of one type."""
    labels, start = set(), c.start
    for k in [*(i for i in range(c.start, c.end) if toks.text[i] == "/"), c.end]:
        label = known.get((start, k))
        if label is None:
            return False
        labels.add(label)
        start = k + 1
    return len(labels) == 1


def no_term_across_a_dataset(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Drop a head-noun term that holds a gazetteer dataset before its last word:
    "class-conditional ImageNet 256x256 generation" and "CIFAR-10 classification" name the
    dataset, not a task of that name (a term that ends with the dataset is another rule's).
    A term the dataset opens keeps its words after it when two or more are left:
    "MoleculeNet property prediction tasks" names the dataset and property prediction. A
    capitalised gazetteer method and one task word after it name the method: "with BM25
    retrieval"."""
    inside = [(c.start, c.end) for c in cands
              if c.source == "gazetteer" and c.label is EntityType.DATASET]
    # so does a capitalised known method and one task word: "with BM25 retrieval" uses BM25
    used = {(c.start, c.end + 1) for c in cands if c.source == "gazetteer"
            and c.label is EntityType.METHOD and not toks.text[c.start][:1].islower()}
    if not inside and not used:
        return cands
    out = []
    for c in cands:
        if c.source == "term" and c.label is EntityType.TASK and (c.start, c.end) in used:
            continue
        held = [(a, b) for a, b in inside if c.start <= a and b < c.end] if (
            c.source == "term") else []
        if not held:
            out.append(c)
        elif len(held) == 1 and held[0][0] == c.start and c.label is EntityType.TASK:
            start = held[0][1]
            while start < c.end and toks.text[start][:1].isdigit():
                start += 1  # "ImageNet 256x256 | class-conditional generation"
            if c.end - start >= 2:
                out.append(replace(c, start=start))  # "MoleculeNet | property prediction"
    return out


def supported(cands: list[Candidate]) -> list[Candidate]:
    """Keep a weak rule candidate (head-noun term, name-like word) only where an NER entity
    has its exact boundaries: the trained model places term boundaries better than the
    head-noun rule ("create | sequential models").

    Measured with the shipped model: SciERC dev span F1 0.601 (when any overlapping NER
    entity was support enough) -> 0.613; Daily Papers dev gold 0.509 -> 0.498.
    """
    ner = {(c.start, c.end) for c in cands if c.source == "ner"}
    return [c for c in cands if c.source not in WEAK_SOURCES or (c.start, c.end) in ner]


def covering(start: int, end: int, cands: list[Candidate]) -> Candidate | None:
    """Return the longest candidate that ends at token ``end`` and contains ``start:end``."""
    hits = [c for c in cands if c.end == end and c.start <= start]
    return max(hits, key=lambda c: (c.end - c.start, PRIORITY[c.source]), default=None)


def select(toks: tokens.Tokens, cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: longest first, then by source priority; no generic
    word, except a kind of model part or output the trained model marks ("the decoder")."""
    taken = bytearray(len(toks.text))
    kept: list[Candidate] = []
    proposed = {(c.start, c.end) for c in cands if c.proposed}
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -PRIORITY[c.source], c.start)):
        if any(taken[c.start:c.end]):
            continue
        if generic(tokens.span_text(toks, c.start, c.end), c.source == "ner"):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        if not c.proposed and (c.start, c.end) in proposed:
            c = replace(c, proposed=True)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def cue_typed_tasks(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Type every method term of the doc written like one its context calls a problem
    ("the problem of posterior sampling") as that task: the title's "... for Discrete
    Diffusion Posterior Sampling" names the same task."""
    names = {tokens.span_text(toks, f.start, f.end).lower() for f in kept if f.source == "task-cue"}
    return _retype(toks, kept, names, EntityType.METHOD, EntityType.TASK,
                   sources=("term", "name"))


def title_means_are_methods(toks: tokens.Tokens, kept: list[Candidate], title_end: int
                            ) -> list[Candidate]:
    """Type as a method, in the whole doc, a task-headed term a title names as its means:
    "... Classification with Conformal Prediction", "... via Next-Scale Prediction", also
    after another means and "and" ("... with Protein Language Models and Reaction
    Retrieval")."""
    names = {tokens.span_text(toks, c.start, c.end).lower() for c in kept
             if c.source == "term" and c.label is EntityType.TASK and c.start > 0 and (
                 toks.idx[c.start] < title_end and (
                     toks.lower[c.start - 1] in _MEANS or _second_means(toks, c.start))
                 or _done_with(toks, c.start))}
    return _retype(toks, kept, names, EntityType.TASK, EntityType.METHOD, sources=("term",))


def _done_with(toks: tokens.Tokens, start: int) -> bool:
    """Return True when an abstract's term at ``start`` is what something is done with:
    "estimated from a video with | differentiable simulation", "via | X", "using | X"."""
    before = toks.lower[start - 1]
    return before in ("via", "using", "through") or (
        before == "with" and start > 1 and toks.lower[start - 2].endswith("ed"))


_MEANS = frozenset("with via using through by".split())


def _second_means(toks: tokens.Tokens, start: int) -> bool:
    """Return True when "and" before ``start`` joins it to a means a few words back, with
    only words between: "with Retrieval and | Iterative Repair", "with Protein Language
    Models and | Reaction Retrieval"."""
    if toks.lower[start - 1] != "and":
        return False
    for j in range(start - 2, max(-1, start - 7), -1):
        if toks.lower[j] in _MEANS:
            return True
        if not toks.text[j][:1].isalnum():
            return False
    return False


def proposed_tasks_are_methods(toks: tokens.Tokens, kept: list[Candidate]) -> list[Candidate]:
    """Retype what a paper proposes under a task-like name as a method, in the whole doc.

    Papers propose methods (and datasets) far more than tasks: "We propose Active Diffusion
    Subsampling (ADS), a method for ..." names a method after what it does. Every mention
    with that text, and every use of its abbreviation, becomes a method. A task before a
    data noun says what the proposed data is for: "we introduce a visual grounding
    dataset" proposes no method "visual grounding".
    """
    names = {tokens.span_text(toks, f.start, f.end).lower() for f in kept
             if f.proposed and f.label is EntityType.TASK and not posed_as_task(toks, f.start)
             and not (f.end < len(toks.lower) and toks.lower[f.end] in DATASET_HEADS)}
    if names:  # a task the doc poses stays one wherever its name or short form recurs
        posed = {tokens.span_text(toks, f.start, f.end).lower() for f in kept
                 if f.label is EntityType.TASK and posed_as_task(toks, f.start)}
        posed |= {tokens.span_text(toks, f.start, f.end).lower() for f in kept
                  if f.long_form and f.long_form.lower() in posed}
        names -= posed
    return _retype(toks, kept, names, EntityType.TASK, EntityType.METHOD, long_forms=True)


def posed_as_task(toks: tokens.Tokens, start: int) -> bool:
    """Return True when the sentence proposes a task under the name at ``start``: "We
    propose the task of free-form Visual Question Answering (VQA)", "We introduce a new
    task, Quill Route Forecasting": "task" or "problem" after the sentence's last proposing
    word."""
    k = start - 1
    while k >= 0 and not toks.sent_start[k + 1] and (
            toks.lower[k] not in PROPOSE_CUES or toks.lower[k] in NAMING_CUES):
        k -= 1  # "we present a new task, termed X": "termed" names what "present" proposes
    return k >= 0 and toks.lower[k] in PROPOSE_CUES and any(
        w in _POSED for w in toks.lower[k:start])


_POSED = frozenset("task tasks problem problems".split())


def _retype(toks: tokens.Tokens, kept: list[Candidate], names: set[str], old: EntityType,
            new: EntityType, *, sources: tuple[str, ...] = (), long_forms: bool = False
            ) -> list[Candidate]:
    """Give label ``new`` to every ``old`` candidate whose text (or, with ``long_forms``,
    whose abbreviation's long form) is one of ``names``, from ``sources`` only if given."""
    if not names:
        return kept
    return [replace(f, label=new) if f.label is old and (not sources or f.source in sources)
            and (tokens.span_text(toks, f.start, f.end).lower() in names
                 or long_forms and f.long_form.lower() in names) else f for f in kept]


@lru_cache(maxsize=1 << 16)
def generic(text: str, by_model: bool = False) -> bool:
    """Return True for a word kg never keeps on its own ("method", "models"); one the
    trained model marks (``by_model``) may be a kind of model part or output ("decoder")."""
    low = text.lower()
    word = singular(low)
    if low not in GENERIC_WORDS and word not in GENERIC_WORDS:
        return False
    return not (by_model and word in MODEL_KIND_WORDS)
