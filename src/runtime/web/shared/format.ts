// Number and key formatting shared by the dashboard and the simulation report.
export const fixed = (digits: number) => (value: number) => value.toFixed(digits);
export const short = (address: string) => (address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address);
export const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** Builds an element with attributes and children: el("td", { class: "num" }, "1.0"). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}
