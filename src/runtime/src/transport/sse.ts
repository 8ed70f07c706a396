// Server-sent events for streamed answers on the btauth/1 wire: each chunk a handler yields is one event,
// its text split into `data:` lines that the client joins back with "\n"; `event: end` closes the stream
// and `event: error` reports a handler that failed after the 200 went out.

const decoder = new TextDecoder();

/** One SSE event carrying `data` (a chunk's text). */
export function sseEvent(event: string, data: string | Uint8Array): string {
  const text = typeof data === "string" ? data : decoder.decode(data);
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join("");
  return `${event ? `event: ${event}\n` : ""}${lines}\n`;
}

export interface SseMessage {
  /** "" for a chunk, "end" or "error". */
  event: string;
  data: string;
}

/** Incremental SSE parser: feed it bytes as they arrive; it returns the events completed so far. */
export class SseDecoder {
  private buffer = "";
  private readonly text = new TextDecoder();

  feed(bytes: Uint8Array): SseMessage[] {
    this.buffer += this.text.decode(bytes, { stream: true });
    const out: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.slice(end).match(/^\r?\n\r?\n/)![0].length + end);
      let event = "";
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (data.length > 0 || event) out.push({ event, data: data.join("\n") });
    }
    return out;
  }
}
