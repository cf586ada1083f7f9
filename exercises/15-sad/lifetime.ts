/**
 * Exercise 15-sad/lifetime: soft and hard lifetimes
 *
 * RFC 4301 section 4.4.2.1. Write the class `LifetimeMeter`:
 * - `constructor(limits, created)`: the limits (each optional: absent means
 *   no limit) and the SA's creation time in seconds.
 * - `bytes`: the bytes counted so far.
 * - `charge(bytes, now)`: count one packet of `bytes` at time `now`:
 *   1. age = now - created; if hardSeconds is set and age >= hardSeconds,
 *      throw `SaExpiredError` "lifetime seconds";
 *   2. if hardBytes is set and counted + bytes > hardBytes, throw
 *      `SaExpiredError` "lifetime bytes" (and do not count the packet);
 *   3. count the bytes; return "soft" when counted >= softBytes or
 *      age >= softSeconds (for the limits that are set), else "ok".
 *
 * Lesson: lessons/15-sad.md#lifetime
 */
import { todo } from "@course/todo.ts";

/** Limits; a missing one does not apply. */
export interface Lifetime {
  readonly softBytes?: number;
  readonly hardBytes?: number;
  readonly softSeconds?: number;
  readonly hardSeconds?: number;
}

export type LifetimeState = "ok" | "soft";

export class LifetimeMeter {
  readonly limits: Lifetime;
  /** When the SA was made, in seconds. */
  readonly created: number;

  constructor(limits: Lifetime, created: number) {
    this.limits = limits;
    this.created = created;
  }

  get bytes(): number {
    return todo("LifetimeMeter.bytes");
  }

  /** Counts a packet; throws SaExpiredError past a hard limit; "soft" once a soft limit is reached. */
  charge(bytes: number, now: number): LifetimeState {
    return todo("LifetimeMeter.charge");
  }
}
