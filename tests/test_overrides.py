"""The user override file: merges and blocks that the next run honours."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.extract.gazetteer import load_gazetteer
from kg.overrides import load_overrides
from kg.pipeline import run_extraction
from tests.conftest import make_paper

PAPERS = [make_paper("A", "We propose FogNet for object detection, unlike ResNet."),
          make_paper("B", "The FN-2 detector is fast on COCO.")]

FILE = """
block = ["ResNet", "dataset: object detection"]

[[merge]]
type = "method"
names = ["FogNet", "FN-2"]
"""


def entity_names(data):
    return {e.name: e for e in data.entities}


def test_merge_makes_one_entity_and_says_why(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text(FILE)
    before = entity_names(run_extraction(PAPERS))
    assert "FN-2" in before or "FN-2 detector" in before  # two things without the file
    data = run_extraction(PAPERS, overrides=load_overrides(path))
    fog = entity_names(data)["FogNet"]
    assert fog.support == 2 and {"fn-2", "fognet"} <= {a.lower() for a in fog.aliases}
    assert any("override file" in r and str(path) in r for r in fog.merged_because)


def test_block_drops_a_name_for_every_type_or_for_one(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text(FILE)
    names = entity_names(run_extraction(PAPERS, overrides=load_overrides(path)))
    assert "ResNet" not in names
    assert "object detection" in names  # blocked only as a dataset; it is a task


def test_merge_folds_gazetteer_entries_keeping_the_first_id(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text('[[merge]]\ntype = "method"\nnames = ["DDPM", "DDIM"]\n')
    entries = load_overrides(path).apply(load_gazetteer())
    [merged] = [e for e in entries if "DDIM" in e.forms]
    assert merged.id == "method/ddpm" and merged.name == "DDPM" and "DDPM" in merged.forms
    assert not any(e.id == "method/ddim" for e in entries)
    assert len(entries) == len(load_gazetteer()) - 1


@pytest.mark.parametrize("text, line, message", [
    ('block = ["a"\n', 1, "not valid TOML"),
    ('block = ["a"]\ncolour = 1\n', 2, "unknown key 'colour'"),
    ('[[merge]]\ntype = "method"\nnames = ["a"]\n', 1, "at least two names"),
    ('block = []\n[[merge]]\ntype = "model"\nnames = ["a", "b"]\n', 2, "unknown type 'model'"),
    ('block = [1]\n', 1, "list of names"),
])
def test_bad_files_name_the_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "o.toml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_overrides(path)
    assert str(path) in str(err.value) and f":{line}" in str(err.value)
    assert message in str(err.value)


def test_the_next_run_honours_the_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text("".join(
        json.dumps({"title": p.title, "abstract": p.abstract}) + "\n" for p in PAPERS))
    run = lambda: CliRunner().invoke(cli, ["extract", "in.jsonl", "-o", "out.jsonl"])
    names = lambda: {e["name"] for line in open(tmp_path / "out.jsonl")
                     for e in json.loads(line)["entities"]}
    assert run().exit_code == 0 and "ResNet" in names()
    (tmp_path / "kg-overrides.toml").write_text(FILE)
    result = run()
    assert result.exit_code == 0, result.output
    assert "overrides from kg-overrides.toml: 1 merge(s), 2 blocked" in result.output
    assert "ResNet" not in names()


def test_the_shipped_example_file_parses():
    from tests.conftest import ROOT

    o = load_overrides(ROOT / "examples" / "kg-overrides.example.toml")
    assert len(o.merges) == 2 and len(o.blocked) == 2
    entries = o.apply(load_gazetteer())
    [sd] = [e for e in entries if "SD-XL" in e.forms]
    assert sd.id == "method/stable-diffusion"  # folded into the gazetteer's entry
