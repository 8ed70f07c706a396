// `sim.report(path)`: one self-contained HTML file (data, chart code and styles inline, nothing fetched) that
// shows how a simulation paid: incentive share per miner over the epochs, dividends per validator, the final
// metagraph with its weights and bonds.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { raoToTao } from "../chain/units.js";
import { webAsset } from "../dashboard/assets.js";
import { metagraphView, neuronViews } from "../dashboard/view.js";
import type { ReportData } from "./report-data.js";
import type { NamedNeuron } from "./result.js";
import type { EpochSnapshot, SimNeuron, SimulationResult } from "./types.js";

/**
 * The report's data, read straight from the snapshots: a run that learned nothing still gets its report (the
 * result's own helpers refuse to answer then), and its problems are listed at the top.
 */
export function reportData(sim: SimulationResult, named: readonly NamedNeuron[]): ReportData {
  const last = sim.final;
  const miners = named.filter((n) => n.role === "miner");
  const validators = named.filter((n) => n.role === "validator");
  const figure = (snapshot: EpochSnapshot, name: string, pick: (n: SimNeuron) => number) => {
    const n = snapshot.neurons.find((x) => x.name === name);
    return n ? pick(n) : 0;
  };
  const share = (snapshot: EpochSnapshot, name: string) => {
    const total = snapshot.neurons.filter((n) => n.role === "miner").reduce((sum, n) => sum + n.incentive, 0);
    return total === 0 ? 0 : figure(snapshot, name, (n) => n.incentive) / total;
  };
  const totalEmission = (name: string) => raoToTao(sim.totalEmission(name));
  return {
    title: "Incentive simulation",
    tempo: last.metagraph.tempo,
    epochs: sim.epochs.map((e) => e.epoch),
    blocks: sim.epochs.map((e) => e.block),
    problems: sim.problems.map((p) => `${p.message}; ${p.hint}`),
    miners: miners.map((m) => ({ name: m.name, behaviour: m.behaviour ?? "honest", totalEmission: totalEmission(m.name) })),
    validators: validators.map((v) => ({ name: v.name, totalEmission: totalEmission(v.name) })),
    incentiveShare: Object.fromEntries(miners.map((m) => [m.name, sim.epochs.map((e) => share(e, m.name))])),
    dividends: Object.fromEntries(validators.map((v) => [v.name, sim.epochs.map((e) => figure(e, v.name, (n) => n.dividends))])),
    final: metagraphView(last.metagraph, neuronViews(last.metagraph, named, new Map())),
  };
}

/** The HTML page: inline styles, the data as JSON, the drawing code; the table as text for readers without JS. */
export function reportHtml(data: ReportData, table: string): string {
  // Neither the JSON nor the bundle may end their <script> early.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const script = webAsset("report.js").replace(/<\/(script)/gi, "<\\/$1");
  const escapeHtml = (s: string) => s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(data.title)}</title>
<style>${webAsset("report.css")}</style>
</head>
<body>
<main id="report"><noscript><pre>${escapeHtml(table)}</pre></noscript></main>
<script type="application/json" id="report-data">${json}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Writes the report (atomically, creating its folder) and returns its absolute path. */
export function writeSimulationReport(path: string, sim: SimulationResult, named: readonly NamedNeuron[]): string {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, reportHtml(reportData(sim, named), sim.table()));
  renameSync(temporary, file);
  return file;
}
