"""Write `_headers` into the built site: the response headers for static hosts that read that file
(Cloudflare Pages and Netlify do; GitHub Pages ignores it and serves it as a plain file).

- Content-Security-Policy, on every response: the same policy as the pages' <meta> element
  (build_tools/csp.py), plus two things only a header can carry. `'wasm-unsafe-eval'` in
  script-src, because a header reaches the module worker, which compiles Pyodide's WebAssembly;
  a page keeps its <meta> policy as well and a browser enforces both, so the pages themselves
  still cannot compile any. And `frame-ancestors 'none'`, which a <meta> policy ignores.
- X-Content-Type-Options: nosniff: scripts and styles only run with the type the host states.
- Cache-Control: files whose name changes when their content does are kept for a year and never
  revalidated (Pyodide under pyodide/<version>/, our Python files under assets/py/ with a content
  hash, the theme's bundles with theirs). Everything else (pages, our own scripts and styles,
  the search index, the calendars, the service worker) gets the short cache GitHub Pages gives
  every file, so a deploy reaches readers within minutes.

Hosts differ in what they do when two rules set the same header on one path (Cloudflare Pages
joins the values with a comma), so each path gets its Cache-Control from exactly one rule: a
folder whose files are all alike gets one `/folder/*` rule, and a folder that mixes the two kinds
is split further, down to single files. The build stops if the file passes Cloudflare Pages' documented limits
(100 rules, 2,000 characters a line) rather than publish headers that host would not apply.
"""
from __future__ import annotations

import re
from pathlib import Path

FILE = "_headers"
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"
EXTRA = (("X-Content-Type-Options", "nosniff"),)
# Folders whose every file is named for its content (assets/py/: build_tools/site_python.py) or
# sits under a version that never changes its files (pyodide/<version>/).
IMMUTABLE_DIRS = ("pyodide/", "assets/py/")
# mkdocs-material names its bundles after their content: bundle.a5f9d56c.min.js, and the .map.
MAX_RULES, MAX_LINE = 100, 2000
_THEME_HASHED = re.compile(r"^assets/(javascripts|stylesheets)/(.+/)?[^/]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$")


def header_policy(meta_policy: str) -> str:
    """The header form of the pages' policy: `'wasm-unsafe-eval'` added to script-src (after
    'self'), and `frame-ancestors 'none'` at the end. Nothing else differs."""
    parts = []
    for part in meta_policy.split("; "):
        name, _, value = part.partition(" ")
        if name == "script-src":
            sources = value.split()
            sources.insert(1 if sources[:1] == ["'self'"] else 0, "'wasm-unsafe-eval'")
            part = " ".join([name, *sources])
        parts.append(part)
    if not any(part.startswith("script-src ") for part in parts):
        raise ValueError("the policy has no script-src to add 'wasm-unsafe-eval' to")
    parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def is_immutable(name: str) -> bool:
    """Whether the file at this site path (no leading slash) can be cached for good."""
    return name.startswith(IMMUTABLE_DIRS) or bool(_THEME_HASHED.match(name))


def _url(name: str) -> str:
    """The address a reader uses: / for index.html, folder/ for folder/index.html."""
    if name == "index.html" or name.endswith("/index.html"):
        name = name[: -len("index.html")]
    return "/" + name


def cache_rules(files: list[str]) -> list[tuple[str, str]]:
    """(path pattern, Cache-Control) pairs that give each file exactly one rule."""
    rules: list[tuple[str, str]] = []

    def cover(folder: str, names: list[str]) -> None:
        kinds = {is_immutable(name) for name in names}
        if folder and len(kinds) == 1:
            rules.append((f"/{folder}*", LONG if kinds.pop() else SHORT))
            return
        below: dict[str, list[str]] = {}
        for name in names:
            rest = name[len(folder):]
            if "/" in rest:
                below.setdefault(folder + rest.split("/", 1)[0] + "/", []).append(name)
            else:
                value = LONG if is_immutable(name) else SHORT
                rules.append((_url(name), value))
                if name.endswith("index.html") and _url(name) != "/" + name:
                    rules.append(("/" + name, value))
        for child, inside in sorted(below.items()):
            cover(child, inside)

    cover("", sorted(files))
    return rules


def site_files(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != FILE]


def text(meta_policy: str, files: list[str]) -> str:
    lines = ["# Written by build_tools/headers.py for static hosts that read _headers; see README,",
             "# \"Publishing elsewhere\". Each path's Cache-Control comes from one rule only.",
             "/*",
             f"  Content-Security-Policy: {header_policy(meta_policy)}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA]
    rules = cache_rules(files)
    for pattern, value in rules:
        lines += [pattern, f"  Cache-Control: {value}"]
    if 1 + len(rules) > MAX_RULES or max(map(len, lines)) > MAX_LINE:
        raise SystemExit(f"_headers would have {1 + len(rules)} rules and a line of {max(map(len, lines))} "
                         f"characters: past the {MAX_RULES} rules or {MAX_LINE} characters a host applies.")
    return "\n".join(lines) + "\n"


def publish(site: Path, meta_policy: str) -> Path:
    """Write site/_headers for the finished site (run it after every other step adds its files)."""
    target = site / FILE
    target.write_text(text(meta_policy, site_files(site)), encoding="utf-8")
    return target


def parse(source: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(path pattern, [(name, value), ...]), ...] from a _headers file, for build_tools/serve.py.

    Only what this module writes is understood: `#` comments, a path line (with `*` matching
    anything), and indented `Name: value` lines under it.
    """
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            raise ValueError(f"not a _headers line: {line!r}")
    return rules


def matches(pattern: str, path: str) -> bool:
    return re.fullmatch(".*".join(re.escape(piece) for piece in pattern.split("*")), path) is not None


def for_path(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> list[tuple[str, str]]:
    """The headers a host sends for `path` (the URL's path): every matching rule's, in file order,
    with a name that more than one rule sets joined by ", " as hosts do."""
    joined: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers:
                names.setdefault(name.lower(), name)
                joined.setdefault(name.lower(), []).append(value)
    return [(names[key], ", ".join(values)) for key, values in joined.items()]
