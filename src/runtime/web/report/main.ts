// The simulation report's drawing code, inlined into the HTML file with its data.
import type { ReportData } from "../../src/testing/report-data.js";
import { LineChart } from "../shared/charts.js";
import { el, fixed, percent } from "../shared/format.js";
import { heatmap } from "../shared/heatmap.js";
import { metagraphTable } from "../shared/metagraph-table.js";
import "../shared/base.css";
import "./style.css";

const data = JSON.parse(document.getElementById("report-data")!.textContent!) as ReportData;
const root = document.getElementById("report")!;

const ranking = [...data.miners].sort((a, b) => b.totalEmission - a.totalEmission);
const summary = el(
  "table",
  { class: "ranking", "data-testid": "ranking" },
  el(
    "thead",
    {},
    el(
      "tr",
      {},
      el("th", {}, "miner"),
      el("th", {}, "behaviour"),
      el("th", { class: "num" }, "final incentive share"),
      el("th", { class: "num" }, "total emission τ"),
    ),
  ),
  el(
    "tbody",
    {},
    ...ranking.map((m) =>
      el(
        "tr",
        {},
        el("td", {}, m.name),
        el("td", {}, m.behaviour),
        el("td", { class: "num" }, percent(data.incentiveShare[m.name].at(-1) ?? 0)),
        el("td", { class: "num" }, fixed(4)(m.totalEmission)),
      ),
    ),
  ),
);

const shareChart = new LineChart("Incentive share per miner", percent, "chart-share", true);
const dividendsChart = new LineChart("Dividends per validator", fixed(3), "chart-dividends", true);
root.append(
  el("h1", {}, data.title),
  el(
    "p",
    { class: "subtitle" },
    `${data.epochs.length} epochs of tempo ${data.tempo} (blocks ${data.blocks[0]}…${data.blocks.at(-1)}), ${data.miners.length} miners, ${data.validators.length} validator${data.validators.length === 1 ? "" : "s"}`,
  ),
  ...(data.problems.length ? [el("ul", { class: "problems", "data-testid": "problems" }, ...data.problems.map((p) => el("li", {}, p)))] : []),
  el("h2", {}, "Who earned what"),
  summary,
  el("h2", {}, "Over the epochs"),
  el("section", { class: "charts" }, shareChart.root, dividendsChart.root),
  el("h2", {}, `Final metagraph (epoch ${data.epochs.at(-1)}, block ${data.final.block})`),
  el("div", { class: "table-holder" }, metagraphTable(data.final.neurons)),
  el("h2", {}, "Final weights and bonds"),
  el(
    "section",
    { class: "heatmaps" },
    heatmap("Weights (share of each validator's row)", data.final.weights, "heatmap-weights", 217),
    heatmap("Bonds", data.final.bonds, "heatmap-bonds", 145),
  ),
);
shareChart.update(
  data.epochs,
  data.miners.map((m) => ({ label: `${m.name} (${m.behaviour})`, values: data.incentiveShare[m.name] })),
);
dividendsChart.update(
  data.epochs,
  data.validators.map((v) => ({ label: v.name, values: data.dividends[v.name] })),
);
