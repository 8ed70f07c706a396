// The metagraph as a table, one row per neuron; the dashboard adds process controls in an extra column.
import type { NeuronView } from "../../src/dashboard/types.js";
import { el, fixed, short } from "./format.js";

interface Column {
  head: string;
  cell: (n: NeuronView) => Node | string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { head: "uid", cell: (n) => String(n.uid), numeric: true },
  { head: "name", cell: (n) => n.name },
  { head: "role", cell: (n) => n.role },
  { head: "hotkey", cell: (n) => el("code", { class: "hotkey", title: n.hotkey, "data-copy": n.hotkey }, short(n.hotkey)) },
  { head: "stake τ", cell: (n) => fixed(3)(n.stake), numeric: true },
  { head: "incentive", cell: (n) => fixed(4)(n.incentive), numeric: true },
  { head: "dividends", cell: (n) => fixed(4)(n.dividends), numeric: true },
  { head: "emission τ", cell: (n) => fixed(4)(n.emission), numeric: true },
  { head: "vtrust", cell: (n) => fixed(4)(n.validatorTrust), numeric: true },
  { head: "consensus", cell: (n) => fixed(4)(n.consensus), numeric: true },
  { head: "permit", cell: (n) => (n.validatorPermit ? "✓" : "") },
  { head: "axon", cell: (n) => (n.axon ? `${n.axon.ip}:${n.axon.port}` : "–") },
];

export function metagraphTable(neurons: NeuronView[], extra?: Column): HTMLTableElement {
  const columns: Column[] = extra ? [...COLUMNS, extra] : COLUMNS;
  const head = el("tr", {}, ...columns.map((c) => el("th", c.numeric ? { class: "num" } : {}, c.head)));
  const rows = neurons.map((n) =>
    el("tr", { "data-neuron": n.name, class: `role-${n.role}` }, ...columns.map((c) => el("td", c.numeric ? { class: "num" } : {}, c.cell(n)))),
  );
  return el("table", { class: "metagraph", "data-testid": "metagraph" }, el("thead", {}, head), el("tbody", {}, ...rows));
}
