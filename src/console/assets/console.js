// The console's only script: every page reads and works without it. It adds live updates (parts of
// the page marked data-live-part are replaced when the server says the round changed), asks before a
// change that cannot be undone (forms marked data-confirm), and follows a download being built.

document.addEventListener("DOMContentLoaded", () => {
  const live = document.body.dataset.live;
  if (live && "EventSource" in window) follow(live);

  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  const building = document.querySelector("[data-refresh-after]");
  if (building) setTimeout(() => refreshParts(), Number(building.dataset.refreshAfter) || 1000);
});

/**
 * Listens to the page's event stream; on each change, fetches the page again and swaps its live
 * parts. A change that comes while a refresh runs is not lost: one more refresh follows it.
 */
function follow(url) {
  const source = new EventSource(url);
  let running = false;
  let again = false;
  const refresh = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    refreshParts().finally(() => {
      running = false;
      if (again) refresh();
    });
  };
  source.addEventListener("changed", refresh);
}

async function refreshParts() {
  const response = await fetch(window.location.href, { headers: { accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), "text/html");
  for (const part of document.querySelectorAll("[data-live-part]")) {
    const fresh = next.querySelector(`[data-live-part="${part.dataset.livePart}"]`);
    if (fresh) part.replaceWith(document.importNode(fresh, true));
  }
  const building = document.querySelector("[data-refresh-after]");
  if (building) setTimeout(() => refreshParts(), Number(building.dataset.refreshAfter) || 1000);
}
