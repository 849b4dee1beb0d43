// Company page: identity, rating and signals with their evidence, directors on a timeline,
// owners (computed, declared, discrepancies), financial health, the group and the events. Two
// GraphQL requests (the company's facts with its filed accounts and their ratios at the as-of
// date, and its due diligence at the as-of date), sent together; changing the as-of date asks
// both again.

import { ApiError, call, gql } from "../api.js";
import {
  announce, clear, fill, downloadBlob, entityLink, errorBox, fmtDate, h, humanSpan, kv, loading,
  provenance, ratingBadge, route, section, severityBadge, signalName, startedBy, table, today, topicLabel, validAt,
} from "../dom.js";
import { coverage, timeline } from "../timeline.js";
import { FINANCIALS, RATIOS_FRAGMENT, figureLabel, financialSection, fmtAmount, showStatement } from "./financials.js";
import { addToWatchlistDialog } from "./watchlists.js";

// The accounts come under an alias of their own: an error in them nulls that alias only, and
// the rest of the page still shows.
const FACTS = `query CompanyFacts($id: ID!, $asOf: Date) {
  company(id: $id) {
    id name legalForm status statusDetail jurisdiction incorporatedOn dissolvedOn activityCodes topics formerNames noBeneficialOwnerReason
    provenance { source recordId sourceFile seenAt }
    identifiers { scheme value }
    addresses { kind start end address { id text } }
    events(first: 100) { totalCount nodes { id kind date endDate insolvency description court reference madeUpTo dormant provenance { source recordId sourceFile } } }
    directors(includeHistorical: true, first: 100) { totalCount nodes { id role roleLabel start end director { id name kind } provenance { source recordId sourceFile seenAt } } }
    shareholders(first: 50) { totalCount nodes { id start end interest share { text } owner { id name kind } provenance { source recordId } } }
    controllers(first: 20) { nodes { id start end interests controller { id name kind } } }
    parents(first: 20) { nodes { id level start end parent { id name status } } }
    group { ultimateParentIds ultimateParentNames subsidiaries { companyId name parentId depth directPercent effectivePercent } }
  }
  accounts: company(id: $id) {
    ${FINANCIALS}
  }
}
${RATIOS_FRAGMENT}`;

const HOP = "fromId fromName type toId toName start end detail provenance { source recordId sourceFile seenAt }";
const DUE_DILIGENCE = `query CompanyDueDiligence($id: ID!, $asOf: Date) {
  dueDiligence(companyId: $id, asOf: $asOf) {
    asOf
    rating { score label reasons }
    signals { kind severity summary date entityIds parameters { name value } evidence { description hops { ${HOP} } } }
    bankruptcyHistories { personId windowMonths count person { name } cases { companyId companyName role from to insolvencyKind insolvencyDate monthsAfterLeaving withinWindow } }
    ubo {
      ruleSet threshold operator noUboFound exempt truncated unattributed { label } seniorManagingOfficials
      owners { personId person { name } effectivePercent { label } control controlPossible status basis ukBand paths { entityIds shares product { label } hops { fromId fromName toId toName type } } }
      declared { entityId entity { name kind } interests share { label } control declaredBy start end }
      discrepancies { kind entityId detail computed { label } }
      circular { found components }
    }
  }
}`;

function linkOf(entity, asOf) {
  return entity ? entityLink(entity.id, entity.name, entity.kind, { asOf }) : "—";
}

function header(c, dd, asOf, ctx, rerun) {
  const input = h("input", { type: "date", id: "as-of", value: asOf, max: "2100-12-31", "aria-describedby": "as-of-help" });
  const form = h(
    "form",
    { class: "asof", id: "as-of-form" },
    h("label", { for: "as-of" }, "As of"),
    input,
    h("button", { type: "submit" }, "Apply"),
    h("button", { type: "button", onclick: () => rerun(today()) }, "Today"),
    h("span", { id: "as-of-help", class: "muted" }, "Everything on this page is asked again at that date."),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value) rerun(input.value);
  });
  const status = c.status || "unknown";
  const actions = h(
    "div",
    { class: "actions" },
    h("a", { class: "button", href: `#/network/${encodeURIComponent(c.id)}?asOf=${asOf}`, id: "open-network" }, "Network"),
    h("button", { type: "button", id: "add-watch", onclick: () => addToWatchlistDialog([c.id], c.name) }, "Add to watchlist"),
    h("button", { type: "button", id: "download-report", onclick: () => downloadReport(c, asOf) }, "Download report (HTML)"),
    h("button", { type: "button", id: "print", onclick: () => window.print() }, "Print / PDF"),
  );
  return h(
    "header",
    { class: "page-head" },
    h("p", { class: "crumbs" }, "Company · ", h("code", {}, c.id)),
    h("h1", { id: "entity-name" }, c.name || c.id),
    h(
      "p",
      { class: "head-facts" },
      dd ? ratingBadge(dd.rating.score, dd.rating.label) : null,
      h("span", { class: `status status-${status.replace(/\W+/g, "-")}` }, `Status: ${status}`),
      c.jurisdiction ? h("span", {}, `Jurisdiction: ${c.jurisdiction}`) : null,
      c.incorporatedOn ? h("span", {}, `Incorporated ${c.incorporatedOn}`) : null,
      c.topics.map((t) => h("span", { class: "topic" }, topicLabel(t))),
    ),
    h("div", { class: "head-tools" }, form, actions),
  );
}

async function downloadReport(c, asOf) {
  const button = document.getElementById("download-report");
  button.disabled = true;
  button.textContent = "Preparing report…";
  try {
    const response = await call(`/api/report/${encodeURIComponent(c.id)}?asOf=${asOf}`);
    downloadBlob(`due-diligence-${c.id}-${asOf}.html`, await response.blob());
    announce("Report downloaded");
  } catch (err) {
    button.after(errorBox(err));
  } finally {
    button.disabled = false;
    button.textContent = "Download report (HTML)";
  }
}

function identity(c, asOf) {
  const addresses = c.addresses.filter((a) => startedBy(a.start, asOf));
  return section(
    "identity",
    "Identity",
    kv([
      ["Name", c.name],
      ["Former names", c.formerNames.join("; ")],
      ["Company id", h("code", {}, c.id)],
      ["Identifiers", c.identifiers.map((i) => h("div", {}, `${i.scheme}: `, h("code", {}, i.value)))],
      ["Legal form", c.legalForm],
      ["Status", [c.status, c.statusDetail && ` (${c.statusDetail})`]],
      ["Incorporated", c.incorporatedOn],
      ["Dissolved", c.dissolvedOn],
      ["Activity", c.activityCodes.join(", ")],
      [
        "Addresses",
        addresses.map((a) =>
          h("div", {}, h("a", { href: route("ADDRESS", a.address.id, { asOf }) }, a.address.text), h("span", { class: "muted" }, ` ${a.kind || ""} ${a.start ? "since " + a.start : ""}${a.end ? " until " + a.end : ""}`)),
        ),
      ],
      ["No beneficial owner reason", c.noBeneficialOwnerReason],
      ["Source", provenance(c.provenance)],
    ]),
  );
}

// A FILED hop ends at a financial statement: it links to that statement in the page's
// financial section rather than to a page of its own.
function statementLink(hop) {
  const note = h("span", { class: "muted", hidden: true }, " (not among the accounts shown at this date)");
  const open = () => (note.hidden = showStatement(hop.toId));
  return h(
    "span",
    {},
    h("button", { type: "button", class: "link statement-link", dataset: { statementId: hop.toId }, title: `Show the statement ${hop.toId} in Financial health`, onclick: open }, hop.toName || hop.toId),
    note,
  );
}

// "equity = -50250 (Equity); total_assets = …" as one line per figure, amounts grouped.
function filedDetail(detail) {
  if (!detail) return "";
  const parts = detail.split(/; (?=\w+ = )/);
  return h(
    "ul",
    { class: "plain filed-figures" },
    parts.map((part) => {
      const m = /^(\w+) = (\S+) \((.*)\)$/.exec(part);
      return h("li", {}, m ? [figureLabel(m[1]), " ", h("strong", {}, fmtAmount(m[2])), h("span", { class: "muted" }, ` (${m[3]})`)] : part);
    }),
  );
}

function hopsTable(hops, asOf) {
  return table(
    ["From", "Link", "To", "Start", "End", "Detail", "Registry record"],
    hops.map((hop) => [
      entityLink(hop.fromId, hop.fromName, kindOf(hop.fromId), { asOf }),
      h("code", {}, hop.type),
      kindOf(hop.toId) === "STATEMENT" ? statementLink(hop) : entityLink(hop.toId, hop.toName, kindOf(hop.toId), { asOf }),
      fmtDate(hop.start),
      fmtDate(hop.end),
      hop.type === "FILED" ? filedDetail(hop.detail) : hop.detail || "",
      provenance(hop.provenance),
    ]),
    { class: "evidence" },
  );
}

export function kindOf(id) {
  if (id.includes("|")) return "STATEMENT"; // a filed statement: <company>|company|<period end>
  if (id.startsWith("event-")) return "EVENT";
  if (id.startsWith("disq-")) return "BAN";
  if (id.startsWith("person-")) return "PERSON";
  if (id.startsWith("address-")) return "ADDRESS";
  return "COMPANY";
}

function ratingAndSignals(dd, asOf) {
  const r = dd.rating;
  const reasons = r.reasons.length ? r.reasons.map((x) => h("li", {}, x)) : [h("li", {}, "No adverse signal.")];
  const signals = dd.signals.map((s, i) =>
    h(
      "details",
      { class: `signal s${s.severity}`, id: `signal-${i}`, dataset: { kind: s.kind } },
      h("summary", {}, severityBadge(s.severity), " ", h("strong", {}, signalName(s.kind)), h("span", { class: "muted" }, ` ${s.kind}${s.date ? " · " + s.date : ""}`), h("div", { class: "signal-summary" }, s.summary)),
      h("div", { class: "evidence-body" },
        s.parameters.length ? h("p", { class: "muted" }, "Rule parameters: ", s.parameters.map((p) => `${p.name}=${p.value}`).join(", ")) : null,
        s.evidence.length ? s.evidence.map((p, j) => h("div", { class: "path", dataset: { path: j } }, h("p", {}, h("strong", {}, `Evidence ${j + 1}: `), p.description), hopsTable(p.hops, asOf))) : h("p", { class: "muted" }, "No evidence path for this signal."),
      ),
    ),
  );
  return section(
    "rating",
    "Rating and signals",
    h("p", { class: "rating-line" }, ratingBadge(r.score, r.label), h("span", { class: "muted" }, ` at ${dd.asOf}`)),
    h("ul", { class: "reasons" }, reasons),
    h("h3", {}, `Signals (${dd.signals.length}) — open one to read its evidence`),
    signals.length ? signals : h("p", {}, "No signals at this date."),
  );
}

function directors(c, dd, asOf) {
  const mandates = c.directors.nodes.filter((m) => startedBy(m.start, asOf));
  const byPerson = new Map();
  for (const m of mandates) {
    const key = m.director.id;
    if (!byPerson.has(key)) byPerson.set(key, { director: m.director, mandates: [] });
    byPerson.get(key).mandates.push(m);
  }
  const histories = new Map(dd ? dd.bankruptcyHistories.map((b) => [b.personId, b]) : []);
  const rows = [...byPerson.values()]
    .sort((a, b) => (a.mandates[0].start || "").localeCompare(b.mandates[0].start || ""))
    .map(({ director, mandates: ms }) => {
      const history = histories.get(director.id);
      return {
        label: h("span", {}, linkOf(director, asOf), history && history.count ? h("span", { class: "flag", title: "Bankruptcy history within the window" }, ` ⚠ ${history.count} insolvent`) : null),
        bars: ms.map((m) => ({ start: m.start, end: m.end, title: `${director.name} — ${m.roleLabel || m.role}`, text: m.role || "", kind: "mandate" })),
      };
    });
  const segments = coverage(mandates.filter((m) => (m.role || "").includes("director") || !m.role), asOf).map((s) => ({
    start: s.start,
    end: s.end,
    kind: s.count === 0 ? "gap" : s.count > 1 ? "overlap" : "single",
    text: s.count === 0 ? "gap" : String(s.count),
    title: s.count === 0 ? `No director in office from ${s.start} to ${s.end} (${humanSpan(s.start, s.end)})` : `${s.count} director${s.count > 1 ? "s" : ""} in office from ${s.start} to ${s.end}`,
  }));
  const gaps = segments.filter((s) => s.kind === "gap");
  const inOffice = mandates.filter((m) => validAt(m.start, m.end, asOf));
  return section(
    "directors",
    `Directors and officers (${inOffice.length} in office at ${asOf}, ${mandates.length} mandates in all)`,
    rows.length
      ? timeline({ rows, asOf, strip: { label: "Directors in office", segments }, caption: "Bars: mandates (solid: in office at the as-of date; hatched: ended). Top strip: how many directors were in office; “gap” marks a time with none." })
      : h("p", {}, "No directors recorded."),
    gaps.length ? h("p", { class: "gaps" }, h("strong", {}, "Gaps: "), gaps.map((g) => `${g.start} to ${g.end} (${humanSpan(g.start, g.end)})`).join("; ")) : null,
    h(
      "details",
      { class: "as-table" },
      h("summary", {}, "Directors as a table"),
      table(
        ["Person", "Role", "From", "To", "At the as-of date", "Registry record"],
        mandates.map((m) => [linkOf(m.director, asOf), m.roleLabel || m.role || "", fmtDate(m.start), fmtDate(m.end), validAt(m.start, m.end, asOf) ? "in office" : "left", provenance(m.provenance)]),
      ),
    ),
  );
}

function chain(path, asOf) {
  const out = [];
  path.hops.forEach((hop, i) => {
    if (i === 0) out.push(entityLink(hop.fromId, hop.fromName, kindOf(hop.fromId), { asOf }));
    out.push(h("span", { class: "arrow" }, ` —${path.shares[i] ? " " + path.shares[i] : " " + hop.type.toLowerCase()}→ `));
    out.push(entityLink(hop.toId, hop.toName, kindOf(hop.toId), { asOf }));
  });
  return h("li", {}, out, h("span", { class: "muted" }, ` (product ${path.product.label})`));
}

function owners(c, dd, asOf) {
  const u = dd.ubo;
  const computed = u.owners.length
    ? u.owners.map((o) =>
        h(
          "div",
          { class: "owner" },
          h("p", {}, linkOf({ id: o.personId, name: o.person?.name, kind: "PERSON" }, asOf), " ", h("strong", {}, o.effectivePercent.label), o.ukBand ? h("span", { class: "muted" }, ` (band ${o.ukBand})`) : null),
          h("p", { class: "muted" }, [o.status, o.control ? "control" : o.controlPossible ? "control possible" : null, o.basis.join(", ")].filter(Boolean).join(" · ")),
          o.paths.length ? h("details", {}, h("summary", {}, `${o.paths.length} ownership path${o.paths.length > 1 ? "s" : ""}`), h("ul", { class: "chains" }, o.paths.map((p) => chain(p, asOf)))) : null,
        ),
      )
    : [h("p", {}, u.noUboFound ? h("strong", {}, "No beneficial owner found above the threshold.") : "None."), u.seniorManagingOfficials.length ? h("p", {}, `Senior managing officials: ${u.seniorManagingOfficials.length}`) : null];
  const declared = u.declared.length
    ? u.declared.map((d) =>
        h("div", { class: "owner" }, h("p", {}, linkOf({ id: d.entityId, name: d.entity?.name, kind: d.entity?.kind || kindOf(d.entityId) }, asOf), " ", h("strong", {}, d.share?.label || (d.control ? "control" : "no share stated"))), h("p", { class: "muted" }, [d.declaredBy, d.interests.join(", "), d.start && `since ${d.start}`].filter(Boolean).join(" · "))),
      )
    : [h("p", {}, "No declared beneficial owner.")];
  const discrepancies = u.discrepancies.length
    ? u.discrepancies.map((d) => h("div", { class: "owner discrepancy" }, h("p", {}, h("strong", {}, d.kind.replaceAll("_", " ").toLowerCase()), " — ", linkOf({ id: d.entityId, name: null, kind: kindOf(d.entityId) }, asOf)), h("p", {}, d.detail), d.computed ? h("p", { class: "muted" }, `computed ${d.computed.label}`) : null))
    : [h("p", {}, "None: declared and computed owners agree.")];
  const direct = c.shareholders.nodes.filter((s) => startedBy(s.start, asOf));
  return section(
    "owners",
    "Owners",
    h("p", { class: "muted" }, `Rule set ${u.ruleSet}, ${u.operator} ${u.threshold} %; unattributed ${u.unattributed.label}${u.circular.found ? "; ownership cycle found" : ""}${u.exempt ? "; exempt" : ""}${u.truncated ? "; truncated" : ""}.`),
    h(
      "div",
      { class: "three-cols" },
      h("div", { id: "ubo-computed" }, h("h3", {}, "Computed beneficial owners"), computed),
      h("div", { id: "ubo-declared" }, h("h3", {}, "Declared (PSC / register)"), declared),
      h("div", { id: "ubo-discrepancies" }, h("h3", {}, "Discrepancies"), discrepancies),
    ),
    h("h3", {}, "Direct shareholders"),
    table(
      ["Shareholder", "Share", "Interest", "From", "To", "At the as-of date"],
      direct.map((s) => [linkOf(s.owner, asOf), s.share.text || "—", s.interest || "", fmtDate(s.start), fmtDate(s.end), validAt(s.start, s.end, asOf) ? "holds" : "ended"]),
    ),
    c.controllers.nodes.length
      ? [h("h3", {}, "Control without shares"), table(["Controller", "Interests", "From", "To"], c.controllers.nodes.map((x) => [linkOf(x.controller, asOf), x.interests.join(", "), fmtDate(x.start), fmtDate(x.end)]))]
      : null,
  );
}

function group(c, asOf) {
  const g = c.group;
  const parents = c.parents.nodes.filter((p) => startedBy(p.start, asOf));
  const subs = g.subsidiaries;
  return section(
    "group",
    "Group",
    kv([
      ["Ultimate parent", g.ultimateParentIds.length ? g.ultimateParentIds.map((id, i) => h("div", {}, entityLink(id, g.ultimateParentNames[i], "COMPANY", { asOf }))) : "this company (no parent known)"],
      ["Parents", parents.map((p) => h("div", {}, entityLink(p.parent.id, p.parent.name, "COMPANY", { asOf }), h("span", { class: "muted" }, ` ${p.level || ""}${p.end ? " ended " + p.end : ""}`)))],
    ]),
    h("h3", {}, `Subsidiaries (${subs.length})`),
    subs.length
      ? h("ul", { class: "tree" }, subs.map((s) => h("li", { style: `margin-left:${(s.depth - 1) * 1.5}em` }, entityLink(s.companyId, s.name, "COMPANY", { asOf }), h("span", { class: "muted" }, ` direct ${s.directPercent == null ? "consolidated" : s.directPercent.toFixed(2) + " %"}, effective ${s.effectivePercent == null ? "—" : s.effectivePercent.toFixed(2) + " %"}`))))
      : h("p", {}, "None known."),
  );
}

const SIGNIFICANT = new Set(["INCORPORATION", "NAME_CHANGE", "ADDRESS_CHANGE", "STATUS_CHANGE", "ACTIVITY_CHANGE", "DISSOLUTION", "STRIKE_OFF", "VOLUNTARY_DISSOLUTION", "MEMBERS_VOLUNTARY_LIQUIDATION", "REACTIVATION", "LIQUIDATION", "JUDICIAL_REORGANISATION", "INSOLVENCY_CLOSED"]);

function events(c, asOf) {
  const seen = c.events.nodes.filter((e) => e.date && e.date <= asOf);
  const significant = seen.filter((e) => e.insolvency || SIGNIFICANT.has(e.kind) || e.dormant);
  const markers = significant.map((e) => ({
    date: e.date,
    label: `${e.insolvency ? "INSOLVENCY: " : ""}${e.kind.replaceAll("_", " ").toLowerCase()}${e.dormant ? " (dormant accounts" + (e.madeUpTo ? " to " + e.madeUpTo : "") + ")" : ""}${e.description ? " — " + e.description : ""}`,
    short: e.insolvency ? "⚠" : e.dormant ? "D" : e.kind === "INCORPORATION" ? "★" : e.kind.includes("DISSOLUTION") || e.kind === "STRIKE_OFF" ? "✕" : "•",
    kind: e.insolvency ? "insolvency" : e.dormant ? "dormant" : e.kind.toLowerCase(),
  }));
  if (c.incorporatedOn && c.incorporatedOn <= asOf && !significant.some((e) => e.kind === "INCORPORATION")) markers.push({ date: c.incorporatedOn, label: "incorporated", short: "★", kind: "incorporation" });
  const addressRows = c.addresses.filter((a) => startedBy(a.start, asOf) && a.start).map((a) => ({ start: a.start, end: a.end, title: `${a.kind || "address"}: ${a.address.text}`, text: a.address.text, kind: "address" }));
  const dormantYears = seen.filter((e) => e.dormant && e.madeUpTo).map((e) => ({ start: `${e.madeUpTo.slice(0, 4) - 1}${e.madeUpTo.slice(4)}`, end: e.madeUpTo, title: `dormant accounts for the year to ${e.madeUpTo}`, text: "dormant", kind: "dormant" }));
  const rows = [];
  if (addressRows.length) rows.push({ label: "Registered addresses", bars: addressRows });
  if (dormantYears.length) rows.push({ label: "Dormant years", bars: dormantYears });
  const filings = seen.length - significant.length;
  return section(
    "events",
    "Events",
    markers.length || rows.length
      ? timeline({ rows, markers, asOf, caption: "Markers: ⚠ insolvency, ✕ dissolution or strike-off, ★ incorporation, D dormant accounts, • other changes." })
      : h("p", {}, "No events recorded."),
    table(
      ["Date", "Event", "Insolvency", "Detail", "Registry record"],
      significant.map((e) => [e.date, e.kind.replaceAll("_", " ").toLowerCase(), e.insolvency ? "yes — insolvency" : "no", [e.description, e.court, e.reference, e.dormant ? "dormant" : null].filter(Boolean).join(" · "), provenance(e.provenance)]),
      { class: "events" },
    ),
    filings ? h("p", { class: "muted" }, `${filings} routine filings (accounts, confirmation statements) not shown.`) : null,
    c.events.totalCount > c.events.nodes.length ? h("p", { class: "muted" }, `The ${c.events.nodes.length} most recent of ${c.events.totalCount} events are shown.`) : null,
  );
}

const TOC = { rating: "Rating & signals", financials: "Financial health" };

function accountsError(facts) {
  const e = (facts.__errors || []).find((x) => x.path?.[0] === "accounts");
  return new ApiError(e?.message || "The filed accounts could not be read.", e?.extensions?.code || "ERROR");
}

export async function render(main, ctx) {
  const id = ctx.id;
  let asOf = ctx.params.asOf || today();
  const body = h("div", { class: "company-page" });
  main.append(body);

  async function load() {
    fill(body, loading(`Loading ${id} as of ${asOf}…`));
    let facts, dd;
    try {
      [facts, dd] = await Promise.all([gql(FACTS, { id, asOf }), gql(DUE_DILIGENCE, { id, asOf }).catch((err) => ({ error: err }))]);
    } catch (err) {
      fill(body, errorBox(err, load));
      return;
    }
    const c = facts.company;
    if (!c) {
      fill(body, h("h1", {}, "Company not found"), h("p", {}, `No company has the id ${id}.`));
      return;
    }
    document.title = `${c.name || c.id} · duegraph`;
    const due = dd.error ? null : dd.dueDiligence;
    fill(body, 
      header(c, due, asOf, ctx, (value) => {
        asOf = value;
        history.replaceState(null, "", route("COMPANY", id, { asOf }));
        load();
      }),
      h(
        "nav",
        { class: "toc", "aria-label": "On this page" },
        ["rating", "identity", "directors", "owners", "financials", "group", "events"].map((s) => h("a", { href: `#${s}`, onclick: (e) => { e.preventDefault(); document.getElementById(s)?.scrollIntoView(); } }, TOC[s] || s[0].toUpperCase() + s.slice(1))),
      ),
      h("div", { class: "two-cols" }, due ? ratingAndSignals(due, asOf) : section("rating", "Rating and signals", errorBox(dd.error)), identity(c, asOf)),
      directors(c, due, asOf),
      due ? owners(c, due, asOf) : null,
      financialSection(facts.accounts, asOf, facts.accounts ? null : accountsError(facts)),
      group(c, asOf),
      events(c, asOf),
    );
    announce(`${c.name} loaded, rating ${due ? due.rating.score : "unavailable"}`);
  }

  const opened = new Set();
  const beforePrint = () => document.querySelectorAll("details:not([open])").forEach((d) => { d.open = true; opened.add(d); });
  const afterPrint = () => { opened.forEach((d) => (d.open = false)); opened.clear(); };
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  await load();
  return () => {
    window.removeEventListener("beforeprint", beforePrint);
    window.removeEventListener("afterprint", afterPrint);
  };
}
