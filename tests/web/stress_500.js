// Grows the network explorer's graph to 500 nodes, then measures 30 zoom/pan frames.
async () => {
  const net = window.duegraphNetwork;
  const cy = net.cy;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const have = cy.nodes().length;
  const root = cy.nodes()[0].id();
  const els = [];
  for (let i = have; i < 500; i++) {
    const kind = i % 3 ? "PERSON" : "COMPANY";
    els.push({ group: "nodes", data: { id: "x" + i, kind, name: "Entity " + i, label: "Entity " + i } });
    const target = i > have ? "x" + Math.floor((i + have) / 2) : root;
    const edgeKind = i % 2 ? "director" : "owner";
    els.push({ group: "edges", data: { id: "y" + i, source: "x" + i, target, kind: edgeKind, label: edgeKind } });
  }
  let t = performance.now();
  cy.add(els);
  cy.layout({ name: "grid", animate: false }).run();
  net.refresh();
  cy.fit();
  await frame();
  await frame();
  const build = performance.now() - t;
  const frames = [];
  for (let k = 0; k < 30; k++) {
    t = performance.now();
    cy.zoom({ level: cy.zoom() * (k % 2 ? 1.15 : 0.87), renderedPosition: { x: 400, y: 300 } });
    cy.panBy({ x: 7, y: 4 });
    await frame();
    frames.push(performance.now() - t);
  }
  return { nodes: cy.nodes().length, edges: cy.edges().length, build, frames };
}
