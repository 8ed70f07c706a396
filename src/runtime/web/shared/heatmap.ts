// A heatmap as a table: one row per validator, one column per miner, each cell shaded by its value in [0, 1].
// A table keeps every number readable (hover) and selectable, which a canvas would not.
import type { Matrix } from "../../src/dashboard/types.js";
import { el } from "./format.js";

export function heatmap(title: string, matrix: Matrix, testId: string, hue: number): HTMLElement {
  const figure = el("figure", { class: "heatmap", "data-testid": testId }, el("figcaption", {}, title));
  if (matrix.rows.length === 0 || matrix.columns.length === 0) {
    figure.append(el("p", { class: "empty" }, "no validators or miners yet"));
    return figure;
  }
  const head = el("tr", {}, el("th", {}, "validators ↓ miners →"), ...matrix.columns.map((c) => el("th", { title: `uid ${c.uid}` }, c.name)));
  const rows = matrix.rows.map((r, i) =>
    el(
      "tr",
      {},
      el("th", { title: `uid ${r.uid}` }, r.name),
      ...matrix.values[i].map((v, j) => {
        const cell = el("td", { title: `${r.name} → ${matrix.columns[j].name}: ${v.toFixed(4)}` }, v === 0 ? "·" : v.toFixed(2));
        cell.style.background = `hsl(${hue} 80% ${Math.round(97 - 55 * Math.min(1, Math.max(0, v)))}%)`;
        if (v > 0.6) cell.style.color = "#fff";
        return cell;
      }),
    ),
  );
  figure.append(el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)));
  return figure;
}
