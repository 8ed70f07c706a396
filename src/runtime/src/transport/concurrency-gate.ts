// How many forwards run at once: the rest wait, highest priority first, until their own timeout (408),
// and when too many wait the newcomer is refused at once (503) rather than queued without bound.

export type Admission = "run" | "timeout";

export interface ConcurrencyGateOptions {
  /** Forwards running at once. */
  maxRunning: number;
  /** Requests allowed to wait for a slot; beyond it `tryAcquire` answers "full". */
  maxWaiting: number;
}

interface Waiter {
  priority: number;
  resume: (admission: Admission) => void;
}

export class ConcurrencyGate {
  private running = 0;
  /** Kept sorted: highest priority first, FIFO among equals. */
  private readonly waiting: Waiter[] = [];

  constructor(private readonly options: ConcurrencyGateOptions) {}

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A slot now, or a promise of one that resolves "timeout" after `timeoutMs`; "full" when the queue is.
   * Every "run" must be followed by exactly one `release()`.
   */
  acquire(priority: number, timeoutMs: number): Promise<Admission> | "full" {
    if (this.running < this.options.maxRunning) {
      this.running++;
      return Promise.resolve("run");
    }
    if (this.waiting.length >= this.options.maxWaiting) return "full";
    return new Promise((resolve) => {
      const waiter: Waiter = {
        priority: Number.isFinite(priority) ? priority : 0,
        resume: (admission) => {
          clearTimeout(timer);
          resolve(admission);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve("timeout");
      }, timeoutMs);
      let at = this.waiting.findIndex((w) => w.priority < waiter.priority);
      if (at === -1) at = this.waiting.length;
      this.waiting.splice(at, 0, waiter);
    });
  }

  /** Hands the slot to the next waiter, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next.resume("run");
    else this.running--;
  }
}
