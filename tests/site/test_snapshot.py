"""The start-up snapshot (a private Pyodide API) is used when it works, and when it is missing,
cut short or refused, the calculators still answer through the ordinary boot."""
from __future__ import annotations

import re
import time

import pytest

from build_tools.site_python import pyodide_version

from .conftest import wait_for_python

PYODIDE_VERSION = pyodide_version()

CALCULATOR = "calculators/deadline/?rule=romm-service-2&date=20%2F12%2F2024"
SNAPSHOT = "**/assets/py/snapshot-*.bin"


def boot_and_answer(recorded, site_url) -> str:
    page = recorded.page
    page.goto(site_url + CALCULATOR)
    wait_for_python(page)
    page.wait_for_selector("[data-calculator] [data-result] *", timeout=30000)
    return page.evaluate("() => window.centreGuide.python().boot")


def wheels(built_site) -> tuple[str, str]:
    """(the whole calculators wheel, the lean one a snapshot boot unpacks), from build-info.js."""
    info = (built_site / "assets" / "js" / "build-info.js").read_text()
    whole, lean = (re.search(rf'export const {name} = "([^"]+)"', info) for name in ("wheelFile", "snapshotWheelFile"))
    assert whole and lean, "the build shipped no lean wheel beside the snapshot"
    return whole[1], lean[1]


def wheels_fetched(recorded) -> set[str]:
    return {url.split("/assets/py/")[1] for url in recorded.requests if re.search(r"/assets/py/calculators-.*\.whl", url)}


def test_python_starts_from_the_build_time_snapshot_with_only_the_files_it_does_not_hold(recorded, site_url,
                                                                                        built_site):
    assert boot_and_answer(recorded, site_url) == "snapshot"
    whole, lean = wheels(built_site)
    assert wheels_fetched(recorded) == {lean.removeprefix("assets/py/")}
    assert (built_site / lean).stat().st_size < (built_site / whole).stat().st_size / 2


def cut_short(route):
    response = route.fetch()
    route.fulfill(response=response, body=response.body()[:100000])


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda route: route.fulfill(status=404, body="Not found"), id="missing"),
    pytest.param(cut_short, id="cut-short"),
    pytest.param(lambda route: route.abort("blockedbyclient"), id="blocked"),
])
def test_a_broken_snapshot_falls_back_to_the_ordinary_boot(recorded, site_url, built_site, spoil):
    recorded.context.route(SNAPSHOT, spoil)
    assert boot_and_answer(recorded, site_url) == "ordinary"
    # The ordinary boot imports the package from its files, so it fetched the whole wheel too.
    whole, _ = wheels(built_site)
    assert whole.removeprefix("assets/py/") in wheels_fetched(recorded)


def test_a_snapshot_of_more_memory_than_the_wasm_starts_with_falls_back_to_the_ordinary_boot(recorded, site_url):
    """Pyodide cannot restore a snapshot taken after its memory grew (the build refuses to ship
    one: build_tools/snapshot.py memory_grew); should one reach a reader, the page still answers.
    Here build-info.js says the snapshot's memory is 1 MiB longer than it is."""
    def longer(route):
        response = route.fetch()
        text = response.text()
        info = re.search(r'snapshotLayout = \{"length": (\d+)', text)
        assert info, "the build shipped no snapshot layout"
        bigger = text.replace(info[0], info[0].replace(info[1], str(int(info[1]) + (1 << 20))))
        route.fulfill(response=response, body=bigger)
    recorded.context.route("**/assets/js/build-info.js", longer)
    assert boot_and_answer(recorded, site_url) == "ordinary"


def test_retry_after_a_failed_start_skips_the_snapshot(recorded, site_url):
    """A start that fails for any reason is retried the ordinary way (the worker's ?plain)."""
    page = recorded.page
    recorded.context.route("**/assets/py/calculators-*.whl", lambda route: route.fulfill(status=404, body=""))
    page.goto(site_url + CALCULATOR)
    page.wait_for_selector('[data-python-status][data-state="failed"]', state="attached", timeout=90000)
    recorded.context.unroute_all(behavior="wait")
    page.click(".cg-retry")
    wait_for_python(page)
    assert page.evaluate("() => window.centreGuide.python().boot") == "ordinary"
    assert any("python-worker.js?plain" in url for url in recorded.requests)


def test_the_worker_starts_from_the_head_before_the_page_has_finished_parsing(recorded, site_url):
    """overrides/main.html starts the worker while <head> is parsed; python-client.js adopts it,
    so there is still one worker, and its boot steps are reported in order."""
    page = recorded.page
    boot_and_answer(recorded, site_url)
    phases = page.evaluate("() => window.centreGuide.python().phases")
    interactive = page.evaluate("() => performance.getEntriesByType('navigation')[0].domInteractive")
    assert phases["worker started"] < interactive
    steps = ["worker started", "worker running", "Pyodide loaded", "calculators imported"]
    assert [phases[step] for step in steps] == sorted(phases[step] for step in steps)
    assert [worker.url for worker in page.workers if "python-worker.js" in worker.url] == \
        [site_url + "assets/js/python-worker.js"]
    assert page.evaluate("() => '__centreGuideEarlyWorker' in window") is False


KEPT = """async () => {
  const cache = await caches.open("python-snapshot-decoded");
  return (await cache.keys()).map((request) => request.url);
}"""


def test_a_repeat_visit_reads_the_decoded_snapshot_kept_after_the_first(recorded, site_url):
    page = recorded.page
    assert boot_and_answer(recorded, site_url) == "snapshot"
    assert "snapshot response" in page.evaluate("() => window.centreGuide.python().phases")
    deadline = time.monotonic() + 30
    while not (kept := page.evaluate(KEPT)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(kept) == 1 and "/assets/py/snapshot-" in kept[0]
    again = recorded.context.new_page()
    again.goto(site_url + CALCULATOR)
    wait_for_python(again)
    again.wait_for_selector("[data-calculator] [data-result] *", timeout=30000)
    python = again.evaluate("() => window.centreGuide.python()")
    assert python["boot"] == "snapshot" and "snapshot response" not in python["phases"]
    assert again.inner_text("[data-calculator] [data-result]") == page.inner_text("[data-calculator] [data-result]")


def test_a_kept_snapshot_that_does_not_fit_is_ignored(recorded, site_url):
    page = recorded.page
    page.goto(site_url)
    page.evaluate("""async (url) => {
      const cache = await caches.open("python-snapshot-decoded");
      const info = await import(new URL("assets/js/build-info.js", url).href);
      await cache.put(new URL(info.snapshotFile, url).href, new Response("not a snapshot"));
    }""", site_url)
    assert boot_and_answer(recorded, site_url) == "snapshot"
    assert "snapshot response" in page.evaluate("() => window.centreGuide.python().phases")


def wasm_downloads(page) -> list[str]:
    """The wasm files the page (its worker included) downloads: plain or its brotli copy."""
    found = []
    page.on("requestfinished", lambda request: found.append(request.url.rsplit("/", 1)[-1])
            if "pyodide.asm.wasm" in request.url and request.service_worker is None else None)
    return found


def test_a_first_visit_fetches_the_smaller_brotli_wasm_and_a_repeat_visit_the_plain_one_kept(recorded, site_url):
    """The brotli copy is 2.8 MB against 3.5 MB gzipped; once the offline copy keeps the plain
    wasm, a repeat visit uses that, whose compiled code the browser keeps."""
    page = recorded.page
    first = wasm_downloads(page)
    assert boot_and_answer(recorded, site_url) == "snapshot"
    assert first == ["pyodide.asm.wasm.br.bin"]
    # The offline copy is made after the first answer, by the service worker.
    plain = site_url + "pyodide/" + PYODIDE_VERSION + "/pyodide.asm.wasm"
    deadline = time.monotonic() + 60
    while not page.evaluate("async (url) => Boolean(await caches.match(url))", plain):
        assert time.monotonic() < deadline, "the service worker never kept the plain wasm"
        time.sleep(0.5)
    again = recorded.context.new_page()
    second = wasm_downloads(again)
    again.goto(site_url + CALCULATOR)
    wait_for_python(again)
    assert again.evaluate("() => window.centreGuide.python().boot") == "snapshot"
    assert second == ["pyodide.asm.wasm"]


def test_a_brotli_wasm_that_cannot_be_fetched_is_replaced_by_the_plain_one_in_the_same_boot(recorded, site_url):
    recorded.context.route("**/assets/wasm-br/**", lambda route: route.fulfill(status=404, body="Not found"))
    page = recorded.page
    downloads = wasm_downloads(page)
    assert boot_and_answer(recorded, site_url) == "snapshot"
    assert "pyodide.asm.wasm" in downloads
