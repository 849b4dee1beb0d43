// Network explorer: the neighbourhood of a company, person or address as a graph (cytoscape,
// vendored). Click a node to expand it (one GraphQL request per expansion); filter by
// relationship kind; find the shortest connections between two entities; export SVG or PNG.
// The as-of date applies: links not yet started are left out, ended links are dashed.

import cytoscape from "/static/vendor/cytoscape-3.35.0/dist/cytoscape.esm.min.mjs";
import { gql } from "../api.js";
import { fill, announce, clear, downloadBlob, errorBox, h, route, today } from "../dom.js";
import { searchBox } from "../search.js";
import { toSvg } from "../network-svg.js";
import { kindOf } from "./company.js";

const CO = "fragment Co on Company { id name kind status events(insolvencyOnly: true, first: 3) { nodes { date kind } } }";
const ENT = "id name kind ...Co";
const QUERY = `query Neighbourhood($id: ID!) {
  entity(id: $id) {
    id name kind
    ... on Company {
      status events(insolvencyOnly: true, first: 3) { nodes { date kind } }
      directors(includeHistorical: true, first: 60) { totalCount nodes { id role start end director { ${ENT} } } }
      shareholders(first: 40) { totalCount nodes { id start end share { text } owner { ${ENT} } } }
      holdings(first: 40) { totalCount nodes { id start end share { text } company { ${ENT} } } }
      declaredBeneficialOwners(first: 30) { totalCount nodes { id start end share { text } control owner { ${ENT} } } }
      controllers(first: 20) { totalCount nodes { id start end interests controller { ${ENT} } } }
      parents(first: 10) { nodes { id start end level parent { ${ENT} } } }
      subsidiaries(first: 40) { totalCount nodes { id start end level child { ${ENT} } } }
      addresses { id kind start end address { id name text } }
    }
    ... on Person {
      topics
      mandates(first: 60) { totalCount nodes { id role start end company { ${ENT} } } }
      holdings(first: 40) { totalCount nodes { id start end share { text } company { ${ENT} } } }
      addresses { id kind start end address { id name text } }
    }
    ... on Address {
      text
      companies(first: 40) { totalCount nodes { id kind start end entity { ${ENT} } } }
      persons(first: 40) { totalCount nodes { id kind start end entity { ${ENT} } } }
    }
  }
}
${CO}`;

const CONNECTIONS = `query Connections($from: ID!, $to: ID!, $hops: Int!) {
  connections(fromId: $from, toId: $to, maxHops: $hops) { entityIds names hops { fromId fromName type toId toName start end detail } }
}`;

export const KINDS = {
  director: "Directorships",
  owner: "Shareholdings",
  declared: "Declared beneficial owners",
  control: "Control",
  parent: "Group (consolidation)",
  address: "Addresses",
};

const TYPE_KIND = { DIRECTOR_OF: "director", OWNS: "owner", DECLARED_BO_OF: "declared", CONTROLS: "control", PARENT_OF: "parent", REGISTERED_AT: "address" };

const STYLE = [
  { selector: "node", style: { label: "data(label)", "text-wrap": "wrap", "text-max-width": 130, "font-size": 10, "text-valign": "center", "text-halign": "center", width: 140, height: 38, "border-width": 1.5, color: "#111", "font-family": "system-ui, sans-serif" } },
  { selector: "node[kind = 'COMPANY']", style: { shape: "round-rectangle", "background-color": "#e3ecfa", "border-color": "#1f4e9c" } },
  { selector: "node[kind = 'PERSON']", style: { shape: "ellipse", "background-color": "#eef7ee", "border-color": "#2e7d32" } },
  { selector: "node[kind = 'ADDRESS']", style: { shape: "hexagon", "background-color": "#f1f1f1", "border-color": "#666", width: 150 } },
  { selector: "node.insolvent", style: { "background-color": "#fde0e0", "border-color": "#b71c1c", "border-width": 4, "border-style": "double", "font-weight": "bold" } },
  { selector: "node.focus", style: { "border-width": 5, "font-weight": "bold" } },
  { selector: "node.unexpanded", style: { "border-style": "dashed" } },
  { selector: "node.insolvent.unexpanded", style: { "border-style": "double" } },
  { selector: "node:selected", style: { "overlay-color": "#ffb300", "overlay-opacity": 0.35, "overlay-padding": 6 } },
  { selector: "edge", style: { width: 1.5, "line-color": "#666", "target-arrow-color": "#666", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 9, "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 2, "text-rotation": "autorotate", color: "#333" } },
  { selector: "edge.ended", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
  { selector: "edge[kind = 'declared']", style: { "line-color": "#8e24aa", "target-arrow-color": "#8e24aa", "target-arrow-shape": "diamond" } },
  { selector: "edge[kind = 'address']", style: { "line-color": "#999", "target-arrow-shape": "none" } },
  { selector: "edge.path", style: { width: 5, "line-color": "#e65100", "target-arrow-color": "#e65100", "z-index": 10 } },
  { selector: ".hidden", style: { display: "none" } },
];

function insolventAt(node, asOf) {
  return (node?.events?.nodes || []).some((e) => e.date && e.date <= asOf);
}

function labelOf(n, insolvent) {
  const name = n.name || n.text || n.id;
  const short = name.length > 44 ? name.slice(0, 43) + "…" : name;
  return insolvent ? `⚠ INSOLVENT\n${short}` : short;
}

// A path from the first entity to the last, each link named in its own direction:
// "A ←director of— B —owns→ C".
function pathText(p, asOf) {
  const out = [p.names[0] || p.entityIds[0]];
  p.hops.forEach((hop, i) => {
    const ended = hop.end && hop.end < asOf ? ", ended " + hop.end : "";
    const type = hop.type.replaceAll("_", " ").toLowerCase() + ended;
    out.push(hop.fromId === p.entityIds[i] ? ` —${type}→ ` : ` ←${type}— `, p.names[i + 1] || p.entityIds[i + 1]);
  });
  return out;
}

export async function render(main, ctx) {
  const focusId = ctx.id;
  let asOf = ctx.params.asOf || today();
  const expanded = new Set();
  const truncated = [];
  const filters = new Set(Object.keys(KINDS));

  const canvas = h("div", { id: "cy", class: "cy", role: "img", "aria-label": "Network picture; use the node list to move through it with the keyboard" });
  const nodeList = h("select", { id: "node-list", size: 10, "aria-label": "Nodes in the picture (Enter expands the selected node)" });
  const details = h("div", { id: "node-details", class: "node-details", "aria-live": "polite" });
  const paths = h("div", { id: "paths" });
  const stats = h("p", { id: "net-stats", class: "muted" });
  const dateInput = h("input", { type: "date", id: "as-of", value: asOf });
  const message = h("div", { id: "net-message" });

  let cy = null; // built once its container is in the page (it measures it)

  function addNode(n, extra = {}) {
    if (!n) return null;
    const kind = n.kind || kindOf(n.id);
    const insolvent = kind === "COMPANY" && insolventAt(n, asOf);
    const existing = cy.getElementById(n.id);
    if (existing.nonempty()) {
      if (n.events) {
        existing.data("label", labelOf(n, insolvent));
        existing.toggleClass("insolvent", insolvent);
        existing.data("insolvent", insolvent);
      }
      if (n.status) existing.data("status", n.status);
      return existing;
    }
    return cy.add({ group: "nodes", data: { id: n.id, kind, name: n.name || n.text || n.id, label: labelOf(n, insolvent), status: n.status || "", insolvent, ...extra }, classes: `${insolvent ? "insolvent" : ""} unexpanded`, position: extra.position });
  }

  function addEdge(src, dst, kind, link, label) {
    if (!src || !dst) return;
    if (link.start && link.start > asOf) return; // not yet in force at the as-of date
    const id = link.id || `${src}|${kind}|${dst}|${link.start || ""}`;
    if (cy.getElementById(id).nonempty()) return;
    const ended = Boolean(link.end && link.end < asOf);
    const text = `${label || kind}${ended ? " (ended " + link.end + ")" : ""}`;
    cy.add({ group: "edges", data: { id, source: src, target: dst, kind, label: text, start: link.start || "", end: link.end || "" }, classes: ended ? "ended" : "" });
  }

  function place(centerId, newIds) {
    const center = cy.getElementById(centerId);
    const c = center.position();
    const all = cy.nodes().not(cy.collection(newIds.map((id) => cy.getElementById(id))));
    const bb = all.length > 1 ? all.boundingBox() : { x1: c.x - 1, x2: c.x + 1, y1: c.y - 1, y2: c.y + 1 };
    const mid = { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
    const away = Math.atan2(c.y - mid.y, c.x - mid.x);
    const spread = all.length > 1 ? Math.PI * 1.2 : Math.PI * 2;
    const n = newIds.length;
    const radius = 170 + n * 9;
    newIds.forEach((id, i) => {
      const angle = all.length > 1 ? away - spread / 2 + (spread * (i + 0.5)) / n : (2 * Math.PI * i) / n;
      const ring = radius + (i % 2) * 60;
      cy.getElementById(id).position({ x: c.x + ring * Math.cos(angle), y: c.y + ring * Math.sin(angle) });
    });
  }

  function ingest(e) {
    const before = new Set(cy.nodes().map((n) => n.id()));
    addNode(e);
    const note = (what, conn) => {
      if (conn && conn.totalCount > conn.nodes.length) truncated.push(`${e.name || e.id}: ${conn.nodes.length} of ${conn.totalCount} ${what} shown`);
    };
    if (e.kind === "COMPANY") {
      for (const m of e.directors.nodes) if (!(m.start && m.start > asOf)) { addNode(m.director); addEdge(m.director.id, e.id, "director", m, m.role || "director"); }
      for (const s of e.shareholders.nodes) if (!(s.start && s.start > asOf)) { addNode(s.owner); addEdge(s.owner.id, e.id, "owner", s, s.share.text || "shares"); }
      for (const s of e.holdings.nodes) if (!(s.start && s.start > asOf)) { addNode(s.company); addEdge(e.id, s.company.id, "owner", s, s.share.text || "shares"); }
      for (const d of e.declaredBeneficialOwners.nodes) if (!(d.start && d.start > asOf)) { addNode(d.owner); addEdge(d.owner.id, e.id, "declared", d, `declared ${d.share.text || (d.control ? "control" : "owner")}`); }
      for (const x of e.controllers.nodes) if (!(x.start && x.start > asOf)) { addNode(x.controller); addEdge(x.controller.id, e.id, "control", x, "control"); }
      for (const p of e.parents.nodes) if (!(p.start && p.start > asOf)) { addNode(p.parent); addEdge(p.parent.id, e.id, "parent", p, `parent (${p.level || "direct"})`); }
      for (const p of e.subsidiaries.nodes) if (!(p.start && p.start > asOf)) { addNode(p.child); addEdge(e.id, p.child.id, "parent", p, `parent (${p.level || "direct"})`); }
      for (const a of e.addresses) if (!(a.start && a.start > asOf)) { addNode({ ...a.address, kind: "ADDRESS" }); addEdge(e.id, a.address.id, "address", a, a.kind || "address"); }
      note("directorships", e.directors); note("shareholders", e.shareholders); note("holdings", e.holdings); note("subsidiaries", e.subsidiaries);
    } else if (e.kind === "PERSON") {
      for (const m of e.mandates.nodes) if (!(m.start && m.start > asOf)) { addNode(m.company); addEdge(e.id, m.company.id, "director", m, m.role || "director"); }
      for (const s of e.holdings.nodes) if (!(s.start && s.start > asOf)) { addNode(s.company); addEdge(e.id, s.company.id, "owner", s, s.share.text || "shares"); }
      for (const a of e.addresses) if (!(a.start && a.start > asOf)) { addNode({ ...a.address, kind: "ADDRESS" }); addEdge(e.id, a.address.id, "address", a, a.kind || "address"); }
      note("mandates", e.mandates);
    } else {
      for (const r of [...e.companies.nodes, ...e.persons.nodes]) if (!(r.start && r.start > asOf)) { addNode(r.entity); addEdge(r.entity.id, e.id, "address", r, r.kind || "registered"); }
      note("companies", e.companies); note("persons", e.persons);
    }
    expanded.add(e.id);
    cy.getElementById(e.id).removeClass("unexpanded");
    return cy.nodes().map((n) => n.id()).filter((id) => !before.has(id));
  }

  async function expand(id) {
    if (expanded.has(id)) {
      select(id);
      return 0;
    }
    fill(message, h("p", { class: "loading", role: "status" }, "Expanding…"));
    try {
      const data = await gql(QUERY, { id });
      if (!data.entity) throw new Error(`No entity with id ${id}`);
      const fresh = ingest(data.entity);
      if (cy.nodes().length === fresh.length) cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 12000, idealEdgeLength: () => 120, numIter: 600 }).run();
      else place(id, fresh.filter((x) => x !== id));
      applyFilters();
      refreshList();
      select(id);
      fill(message, truncated.length ? h("p", { class: "muted" }, "Large neighbourhoods are cut: ", truncated.slice(-3).join("; ")) : "");
      announce(`${fresh.length} new nodes`);
      return fresh.length;
    } catch (err) {
      fill(message, errorBox(err));
      return 0;
    }
  }

  function applyFilters() {
    cy.batch(() => {
      cy.edges().forEach((e) => e.toggleClass("hidden", !filters.has(e.data("kind"))));
      cy.nodes().forEach((n) => {
        const visible = n.id() === focusId || expanded.has(n.id()) || n.connectedEdges().some((e) => !e.hasClass("hidden"));
        n.toggleClass("hidden", !visible);
      });
    });
    stats.textContent = `${cy.nodes(":visible").length} nodes, ${cy.edges(":visible").length} links shown (as of ${asOf}); ${expanded.size} expanded`;
  }

  function refreshList() {
    const selected = nodeList.value;
    const nodes = cy.nodes().filter((n) => !n.hasClass("hidden")).sort((a, b) => a.data("name").localeCompare(b.data("name")));
    fill(nodeList, 
      ...nodes.map((n) => h("option", { value: n.id() }, `${n.data("insolvent") ? "⚠ INSOLVENT · " : ""}${n.data("name")} — ${n.data("kind").toLowerCase()}${expanded.has(n.id()) ? "" : " (not expanded)"}`)),
    );
    if (selected) nodeList.value = selected;
  }

  function select(id) {
    const node = cy.getElementById(id);
    if (node.empty()) return;
    cy.elements().unselect();
    node.select();
    nodeList.value = id;
    const kind = node.data("kind");
    fill(details, 
      h("h3", {}, node.data("name")),
      h("p", {}, `${kind.toLowerCase()} · `, h("code", {}, id)),
      node.data("insolvent") ? h("p", { class: "flag" }, `⚠ insolvent at ${asOf}`) : null,
      node.data("status") ? h("p", {}, `Status: ${node.data("status")}`) : null,
      h(
        "p",
        { class: "actions" },
        expanded.has(id) ? h("span", { class: "muted" }, "Expanded. ") : h("button", { type: "button", id: "expand-node", onclick: () => expand(id) }, "Expand"),
        kind !== "ADDRESS" ? h("a", { class: "button", id: "open-page", href: route(kind, id, { asOf }) }, `Open ${kind === "COMPANY" ? "company" : "person"} page`) : null,
        h("button", { type: "button", onclick: () => { cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 250 }); } }, "Centre"),
      ),
    );
  }

  async function connect(toId, hops) {
    fill(paths, h("p", { class: "loading", role: "status" }, "Searching for connections…"));
    try {
      const data = await gql(CONNECTIONS, { from: focusId, to: toId, hops });
      cy.edges().removeClass("path");
      const found = data.connections;
      if (!found.length) {
        fill(paths, h("p", {}, `No connection within ${hops} links.`));
        return 0;
      }
      const fresh = [];
      for (const p of found) {
        for (const hop of p.hops) {
          for (const [id, name] of [[hop.fromId, hop.fromName], [hop.toId, hop.toName]]) {
            if (cy.getElementById(id).empty()) {
              addNode({ id, name, kind: kindOf(id) });
              fresh.push(id);
            }
          }
          const kind = TYPE_KIND[hop.type] || "director";
          const id = `path|${hop.fromId}|${hop.type}|${hop.toId}|${hop.start || ""}`;
          const existing = cy.edges(`[source = "${CSS.escape(hop.fromId)}"][target = "${CSS.escape(hop.toId)}"]`);
          if (existing.nonempty()) existing.addClass("path");
          else {
            addEdge(hop.fromId, hop.toId, kind, { id, start: hop.start, end: hop.end }, hop.detail || hop.type.toLowerCase());
            cy.getElementById(id).addClass("path");
          }
        }
      }
      if (fresh.length) place(focusId, fresh);
      applyFilters();
      refreshList();
      fill(paths, 
        h("p", {}, `${found.length} shortest connection${found.length > 1 ? "s" : ""} (${found[0].hops.length} link${found[0].hops.length > 1 ? "s" : ""}), highlighted in the picture:`),
        h("ol", { id: "path-list" }, found.map((p) => h("li", {}, pathText(p, asOf)))),
      );
      return found.length;
    } catch (err) {
      fill(paths, errorBox(err));
      return 0;
    }
  }

  nodeList.addEventListener("change", () => select(nodeList.value));
  nodeList.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && nodeList.value) {
      e.preventDefault();
      expand(nodeList.value);
    }
  });

  const filterBoxes = h(
    "fieldset",
    { class: "filters" },
    h("legend", {}, "Relationship kinds"),
    Object.entries(KINDS).map(([kind, label]) => {
      const box = h("input", { type: "checkbox", id: `kind-${kind}`, checked: true, value: kind });
      box.addEventListener("change", () => {
        if (box.checked) filters.add(kind);
        else filters.delete(kind);
        applyFilters();
        refreshList();
      });
      return h("div", {}, box, " ", h("label", { for: `kind-${kind}` }, label));
    }),
  );

  const toBox = h("div", { class: "search compact", id: "connect-search" });
  const toHidden = h("input", { type: "hidden", id: "connect-to" });
  const toLabel = h("p", { class: "muted", id: "connect-to-label" }, "Pick the other entity with the search box.");
  const hopsSelect = h("select", { id: "connect-hops" }, [2, 3, 4, 5, 6].map((n) => h("option", { value: n, selected: n === 4 }, `${n} links`)));
  const connectForm = h(
    "form",
    { id: "connect-form" },
    h("h3", {}, "Shortest connections"),
    h("p", { class: "muted" }, "From this page's entity to:"),
    toBox,
    toHidden,
    toLabel,
    h("label", { for: "connect-hops" }, "At most "),
    hopsSelect,
    " ",
    h("button", { type: "submit" }, "Find"),
  );
  connectForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (toHidden.value) connect(toHidden.value, Number(hopsSelect.value));
  });
  searchBox(toBox, {
    id: "connect",
    placeholder: "Company or person…",
    onPick: (_hash, data) => {
      toHidden.value = data.id;
      toLabel.textContent = `To: ${data.name} (${data.id})`;
    },
  });

  const dateForm = h("form", { class: "asof", id: "as-of-form" }, h("label", { for: "as-of" }, "As of"), dateInput, h("button", { type: "submit" }, "Apply"));
  dateForm.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/network/${encodeURIComponent(focusId)}?asOf=${dateInput.value || today()}`;
  });

  const exportSvg = () => downloadBlob(`network-${focusId}-${asOf}.svg`, new Blob([toSvg(cy, { title: `Network of ${cy.getElementById(focusId).data("name") || focusId} as of ${asOf}` })], { type: "image/svg+xml" }));
  const exportPng = () => downloadBlob(`network-${focusId}-${asOf}.png`, cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob", maxWidth: 8000, maxHeight: 8000 }));

  main.append(
    h(
      "div",
      { class: "network-page" },
      h(
        "header",
        { class: "page-head" },
        h("p", { class: "crumbs" }, "Network · ", h("code", {}, focusId), " · ", h("a", { href: route(kindOf(focusId), focusId, { asOf }) }, "back to the page")),
        h("h1", { id: "entity-name" }, `Network of ${focusId}`),
        h("div", { class: "head-tools" }, dateForm, h("div", { class: "actions" }, h("button", { type: "button", id: "fit", onclick: () => cy.fit(cy.elements(":visible"), 30) }, "Fit"), h("button", { type: "button", id: "relayout", onclick: () => cy.layout({ name: "cose", animate: false, randomize: false, numIter: 500 }).run() }, "Re-arrange"), h("button", { type: "button", id: "export-svg", onclick: exportSvg }, "Export SVG"), h("button", { type: "button", id: "export-png", onclick: exportPng }, "Export PNG"))),
      ),
      h(
        "div",
        { class: "network-grid" },
        h("aside", { class: "net-side" }, filterBoxes, h("label", { for: "node-list" }, "Nodes"), nodeList, details),
        h("div", { class: "net-main" }, canvas, stats, message,
          h("p", { class: "legend" }, h("span", { class: "lg company" }, "Company"), h("span", { class: "lg insolvent" }, "⚠ INSOLVENT company (double red border)"), h("span", { class: "lg person" }, "Person"), h("span", { class: "lg address" }, "Address"), h("span", { class: "lg ended" }, "- - ended link (dashed)"), h("span", { class: "lg declared" }, "◆ declared owner"), h("span", { class: "lg path" }, "thick: shortest connection"), h("span", { class: "lg unexpanded" }, "dashed border: not expanded yet"))),
        h("aside", { class: "net-side" }, connectForm, paths),
      ),
    ),
  );
  cy = cytoscape({ container: canvas, style: STYLE, minZoom: 0.05, maxZoom: 3, boxSelectionEnabled: false, textureOnViewport: true, hideEdgesOnViewport: false });
  window.duegraphNetwork = { cy, expand: (id) => expand(id), connect: (to, hops) => connect(to, hops), refresh: () => { applyFilters(); refreshList(); } };

  cy.on("tap", "node", (evt) => {
    const id = evt.target.id();
    select(id);
    expand(id);
  });
  const count = await expand(focusId);
  const focus = cy.getElementById(focusId);
  if (focus.nonempty()) {
    focus.addClass("focus");
    const title = document.getElementById("entity-name");
    title.textContent = `Network of ${focus.data("name")}`;
    document.title = `Network of ${focus.data("name")} · duegraph`;
  }
  cy.fit(cy.elements(":visible"), 30);
  if (!count && focus.empty()) clear(canvas);
  return () => {
    cy.destroy();
    delete window.duegraphNetwork;
  };
}
