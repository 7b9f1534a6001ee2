// Hearth's service worker (scope /). It
//  - keeps the app shell: Next's built files under /_next/static/ (content-hashed, so a cached copy is never stale)
//    and the icons, cache-first, so a revisit starts from disk;
//  - shows /offline.html when a page cannot be loaded because the network is gone;
//  - shows Web Push notifications and opens the right page when one is clicked, with no Hearth tab open.
// Pages, API and tRPC answers are never cached: they carry one person's data, and the next person signing in on the
// same browser must not see them. Pages are network-only with the offline page as the fallback.
const VERSION = "v1";
const SHELL = `hearth-shell-${VERSION}`;
const STATIC = `hearth-static-${VERSION}`;
const PRECACHE = ["/offline.html", "/icons/icon-192.png", "/icon.svg"];
const STATIC_LIMIT = 300;
// `next dev` serves unhashed files under /_next/static/: the registering page turns caching off there (?cache=off).
const CACHING = new URL(self.location.href).searchParams.get("cache") !== "off";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("hearth-") && name !== SHELL && name !== STATIC)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
    return;
  }
  if (CACHING && (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/"))) {
    event.respondWith(cacheFirst(request));
  } else if (PRECACHE.includes(url.pathname)) {
    // The offline page's own favicon (and a direct visit to it): fresh when online, the kept copy when not.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit ?? Response.error()),
      ),
    );
  }
  // Everything else (API, tRPC, avatars, attachments, live events) goes to the network untouched.
});

async function offlinePage() {
  const cached = await caches.match("/offline.html", { cacheName: SHELL });
  return (
    cached ??
    new Response("Hearth is offline.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } })
  );
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, response.clone());
    void trim(cache);
  }
  return response;
}

/** Old builds' files pile up across deploys: keep the newest STATIC_LIMIT entries. */
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - STATIC_LIMIT)).map((key) => cache.delete(key)));
}

self.addEventListener("push", (event) => {
  let data = { title: "Hearth", body: "", url: "/" };
  try {
    data = { ...data, ...event.data.json() };
  } catch {
    // A push without a JSON payload still shows something.
  }
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: data.tag,
      data: { url: data.url },
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url.startsWith(self.location.origin));
      if (open) return open.navigate(url).then((w) => w?.focus());
      return self.clients.openWindow(url);
    }),
  );
});
