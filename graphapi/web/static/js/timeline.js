// Timelines of dated things (mandates, events) as positioned bars on a shared year axis;
// each bar also reads as text (its title and the table the page puts beside it).

import { fmtDate, h } from "./dom.js";

const DAY = 86_400_000;
const ms = (d) => new Date(d + "T00:00:00Z").getTime();

export function span(items, asOf) {
  const dates = items.flatMap((i) => [i.start, i.end, i.date]).filter(Boolean);
  dates.push(asOf);
  let lo = Math.min(...dates.map(ms));
  let hi = Math.max(...dates.map(ms));
  if (hi - lo < 365 * DAY) lo = hi - 365 * DAY;
  const pad = (hi - lo) * 0.03;
  return [lo - pad, hi + pad];
}

function pos([lo, hi], date) {
  return ((ms(date) - lo) / (hi - lo)) * 100;
}

function axis(range) {
  const [lo, hi] = range;
  const first = new Date(lo).getUTCFullYear() + 1;
  const last = new Date(hi).getUTCFullYear();
  const years = last - first + 1;
  const step = years > 30 ? 10 : years > 14 ? 5 : years > 6 ? 2 : 1;
  const ticks = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) {
    ticks.push(h("span", { class: "tick", style: `left:${pos(range, `${y}-01-01`)}%` }, String(y)));
  }
  return h("div", { class: "tl-row tl-axis", "aria-hidden": "true" }, h("div", { class: "tl-label" }), h("div", { class: "tl-track" }, ticks));
}

function bar(range, b, asOf) {
  const start = b.start || fmtDate(new Date(range[0]).toISOString());
  const end = b.end && b.end < asOf ? b.end : asOf;
  const left = Math.max(0, pos(range, start));
  const width = Math.max(0.6, pos(range, end) - left);
  const ended = b.end && b.end < asOf;
  const cls = `bar ${b.kind || ""} ${ended ? "ended" : "current"} ${b.start ? "" : "open-start"}`;
  const text = `${b.title}: ${b.start || "?"} to ${ended ? b.end : b.end ? b.end + " (after the as-of date)" : "still in office"}`;
  return h("span", { class: cls, style: `left:${left}%;width:${width}%`, title: text, role: "img", "aria-label": text }, width > 9 ? h("span", { class: "bar-text" }, b.text || "") : null);
}

// rows: [{label: Node|string, bars: [{start, end, title, text, kind}]}], markers: [{date, label, kind}]
export function timeline({ rows, asOf, markers = [], strip = null, caption }) {
  const all = [...rows.flatMap((r) => r.bars), ...markers];
  const range = span(all, asOf);
  const asOfLine = h("div", { class: "tl-asof", style: `left:${pos(range, asOf)}%`, title: `as of ${asOf}` }, h("span", {}, `as of ${asOf}`));
  const body = rows.map((r) =>
    h("div", { class: "tl-row" }, h("div", { class: "tl-label" }, r.label), h("div", { class: "tl-track" }, r.bars.map((b) => bar(range, b, asOf)))),
  );
  const markerRow = markers.length
    ? h(
        "div",
        { class: "tl-row tl-markers" },
        h("div", { class: "tl-label" }, "Events"),
        h(
          "div",
          { class: "tl-track" },
          markers.map((m) => h("span", { class: `marker ${m.kind || ""}`, style: `left:${pos(range, m.date)}%`, title: `${m.date}: ${m.label}`, role: "img", "aria-label": `${m.date}: ${m.label}` }, h("span", { class: "marker-text" }, m.short || ""))),
        ),
      )
    : null;
  const stripRow = strip
    ? h(
        "div",
        { class: "tl-row tl-strip" },
        h("div", { class: "tl-label" }, strip.label),
        h(
          "div",
          { class: "tl-track" },
          strip.segments.map((s) => {
            const left = pos(range, s.start);
            const width = Math.max(0.4, pos(range, s.end) - left);
            return h("span", { class: `seg ${s.kind}`, style: `left:${left}%;width:${width}%`, title: s.title, role: "img", "aria-label": s.title }, width > 4 ? h("span", { class: "bar-text" }, s.text) : null);
          }),
        ),
      )
    : null;
  return h("figure", { class: "timeline" }, caption ? h("figcaption", {}, caption) : null, h("div", { class: "tl-grid" }, axis(range), stripRow, body, markerRow, h("div", { class: "tl-overlay", "aria-hidden": "true" }, h("div", { class: "tl-label" }), h("div", { class: "tl-track" }, asOfLine))));
}

// How many of the intervals are open at each moment, from the first start to asOf:
// [{start, end, count}] (count 0 = a gap, 2+ = overlapping mandates).
export function coverage(intervals, asOf) {
  const points = new Set([asOf]);
  for (const i of intervals) {
    if (i.start && i.start <= asOf) points.add(i.start);
    if (i.end && i.end < asOf) points.add(i.end);
  }
  const sorted = [...points].sort();
  const out = [];
  for (let k = 0; k < sorted.length - 1; k++) {
    const a = sorted[k];
    const b = sorted[k + 1];
    const count = intervals.filter((i) => (!i.start || i.start <= a) && (!i.end || i.end >= b)).length;
    const last = out[out.length - 1];
    if (last && last.count === count && last.end === a) last.end = b;
    else out.push({ start: a, end: b, count });
  }
  return out.filter((s) => s.start < s.end);
}
