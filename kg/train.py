"""Training data and training for kg's NER model (the ``accurate`` pipeline).

The public corpora in ``../shared/data`` are converted to spaCy ``DocBin`` files with
their labels mapped onto kg's types (:data:`kg.evaluate.LABEL_MAP`: SciERC/SciREX
``Material`` becomes DATASET; ``Generic`` and ``OtherScientificTerm`` are not entities).
Corpora that annotate only some types (TDMSci: no methods; the Heddes dataset-name
sentences: datasets only) keep their unlabelled tokens as *missing*, not as "outside", so
they teach what their labels are without teaching that every method is nothing. Long
SciREX papers are cut into paragraph-sized pieces and sampled.

``kg train`` writes the DocBins and runs ``spacy train`` on ``configs/ner.cfg``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

from kg.evaluate import LABEL_MAP, read_jsonl

# corpus name -> (path under the shared data directory, complete annotation?, max documents)
CORPORA: dict[str, tuple[str, bool, int | None]] = {
    "scierc": ("scierc/data/ner/sciie/raw/train.docs.jsonl", True, None),
    "scirex": ("scirex_train_docs/docs/train.docs.jsonl", True, 3000),
    "tdmsci": ("tdmsci/data/TDMSci/conllFormat/train.docs.jsonl", False, None),
    "heddes": ("dataset_names_heddes/datasets/train.docs.jsonl", False, 2500),
}
DEV = "scierc/data/ner/sciie/raw/dev.docs.jsonl"
MAX_PIECE = 1200  # characters a training piece may have (SciREX papers are cut)
LABEL_FIX = {"datatset": "dataset"}  # a typo in one corpus


@dataclass(frozen=True)
class Piece:
    """A text with entity spans (character offsets) in kg's types."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def pieces(doc: dict[str, Any], *, max_chars: int = MAX_PIECE) -> Iterator[Piece]:
    """Yield the document, cut at sentence ends into pieces of at most ``max_chars``."""
    text = doc["text"]
    spans = sorted((e["start"], e["end"], LABEL_MAP[lab]) for e in doc["entities"]
                   if (lab := LABEL_FIX.get(str(e["label"]).lower(), str(e["label"]).lower()))
                   in LABEL_MAP)
    cuts = [0]
    for m in re.finditer(r"(?<=[.!?]) ", text):
        if m.end() - cuts[-1] > max_chars:
            cuts.append(m.end())
    cuts.append(len(text))
    for a, b in zip(cuts, cuts[1:]):
        inside = tuple((s - a, e - a, t) for s, e, t in spans if a <= s and e <= b)
        yield Piece(text[a:b], inside)


def to_doc(nlp: spacy.language.Language, piece: Piece, *, complete: bool) -> Doc:
    """Return a Doc with the piece's entities; other tokens are O or missing."""
    doc = nlp.make_doc(piece.text)
    ents, taken = [], set()
    for s, e, t in piece.spans:
        span = doc.char_span(s, e, label=t.upper(), alignment_mode="contract")
        if span is not None and not taken & set(range(span.start, span.end)):
            ents.append(span)
            taken |= set(range(span.start, span.end))
    doc.set_ents(ents, default="outside" if complete else "missing")
    return doc


def build_docbins(shared_data: Path, out_dir: Path, *, seed: int = 0) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy``; return how many docs each corpus gave."""
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    train, counts = DocBin(), {}
    for name, (rel, complete, limit) in CORPORA.items():
        path = shared_data / rel
        if not path.exists():
            continue
        docs = [to_doc(nlp, p, complete=complete) for d in read_jsonl(path) for p in pieces(d)]
        rng.shuffle(docs)
        docs = docs[:limit] if limit else docs
        for d in docs:
            train.add(d)
        counts[name] = len(docs)
    dev = DocBin()
    for d in read_jsonl(shared_data / DEV):
        for p in pieces(d):
            dev.add(to_doc(nlp, p, complete=True))
    out_dir.mkdir(parents=True, exist_ok=True)
    train.to_disk(out_dir / "train.spacy")
    dev.to_disk(out_dir / "dev.spacy")
    counts["dev"] = len(dev)
    return counts


def config_path() -> Path:
    """Return the training config that ships with kg."""
    from importlib import resources

    return Path(str(resources.files("kg") / "configs" / "ner.cfg"))


def train(shared_data: Path, work_dir: Path, model_dir: Path) -> dict[str, int]:
    """Build the training data, run ``spacy train``, copy the best model to ``model_dir``."""
    import shutil

    from spacy.cli.train import train as spacy_train

    counts = build_docbins(shared_data, work_dir / "corpus")
    spacy_train(config_path(), work_dir / "output", use_gpu=-1, overrides={
        "paths.train": str(work_dir / "corpus" / "train.spacy"),
        "paths.dev": str(work_dir / "corpus" / "dev.spacy")})
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(work_dir / "output" / "model-best", model_dir)
    return counts
