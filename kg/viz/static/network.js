/* unkg: the interactive agreement network written by `unkg draw` (MIT, like unkg).
 * Reads its data from <script id="unkg-data" type="application/json">; draws it with vis-network
 * (bundled in the page); every text from the data goes into the page through textContent only. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("unkg-data").textContent);
  const OPTION = { Y: "yes", N: "no", A: "abstain", "-": "non-voting", ".": "" };
  const active = D.events.map(() => true);
  let shown = null; // ["state", id] or ["edge", id]

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function fmt(x, digits) {
    return x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(digits === undefined ? 3 : digits);
  }
  function category(c) {
    if (c === "Y" || c === "N" || c === "A") return c;
    if (c === "-" && D.absent === "abstain") return "A";
    if (c === "-" && D.absent === "category") return "-";
    return null;
  }

  // raw agreement, Cohen's kappa and Scott's pi of two states over the active events (as kg.analysis.agreement)
  function pair(a, b) {
    const va = D.votes[a], vb = D.votes[b];
    const cats = D.absent === "category" ? ["Y", "N", "A", "-"] : ["Y", "N", "A"];
    const ca = {}, cb = {};
    cats.forEach((c) => { ca[c] = 0; cb[c] = 0; });
    let n = 0, agree = 0;
    for (let i = 0; i < D.events.length; i++) {
      if (!active[i]) continue;
      const x = category(va[i]), y = category(vb[i]);
      if (x === null || y === null) continue;
      n++; ca[x]++; cb[y]++;
      if (x === y) agree++;
    }
    if (n === 0) return { votes: 0, agreement: NaN, kappa: NaN, pi: NaN };
    let ek = 0, ep = 0;
    cats.forEach((c) => { ek += (ca[c] / n) * (cb[c] / n); ep += Math.pow((ca[c] + cb[c]) / (2 * n), 2); });
    const raw = agree / n;
    const corr = (e) => (1 - e > 1e-9 ? (raw - e) / (1 - e) : NaN);
    return { votes: n, agreement: raw, kappa: corr(ek), pi: corr(ep) };
  }
  function weightOf(p) {
    const w = D.measure === "agreement" ? p.agreement : p[D.measure];
    return Number.isNaN(w) && D.undefined === "agreement" ? p.agreement : w;
  }

  const states = {};
  D.states.forEach((s) => { states[s.id] = s; });
  const blocColour = {};
  D.blocs.forEach((b) => { blocColour[b.bloc] = b.colour; });

  function stateTitle(s) {
    return `${s.name} (${s.id})\nbloc ${s.bloc === null ? "none" : s.bloc} · score ${fmt(s.score)}\n` +
      `votes cast ${s.votes} · ${D.size_label} ${fmt(s.size, 2)}`;
  }
  function edgeTitle(e, p) {
    return `${states[e.from].name} – ${states[e.to].name}\nvotes ${p.votes} · agreement ${fmt(p.agreement)}` +
      ` · kappa ${fmt(p.kappa)} · pi ${fmt(p.pi)}`;
  }

  const nodes = new vis.DataSet(D.states.map((s) => ({
    id: s.id, label: s.id, title: stateTitle(s), value: s.size,
    color: { background: s.colour, border: "#333333", highlight: { background: s.colour, border: "#000000" } },
  })));
  const edges = new vis.DataSet(D.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, value: Math.max(e.weight, 0.01), title: edgeTitle(e, e),
  })));
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { shape: "dot", scaling: { min: 6, max: 28 }, font: { size: 11 } },
    edges: { color: { color: "#8a8a8a", highlight: "#222222", opacity: 0.35 }, scaling: { min: 0.3, max: 4 },
      smooth: false },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 250, updateInterval: 50 } },
    interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: true },
    layout: { randomSeed: 7, improvedLayout: D.states.length <= 300 },
  });
  window.unkgNetwork = network;
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    network.fit();
    document.body.dataset.ready = "true";
  });

  function evidenceText(i) {
    const e = D.evidence[i];
    const where = [e[0]];
    if (e[1]) where.push(`p. ${e[1]}`);
    where.push(e[2] === e[3] ? `l. ${e[2]}` : `ll. ${e[2]}–${e[3]}`);
    return `${where.join(", ")}: “${e[4]}”`;
  }
  function evidenceList(indices, ev) {
    const box = el("div", null, "evidence");
    (indices || []).forEach((i) => box.appendChild(el("div", evidenceText(i))));
    if (!indices || !indices.length) {
      let text = D.complete ? "no evidence recorded" :
        "evidence left out of this page (too many events): unkg query vote-evidence --param motion=…";
      if (ev && ev.rollcall) text = `as given by the dataset ${ev.source}, roll call ${ev.rollcall}`;
      box.appendChild(el("div", text, "none"));
    }
    return box;
  }
  function eventName(ev) {
    return ev.motion || ev.identifier || (ev.rollcall ? `roll call ${ev.rollcall}` : ev.id);
  }
  function eventCell(i) {
    const ev = D.events[i];
    const cell = el("td");
    cell.appendChild(el("div", eventName(ev), "motion"));
    if (ev.title) cell.appendChild(el("div", ev.title, "meta"));
    const source = ev.rollcall ? `roll call ${ev.rollcall} of ${ev.source}` : "";
    cell.appendChild(el("div", [ev.date, ev.stage, ev.body, source].filter(Boolean).join(" · "), "meta"));
    if (ev.evidence && ev.evidence.length) cell.appendChild(evidenceList(ev.evidence));
    return cell;
  }
  function figures(list) {
    const dl = el("dl", null, "figures");
    list.forEach(([k, v]) => { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); });
    return dl;
  }
  function panel() {
    const box = document.getElementById("facts");
    box.replaceChildren();
    return box;
  }

  function showState(id) {
    shown = ["state", id];
    const s = states[id];
    const box = panel();
    box.appendChild(el("h2", `${s.name} (${s.id})`));
    box.appendChild(figures([["bloc", s.bloc === null ? "none" : s.bloc], ["score", fmt(s.score)],
      ["votes cast (all)", s.votes], [D.size_label, fmt(s.size, 2)]]));
    const table = el("table", null, "votes");
    const head = el("tr");
    ["vote event", "position", "evidence"].forEach((h) => head.appendChild(el("th", h)));
    table.appendChild(head);
    let count = 0;
    for (let i = 0; i < D.events.length; i++) {
      const c = D.votes[id][i];
      if (!active[i] || c === ".") continue;
      count++;
      const row = el("tr", null, "vote");
      row.appendChild(eventCell(i));
      row.appendChild(el("td", OPTION[c], "option " + OPTION[c]));
      const td = el("td");
      td.appendChild(evidenceList((D.vote_evidence[id] || {})[i], D.events[i]));
      row.appendChild(td);
      table.appendChild(row);
    }
    box.appendChild(el("h3", `Votes in the filtered set (${count})`));
    box.appendChild(table);
    const sp = D.sponsorships[id] || [];
    box.appendChild(el("h3", `Sponsorships (${sp.length})`));
    const list = el("ul", null, "sponsorships");
    sp.forEach((x) => {
      const li = el("li");
      li.appendChild(el("span", `${x.draft} — ${x.role}`, "motion"));
      li.appendChild(evidenceList(x.evidence));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function showEdge(id) {
    shown = ["edge", id];
    const e = D.edges[id];
    const a = states[e.from], b = states[e.to];
    const p = pair(e.from, e.to);
    const box = panel();
    box.appendChild(el("h2", `${a.name} (${a.id}) – ${b.name} (${b.id})`));
    box.appendChild(figures([["common votes (filtered)", p.votes], ["agreement", fmt(p.agreement)],
      ["Cohen's kappa", fmt(p.kappa)], ["Scott's pi", fmt(p.pi)],
      ["edge weight (all votes)", fmt(e.weight)], ["blocs", `${a.bloc === null ? "none" : a.bloc} / ${b.bloc === null ? "none" : b.bloc}`]]));
    const table = el("table", null, "votes");
    const head = el("tr");
    ["vote event", a.id, b.id, ""].forEach((h) => head.appendChild(el("th", h)));
    table.appendChild(head);
    for (let i = 0; i < D.events.length; i++) {
      const x = D.votes[e.from][i], y = D.votes[e.to][i];
      if (!active[i] || (x === "." && y === ".")) continue;
      const row = el("tr", null, "vote");
      row.appendChild(eventCell(i));
      [[e.from, x], [e.to, y]].forEach(([s, c]) => {
        const td = el("td", null, "option " + OPTION[c]);
        td.appendChild(el("div", OPTION[c] || "no record"));
        td.appendChild(evidenceList((D.vote_evidence[s] || {})[i], D.events[i]));
        row.appendChild(td);
      });
      const same = category(x) !== null && category(x) === category(y);
      row.appendChild(el("td", category(x) === null || category(y) === null ? "not counted" : same ? "agree" : "differ"));
      table.appendChild(row);
    }
    box.appendChild(el("h3", "Votes in the filtered set"));
    box.appendChild(table);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showState(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // filters: stages, sessions, events; edges below a threshold hidden
  const filters = document.getElementById("filters");
  const stages = [...new Set(D.events.map((e) => e.stage || "unknown"))];
  const sessions = [...new Set(D.events.map((e) => e.session).filter((s) => s !== ""))].map(Number).sort((x, y) => x - y);
  const stageBoxes = {};
  if (stages.length > 1) {
    const row = el("div", null, "filter");
    row.appendChild(el("span", "stage: "));
    stages.forEach((s) => {
      const label = el("label");
      const box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.stage = s;
      box.addEventListener("change", update);
      stageBoxes[s] = box;
      label.appendChild(box); label.appendChild(document.createTextNode(s + " "));
      row.appendChild(label);
    });
    filters.appendChild(row);
  }
  let lo = null, hi = null;
  if (sessions.length > 1) {
    const row = el("div", null, "filter");
    row.appendChild(el("span", "sessions "));
    lo = el("input"); hi = el("input");
    [lo, hi].forEach((x, i) => {
      x.type = "number"; x.min = sessions[0]; x.max = sessions[sessions.length - 1];
      x.value = i === 0 ? sessions[0] : sessions[sessions.length - 1];
      x.id = i === 0 ? "session-from" : "session-to";
      x.addEventListener("change", update);
      row.appendChild(x);
      if (i === 0) row.appendChild(document.createTextNode(" to "));
    });
    filters.appendChild(row);
  }
  const eventBoxes = [];
  if (D.events.length <= 400) {
    const details = el("details", null, "filter");
    details.appendChild(el("summary", `vote events (${D.events.length})`));
    D.events.forEach((ev, i) => {
      const label = el("label", null, "event");
      const box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.index = i;
      box.addEventListener("change", update);
      eventBoxes[i] = box;
      label.appendChild(box);
      label.appendChild(document.createTextNode(` ${eventName(ev)} ${ev.date ? "(" + ev.date + ")" : ""}`));
      details.appendChild(label);
    });
    filters.appendChild(details);
  }
  const thresholdRow = el("div", null, "filter");
  thresholdRow.appendChild(el("label", `edges with ${D.measure} at least `));
  const threshold = el("input");
  threshold.type = "range"; threshold.min = -1; threshold.max = 1; threshold.step = 0.05; threshold.value = -1;
  threshold.id = "threshold";
  const thresholdValue = el("span", "-1.00");
  threshold.addEventListener("input", update);
  thresholdRow.appendChild(threshold); thresholdRow.appendChild(thresholdValue);
  filters.appendChild(thresholdRow);
  const status = el("div", null, "status");
  filters.appendChild(status);

  function update() {
    for (let i = 0; i < D.events.length; i++) {
      const ev = D.events[i];
      let on = true;
      if (stages.length > 1) on = on && stageBoxes[ev.stage || "unknown"].checked;
      if (lo && ev.session !== "") on = on && Number(ev.session) >= Number(lo.value) && Number(ev.session) <= Number(hi.value);
      if (eventBoxes[i]) on = on && eventBoxes[i].checked;
      active[i] = on;
    }
    const t = Number(threshold.value);
    thresholdValue.textContent = t.toFixed(2);
    const changes = D.edges.map((e, i) => {
      const p = pair(e.from, e.to);
      const w = weightOf(p);
      return { id: i, hidden: p.votes === 0 || !(w >= t), title: edgeTitle(e, p) };
    });
    edges.update(changes);
    const n = active.filter(Boolean).length;
    status.textContent = `${n} of ${D.events.length} vote events counted; ${changes.filter((c) => !c.hidden).length} edges shown`;
    if (shown && shown[0] === "state") showState(shown[1]);
    if (shown && shown[0] === "edge") showEdge(shown[1]);
  }

  // search a state by code or name
  const search = document.getElementById("search");
  search.addEventListener("change", () => {
    const q = search.value.trim().toLowerCase();
    const hit = D.states.find((s) => s.id.toLowerCase() === q) || D.states.find((s) => s.name.toLowerCase().includes(q));
    if (!hit) return;
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2, animation: false });
    showState(hit.id);
  });

  // legend: blocs with their size and cohesion
  const legend = document.getElementById("legend");
  D.blocs.forEach((b) => {
    const row = el("div", null, "bloc");
    const swatch = el("span", null, "swatch");
    swatch.style.background = b.colour;
    row.appendChild(swatch);
    row.appendChild(el("span", `bloc ${b.bloc}: ${b.size} states · agreement ${fmt(b.agreement, 2)} · ` +
      `kappa ${fmt(b.kappa, 2)} · index ${fmt(b.agreement_index, 2)}`));
    legend.appendChild(row);
  });
  update();
  window.unkgShowState = showState;
  window.unkgShowEdge = showEdge;
})();
