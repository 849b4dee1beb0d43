// Portfolio: the firm's own ledger (analyst and admin keys only). The rating x exposure
// matrix, exposure by sector and by group, exposure through the graph (clients linked by a
// group, a director, a beneficial owner or an address), the dunning list and the review
// schedule. Two requests: the ledgers, then one operation with every view.

import { gql } from "../api.js";
import { clear, entityLink, errorBox, fill, h, loading, ratingBadge, section, table } from "../dom.js";

const LEDGERS = `query Ledgers { ledgers { name importedAt } }`;
const VIEWS = `query Portfolio($ledger: String!, $asOf: Date, $first: Int) {
  portfolioSummary(ledger: $ledger, asOf: $asOf) {
    clients asOf
    totals { currency open overdue }
    ratingMatrix { rating band currency clients open overdue }
    bySector { key currency clientIds open overdue creditLimits }
    byGroup { key name currency clientIds open overdue creditLimits clientsWithoutLimit overLimits }
    linked { kinds entityId entityName summary members { clientId companyId companyName how exposure { open currency } } }
  }
  dunningList(ledger: $ledger, asOf: $asOf, first: $first) {
    totalCount
    nodes { client { id name companyId rating { rating label } } overdue currency priority reason }
  }
  reviewSchedule(ledger: $ledger, asOf: $asOf, first: $first) {
    totalCount
    nodes { client { id name companyId rating { rating label } } dueOn reason }
  }
}`;
const BANDS = ["nil", "under 10k", "10k-50k", "50k-100k", "100k+"];

function money(amount, currency) {
  const n = Number(amount);
  const text = n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${text} ${currency}` : text;
}

function clientCell(c) {
  return c.companyId ? entityLink(c.companyId, c.name || c.id) : h("span", {}, c.name || c.id);
}

function matrix(cells) {
  const ratings = [...new Set(cells.map((c) => c.rating))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const rows = ratings.map((r) => [
    ratingBadge(r, null),
    ...BANDS.map((band) => {
      const found = cells.filter((c) => c.rating === r && c.band === band);
      if (!found.length) return h("span", { class: "muted" }, "–");
      return found.map((c) => h("div", {}, `${c.clients} · ${money(c.open, c.currency)}`));
    }),
  ]);
  return table(["Rating", ...BANDS.map((b) => `Open ${b}`)], rows, { id: "rating-matrix" });
}

export async function render(main, ctx) {
  document.title = "Portfolio · duegraph";
  const page = h("div", { class: "portfolio-page" }, h("h1", {}, "Portfolio"));
  const body = h("div", { id: "portfolio" });
  main.append(page);
  let ledgers;
  try {
    ({ ledgers } = await gql(LEDGERS));
  } catch (err) {
    const note = err.code === "FORBIDDEN" ? h("p", { id: "ledger-forbidden" }, "The firm's ledger is confidential: it is shown to analyst and admin keys only.") : null;
    page.append(note, errorBox(err));
    return;
  }
  if (!ledgers.length) {
    page.append(h("p", { class: "muted" }, "No ledger imported yet: run duegraph ledger import."));
    return;
  }
  const select = h("select", { id: "ledger-select" }, ledgers.map((l) => h("option", { value: l.name, selected: l.name === ctx.params.ledger }, l.name)));
  const asOf = h("input", { id: "portfolio-as-of", type: "date", value: ctx.params.asOf || "" });
  const form = h("form", { class: "inline", id: "portfolio-form" }, h("label", { for: "ledger-select" }, "Ledger "), select, " ", h("label", { for: "portfolio-as-of" }, "as of "), asOf, " ", h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const params = new URLSearchParams({ ledger: select.value });
    if (asOf.value) params.set("asOf", asOf.value);
    ctx.go(`#/portfolio?${params}`);
  });
  page.append(form, body);
  fill(body, loading("Reading the ledger…"));
  let data;
  try {
    data = await gql(VIEWS, { ledger: select.value, asOf: asOf.value || null, first: 20 });
  } catch (err) {
    fill(body, errorBox(err));
    return;
  }
  const s = data.portfolioSummary;
  clear(body);
  body.append(
    h("p", { class: "lead", id: "portfolio-totals" }, `${s.clients} clients as of ${s.asOf}: `, s.totals.map((t) => `${money(t.open, t.currency)} open, ${money(t.overdue, t.currency)} overdue`).join("; ")),
    section("linked", "Exposure through the graph", s.linked.length
      ? h("ul", { class: "links" }, s.linked.map((l) => h("li", { class: "link" },
        h("p", {}, l.summary),
        h("ul", {}, l.members.map((m) => h("li", {}, entityLink(m.companyId, m.companyName), ` (client ${m.clientId}): ${m.how}`, m.exposure ? `; owes ${money(m.exposure.open, m.exposure.currency)}` : ""))),
      )))
      : h("p", { class: "muted" }, "No two clients are linked in the registers.")),
    section("dunning", `Dunning list (${data.dunningList.totalCount})`, table(
      ["Client", "Rating", "Overdue", "Why here"],
      data.dunningList.nodes.map((d) => [clientCell(d.client), ratingBadge(d.client.rating?.rating, d.client.rating?.label), money(d.overdue, d.currency), d.reason]),
      { id: "dunning-table" },
    )),
    section("matrix", "Rating × exposure", matrix(s.ratingMatrix)),
    section("groups", "Exposure by group", table(
      ["Group (top company)", "Clients", "Open", "Limits", "Over the limits"],
      s.byGroup.map((g) => [entityLink(g.key, g.name), String(g.clientIds.length), money(g.open, g.currency), `${money(g.creditLimits, g.currency)}${g.clientsWithoutLimit ? ` (${g.clientsWithoutLimit} without a limit)` : ""}`, Number(g.overLimits) > 0 ? h("strong", {}, money(g.overLimits, g.currency)) : "–"]),
      { id: "groups-table" },
    )),
    section("sectors", "Exposure by sector", table(
      ["Sector", "Clients", "Open", "Overdue"],
      s.bySector.map((x) => [x.key, String(x.clientIds.length), money(x.open, x.currency), money(x.overdue, x.currency)]),
      { id: "sectors-table" },
    )),
    section("reviews", `Review schedule (${data.reviewSchedule.totalCount} due)`, table(
      ["Client", "Rating", "Due", "Why"],
      data.reviewSchedule.nodes.map((r) => [clientCell(r.client), ratingBadge(r.client.rating?.rating, r.client.rating?.label), r.dueOn || "now", r.reason]),
      { id: "reviews-table" },
    )),
  );
}
