// Watchlists: create one, add companies (search or id), remove them, and see what changed
// since a date (`changes`). One request to list, one per action.

import { gql } from "../api.js";
import { fill, announce, clear, entityLink, errorBox, fmtDate, h, loading, ratingBadge, section, signalName, table, today } from "../dom.js";
import { searchBox } from "../search.js";

const LIST = `query Watchlists { watchlists { id name createdAt companies { companyId name addedAt baselineRating baselineSignals } } }`;
const CREATE = `mutation Create($name: String!) { createWatchlist(name: $name) { id name } }`;
const ADD = `mutation Add($id: ID!, $companies: [ID!]!) { addToWatchlist(watchlistId: $id, companyIds: $companies) { id companies { companyId } } }`;
const REMOVE = `mutation Remove($id: ID!, $companies: [ID!]!) { removeFromWatchlist(watchlistId: $id, companyIds: $companies) { id } }`;
const DELETE = `mutation Delete($id: ID!) { deleteWatchlist(id: $id) }`;
const CHANGES = `query Changes($id: ID!, $since: DateTime!) { changes(watchlistId: $id, since: $since) { companyId name ratingBefore ratingAfter changes { kind summary date firstSeen entityId entityName before after } } }`;

function monthsAgo(n) {
  const d = new Date();
  d.setMonth(d.getMonth() - n);
  return d.toISOString().slice(0, 10);
}

// The "Add to watchlist" dialog of the company page.
export async function addToWatchlistDialog(companyIds, name) {
  const dialog = h("dialog", { id: "watch-dialog", "aria-labelledby": "watch-dialog-h" });
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(h("h2", { id: "watch-dialog-h" }, `Add ${name} to a watchlist`), loading());
  dialog.showModal();
  try {
    const { watchlists } = await gql(LIST);
    const select = h("select", { id: "watch-select" }, watchlists.map((w) => h("option", { value: w.id }, `${w.name} (${w.companies.length})`)), h("option", { value: "" }, "New watchlist…"));
    const newName = h("input", { id: "watch-new", type: "text", placeholder: "Name of the new list" });
    const form = h(
      "form",
      { method: "dialog" },
      h("label", { for: "watch-select" }, "Watchlist "),
      select,
      h("p", {}, h("label", { for: "watch-new" }, "or a new list named "), newName),
      h("p", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Add"), h("button", { type: "button", onclick: close }, "Cancel")),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        let id = select.value;
        if (!id || newName.value.trim()) id = (await gql(CREATE, { name: newName.value.trim() || "My watchlist" })).createWatchlist.id;
        await gql(ADD, { id, companies: companyIds });
        close();
        announce(`${name} added to the watchlist`);
      } catch (err) {
        form.append(errorBox(err));
      }
    });
    fill(dialog, h("h2", { id: "watch-dialog-h" }, `Add ${name} to a watchlist`), form);
    select.focus();
  } catch (err) {
    dialog.append(errorBox(err), h("button", { type: "button", onclick: close }, "Close"));
  }
}

export async function render(main, ctx) {
  document.title = "Watchlists · duegraph";
  let selected = ctx.params.list || null;
  const page = h("div", { class: "watch-page" }, h("h1", {}, "Watchlists"));
  const listArea = h("div", { id: "watchlists" });
  const detail = h("div", { id: "watchlist-detail" });
  const name = h("input", { id: "new-watchlist", type: "text", required: true, placeholder: "e.g. Construction clients" });
  const create = h("form", { id: "create-watchlist", class: "inline" }, h("label", { for: "new-watchlist" }, "New watchlist "), name, h("button", { type: "submit" }, "Create"));
  create.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const w = (await gql(CREATE, { name: name.value.trim() })).createWatchlist;
      name.value = "";
      selected = w.id;
      await load();
    } catch (err) {
      create.append(errorBox(err));
    }
  });
  page.append(create, h("div", { class: "two-cols wide-right" }, listArea, detail));
  main.append(page);

  async function load() {
    fill(listArea, loading());
    let watchlists;
    try {
      ({ watchlists } = await gql(LIST));
    } catch (err) {
      fill(listArea, errorBox(err, load));
      return;
    }
    if (!selected && watchlists.length) selected = watchlists[0].id;
    fill(listArea, 
      section(
        "lists",
        `Your watchlists (${watchlists.length})`,
        watchlists.length
          ? h("ul", { class: "plain" }, watchlists.map((w) => h("li", {}, h("button", { type: "button", class: w.id === selected ? "link current" : "link", "aria-current": w.id === selected ? "true" : null, onclick: () => { selected = w.id; load(); } }, `${w.name} (${w.companies.length})`))))
          : h("p", {}, "No watchlist yet: create one above."),
      ),
    );
    const w = watchlists.find((x) => x.id === selected);
    if (w) showList(w);
    else fill(detail, );
  }

  function showList(w) {
    const adder = h("div", { class: "search compact", id: "watch-add" });
    const since = h("input", { type: "date", id: "since", value: monthsAgo(3), max: today() });
    const changesArea = h("div", { id: "changes" });
    const changesForm = h("form", { id: "changes-form", class: "inline" }, h("label", { for: "since" }, "What changed since "), since, h("button", { type: "submit" }, "Show changes"));
    changesForm.addEventListener("submit", (e) => {
      e.preventDefault();
      showChanges(w, since.value, changesArea);
    });
    fill(detail, 
      section(
        "watchlist",
        w.name,
        h("p", { class: "muted" }, `Created ${fmtDate(w.createdAt)}.`),
        h("label", { for: "watch-add-input" }, "Add a company"),
        adder,
        table(
          ["Company", "Added", "Rating when added", "Signals when added", ""],
          w.companies.map((c) => [
            entityLink(c.companyId, c.name, "COMPANY"),
            fmtDate(c.addedAt),
            ratingBadge(c.baselineRating),
            c.baselineSignals.map(signalName).join(", ") || "none",
            h("button", { type: "button", class: "link", onclick: async () => { await gql(REMOVE, { id: w.id, companies: [c.companyId] }); load(); } }, "Remove"),
          ]),
          { id: "watch-table" },
        ),
        h("p", {}, h("button", { type: "button", class: "danger", onclick: async () => { if (confirm(`Delete the watchlist “${w.name}”?`)) { await gql(DELETE, { id: w.id }); selected = null; load(); } } }, "Delete this watchlist")),
      ),
      section("changes-section", "Changes", changesForm, changesArea),
    );
    searchBox(adder, {
      id: "watch-add",
      kinds: ["COMPANY"],
      placeholder: "Company name or registry number…",
      onPick: async (_hash, data) => {
        try {
          await gql(ADD, { id: w.id, companies: [data.id] });
          announce(`${data.name} added`);
          load();
        } catch (err) {
          detail.prepend(errorBox(err));
        }
      },
    });
  }

  async function showChanges(w, since, area) {
    fill(area, loading("Comparing…"));
    try {
      const { changes } = await gql(CHANGES, { id: w.id, since: `${since}T00:00:00Z` });
      const changed = changes.filter((c) => c.changes.length || c.ratingBefore !== c.ratingAfter);
      fill(area, 
        h("p", {}, `${changed.length} of ${changes.length} companies changed since ${since} (by the date the registry gives; "first seen" is when duegraph loaded the fact).`),
        changed.map((c) =>
          h(
            "article",
            { class: "change" },
            h("h3", {}, entityLink(c.companyId, c.name, "COMPANY"), " ", c.ratingBefore !== c.ratingAfter ? h("span", {}, " rating ", ratingBadge(c.ratingBefore), " → ", ratingBadge(c.ratingAfter)) : null),
            table(["Registry date", "First seen", "What", "Summary"], c.changes.map((x) => [fmtDate(x.date), fmtDate(x.firstSeen), x.kind.replaceAll("_", " ").toLowerCase(), x.summary])),
          ),
        ),
      );
    } catch (err) {
      fill(area, errorBox(err));
    }
  }

  await load();
}
