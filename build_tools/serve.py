"""Serve the built site on 127.0.0.1 the way GitHub Pages does: gzip, and a ten-minute cache.

Python's own http.server guesses MIME types from the system, and a module worker or
`.wasm` with the wrong type makes Pyodide hang, so the types here are fixed.
Usage: python build_tools/serve.py [--port 8000] [--dir site]
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
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self._body = body
        return True

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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes (after each test or benchmark run) drops its open connections;
        # that is not news, and a traceback for it would hide real errors in the log.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def start(directory: Path, port: int = 0, verbose: bool = False) -> http.server.ThreadingHTTPServer:
    """Start serving in a background thread; port 0 picks a free one (server.server_port)."""
    server = QuietServer(("127.0.0.1", port), partial(SiteHandler, directory=str(directory)))
    server.verbose = verbose
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    args = parser.parse_args()
    server = start(args.dir, args.port, verbose=True)
    print(f"Centre Guide is at http://127.0.0.1:{server.server_port}/  (Ctrl+C stops it)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
