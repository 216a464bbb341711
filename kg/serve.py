"""A SPARQL 1.1 Protocol endpoint over a kg store: ``http://127.0.0.1:PORT/sparql``.

* GET ``?query=``, POST form (``query=``) and POST ``application/sparql-query``;
* content negotiation: SPARQL results as JSON, XML, CSV, TSV; graphs as Turtle, N-Triples,
  JSON-LD, RDF/XML;
* read-only: updates are refused (403) unless the server was started with updates allowed;
* a timeout: every query runs in a worker process, killed (and replaced) when it overruns,
  because Oxigraph queries cannot be interrupted from Python;
* a result cap: at most ``max_rows`` solutions or triples are returned;
* bound to 127.0.0.1 unless told otherwise; ``/`` serves a small query page.
"""

from __future__ import annotations

import html
import json
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from kg.rdf import PREFIXES

SELECT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
               "application/rdf+xml": "rdf"}


@dataclass(frozen=True)
class ServerOptions:
    """How the endpoint behaves."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000
    allow_update: bool = False
    workers: int = 2


# ---------------------------------------------------------------- worker process side
def _worker(store_path: str, allow_update: bool, conn) -> None:
    """Run queries sent over ``conn`` against the store; one request at a time."""
    import pyoxigraph as ox

    store = ox.Store(store_path) if allow_update else ox.Store.read_only(store_path)
    while True:
        request = conn.recv()
        if request is None:
            return
        try:
            conn.send(_execute(ox, store, *request))
        except Exception as e:  # report any failure to the parent as a 400
            conn.send((400, "text/plain; charset=utf-8", f"{type(e).__name__}: {e}".encode()))


def _execute(ox, store, kind: str, text: str, accept: str, max_rows: int):
    if kind == "update":
        store.update(text, prefixes=PREFIXES)
        return 200, "text/plain; charset=utf-8", b"update done\n"
    result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        ctype, fmt = _negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
        return 200, ctype, result.serialize(format=_results_format(ox, fmt))
    if isinstance(result, ox.QueryTriples):
        ctype, fmt = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        triples = [t for _, t in zip(range(max_rows), result)]
        return 200, ctype, ox.serialize(triples, format=ox.RdfFormat.from_extension(fmt))
    ctype, fmt = _negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
    names = [v.value for v in result.variables]
    rows = [row for _, row in zip(range(max_rows + 1), result)]
    truncated = len(rows) > max_rows
    body = _write_solutions(names, rows[:max_rows], fmt)
    return 200, ctype + ("; truncated=true" if truncated else ""), body


def _results_format(ox, fmt: str):
    return {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]


def _negotiate(accept: str, types: dict[str, str], default: str) -> tuple[str, str]:
    """Return (content type, format) for an Accept header, by quality then order."""
    ranked = []
    for i, part in enumerate(accept.split(",") if accept else []):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            if p.strip().startswith("q="):
                try:
                    q = float(p.strip()[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.strip().lower()))
    for _, _, media in sorted(ranked):
        if media in types:
            return media, types[media]
    return default, types[default]


def _term_json(t) -> dict:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


def _write_solutions(names: list[str], rows: list, fmt: str) -> bytes:
    """Serialise (capped) SELECT solutions in one of the four SPARQL results formats."""
    if fmt == "json":
        bindings = [{n: _term_json(r[n]) for n in names if r[n] is not None} for r in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
    if fmt == "xml":
        return _xml(names, rows).encode()
    sep = "," if fmt == "csv" else "\t"
    lines = [sep.join(names if fmt == "csv" else [f"?{n}" for n in names])]
    for r in rows:
        cells = [_cell(r[n], fmt) for n in names]
        lines.append(sep.join(cells))
    return ("\r\n" if fmt == "csv" else "\n").join(lines).encode() + b"\n"


def _cell(t, fmt: str) -> str:
    if t is None:
        return ""
    if fmt == "tsv":
        return str(t)  # N-Triples syntax, as the TSV results format asks
    v = t.value
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v


def _xml(names: list[str], rows: list) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>" + "".join(f'<variable name="{n}"/>' for n in names) + "</head><results>"]
    for r in rows:
        out.append("<result>")
        for n in names:
            if r[n] is None:
                continue
            j = _term_json(r[n])
            tag = {"uri": "uri", "bnode": "bnode", "literal": "literal"}[j["type"]]
            attrs = "".join(f' {k}="{html.escape(j[k])}"' for k in ("xml:lang", "datatype") if k in j)
            out.append(f'<binding name="{n}"><{tag}{attrs}>{html.escape(j["value"])}</{tag}></binding>')
        out.append("</result>")
    return "".join(out) + "</results></sparql>\n"


# ---------------------------------------------------------------- server process side
class WorkerPool:
    """Worker processes that run queries; a worker that overruns its time is replaced."""

    def __init__(self, store_path: Path, options: ServerOptions) -> None:
        self._ctx = mp.get_context("spawn")
        self._path, self._options = str(store_path), options
        self._idle: queue.Queue = queue.Queue()
        # Oxigraph allows one writer, so a server that takes updates has one worker.
        for _ in range(1 if options.allow_update else options.workers):
            self._idle.put(self._start())

    def _start(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(self._path, self._options.allow_update, child),
                                 daemon=True)
        proc.start()
        return proc, parent

    def run(self, kind: str, text: str, accept: str) -> tuple[int, str, bytes]:
        proc, conn = self._idle.get()
        try:
            conn.send((kind, text, accept, self._options.max_rows))
            if conn.poll(self._options.timeout):
                result = conn.recv()
                self._idle.put((proc, conn))
                return result
        except (EOFError, OSError):
            pass
        proc.kill()
        proc.join()
        self._idle.put(self._start())
        return 503, "text/plain; charset=utf-8", (
            f"query stopped after the {self._options.timeout:g} s time limit\n".encode())

    def close(self) -> None:
        while not self._idle.empty():
            proc, conn = self._idle.get()
            proc.kill()
            proc.join()


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}textarea{width:100%%;height:12em}</style>
</head><body><h1>kg SPARQL endpoint</h1>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, %(mode)s). Declared prefixes: %(prefixes)s.
Queries see all named graphs as one default graph.</p>
<form method="get" action="sparql"><textarea name="query">SELECT ?name (COUNT(DISTINCT ?paper) AS ?papers)
WHERE { ?m a kg:Method ; skos:prefLabel ?name . ?paper kg:mentions ?m }
GROUP BY ?name ORDER BY DESC(?papers) LIMIT 20</textarea>
<p><label>Results as <select name="format"><option>json</option><option>xml</option>
<option>csv</option><option>tsv</option></select></label> <button>Run</button></p></form></body></html>
"""
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
                "nt": "application/n-triples", "jsonld": "application/ld+json"}


def make_handler(pool: WorkerPool, options: ServerOptions):
    """Return the request handler class bound to a worker pool."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/0.1"

        def log_message(self, format: str, *args) -> None:  # quiet; the CLI logs
            pass

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path in ("/", "/index.html"):
                mode = "updates allowed" if options.allow_update else "read-only"
                page = PAGE % {"mode": mode, "prefixes": ", ".join(sorted(PREFIXES))}
                return self._send(200, "text/html; charset=utf-8", page.encode())
            if url.path != "/sparql":
                return self._send(404, "text/plain", b"not found; the endpoint is /sparql\n")
            params = parse_qs(url.query)
            if "update" in params:
                return self._send(405, "text/plain", b"updates must be POSTed\n")
            self._query(params.get("query", [""])[0], params)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/sparql":
                return self._send(404, "text/plain", b"not found; the endpoint is /sparql\n")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(urlparse(self.path).query)
            if ctype == "application/sparql-query":
                return self._query(body, params)
            if ctype == "application/sparql-update":
                return self._update(body)
            form = parse_qs(body)
            if "update" in form:
                return self._update(form["update"][0])
            self._query(form.get("query", [""])[0], {**params, **form})

        def _query(self, text: str, params: dict) -> None:
            if not text.strip():
                return self._send(400, "text/plain", b"missing query\n")
            accept = FORMAT_PARAM.get(params.get("format", [""])[0]) or self.headers.get("Accept", "")
            self._send(*pool.run("query", text, accept))

        def _update(self, text: str) -> None:
            if not options.allow_update:
                return self._send(403, "text/plain", b"this endpoint is read-only\n")
            self._send(*pool.run("update", text, ""))

    return Handler


def make_server(store_path: str | Path, options: ServerOptions = ServerOptions()
                ) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """Return a ready (not yet serving) HTTP server and its worker pool."""
    from kg.store import open_store

    path = Path(store_path)
    open_store(path, read_only=True)  # fail early with kg's clear errors
    pool = WorkerPool(path, options)
    server = ThreadingHTTPServer((options.host, options.port), make_handler(pool, options))
    server.daemon_threads = True
    return server, pool


def serve_in_thread(store_path: str | Path, options: ServerOptions = ServerOptions()):
    """Start a server on a background thread; return (server, pool, thread) (for tests)."""
    server, pool = make_server(store_path, options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, pool, thread
