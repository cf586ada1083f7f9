/**
 * Time for the IKE peer. The retransmission logic (chapter 07's
 * Retransmitter) is pure over "now"; the peer asks a clock for the time and
 * for timers. On sockets that is the real clock; in the in-process tests and
 * the capture scenarios it is a virtual one, so a lost message retransmitted
 * after 4 simulated seconds costs no real time and every run is the same.
 */

export interface Clock {
  /** Milliseconds. */
  now(): number;
  /** Calls `fn` once `ms` from now; the returned function cancels it. */
  timer(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  timer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** A clock that jumps from one timer to the next: `run` works through them in time order. */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #queue: Pending[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  timer(ms: number, fn: () => void): () => void {
    const p: Pending = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#queue.push(p);
    return () => {
      p.cancelled = true;
    };
  }

  /** Runs timers in order until `done()` holds or none is left; returns whether `done()` held. */
  run(done: () => boolean, limitMs = 10 * 60_000): boolean {
    const end = this.#now + limitMs;
    while (!done()) {
      this.#queue = this.#queue.filter((p) => !p.cancelled);
      if (this.#queue.length === 0) return false;
      this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#queue[0]!;
      // A timer past the limit stays queued for a later run.
      if (next.at > end) return false;
      this.#queue.shift();
      this.#now = next.at;
      next.fn();
    }
    return true;
  }
}
