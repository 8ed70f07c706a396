// Line charts over epochs, drawn by uPlot: one series per neuron, redrawn in place as epochs arrive.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { el } from "./format.js";

export interface LineSeries {
  label: string;
  values: (number | null)[];
  /** Index into the palette, so one neuron keeps its colour across charts. Default: the series' position. */
  colour?: number;
}

export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c"];
const HEIGHT = 220;

export class LineChart {
  readonly root: HTMLElement;
  private plot: uPlot | undefined;
  private labels = "";
  private readonly body: HTMLElement;

  /** `unitRange`: the values are shares in [0, 1], so the y axis shows all of [0, 1]. */
  constructor(
    title: string,
    private readonly format: (value: number) => string,
    testId: string,
    private readonly unitRange = false,
  ) {
    this.body = el("div", { class: "chart-body" });
    this.root = el("figure", { class: "chart", "data-testid": testId }, el("figcaption", {}, title), this.body);
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT })).observe(this.body);
  }

  private width(): number {
    return Math.max(240, this.body.clientWidth);
  }

  /** x: epoch numbers; one series per line. A new set of series rebuilds the chart, new points only redraw. */
  update(x: number[], series: LineSeries[]): void {
    const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;
    const labels = series.map((s) => s.label).join("\n");
    this.body.dataset.points = String(x.length);
    if (this.plot && labels === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.labels = labels;
    const format = this.format;
    this.plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT,
        scales: { x: { time: false }, ...(this.unitRange ? { y: { range: [0, 1] as [number, number] } } : {}) },
        axes: [
          { label: "epoch", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
          { values: (_u, ticks) => ticks.map(format), size: 84 },
        ],
        series: [
          { label: "epoch" },
          ...series.map((s, i) => ({
            label: s.label,
            stroke: PALETTE[(s.colour ?? i) % PALETTE.length],
            width: 2,
            points: { size: 5 },
            value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)),
          })),
        ],
        legend: { live: true },
      },
      data,
      this.body,
    );
  }
}
