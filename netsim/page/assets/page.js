/* netsim page: the script of one self-contained page.
 *
 * Everything shown comes from the "netsim-page/1" document embedded in the page
 * (<script type="application/json" id="netsim-data">; docs/page.md). Plain DOM, no library,
 * nothing fetched. Parts, in order: helpers, the picture (frames, zoom, marks), the step
 * slider and the source lines, Reach, Trace, DNS, Matrix, the summary of a big setup, start.
 */
"use strict";

const doc = JSON.parse(document.getElementById("netsim-data").textContent);
const SVG_NS = "http://www.w3.org/2000/svg";
const STEPS = doc.steps || [];
/** The step whose state the panels analyse: the last one, or with `netsim page --at LINE` the
 * last one at or before that line (doc.at). */
const ANALYSED = doc.at == null ? STEPS.length : STEPS.filter((s) => s.line <= doc.at).length;
/** How the panels name the state they analyse. */
const ANALYSED_NAME = doc.at == null ? "the final state" :
  "the state after line " + doc.at + " (step " + ANALYSED + " of " + STEPS.length + ")";
// a big setup's summary has no matrix: the panels then have no rows
const MATRIX = doc.matrix || { sources: [], destinations: [], rows: [], port: null };
const RULES = doc.rules || {};

// ---------------------------------------------------------------------------- helpers

/** The element with this id. */
function $(id) {
  return document.getElementById(id);
}

/** A new HTML element with text (and optional class). */
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

/** Fill a <select> with [value, label] pairs; keeps the old choice when it is still there. */
function fillSelect(select, options) {
  const old = select.value;
  select.replaceChildren();
  for (const [value, label] of options) {
    const o = el("option", label);
    o.value = value;
    select.append(o);
  }
  if (options.some(([value]) => value === old)) select.value = old;
}

/** The picture node of a container's label in the matrix (its name, or HOST/NAME where two
 * hosts have one of that name): doc.containers' node, else the first host's. */
const NODE_OF = new Map((doc.containers || []).map((c) => [c.label || c.name, c.node]));
function nodeOf(name, host) {
  if (NODE_OF.has(name)) return NODE_OF.get(name);
  const h = host || ((doc.containers || [])[0] || {}).host || "host";
  return "sandbox:" + h + "/" + name;
}

/** The container name shown by a "sandbox:HOST/NAME" node. */
function nameOfNode(node) {
  for (const [name, n] of NODE_OF) if (n === node) return name;
  return node.slice(node.lastIndexOf("/") + 1);
}

/** The elements of the shown picture whose data-node is `node`. */
function nodesInPicture(node) {
  const svg = $("picture").querySelector("svg");
  if (!svg) return [];
  return Array.from(svg.querySelectorAll('[data-node="' + CSS.escape(node) + '"]'));
}

/** The FLOW of src -> dst for a service ("ping" or "80/tcp"), or null. */
function flowOf(src, dst, service) {
  const bySrc = (doc.flows || {})[src] || {};
  const byDst = bySrc[dst] || {};
  return byDst[service] || null;
}

/** The service the matrix was computed for: "ping" or "PORT/PROTO". */
function matrixService() {
  return MATRIX.port ? MATRIX.port + "/" + (MATRIX.proto || "tcp") : "ping";
}

/** One line about a trace: the verdict, then its last hop's sentence and rule. */
function traceWhy(trace) {
  if (!trace) return "";
  const hops = trace.hops || [];
  const last = hops[hops.length - 1];
  let text = trace.src + " → " + trace.dst + ": " + trace.disposition;
  if (last) text += " — " + last.text + " [" + last.rule + "]";
  return text;
}

// ---------------------------------------------------------------------------- the picture

const view = { frame: -1, zoom: "fit" };
const ZOOM_PX = 96 / 72; // the layout's units are points: 100% draws a point as 4/3 px

/** Show frames[index] in the picture pane (the SVG text parsed as XML, then adopted). */
function showFrame(index) {
  const pane = $("picture");
  const frames = doc.frames || [];
  if (index === view.frame && pane.querySelector("svg")) return;
  view.frame = index;
  pane.setAttribute("data-frame", String(index));
  pane.replaceChildren();
  if (index === null || index === undefined || !frames[index]) {
    pane.append(el("p", "No picture here: the setup is past the page's limits.", "note"));
    return;
  }
  const parsed = new DOMParser().parseFromString(frames[index], "image/svg+xml");
  const svg = document.importNode(parsed.documentElement, true);
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Topology, picture " + index);
  pane.append(svg);
  prepareBoxes(svg);
  applyZoom();
}

/** Container boxes become buttons: focusable, labelled, activated by click, Enter or Space. */
function prepareBoxes(svg) {
  for (const box of svg.querySelectorAll('g.box[data-kind="container"]')) {
    const name = nameOfNode(box.getAttribute("data-node"));
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "button");
    box.setAttribute("aria-label", "container " + name + ": show what it reaches");
    box.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        activateContainer(name);
      }
    });
  }
  svg.addEventListener("click", (ev) => {
    const name = containerAt(ev.target);
    if (name) activateContainer(name);
  });
}

/** The container a click landed in: its box, or one of its interfaces ("if:HOST/NAME/IF"),
 * whether the picture draws that box inside the container's or on top of it. */
function containerAt(target) {
  for (let box = target.closest("g.box"); box; box = box.parentElement.closest("g.box")) {
    const node = box.getAttribute("data-node") || "";
    if (box.getAttribute("data-kind") === "container") return nameOfNode(node);
    if (node.startsWith("if:")) {
      const [host, name] = node.slice(3).split("/");
      return nameOfNode("sandbox:" + host + "/" + name);
    }
  }
  return null;
}

/** The picture's own size (its viewBox). */
function naturalSize(svg) {
  const vb = svg.viewBox && svg.viewBox.baseVal;
  if (vb && vb.width) return [vb.width, vb.height];
  return [parseFloat(svg.getAttribute("width")) || 800,
    parseFloat(svg.getAttribute("height")) || 600];
}

/** Size the SVG: "fit" to the pane's width, or a scale (1 = 100%) in a scrollable pane. */
function applyZoom() {
  const svg = $("picture").querySelector("svg");
  if (!svg) return;
  const [w, h] = naturalSize(svg);
  if (view.zoom === "fit") {
    svg.style.width = "100%";
    svg.style.height = "auto";
  } else {
    svg.style.width = (w * ZOOM_PX * view.zoom) + "px";
    svg.style.height = (h * ZOOM_PX * view.zoom) + "px";
  }
  svg.removeAttribute("width");
  svg.removeAttribute("height");
}

/** The first zoom: fit when that keeps text at least 80% of its size, else 100%. */
function initialZoom() {
  const svg = $("picture").querySelector("svg");
  if (!svg) return "fit";
  const [w] = naturalSize(svg);
  const pane = $("picture").clientWidth || 800;
  return pane / (w * ZOOM_PX) >= 0.8 ? "fit" : 1;
}

function setZoom(z) {
  view.zoom = z;
  applyZoom();
}

function zoomBy(factor) {
  const svg = $("picture").querySelector("svg");
  let z = view.zoom;
  if (z === "fit" && svg) z = svg.getBoundingClientRect().width / (naturalSize(svg)[0] * ZOOM_PX);
  setZoom(Math.min(8, Math.max(0.1, z * factor)));
}

/** Remove every mark the page put on the picture (classes, tooltips, the flow overlay). */
function clearMarks() {
  const svg = $("picture").querySelector("svg");
  if (!svg) return;
  const marks = ["reaches", "blocked", "source", "hop", "hop-last", "made"];
  for (const e of svg.querySelectorAll(marks.map((m) => "." + m).join(", "))) {
    e.classList.remove(...marks);
  }
  for (const t of svg.querySelectorAll("title.netsim-why, g.netsim-overlay")) t.remove();
}

/** Give an SVG element a tooltip (a <title> child, first so that it is the one shown). */
function addTooltip(target, text) {
  const t = document.createElementNS(SVG_NS, "title");
  t.setAttribute("class", "netsim-why");
  t.textContent = text;
  target.insertBefore(t, target.firstChild);
}

/** The analysis panels speak of one state (ANALYSED): show its picture, and say so. */
function showFinalFrame() {
  showFrame(doc.final);
  const atEnd = Number($("step").value) === ANALYSED;
  const note = $("picture-note");
  note.hidden = atEnd;
  note.textContent = atEnd ? "" : "The picture shows " + ANALYSED_NAME + " (what the panels " +
    "analyse); the step slider is at step " + $("step").value + " of " + STEPS.length + ".";
}

// ---------------------------------------------------------------------------- steps and source

/** Move the slider to step k (0: before the first command) and show what it did. */
function setStep(k) {
  const slider = $("step");
  k = Math.max(0, Math.min(STEPS.length, k));
  slider.value = String(k);
  const step = STEPS[k - 1];
  showFrame(k === 0 ? 0 : step.frame);
  clearMarks();
  $("picture-note").hidden = true;
  $("step-count").textContent = k + " / " + STEPS.length;
  renderStepDetail(k, step);
  markSourceLine(step);
  if (step) markMade(step);
  updateFinalNote();
}

/** The command, exit code and output of a step, under the slider. */
function renderStepDetail(k, step) {
  const box = $("step-detail");
  box.replaceChildren();
  if (!step) {
    box.append(el("p", "Before the first command.", "step-command"));
    return;
  }
  const head = el("p", "", "step-command");
  head.append(el("span", "line " + step.line + (step.host ? " on " + step.host : "") + ": "));
  head.append(el("code", "$ " + step.command, "command"));
  box.append(head);
  const code = el("p", "exit code " + step.exit_code, step.exit_code ? "exit bad" : "exit ok");
  code.setAttribute("data-exit", String(step.exit_code));
  box.append(code);
  if (step.made && step.made.length) box.append(el("p", "made: " + step.made.join(", "), "made"));
  if (step.stdout) box.append(el("pre", step.stdout, "stdout"));
  if (step.stderr) box.append(el("pre", step.stderr, "stderr"));
}

/** Highlight the source line of the current step. */
function markSourceLine(step) {
  for (const li of $("source").querySelectorAll("li.current")) li.classList.remove("current");
  if (!step) return;
  const li = $("source").children[step.line - 1];
  if (li) {
    li.classList.add("current");
    li.scrollIntoView({ block: "nearest" });
  }
}

/** Mark the boxes of what a step made: its made_nodes, or else from its made
 * ("container web" -> sandbox:HOST/web, "network n" -> its bar). */
function markMade(step) {
  if (step.made_nodes) {
    markNodes(step.made_nodes, "made");
    return;
  }
  for (const what of step.made || []) {
    const space = what.indexOf(" ");
    const kind = what.slice(0, space);
    const name = what.slice(space + 1);
    let nodes = [];
    if (kind === "container") {
      nodes = nodesInPicture("sandbox:" + step.host + "/" + name);
    } else if (kind === "network") {
      for (const prefix of ["bridge:", "segment:"]) {
        nodes = nodes.concat(nodesInPicture(prefix + step.host + "/" + name));
      }
      nodes = nodes.concat(nodesInPicture("overlay:" + name));
    }
    for (const n of nodes) n.classList.add("made");
  }
}

/** Give every element of the picture that shows one of `nodes` the class `mark`. */
function markNodes(nodes, mark) {
  for (const node of nodes) for (const n of nodesInPicture(node)) n.classList.add(mark);
}

/** A line of the source that made something but has no step of its own (a Compose file's
 * service or network): show the final picture with what it made marked. */
function showLink(line, nodes) {
  showFinalFrame();
  clearMarks();
  markNodes(nodes, "made");
  markSourceLine({ line: line });
}

/** The source, numbered; a line that has a step is a button that moves the slider to it, a
 * line linked to what it made (source.links) a button that marks it. */
function renderSource() {
  const links = new Map(((doc.source && doc.source.links) || []).map((l) => [l.line, l.nodes]));
  const first = new Map();
  STEPS.forEach((s, i) => { if (!first.has(s.line)) first.set(s.line, i + 1); });
  const list = $("source");
  const lines = (doc.source && doc.source.lines) || [];
  lines.forEach((text, i) => {
    const li = el("li");
    li.id = "line-" + (i + 1);
    const k = first.get(i + 1);
    if (k !== undefined) {
      const b = el("button", text, "line-step");
      b.type = "button";
      b.setAttribute("data-step", String(k));
      b.setAttribute("aria-label", "line " + (i + 1) + ", step " + k + ": " + text);
      b.addEventListener("click", () => setStep(k));
      li.append(b);
    } else if (links.has(i + 1)) {
      const nodes = links.get(i + 1);
      const b = el("button", text, "line-step line-link");
      b.type = "button";
      b.setAttribute("data-nodes", nodes.join(" "));
      b.setAttribute("aria-label", "line " + (i + 1) + ": show what it made: " + text);
      b.addEventListener("click", () => showLink(i + 1, nodes));
      li.append(b);
    } else {
      li.append(el("code", text || " ", text.trim().startsWith("#") ? "comment" : ""));
    }
    list.append(li);
  });
}

// ---------------------------------------------------------------------------- Reach

/** A container box (or the select) chose a source: mark what it reaches and what it does not. */
function activateContainer(name) {
  if (!MATRIX.sources.includes(name)) {
    $("reach-summary").textContent = name + " is no source of the matrix (the final state).";
    return;
  }
  $("reach-src").value = name;
  showReach(name);
}

function showReach(src) {
  showFinalFrame();
  clearMarks();
  const i = MATRIX.sources.indexOf(src);
  const row = MATRIX.rows[i] || "";
  const service = matrixService();
  for (const n of nodesInPicture(nodeOf(src))) n.classList.add("source");
  const list = $("reach-list");
  list.replaceChildren();
  let reached = 0;
  MATRIX.destinations.forEach((dst, j) => {
    const ok = row[j] === ".";
    if (ok) reached += 1;
    const flow = flowOf(src, dst, service) || flowOf(src, dst, "ping");
    const why = flow ? traceWhy(flow.trace) : "";
    for (const box of nodesInPicture(nodeOf(dst))) {
      box.classList.add(ok ? "reaches" : "blocked");
      addTooltip(box, why || (src + (ok ? " reaches " : " does not reach ") + dst));
    }
    const li = el("li", (ok ? "reaches " : "does not reach ") + dst, ok ? "reaches" : "blocked");
    li.setAttribute("data-dst", dst);
    if (why) li.title = why;
    list.append(li);
  });
  $("reach-summary").textContent = src + " reaches " + reached + " of " +
    MATRIX.destinations.length + " destinations (" + service + ").";
}

function renderReachPanel() {
  fillSelect($("reach-src"), [["", "— choose —"], ...MATRIX.sources.map((s) => [s, s])]);
  $("reach-src").addEventListener("change", (ev) => {
    if (ev.target.value) activateContainer(ev.target.value);
  });
}

// ---------------------------------------------------------------------------- Trace

function renderTracePanel() {
  fillSelect($("trace-src"), [["", "— source —"], ...MATRIX.sources.map((s) => [s, s])]);
  fillSelect($("trace-dst"), [["", "— destination —"],
    ...MATRIX.destinations.map((d) => [d, d])]);
  const update = () => { fillServices(); showTrace(); };
  $("trace-src").addEventListener("change", update);
  $("trace-dst").addEventListener("change", update);
  $("trace-service").addEventListener("change", showTrace);
  fillServices();
}

/** The services of the chosen pair: "ping" and the destination's ports. */
function fillServices() {
  const byDst = ((doc.flows || {})[$("trace-src").value] || {})[$("trace-dst").value] || {};
  const names = Object.keys(byDst);
  if (!names.includes("ping")) names.unshift("ping");
  names.sort((a, b) => (a === "ping" ? -1 : b === "ping" ? 1 : parseInt(a) - parseInt(b)));
  fillSelect($("trace-service"), names.map((n) => [n, n === "ping" ? "ping (ICMP)" : n]));
}

/** The chosen flow's hops as a list, and its path drawn over the final picture. */
function showTrace() {
  const src = $("trace-src").value;
  const dst = $("trace-dst").value;
  const hops = $("trace-hops");
  hops.replaceChildren();
  $("trace-verdict").textContent = "";
  if (!src || !dst) return;
  const flow = flowOf(src, dst, $("trace-service").value);
  if (!flow) {
    $("trace-verdict").textContent = "No trace for this pair.";
    return;
  }
  const t = flow.trace;
  const verdict = $("trace-verdict");
  verdict.className = t.delivered ? "ok" : "stop";
  verdict.textContent = t.src + " → " + t.dst + (t.address ? " (" + t.address + ")" : "") +
    (t.port ? " port " + t.port + "/" + t.proto : " ping") + ": " + t.disposition +
    (t.symptom ? ", the client sees " + t.symptom : "");
  for (const h of t.hops || []) {
    const li = el("li", "", "hop");
    li.setAttribute("data-node", h.node);
    li.append(el("span", h.text, "hop-text"));
    li.append(el("code", h.rule, "hop-rule"));
    li.append(el("small", h.source || RULES[h.rule] || "", "hop-source"));
    hops.append(li);
  }
  drawFlow(flow);
}

/** The flow on the picture: its path as polylines (green where it goes, red where it stops),
 * and its hops' boxes and lines marked. */
function drawFlow(flow) {
  showFinalFrame();
  clearMarks();
  const svg = $("picture").querySelector("svg");
  if (!svg) return;
  const g = document.createElementNS(SVG_NS, "g");
  g.setAttribute("class", "netsim-overlay");
  for (const part of flow.path || []) {
    const state = part.ok ? "ok" : "stop";
    const line = document.createElementNS(SVG_NS, "polyline");
    line.setAttribute("points", part.points.map((p) => p[0] + "," + p[1]).join(" "));
    line.setAttribute("class", "path " + state); // the picture's own style of a flow
    line.setAttribute("marker-end", "url(#netsim-arrow-" + state + ")");
    g.append(line);
  }
  svg.append(g);
  const hops = flow.trace.hops || [];
  hops.forEach((h, i) => {
    for (const n of nodesInPicture(h.node)) {
      n.classList.add("hop");
      if (i === hops.length - 1) n.classList.add("hop-last");
      addTooltip(n, h.text + " [" + h.rule + "]");
    }
  });
}

// ---------------------------------------------------------------------------- DNS

function renderDnsPanel() {
  const dns = doc.dns || {};
  fillSelect($("dns-client"), Object.keys(dns).map((c) => [c, c]));
  const names = () => fillSelect($("dns-name"),
    Object.keys(dns[$("dns-client").value] || {}).map((n) => [n, n]));
  $("dns-client").addEventListener("change", names);
  names();
  $("dns-ask").addEventListener("click", askDns);
  if (!Object.keys(dns).length) {
    $("dns-answer").textContent = "No running container to ask from.";
    $("dns-ask").disabled = true;
  }
}

/** Fisher–Yates: a new random order of a copy of `items`. */
function shuffled(items) {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

let asks = 0;
/** One query's answer; a shuffled answer's records come in a new order on every ask. */
function askDns() {
  const answer = ((doc.dns || {})[$("dns-client").value] || {})[$("dns-name").value];
  const out = $("dns-answer");
  out.replaceChildren();
  if (!answer) return;
  asks += 1;
  out.append(el("p", "ask " + asks + ": " + (answer.rcode || "no answer") +
    (answer.server ? " from " + answer.server : "") +
    (answer.answered_by ? " (" + answer.answered_by + ")" : ""), "dns-rcode"));
  out.append(el("p", answer.reason + " [" + answer.rule + "]", "dns-reason"));
  const records = answer.shuffle ? shuffled(answer.records || []) : (answer.records || []);
  const list = el("ol", null, "dns-records");
  for (const r of records) {
    const li = el("li", r.type + " " + r.data);
    li.setAttribute("data-value", r.data);
    list.append(li);
  }
  out.append(list);
  if (answer.shuffle) {
    out.append(el("p", "Docker's embedded DNS returns these addresses in a new random order " +
      "on every query (libnetwork resolver.go: rand.Shuffle); ask again to see another.",
    "note"));
  }
}

// ---------------------------------------------------------------------------- Matrix

/** The table's sort: none (the matrix's own order), "source", "count" or a column index. */
const sort = { key: null, dir: 1 };

/** How many destinations each source reaches. */
function reachCount(i) {
  return (MATRIX.rows[i] || "").split("").filter((c) => c === ".").length;
}

/** The order of the rows (indexes into sources) for the current sort. */
function rowOrder() {
  const order = MATRIX.sources.map((_, i) => i);
  if (sort.key === null) return order;
  const byName = (a, b) => (a - b); // the matrix's own order of sources breaks ties
  let key;
  if (sort.key === "source") key = (i) => MATRIX.sources[i];
  else if (sort.key === "count") key = (i) => reachCount(i);
  else key = (i) => ((MATRIX.rows[i] || "")[sort.key] === "." ? 1 : 0);
  order.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sort.dir;
    if (ka > kb) return sort.dir;
    return byName(a, b);
  });
  return order;
}

/** A header cell holding a button that sorts by `key`. */
function sortHeader(label, key, title) {
  const th = el("th");
  th.scope = "col";
  const b = el("button", label, "sort");
  b.type = "button";
  b.setAttribute("data-sort", String(key));
  if (title) b.title = title;
  b.addEventListener("click", () => {
    // a column first puts the sources that reach it on top; a second click reverses
    const first = key === "source" ? 1 : -1;
    sort.dir = sort.key === key ? -sort.dir : first;
    sort.key = key;
    renderMatrix();
  });
  th.append(b);
  if (sort.key === key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
  return th;
}

function renderMatrix() {
  const table = $("matrix");
  table.replaceChildren();
  $("matrix-caption").textContent = "Rows: sources; columns: destinations (" +
    matrixService() + "). '.' reaches, 'X' does not. Sort by a column's header.";
  const head = el("tr");
  head.append(sortHeader("source", "source", "sort by name"));
  MATRIX.destinations.forEach((d, j) => head.append(sortHeader(d, j, "sort by " + d)));
  head.append(sortHeader("reaches", "count", "sort by how many it reaches"));
  table.appendChild(el("thead")).append(head);
  const body = table.appendChild(el("tbody"));
  for (const i of rowOrder()) {
    const tr = el("tr");
    tr.setAttribute("data-source", MATRIX.sources[i]);
    const th = el("th", MATRIX.sources[i]);
    th.scope = "row";
    tr.append(th);
    const row = MATRIX.rows[i] || "";
    MATRIX.destinations.forEach((d, j) => {
      const td = el("td", row[j], row[j] === "." ? "cell ok" : "cell no");
      td.title = MATRIX.sources[i] + (row[j] === "." ? " reaches " : " does not reach ") + d;
      tr.append(td);
    });
    tr.append(el("td", reachCount(i), "count"));
    body.append(tr);
  }
  drawHeatmap();
}

/** The matrix as a small picture: a square a cell, rows in the table's order. */
function drawHeatmap() {
  const canvas = $("heatmap");
  const n = MATRIX.destinations.length;
  const rows = rowOrder();
  const cell = Math.max(2, Math.min(12, Math.floor(360 / Math.max(n, rows.length, 1))));
  canvas.width = Math.max(1, n * cell);
  canvas.height = Math.max(1, rows.length * cell);
  canvas.setAttribute("aria-label", "heat map of " + rows.length + " sources by " + n +
    " destinations");
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  rows.forEach((i, y) => {
    const row = MATRIX.rows[i] || "";
    for (let x = 0; x < n; x++) {
      ctx.fillStyle = row[x] === "." ? "#3a9d4f" : "#c94a3d";
      ctx.fillRect(x * cell, y * cell, cell - (cell > 3 ? 1 : 0), cell - (cell > 3 ? 1 : 0));
    }
  });
}

// ---------------------------------------------------------------------------- header, notes

function renderHeader() {
  $("title").textContent = doc.title || "netsim";
  const src = doc.source || {};
  $("meta").textContent = "Docker Engine " + doc.engine + " as netsim " + doc.netsim +
    " models it; " + (src.format || "input") + " " + (src.name || "") + "; seed " + doc.seed +
    "; " + STEPS.length + " steps, " +
    (doc.summary ? doc.summary.containers : (doc.containers || []).length) +
    " containers at the end.";
  const notes = Array.isArray(doc.notes) ? doc.notes : [];
  const list = $("notes");
  for (const n of notes) list.append(el("li", n));
  list.hidden = notes.length === 0;
}

/** When the slider is not at the analysed step, the panels say which state they describe. */
function updateFinalNote() {
  const k = Number($("step").value);
  const note = $("final-note");
  note.hidden = k === ANALYSED;
  note.textContent = "These panels describe " + ANALYSED_NAME + "; the picture shows step " +
    k + ".";
}

/** A setup over the page's size limit: counts and how to filter instead of the panels. */
function renderSummary() {
  const s = doc.summary;
  for (const id of ["reach-panel", "trace-panel", "dns-panel", "matrix-panel"]) {
    $(id).hidden = true;
  }
  $("summary-panel").hidden = false;
  const box = $("summary");
  box.append(el("p", s.containers + " containers: more than this page shows in detail (" +
    s.limit + ")."));
  if (doc.matrix) {
    let pairs = 0;
    MATRIX.sources.forEach((_, i) => { pairs += reachCount(i); });
    box.append(el("p", MATRIX.sources.length + " sources, " + MATRIX.destinations.length +
      " destinations; " + pairs + " pairs reach (" + matrixService() + ")."));
  }
  box.append(el("pre", s.how, "how"));
}

// ---------------------------------------------------------------------------- start

function start() {
  renderHeader();
  renderSource();
  const slider = $("step");
  slider.max = String(STEPS.length);
  slider.addEventListener("input", () => setStep(Number(slider.value)));
  $("step-prev").addEventListener("click", () => setStep(Number(slider.value) - 1));
  $("step-next").addEventListener("click", () => setStep(Number(slider.value) + 1));
  $("zoom-fit").addEventListener("click", () => setZoom("fit"));
  $("zoom-100").addEventListener("click", () => setZoom(1));
  $("zoom-in").addEventListener("click", () => zoomBy(1.25));
  $("zoom-out").addEventListener("click", () => zoomBy(0.8));
  $("clear-marks").addEventListener("click", clearMarks);
  if (doc.summary) {
    renderSummary();
  } else {
    renderReachPanel();
    renderTracePanel();
    renderDnsPanel();
    renderMatrix();
  }
  setStep(ANALYSED);
  if (STEPS.length === 0) showFrame(doc.final || 0);
  setZoom(initialZoom());
  document.body.setAttribute("data-ready", "1");
}

start();
