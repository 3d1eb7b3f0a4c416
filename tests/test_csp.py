"""The site's policy (build_tools/csp.py): tight, one for every page, hashing exactly what runs."""
import base64
import hashlib

import pytest

from build_tools import csp

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">{csp.PLACEHOLDER}
<script>var a=1</script><script src="x.js"></script>
<script id="__config" type="application/json">{{"a": 1}}</script>
<script type="module">import "./y.js"</script><script>var a=1</script></head>
<body><table><tr><th style="text-align: center;">A</th><td style="text-align: center;">1</td></tr></table>
</body></html>"""
DEEPER = PAGE.replace("var a=1", "var a=2").replace("center", "right")


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def build(tmp_path, *pages):
    site = csp.Site()
    for number, html in enumerate(pages):
        (tmp_path / f"{number}.html").write_text(site.apply(html))
    site.finish(tmp_path)
    return [(tmp_path / f"{number}.html").read_text() for number in range(len(pages))], site.policy()


def test_only_inline_scripts_that_run_are_hashed_once_each():
    assert csp.inline_script_hashes(PAGE) == [sha("var a=1"), sha('import "./y.js"')]


def test_a_hash_matches_the_exact_script_text_including_whitespace():
    assert csp.inline_script_hashes("<script>\n  go()\n</script>") == [sha("\n  go()\n")]


def test_each_distinct_style_attribute_is_hashed_once():
    assert csp.style_attribute_hashes(PAGE) == [sha("text-align: center;")]


def test_every_page_gets_the_same_policy_allowing_what_any_page_needs(tmp_path):
    # Instant navigation keeps the first page's policy, so it must cover the pages after it.
    pages, policy = build(tmp_path, PAGE, DEEPER)
    for html in pages:
        assert csp.PLACEHOLDER not in html
        assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in html
    found = directives(policy)
    assert {sha("var a=1"), sha("var a=2")} <= set(found["script-src"])
    assert found["style-src-attr"] == ["'unsafe-hashes'", sha("text-align: center;"), sha("text-align: right;")]


def test_the_policy_stays_first_in_head_before_any_script(tmp_path):
    [html], _ = build(tmp_path, PAGE)
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script")


def test_a_site_without_style_attributes_blocks_them_all():
    assert "style-src-attr" not in csp.policy([sha("x")], [])


@pytest.mark.parametrize("directive, expected", [
    ("default-src", ["'none'"]),
    ("connect-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'none'"]),
    ("style-src", ["'self'"]),
    ("worker-src", ["'self'"]),
])
def test_each_fixed_directive_is_as_tight_as_the_site_allows(directive, expected):
    assert directives(csp.policy([sha("x")], [sha("y")]))[directive] == expected


def test_scripts_come_only_from_the_site_or_a_hash_never_unsafe():
    policy = csp.policy(csp.inline_script_hashes(PAGE), csp.style_attribute_hashes(PAGE))
    sources = directives(policy)["script-src"]
    assert sources[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in sources[1:])
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy


def test_a_page_without_the_placeholder_stops_the_build():
    with pytest.raises(SystemExit, match="placeholder"):
        csp.Site().apply("<html><head></head></html>")


@pytest.mark.parametrize("snippet", ['<button onclick="go()">', '<a href="javascript:go()">', "<body onload='x'>"])
def test_an_inline_handler_stops_the_build_because_no_hash_can_allow_it(snippet):
    with pytest.raises(SystemExit, match="Inline event handlers"):
        csp.Site().apply(PAGE.replace("<body>", snippet))


def test_words_like_autocomplete_off_are_not_mistaken_for_handlers():
    assert csp.Site().apply(PAGE.replace("<body>", '<body><input autocomplete="off" data-on="1">'))
