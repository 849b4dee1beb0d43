// A small inline SVG chart of one ratio over the years against the peers' median, drawn here
// without a library. The company is a solid line with round dots and its values written above
// them; the peers' median is a dashed line with hollow squares: the two read apart in black and
// white, so colour carries nothing alone. A year where a value is missing leaves a gap (never a
// zero). The chart has a <title> and a <desc> that lists every value, for screen readers.

import { svg } from "./dom.js";

const W = 300;
const H = 160;
const PAD = { left: 44, right: 14, top: 44, bottom: 22 };
const INSET = 18; // first and last years stand clear of the axis and its labels

function xOf(i, count) {
  const span = W - PAD.left - PAD.right - 2 * INSET;
  return PAD.left + INSET + (count > 1 ? (i * span) / (count - 1) : span / 2);
}

// Values come from the API as decimal strings; null stays null (a gap).
const num = (v) => (v === null || v === undefined || v === "" ? null : Number(v));

// A short label for a point on the chart (the exact value is in the description and the table).
export function shortValue(value, unit) {
  const v = num(value);
  if (v === null || Number.isNaN(v)) return "";
  const digits = unit === "days" ? 1 : Math.abs(v) >= 100 ? 0 : 2;
  return v.toLocaleString("en-GB", { maximumFractionDigits: digits });
}

function runs(coords) {
  const out = [[]];
  for (const c of coords) {
    if (c === null) {
      if (out[out.length - 1].length) out.push([]);
    } else out[out.length - 1].push(c);
  }
  return out.filter((r) => r.length);
}

function pathOf(coords) {
  return runs(coords)
    .filter((r) => r.length > 1)
    .map((r) => "M" + r.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" L"))
    .join(" ");
}

// Text of one year for the description: "2024-12-31: company 1.2000, peers' median 3.4669 (30 peers)".
function describePoint(p, label) {
  const own = p.value === null ? "not computable" : p.value;
  const median = p.peerMedian === null ? "no peers' median" : `peers' median ${p.peerMedian} (${p.peers} peers${p.peerGroup ? ", " + p.peerGroup : ""})`;
  return `${p.periodEnd}: ${label} ${own}, ${median}`;
}

/**
 * @param {{id: string, label: string, unit: string, points: Array<{periodEnd: string, value: string|null, peerMedian: string|null, peers: number, peerGroup: string|null}>}} spec
 * @returns {SVGSVGElement}
 */
export function ratioChart({ id, label, unit, points }) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const values = points.flatMap((p) => [num(p.value), num(p.peerMedian)]).filter((v) => v !== null && !Number.isNaN(v));
  const root = svg("svg", {
    class: "ratio-chart",
    id,
    role: "img",
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    "aria-labelledby": `${titleId} ${descId}`,
    "font-family": "system-ui, sans-serif",
  });
  const unitText = unit === "days" ? " (days)" : "";
  root.append(svg("title", { id: titleId, text: `${label}${unitText}: the company (solid line, round dots) against its peers' median (dashed line, squares), by year-end` }));
  root.append(
    svg("desc", {
      id: descId,
      text: points.length ? points.map((p) => describePoint(p, "company")).join("; ") + "." : "No accounts to chart.",
    }),
  );
  root.append(svg("text", { x: 4, y: 12, "font-size": 11, "font-weight": 700, fill: "#111", text: `${label}${unitText}` }));
  // The legend in words and line styles, inside the picture (exports and prints keep it).
  root.append(
    svg("line", { x1: 4, y1: 24, x2: 22, y2: 24, stroke: "#111", "stroke-width": 2 }),
    svg("circle", { cx: 13, cy: 24, r: 3, fill: "#111" }),
    svg("text", { x: 26, y: 27, "font-size": 9, fill: "#333", text: "company" }),
    svg("line", { x1: 76, y1: 24, x2: 94, y2: 24, stroke: "#666", "stroke-width": 1.5, "stroke-dasharray": "4 3" }),
    svg("rect", { x: 82, y: 21, width: 6, height: 6, fill: "#fff", stroke: "#666", "stroke-width": 1.3 }),
    svg("text", { x: 98, y: 27, "font-size": 9, fill: "#333", text: "peers' median" }),
  );
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const baseY = H - PAD.bottom;
  root.append(
    svg("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: baseY, stroke: "#999" }),
    svg("line", { x1: PAD.left, y1: baseY, x2: W - PAD.right, y2: baseY, stroke: "#999" }),
  );
  if (!points.length || !values.length) {
    root.append(svg("text", { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, "text-anchor": "middle", "font-size": 11, fill: "#555", text: "not computable in any year" }));
    points.forEach((p, i) => root.append(...yearLabel(p, i, points.length, baseY)));
    return root;
  }
  let low = Math.min(0, ...values);
  let high = Math.max(...values);
  if (high === low) high = low + 1;
  const y = (v) => PAD.top + plotH * (1 - (v - low) / (high - low));
  const x = (i) => xOf(i, points.length);
  root.append(
    svg("text", { x: PAD.left - 4, y: PAD.top + 4, "font-size": 9, "text-anchor": "end", fill: "#333", text: shortValue(high, unit) }),
    svg("text", { x: PAD.left - 4, y: baseY, "font-size": 9, "text-anchor": "end", fill: "#333", text: shortValue(low, unit) }),
  );
  if (low < 0 && high > 0) {
    root.append(svg("line", { class: "zero", x1: PAD.left, y1: y(0).toFixed(1), x2: W - PAD.right, y2: y(0).toFixed(1), stroke: "#bbb", "stroke-width": 0.7 }));
  }
  points.forEach((p, i) => root.append(...yearLabel(p, i, points.length, baseY)));

  const medians = points.map((p, i) => (num(p.peerMedian) === null ? null : [x(i), y(num(p.peerMedian))]));
  const own = points.map((p, i) => (num(p.value) === null ? null : [x(i), y(num(p.value))]));
  const medianPath = pathOf(medians);
  if (medianPath) root.append(svg("path", { class: "median", d: medianPath, fill: "none", stroke: "#666", "stroke-width": 1.5, "stroke-dasharray": "4 3" }));
  medians.forEach((c, i) => {
    if (c) root.append(svg("rect", { class: "median", x: (c[0] - 3).toFixed(1), y: (c[1] - 3).toFixed(1), width: 6, height: 6, fill: "#fff", stroke: "#666", "stroke-width": 1.3 }, svg("title", { text: `${points[i].periodEnd}: peers' median ${points[i].peerMedian} (${points[i].peers} peers)` })));
  });
  const ownPath = pathOf(own);
  if (ownPath) root.append(svg("path", { class: "company", d: ownPath, fill: "none", stroke: "#111", "stroke-width": 2 }));
  own.forEach((c, i) => {
    if (!c) return;
    root.append(
      svg("circle", { class: "company", cx: c[0].toFixed(1), cy: c[1].toFixed(1), r: 3.5, fill: "#111" }, svg("title", { text: describePoint(points[i], "company") })),
      svg("text", { class: "value", x: c[0].toFixed(1), y: (c[1] - 7).toFixed(1), "text-anchor": "middle", "font-size": 10, "font-weight": 600, fill: "#111", text: shortValue(points[i].value, unit) }),
    );
  });
  return root;
}

// The year under each point; "n/a" above it when the company's value is missing that year.
function yearLabel(p, i, count, baseY) {
  const x = xOf(i, count).toFixed(1);
  const year = svg("text", { x, y: baseY + 14, "font-size": 9, "text-anchor": "middle", fill: "#333", text: p.periodEnd.slice(0, 4) });
  if (p.value !== null) return [year];
  return [year, svg("text", { class: "missing", x, y: baseY - 4, "font-size": 9, "text-anchor": "middle", fill: "#555", text: "n/a" })];
}
