// Portfolio screening: upload a client CSV (the `duegraph screen` / `ubo-check` input),
// watch the progress, then sort, filter and download the results. The file goes to
// POST /api/screen, which runs the CLI's own job engine and streams rows back as NDJSON.

import { call } from "../api.js";
import { fill, announce, downloadBlob, entityLink, errorBox, h, ratingBadge, RATING_LABELS, signalName, today } from "../dom.js";

const COLUMNS = [
  { key: "row", label: "Row", value: (r) => r.row },
  { key: "input_id", label: "Client as given", value: (r) => r.input_id },
  { key: "status", label: "Status", value: (r) => r.status },
  { key: "name", label: "Company", value: (r) => r.name || "" },
  { key: "rating", label: "Rating", value: (r) => (r.rating ?? -1) },
  { key: "signals", label: "Top signals", value: (r) => (r.signals || []).map((s) => s.kind).join(" ") },
  { key: "ubo", label: "Beneficial owners", value: (r) => uboStatus(r) },
  { key: "reason", label: "Reason or warning", value: (r) => r.reason || r.warning || "" },
];

const EXAMPLE = "identifier,scheme,name,country\nGB-COH-16202051,,,\n0403.170.701,BE-BCE_KBO,,\n,,ORIEL UNITED INTERIORS,GB\n12345,,,\n";

export function uboStatus(r) {
  if (r.status !== "OK") return "";
  if (r.ubo_exempt) return "exempt";
  if (r.no_ubo_found) return "no UBO found";
  const owners = r.owners || [];
  const discrepancies = (r.discrepancies || []).length;
  return `${owners.length} UBO${owners.length === 1 ? "" : "s"}${discrepancies ? `, ${discrepancies} discrepanc${discrepancies === 1 ? "y" : "ies"}` : ""}`;
}

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? "'" + text : text; // no formula injection in spreadsheets
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows) {
  const ours = ["row", "input_id", "status", "company_id", "name", "warning", "rating", "label", "signal_1_kind", "signal_1_severity", "signal_1_summary", "signal_2_kind", "signal_2_severity", "signal_2_summary", "signal_3_kind", "signal_3_severity", "signal_3_summary", "ubo_status", "beneficial_owners", "discrepancies", "reason"];
  // The client file's own columns first, as `duegraph screen` writes them (renamed "input …"
  // when one is named like ours), so the results match back to the user's records.
  const given = Object.keys(rows[0]?.input || {});
  const taken = new Set(ours.map((c) => c.toLowerCase()));
  const inputNames = given.map((name) => {
    let out = name;
    while (taken.has(out.toLowerCase())) out = "input " + out;
    taken.add(out.toLowerCase());
    return out;
  });
  // A byte-order mark, so Excel reads the accents as UTF-8.
  const lines = ["\ufeff" + [...inputNames, ...ours].map(csvCell).join(",")];
  for (const r of rows) {
    const s = r.signals || [];
    const cells = [...given.map((name) => (r.input || {})[name]), r.row, r.input_id, r.status, r.company_id, r.name, r.warning, r.rating, r.label];
    for (let i = 0; i < 3; i++) cells.push(s[i]?.kind, s[i]?.severity, s[i]?.summary);
    cells.push(uboStatus(r), (r.owners || []).map((o) => `${o.name} ${o.effective}${o.control ? " control" : ""}`).join("; "), (r.discrepancies || []).map((d) => `${d.kind}: ${d.detail}`).join("; "), r.reason);
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export async function render(main, ctx) {
  document.title = "Portfolio screening · duegraph";
  const state = { rows: [], sort: { key: "row", dir: 1 }, filter: "", status: "", minRating: 0, summary: null };
  const file = h("input", { type: "file", id: "portfolio-file", accept: ".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", required: true });
  const asOf = h("input", { type: "date", id: "screen-as-of", value: today() });
  const start = h("button", { type: "submit", class: "primary", id: "start-screen" }, "Screen the portfolio");
  const progress = h("progress", { id: "screen-progress", max: 1, value: 0, hidden: true });
  const progressText = h("p", { id: "screen-progress-text", role: "status", "aria-live": "polite" });
  const summary = h("div", { id: "screen-summary" });
  const results = h("div", { id: "screen-results" });
  const filterText = h("input", { type: "search", id: "screen-filter", placeholder: "Filter: name, number, signal, reason…" });
  const statusSelect = h("select", { id: "screen-status" }, h("option", { value: "" }, "All statuses"), ["OK", "NOT_FOUND", "MALFORMED_IDENTIFIER", "AMBIGUOUS", "DUPLICATE_ROW"].map((s) => h("option", { value: s }, s)));
  const ratingSelect = h("select", { id: "screen-rating" }, h("option", { value: "0" }, "Any rating"), [2, 3, 4, 5].map((n) => h("option", { value: n }, `${n} (${RATING_LABELS[n]}) or higher`)));
  const download = h("button", { type: "button", id: "download-csv", disabled: true }, "Download CSV");
  const tools = h("div", { class: "table-tools", hidden: true, id: "screen-tools" }, h("label", { for: "screen-filter" }, "Filter "), filterText, h("label", { for: "screen-status", class: "visually-hidden" }, "Status"), statusSelect, h("label", { for: "screen-rating", class: "visually-hidden" }, "Rating"), ratingSelect, download);

  const form = h(
    "form",
    { id: "screen-form", class: "card" },
    h("h2", {}, "Upload a client list"),
    h("p", {}, "Your client list as Excel saves it (CSV with commas or semicolons, tab-delimited text, or the .xlsx workbook), one client per row: a registry number in any common spelling (a column named e.g. ", h("code", {}, "number"), ", ", h("code", {}, "KBO"), ", ", h("code", {}, "SIREN"), ", ", h("code", {}, "VAT"), " or ", h("code", {}, "ondernemingsnummer"), ", with an optional ", h("code", {}, "country"), " column), or a ", h("code", {}, "name"), " (", h("code", {}, "naam"), ", ", h("code", {}, "nom"), "). Your other columns come back in the results. It is the input of ", h("code", {}, "duegraph screen"), ". ", h("a", { href: "#", id: "example-csv", onclick: (e) => { e.preventDefault(); downloadBlob("clients-example.csv", new Blob([EXAMPLE], { type: "text/csv" })); } }, "Download an example file.")),
    h("p", {}, h("label", { for: "portfolio-file" }, "Client file (CSV) "), file),
    h("p", {}, h("label", { for: "screen-as-of" }, "As of "), asOf, " ", start),
    progress,
    progressText,
  );

  function filtered() {
    const text = state.filter.toLowerCase();
    return state.rows
      .filter((r) => !state.status || r.status === state.status)
      .filter((r) => !state.minRating || (r.rating || 0) >= state.minRating)
      .filter((r) => !text || JSON.stringify([Object.values(r.input || {}), r.warning, r.input_id, r.status, r.status.replaceAll("_", " "), r.name, r.company_id, r.reason, (r.signals || []).map((s) => [s.kind, s.summary])]).toLowerCase().includes(text))
      .sort((a, b) => {
        const col = COLUMNS.find((c) => c.key === state.sort.key);
        const x = col.value(a);
        const y = col.value(b);
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * state.sort.dir || a.row - b.row;
      });
  }

  function drawTable() {
    const rows = filtered();
    const head = h(
      "tr",
      {},
      COLUMNS.map((c) => {
        const sorted = state.sort.key === c.key;
        return h(
          "th",
          { scope: "col", "aria-sort": sorted ? (state.sort.dir > 0 ? "ascending" : "descending") : "none" },
          h("button", { type: "button", class: "sort", dataset: { key: c.key }, onclick: () => { state.sort = { key: c.key, dir: sorted ? -state.sort.dir : c.key === "rating" ? -1 : 1 }; drawTable(); } }, c.label, sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""),
        );
      }),
    );
    const body = rows.map((r) =>
      h(
        "tr",
        { class: `st-${r.status}`, dataset: { row: r.row, status: r.status } },
        h("td", {}, String(r.row)),
        h("td", {}, r.input_id),
        h("td", {}, h("span", { class: `status-tag ${r.status}` }, r.status.replaceAll("_", " ").toLowerCase())),
        h("td", {}, r.company_id ? entityLink(r.company_id, r.name, "COMPANY") : ""),
        h("td", {}, r.status === "OK" ? ratingBadge(r.rating, r.label) : ""),
        h("td", {}, (r.signals || []).length ? h("ul", { class: "plain" }, r.signals.map((s) => h("li", { title: s.summary }, `${signalName(s.kind)} (severity ${s.severity})`))) : r.status === "OK" ? "none" : ""),
        h("td", {}, uboStatus(r)),
        h("td", {}, r.reason || r.warning || ""),
      ),
    );
    fill(results, 
      h("p", { class: "muted", id: "screen-count" }, `${rows.length} of ${state.rows.length} rows shown`),
      h("div", { class: "scroll" }, h("table", { id: "screen-table", class: "results-table" }, h("thead", {}, head), h("tbody", {}, body))),
    );
  }

  function drawSummary() {
    const counts = [1, 2, 3, 4, 5].map((n) => [n, state.rows.filter((r) => r.rating === n).length]);
    const byStatus = {};
    for (const r of state.rows) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
    fill(summary, 
      h("div", { class: "summary-cards" },
        counts.map(([n, k]) => h("button", { type: "button", class: "summary-card", onclick: () => { ratingSelect.value = String(n); state.minRating = n; drawTable(); } }, ratingBadge(n), h("span", { class: "count" }, `${k} client${k === 1 ? "" : "s"}`))),
        Object.entries(byStatus).filter(([s]) => s !== "OK").map(([s, k]) => h("button", { type: "button", class: "summary-card", onclick: () => { statusSelect.value = s; state.status = s; drawTable(); } }, h("span", { class: `status-tag ${s}` }, s.replaceAll("_", " ").toLowerCase()), h("span", { class: "count" }, `${k} row${k === 1 ? "" : "s"}`))),
      ),
    );
  }

  filterText.addEventListener("input", () => { state.filter = filterText.value; drawTable(); });
  statusSelect.addEventListener("change", () => { state.status = statusSelect.value; drawTable(); });
  ratingSelect.addEventListener("change", () => { state.minRating = Number(ratingSelect.value); drawTable(); });
  download.addEventListener("click", () => downloadBlob(`screening-${asOf.value}.csv`, new Blob([toCsv(filtered().sort((a, b) => a.row - b.row))], { type: "text/csv" })));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    state.rows = [];
    start.disabled = true;
    progress.hidden = false;
    progress.removeAttribute("value");
    progressText.textContent = `Uploading ${chosen.name}…`;
    fill(results, );
    fill(summary, );
    try {
      const response = await call(`/api/screen?asOf=${asOf.value || today()}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: chosen });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let total = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (value) buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 1);
          if (!line.trim()) continue;
          const msg = JSON.parse(line);
          if (msg.type === "accepted") {
            total = msg.rows;
            progressText.textContent = `${total} client rows read; finding the companies…`;
          } else if (msg.type === "progress") {
            progress.max = Math.max(1, msg.total);
            progress.value = msg.done;
            progressText.textContent = `${msg.done} of ${msg.total} rows screened`;
          } else if (msg.type === "rows") {
            state.rows.push(...msg.rows);
            tools.hidden = false;
            drawTable();
          } else if (msg.type === "done") {
            state.summary = msg.summary;
            progress.value = progress.max;
            progressText.textContent = `Done: ${msg.summary.rows} rows in ${msg.summary.seconds} s (${msg.summary.byStatus.OK || 0} found${msg.summary.emptyLines ? `, ${msg.summary.emptyLines} empty lines skipped` : ""}).`;
            announce("Screening finished");
          } else if (msg.type === "error") {
            throw new Error(msg.message);
          }
        }
        if (done) break;
      }
      drawSummary();
      drawTable();
      download.disabled = false;
    } catch (err) {
      fill(progressText, errorBox(err));
    } finally {
      start.disabled = false;
    }
  });

  main.append(h("div", { class: "screen-page" }, h("h1", {}, "Portfolio screening"), ctx.role === "reader" ? h("p", { class: "error" }, "Your key has the reader role: screening needs an analyst key.") : null, form, summary, tools, results));
}
