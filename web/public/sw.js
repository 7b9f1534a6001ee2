// Hearth's service worker: shows Web Push notifications and opens the right page when one is clicked.
self.addEventListener("push", (event) => {
  let data = { title: "Hearth", body: "", url: "/" };
  try {
    data = { ...data, ...event.data.json() };
  } catch {
    // A push without a JSON payload still shows something.
  }
  event.waitUntil(
    self.registration.showNotification(data.title, { body: data.body, tag: data.tag, data: { url: data.url }, icon: "/icon.svg", badge: "/icon.svg" }),
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
