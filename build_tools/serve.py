"""Serve the built site on 127.0.0.1 the way GitHub Pages does: gzip, and a ten-minute cache.

Python's own http.server guesses MIME types from the system, and a module worker or
`.wasm` with the wrong type makes Pyodide hang, so the types here are fixed.
With --headers it serves the site as a host that reads the build's `_headers` file does
(build_tools/headers.py): each response gets the headers of every rule matching its path,
including the Content-Security-Policy header and that file's Cache-Control.
Usage: python build_tools/serve.py [--port 8000] [--dir site] [--headers]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

if __package__ in (None, ""):  # run as a script: build_tools/serve.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from build_tools import headers as site_headers  # noqa: E402

TYPES = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": "application/json", ".wasm": "application/wasm", ".zip": "application/zip",
    ".whl": "application/zip", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
    ".woff2": "font/woff2", ".webmanifest": "application/manifest+json", ".gz": "application/gzip",
}
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".txt", ".ics")


@functools.lru_cache(maxsize=256)
def _gzipped_file(path: Path, stamp: tuple[int, int]) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _gzipped(path: Path) -> bytes:
    """Compressed once per version of a file, as a CDN keeps it: compressing the 9.6 MB wasm on
    every request took about half a second of the same CPU the browser was using."""
    status = path.stat()
    return _gzipped_file(path, (status.st_mtime_ns, status.st_size))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = TYPES
    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not found")
            return None
        encoded = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        body = _gzipped(path) if encoded else path.read_bytes()
        extra = dict(self._file_headers())
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", extra.pop("Cache-Control", "max-age=600"))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self._body = body
        return True

    def _file_headers(self) -> list[tuple[str, str]]:
        if not self.server.apply_headers:
            return []
        rules = _header_rules(Path(self.directory) / site_headers.FILE)
        return site_headers.for_path(rules, unquote(urlsplit(self.path).path))

    def copyfile(self, source, outputfile):
        outputfile.write(self._body)

    def do_GET(self):
        if self.send_head():
            self.wfile.write(self._body)

    def do_HEAD(self):
        self.send_head()

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)


def _header_rules(path: Path) -> list:
    """The site's _headers rules, read again whenever the file changes (the tests start the
    server before they build the site into its folder). No file: no rules."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return []
    return _parsed_headers(path, (status.st_mtime_ns, status.st_size))


@functools.lru_cache(maxsize=8)
def _parsed_headers(path: Path, stamp: tuple[int, int]) -> list:
    return site_headers.parse(path.read_text(encoding="utf-8"))


class QuietServer(http.server.ThreadingHTTPServer):
    apply_headers = False  # start() sets it; a server made directly (bench/run.py) serves as GitHub Pages does

    def handle_error(self, request, client_address):
        # A browser that closes (after each test or benchmark run) drops its open connections;
        # that is not news, and a traceback for it would hide real errors in the log.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def start(directory: Path, port: int = 0, verbose: bool = False,
          headers: bool = False) -> http.server.ThreadingHTTPServer:
    """Start serving in a background thread; port 0 picks a free one (server.server_port).
    `headers`: apply the site's own _headers file, as a static host that reads it does."""
    server = QuietServer(("127.0.0.1", port), partial(SiteHandler, directory=str(directory)))
    server.verbose = verbose
    server.apply_headers = headers
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--headers", action="store_true",
                        help="send the headers of the site's _headers file, as Cloudflare Pages or Netlify would")
    args = parser.parse_args()
    server = start(args.dir, args.port, verbose=True, headers=args.headers)
    print(f"Centre Guide is at http://127.0.0.1:{server.server_port}/  (Ctrl+C stops it)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
