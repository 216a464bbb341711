import spacy

from kg.train import Piece, pieces, to_doc


def test_pieces_cut_at_sentence_ends_and_keep_offsets():
    text = "First sentence about BERT. Second one on COCO. Third on SQuAD."
    doc = {"text": text, "entities": [
        {"start": 21, "end": 25, "label": "Method"}, {"start": 41, "end": 45, "label": "Material"},
        {"start": 56, "end": 61, "label": "Generic"}]}
    out = list(pieces(doc, max_chars=30))
    assert len(out) >= 2 and "".join(p.text for p in out) == text
    found = [(p.text[s:e], t) for p in out for s, e, t in p.spans]
    assert found == [("BERT", "method"), ("COCO", "dataset")]  # Generic is not an entity


def test_partial_corpora_leave_unlabelled_tokens_missing():
    nlp = spacy.blank("en")
    piece = Piece("We evaluate BERT on SQuAD .", ((20, 25, "dataset"),))
    complete = to_doc(nlp, piece, complete=True)
    partial = to_doc(nlp, piece, complete=False)
    assert [t.ent_iob_ for t in complete] == ["O", "O", "O", "O", "B", "O"]
    assert [t.ent_iob_ for t in partial] == ["", "", "", "", "B", ""]  # "" is missing
    assert [e.label_ for e in partial.ents] == ["DATASET"]


def test_misaligned_spans_are_contracted_or_dropped():
    nlp = spacy.blank("en")
    doc = to_doc(nlp, Piece("A ResNet-50x model", ((2, 8, "method"),)), complete=True)
    assert [e.text for e in doc.ents] in ([], ["ResNet"])  # never a span that cuts a token


def test_tok2vec_initialisation_copies_weights_or_says_what_to_install():
    import importlib.util

    import numpy
    import pytest
    import spacy

    from kg.train import INIT_TOK2VEC, config_path, init_tok2vec_from

    config = spacy.util.load_config(config_path())
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner", config={"model": config["components"]["ner"]["model"]})
    for label in ("METHOD", "TASK"):
        ner.add_label(label)
    nlp.initialize()
    assert init_tok2vec_from(None)(nlp) is nlp  # nothing asked: nothing changes
    with pytest.raises(OSError, match="not installed"):
        init_tok2vec_from("no_such_spacy_package_kg")(nlp)
    if importlib.util.find_spec(INIT_TOK2VEC) is None:
        pytest.skip(f"{INIT_TOK2VEC} is not installed (pip install -e '.[train]')")
    source = spacy.load(INIT_TOK2VEC).get_pipe("ner").model.get_ref("tok2vec")
    init_tok2vec_from(INIT_TOK2VEC)(nlp)
    mine = nlp.get_pipe("ner").model.get_ref("tok2vec")
    for a, b in zip(mine.walk(), source.walk()):
        for name in a.param_names:
            assert numpy.array_equal(a.get_param(name), b.get_param(name))
