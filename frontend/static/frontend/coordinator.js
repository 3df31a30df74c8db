// The coordinator page's live part: poll the caller's pages every 10 s, keep the
// "waiting for someone" badge and the page title in step, list the pages, and announce new
// ones in the ARIA live region. Everything shown is set as text, never as HTML.

const POLL_MS = 10_000;
const root = document.getElementById("coordinator");
const badge = document.getElementById("pages-badge");
const live = document.getElementById("pages-live");
const list = document.getElementById("pages-list");
const empty = document.getElementById("pages-empty");
const baseTitle = document.title.replace(/^\(\d+\)\s*/, "");

let known = null; // page ids seen so far; null until the first answer

function label(state) {
  return state.replace(/_/g, " ");
}

// The same form as the server-rendered times below: "1 Dec, 09:17:07 UTC".
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
  timeZoneName: "short",
});

function timeText(iso) {
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : TIME_FORMAT.format(when);
}

function render(data) {
  const waiting = data.waiting;
  badge.textContent = String(waiting);
  badge.classList.toggle("waiting", waiting > 0);
  document.title = waiting > 0 ? `(${waiting}) ${baseTitle}` : baseTitle;

  list.replaceChildren(
    ...data.pages.map((page) => {
      const item = document.createElement("li");
      item.className = page.waiting ? "page waiting" : "page";
      const link = document.createElement("a");
      // An escalation that opened after this page loaded is not in the list below yet:
      // following the link reloads the page at it.
      const anchor = document.getElementById(`escalation-${page.escalation_id}`);
      link.href = anchor
        ? `#escalation-${page.escalation_id}`
        : `${location.pathname}?new=${page.escalation_id}#escalation-${page.escalation_id}`;
      link.textContent = `${page.group}: ${page.severity} escalation ${page.escalation_id}`;
      const meta = document.createElement("span");
      meta.className = "muted";
      const time = document.createElement("time");
      time.dateTime = page.paged_at;
      time.textContent = timeText(page.paged_at);
      meta.append(` · paged `, time, ` · ${page.waiting ? "waiting for someone" : label(page.state)}`);
      item.append(link, meta);
      return item;
    }),
  );
  empty.hidden = data.pages.length > 0;

  const ids = new Set(data.pages.map((p) => p.page_id));
  if (known !== null) {
    const fresh = data.pages.filter((p) => !known.has(p.page_id));
    if (fresh.length) {
      const first = fresh[0];
      live.textContent =
        fresh.length === 1
          ? `New page: ${first.severity} escalation in ${first.group} was not acknowledged in time.`
          : `${fresh.length} new pages: escalations were not acknowledged in time.`;
    }
  }
  known = ids;
}

async function poll() {
  try {
    const response = await fetch(root.dataset.pagesUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (response.status === 401 || response.status === 403) {
      live.textContent = "You have been logged out. Log in again to keep receiving pages.";
      return;
    }
    if (response.ok) {
      render(await response.json());
    }
  } catch {
    // Offline for a moment: the next poll tries again.
  }
}

if (root && badge && live && list && empty) {
  poll();
  setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") poll();
  });
}
