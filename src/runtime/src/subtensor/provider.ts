import { WsProvider } from "@polkadot/api";

export interface BackoffOptions {
  /** First retry delay (default 250 ms); doubles per failed attempt. */
  initialMs?: number;
  /** Ceiling of the delay (default 30 s). */
  maxMs?: number;
}

/**
 * A WsProvider that reconnects with exponential backoff (polkadot-js retries at a fixed interval).
 * Subscriptions are re-established by WsProvider itself once the socket is open again.
 */
export class BackoffWsProvider extends WsProvider {
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #initialMs: number;
  readonly #maxMs: number;

  constructor(endpoint: string, options: BackoffOptions & { requestTimeoutMs?: number } = {}) {
    // autoConnect off: we own the retry loop.
    super(endpoint, false, {}, options.requestTimeoutMs);
    this.#initialMs = options.initialMs ?? 250;
    this.#maxMs = options.maxMs ?? 30_000;
    this.on("connected", () => {
      this.#attempt = 0;
    });
    this.on("disconnected", () => this.#scheduleReconnect());
    // Socket errors are followed by a close; swallowing them here keeps them from surfacing unhandled.
    this.on("error", () => undefined);
  }

  /** The delay before reconnect attempt `attempt` (0-based). */
  static delayFor(attempt: number, initialMs: number, maxMs: number): number {
    return Math.min(maxMs, initialMs * 2 ** attempt);
  }

  get reconnectAttempts(): number {
    return this.#attempt;
  }

  override async connect(): Promise<void> {
    this.#closed = false;
    try {
      await super.connect();
    } catch {
      this.#scheduleReconnect();
    }
  }

  override async disconnect(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await super.disconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer !== undefined) return;
    const delay = BackoffWsProvider.delayFor(this.#attempt++, this.#initialMs, this.#maxMs);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#closed || this.isConnected) return;
      super.connect().catch(() => this.#scheduleReconnect());
    }, delay);
    this.#timer.unref();
  }
}
