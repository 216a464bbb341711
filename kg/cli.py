"""The ``kg`` command line: a thin layer over :mod:`kg.pipeline` (the only module using click)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from tqdm import tqdm

from kg import __version__
from kg.errors import KGError, RecordError
from kg.files import replace_atomically
from kg.pipeline import DEFAULT_OUTPUTS, extraction_records, read, run_extraction, summary
from kg.pipeline import build as pipeline_build

PROGRESS_DELAY = 2.0  # seconds before a progress bar appears


def _input_options(f):
    f = click.option("--skip-bad", is_flag=True,
                     help="Skip malformed records (and report how many) instead of stopping.")(f)
    f = click.option("--year", type=int, default=None,
                     help="Year of a Daily Papers listing whose dates omit it.")(f)
    f = click.option("--format", "fmt", default=None, metavar="NAME",
                     help="Input format (default: detected from suffix and content; "
                          "see `kg formats`).")(f)
    f = click.option("--pipeline", default="fast", show_default=True,
                     help="Extraction pipeline.")(f)
    f = click.option("--overrides", "overrides_path", default=None,
                     type=click.Path(dir_okay=False, path_type=Path),
                     help="TOML file of names to merge and to block  "
                          "[default: kg-overrides.toml here, if it exists].")(f)
    return click.argument("inputs", nargs=-1, required=True,
                          type=click.Path(path_type=Path))(f)


def _progress(total: int | None, quiet: bool):
    def wrap(stream: Iterator) -> Iterator:
        return tqdm(stream, total=total, unit="paper", delay=PROGRESS_DELAY, file=sys.stderr,
                    disable=quiet, desc="extracting")
    return wrap


def _report_skipped(skipped: list[RecordError]) -> None:
    if skipped:
        click.echo(f"skipped {len(skipped)} bad record(s):", err=True)
        for e in skipped[:20]:
            click.echo(f"  {e}", err=True)


def _overrides(path: Path | None, quiet: bool):
    from kg.overrides import load_overrides

    overrides = load_overrides(path)
    if overrides.path and not quiet:
        click.echo(f"overrides from {overrides.path}: {len(overrides.merges)} merge(s), "
                   f"{len(overrides.blocked)} blocked name(s)", err=True)
    return overrides


def _read_and_extract(inputs, fmt, year, skip_bad, pipeline, overrides_path, quiet):
    overrides = _overrides(overrides_path, quiet)
    papers, skipped = read(inputs, format=fmt, year=year, skip_bad=skip_bad)
    _report_skipped(skipped)
    return run_extraction(papers, pipeline=pipeline, overrides=overrides,
                          progress=_progress(len(papers), quiet))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph of methods, datasets, tasks and metrics from papers."""


@cli.command()
@_input_options
@click.option("-o", "--out", "out_dir", default="outputs", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output directory.")
@click.option("--outputs", default=",".join(DEFAULT_OUTPUTS), show_default=True,
              help="Comma-separated output formats (see `kg formats`).")
@click.option("--store", "store_dir", default=None, type=click.Path(path_type=Path),
              help="Oxigraph store to add the papers to  [default: OUT/store].")
@click.option("--no-store", is_flag=True, help="Do not update a store.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(inputs, fmt, year, skip_bad, pipeline, overrides_path, out_dir, outputs, store_dir,
          no_store, quiet) -> None:
    """Build the graph of INPUT files: write the outputs and add the papers to the store.

    Adding papers to an existing store is incremental and idempotent: a paper added again
    replaces what it contributed before.
    """
    names = [n.strip() for n in outputs.split(",") if n.strip()]
    store = None if no_store else (store_dir or out_dir / "store")
    data, written, skipped = pipeline_build(
        inputs, out_dir, outputs=names, store=store, format=fmt, year=year, skip_bad=skip_bad,
        pipeline=pipeline, overrides=_overrides(overrides_path, quiet),
        progress=_progress(None, quiet))
    _report_skipped(skipped)
    if not quiet:
        _print_summary(summary(data), written)


def _print_summary(s: dict, written: dict) -> None:
    click.echo(f"{s['papers']} papers, {s['entities']} entities, "
               f"{s['relations']} relations, {s['mentions']} mentions")
    for t, info in s["types"].items():
        top = ", ".join(f"{name} ({n})" for name, n in info["top"])
        click.echo(f"  {t:8} {info['count']:5}  top: {top}")
    for name, path in written.items():
        click.echo(f"  wrote {name:8} {path}")


@cli.command()
@_input_options
@click.option("-o", "--out", "out_file", required=True, type=click.Path(path_type=Path),
              help="JSON Lines file to write (one line a paper).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def extract(inputs, fmt, year, skip_bad, pipeline, overrides_path, out_file, quiet) -> None:
    """Extract entities and mentions of INPUT files as JSON Lines (the extraction contract)."""
    data = _read_and_extract(inputs, fmt, year, skip_bad, pipeline, overrides_path, quiet)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as f:
            for record in extraction_records(data):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")

    replace_atomically(out_file, write)
    if not quiet:
        click.echo(f"{len(data.papers)} papers, {len(data.entities)} entities -> {out_file}")


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--name", "query_name", default=None, help="Run a named query (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]), help="Result format.")
def query(source, sparql, query_name, list_queries, fmt) -> None:
    """Run a SPARQL query on SOURCE, a store directory or an RDF file.

    Prefixes kg, kgr, dcterms, skos, schema, fabio, prov, void, rdf, rdfs, xsd, owl and
    lpwcc are declared. With --name, SPARQL is the named query's argument, as in
    `kg query outputs/store --name datasets-for-task super-resolution`.
    """
    from kg import query as q

    if list_queries:
        for nq in q.NAMED_QUERIES.values():
            click.echo(f"{nq.name:22} {nq.argument or '':8} {nq.description}")
        return
    store = q.open_source(source)
    if query_name:
        results = q.run_named(store, query_name, sparql)
    elif sparql:
        results = q.run(store, sparql)
    else:
        raise click.UsageError("give a SPARQL query, or --name NAME, or --list")
    click.echo(q.format_results(results, fmt), nl=False)


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default answers this machine only.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10_000, show_default=True,
              help="Most solutions or triples one answer returns.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates (off: read-only).")
def serve(store, port, host, timeout, max_rows, allow_update) -> None:
    """Serve STORE as a SPARQL 1.1 endpoint at http://HOST:PORT/sparql (Ctrl-C stops)."""
    from kg.serve import ServerOptions, make_server

    options = ServerOptions(host=host, port=port, timeout=timeout, max_rows=max_rows,
                            allow_update=allow_update)
    server, pool = make_server(store, options)
    click.echo(f"SPARQL endpoint: http://{host}:{server.server_address[1]}/sparql "
               f"({'updates allowed' if allow_update else 'read-only'}; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", required=True, type=click.Path(path_type=Path),
              help="File to write; its suffix picks the format (.nq .trig .ttl .nt .jsonld .rdf).")
def export(store, out_file) -> None:
    """Write everything in STORE (all builds so far) to one RDF file."""
    from kg.store import open_store
    from kg.store_read import dump

    path = dump(open_store(store, read_only=True), out_file)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("source", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", default="outputs/view.html", show_default=True,
              type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--kind", type=click.Choice(["full", "cooccurrence", "around"]), default=None,
              help="full: papers and entities; cooccurrence: entities linked by shared "
                   "papers; around: the neighbourhood of --around  [default: full].")
@click.option("--around", "around", default=None, metavar="NAME",
              help="Show the neighbourhood of this entity (name or alias).")
@click.option("--depth", default=1, show_default=True, help="Paper hops for --around.")
@click.option("--max-nodes", default=5000, show_default=True,
              help="Keep the most supported entities above this many nodes.")
@click.option("--format", "fmt", default=None, metavar="NAME", help="Input format of SOURCE files.")
def view(source, out_file, kind, around, depth, max_nodes, fmt) -> None:
    """Write an interactive HTML view of SOURCE: a store directory or input files.

    `kg view outputs/store --around DDIM --depth 2` shows what surrounds one entity;
    `kg view outputs/store --kind cooccurrence` shows entities linked by shared papers.
    """
    from kg.exporters.html import write_html
    from kg.view import ViewOptions

    if len(source) == 1 and source[0].is_dir():
        from kg.store import open_store
        from kg.store_read import load_data

        data = load_data(open_store(source[0], read_only=True))
    else:
        papers, _ = read(source, format=fmt)
        data = run_extraction(papers)
    options = ViewOptions(kind=kind or ("around" if around else "full"), around=around,
                          depth=depth, max_nodes=max_nodes)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(out_file, lambda tmp: write_html(data, tmp, options))
    click.echo(f"wrote {out_file} ({options.kind} view)")


@cli.command(name="eval")
@click.option("--gold", "gold", type=click.Path(path_type=Path), default=None,
              help="Gold file in the document-level format (title + entities a line).")
@click.option("--docs", "docs", type=click.Path(path_type=Path), multiple=True,
              help="A .docs.jsonl corpus to score span-exact (repeatable).")
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--pipeline", default="fast", show_default=True, help="Extraction pipeline.")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
def evaluate(gold, docs, limit, pipeline, inputs) -> None:
    """Score extraction: INPUTS against --gold, and/or span-exact on --docs corpora.

    `kg eval --gold ../shared/gold/daily_papers_dev.gold.jsonl ../shared/corpus/daily_papers_dev.txt`
    scores method/dataset/task per type as the shared scorer does; `--docs` scores spans.
    Both print throughput (abstracts per second, one process).
    """
    import time as _time

    from kg import evaluate as ev
    from kg.extract import load_pipeline

    if not gold and not docs:
        raise click.UsageError("give --gold GOLD INPUT... and/or --docs CORPUS.docs.jsonl")
    if gold:
        if not inputs:
            raise click.UsageError("--gold needs the INPUT files it annotates")
        papers, _ = read(inputs)
        started = _time.perf_counter()
        data = run_extraction(papers, pipeline=pipeline)
        rate = len(papers) / (_time.perf_counter() - started)
        rows = ev.score_documents(list(ev.read_jsonl(gold)), extraction_records(data))
        click.echo(f"{gold} ({len(papers)} papers, {rate:.0f} abstracts/s incl. pipeline load)")
        click.echo(ev.format_scores(rows))
    nlp = load_pipeline(pipeline) if docs else None
    for path in docs:
        corpus = list(ev.read_jsonl(path))[:limit]
        scores = ev.score_corpus(nlp, corpus)
        click.echo(f"{path} ({len(corpus)} documents, {scores.rate:.0f} documents/s "
                   "through extraction, linking and relations)")
        click.echo("entities, span-exact:\n" + ev.format_scores(scores.spans))
        if scores.relations:
            click.echo("relations, exact arguments:\n" + ev.format_scores(scores.relations))
            click.echo("relations given the gold entities:\n"
                       + ev.format_scores(scores.relations_on_gold))


@cli.command(name="train")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("../shared/data"),
              show_default=True, help="Folder of the public training corpora.")
@click.option("--work", "work_dir", type=click.Path(path_type=Path), default=Path("outputs/train"),
              show_default=True, help="Where the training data and checkpoints go.")
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None,
              help="Where the trained model goes  [default: kg/models/ner, the shipped one].")
@click.option("--init-tok2vec/--no-init-tok2vec", default=True, show_default=True,
              help="Start from en_core_web_sm's NER token vectors (pip install -e '.[train]').")
@click.option("--max-steps", type=int, default=None,
              help="Stop after this many updates  [default: the config's epochs and patience].")
def train_command(data_dir, work_dir, model_dir, init_tok2vec, max_steps) -> None:
    """Train kg's NER model on the public corpora (SciERC, SciREX, TDMSci, Heddes)."""
    from kg.extract.nlp import MODEL_DIR
    from kg.train import INIT_TOK2VEC, train

    if not data_dir.is_dir():
        raise click.UsageError(f"{data_dir}: no such folder (the public corpora are needed)")
    counts = train(data_dir, work_dir, model_dir or MODEL_DIR,
                   init_tok2vec=INIT_TOK2VEC if init_tok2vec else None,
                   overrides={"training.max_steps": max_steps} if max_steps else None)
    click.echo("trained on " + ", ".join(f"{k}: {v}" for k, v in counts.items()))


@cli.command()
def formats() -> None:
    """List the input formats and output formats kg knows."""
    from kg.exporters import all_exporters
    from kg.sources import all_readers

    click.echo("input formats (--format):")
    for r in all_readers().values():
        click.echo(f"  {r.name:13} {' '.join(r.suffixes):14} {r.description}")
    click.echo("output formats (--outputs):")
    for e in all_exporters().values():
        click.echo(f"  {e.name:13} {e.filename:14} {e.description}")


def main() -> None:
    """Run the CLI, turning kg's errors into one-line messages and exit code 1."""
    try:
        cli.main(standalone_mode=False)
    except KGError as e:
        click.echo(f"kg: error: {e}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
