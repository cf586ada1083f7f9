/**
 * Exercise 15-sad/replay: the anti-replay window
 *
 * RFC 4303 section 3.4.3 and appendix A. Write the class `ReplayWindow`:
 * - `constructor(size = 64, field = "ESP Sequence")`: a size below 32 is a
 *   `FieldError` "Replay window". Keep `size` and `field` as properties.
 *   The state is the highest sequence number accepted (0 at first) and a
 *   bitmap of which of the `size` numbers ending at it were accepted (a
 *   bigint is handy: bit i set means highest - i was accepted).
 * - `highest`: the highest accepted number.
 * - `check(sequence)`: changes nothing; throws a `ReplayError(field,
 *   sequence, reason)` when the packet must be dropped:
 *   0 (never sent); highest - sequence >= size (too old, left of the
 *   window); its bit already set (a replay). Anything above highest passes.
 * - `accept(sequence)`: check first, then record it. Above highest: slide
 *   the window (shift the bitmap left by the difference, drop bits past
 *   `size`, set bit 0, highest = sequence). Inside: set its bit.
 *
 * The SAD calls check before the ICV and accept only after the ICV verified.
 *
 * Lesson: lessons/15-sad.md#replay
 */
import { todo } from "@course/todo.ts";

export class ReplayWindow {
  readonly size: number;
  readonly field: string;

  constructor(size = 64, field = "ESP Sequence") {
    this.size = size;
    this.field = field;
    todo("ReplayWindow constructor");
  }

  get highest(): number {
    return todo("ReplayWindow.highest");
  }

  /** Throws ReplayError when `sequence` must be dropped; changes nothing. */
  check(sequence: number): void {
    return todo("ReplayWindow.check");
  }

  /** Records `sequence` as received; call only after its ICV verified. */
  accept(sequence: number): void {
    return todo("ReplayWindow.accept");
  }
}
