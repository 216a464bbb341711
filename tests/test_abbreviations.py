import pytest

from kg.extract.abbreviations import best_long_form, find_abbreviations, is_short_form


@pytest.mark.parametrize("text,short,long", [
    ("We use Group Relative Policy Optimization (GRPO) here.", "GRPO",
     "Group Relative Policy Optimization"),
    ("a K-nearest neighbor (KNN) selection", "KNN", "K-nearest neighbor"),
    ("any-order autoregressive models (AO-ARMs) are", "AO-ARMs", "any-order autoregressive models"),
    ("the model (ViT) of", None, None),
    ("results (see Table 1) show", None, None),
    ("trained with low-rank adaptation (LoRA) adapters", "LoRA", "low-rank adaptation"),
    ("SGD (stochastic gradient descent) is", "SGD", "stochastic gradient descent"),
    # a bracket after a clause's end opens a new clause: an item number, no short form
    ("instead of being discarded; (III) structured reward modeling", None, None),
])
def test_definitions(text, short, long):
    found = list(find_abbreviations(text))
    if short is None:
        assert found == []
        return
    assert [(a.short, a.long) for a in found] == [(short, long)]
    a = found[0]
    assert text[a.short_start:a.short_end] == a.short
    assert text[a.long_start:a.long_end] == a.long


def test_first_letter_must_start_a_word():
    # "H" occurs inside "with" but the short form's first letter must begin a word.
    assert best_long_form("HR", "with resolution") is None


def test_short_form_conditions():
    assert is_short_form("DDIM") and is_short_form("AO-ARMs")
    assert not is_short_form("ours") and not is_short_form("a very long phrase")


def test_component_types_uses_of_a_defined_acronym(nlp):
    doc = nlp("Title\n\nWe study optimal transport (OT). OT is slow, so we approximate OT.")
    pairs = [(s.text, l.text) for s, l in doc._.kg_abbreviations]
    assert pairs == [("OT", "optimal transport")]
    ot = [s for s in doc.spans["kg"] if s.text == "OT"]
    assert len(ot) == 3 and {s.label_ for s in ot} == {"METHOD"}


@pytest.mark.parametrize("text,pairs", [
    # a long form written right before its acronym, no brackets: its capitalised words'
    # initials spell the acronym (a plural acronym's "s" aside)
    ("We build a Multi-Quill Relational Benchmark MQRB to test them.",
     [("MQRB", "Multi-Quill Relational Benchmark")]),
    ("We ask Large Quill Models LQMs to answer.", [("LQMs", "Large Quill Models")]),
    # initials that do not spell it, or a sentence start between, define nothing
    ("We train Quill Net SGD on data.", []),
    ("It uses Quill Nets. QN is fast.", []),
])
def test_an_acronym_right_after_its_capitalised_long_form(nlp, text, pairs):
    doc = nlp("Title\n\n" + text)
    assert [(s.text, l.text) for s, l in doc._.kg_abbreviations] == pairs
