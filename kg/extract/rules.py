"""Rule-based candidate finding: terms by head noun, names, lists, cues.

The functions here read a doc's token facts and word units (:mod:`kg.extract.tokens`) and
return plain :class:`Candidate` records; the spaCy components in
:mod:`kg.extract.components` call them. No part-of-speech tagger is needed: word units are
split into runs at stop words, punctuation and :data:`~kg.extract.lexicon.BREAK_WORDS`, and
a run whose last unit is a head noun becomes a typed candidate. Compiled with mypyc
(``setup.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from kg.extract.lexicon import (
    AMBIGUOUS_HEADS, ARTICLES, BREAK_WORDS, DATASET_CUES, DATASET_HEADS, NAMING_CUES,
    OF_TASK_HEADS, PROPOSE_CUES, TASK_CUES_AFTER, TASK_CUES_BEFORE, TASK_VERBS, WEAK_HEADS,
)
from kg.extract.tokens import (
    Tokens, Units, adjective_word, head_type, is_name, names_a_benchmark, never_a_name,
    plural_word, runs, span_text, units,
)
from kg.normalize import is_acronym, singular
from kg.types import EntityType

MAX_TERM_UNITS = 5
_LIST_CUES = ("such as", "including", "like", "e.g.", "namely")
_CUE_STARTS = frozenset({c.split()[0] for c in _LIST_CUES} | {"(", ","})


@dataclass(frozen=True)
class Candidate:
    """A span (token offsets) that may name an entity: what the rules find, and what the
    resolver weighs them against (gazetteer hits, abbreviations, NER entities)."""

    start: int
    end: int
    label: EntityType
    # rules: term | name | list | dataset-cue | task-cue | title | coordination | head;
    # resolver: gazetteer | abbreviation | ner
    source: str
    proposed: bool = False
    # an elliptic conjunct's whole ("conditional" -> "... generation"), an abbreviation's
    # long form
    long_form: str = ""
    kb_id: str = ""  # the gazetteer entry of a gazetteer hit


def candidates(toks: Tokens, title_end: int = 0) -> list[Candidate]:
    """Return the term, name and list candidates of a doc, each marked when proposed.

    ``title_end``: the character offset where the abstract starts (0: no title), as the
    title's capitals say nothing about names.
    """
    u = units(toks)
    found = [c for c in map(lambda run: term_candidate(toks, u, run), runs(u))
             if c and not ends_with_a_verb(toks, c)]
    found.extend(benchmark_tasks(toks, u, found))
    found.extend(coordination_candidates(toks, u, found, title_end))
    found.extend(name_candidates(toks, u))
    found.extend(capitalised_candidates(toks, u, title_end))
    found.extend(capitalised_names(toks, u, title_end))
    found.extend(possessive_candidates(toks, u))
    found.extend(list_candidates(toks, u, found))
    found.extend(named_task_candidates(toks, u))
    found.extend(of_phrase_tasks(toks, u))
    found.extend(title_verb_tasks(toks, u, title_end))
    found = [replace(c, label=EntityType.TASK, source="task-cue") if c.source == "term"
             and c.label is EntityType.METHOD and task_context(toks, c) else
             replace(c, label=EntityType.METHOD) if c.source == "term"
             and c.label is EntityType.TASK and trained_with(toks, c.start) else
             replace(c, start=c.start - 1) if c.source == "term" and c.label is EntityType.TASK
             and automated(toks, c.start) else
             # "audio representation learning" is a task (a field's goal)
             replace(c, label=EntityType.TASK) if c.source == "term" and c.end - c.start > 2
             and toks.lower[c.end - 2:c.end] == ["representation", "learning"] else c
             for c in found]
    return [replace(c, proposed=True) if not c.proposed and c.source != "coordination"
            and proposed_after_cue(toks, c) else c for c in found]


def benchmark_tasks(toks: Tokens, u: Units, found: list[Candidate]) -> Iterator[Candidate]:
    """Yield the task a named benchmark is said to test, in the lower-case words between
    its name and the data noun: "the MS-CXR | phrase grounding | benchmark" (two words or
    more, the last a task head, as for an unnamed "zero-shot language modeling benchmark";
    "the ACDC cardiac dataset" names no task)."""
    cues = [c for c in found if c.source == "dataset-cue"]
    if not cues:
        return  # most docs: no unit index to build
    first = {a: k for k, (a, _) in enumerate(u.spans)}
    for c in cues:
        k = first.get(c.end)
        if k is None:
            continue
        j = k
        while j < len(u.text) and not u.sent_start[j] and _describes(u.text[j]) and (
                not u.info[j].brk and u.info[j].head is not EntityType.DATASET):
            j += 1
        if (j - k >= 2 and j < len(u.text) and u.info[j].head is EntityType.DATASET
                and u.info[j - 1].head is EntityType.TASK):
            yield Candidate(u.spans[k][0], u.spans[j - 1][1], EntityType.TASK, "term")


def _describes(word: str) -> bool:
    """Return True for a word after a dataset's name that says what the data is about, not
    part of the name: lower-case ("cardiac", "text-to-SQL") or a dimension ("3D")."""
    return word[:1].islower() or word in _DIMENSIONS


_DIMENSIONS = frozenset("2D 3D 4D".split())


def _by_a_method(word: str) -> bool:
    """Return True for "X-based" where X is a kind of method or a name ("transformer-based",
    "diffusion-based", "LLM-based"), not what the task works from ("structure-based",
    "instruction-based")."""
    stem = word[:-6] if word.lower().endswith("-based") else ""
    return bool(stem) and (head_type(stem) is EntityType.METHOD or is_name(stem))


def ends_with_a_verb(toks: Tokens, cand: Candidate) -> bool:
    """Return True when a term's last word is a verb's "-s" form: a clause's subject
    followed by a word that starts an object or a complement ("that CPD transfers | to a
    real robot", "Route verification scales | to long proofs")."""
    last, before = toks.text[cand.end - 1], cand.start - 1
    return (cand.end - cand.start > 1 and cand.end < len(toks.text) and _s_form(last)
            and toks.lower[cand.end] in _OBJECT_STARTS
            and (before < 0 or toks.sent_start[cand.start] or toks.lower[before] in _CLAUSE_STARTS
                 or toks.lower[before] in ARTICLES and (  # "A pedal head models | the pedal"
                     toks.sent_start[before] or toks.lower[before - 1] in _CLAUSE_STARTS)))


def _s_form(word: str) -> bool:
    """Return True for a lower-case word that may be a verb's "-s" form ("transfers",
    "models"; not "loss")."""
    return len(word) > 3 and word.islower() and word.endswith("s") and not word.endswith("ss")


_OBJECT_STARTS = frozenset("to the a an its their our well poorly across into beyond".split())
_CLAUSE_STARTS = frozenset(", ; that which and while where when whereas because".split())


def automated(toks: Tokens, start: int) -> bool:
    """Return True when "automated" comes right before a task term: "Automated audio
    captioning" names the task (elsewhere the word only praises: "an automated pipeline",
    a break word)."""
    return start > 0 and toks.lower[start - 1] == "automated" and not toks.sent_start[start]


def trained_with(toks: Tokens, start: int) -> bool:
    """Return True when what starts at token ``start`` is what a model is trained with:
    "pretrained with masked atom modeling", "fine-tuned via next-token prediction" name
    objectives, methods, though their heads name tasks."""
    return start > 1 and toks.lower[start - 1] in _TRAINING_MEANS and (
        toks.lower[start - 2] in _TRAINED)


_TRAINING_MEANS = frozenset("with via using by through".split())
_TRAINED = frozenset("""
trained pretrained pre-trained fine-tuned finetuned tuned optimized optimised supervised learned
""".split())


def task_context(toks: Tokens, cand: Candidate) -> bool:
    """Return True when a term whose head can name a method or a problem ("sampling",
    "optimization") stands where a problem is named: "the problem of posterior sampling",
    "approaches to discrete diffusion posterior sampling", "a conditional sampling problem"."""
    if singular(toks.lower[cand.end - 1].rsplit("-", 1)[-1]) not in AMBIGUOUS_HEADS:
        return False
    if cand.end < len(toks.lower) and toks.lower[cand.end] in TASK_CUES_AFTER:
        return True
    before = cand.start - 2
    return (before >= 0 and not toks.sent_start[cand.start] and not toks.sent_start[before + 1]
            and (toks.lower[before], toks.lower[before + 1]) in TASK_CUES_BEFORE)


def named_task_candidates(toks: Tokens, u: Units) -> Iterator[Candidate]:
    """Yield the one word a task or problem is called by: an "X-to-Y" compound or a task
    head right before "task(s)"/"problem(s)" ("the standard text-to-image task", "a
    classification task"); adjectives there ("downstream", "real-world", "zero-shot") name
    nothing."""
    for k in range(len(u.text) - 1):
        a, b = u.spans[k + 1]
        if b - a > 1 or toks.lower[a] not in TASK_CUES_AFTER or u.sent_start[k + 1]:
            continue
        word, info = u.text[k], u.info[k]
        if info.brk or info.name or not word.islower():
            continue
        if "-to-" in word or info.head is EntityType.TASK:  # not "real-world", "zero-shot"
            yield Candidate(u.spans[k][0], u.spans[k][1], EntityType.TASK, "task-cue")


MAX_OF_OBJECT_UNITS = 4


def of_phrase_tasks(toks: Tokens, u: Units) -> Iterator[Candidate]:
    """Yield tasks named by a task noun (:data:`~kg.extract.lexicon.OF_TASK_HEADS`) and what
    it acts on: "estimation of diffusion coefficients", "segmentation of the left ventricle"
    (linking reads them as "diffusion coefficient estimation", "left ventricle
    segmentation": ``kg.link``).

    The object is two to four content words that end at a plural, a break or the sentence's
    end; its last word heads no term and is no participle ("generation of the diffusion
    model", "estimation of word significance oriented ..." are none). A name, or a capital
    after a lower-case noun, inside it means the phrase goes on: "estimation of continuous
    density hidden | Markov models" is none.
    """
    text, info = u.text, u.info
    n = len(text)
    for k in range(n - 3):
        if text[k + 1].lower() != "of" or text[k].lower() not in OF_TASK_HEADS:
            continue
        j = k + 2
        if text[j].lower() in ARTICLES:
            j += 1
        titled = not text[k].islower()  # "Estimation of Diffusion Coefficients" in a title
        end, closed = j, False
        while end < n and end - j < MAX_OF_OBJECT_UNITS:
            if info[end].brk or u.sent_start[end]:
                closed = True
                break
            if info[end].name or not (titled or text[end].islower()):
                break  # "the segmentation of | Stable Diffusion features" goes on
            end += 1
            if info[end - 1].plural or info[end - 1].ends_phrase:
                closed = True
                break
        closed = closed or end == n
        last = text[end - 1].lower()
        if (not closed or end - j < 2 or info[end - 1].head is not None or last.endswith("ed")
                or end < n and text[end].lower() in ("and", "or")):
            continue
        # one noun or adjective before the task noun is the task's: "Structure | Prediction
        # of Protein Complexes" is protein complex structure prediction; not a word saying
        # how ("Feed-Forward", "Text-Driven", "Weakly Supervised", "Promptable")
        start = k - 1 if (k and not u.sent_start[k] and not info[k - 1].brk
                          and not info[k - 1].name and info[k - 1].head is None
                          and (titled or text[k - 1].islower())
                          and _task_modifier(text[k - 1])
                          and not (k > 1 and text[k - 2].lower().endswith("ly"))) else k
        if start < k and singular(text[start].lower()) == singular(last):
            continue  # "object detection of oriented objects" names object detection
        yield Candidate(u.spans[start][0], u.spans[end - 1][1], EntityType.TASK, "term")


def _task_modifier(word: str) -> bool:
    """Return True for a word that can say which task a task noun names ("structure",
    "semantic"), not how it is done ("feed-forward", "promptable", "supervised")."""
    low = word.lower()
    return (low.isalpha() and not _manner(low)  # (a hyphenated word is no alpha)
            and not low.endswith(("able", "ed", "ing", "ly")))


MAX_TITLE_OBJECT_UNITS = 3
_TITLE_OBJECT_ENDS = frozenset("""
with by using via for in on from through to towards toward and or of at as under without
""".split())


def title_verb_tasks(toks: Tokens, u: Units, title_end: int) -> Iterator[Candidate]:
    """Yield the task a title names by what it does: a title, or its part after a "Name:"
    prefix, that starts with a verb of :data:`~kg.extract.lexicon.TASK_VERBS` and its object
    ("Accelerating Video Diffusion | with ...", "Name: Accelerate Diffusion Training | by
    ..."); linking reads them as "video diffusion acceleration"."""
    if not title_end:
        return
    colon = title_colon(toks, title_end)
    for start in [0] if colon is None else [0, colon + 1]:
        k = next((k for k in range(min(len(u.spans), 10)) if u.spans[k][0] == start), -1)
        if k < 0 or u.text[k].lower() not in TASK_VERBS or (
                k + 1 < len(u.text) and u.text[k + 1].lower() in ARTICLES):
            continue  # "Predicting the Original Appearance of ...": a thing, no task name
        # the object: up to a preposition, punctuation or the title's end ("Diffusion
        # Training"); a longer one is no noun phrase the rule can trust (read one word
        # past the limit to know)
        end = k + 1
        while (end < len(u.text) and end - (k + 1) <= MAX_TITLE_OBJECT_UNITS
               and u.text[end].lower() not in _TITLE_OBJECT_ENDS
               and any(c.isalnum() for c in u.text[end])
               and toks.idx[u.spans[end][0]] < title_end):
            end += 1
        # an object that is a task term already is done, not named anew: "Grounding |
        # Climate Question Answering" (but "Detecting Hallucinations" names a task)
        # nor is half a coordinated object: "Generating Present | and Absent Keyphrases"
        if 0 < end - (k + 1) <= MAX_TITLE_OBJECT_UNITS and (
                end - (k + 1) == 1 or u.info[end - 1].head is not EntityType.TASK) and not (
                end < len(u.text) and u.text[end].lower() in _CONJUNCTIONS):
            yield Candidate(u.spans[k][0], u.spans[end - 1][1], EntityType.TASK, "term")


def term_candidate(toks: Tokens, u: Units, run: list[int]) -> Candidate | None:
    """Return the typed candidate a run of units makes, or None."""
    info, spans = u.info, u.spans
    last = next((i for i in range(len(run) - 1, -1, -1) if info[run[i]].head), None)
    if last and _verb_transfers(toks, u, run[last]):
        run = run[:last]  # "the reward model | transfers to code generation", "X | transfer
        # zero-shot to ..."
        last = next((i for i in range(len(run) - 1, -1, -1) if info[run[i]].head), None)
    if last is None:
        return None
    # a gerund before a term is a verb ("Solving Diffusion ODEs"), and so is a lower-case
    # one before a capitalised name, even when it can head a term ("scaling Reinforcement
    # Learning")
    first = 0
    while first < last and (toks.lower[spans[run[first]][0]].endswith("ing") or (
            u.text[run[first]].lower() in _HYPHEN_GERUNDS)) and (
            u.text[run[first]].lower() not in _ADJECTIVE_INGS) and (
            info[run[first]].head is None
            or u.text[run[first]].islower() and u.text[run[first + 1]][:1].isupper()
            or _opening_verb(toks, u, run[first]) and last - first > 1
            or u.text[run[first]] == "learning" and last - first > 1  # "learning | aerial
            and info[run[last]].head is EntityType.TASK):  # navigation needs ...": a verb
        first += 1
    # a gerund after "for" or "by" with a plural term after it is a verb: "for pretraining |
    # language models" (not "for denoising diffusion": a gazetteer name, or a singular term)
    if (first < last and u.spans[run[first]][0] > 0 and u.text[run[first]].endswith("ing")
            and u.text[run[first]].islower()
            and (info[run[last]].plural or info[run[last]].ends_phrase)
            and toks.lower[u.spans[run[first]][0] - 1] in ("for", "by")):
        first += 1
    # the word after "we" or "they" is their verb ("We query | large language models")
    if first < last and _after_subject(toks, u.spans[run[first]][0]) and (
            u.text[run[first]].islower()):
        first += 1
    # and so is the word after a modal or "not" ("does not | hurt | text retrieval"), and
    # a participle after "has" ("has approached | diffusion models")
    if first < last and u.spans[run[first]][0] > 0 and u.text[run[first]].islower() and (
            toks.lower[u.spans[run[first]][0] - 1] in _MODALS
            or toks.lower[u.spans[run[first]][0] - 1] in _PERFECT
            and u.text[run[first]].endswith("ed")):
        first += 1
    run = run[first: last + 1][-MAX_TERM_UNITS:]
    # a name is capitalised throughout: lower-case words before a capitalised run that ends
    # the term are no part of it ("We scale | Route Learning", "text-guided | Stable Diffusion")
    lead = 0
    while lead < len(run) - 1 and u.text[run[lead]].islower() and all(
            info[k].capital for k in run[lead + 1:]):
        lead += 1
    run = run[lead:]
    # English modifiers are singular: a plural before the head ends a clause ("images lose
    # accuracy", "conditions Stable Diffusion"), so the term starts after the last one.
    # So does a possessive: "the teacher's | accuracy", "SAM 2's | memory attention" (but
    # "Wagner's method" names a method: a person's possessive stays); a plural's apostrophe
    # is a unit of its own (tokens.read_tokens), which ends the run: "the archives' | ..."
    plural = [i for i, k in enumerate(run[:-1]) if info[k].plural or (
        u.text[k].endswith(_POSSESSIVE) and not _person(u.text[k][:-2]))]
    run = run[plural[-1] + 1:] if plural else run
    if len(run) > 1 and u.text[run[0]] in _VERBS_AFTER_PLURAL and (plural or _subject_before(
            toks, spans[run[0]][0])):
        run = run[1:]  # "tools | chain | layout detection": a verb after its plural subject
    head = u.text[run[-1]]
    label = info[run[-1]].head
    assert label is not None  # the run ends at its last head
    start, end = spans[run[0]][0], spans[run[-1]][1]
    if run[0] > 0 and u.text[run[0] - 1].lower() in _TERM_ADVERBS and (
            u.text[run[0]].lower() in _SUPERVISIONS):
        start = spans[run[0] - 1][0]  # "weakly supervised semantic segmentation"
    mods = run[:-1]
    if label is EntityType.TASK and mods and info[run[-1]].ends_phrase:
        return None  # "82% of CoFlow designs", "AlphaFold Database predictions": outputs
    if label is EntityType.TASK and len(mods) > 1 and _by_a_method(u.text[mods[0]]):
        start, mods = spans[mods[1]][0], mods[1:]  # "Transformer-Based | Music Transcription":
        # the method a task is done by is no part of it ("structure-based drug design" is)
    if label is EntityType.DATASET:
        names = [k for k in mods if info[k].name]
        if names:
            # lower-case words after the name say what the data is about: "the ACDC
            # cardiac dataset" is ACDC
            after = mods[mods.index(names[-1]) + 1:]
            end = names[-1] if all(_describes(u.text[k]) for k in after) else mods[-1]
            before = mods[:mods.index(names[0])]  # "the multilingual | MuAViC benchmark"
            if before and all(u.text[k].islower() for k in before):
                start = spans[names[0]][0]
            return Candidate(start, spans[end][1], EntityType.DATASET, "dataset-cue")
        if len(mods) > 1 and info[mods[-1]].head is EntityType.TASK:
            # "zero-shot language modeling benchmarks": unnamed benchmarks of a task
            return Candidate(start, spans[mods[-1]][1], EntityType.TASK, "term")
        return None
    if label is EntityType.METRIC and len(mods) == 1 and info[mods[0]].name and (
            singular(head.lower()) == "score"):
        if head == "scores" and end < len(toks.text) and _scores_a_verb(toks.lower[end]):
            return None  # "DocTR-Lite scores 84.6 ANLS", "X scores each token": a verb
        if names_a_benchmark(u.text[mods[0]]):
            return None  # "HealthBench scores": the scores on a benchmark, not a metric
        return Candidate(start, spans[mods[0]][1], EntityType.METRIC, "term")  # "FID scores"
    if singular(head.lower()) == "rate" and (not mods or u.text[mods[-1]].lower() in _SET_RATES):
        return None  # a rate one sets is no score: "frame rate", "learning rate"
    if head.lower() in WEAK_HEADS or singular(head.lower()) in WEAK_HEADS:
        if not mods or any(u.text[k].lower() in _ROLES for k in mods):
            return None  # "student generator", "video teacher model": a part, not a method
        if len(mods) == 1 and (info[mods[0]].name or u.text[mods[0]].endswith("'s")):
            return (Candidate(start, end, label, "term")
                    if u.text[mods[0]].endswith("'s") else None)  # "DiT model" is just "DiT"
        if info[mods[-1]].name and not u.text[mods[-1]].isupper() and all(
                u.text[k].islower() or adjective_word(u.text[k])
                for k in mods[:-1]):
            return None  # "a self-supervised WavLM encoder" is WavLM, and so is "an
            # RL-trained WavLM encoder" ("TTS model" is no TTS)
    if not mods:
        return None  # a bare head ("segmentation", "modeling") is too vague on its own
    if head.lower() in ("agent", "agents") and len(mods) == 1 and info[mods[0]].name and (
            any(ch.isdigit() for ch in u.text[mods[0]]) or u.text[mods[0]] in _RL_ALGORITHMS):
        return None  # "a Llama-3.1-8B agent", "PPO agents": that model or algorithm at work
        # ("GUI agents", "LLM agents" stay: kinds of agent)
    if head.lower() in _PRODUCTION_HEADS and all(_manner(u.text[k]) for k in mods):
        return None  # "sample generation", "diffusion-based generative modeling": no object
    # masked modeling is a pretraining objective ("masked point modeling", "masked image
    # prediction"), not the task its head names
    if u.text[run[0]].lower() == "masked" and head.lower() in _MASKED_OBJECTIVES:
        return Candidate(start, end, EntityType.METHOD, "term")
    # a named model's inversion is a technique, as in the gazetteer ("DDIM inversion",
    # "Null-text inversion"); in title case ("Exact Diffusion Inversion") capitals say nothing
    if head == "inversion" and any(
            info[k].name or info[k].capital and not u.sent_start[k] for k in mods):
        label = EntityType.METHOD
    # a task's name after a percentage is what was measured: "58.7% native sequence recovery"
    if label is EntityType.TASK and start > 1 and toks.text[start - 1] == "%" and (
            NUMBER.fullmatch(toks.text[start - 2])):
        label = EntityType.METRIC
    return Candidate(start, end, label, "term")


def _scores_a_verb(after: str) -> bool:
    """Return True when the word after "<name> scores" makes "scores" a verb: a number, a
    determiner or a plural or participle object ("scores 84.6", "scores each frame",
    "scores cached tokens", "scores structures"); not a plural subject's verb ("FID scores
    remain", "BLEU scores improve")."""
    return bool(NUMBER.fullmatch(after)) or after in _SCORED_STARTS or after.isalpha() and (
        after.endswith(("ed", "s")) and not after.endswith("ss") and after not in _NOT_OBJECTS)


_NOT_OBJECTS = frozenset("was is has as does".split())


# adverbs (break words elsewhere) that start the names of kinds of supervision
_TERM_ADVERBS = frozenset("weakly fully".split())
_SUPERVISIONS = frozenset("supervised unsupervised self-supervised semi-supervised".split())

# rates one sets, no scores
_SET_RATES = frozenset("frame bit sampling learning dropout refresh interactive recording "
                       "masking mask".split())


def _verb_transfers(toks: Tokens, u: Units, k: int) -> bool:
    """Return True when unit ``k`` is "transfers" used as a verb: followed by a preposition
    of where to, or by an adverb ("the model transfers to ...", "... transfers partly to",
    "the same model transfers between cities", "knowledge transfers least", "the policy
    transfers zero-shot to ..."), or "transfer" followed by an adverb ("retrievers trained
    on English data transfer poorly")."""
    if u.text[k] not in _TRANSFER_FORMS:
        return False
    i = u.spans[k][1]
    after = toks.lower[i] if i < len(toks.text) else ""
    adverb = after in _TRANSFER_ADVERBS or after.endswith("ly")
    if u.text[k] in ("Transfer", "Transfers") and k > 0 and not u.sent_start[k]:
        # a title's verb agrees with its subject: "VLA Models Transfer Web Knowledge",
        # "Our Model Transfers ..." ("Knowledge Transfer", "Style Transfers": nouns); an
        # adverb after it makes it a verb whatever comes before ("Pretraining for Point
        # Clouds Transfers Poorly")
        return adverb or u.info[k - 1].head is not None and (
            plural_word(u.text[k - 1].lower()) == (u.text[k] == "Transfer"))
    if u.text[k] == "transfer":  # "knowledge transfer to X" is a noun: only an adverb tells
        return adverb
    return u.text[k] == "transfers" and (adverb or after in _AFTER_TRANSFERS)


_TRANSFER_FORMS = frozenset("transfer transfers Transfer Transfers".split())
_TRANSFER_ADVERBS = frozenset("least most well better best poorly zero".split())  # "zero-shot"
_AFTER_TRANSFERS = _TRANSFER_ADVERBS | frozenset("to between across from "
                                                 "without".split())


_MODALS = frozenset("not can cannot could may might must shall should will would n't".split())
_PERFECT = frozenset(("has", "have", "had"))

# nouns that are verbs after a plural ("systems chain speech recognition and ...",
# "retrievers match dual encoders"); verbs that are always break words (interleave, lack,
# boost) need no place here
_VERBS_AFTER_PLURAL = frozenset("chain stack pair fuse cascade couple cause hurt limit "
                                "repeat prompt match exceed trail design rank test store".split())


def _subject_before(toks: Tokens, i: int) -> bool:
    """Return True when the word before token ``i`` is a plural noun or an adverb in -ly
    ("systems usually | chain ..."), so a verb may follow."""
    if i == 0:
        return False
    word = toks.lower[i - 1]
    if word.endswith("ly") and i > 1:
        word = toks.lower[i - 2]
    return plural_word(word)

# -ing words that name a kind, not an action: "spiking neural networks", "sliding window
# attention", "bounding box regression", "referring video object segmentation"
_ADJECTIVE_INGS = frozenset("""
spiking sliding bounding moving floating spanning rolling referring binding singing streaming
""".split())


# gerunds that spaCy splits at their hyphen ("Fine-tuning | language models ..."; not
# "Post-Training Quantization", a name, or "red-teaming pipeline", a modifier); a compound
# whose first part is a gerund counts as one too ("training-free | Bayesian inference", as
# the dev gold reads it)
_HYPHEN_GERUNDS = frozenset("fine-tuning pre-training self-training".split())


def _person(word: str) -> bool:
    """Return True for a word written like a person's name: "Wagner", not "SAM 2" or "GPT-4"
    (whose possessive names a part of a model: "SAM 2's | memory attention")."""
    return word[:1].isupper() and word[1:].isalpha() and word[1:].islower()


def _opening_verb(toks: Tokens, u: Units, k: int) -> bool:
    """Return True for a capitalised gerund that opens a sentence or follows a title's
    colon: "OmniOcc: Scaling | 3D Occupancy Prediction ...", "Compressing | Diffusion
    Transformers ..." (the rest of the term must be two words or more)."""
    a = u.spans[k][0]
    return u.text[k][:1].isupper() and (u.sent_start[k] or a > 0 and toks.text[a - 1] == ":")


_MASKED_OBJECTIVES = frozenset("modeling modelling prediction reconstruction".split())
_SUBJECT_PRONOUNS = frozenset({"we", "they"})
# adverbs between a subject pronoun and its verb: "We then | cover ...", "we also | study"
_SUBJECT_ADVERBS = frozenset("then also further first next finally now thus therefore "
                             "additionally instead still again empirically".split())


def _after_subject(toks: Tokens, i: int) -> bool:
    """Return True when token ``i`` follows "we" or "they", or one of them and an adverb
    ("We query | ...", "We then cover | ..."), or "and then" ("..., and then | cover
    foundation models"): the word there is their verb."""
    return i > 0 and (toks.lower[i - 1] in _SUBJECT_PRONOUNS or i > 1 and toks.lower[
        i - 1] in _SUBJECT_ADVERBS and toks.lower[i - 2] in _SUBJECT_PRONOUNS
        or i > 1 and toks.lower[i - 1] == "then" and toks.lower[i - 2] == "and")


_ROLES = frozenset("teacher student teachers students base".split())


# A generation task is named by what it produces ("image generation", "text-to-video
# generation"), an acceleration by what it speeds up ("video diffusion acceleration");
# modifiers that only say how ("single-step", "diffusion-based", "generative", "test-time")
# leave a process, not a task.
_PRODUCTION_HEADS = frozenset("generation synthesis modeling modelling acceleration".split())
_MANNER_WORDS = frozenset("""
generative guided conditional unconditional sample samples diffusion generalizable
autoregressive auto-regressive iterative sequential parallel
""".split())
MANNER_SUFFIXES = ("-based", "-step", "-time", "-play", "-free", "-driven",
                   "-conditioned", "-aware")


def _manner(word: str) -> bool:
    low = word.lower()
    return low in _MANNER_WORDS or low.endswith(MANNER_SUFFIXES)


_MODALITIES = frozenset("image video text audio speech music 3d motion molecule protein graph "
                        "language code".split())
_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "ous", "ar", "ary", "ory", "ent", "ant", "ible", "able")


def coordination_candidates(toks: Tokens, u: Units, terms: list[Candidate], title_end: int = 0
                            ) -> Iterator[Candidate]:
    """Yield the elliptic conjuncts before a term: in "conditional and unconditional image
    generation" and "text-to-audio and audio-to-audio generation" each
    conjunct names the term's head with its own modifier, in a title too ("Video-to-Audio
    and Text-to-Audio Generation"). The candidate spans the conjunct's word; its
    ``long_form`` is the whole name it stands for.
    """
    for c in terms:
        k = bisect_left(u.spans, (c.start, c.start))
        if (c.source != "term" or k < 2 or k + 1 >= len(u.spans) or u.spans[k][0] != c.start
                or u.spans[k + 1][0] >= c.end or u.text[k - 1].lower() not in ("and", "or")):
            continue
        shared = span_text(toks, u.spans[k + 1][0], c.end)
        j = k - 1
        if j < 1 or u.text[j].lower() not in ("and", "or"):
            continue
        oxford = u.text[j - 1] == ","
        j -= 2 if oxford else 1
        if oxford and (j < 2 or u.text[j - 1] != ","):
            continue  # an Oxford comma ends a list of three or more: "is unstable, and auxiliary
            # load-balancing losses" is none
        titled = toks.idx[c.start] < title_end  # a title capitalises its words
        while j >= 0 and _conjunct(u, j, titled):
            yield Candidate(u.spans[j][0], u.spans[j][1], c.label, "coordination",
                            long_form=f"{u.text[j]} {shared}")
            if j < 2 or u.text[j - 1] != "," or u.sent_start[j]:
                break
            j -= 2


def _conjunct(u: Units, j: int, titled: bool = False) -> bool:
    """Return True for a modifier that can share a head: "text-to-image", "conditional"
    (``titled``: in a title, capitalised: "Video-to-Audio")."""
    word, info = u.text[j], u.info[j]
    alone = j == 0 or u.sent_start[j] or u.info[j - 1].brk  # not the end of a longer phrase
    low = word.lower() if titled and not info.name else word
    return (alone and low.islower() and not info.brk and info.head is None
            and not info.plural
            and ("-" in low or low in _MODALITIES or low.endswith(_ADJECTIVE_ENDINGS)))


def capitalised_candidates(toks: Tokens, u: Units, title_end: int = 0) -> Iterator[Candidate]:
    """Yield runs of two or more capitalised words inside a sentence ("Concept Sliders",
    "Faster Diffusion"): written as a name, so named, even with words the term rules stop at.
    Typed by the last word's head, else by form and context as a name-like word is."""
    n = len(u.info)
    leads = {k for k in range(n - 1) if _leads_a_name(u, k)}
    colon = title_colon(toks, title_end)
    proposed = span_text(toks, 0, colon) if colon else ""
    # the title's name starts a run of its own: "On MagnaTagATune | TagWave reaches ..."
    subjects = {k for k in range(1, n) if u.text[k] == proposed} if proposed else set()
    capitals = [k for k, info in enumerate(u.info) if (
        info.capital or k and _model_code(u, k) or k in leads or _capital_stop_word(u, k))
        and not u.sent_start[k] and toks.idx[u.spans[k][0]] >= title_end]
    run: list[int] = []
    for k in [*capitals, -2]:
        if run and k == run[-1] + 1 and k not in leads and k not in subjects:
            run.append(k)
            continue
        if len(run) > 1 and _company_possessive(u.text[run[0]]):
            run = run[1:]  # "Meta's Llama 3" names Llama 3, "OpenAI's Sora" Sora
            if len(run) == 1:
                yield Candidate(*u.spans[run[0]], _name_type(toks, u, run[0]), "name")
        if len(run) > 1:
            label = _run_type(toks, u, run)
            if run[0] in leads and not _opens_a_dataset_name(u, run, label):
                run = run[1:]
                label = _run_type(toks, u, run) if len(run) > 1 else label
            if len(run) > 1 and not _language_place_or_body(u, run) and " ".join(
                    u.text[k] for k in run) not in _COMPANIES and not (  # "Google DeepMind"
                    len(run) == 2 and _venue(u, run[0])):  # "accepted at CVPR 2025"
                yield Candidate(u.spans[run[0]][0], u.spans[_name_end(u, run)][1], label, "name")
        run = [k]


def _model_code(u: Units, k: int) -> bool:
    """Return True for a letter-and-digit code after a capitalised word, which together
    name a product: "a Unitree H1 robot", "Agent S2" (not "Table S1", not "English ASR")."""
    word, before = u.text[k], u.text[k - 1]
    return (u.info[k - 1].capital and before not in _LANGUAGES
            and before.lower() not in _DOCUMENT_PARTS and _CODE.fullmatch(word) is not None)


_CODE = re.compile(r"(?!F\d)[A-Z]{1,3}\d{1,4}")  # not F1, a metric ("RadGraph F1")


def capitalised_names(toks: Tokens, u: Units, title_end: int = 0) -> Iterator[Candidate]:
    """Yield single capitalised words that their context names: a lower-case dataset noun
    after them ("the Maniskill benchmark", "the Robomimic and Push-T benchmarks", through a
    list of such words and names, and past one or two modifiers to a plural: "the Stack
    Overflow and Reddit federated datasets", not "the NTCIR Math IR test collection") makes
    a dataset; a name-like word they are listed with
    ("beating Medusa and EAGLE-2"), or a comparison before them ("faster than Moshi",
    "outperforms Genie and Oasis"), a name typed as that word's context says. Only in the
    abstract, where capitals mark names; not languages ("the English and Chinese corpora")."""
    n = len(u.text)
    for k, info in enumerate(u.info):
        if not info.capital or u.sent_start[k] or info.brk or info.head or (
                toks.idx[u.spans[k][0]] < title_end or all(  # "English-to-Chinese"
                    w in _LANGUAGES or w == "to" for w in u.text[k].split("-"))) or (
                _in_place_name(u, k) or u.text[k] in _PLACES or u.text[k] in _BODIES
                or never_a_name(u.text[k])):  # "Windows, Linux, MacOS, Android, and Web"
            continue
        j = k + 1
        while j < min(n, k + 8) and not u.sent_start[j] and (
                u.text[j] in _LIST_GAPS or u.info[j].name or u.info[j].capital
                or u.text[j] in _DIMENSIONS):  # "the Calgary-Campinas 3D dataset"
            j += 1
        if j < n and not u.sent_start[j] and (
                u.text[j] in DATASET_CUES or _cue_after_modifiers(
                    u, j, plural=not (j == k + 1 and u.text[k - 1].lower() == "the"))
        ) or _data_source(u, k):
            yield Candidate(u.spans[k][0], u.spans[k][1], EntityType.DATASET, "name")
        elif _listed_with_a_name(u, k) and not any(
                YEAR.fullmatch(w) for w in u.text[k + 1:k + 6]) or _named_by_proposal(u, k) or (
                _compared_with(u, k)):
            # a company's possessive names the owner of what follows, nothing itself
            # ("UI-TARS and OpenAI's Operator"); the company alone may name data ("AG News,
            # Yelp, Amazon and DBpedia")
            if not _company_possessive(u.text[k]):
                yield Candidate(*_without_possessive(toks, u.spans[k]), _name_type(toks, u, k),
                                "name")


def _run_type(toks: Tokens, u: Units, run: list[int]) -> EntityType:
    """Type a run of capitalised words by its last word's head, else as a name is typed."""
    return u.info[run[-1]].head or _name_type(toks, u, run[-1], first=run[0])


def _leads_a_name(u: Units, k: int) -> bool:
    """Return True for a name-like word before a plain capitalised word, which may open a
    dataset's name: "the DVS128 Gesture and CIFAR10-DVS datasets"."""
    info, after = u.info[k], u.info[k + 1]
    return (info.name and not (info.brk or info.capital) and u.text[k] not in _COMPANIES
            and after.capital and not after.name and not u.sent_start[k + 1])


def _opens_a_dataset_name(u: Units, run: list[int], label: EntityType) -> bool:
    """Return True when a run a name-like word opens is a dataset's whole name: not "NIST
    Chinese" (a language), "SMT Approach" (a head) or "AAPM Low-Dose | CT Grand Challenge"
    (a longer name goes on)."""
    after = run[-1] + 1
    return (label is EntityType.DATASET and not u.info[run[-1]].head
            and not any(u.text[j] in _LANGUAGES for j in run)
            and not (after < len(u.text) and (u.info[after].name or u.text[after].isupper())))


def _language_place_or_body(u: Units, run: list[int]) -> bool:
    """Return True for a run that names a language, a place or an organisation, no method:
    "American Sign Language", "Low Resource Languages", "Swiss German", "the United
    States", "the West African Sahel", "New York University", "Intel Labs"."""
    return (u.text[run[-1]] in ("Language", "Languages") or u.text[run[0]] in _COMPASS
            or u.text[run[-1]] in _BODIES
            or " ".join(u.text[j] for j in run) in _PLACE_NAMES
            # a variety of a language: "Swiss German", "Egyptian Arabic", "Nigerian Pidgin"
            or u.text[run[-1]] in _LANGUAGES and not any(u.info[j].name for j in run))


_COMPASS = frozenset("West East North South Western Eastern Northern Southern".split())
_BODIES = frozenset("University Institute Laboratory Laboratories Labs Inc Inc. Corporation "
                    "Corp Corp. Ltd Ltd. LLC GmbH Foundation Academy".split())


def _name_end(u: Units, run: list[int]) -> int:
    """Return the last unit of the name a run of capitalised words makes: a year, or after
    "Task", "Track" ... a number, goes on it ("TREC Fair Ranking 2022", "SemEval-2016 Task
    6")."""
    after = run[-1] + 1
    if after < len(u.text) and not u.sent_start[after] and (
            YEAR.fullmatch(u.text[after])
            or u.text[run[-1]] in _NUMBERED and u.text[after].isdigit()):
        return after
    return run[-1]


_NUMBERED = frozenset("Task Track Subtask Challenge Phase Part Level".split())
_PLACE_NAMES = frozenset({
    "United States", "United Kingdom", "European Union", "North America", "South America",
    "Latin America", "Middle East", "South Korea", "North Korea", "Hong Kong", "New Zealand",
    "Saudi Arabia", "South Africa", "New York", "Western Europe", "Southeast Asia"})


def _in_place_name(u: Units, k: int) -> bool:
    """Return True for a word of a place's name of two words ("the United States")."""
    return (k > 0 and f"{u.text[k - 1]} {u.text[k]}" in _PLACE_NAMES
            or k + 1 < len(u.text) and f"{u.text[k]} {u.text[k + 1]}" in _PLACE_NAMES)


def _capital_stop_word(u: Units, k: int) -> bool:
    """Return True for a stop word written with a capital after an article and before a
    capitalised word: part of a name ("the Next Day Wildfire Spread dataset")."""
    word = u.text[k]
    return (word[:1].isupper() and word[1:].islower() and word.lower() in _NAME_STOP_WORDS
            and k + 1 < len(u.text) and u.info[k + 1].capital and not u.sent_start[k + 1]
            and k > 0 and u.text[k - 1] in ("the", "a", "an"))


# stop words that open names; not "Using", "The" or "Between", which a title quoted in
# the text holds ("... Learner English Using Error Case Frames")
_NAME_STOP_WORDS = frozenset("""
next all many few one every any more most other same first last whole everything anything
nothing something
""".split())


def _without_possessive(toks: Tokens, unit: tuple[int, int]) -> tuple[int, int]:
    """Return a name's tokens without the possessive that spaCy splits off: "ColPali's
    nDCG@5" names ColPali."""
    if unit[1] - unit[0] > 1 and toks.text[unit[1] - 1] in _POSSESSIVE:
        return unit[0], unit[1] - 1
    return unit


def _data_source(u: Units, k: int) -> bool:
    """Return True for a word after data and "from": "benign prompts from Alpaca"."""
    return k > 1 and u.text[k - 1] == "from" and u.text[k - 2].lower() in _DATA_CONTEXT


def _named_by_proposal(u: Units, k: int) -> bool:
    """Return True for a word a proposal names before it describes it: "We propose
    Melodia, a decoder-only transformer", "we introduce Atlas (...)", "we present Orca,
    which ..."."""
    return (0 < k < len(u.text) - 1 and u.text[k - 1] in PROPOSE_CUES
            and u.text[k + 1] in _DESCRIPTION_STARTS
            and u.text[k].lower().rstrip(".") not in _DOCUMENT_PARTS)


_DESCRIPTION_STARTS = frozenset({",", "(", ":", "which", "that"})


def _compared_with(u: Units, k: int) -> bool:
    """Return True for a capitalised word, or a list of them, after a comparison: "than
    Moshi", "outperforms Genie and Oasis", "improves accuracy over Binder and Dater" (an
    "over" counts after a verb of improvement in the same sentence; not before a place)."""
    after = u.text[k + 1] if k + 1 < len(u.text) and not u.sent_start[k + 1] else "."
    if u.text[k] in _PLACES or after.isalpha() and after.lower() not in _AFTER_A_COMPARED:
        return False  # "over Gaussian data augmentation", "over Shape of Motion"
    j = k - 1
    while j > 1 and u.text[j] in _LIST_GAPS and (u.info[j - 1].capital or u.info[j - 1].name):
        j -= 2  # back over the list to the word before it
    if j < 0 or u.sent_start[j + 1]:
        return False
    cue = u.text[j].lower()
    if cue in _COMPARED:
        return True
    if cue != "over":
        return False
    return any(w.lower() in _IMPROVE_VERBS for w in u.text[_sentence_start(u.sent_start, j):j])


def _sentence_start(starts: list[bool], i: int) -> int:
    """Return where the sentence holding item ``i`` starts (``starts``: the items' flags)."""
    while i > 0 and not starts[i]:
        i -= 1
    return i


_COMPARED = frozenset("than outperforms outperforming outperform surpasses surpassing beats "
                      "beating matches matching rivals exceeds exceeding".split())
_AFTER_A_COMPARED = frozenset("and or in on with by at while for across when using to under "
                               "without".split())
_PLACES = frozenset("""
Europe Asia Africa America Australia Antarctica China India Japan Earth Arctic Spain France
Germany Italy Brazil Canada Mexico Kenya Nigeria Egypt Korea Taiwan Singapore Switzerland
Netherlands Sweden Norway Finland Denmark Poland Turkey Iran Israel Indonesia Vietnam Thailand
Chile Argentina Colombia Peru Ethiopia Ghana Pakistan Bangladesh Russia Ukraine California
Texas Manhattan Beijing Shanghai Hangzhou London Paris Tokyo
""".split())  # "improves skill over Europe", "a plant in Spain": places name nothing
_IMPROVE_VERBS = frozenset("improve improves improved improving gains lowers reduces raises "
                           "outperforms".split())


def _listed_with_a_name(u: Units, k: int) -> bool:
    """Return True when unit ``k`` is joined to a name-like word by and/or ("Medusa and
    EAGLE-2"), or by a comma inside a list that goes on ("MusicGen, Jukebox and ..."),
    also past other capitalised words of the list (:func:`_list_holds_a_name`)."""
    n = len(u.text)
    # a version number stays with its name: "AudioLDM 2, Tango 2 and Stable Audio Open"
    prev = k - 3 if k > 2 and _LIST_VERSION.fullmatch(u.text[k - 2]) else k - 2
    after = k + 2 if k + 1 < n and _LIST_VERSION.fullmatch(u.text[k + 1]) else k + 1
    comma_before = prev >= 0 and u.info[prev].name and u.text[k - 1] == "," and (
        after < n and u.text[after] in _LIST_GAPS)
    and_after = after + 1 < n and u.info[after + 1].name and not u.sent_start[after + 1] and (
        u.text[after] in _CONJUNCTIONS)
    return bool(comma_before or and_after) or (
        k > 1 and u.text[k - 1] in _CONJUNCTIONS and _list_holds_a_name(u, k - 1, -1)) or (
        after + 1 < n and u.text[after] == "," and _list_holds_a_name(u, after, 1))


_LIST_VERSION = re.compile(r"\d(?:\.\d)?")


def _list_holds_a_name(u: Units, j: int, step: int) -> bool:
    """Return True when the list that goes on from the gap at unit ``j`` (backwards, ``step``
    -1, or forwards, 1) holds a name-like word past capitalised ones: "AntMaze, Kitchen and
    | Adroit", "Chronos-Bolt | , Moirai and TimesFM-2.0"."""
    n = len(u.text)
    while 0 < j < n - 1 and u.text[j] in _LIST_GAPS and not u.sent_start[j + (step > 0)]:
        item = j + step
        if u.info[item].name:
            return True
        if not u.info[item].capital:
            return False
        j = item + step
    return False


_LIST_GAPS = frozenset({",", "and", "or"})
_CONJUNCTIONS = frozenset({"and", "or"})
YEAR = re.compile(r"(?:19|20)\d\d")  # a year, also a version: "ACE 2005"


def language_codes(toks: Tokens) -> set[str]:
    """Return the codes the doc gives languages in brackets: "between Albanian (SQ) and
    Dutch (NL)" (a code names no method, there or later)."""
    if "(" not in toks.text:
        return set()
    return {toks.text[i] for i in range(2, len(toks.text) - 1) if toks.text[i - 1] == "("
            and toks.text[i + 1] == ")" and toks.text[i - 2] in _LANGUAGES
            and 2 <= len(toks.text[i]) <= 3 and toks.text[i].isalpha()}


_LANGUAGES = frozenset("""
English Chinese French German Spanish Japanese Korean Arabic Russian Hindi Italian
Portuguese Dutch Turkish Vietnamese Indonesian Swahili Persian Polish Greek Hebrew
Farsi Urdu Bengali Thai Malay Czech Swedish Finnish Danish Norwegian Romanian Hungarian
Ukrainian Tamil Latin Pidgin Creole Yoruba Igbo Hausa Amharic Zulu Xhosa Telugu Marathi
Gujarati Punjabi Tagalog Filipino Catalan Basque Welsh Icelandic Estonian Latvian Lithuanian
Slovak Slovenian Croatian Serbian Bulgarian Cantonese Mandarin Tibetan Uyghur Kazakh Uzbek
Mongolian Nepali Sinhala Burmese Khmer Javanese Sundanese Somali Kinyarwanda Wolof Quechua
Maori Yiddish Afrikaans Albanian Armenian Georgian Azerbaijani Kurdish Pashto Malayalam Kannada
""".split())


_POSSESSIVE_HEADS = frozenset("method approach technique framework".split())
_NAME_PARTICLES = frozenset("van von den der de da di le la du del".split())


def possessive_candidates(toks: Tokens, u: Units) -> Iterator[Candidate]:
    """Yield "Wagner's method", "den Broeder's approach": a person's name in the possessive
    names the method (those heads are otherwise too vague to end a term)."""
    if "'s" not in toks.lower and "’s" not in toks.lower:  # spaCy splits the 's off
        return
    for k in [i + 1 for i, w in enumerate(u.text[:-1]) if w.endswith(("'s", "’s"))]:
        word = u.text[k - 1]
        if (u.text[k].lower() in _POSSESSIVE_HEADS and word[:1].isupper()
                and not u.sent_start[k]):
            first = k - 1
            while (first > 0 and u.text[first - 1] in _NAME_PARTICLES
                   and not u.sent_start[first]):
                first -= 1
            yield Candidate(u.spans[first][0], u.spans[k][1], EntityType.METHOD, "term")


def name_candidates(toks: Tokens, u: Units) -> Iterator[Candidate]:
    """Yield name-like units (CamelCase, acronyms, digits) as method or dataset candidates."""
    for k, (unit, info) in enumerate(zip(u.spans, u.info)):
        if info.name and not info.brk and not _company(u.text[k]) and not _venue(u, k):
            yield Candidate(*_without_possessive(toks, unit), _name_type(toks, u, k), "name")


def _company(word: str) -> bool:
    """Return True for a company's or agency's name, also in the possessive ("NVIDIA's")."""
    return word in _COMPANIES or _company_possessive(word)


def _company_possessive(word: str) -> bool:
    """Return True for a company's name in the possessive: "OpenAI's", "NVIDIA\u2019s"."""
    return word.endswith(_POSSESSIVE) and word[:-2] in _COMPANIES


# a company's or agency's name alone names no method ("on NVIDIA Blackwell GPUs", "reported
# to the CDC"); within a name it stays ("NVIDIA Dynamic Scenes", "OpenAI Operator")
_COMPANIES = frozenset("""
NVIDIA OpenAI DeepMind AMD ByteDance IBM CDC NIH NASA NOAA ECMWF Anthropic Meta Google
Microsoft Apple Amazon Alibaba Tencent Baidu Huawei Samsung Intel Qualcomm EleutherAI
Salesforce DARPA IARPA ARPA Kaggle
""".split()) | {"Google DeepMind", "Google Research", "Meta AI", "Microsoft Research"}
_POSSESSIVE = ("'s", "\u2019s")


def _venue(u: Units, k: int) -> bool:
    """Return True for a conference or journal alone or with its year ("accepted at CVPR
    2025", "ICLR"), which names no method; within a name it stays ("the NeurIPS 2022 Cell
    Segmentation Challenge")."""
    if u.text[k] not in _VENUES and _VENUE_YEAR.sub("", u.text[k]) not in _VENUES:
        return False  # "CVPR", "EMNLP2017", "ICLR'25"
    n, after = len(u.text), k + 1
    if after < n and not u.sent_start[after] and YEAR.fullmatch(u.text[after]):
        after += 1
    return after == n or u.sent_start[after] or not (u.info[after].capital or u.info[after].name)


_VENUE_YEAR = re.compile(r"['\u2019]?\d\d(?:\d\d)?$")
_VENUES = frozenset("""
CVPR ICCV ECCV WACV BMVC NeurIPS NIPS ICML ICLR AAAI IJCAI ACL EMNLP NAACL EACL COLING TACL
KDD SIGIR WSDM CIKM RecSys CoRL ICRA IROS MICCAI ICASSP Interspeech INTERSPEECH SIGGRAPH
""".split())


_DATASET_CONTEXT = frozenset("""
experiment experiments experimental result results evaluate evaluated evaluation evaluations
validate validated validation train trained training test tested testing benchmark
benchmarks benchmarked score scores fid accuracy performance finetuned fine-tuned pretrained
rate rates error errors
pre-trained pretrain pretraining pre-training tuned
images samples generating generate generated generation
""".split())
_DATASET_SUFFIX = re.compile(r"\d+\s*[x\u00d7]\s*\d+$|(?<!\d)(19|20)\d\d$")  # -64x64, COCO2014
NUMBER = re.compile(r"[\d.,]*\d[\d.,]*%?")  # a digit in it: a lone "," or "." is none
_SCORE_VALUE = re.compile(r"\d+\.\d+|\d+(?:\.\d+)?%")  # a score's value: "86.5", "47%"
_CLAUSE_MARKS = frozenset(", . ; :".split())  # before "On X": a sentence's or clause's start
_SCORE_UNITS = frozenset(("%", "points"))  # "86.1 % on X" (spaCy splits the sign off)
_EVALUATED = frozenset("evaluate evaluated tested validated benchmarked experiments".split())
_AMOUNT = re.compile(r"[\d.,]+[kmb]?|thousands?|millions?|billions?|hundreds?")
_DATA_UNITS = frozenset("""
hours images photos videos clips frames pairs samples examples instances documents articles
sentences tokens words utterances recordings molecules structures proteins sequences scenes
episodes trajectories demonstrations questions problems prompts captions conversations
forms tables charts pages
""".split())
_DATA_CONTEXT = _DATASET_CONTEXT | _DATA_UNITS  # before "on X" / "from X"
_DATA_NOUNS_ALL = frozenset("data dataset datasets corpus corpora".split())  # before "from X"
# before "of X": "the same budget of X", "the 18 languages of X", "the zero-shot setting of X",
# "the evidence annotations of X", "the benchmarks of X"
_PORTIONS = frozenset("split splits subset subsets portion portions sample samples budget "
                      "mixture".split())
_DATA_PARTS = _PORTIONS | frozenset("languages setting settings annotations benchmarks dataset "
                                    "datasets".split())  # "the iPhone dataset of DyCheck"
_DERIVED = frozenset("""
fine-tuned finetuned tuned initialized initialised distilled adapted derived continued
""".split())  # before "from X": a model
_SHARDED = frozenset("split partitioned distributed sharded".split())
_GATHERED = frozenset("collect collects curate curates assemble assembles compile compiles".split())
_ACROSS = frozenset("across among between over".split())
_SPLIT_NAMES = frozenset("test training train validation dev development evaluation".split())
_SPLITS = _PORTIONS | frozenset(("set", "sets"))  # after "X test"
# reinforcement-learning algorithms, whose agents are the algorithm at work ("PPO agents")
_RL_ALGORITHMS = frozenset("""
PPO DQN DDQN SAC TD3 DDPG A2C A3C TRPO IMPALA Rainbow MuZero AlphaZero Dreamer DreamerV3
R2D2 QMIX MAPPO IPPO GRPO REINFORCE CQL IQL
""".split())


# a size in billions of parameters names a model: "Qwen2.5-7B-Instruct", "Mixtral-8x7B"
# (datasets counted in billions, such as LAION-5B, are gazetteer entries)
_SIZE = r"(?:\d+x)?\d+(?:\.\d+)?[Bb]"  # "8x7B", "70B" (alone: "On Mixtral 8x7B and ...")
_SIZE_PIECE = re.compile(_SIZE)
MODEL_SIZE = re.compile(rf"[-_]{_SIZE}(?:[-_][A-Za-z]+)*$")
# a metric by its form: at a cut-off ("Precision@5", "NDCG@K") or an F1 of something
_METRIC_FORM = re.compile(r"[A-Za-z][\w-]*(?:@(?:\d+|[kKnN])|-F1)")


def _name_type(toks: Tokens, u: Units, k: int, first: int = -1) -> EntityType:
    """Type a name from its form and context: "X dataset", "X and Y datasets", "results on
    X", "images generated on X", "1.20 on X", "tested in X", "60k hours of X", "datasets
    from X", "X, a benchmark of ...", "the corpus, X", "X-64x64",
    "X2014" and "...Bench" are datasets, the rest methods; a size in billions of parameters
    ("X-7B") makes a model."""
    text = u.text[k]
    if _METRIC_FORM.fullmatch(text):
        return EntityType.METRIC  # "Precision@5", "Recall@10", "a SLU-F1 of 79.6", "Span-F1"
    if MODEL_SIZE.search(text) and not _data_apposition(u, k):  # not "Time-300B, a corpus"
        return EntityType.METHOD
    if names_a_benchmark(text) or _DATASET_SUFFIX.search(text):
        return EntityType.DATASET  # "...Bench", "COCO2014", "BioCoder-Eval", "VerilogEval"
    if text.isalpha() and is_acronym(text) and not text.endswith("s") and (  # "2.284 SRHs"
            k > 0 and _SCORE_VALUE.fullmatch(u.text[k - 1])  # "reaches 86.5 TEDS", "47% SR"
            or _improved(toks, u.spans[k][0])):  # "improves FRD and MMD over LiDARGen"
        return EntityType.METRIC
    j = k + 1  # over a coordinated list of names up to its head noun
    while j < min(len(u.text), k + 8):
        word = u.text[j].lower()
        if word in DATASET_CUES or _cue_after_modifiers(u, j):
            return EntityType.DATASET
        if word in _SHARDED and j + 1 < len(u.text) and u.text[j + 1].lower() in _ACROSS:
            return EntityType.DATASET  # "X and Y split across 100 clients"
        if not (word in _LIST_GAPS or u.info[j].name or u.info[j].capital
                or YEAR.fullmatch(u.text[j])):  # "Pavia University and Houston 2013 datasets"
            break
        j += 1
    if _apposition_head(u, k) is EntityType.METHOD:
        return EntityType.METHOD  # "tested in AIFS-CRPS, a machine-learned ... model"
    if _data_apposition(u, k) or k + 2 < len(u.text) and (
            u.text[k + 1].lower() in _SPLIT_NAMES and u.text[k + 2].lower() in _SPLITS):
        return EntityType.DATASET  # "the LibriSpeech-PC test set"
    a = u.spans[first if first >= 0 else k][0]  # a run of words ("first"): its start
    if _data_before(toks, a) or _opening_on(toks, a) or _listed_after_a_data_noun(toks, a):
        return EntityType.DATASET
    before = [w for w in toks.lower[max(0, a - 9):a] if w not in ("the", "a")]
    while len(before) > 2 and _AMOUNT.fullmatch(before[-1]) and not YEAR.fullmatch(before[-1]):
        before.pop()  # "pretrained on 12 million X tiles": the data named after its amount
    if len(before) > 1 and before[-1] == "from" and before[-2] in _DERIVED:
        return EntityType.METHOD  # "fine-tuned from LLaVA-1.6": the model started from
    if before[-2:] == ["measured", "by"]:
        return EntityType.METRIC  # "the bias measured by MaxSkew"
    if before and before[-1] in _GATHERED:
        return EntityType.DATASET  # "We assemble RSGround-1M, ...": what is collected is data
    if len(before) > 1 and before[-1] in NAMING_CUES and (
            singular(before[-2]) in _DATA_NOUNS or before[-2] == "," and len(before) > 2
            and singular(before[-3]) in _DATA_NOUNS):
        return EntityType.DATASET  # "an instruction dataset named AVinstruct", "a benchmark,
        # called X"
    if before and before[-1] in ("on", "from") and before[-2:-1] not in _FOUNDED and (
            toks.lower[a - 1] not in ("a", "an")) and (  # "On a Unitree H1 robot": a thing
            before[-2:] != ["improving", "on"]) and (  # "improving on EZ-VSL": better than it
            any(w in _DATA_CONTEXT for w in before[:-1]) and "per" not in before[-4:-1]
            or len(before) > 1 and (NUMBER.fullmatch(before[-2]) or before[-2] in _SCORE_UNITS
                                    or before[-1] == "on" and before[-2] in _CLAUSE_MARKS)):
        return EntityType.DATASET  # "86.1 on X", "On X, ...", "..., on X" (not "classifiers,
        # from a X trained on ...")
    if before and before[-1] == "from" and any(w in _DATA_NOUNS_ALL for w in before[-4:-1]):
        return EntityType.DATASET  # "regression datasets from X", "data taken from X"
    if len(before) > 1 and before[-1] == "of" and before[-2] in _DATA_PARTS:
        return EntityType.DATASET  # "non-IID splits of X"
    if len(before) > 1 and before[-1] == "on" and head_type(before[-2]) is EntityType.TASK:
        return EntityType.DATASET  # "part segmentation on ShapeNetPart"
    if before and before[-1] == "on" and before[-2:-1] != ["based"] and k + 1 < len(u.text) and (
            u.text[k + 1] in CLAUSE_SUBJECTS or _named_subject(u, k + 1)):
        return EntityType.DATASET  # "and on How2Sign it improves BLEU": where it was measured
    if before and before[-1] in ("on", "across") and _tasks_after(u, k):
        return EntityType.DATASET  # "on MoleculeNet property prediction tasks"
    if before and before[-1] == "on" and any(w in _METRIC_VERBS for w in before[-6:-2]):
        return EntityType.DATASET  # "reduces unsupported statements on ASQA": where measured
        # (not "improving on VAR": better than it)
    if len(before) > 1 and before[-1] == "in" and before[-2] in _EVALUATED:  # "tested in X"
        return EntityType.DATASET
    # "60k hours of X", "2 million images from X": a quantity of data from a named source
    if len(before) > 2 and before[-1] in ("of", "from") and before[-2] in _DATA_UNITS and (
            _AMOUNT.fullmatch(before[-3]) or len(before) > 3 and before[-3] in ("k", "m")
            and NUMBER.fullmatch(before[-4])):  # "the 4K frames of X" ("4", "K")
        return EntityType.DATASET
    return EntityType.METHOD


_FOUNDED = (["based"], ["built"])  # "based on X", "judges built on GPT-4o": a model under


def _named_subject(u: Units, k: int) -> bool:
    """Return True when unit ``k`` is a name followed by a verb's "-s" form, a clause's
    subject and verb: "On MagnaTagATune | TagWave reaches 92.8" (no comma after the
    opening)."""
    if k + 1 >= len(u.text) or not u.info[k].name or u.sent_start[k + 1]:
        return False
    verb = u.text[k + 1]
    return _s_form(verb) and verb.isalpha() and not u.info[k + 1].head


def _tasks_after(u: Units, k: int) -> bool:
    """Return True when up to three lower-case words after name ``k`` end in "task(s)" or,
    before a word that is not lower-case, in a task's head: the name is the benchmark they
    come from ("MoleculeNet property prediction tasks", "On GTZAN genre classification it
    reaches ...")."""
    joined = False  # "on OCR and layout parsing": two things, not X's task
    for j in range(k + 1, min(k + 5, len(u.text))):
        joined = joined or u.text[j] in _CONJUNCTIONS
        if u.text[j] in ("tasks", "task") or not joined and u.info[j].head is EntityType.TASK and (
                j + 1 == len(u.text) or not u.text[j + 1].islower()
                or u.text[j + 1] in CLAUSE_SUBJECTS):
            return j > k + 1  # "on X property prediction tasks", "On X genre classification, it"
        if not u.text[j].islower() or u.sent_start[j] or u.info[j].brk and not joined:
            return False  # "on X for crystal generation": a preposition ends it
    return False


def _cue_after_modifiers(u: Units, j: int, plural: bool = False) -> bool:
    """Return True when one or two lower-case modifiers from unit ``j`` lead to a dataset
    noun: "the RULER and Needle-in-a-Haystack | long-context benchmarks" (``plural``: only
    a plural noun, which says the words before it are names of datasets each)."""
    for i in range(j, min(j + 3, len(u.text))):
        if i > j and u.text[i] in DATASET_CUES:
            return not plural or u.text[i] in DATA_PLURALS
        if u.info[i].brk or u.info[i].head or u.sent_start[i] or not u.text[i].islower():
            return False
    return False


def _data_apposition(u: Units, k: int) -> bool:
    """Return True when an apposition after name ``k`` calls it data: "BookHop, a benchmark
    of 3,400 questions", "X, a new large-scale dataset" (the head within five words), or
    counts it: "CapPref, 20k pairwise human judgments" (not in billions: parameters). A
    spaced dash sets an apposition off as a comma does: "CHIRP - a new benchmark"."""
    if k + 3 >= len(u.text) or u.text[k + 1] not in _APPOSITION_MARKS:
        return False
    count = u.text[k + 2]
    if u.text[k + 1] == ",":  # a count after a dash is a version: "LTM - 10"
        if (_AMOUNT.fullmatch(count.lower()) and count[-1] not in "Bb"
                and any(c.isdigit() for c in count) and not YEAR.fullmatch(count)):
            return True
        if count.lower() in _COUNT_WORDS and u.text[k + 3].lower() in _LARGE_COUNTS:
            return True  # "RSGround-1M, one million instruction samples"
    if u.text[k + 2].lower() not in ARTICLES:
        return False
    j, words = k + 3, 0
    while j < len(u.text) and words < 5 and not u.sent_start[j]:
        word = u.text[j].lower()
        if word == "(" and ")" in u.text[j:j + 12]:  # "X, a large-scale (~4M samples), ..."
            j = u.text.index(")", j) + 1
            j += j < len(u.text) and u.text[j] == ","
            continue
        if word in DATASET_CUES:
            return True
        if word in _NOT_MODIFIERS:
            return False
        j, words = j + 1, words + 1
    return False


def _apposition_head(u: Units, k: int) -> EntityType | None:
    """Return METHOD when an apposition after name ``k`` says it is a model: "AIFS-CRPS, a
    machine-learned weather forecasting model developed at ..." (the first head within six
    words after the article; a data head there says data, see :func:`_data_apposition`)."""
    if k + 3 >= len(u.text) or u.text[k + 1] not in _APPOSITION_MARKS or (
            u.text[k + 2].lower() not in ARTICLES):
        return None
    for j in range(k + 3, min(k + 9, len(u.text))):
        word = u.text[j].lower()
        if word in DATASET_CUES or word in _NOT_MODIFIERS or u.sent_start[j]:
            return None
        if word in _MODEL_HEADS:
            return EntityType.METHOD
    return None


_MODEL_HEADS = frozenset("model network framework architecture agent transformer "
                         "algorithm".split())
_APPOSITION_MARKS = frozenset((",", "-", "\u2013", "\u2014"))
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten twenty fifty a".split())
_LARGE_COUNTS = frozenset("hundred thousand million hundreds thousands millions".split())


def _data_before(toks: Tokens, a: int) -> bool:
    """Return True when the name at token ``a`` follows a singular data noun and a comma:
    "we release the synthetic corpus, AfriSynth". Not after a preposition: in "On the
    LIBERO benchmark, OpenVLA reaches ..." or "On BTCV and the Synapse dataset, X ..." the
    comma ends an adverbial."""
    if a < 3 or toks.lower[a - 1] != "," or toks.lower[a - 2] not in _DATA_NOUNS:
        return False
    start = _sentence_start(toks.sent_start, a - 1)
    if toks.lower[start] in _PREPOSITIONS and (
            "," not in toks.lower[start:a - 1] or "and" in toks.lower[start:a - 1]):
        return False  # "On BTCV and the Synapse multi-organ dataset, MedSAM-Adapt improves",
        # "On TruthfulQA, FActScore biographies and the SimpleQA benchmark, DebateFact .."
    for i in range(a - 3, max(-1, a - 12), -1):  # hyphens count: "hour - long"
        if toks.sent_start[i + 1] or toks.lower[i] in _NOT_MODIFIERS:
            return False
        if toks.lower[i] in _DETERMINERS:  # a preposition opening a clause makes the
            # comma end an adverbial ("..., on the LIBERO benchmark, OpenVLA ..."); one
            # inside a clause does not ("performance on a hierarchical document structure
            # analysis benchmark, Comp-HRDoc, and ...")
            return i == 0 or toks.sent_start[i] or toks.lower[i - 1] not in _PREPOSITIONS or (
                i > 1 and not toks.sent_start[i - 1] and toks.lower[i - 2] not in (",", ";"))
    return False


def _improved(toks: Tokens, a: int) -> bool:
    """Return True when the name at token ``a`` is in a list of names right after a verb of
    improvement: "improves FRD and MMD over ...", "lowers WER"."""
    i = _list_start(toks, a) - 1
    return i >= 0 and not toks.sent_start[i + 1] and toks.lower[i] in _METRIC_VERBS


# verbs whose object is a score: the verbs of improvement but "gains" and "outperforms"
# ("outperforms X" compares models), and their other forms
_METRIC_VERBS = (_IMPROVE_VERBS - {"gains", "outperforms"}) | frozenset(
    "lowered reduced raised boosts boosted increases decreases".split())


def _list_start(toks: Tokens, a: int) -> int:
    """Return where the list of names holding token ``a`` starts, in its sentence."""
    i = a - 1
    while i >= 0 and a - i <= _OPENING_LIST and not toks.sent_start[i + 1] and (
            _list_piece(toks, i)):
        i -= 1
    return i + 1


def _listed_after_a_data_noun(toks: Tokens, a: int) -> bool:
    """Return True when the name at token ``a`` is in a list of names right after a data
    noun: "the compositional benchmarks ARO, SugarCrepe and Winoground"."""
    i = _list_start(toks, a) - 1
    return (i >= 0 and not toks.sent_start[i + 1] and toks.lower[i] in DATASET_CUES
            and toks.text[i + 1] not in _LIST_GAPS)


CLAUSE_SUBJECTS = frozenset("it they we our its".split())


def _opening_on(toks: Tokens, a: int) -> bool:
    """Return True when the name at token ``a`` is in a list of names that a sentence opens
    with "On" and a comma closes: "On MIRACL, X improves nDCG@10", "On SMD and PSM, ...":
    where results were measured. Only names and list words between "On" and the comma; a
    comma inside the list ("On A, B and C, ...") counts when an "and" or "or" follows it,
    and the last item may be a described dataset ("On A, B and a toxicity dataset with
    crowd labels, ...")."""
    start = _sentence_start(toks.sent_start, a)
    if toks.lower[start] != "on":
        start = _opening_over(toks, a, start)
    if start < 0 or a - start > _OPENING_LIST:
        return False
    inner_comma = joined = False
    for i in range(start + 1, min(len(toks.text), start + _OPENING_LIST + 1)):
        if i > start + 1 and toks.sent_start[i]:
            return False
        word = toks.text[i]
        if word == ",":
            if i > a:
                return joined or not inner_comma
            inner_comma = True
            continue
        joined = joined or word in ("and", "or")
        if word in ("a", "an", "our") and toks.lower[i - 1] == "and" and i > a:
            return _data_noun_item(toks, i + 1)  # "On A, B and a toxicity dataset with ...,"
        if not (word == "the" or _list_piece(toks, i)) or _SIZE_PIECE.fullmatch(word) or (
                MODEL_SIZE.search(word)):
            return False  # "On Mixtral-8x7B and DeepSeek-V2-Lite, X ...": models
    return False


def _opening_over(toks: Tokens, a: int, start: int) -> int:
    """Return where the list of names holding token ``a`` starts after "over", "across" or
    "on" ending a sentence's opening phrase of a few words: "In the leave-one-out protocol
    over A, B and C, X lowers ..." (the token before the list), else -1."""
    o = _list_start(toks, a) - 1
    if (o > start and toks.lower[o] in _OPENING_PREPOSITIONS and toks.lower[start] in _PREPOSITIONS
            and o - start <= _OPENING_PHRASE and "," not in toks.lower[start:o]):
        return o
    return -1


_OPENING_PREPOSITIONS = frozenset(("on", "over", "across"))
_OPENING_PHRASE = 12  # tokens from the sentence's first word to "over"


def _data_noun_item(toks: Tokens, i: int) -> bool:
    """Return True when a data noun comes within a few words of token ``i``, before the
    comma that ends the opening: "... and a toxicity dataset with crowd labels, X ..."."""
    for j in range(i, min(len(toks.text), i + 8)):
        if toks.text[j] == "," or toks.sent_start[j]:
            return False
        if toks.lower[j] in DATASET_CUES or toks.lower[j] in ("set", "sets"):
            return True  # "... and a new set of 2,000 claims,"
    return False


def _list_piece(toks: Tokens, i: int) -> bool:
    """Return True for token ``i`` of a list of names: a list word (:func:`_list_word`) or a
    piece glued to the token before it ("NW" "-" "UCLA", "JHU" "-" "Crowd++")."""
    return _list_word(toks.text[i]) or (
        i > 0 and not toks.ws[i - 1] and not toks.sent_start[i] and toks.text[i] != ","
        and toks.text[i - 1] != ",")


def _list_word(word: str) -> bool:
    """Return True for a word a list of names is made of: a name's (capital or digit
    first) or a gap between them."""
    return word in _LIST_GAPS or word[:1].isupper() or word[:1].isdigit()


_OPENING_LIST = 16  # tokens from "On" to the comma


_DATA_NOUNS = frozenset("dataset benchmark corpus suite collection".split())
DATA_PLURALS = frozenset("datasets benchmarks corpora suites collections".split())
_DETERMINERS = ARTICLES | {"our", "this", "its", "their"}
# after "<name> scores", these make it a verb: "scores each frame" (see _scores_a_verb)
_SCORED_STARTS = _DETERMINERS | frozenset("each every all these those".split())
_PREPOSITIONS = frozenset("on in at across over for with from to into by under of".split())
_NOT_MODIFIERS = _PREPOSITIONS | frozenset(", ; : . ( ) and or that which who".split())


def list_candidates(toks: Tokens, u: Units, typed: list[Candidate]) -> Iterator[Candidate]:
    """Yield the items of "HEADS such as A, B and C" / "HEADS (A, B, C)" with the head's type.

    The Hearst (1992) pattern: the items are hyponyms of the head noun before the cue.
    """
    by_end = {c.end: c for c in typed}
    for i, word in enumerate(toks.lower):
        if word == ":" and i and toks.lower[i - 1] in _TYPE_WORDS:  # "other tasks: A, B and C"
            for start, end in _typed_list_items(u, i + 1):
                yield Candidate(start, end, _TYPE_WORDS[toks.lower[i - 1]], "list")
            continue
        if word not in _CUE_STARTS:
            continue
        j = _after_list_cue(toks, i)
        if j is None:
            continue
        head = by_end.get(i) or _bare_head(toks, i)
        kind = head.label if head else _TYPE_WORDS.get(toks.lower[i - 1]) if i else None
        if kind is None:
            continue
        if head is None:  # "tasks: A, B and C": common nouns too, of the kind word's type
            for start, end in _typed_list_items(u, j):
                yield Candidate(start, end, kind, "list")
            continue
        # after a head noun the items are names; the names listed after a task are the
        # methods that do it ("shape completion, such as PointFill [4] and MeshMend")
        if kind is EntityType.TASK:
            kind = EntityType.METHOD
        for start, end in _list_items(u, j):
            yield Candidate(start, end, kind, "list")


# A plural kind word that heads no term says what a list after it holds, and its items may
# be common nouns: "two tasks (text-to-mesh, mesh repair)". (After a
# head noun, "benchmarks such as A and B", the items are names.)
_TYPE_WORDS = {"tasks": EntityType.TASK, "problems": EntityType.TASK,
               "metrics": EntityType.METRIC}


def _typed_list_items(u: Units, j: int) -> Iterator[tuple[int, int]]:
    """Yield the items of a list a kind word introduces: runs of up to four content units
    between commas, "and", "or" and "/", up to the list's end."""
    first, end, closed = _list_extent(u, j, _CLAUSE_CLOSERS)
    items: list[list[int]] = [[]]
    last_item = False  # after "and"/"or" comes the last item: a comma after it ends the list
    for k in range(first, end):
        if u.text[k] == "," and last_item:
            closed = True  # "tasks, including A, B and C, | X outperforms Y and Z"
            break
        if u.text[k] in (",", "and", "or", "/"):
            last_item = last_item or u.text[k] in ("and", "or")
            items.append([])
        else:
            items[-1].append(k)
    if not closed:  # the last item runs past what was read
        items.pop()
    for n, item in enumerate(items):
        if 0 < len(item) <= 4 and not any(u.info[x].brk for x in item) and not (
                _elliptic_item(u, item, items[n + 1:n + 2])):
            yield u.spans[item[0]][0], u.spans[item[-1]][1]


def _elliptic_item(u: Units, item: list[int], after: list[list[int]]) -> bool:
    """Return True for a one-word lower-case item with no head of its own before "and"/"or"
    and an item of several words: it shares that item's head ("organ | and tumor
    segmentation"), so alone it names nothing."""
    k = item[0]
    return (len(item) == 1 and u.text[k].islower() and u.info[k].head is None
            and bool(after) and len(after[0]) > 1 and k + 1 < len(u.text)
            and u.text[k + 1] in ("and", "or"))


# Units that close a list: a clause break (and a sentence start); a list of names also
# ends at an opening bracket.
_CLAUSE_CLOSERS = frozenset(").;:")
_NAME_LIST_CLOSERS = _CLAUSE_CLOSERS | {"("}


def _list_extent(u: Units, j: int, closers: frozenset[str]) -> tuple[int, int, bool]:
    """Return (first unit, end unit, closed) of a list that starts at token ``j``: it runs
    to a closer or a sentence start (closed) or for at most 40 tokens."""
    first = k = bisect_left(u.spans, (j, j))
    while k < len(u.spans) and u.spans[k][0] < j + 40:
        if u.text[k] in closers or u.sent_start[k] and u.spans[k][0] > j:
            return first, k, True
        k += 1
    return first, k, False


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


# What may stand between the names of a list besides up to two other words ("the popular
# DDIM", "PointFill [4]", "Ho et al.").
_LIST_GLUE = frozenset(", and or / [ ] the a an et al. etc. e.g. i.e.".split())
_CLAUSE_OPENERS = frozenset(
    "it we they our its their which that this these while where who".split())


def _list_items(u: Units, j: int) -> Iterator[tuple[int, int]]:
    """Yield the name-like units of a list that starts at token ``j``, up to its end: a
    clause break, a bracket, a pronoun or relative that opens a clause, or three words in a
    row that are neither names nor glue (TDMSci: 4 wrong entities fewer; the same
    elsewhere)."""
    first, end, _ = _list_extent(u, j, _NAME_LIST_CLOSERS)
    gap = 0
    k = first
    while k < end:
        if u.info[k].capital and not u.sent_start[k]:
            # capitalised words together name one item: "Llama Questions", "Web Questions"
            last = k
            while last + 1 < end and not u.text[last].endswith(_POSSESSIVE) and (
                    u.info[last + 1].capital or u.info[last + 1].name
            ) and u.text[last + 1][:1].isalnum():
                last += 1
            if last > k:
                yield u.spans[k][0], u.spans[last][1]
                gap = 0
                k = last + 1
                continue
        if u.info[k].name:
            yield u.spans[k]
            gap = 0
        elif u.text[k].lower() in _CLAUSE_OPENERS:
            return  # "including A, B and C, it outperforms D": a new clause
        elif u.text[k].lower() not in _LIST_GLUE and not u.text[k].isdigit():
            gap += 1
            if gap > 2:
                return
        k += 1


def title_colon(toks: Tokens, title_end: int) -> int | None:
    """Return the token index of the colon ending a title's "Name:" prefix, if the title
    (text before ``title_end``) has one within its first seven tokens after the first."""
    colon = next((i for i in range(min(8, len(toks.text)))
                  if toks.idx[i] < title_end and toks.text[i] == ":"), None)
    return colon if colon and colon <= 6 else None


def title_candidate(doc: Doc, toks: Tokens, title_end: int) -> Candidate | None:
    """Return the "X" of a title "X: subtitle" when X reads as a name (proposed)."""
    colon = title_colon(toks, title_end)
    if colon is None:
        return None
    words = doc[0:colon]
    # "Faster Diffusion:", "Improved Immiscible Diffusion:" are names (an evaluative word may
    # start one); "Towards X:", "Rethinking X:", "Scaling Up X:" are not
    if any(t.is_stop for t in words) or any(t.lower_ in BREAK_WORDS for t in words[1:]) or (
            words[0].lower_.endswith("ing")):
        return None
    if words[0].lower_.rstrip(".") in _DOCUMENT_PARTS and (  # "Table 1: BLEU scores ...",
            len(words) == 1 or not words[1].text.isalpha()  # "Abstract:"; not "Proof-Critic:"
            and words[1].text != "-"):
        return None
    if not all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in words):
        return None
    if any(t.text == "," for t in words):
        return None  # "Rotated Outliers, Quantized Weights:": a phrase, not a name
    if len(words) > 1 and words.text not in doc.text[title_end:] and not any(
            head_type(t.text) or not t.text[1:].islower() for t in words) and any(
            t.lower_.endswith("ly") and len(t) > 4 for t in words):
        return None  # "Listen Closely:": plain words with an adverb, never named again
    label = head_type(words[-1].text) or EntityType.METHOD
    if names_a_benchmark(words.text):
        label = EntityType.DATASET  # "CausalBench-LLM:"
    elif label is not EntityType.DATASET:
        label = EntityType.METHOD
    if _reviewed(toks, colon + 1):
        return Candidate(0, colon, label, "title")  # "Document AI: A Survey of ...": the
        # field a survey reviews, not what the paper proposes (nor data: a survey's)
    if _described_as_data(toks, colon + 1, title_end):
        label = EntityType.DATASET  # "RoboVerse-Eval: A Unified Simulation Benchmark for ..."
    return Candidate(0, colon, label, "title", proposed=True)


def _reviewed(toks: Tokens, i: int) -> bool:
    """Return True when the title's words from token ``i`` (after "Name:") are "A Survey",
    "A Review" ...: the paper reviews the field named before the colon."""
    return i + 1 < len(toks.text) and toks.lower[i] in ("a", "an") and (
        toks.lower[i + 1] in _REVIEWS)


_REVIEWS = frozenset("survey review overview tutorial primer".split())


def _described_as_data(toks: Tokens, i: int, title_end: int) -> bool:
    """Return True when the title's words from token ``i`` (after "Name:") open with a
    noun phrase headed by a data noun: "A Unified Simulation Benchmark for ..."."""
    if i < len(toks.text) and toks.lower[i] in ("a", "an"):
        i += 1
    j = i
    while j < len(toks.text) and toks.idx[j] < title_end and (
            toks.text[j][:1].isupper() or _hyphen_piece(toks, j)) and (
            toks.lower[j] not in _NOT_BETWEEN):
        j += 1
    return j > i and singular(toks.lower[j - 1]) in DATASET_HEADS  # not "User Simulators"


def _hyphen_piece(toks: Tokens, j: int) -> bool:
    """Return True for a hyphen glued inside a word, or the piece after it: "Large-scale"
    in "A Large-scale Hour-Long Video Benchmark" is written with a lower-case piece."""
    return toks.text[j] == "-" and j > 0 and not toks.ws[j - 1] or (
        j > 1 and toks.text[j - 1] == "-" and not toks.ws[j - 1] and not toks.ws[j - 2])


_DOCUMENT_PARTS = frozenset("""
table figure fig tab section sec appendix algorithm equation eq example definition theorem
lemma proof step note abstract introduction conclusion conclusions summary background
""".split())
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
    # a cue opening the sentence or title is not one: "Named entity recognition (NER) ..."
    cues = [k for k in range(start, cand.start) if toks.lower[k] in PROPOSE_CUES
            and not toks.sent_start[k] and k > 0]
    return bool(cues) and not any(w in _NOT_BETWEEN for w in toks.lower[cues[-1] + 1:cand.start])
