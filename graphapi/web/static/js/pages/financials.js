// The company page's "Financial health" section: key figures by year, each ratio with its
// formula and inputs (or the reason it is null), its position among peers and a small chart
// over the years against the peers' median. Company and consolidated group accounts are shown
// apart. The data comes with the page's first request (FINANCIALS below), asked again when the
// as-of date changes; nothing here sends a request.

import { errorBox, fmtDate, h, kv, provenance, section, table } from "../dom.js";
import { ratioChart } from "../ratio-chart.js";

// Selections for the company page's first query: statements with every stated figure, and the
// ratios at the as-of date for the company's own accounts and for its group's.
export const FINANCIALS = `financials(years: 10) { id periodStart periodEnd accountsType dormant llp consolidated comparative audited accountingStandard model currency sizeClass notes figures { name value sources formula } provenance { source recordId sourceFile seenAt } }
    ratios(asOf: $asOf) { ...Ratios }
    groupRatios: ratios(asOf: $asOf, consolidated: true) { ...Ratios }`;
export const RATIOS_FRAGMENT = `fragment Ratios on FinancialRatios {
  asOf sector sizeClass reason statement { id periodStart periodEnd accountsType currency comparative provenance { source recordId sourceFile } }
  ratios { name value formula unit reason inputs { figure value sources } peers { group peers median percentile fallback reason } trend { direction points { periodEnd statementId comparative value peerMedian peers peerGroup } } }
}`;

const YEARS = 5; // columns of the key-figures table, like the ratios' trend

// The figures credit managers read first; each row shows "not stated" where a filing is silent.
const KEY_FIGURES = [
  "TURNOVER", "OPERATING_RESULT", "NET_RESULT", "EQUITY", "TOTAL_ASSETS", "TOTAL_DEBTS",
  "FINANCIAL_DEBTS", "CASH", "CURRENT_ASSETS", "CURRENT_LIABILITIES", "TRADE_RECEIVABLES",
  "TRADE_PAYABLES", "EMPLOYEES",
];

const RATIOS = {
  GEARING: { label: "Gearing", hint: "net financial debt / equity; above 1 is a warning" },
  GENERAL_SOLVENCY: { label: "General solvency", hint: "total assets / total debts; below 1 is a warning" },
  CURRENT_RATIO: { label: "Current ratio", hint: "liquidity: current assets / current liabilities" },
  QUICK_RATIO: { label: "Quick ratio", hint: "liquidity without inventories" },
  DSO: { label: "DSO", hint: "days the company's customers take to pay it" },
  DPO: { label: "DPO", hint: "days the company takes to pay its suppliers" },
};

export function figureLabel(name) {
  const text = String(name).toLowerCase().replaceAll("_", " ");
  return text[0].toUpperCase() + text.slice(1);
}

// A decimal string as printed: thousands grouped, every decimal kept, "-" for negatives.
// Strings are grouped as text, never through a float, so large amounts stay exact.
export function fmtAmount(value) {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${match[3] || ""}`;
}

function fmtRatio(value, unit) {
  return unit === "days" ? `${fmtAmount(value)} days` : fmtAmount(value);
}

const notStated = () => h("span", { class: "not-stated" }, "not stated");

// Statements of one scope that end on or before the as-of date, oldest first (at most YEARS).
function statementsOf(all, consolidated, asOf) {
  return all
    .filter((s) => s.consolidated === consolidated && s.periodEnd <= asOf)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
    .slice(-YEARS);
}

function statementAnchor(key) {
  return `fin-stmt-${key.replace(/[^A-Za-z0-9-]+/g, "_")}`;
}

// Open a statement's details in the financial section and bring it into view (evidence links).
export function showStatement(key) {
  const el = document.getElementById(statementAnchor(key));
  if (!el) return false;
  for (let d = el; d; d = d.parentElement?.closest("details")) d.open = true;
  el.scrollIntoView({ block: "center" });
  el.querySelector("summary")?.focus();
  return true;
}

function sourceOf(p) {
  return provenance({ source: p.source, sourceFile: p.sourceFile || p.recordId, recordId: p.sourceFile ? p.recordId : null, seenAt: p.seenAt });
}

function figuresTable(statements, scopeId) {
  const byName = statements.map((s) => new Map(s.figures.map((f) => [f.name, f])));
  const currencies = [...new Set(statements.map((s) => s.currency).filter(Boolean))];
  const head = [
    h("th", { scope: "col" }, "Figure"),
    statements.map((s) =>
      h("th", { scope: "col", class: "num", dataset: { period: s.periodEnd } }, s.periodEnd, s.comparative ? h("div", { class: "muted small" }, "prior year of a later filing") : null, currencies.length > 1 ? h("div", { class: "muted small" }, s.currency || "") : null),
    ),
  ];
  const rows = KEY_FIGURES.map((name) =>
    h(
      "tr",
      { dataset: { figure: name } },
      h("th", { scope: "row" }, figureLabel(name)),
      byName.map((figures, i) => {
        const f = figures.get(name);
        if (!f) return h("td", { class: "num", dataset: { period: statements[i].periodEnd } }, notStated());
        const from = f.formula || f.sources.join(", ");
        return h("td", { class: "num", dataset: { period: statements[i].periodEnd }, title: from ? `from ${from}` : null }, fmtAmount(f.value));
      }),
    ),
  );
  const unit = currencies.length === 1 ? ` in ${currencies[0]}` : "";
  return h(
    "table",
    { class: "fin-figures", id: `${scopeId}-figures` },
    h("caption", {}, `Key figures by year-end${unit}, as the filings state them (employees: average headcount); “not stated” where a filing does not give the figure.`),
    h("thead", {}, h("tr", {}, head)),
    h("tbody", {}, rows),
  );
}

function inputsList(r) {
  if (!r.inputs.length) return null;
  return h("ul", { class: "inputs" }, r.inputs.map((i) => h("li", {}, `${figureLabel(i.figure).toLowerCase()} ${fmtAmount(i.value)}`, i.sources.length ? h("span", { class: "muted" }, ` (${i.sources.join(", ")})`) : null)));
}

function peersCell(r, sector) {
  const p = r.peers;
  if (p.median === null) return h("span", { class: "muted" }, p.reason || "no peers");
  return [
    h("div", {}, "median ", h("strong", {}, fmtRatio(p.median, r.unit))),
    p.percentile !== null ? h("div", {}, `percentile ${p.percentile} `, h("span", { class: "muted" }, "(share of peers below the company)")) : null,
    h("div", { class: "muted" }, `${p.peers} peers: ${p.group}`),
    p.fallback ? h("div", { class: "fallback" }, `fallback to the 2-digit division: too few peers in the class${sector ? " " + sector : ""}`) : null,
    p.reason ? h("div", { class: "muted" }, p.reason) : null,
  ];
}

function trendText(direction) {
  if (!direction) return h("span", { class: "muted" }, "fewer than two years");
  return { up: "↑ up", down: "↓ down", flat: "→ flat" }[direction] || direction;
}

function ratiosTable(ratios, scopeId) {
  return table(
    ["Ratio", "Value", "Formula and inputs", "Peers (same sector, size class and year)", "Trend"],
    ratios.ratios.map((r) => {
      const meta = RATIOS[r.name] || { label: r.name, hint: "" };
      const value = r.value === null
        ? [h("strong", { class: "null-ratio" }, "not computable"), h("div", { class: "reason" }, r.reason || "")]
        : [h("strong", {}, fmtRatio(r.value, r.unit)), r.reason ? h("div", { class: "muted note" }, r.reason) : null];
      return [
        h("span", { dataset: { ratio: r.name } }, h("strong", {}, meta.label), h("div", { class: "muted small" }, meta.hint)),
        value,
        [h("code", {}, r.formula), inputsList(r)],
        peersCell(r, ratios.sector),
        trendText(r.trend.direction),
      ];
    }),
    { class: "fin-ratios", id: `${scopeId}-ratios` },
  );
}

function chartValues(r) {
  const points = r.trend.points;
  return h(
    "table",
    { class: "chart-values" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Year-end"), points.map((p) => h("th", { scope: "col", class: "num" }, p.periodEnd)))),
    h(
      "tbody",
      {},
      h("tr", {}, h("th", { scope: "row" }, "Company"), points.map((p) => h("td", { class: "num" }, p.value === null ? "n/a" : fmtAmount(p.value)))),
      h("tr", {}, h("th", { scope: "row" }, "Peers' median"), points.map((p) => h("td", { class: "num", title: p.peerGroup ? `${p.peers} peers: ${p.peerGroup}` : null }, p.peerMedian === null ? "—" : fmtAmount(p.peerMedian)))),
    ),
  );
}

// One chart per ratio that has a value in at least one year; the others are named in a line.
function charts(ratios, scopeId) {
  const drawable = ratios.ratios.filter((r) => r.trend.points.some((p) => p.value !== null));
  const blank = ratios.ratios.filter((r) => !drawable.includes(r)).map((r) => (RATIOS[r.name] || { label: r.name }).label);
  return [
    drawable.length
      ? h(
          "div",
          { class: "fin-charts" },
          drawable.map((r) => {
            const meta = RATIOS[r.name] || { label: r.name };
            return h(
              "figure",
              { class: "fin-chart", dataset: { ratio: r.name } },
              ratioChart({ id: `${scopeId}-chart-${r.name.toLowerCase()}`, label: meta.label, unit: r.unit, points: r.trend.points }),
              h("figcaption", { class: "visually-hidden" }, `${meta.label} by year-end, values:`),
              chartValues(r),
            );
          }),
        )
      : null,
    blank.length ? h("p", { class: "muted no-chart" }, `No chart for ${blank.join(", ")}: not computable in any year shown (see the reasons above).`) : null,
  ];
}

function statementDetails(s) {
  return h(
    "details",
    { class: "fin-statement", id: statementAnchor(s.id), dataset: { statementId: s.id } },
    h("summary", {}, `${s.consolidated ? "Group accounts" : "Accounts"} to ${s.periodEnd}`, h("span", { class: "muted" }, ` — ${s.accountsType}${s.comparative ? ", prior-year figures of a later filing" : ""} · ${sourceOf(s.provenance)}`)),
    kv([
      ["Period", `${fmtDate(s.periodStart)} to ${s.periodEnd}`],
      ["Accounts", [s.accountsType, s.dormant ? "dormant" : null, s.llp ? "LLP" : null, s.audited === true ? "audited" : s.audited === false ? "not audited" : null].filter(Boolean).join(", ")],
      ["Standard", s.accountingStandard],
      ["Model", s.model],
      ["Currency", s.currency],
      ["Size class", s.sizeClass],
      ["Filing", sourceOf(s.provenance)],
      ["Reader's notes", s.notes.length ? h("ul", { class: "plain" }, s.notes.map((n) => h("li", {}, n))) : null],
    ]),
    table(
      ["Figure", "Value", "Read from", "Formula"],
      s.figures.map((f) => [figureLabel(f.name), h("span", { class: "num" }, fmtAmount(f.value)), f.sources.join(", "), f.formula || ""]),
      { class: "fin-statement-figures" },
    ),
  );
}

function scopeBlock(title, scopeId, statements, ratios, asOf) {
  const latest = ratios?.statement;
  const intro = latest
    ? h(
        "p",
        { class: "fin-latest" },
        `Latest accounts at ${asOf}: year to `,
        h("strong", {}, latest.periodEnd),
        ` (from ${fmtDate(latest.periodStart)}), ${latest.accountsType} accounts${latest.currency ? " in " + latest.currency : ""}${latest.comparative ? " (prior-year figures of a later filing)" : ""}; size class ${ratios.sizeClass || "unknown"}; peers from ${ratios.sector || "no activity code"}. Filing: ${sourceOf(latest.provenance)}.`,
      )
    : h("p", { class: "muted" }, ratios?.reason || `No accounts ending on or before ${asOf}.`);
  return h(
    "div",
    { class: "fin-scope", id: scopeId },
    h("h3", {}, title),
    intro,
    statements.length ? figuresTable(statements, scopeId) : latest ? h("p", { class: "muted" }, "Key figures: this page reads the ten most recent statements, all after this date; the ratios below are computed at the date.") : null,
    ratios && ratios.ratios.length
      ? [
          h("h4", {}, "Ratios"),
          ratiosTable(ratios, scopeId),
          h("p", { class: "muted legend-text" }, "Charts: the company (solid line, round dots, its value written above) against the median of its peers (dashed line, squares) at each year-end; “n/a” marks a year where the ratio cannot be computed."),
          charts(ratios, scopeId),
        ]
      : null,
    statements.length ? h("details", { class: "fin-statements" }, h("summary", {}, `The ${statements.length} statement${statements.length > 1 ? "s" : ""} above, with every figure and where it was read`), statements.map(statementDetails)) : null,
  );
}

/**
 * @param {object|null} accounts the `accounts` alias of the page's first query (null on error)
 * @param {string} asOf
 * @param {Error|null} error
 */
export function financialSection(accounts, asOf, error) {
  if (!accounts) return section("financials", "Financial health", errorBox(error || new Error("The filed accounts could not be read.")));
  const all = accounts.financials;
  const own = statementsOf(all, false, asOf);
  const group = statementsOf(all, true, asOf);
  const blocks = [];
  if (own.length || all.some((s) => !s.consolidated)) blocks.push(scopeBlock("Company accounts", "fin-company", own, accounts.ratios, asOf));
  if (group.length || all.some((s) => s.consolidated)) blocks.push(scopeBlock("Consolidated group accounts", "fin-group", group, accounts.groupRatios, asOf));
  return section(
    "financials",
    "Financial health",
    blocks.length ? blocks : h("p", { class: "muted", id: "fin-none" }, "No filed accounts in the graph for this company."),
  );
}
