import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import normalize as n

TEXT = st.text(min_size=0, max_size=40)


@given(TEXT)
def test_fold_is_idempotent(s):
    assert n.fold(n.fold(s)) == n.fold(s)


@given(TEXT)
def test_prose_fold_is_idempotent_and_keeps_em_dashes_spaced(s):
    once = n.fold(s, prose=True)
    assert n.fold(once, prose=True) == once
    assert n.fold("QuillNet\u2014a model", prose=True) == "QuillNet \u2014 a model"
    assert n.fold("QuillNet\u2014a model") == "QuillNet-a model"  # titles: a hyphen


@given(TEXT)
def test_match_key_is_idempotent(s):
    assert n.match_key(n.match_key(s)) == n.match_key(s)


@given(st.text(alphabet=st.characters(min_codepoint=97, max_codepoint=122), min_size=1,
               max_size=15))
def test_singular_is_idempotent(word):
    assert n.singular(n.singular(word)) == n.singular(word)


@given(TEXT, st.sampled_from(["method", "dataset", "task", "metric"]))
def test_entity_ids_are_iri_safe(name, etype):
    eid = n.entity_id(etype, name)
    assert re.fullmatch(rf"{etype}/[a-z0-9]+(-[a-z0-9]+)*", eid), eid


@pytest.mark.parametrize("word,expected", [
    ("models", "model"), ("GANs", "GAN"), ("LoRAs", "LoRA"), ("ODEs", "ODE"),
    ("studies", "study"), ("approaches", "approach"), ("analysis", "analysis"),
    ("data", "data"), ("flows", "flow"), ("encoder-decoders", "encoder-decoder"),
    ("loss", "loss"), ("AO-ARMs", "AO-ARM"), ("CIFAR-10", "CIFAR-10"),
    ("CRPS", "CRPS"), ("LPIPS", "LPIPS"),  # a capital S is the acronym's own
])
def test_singular(word, expected):
    assert n.singular(word) == expected


@pytest.mark.parametrize("a,b", [
    ("Super-Resolution", "super resolution"), ("diffusion models", "Diffusion Model"),
    ("the U-Net", "UNet".replace("UNet", "U Net")), ("auto\u2011encoder", "auto-encoder"),
    ("BCs", "BC"), ("optimal BCs", "optimal BC"),  # a short acronym's plural (was "bcs")
    ("$\\text{S}^3$Diff", "S$^3$Diff"), ("\\mathbf{Mask}^2DiT", "Mask^2DiT"),  # LaTeX
])
def test_match_key_merges_variants(a, b):
    assert n.match_key(a) == n.match_key(b)


@pytest.mark.parametrize("surface,expected", [
    ("Diffusion Models", "diffusion model"), ("CIFAR-10", "CIFAR-10"),
    ("Image Super-Resolution", "image super-resolution"), ("DiT", "DiT"),
    ("One-Step Video Generation", "one-step video generation"), ("GANs", "GAN"),
    ("CRPS", "CRPS"),
])
def test_canonical_name_follows_the_guideline(surface, expected):
    assert n.canonical_name(surface) == expected


def test_canonical_name_keeps_proper_plural_names():
    assert n.canonical_name("Concept Sliders", keep_case=True) == "Concept Sliders"


@pytest.mark.parametrize("text,expected", [
    ("http://arxiv.org/abs/2305.08891v3", "2305.08891"), ("arXiv:2401.00001", "2401.00001"),
    ("hep-th/9901001", "hep-th/9901001"), ("no id here", None), (None, None),
])
def test_parse_arxiv_id(text, expected):
    assert n.parse_arxiv_id(text) == expected


def test_paper_id_prefers_arxiv_and_ignores_title_noise():
    assert n.paper_id("Any", "2401.00001") == "arxiv-2401.00001"
    assert n.paper_id("Deep  Residual Learning!") == n.paper_id("deep residual learning")


def test_initials_count_hyphen_parts_as_words():
    from kg.normalize import initials
    assert initials("Bayesian Flow Networks") == "BFN"
    assert initials(" Fukunaga-Koontz  transform ") == "FKT"
    assert initials("") == ""


def test_a_plus_in_a_name_is_spelled_out_in_its_id():
    assert n.entity_id("method", "PointNet++") == "method/pointnet-plus-plus"
    assert n.entity_id("method", "PointNet++") != n.entity_id("method", "PointNet")
    assert n.entity_id("dataset", "ScanNet") == "dataset/scannet"


def test_a_greek_letter_in_a_name_is_spelled_out_in_its_id():
    # "π0" had the id method/0 and "β-DPO" the id of DPO
    assert n.entity_id("method", "π0") == n.entity_id("method", "pi0") == "method/pi0"
    assert n.entity_id("method", "β-DPO") == "method/beta-dpo" != n.entity_id("method", "DPO")
    assert n.entity_id("method", "PixArt-α") != n.entity_id("method", "PixArt-Σ")
