/**
 * Exercise 15-sad/sequence: the outbound sequence number
 *
 * RFC 4303 section 3.3.3. Write the class `SequenceCounter`:
 * - `constructor(last = 0)`: `last` is the number already used (0 for a new SA);
 * - `last`: the last number handed out;
 * - `next(field = "ESP Sequence")`: last + 1, remembered. The first packet of
 *   an SA is 1. Once 2^32-1 (MAX_SEQUENCE) has been handed out, `next` must
 *   refuse with an `SaExpiredError` (from "@course/errors.ts") naming `field`,
 *   every time: the counter never wraps to 0, the SA must be replaced.
 *
 * Lesson: lessons/15-sad.md#sequence
 */
import { todo } from "@course/todo.ts";

export const MAX_SEQUENCE = 0xffffffff;

export class SequenceCounter {
  /** `last` is the number already sent (0 for a new SA). */
  constructor(last = 0) {}

  /** The last number handed out. */
  get last(): number {
    return todo("SequenceCounter.last");
  }

  /** The number for the next packet; refuses once 2^32-1 has been used. */
  next(field = "ESP Sequence"): number {
    return todo("SequenceCounter.next");
  }
}
