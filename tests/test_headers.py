"""The `_headers` file for static hosts (build_tools/headers.py): the pages' policy as a header
with only what a header adds, and exactly one caching rule for every file."""
import pytest

from build_tools import csp, headers

META = csp.policy(["'sha256-abc='"], ["'sha256-def='"])


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_header_policy_is_the_meta_policy_plus_wasm_for_the_worker_and_frame_ancestors():
    header = headers.header_policy(META)
    assert directives(header)["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]
    assert directives(header)["frame-ancestors"] == ["'none'"]
    # Nothing else changes: take the two additions out and the meta policy is left.
    assert header.replace(" 'wasm-unsafe-eval'", "").removesuffix("; frame-ancestors 'none'") == META


def test_a_policy_without_script_src_is_refused():
    with pytest.raises(ValueError):
        headers.header_policy("default-src 'none'")


@pytest.mark.parametrize("name", [
    "pyodide/314.0.7/pyodide.asm.wasm",
    "assets/py/calculators-fb240a1d370c.whl",
    "assets/py/snapshot-619fddf830fb.br.bin",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js.map",
    "assets/stylesheets/main.57a0d79d.min.css",
])
def test_files_named_for_their_content_or_version_are_immutable(name):
    assert headers.is_immutable(name)


@pytest.mark.parametrize("name", [
    "index.html", "calculators/deadline/index.html", "assets/js/build-info.js", "assets/css/centre-guide.css",
    "sw.js", "search/search_index.json", "assets/javascripts/lunr/min/lunr.de.min.js", "calendars/x.ics",
])
def test_pages_and_files_that_keep_their_name_get_the_short_cache(name):
    assert not headers.is_immutable(name)


FILES = ["index.html", "404.html", "sw.js", "calculators/index.html", "calculators/deadline/index.html",
         "assets/js/calculators.js", "assets/py/calculators-fb240a1d370c.whl",
         "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/lunr/tinyseg.js",
         "pyodide/314.0.7/pyodide.mjs"]


@pytest.mark.parametrize("path, expected", [
    ("/", headers.SHORT), ("/index.html", headers.SHORT), ("/404.html", headers.SHORT), ("/sw.js", headers.SHORT),
    ("/calculators/", headers.SHORT), ("/calculators/deadline/", headers.SHORT),
    ("/assets/js/calculators.js", headers.SHORT), ("/assets/javascripts/lunr/tinyseg.js", headers.SHORT),
    ("/assets/py/calculators-fb240a1d370c.whl", headers.LONG), ("/pyodide/314.0.7/pyodide.mjs", headers.LONG),
    ("/assets/javascripts/bundle.a5f9d56c.min.js", headers.LONG),
])
def test_every_address_gets_its_cache_control_from_one_rule_only(path, expected):
    # Joined the way Cloudflare Pages joins repeated headers, so an overlap would show here.
    rules = headers.parse(headers.text(META, FILES))
    found = [value for name, value in headers.for_path(rules, path) if name == "Cache-Control"]
    assert found == [expected]


def test_every_address_gets_the_policy_and_nosniff():
    rules = headers.parse(headers.text(META, FILES))
    for path in ("/", "/assets/py/calculators-fb240a1d370c.whl", "/no/such/page"):
        sent = dict(headers.for_path(rules, path))
        assert sent["Content-Security-Policy"] == headers.header_policy(META)
        assert sent["X-Content-Type-Options"] == "nosniff"


def test_a_folder_of_one_kind_is_one_rule():
    rules = headers.cache_rules(["a/1.html", "a/b/2.html", "pyodide/1/x.wasm", "pyodide/1/y.mjs"])
    assert rules == [("/a/*", headers.SHORT), ("/pyodide/*", headers.LONG)]


def test_a_policy_too_long_for_a_host_stops_the_build():
    huge = csp.policy([f"'sha256-{number:0>44}'" for number in range(40)])
    with pytest.raises(SystemExit, match="2000 characters"):
        headers.text(huge, FILES)


def test_a_line_the_parser_does_not_know_is_refused():
    with pytest.raises(ValueError):
        headers.parse("/*\n  no colon here\n")
