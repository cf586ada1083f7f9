/**
 * Exercise 15-sad/lifetime: soft and hard lifetimes (reference solution).
 *
 * RFC 4301 section 4.4.2.1: an SA lives for a number of bytes and a number of
 * seconds (the seed's "security-association lifetime kilobytes / seconds").
 * Crossing the soft limit is a warning: start negotiating the next SA now,
 * while this one still works. Crossing the hard limit ends the SA: no packet
 * may use it any more, in either direction of the check.
 * Lesson: lessons/15-sad.md#lifetime
 */
import { SaExpiredError } from "@course/errors.ts";

/** Limits; a missing one does not apply. */
export interface Lifetime {
  readonly softBytes?: number;
  readonly hardBytes?: number;
  readonly softSeconds?: number;
  readonly hardSeconds?: number;
}

export type LifetimeState = "ok" | "soft";

export class LifetimeMeter {
  #bytes = 0;
  readonly limits: Lifetime;
  /** When the SA was made, in seconds. */
  readonly created: number;

  constructor(limits: Lifetime, created: number) {
    this.limits = limits;
    this.created = created;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Counts a packet of `bytes` at time `now` (seconds). Throws SaExpiredError
   * when the SA is past a hard limit or this packet would cross one (the packet
   * is then not counted); otherwise says whether a soft limit has been reached.
   */
  charge(bytes: number, now: number): LifetimeState {
    const age = now - this.created;
    const { softBytes, hardBytes, softSeconds, hardSeconds } = this.limits;
    if (hardSeconds !== undefined && age >= hardSeconds) throw new SaExpiredError("lifetime seconds", `the SA is ${age} s old; its hard lifetime is ${hardSeconds} s`);
    if (hardBytes !== undefined && this.#bytes + bytes > hardBytes) {
      throw new SaExpiredError("lifetime bytes", `${this.#bytes} + ${bytes} bytes would pass the hard lifetime of ${hardBytes} bytes`);
    }
    this.#bytes += bytes;
    const soft = (softBytes !== undefined && this.#bytes >= softBytes) || (softSeconds !== undefined && age >= softSeconds);
    return soft ? "soft" : "ok";
  }
}
