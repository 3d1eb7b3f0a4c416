"""The page policy (build_tools/csp.py): tight, complete, and hashing exactly the scripts that run."""
import base64
import hashlib

import pytest

from build_tools import csp

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">{csp.PLACEHOLDER}
<script>var a=1</script><script src="x.js"></script>
<script id="__config" type="application/json">{{"a": 1}}</script>
<script type="module">import "./y.js"</script><script>var a=1</script></head><body></body></html>"""


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_only_inline_scripts_that_run_are_hashed_once_each():
    assert csp.inline_script_hashes(PAGE) == [sha("var a=1"), sha('import "./y.js"')]


def test_a_hash_matches_the_exact_script_text_including_whitespace():
    assert csp.inline_script_hashes("<script>\n  go()\n</script>") == [sha("\n  go()\n")]


def test_the_policy_replaces_the_placeholder_first_in_head():
    built = csp.apply(PAGE)
    assert csp.PLACEHOLDER not in built
    assert built.index('http-equiv="Content-Security-Policy"') < built.index("<script")


@pytest.mark.parametrize("directive, expected", [
    ("default-src", ["'none'"]),
    ("connect-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
    ("style-src", ["'self'"]),
    ("worker-src", ["'self'"]),
])
def test_each_fixed_directive_is_as_tight_as_the_site_allows(directive, expected):
    assert directives(csp.policy(PAGE))[directive] == expected


def test_scripts_come_only_from_the_site_or_a_hash_never_unsafe():
    sources = directives(csp.policy(PAGE))["script-src"]
    assert sources[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in sources[1:])
    policy = csp.policy(PAGE)
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy and "*" not in policy


def test_a_page_without_the_placeholder_stops_the_build():
    with pytest.raises(SystemExit, match="placeholder"):
        csp.apply("<html><head></head></html>")


@pytest.mark.parametrize("snippet", ['<button onclick="go()">', '<a href="javascript:go()">', "<body onload='x'>"])
def test_an_inline_handler_stops_the_build_because_no_hash_can_allow_it(snippet):
    with pytest.raises(SystemExit, match="Inline event handlers"):
        csp.apply(PAGE.replace("<body>", snippet))


def test_words_like_autocomplete_off_are_not_mistaken_for_handlers():
    assert "Content-Security-Policy" in csp.apply(PAGE.replace("<body>", '<body><input autocomplete="off" data-on="1">'))
