import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.exporters import all_exporters
from kg.sources import all_readers
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "daily_papers_example.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("command", [[], ["build"], ["extract"], ["formats"]])
def test_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_build_writes_every_default_output_and_a_summary(tmp_path):
    result = run("build", EXAMPLE, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert re.search(r"^14 papers, \d+ entities", result.output, re.M)
    for line in ("method", "dataset", "task", "metric"):
        assert re.search(rf"^\s+{line}\s+\d+\s+top: \S", result.output, re.M)
    assert {p.name for p in tmp_path.iterdir()} == {"graph.ttl", "graph.html", "graph.graphml",
                                                    "store"}


def test_build_twice_gives_identical_files(tmp_path):
    run("build", EXAMPLE, "-o", tmp_path / "a", "-q")
    run("build", EXAMPLE, "-o", tmp_path / "b", "-q")
    for name in ("graph.ttl", "graph.graphml", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_extract_writes_the_contract(tmp_path):
    out = tmp_path / "pred.jsonl"
    assert run("extract", EXAMPLE, "-o", out).exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 14
    assert {"id", "title", "entities", "mentions"} <= set(records[0])


def test_formats_lists_every_reader_and_exporter():
    output = run("formats").output
    for name in [*all_readers(), *all_exporters()]:
        assert name in output


def test_errors_are_one_line_messages(tmp_path, capsys):
    from kg.cli import main
    import sys

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok"}\n{oops\n')
    sys.argv = ["kg", "extract", str(bad), "-o", str(tmp_path / "x.jsonl")]
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.strip() == f"kg: error: {bad}:2: not JSON: Expecting property name enclosed in double quotes"
    assert not (tmp_path / "x.jsonl").exists()


def test_skip_bad_reports_and_builds_the_rest(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "Good Paper", "abstract": "We use ResNet."}\n{oops\n')
    result = CliRunner().invoke(cli, ["build", str(bad), "-o", str(tmp_path / "o"), "--skip-bad"])
    assert result.exit_code == 0
    assert "skipped 1 bad record(s)" in result.output and "bad.jsonl:2" in result.output
    assert "1 papers" in result.output


def test_unknown_output_format_fails_before_work(tmp_path):
    from kg.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="valid: csv, gexf, graphml, html, jsonld"):
        run("build", DATA / "papers.jsonl", "-o", tmp_path, "--outputs", "docx")


def test_readme_documents_every_command_and_format():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in cli.commands:
        assert f"kg {command}" in readme, command
    for name in [*all_readers(), *all_exporters()]:
        assert f"`{name}`" in readme, name


def test_python_dash_m_kg():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "0.1.0" in out.stdout
