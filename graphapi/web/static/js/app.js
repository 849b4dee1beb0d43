// The workspace shell: key gate, header search, hash router (#/company/ID?asOf=…).

import { apiKey, onUnauthenticated, session, setApiKey, setPage } from "./api.js";
import { fill, clear, h } from "./dom.js";
import { searchBox } from "./search.js";

const PAGES = {
  home: () => import("./pages/home.js"),
  company: () => import("./pages/company.js"),
  person: () => import("./pages/person.js"),
  network: () => import("./pages/network.js"),
  watchlists: () => import("./pages/watchlists.js"),
  screen: () => import("./pages/screen.js"),
  portfolio: () => import("./pages/portfolio.js"),
};

const main = document.getElementById("main");
const topbar = document.getElementById("topbar");
const state = { role: null, keysRequired: false, cleanup: null, search: null };

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [page, ...rest] = path.split("/");
  return {
    page: page || "home",
    id: rest.length ? decodeURIComponent(rest.join("/")) : null,
    params: Object.fromEntries(new URLSearchParams(query)),
  };
}

async function show() {
  const { page, id, params } = parseHash();
  const load = PAGES[page];
  if (state.cleanup) {
    try {
      state.cleanup();
    } catch {
      /* a page's own cleanup must not block the next */
    }
    state.cleanup = null;
  }
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.toggleAttribute("aria-current", a.dataset.nav === page);
    if (a.dataset.nav === page) a.setAttribute("aria-current", "page");
  }
  clear(main);
  main.dataset.page = page;
  setPage(page);
  if (!load) {
    main.append(h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the start page")));
    return;
  }
  const module = await load();
  const cleanup = await module.render(main, { id, params, role: state.role, go: (hash) => (location.hash = hash) });
  state.cleanup = typeof cleanup === "function" ? cleanup : null;
}

function keyForm(message) {
  topbar.hidden = true;
  clear(main);
  main.dataset.page = "key";
  const input = h("input", { id: "api-key", type: "password", autocomplete: "off", required: true, minlength: 16, "aria-describedby": "key-help" });
  const error = h("p", { class: "error", role: "alert", id: "key-error", hidden: !message }, message || "");
  const form = h(
    "form",
    { class: "key-form card", id: "key-form" },
    h("h1", {}, "duegraph workspace"),
    h("p", { id: "key-help" }, "This server needs an API key. Paste the key you were given; it is kept only for this browser tab and forgotten when you close it."),
    h("label", { for: "api-key" }, "API key"),
    input,
    error,
    h("button", { type: "submit", class: "primary" }, "Open the workspace"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    setApiKey(input.value.trim());
    await start();
  });
  main.append(form);
  input.focus();
}

function sessionBar() {
  const bar = document.getElementById("session");
  clear(bar);
  if (!state.keysRequired) {
    bar.append(h("span", { class: "muted", title: "No API keys are configured on this server" }, "open access"));
    return;
  }
  bar.append(
    h("span", { class: "muted" }, `role: ${state.role}`),
    " ",
    h("button", { type: "button", class: "link", id: "forget-key", onclick: () => { setApiKey(""); keyForm("Key forgotten."); } }, "Forget key"),
  );
}

async function start() {
  let info;
  try {
    info = await session();
  } catch {
    fill(main, h("p", { class: "error", role: "alert" }, "The server cannot be reached."));
    return;
  }
  state.keysRequired = info.keysRequired;
  if (info.status === 401 || !info.role) {
    keyForm(apiKey() ? "That key is not valid." : "");
    return;
  }
  state.role = info.role;
  topbar.hidden = false;
  sessionBar();
  if (!state.search) {
    state.search = searchBox(document.getElementById("search"), { onPick: (hash) => (location.hash = hash) });
  }
  await show();
}

onUnauthenticated((message) => keyForm(message));
window.addEventListener("hashchange", () => {
  if (!topbar.hidden) show();
});
document.addEventListener("keydown", (event) => {
  // "/" jumps to the search box, as on most registry sites.
  if (event.key === "/" && !["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName)) {
    event.preventDefault();
    document.getElementById("search-input")?.focus();
  }
});
start();
