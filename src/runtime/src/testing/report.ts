// `sim.report(path)`: one self-contained HTML file (data, chart code and styles inline, nothing fetched) that
// shows how a simulation paid: incentive share per miner over the epochs, dividends per validator, the final
// metagraph with its weights and bonds.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { raoToTao } from "../chain/units.js";
import { webAsset } from "../dashboard/assets.js";
import { metagraphView, neuronViews } from "../dashboard/view.js";
import type { ReportData } from "./report-data.js";
import type { SimulationResult } from "./types.js";

/** The report's data, read out of a finished simulation; `behaviours` by miner name. */
export function reportData(sim: SimulationResult, behaviours: ReadonlyMap<string, string>): ReportData {
  const last = sim.final;
  const named = [...new Map(sim.epochs.flatMap((e) => e.neurons).map((n) => [n.name, n])).values()];
  const miners = named.filter((n) => n.role === "miner").map((n) => n.name);
  const validators = named.filter((n) => n.role === "validator").map((n) => n.name);
  const perEpoch = (names: string[], value: (name: string, epoch: number) => number) =>
    Object.fromEntries(names.map((name) => [name, sim.epochs.map((e) => value(name, e.epoch))]));
  const neurons = neuronViews(last.metagraph, named, new Map());
  return {
    title: "Incentive simulation",
    tempo: last.metagraph.tempo,
    epochs: sim.epochs.map((e) => e.epoch),
    blocks: sim.epochs.map((e) => e.block),
    miners: miners.map((name) => ({ name, behaviour: behaviours.get(name) ?? "honest", totalEmission: raoToTao(sim.totalEmission(name)) })),
    validators: validators.map((name) => ({ name, totalEmission: raoToTao(sim.totalEmission(name)) })),
    incentiveShare: perEpoch(miners, (name, epoch) => sim.incentiveShare(name, epoch)),
    dividends: perEpoch(validators, (name, epoch) => sim.dividends(name, epoch)),
    final: metagraphView(last.metagraph, neurons),
  };
}

/** The HTML page: inline styles, the data as JSON, the drawing code; the table as text for readers without JS. */
export function reportHtml(data: ReportData, table: string): string {
  // Neither the JSON nor the bundle may end their <script> early.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const script = webAsset("report.js").replace(/<\/(script)/gi, "<\\/$1");
  const escape = (s: string) => s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(data.title)}</title>
<style>${webAsset("report.css")}</style>
</head>
<body>
<main id="report"><noscript><pre>${escape(table)}</pre></noscript></main>
<script type="application/json" id="report-data">${json}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Writes the report (atomically, creating its folder) and returns its absolute path. */
export function writeSimulationReport(path: string, sim: SimulationResult, behaviours: ReadonlyMap<string, string>): string {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, reportHtml(reportData(sim, behaviours), sim.table()));
  renameSync(temporary, file);
  return file;
}
