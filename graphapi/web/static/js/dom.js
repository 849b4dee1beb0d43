// DOM helpers: every value from the API goes in as text (never innerHTML), so names such as
// "<script>" or "O'Brien & Sons" show as written.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") el.textContent = value;
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) if (child) el.append(child);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function announce(text) {
  const live = document.getElementById("live");
  if (live) {
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 30);
  }
}

export const today = () => new Date().toISOString().slice(0, 10);

export function fmtDate(value) {
  return value ? String(value).slice(0, 10) : "—";
}

export function monthsBetween(a, b) {
  const x = new Date(a);
  const y = new Date(b);
  return (y.getFullYear() - x.getFullYear()) * 12 + (y.getMonth() - x.getMonth());
}

export function humanSpan(from, to) {
  const months = monthsBetween(from, to);
  if (months < 1) return "less than a month";
  if (months < 24) return `${months} month${months === 1 ? "" : "s"}`;
  return `${Math.round(months / 12)} years`;
}

// Is a dated link in force on the date? (no start = since ever, no end = still)
export function validAt(start, end, asOf) {
  return (!start || start <= asOf) && (!end || end >= asOf);
}

export function startedBy(start, asOf) {
  return !start || start <= asOf;
}

export function route(kind, id, params = {}) {
  const page = { COMPANY: "company", PERSON: "person", ADDRESS: "network" }[kind] || "company";
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return `#/${page}/${encodeURIComponent(id)}${query ? "?" + query : ""}`;
}

export function entityLink(id, name, kind = "COMPANY", params = {}) {
  const label = name || id;
  // Events and bans have no page of their own.
  if (!["COMPANY", "PERSON", "ADDRESS"].includes(kind)) return h("span", { class: "fact", title: id }, `${String(kind).toLowerCase()} ${label}`);
  return h("a", { href: route(kind, id, params), class: `entity ${String(kind).toLowerCase()}`, title: id }, label);
}

export const RATING_LABELS = { 1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high" };

export function ratingBadge(score, label) {
  if (score === null || score === undefined || score === "") return h("span", { class: "muted" }, "not rated");
  return h(
    "span",
    { class: `rating r${score}`, title: `Risk rating ${score} of 5 (${label || RATING_LABELS[score]})` },
    h("b", {}, String(score)),
    h("span", { class: "of" }, "/5 "),
    h("span", { class: "label" }, label || RATING_LABELS[score] || ""),
  );
}

export function severityBadge(severity) {
  return h("span", { class: `sev s${severity}`, title: `Severity ${severity} of 5` }, `severity ${severity}`);
}

const SIGNAL_NAMES = {
  COMPANY_INSOLVENT: "Company insolvent",
  DIRECTOR_PAST_BANKRUPTCIES: "Directors' past bankruptcies",
  DISQUALIFIED_DIRECTOR: "Disqualified director",
  LATE_DIRECTOR_CHANGE: "Late director change",
  HIDDEN_CONTROLLER: "Hidden controller",
  FRONT_PERSON: "Front person",
  UBO_DISCREPANCY: "UBO discrepancy",
  NO_UBO_FOUND: "No beneficial owner found",
  CIRCULAR_OWNERSHIP: "Circular ownership",
  PHOENIX_SUCCESSOR: "Phoenix successor",
  DORMANT_REACTIVATION: "Dormant company reactivated",
  MASS_REGISTRATION_ADDRESS: "Mass registration address",
  SANCTIONED: "Sanctioned",
  SANCTIONED_OWNERSHIP: "Owned or controlled by sanctioned parties",
  SANCTION_LINKED: "Sanction-linked",
  DEBARRED: "Debarred from public procurement",
  COUNTER_SANCTIONED: "Counter-sanctioned (information only)",
  PEP: "Politically exposed person",
  NEGATIVE_EQUITY: "Negative equity",
  LOW_SOLVENCY: "Low solvency",
  HIGH_GEARING: "High gearing",
  CONSECUTIVE_LOSSES: "Consecutive losses",
  HEADCOUNT_DROP: "Headcount drop",
  TURNOVER_DROP: "Turnover drop",
  ACCOUNTS_OVERDUE: "Accounts overdue",
  DEPOSIT_MISSING: "Accounts deposit missing",
  REACTIVATED_AFTER_DORMANT: "Reactivated after dormant accounts",
  PAYMENT_BEHAVIOUR: "Pays us late",
};

export function signalName(kind) {
  return SIGNAL_NAMES[kind] || String(kind).replaceAll("_", " ").toLowerCase();
}

const TOPICS = { sanction: "Sanctioned", "sanction.linked": "Sanction-linked", "sanction.control": "Owned or controlled by sanctioned parties", "sanction.counter": "Counter-sanctioned (information only)", "role.pep": "Politically exposed person (PEP)", "role.rca": "Relative or close associate of a PEP", crime: "Crime", "crime.fraud": "Fraud", debarment: "Debarred", "poi": "Person of interest" };

export function topicLabel(topic) {
  return TOPICS[topic] || topic;
}

export function provenance(p) {
  if (!p) return "";
  const bits = [p.source, p.sourceFile, p.recordId && `record ${p.recordId}`, p.seenAt && `seen ${p.seenAt}`];
  return bits.filter(Boolean).join(" · ");
}

export function errorBox(err, retry) {
  const box = h(
    "div",
    { class: "error", role: "alert" },
    h("strong", {}, "Something went wrong: "),
    err?.message || String(err),
    err?.code ? h("span", { class: "muted" }, ` (${err.code})`) : null,
  );
  if (retry) box.append(" ", h("button", { type: "button", onclick: retry }, "Try again"));
  return box;
}

export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, text);
}

export function table(headers, rows, attrs = {}) {
  const thead = h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x))));
  const body = rows.length
    ? rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))
    : [h("tr", {}, h("td", { colspan: headers.length, class: "muted" }, "None."))];
  return h("table", attrs, thead, h("tbody", {}, body));
}

export function kv(pairs) {
  return h(
    "dl",
    { class: "kv" },
    pairs.filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

export function section(id, title, ...children) {
  return h("section", { id, class: "card", "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), children);
}

export function downloadBlob(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Replace an element's content (null, false and undefined children are skipped).
export function fill(el, ...children) {
  return append(clear(el), children);
}
