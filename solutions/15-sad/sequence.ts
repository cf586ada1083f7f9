/**
 * Exercise 15-sad/sequence: the outbound sequence number (reference solution).
 *
 * RFC 4303 section 3.3.3 (and RFC 4302 section 3.3.2): the sender's counter
 * starts at 0 when the SA is made, and each packet carries the counter plus
 * one, so the first packet is 1. It must never wrap: after 2^32-1 the SA is
 * spent and a new one must be negotiated (a rekey), because a receiver would
 * take a second packet 1 for a replay, and an attacker could replay the first.
 * Lesson: lessons/15-sad.md#sequence
 */
import { SaExpiredError } from "@course/errors.ts";

export const MAX_SEQUENCE = 0xffffffff;

export class SequenceCounter {
  #last: number;

  /** `last` is the number already sent (0 for a new SA). */
  constructor(last = 0) {
    this.#last = last;
  }

  /** The last number handed out. */
  get last(): number {
    return this.#last;
  }

  /** The number for the next packet; refuses once 2^32-1 has been used. */
  next(field = "ESP Sequence"): number {
    if (this.#last >= MAX_SEQUENCE) throw new SaExpiredError(field, "all 2^32-1 sequence numbers are used: this SA must be replaced (rekey), it may not wrap to 0");
    this.#last += 1;
    return this.#last;
  }
}
