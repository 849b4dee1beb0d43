// The network picture as a standalone SVG (positions and classes from cytoscape), for
// reports and slides: boxes are companies, ellipses people, hexagons addresses; insolvent
// companies have a double red border and "INSOLVENT" in their label; ended links are dashed.

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export function toSvg(cy, { title = "Network" } = {}) {
  const nodes = cy.nodes(":visible");
  const edges = cy.edges(":visible");
  const bb = cy.elements(":visible").boundingBox();
  const pad = 40;
  const x0 = bb.x1 - pad;
  const y0 = bb.y1 - pad;
  const w = Math.ceil(bb.w + 2 * pad);
  const hgt = Math.ceil(bb.h + 2 * pad);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="${x0} ${y0} ${w} ${hgt}" font-family="system-ui, sans-serif" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${hgt}" fill="#fff"/>`,
  ];
  edges.forEach((e) => {
    const s = e.source().position();
    const t = e.target().position();
    const dash = e.hasClass("ended") ? ' stroke-dasharray="6 4"' : "";
    const width = e.hasClass("path") ? 4 : 1.5;
    const colour = e.hasClass("path") ? "#e65100" : e.data("kind") === "declared" ? "#8e24aa" : "#666";
    // stop at the node's edge (about half its height) so the arrow head shows
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.max(1, Math.hypot(dx, dy));
    const cut = Math.min(len / 2, Math.abs(dx) / len > 0.96 ? 72 : 22);
    const ex = t.x - (dx / len) * cut;
    const ey = t.y - (dy / len) * cut;
    out.push(`<g class="edge${e.hasClass("ended") ? " ended" : ""}"><line x1="${s.x.toFixed(1)}" y1="${s.y.toFixed(1)}" x2="${ex.toFixed(1)}" y2="${ey.toFixed(1)}" stroke="${colour}" stroke-width="${width}"${dash} marker-end="url(#arrow)"/>`);
    out.push(`<text x="${((s.x + t.x) / 2).toFixed(1)}" y="${((s.y + t.y) / 2).toFixed(1)}" font-size="9" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3" fill="#333">${esc(e.data("label"))}</text></g>`);
  });
  nodes.forEach((n) => {
    const { x, y } = n.position();
    const kind = n.data("kind");
    const insolvent = n.hasClass("insolvent");
    const stroke = insolvent ? "#b71c1c" : kind === "COMPANY" ? "#1f4e9c" : kind === "PERSON" ? "#2e7d32" : "#666";
    const fill = insolvent ? "#fde0e0" : kind === "COMPANY" ? "#e3ecfa" : kind === "PERSON" ? "#eef7ee" : "#f1f1f1";
    const sw = insolvent ? 3 : n.hasClass("focus") ? 4 : 1.5;
    let shape;
    if (kind === "PERSON") shape = `<ellipse cx="${x}" cy="${y}" rx="70" ry="19" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`;
    else if (kind === "ADDRESS") shape = `<polygon points="${[[-75, 0], [-55, -19], [55, -19], [75, 0], [55, 19], [-55, 19]].map(([a, b]) => `${x + a},${y + b}`).join(" ")}" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`;
    else shape = `<rect x="${x - 70}" y="${y - 19}" width="140" height="38" rx="5" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>` + (insolvent ? `<rect x="${x - 74}" y="${y - 23}" width="148" height="46" rx="7" fill="none" stroke="${stroke}" stroke-width="1.5"/>` : "");
    const lines = String(n.data("label")).split("\n");
    const text = lines.map((line, i) => `<tspan x="${x}" dy="${i === 0 ? (lines.length > 1 ? -2 : 4) : 12}"${i === 0 && insolvent ? ' font-weight="bold"' : ""}>${esc(line.length > 30 ? line.slice(0, 29) + "…" : line)}</tspan>`).join("");
    out.push(`<g class="node ${kind.toLowerCase()}${insolvent ? " insolvent" : ""}" data-key="${esc(n.id())}"><title>${esc(n.data("name"))} (${esc(n.id())})</title>${shape}<text x="${x}" y="${y}" font-size="10" text-anchor="middle" fill="#111">${text}</text></g>`);
  });
  out.push("</svg>");
  return out.join("");
}
