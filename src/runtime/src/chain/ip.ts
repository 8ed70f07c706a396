// IP strings ↔ the u128 `serve_axon` stores (docs/protocol.md §8).
import { isIPv4, isIPv6 } from "node:net";

export function parseIp(ip: string): { raw: bigint; type: 4 | 6 } | null {
  if (isIPv4(ip)) {
    const raw = ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { raw, type: 4 };
  }
  if (!isIPv6(ip) || ip.includes("%")) return null;
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = Number(parseIp(v4[1])!.raw);
    text = `${text.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  const raw = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  return { raw, type: 6 };
}

/** Like the SDK (netaddr): any value below 2^32 renders as IPv4, whatever the ip type. */
export function renderIp(raw: bigint): string {
  if (raw < 1n << 32n) return [24n, 16n, 8n, 0n].map((s) => ((raw >> s) & 0xffn).toString()).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((raw >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run of zero groups (two or more) into "::".
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}
