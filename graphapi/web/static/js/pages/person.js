// Person page: identity and topics, mandates over time, other companies and holdings,
// bankruptcy history within a window, director bans. One GraphQL request.

import { gql } from "../api.js";
import { fill, announce, clear, entityLink, errorBox, fmtDate, h, kv, loading, provenance, route, section, startedBy, table, today, topicLabel, validAt } from "../dom.js";
import { timeline } from "../timeline.js";

const QUERY = `query PersonPage($id: ID!, $asOf: Date, $window: Int!) {
  person(id: $id) {
    id name birthYearMonth nationality countryOfResidence topics matchBasis
    provenance { source recordId sourceFile seenAt sources }
    addresses { kind start end address { id text } }
    mandates(first: 100) { totalCount nodes { id role roleLabel start end company { id name ... on Company { status jurisdiction } } provenance { source recordId sourceFile seenAt } } }
    holdings(first: 50) { totalCount nodes { id start end interest share { text } company { id name status } } }
    bankruptcyHistory(windowMonths: $window, asOf: $asOf) {
      windowMonths count
      cases { companyId companyName role from to insolvencyKind insolvencyDate monthsAfterLeaving withinWindow tier mandateProvenance { source recordId } eventProvenance { source recordId sourceFile seenAt } }
    }
  }
  disqualifications(personId: $id) { id start end authority reason reference source recordId sourceFile seenAt }
}`;

export async function render(main, ctx) {
  const id = ctx.id;
  let asOf = ctx.params.asOf || today();
  let windowMonths = Number(ctx.params.window || 36);
  const body = h("div", { class: "person-page" });
  main.append(body);

  function controls() {
    const date = h("input", { type: "date", id: "as-of", value: asOf });
    const win = h("input", { type: "number", id: "window", min: 1, max: 240, value: windowMonths, size: 4 });
    const form = h(
      "form",
      { class: "asof", id: "as-of-form" },
      h("label", { for: "as-of" }, "As of"),
      date,
      h("label", { for: "window" }, "Bankruptcy window (months after leaving)"),
      win,
      h("button", { type: "submit" }, "Apply"),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      asOf = date.value || today();
      windowMonths = Math.max(1, Math.min(240, Number(win.value) || 36));
      history.replaceState(null, "", route("PERSON", id, { asOf, window: String(windowMonths) }));
      load();
    });
    return form;
  }

  async function load() {
    fill(body, loading(`Loading ${id}…`));
    let data;
    try {
      data = await gql(QUERY, { id, asOf, window: windowMonths });
    } catch (err) {
      fill(body, errorBox(err, load));
      return;
    }
    const p = data.person;
    if (!p) {
      fill(body, h("h1", {}, "Person not found"));
      return;
    }
    document.title = `${p.name || p.id} · duegraph`;
    const mandates = p.mandates.nodes.filter((m) => startedBy(m.start, asOf));
    const byCompany = new Map();
    for (const m of mandates) {
      if (!byCompany.has(m.company.id)) byCompany.set(m.company.id, { company: m.company, mandates: [] });
      byCompany.get(m.company.id).mandates.push(m);
    }
    const history = p.bankruptcyHistory;
    const insolventIds = new Set(history.cases.map((c) => c.companyId));
    const markers = history.cases.filter((c) => c.insolvencyDate <= asOf).map((c) => ({ date: c.insolvencyDate, label: `${c.companyName}: ${c.insolvencyKind.replaceAll("_", " ").toLowerCase()}`, short: "⚠", kind: "insolvency" }));
    const rows = [...byCompany.values()]
      .sort((a, b) => (a.mandates[0].start || "").localeCompare(b.mandates[0].start || ""))
      .map(({ company, mandates: ms }) => ({
        label: h("span", {}, entityLink(company.id, company.name, "COMPANY", { asOf }), insolventIds.has(company.id) ? h("span", { class: "flag" }, " ⚠ insolvent") : null),
        bars: ms.map((m) => ({ start: m.start, end: m.end, title: `${m.roleLabel || m.role} of ${company.name}`, text: m.role || "", kind: insolventIds.has(company.id) ? "mandate insolvent" : "mandate" })),
      }));
    const bans = data.disqualifications;
    const activeBans = bans.filter((b) => validAt(b.start, b.end, asOf));
    fill(body, 
      h(
        "header",
        { class: "page-head" },
        h("p", { class: "crumbs" }, "Person · ", h("code", {}, p.id)),
        h("h1", { id: "entity-name" }, p.name || p.id),
        h(
          "p",
          { class: "head-facts" },
          p.birthYearMonth ? h("span", {}, `Born ${p.birthYearMonth}`) : null,
          p.nationality ? h("span", {}, `Nationality ${p.nationality}`) : null,
          history.count ? h("span", { class: "flag", id: "bankruptcy-count" }, `⚠ ${history.count} insolvent compan${history.count === 1 ? "y" : "ies"} within ${history.windowMonths} months`) : h("span", { id: "bankruptcy-count" }, "No bankruptcy history in the window"),
          activeBans.length ? h("span", { class: "flag" }, `⛔ disqualified director (until ${activeBans[0].end || "open-ended"})`) : null,
          p.topics.map((t) => h("span", { class: "topic" }, topicLabel(t))),
        ),
        h("div", { class: "head-tools" }, controls(), h("div", { class: "actions" }, h("a", { class: "button", id: "open-network", href: `#/network/${encodeURIComponent(p.id)}?asOf=${asOf}` }, "Network"))),
      ),
      h(
        "div",
        { class: "two-cols" },
        section(
          "identity",
          "Identity",
          kv([
            ["Name", p.name],
            ["Person id", h("code", {}, p.id)],
            ["Born", p.birthYearMonth],
            ["Nationality", p.nationality],
            ["Country of residence", p.countryOfResidence],
            ["Topics", p.topics.length ? p.topics.map((t) => h("div", {}, topicLabel(t), h("span", { class: "muted" }, ` (${t})`))) : "none (no sanction or PEP listing)"],
            ["Addresses", p.addresses.map((a) => h("div", {}, h("a", { href: route("ADDRESS", a.address.id, { asOf }) }, a.address.text), h("span", { class: "muted" }, ` ${a.kind || ""}`)))],
            ["Identity basis", p.matchBasis],
            ["Sources", provenance(p.provenance)],
          ]),
        ),
        section(
          "bans",
          `Director bans (${bans.length})`,
          bans.length
            ? table(
                ["From", "To", "In force at the as-of date", "Authority", "Reason", "Registry record"],
                bans.map((b) => [fmtDate(b.start), fmtDate(b.end), validAt(b.start, b.end, asOf) ? "yes — banned" : "no", b.authority || "", b.reason || "", provenance(b)]),
              )
            : h("p", {}, "No disqualification recorded."),
        ),
      ),
      section(
        "bankruptcy",
        `Bankruptcy history: ${history.count} insolvent compan${history.count === 1 ? "y" : "ies"} within ${history.windowMonths} months of leaving`,
        h("p", { class: "muted" }, `A case counts when the company became insolvent while this person was in office, or within ${history.windowMonths} months after they left (as of ${asOf}). A solvent dissolution or strike-off is not a bankruptcy.`),
        table(
          ["Company", "Role", "From", "To", "Insolvency", "On", "Months after leaving", "Within the window", "Registry record"],
          history.cases.map((c) => [
            entityLink(c.companyId, c.companyName, "COMPANY", { asOf }),
            c.role,
            fmtDate(c.from),
            fmtDate(c.to),
            c.insolvencyKind.replaceAll("_", " ").toLowerCase(),
            c.insolvencyDate,
            c.monthsAfterLeaving === null ? "in office" : String(c.monthsAfterLeaving),
            c.withinWindow ? "yes" : "no",
            provenance(c.eventProvenance),
          ]),
          { id: "bankruptcy-table" },
        ),
      ),
      section(
        "mandates",
        `Mandates (${mandates.filter((m) => validAt(m.start, m.end, asOf)).length} current at ${asOf}, ${mandates.length} in all)`,
        rows.length ? timeline({ rows, markers, asOf, caption: "Bars: mandates (solid: current at the as-of date; hatched: ended); ⚠ marks an insolvency of one of these companies." }) : h("p", {}, "No mandates recorded."),
        h("h3", {}, "Companies"),
        table(
          ["Company", "Status", "Role", "From", "To", "Registry record"],
          mandates.map((m) => [entityLink(m.company.id, m.company.name, "COMPANY", { asOf }), [m.company.status || "", insolventIds.has(m.company.id) ? " (insolvent)" : ""].join(""), m.roleLabel || m.role || "", fmtDate(m.start), fmtDate(m.end), provenance(m.provenance)]),
          { id: "mandates-table" },
        ),
      ),
      section(
        "holdings",
        `Shareholdings (${p.holdings.totalCount})`,
        table(
          ["Company", "Share", "Interest", "From", "To"],
          p.holdings.nodes.filter((x) => startedBy(x.start, asOf)).map((x) => [entityLink(x.company.id, x.company.name, "COMPANY", { asOf }), x.share.text || "—", x.interest || "", fmtDate(x.start), fmtDate(x.end)]),
        ),
      ),
    );
    announce(`${p.name} loaded`);
  }

  await load();
}
