// Centre Guide's service worker (build_tools/service_worker.py writes it to /sw.js with the
// BUILD, PAGES and RUNTIME constants above this line). It makes repeat and offline visits work:
// - the pages and their assets are cached when it installs, in a cache named by the build's
//   content hash; a new deploy installs a new cache and deletes the old one;
// - pages and unhashed assets are network first, so a reload after a deploy shows the new
//   page, never the old one; the cache is used only when the network fails;
// - Python (Pyodide under its version, our files under their content hash) never changes at
//   a URL, so it is cache first. It is cached once a calculator has booted (the page says
//   "keep-python"), from the browser's HTTP cache, so guidance-only readers never download it.
//   The workbook reader (under its content hash too) is cached the first time it is fetched.
const CACHE = `centre-guide-${BUILD}`;
const scope = new URL(self.registration.scope);
const url = (path) => new URL(path, scope).href;
const IMMUTABLE = /\/pyodide\/[^/]+\/|\/assets\/py\/|\/assets\/workbook-reader\/|\.[0-9a-f]{8}\.min\.(js|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PAGES.map(url))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("centre-guide-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "keep-python") {
    event.waitUntil(caches.open(CACHE).then(async (cache) => {
      for (const path of RUNTIME) if (!(await cache.match(url(path)))) await cache.add(url(path));
    }));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // One copy per page, whatever its query string, so the cache does not grow per answer.
    if (response.ok) cache.put(request.mode === "navigate" ? request.url.split("?")[0] : request, response.clone());
    return response;
  } catch (offline) {
    // A calculator page's inputs live in its query string; any copy of the page will do.
    const kept = await cache.match(request) || await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith(IMMUTABLE.test(new URL(request.url).pathname) ? cacheFirst(request) : networkFirst(request));
});
