"""The build's steps (build_tools/steps.py) run as plain functions, with no MkDocs: what any other
generator would call. They run here on a small site folder made by the test, in a fresh Python
that must never import mkdocs."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import csp, headers, steps

ROOT = Path(__file__).resolve().parents[1]

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">{csp.PLACEHOLDER}
<script>var theme = 1</script></head><body><p>{{{{ days(rule("deadlines", "romm-service-2")) }}}}</p></body></html>"""

# A generator of its own: render the page's template, "convert" it (here it is HTML already),
# check it for the policy, write it, then finish the site. The snapshot levers are off: the
# start-up snapshot needs Node and minutes, and tests/test_snapshot_build.py covers it.
GENERATOR = """
import json, sys
from datetime import date
from pathlib import Path

from build_tools import steps

site = Path(sys.argv[1])
build = steps.SiteBuild()
html = steps.render_page(sys.argv[2], "calculators/example.md")
(site / "example").mkdir(parents=True)
(site / "example" / "index.html").write_text(build.page(html), encoding="utf-8")
build.finish(site, today=date(2025, 1, 10))
print(json.dumps({"mkdocs": sorted(name for name in sys.modules if name.split(".")[0] == "mkdocs"),
                  "policy": build.csp.policy()}))
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    site = tmp_path_factory.mktemp("plain-site")
    environment = {**os.environ, "CENTRE_GUIDE_SNAPSHOT": "0", "CENTRE_GUIDE_TRIM_STDLIB": "0",
                   "PYTHONPATH": str(ROOT)}
    finished = subprocess.run([sys.executable, "-c", GENERATOR, str(site), PAGE], cwd=ROOT, env=environment,
                              capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return site, json.loads(finished.stdout.strip().splitlines()[-1])


def test_no_step_imports_mkdocs(generated):
    _, report = generated
    assert report["mkdocs"] == []


def test_the_page_template_is_rendered_from_the_rules_data(generated):
    from build_tools import page_context

    site, _ = generated
    expected = page_context.days(page_context.rule("deadlines", "romm-service-2"))
    assert f"<p>{expected}</p>" in (site / "example" / "index.html").read_text(encoding="utf-8")


def test_the_page_gets_the_policy_that_allows_its_inline_script(generated):
    site, report = generated
    html = (site / "example" / "index.html").read_text(encoding="utf-8")
    assert csp.PLACEHOLDER not in html
    assert f'<meta http-equiv="Content-Security-Policy" content="{report["policy"]}">' in html
    assert csp.inline_script_hashes("<script>var theme = 1</script>")[0] in report["policy"]


def test_python_and_the_calculators_wheel_are_copied_in(generated):
    site, _ = generated
    (pyodide,) = (site / "pyodide").iterdir()
    assert {path.name for path in pyodide.iterdir()} >= {"pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"}
    (wheel,) = (site / "assets" / "py").glob("calculators-*.whl")
    info = (site / "assets" / "js" / "build-info.js").read_text()
    assert f'"pyodide/{pyodide.name}/"' in info and f'"assets/py/{wheel.name}"' in info


def test_the_calendar_feeds_are_written(generated):
    site, _ = generated
    feeds = sorted(path.name for path in (site / "calendars").glob("*.ics"))
    assert "key-dates-current-england-and-wales.ics" in feeds
    assert (site / "calendars" / "key-dates-2024-25-scotland.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_the_service_worker_lists_the_site_but_not_the_headers_file(generated):
    site, _ = generated
    worker = (site / "sw.js").read_text()
    pages, runtime = (json.loads(re.search(rf"const {name} = (.*);", worker).group(1)) for name in ("PAGES", "RUNTIME"))
    assert "example/" in pages and any(name.startswith("assets/py/calculators-") for name in runtime)
    assert "_headers" not in pages + runtime


def test_the_headers_file_comes_last_and_covers_every_file(generated):
    site, report = generated
    rules = headers.parse((site / "_headers").read_text(encoding="utf-8"))
    assert dict(rules[0][1])["Content-Security-Policy"] == headers.header_policy(report["policy"])
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != "_headers":
            name = path.relative_to(site).as_posix()
            caching = [value for header, value in headers.for_path(rules, "/" + name) if header == "Cache-Control"]
            assert caching == [headers.LONG if headers.is_immutable(name) else headers.SHORT], name


def test_a_template_error_stops_the_build_naming_the_page():
    with pytest.raises(SystemExit, match=r"^reference/example.md:.*no rule 'no-such-rule'"):
        steps.render_page('{{ rule("deadlines", "no-such-rule").days }}', "reference/example.md")
