// The `subnet dev` dashboard page: one snapshot, then live updates over server-sent events; controls POST to
// /api/control. Plain DOM, no framework: the page is small and redraws only the part an update touches.
import type { ControlRequest, ControlResponse, DashboardState, DashboardUpdate, EpochPoint, NeuronView } from "../../src/dashboard/types.js";
import { LineChart } from "../shared/charts.js";
import { el, fixed } from "../shared/format.js";
import { heatmap } from "../shared/heatmap.js";
import { metagraphTable } from "../shared/metagraph-table.js";
import "../shared/base.css";
import "./style.css";

const app = document.getElementById("app")!;
let state: DashboardState | undefined;
let selectedLog: string | undefined;

// ---------------------------------------------------------------- layout

const glance = el("section", { class: "glance", "data-testid": "glance" });
const status = el("span", { class: "connection", "data-testid": "connection" }, "connecting…");
const message = el("span", { class: "message", "data-testid": "message", role: "status" });

const mineCount = el("input", { type: "number", min: "1", max: "10000", value: "10", "aria-label": "blocks to mine", "data-testid": "mine-count" });
const pauseButton = el("button", { "data-testid": "pause" }, "Pause blocks");
const mineButton = el("button", { "data-testid": "mine" }, "Mine");
const epochButton = el("button", { "data-testid": "epoch" }, "Run epoch now");
const snapshotButton = el("button", { "data-testid": "snapshot" }, "Snapshot");
const revertSelect = el("select", { "aria-label": "snapshot to revert to", "data-testid": "revert-id" });
const revertButton = el("button", { "data-testid": "revert" }, "Revert");
const controls = el(
  "section",
  { class: "controls" },
  pauseButton,
  el("span", { class: "group" }, mineButton, mineCount, "blocks"),
  epochButton,
  el("span", { class: "group" }, snapshotButton, revertSelect, revertButton),
  message,
);

const tableHolder = el("div", { class: "table-holder" });
const incentiveChart = new LineChart("Incentive per miner", fixed(3), "chart-incentive", true);
const dividendsChart = new LineChart("Dividends per validator", fixed(3), "chart-dividends", true);
const stakeChart = new LineChart("Stake τ", fixed(1), "chart-stake");
const heatmaps = el("section", { class: "heatmaps" });
const logTabs = el("nav", { class: "log-tabs" });
const logView = el("pre", { class: "log", "data-testid": "log" });

app.append(
  el("header", {}, el("h1", {}, app.dataset.title ?? "subnet"), status),
  glance,
  controls,
  el("h2", {}, "Metagraph"),
  tableHolder,
  el("h2", {}, "Over the epochs"),
  el("section", { class: "charts" }, incentiveChart.root, dividendsChart.root, stakeChart.root),
  el("h2", {}, "Latest weights and bonds"),
  heatmaps,
  el("h2", {}, "Neuron logs"),
  el("section", { class: "logs" }, logTabs, logView),
);

// ---------------------------------------------------------------- drawing

function card(label: string, value: string, testId: string): HTMLElement {
  return el("div", { class: "card" }, el("span", { class: "label" }, label), el("span", { class: "value", "data-testid": testId }, value));
}

function drawGlance(s: DashboardState): void {
  const o = s.overview;
  const mode = o.blockMode.kind === "interval" ? `every ${o.blockMode.ms} ms` : o.blockMode.kind === "manual" ? "manual (paused)" : "instant";
  const next = o.msToNextEpoch === null ? `${o.blocksToNextEpoch} blocks` : `${o.blocksToNextEpoch} blocks · ${(o.msToNextEpoch / 1000).toFixed(1)} s`;
  glance.replaceChildren(
    card("block", String(o.block), "block"),
    card("epoch", String(o.epoch), "epoch"),
    card("tempo", String(o.tempo), "tempo"),
    card("next epoch in", next, "next-epoch"),
    card("block mode", mode, "block-mode"),
    card("netuid", String(o.netuid), "netuid"),
  );
  glance.title = `chain ${o.chainUrl}`;
  const paused = o.blockMode.kind === "manual";
  pauseButton.textContent = paused ? "Resume blocks" : "Pause blocks";
  pauseButton.dataset.action = paused ? "resume" : "pause";
}

function processCell(n: NeuronView): Node | string {
  if (n.process === null) return "–";
  const badge = el("span", { class: `process process-${n.process}`, "data-testid": "process" }, n.process);
  if (n.role !== "miner") return badge;
  const action = n.process === "down" ? "restart" : "stop";
  const button = el("button", { class: "small", "data-testid": `${action}-${n.name}` }, action);
  button.addEventListener("click", () => void control({ action, neuron: n.name }));
  return el("span", { class: "process-cell" }, badge, button);
}

function drawMetagraph(s: DashboardState): void {
  tableHolder.replaceChildren(metagraphTable(s.metagraph.neurons, { head: "process", cell: processCell }));
  heatmaps.replaceChildren(
    heatmap("Weights (share of each validator's row)", s.metagraph.weights, "heatmap-weights", 217),
    heatmap("Bonds", s.metagraph.bonds, "heatmap-bonds", 145),
  );
  drawLogTabs(s);
}

/** One line per neuron, coloured by its place in the metagraph so it looks the same in every chart. */
function series(s: DashboardState, pick: (p: EpochPoint) => Record<string, number>) {
  const order = s.metagraph.neurons.map((n) => n.name);
  const names = [...new Set(s.history.flatMap((p) => Object.keys(pick(p))))];
  return names.map((name) => ({
    label: name,
    values: s.history.map((p) => pick(p)[name] ?? null),
    colour: order.indexOf(name) === -1 ? undefined : order.indexOf(name),
  }));
}

function drawHistory(s: DashboardState): void {
  const x = s.history.map((p) => p.epoch);
  incentiveChart.update(
    x,
    series(s, (p) => p.incentive),
  );
  dividendsChart.update(
    x,
    series(s, (p) => p.dividends),
  );
  stakeChart.update(
    x,
    series(s, (p) => p.stake),
  );
}

function drawSnapshots(s: DashboardState): void {
  revertSelect.replaceChildren(...s.snapshots.map((snap) => el("option", { value: snap.id }, `${snap.id} (block ${snap.block})`)));
  if (s.snapshots.length) revertSelect.value = s.snapshots[s.snapshots.length - 1].id;
  revertButton.disabled = s.snapshots.length === 0;
}

function drawLogTabs(s: DashboardState): void {
  const names = Object.keys(s.logs);
  selectedLog ??= names[0];
  const statusOf = new Map(s.metagraph.neurons.map((n) => [n.name, n.process]));
  logTabs.replaceChildren(
    ...names.map((name) => {
      const up = statusOf.get(name);
      const tab = el(
        "button",
        { class: `tab${name === selectedLog ? " selected" : ""}`, "data-testid": `log-tab-${name}` },
        el("span", { class: `dot process-${up ?? "none"}` }),
        name,
      );
      tab.addEventListener("click", () => {
        selectedLog = name;
        drawLogTabs(s);
        drawLog(s);
      });
      return tab;
    }),
  );
}

function drawLog(s: DashboardState): void {
  const follow = logView.scrollTop + logView.clientHeight >= logView.scrollHeight - 4;
  logView.textContent = (selectedLog && s.logs[selectedLog]?.join("\n")) || "(no output yet)";
  if (follow) logView.scrollTop = logView.scrollHeight;
}

function drawAll(s: DashboardState): void {
  drawGlance(s);
  drawMetagraph(s);
  drawHistory(s);
  drawSnapshots(s);
  drawLog(s);
}

// ---------------------------------------------------------------- updates

function apply(update: DashboardUpdate): void {
  if (update.type === "state") {
    state = update.state;
    drawAll(state);
    return;
  }
  if (!state) return;
  switch (update.type) {
    case "head":
      state.overview = update.overview;
      drawGlance(state);
      break;
    case "metagraph":
      state.metagraph = update.metagraph;
      drawMetagraph(state);
      break;
    case "history":
      state.history = update.history;
      state.overview.epoch = update.history.length;
      drawHistory(state);
      break;
    case "log":
      for (const line of update.lines) (state.logs[line.neuron] ??= []).push(line.text);
      for (const lines of Object.values(state.logs)) if (lines.length > 200) lines.splice(0, lines.length - 200);
      if (update.lines.some((l) => l.neuron === selectedLog)) drawLog(state);
      break;
    case "process": {
      const neuron = state.metagraph.neurons.find((n) => n.name === update.neuron);
      if (neuron) neuron.process = update.status;
      drawMetagraph(state);
      break;
    }
    case "snapshots":
      state.snapshots = update.snapshots;
      drawSnapshots(state);
      break;
  }
}

function connect(): void {
  const events = new EventSource("/api/events");
  events.onopen = () => {
    status.textContent = "live";
    status.className = "connection live";
  };
  events.onmessage = (event: MessageEvent<string>) => apply(JSON.parse(event.data) as DashboardUpdate);
  // EventSource reconnects by itself (the server asks for 1 s); say so meanwhile.
  events.onerror = () => {
    status.textContent = "disconnected: retrying…";
    status.className = "connection down";
  };
}

async function control(request: ControlRequest): Promise<void> {
  message.textContent = "…";
  try {
    const response = await fetch("/api/control", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    const result = (await response.json()) as ControlResponse;
    message.textContent = result.ok ? `${request.action}: done, block ${result.block}` : result.error;
    message.className = result.ok ? "message" : "message error";
  } catch (error) {
    message.textContent = `${request.action} failed: ${(error as Error).message}`;
    message.className = "message error";
  }
}

pauseButton.addEventListener("click", () => void control({ action: pauseButton.dataset.action === "resume" ? "resume" : "pause" }));
mineButton.addEventListener("click", () => void control({ action: "mine", blocks: Number(mineCount.value) }));
epochButton.addEventListener("click", () => void control({ action: "epoch" }));
snapshotButton.addEventListener("click", () => void control({ action: "snapshot" }));
revertButton.addEventListener("click", () => void control({ action: "revert", id: revertSelect.value }));
tableHolder.addEventListener("click", (event) => {
  const target = event.target as HTMLElement;
  const hotkey = target.dataset.copy;
  if (!hotkey) return;
  void navigator.clipboard?.writeText(hotkey).then(
    () => (message.textContent = `copied ${hotkey}`),
    () => (message.textContent = hotkey),
  );
});

connect();
