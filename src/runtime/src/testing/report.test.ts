import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import type { ReportData } from "./report-data.js";
import { simulateSubnet } from "./simulate.js";
import type { SimulationResult } from "./types.js";

const synapse = defineSynapse({ name: "Double", input: { n: "int" }, output: { doubled: "int" }, requiredHashFields: ["n"] });
type Task = { input: { n: number }; expected: number };
let counter = 0;
const challenge = (): Task => {
  const n = ++counter;
  return { input: { n }, expected: 2 * n };
};
const forward = ({ n }: { n: number }) => ({ doubled: 2 * n });
const reward = (task: Task, response: SynapseResponse<typeof synapse>) => (response.status === 200 && response.output?.doubled === task.expected ? 1 : 0);

const dir = mkdtempSync(join(tmpdir(), "sim-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON the report inlines, parsed back out of the HTML. */
function inlinedData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error("the report has no inlined data");
  return JSON.parse(match[1]) as ReportData;
}

describe("sim.report(path)", () => {
  let sim: SimulationResult;
  beforeAll(async () => {
    sim = await simulateSubnet({
      synapse,
      challenge,
      reward,
      forward,
      miners: [
        { name: "honest", forward },
        { name: "lazy", behaviour: "lazy" },
        { name: "copy", behaviour: "copycat", of: "honest" },
      ],
      validators: [
        { name: "big", stake: 3000 },
        { name: "small", stake: 1000 },
      ],
      epochs: 3,
    });
  }, 120_000);

  it("writes one self-contained HTML file whose data match the simulation, epoch by epoch", () => {
    const path = sim.report(join(dir, "nested", "incentive.html"));
    expect(path).toBe(join(dir, "nested", "incentive.html"));
    const html = readFileSync(path, "utf8");

    // Self-contained: no external script, stylesheet, image or font; the chart code is inline.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|url\(\s*["']?https?:|@import/i);
    expect(html).toMatch(/<script>[\s\S]{10000,}<\/script>/);
    // Readers without JavaScript still get the final table.
    expect(html).toContain(sim.table().split("\n")[1]);

    const data = inlinedData(html);
    expect(data.epochs).toEqual([1, 2, 3]);
    expect(data.blocks).toEqual(sim.epochs.map((e) => e.block));
    expect(data.problems).toEqual([]);
    expect(data.miners.map((m) => [m.name, m.behaviour])).toEqual([
      ["honest", "honest"],
      ["lazy", "lazy"],
      ["copy", "copycat of honest"],
    ]);
    for (const m of data.miners) {
      expect(data.incentiveShare[m.name]).toEqual([1, 2, 3].map((epoch) => sim.incentiveShare(m.name, epoch)));
      expect(m.totalEmission).toBeCloseTo(Number(sim.totalEmission(m.name)) / 1e9, 9);
    }
    // The lazy miner answers nothing useful: no share in any epoch. This reward has no speed term, so the
    // copycat's relayed right answers split the rest evenly with its source.
    expect(data.incentiveShare.lazy).toEqual([0, 0, 0]);
    expect(data.incentiveShare.honest.at(-1)).toBeCloseTo(0.5, 2);
    expect(data.incentiveShare.copy.at(-1)).toBeCloseTo(0.5, 2);
    expect(data.validators.map((v) => v.name)).toEqual(["big", "small"]);
    for (const v of ["big", "small"]) expect(data.dividends[v]).toEqual([1, 2, 3].map((epoch) => sim.dividends(v, epoch)));

    // The final metagraph: every neuron by name, the weights heatmap validators × miners with rows summing to 1.
    expect(data.final.neurons.map((n) => n.name)).toEqual(sim.final.neurons.map((n) => n.name));
    expect(data.final.weights.rows.map((r) => r.name)).toEqual(["big", "small"]);
    expect(data.final.weights.columns.map((c) => c.name)).toEqual(["honest", "lazy", "copy"]);
    for (const row of data.final.weights.values) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(data.final.weights.values.map((row) => row[1])).toEqual([0, 0]);
  });

  it("replaces an earlier report in place", () => {
    const path = join(dir, "again.html");
    sim.report(path);
    const first = readFileSync(path, "utf8");
    expect(sim.report(path)).toBe(path);
    expect(readFileSync(path, "utf8")).toBe(first);
  });
});
