/**
 * Exercise 15-sad/replay: the anti-replay window (reference solution).
 *
 * RFC 4303 section 3.4.3 and appendix A: the receiver remembers the highest
 * sequence number it accepted and, in a bitmap, which of the `size` numbers
 * up to it it has seen. A number above the highest is new; one inside the
 * window is new only if its bit is clear; one below the window is too old to
 * judge and is dropped. The check runs before the ICV (it is cheap), but the
 * window moves only after the ICV has verified: otherwise a forged packet with
 * a huge sequence number would slide the window and make the genuine
 * packets look old.
 * Lesson: lessons/15-sad.md#replay
 */
import { FieldError, ReplayError } from "@course/errors.ts";

export class ReplayWindow {
  /** Highest sequence number accepted so far (0: none yet). */
  #highest = 0;
  /** Bit i set: `highest - i` has been accepted. */
  #bitmap = 0n;
  readonly size: number;
  readonly field: string;

  constructor(size = 64, field = "ESP Sequence") {
    // 32 is the minimum RFC 4303 allows, 64 the default it recommends (section 3.4.3).
    if (!Number.isInteger(size) || size < 32) throw new FieldError("Replay window", size, "at least 32 packets (RFC 4303 section 3.4.3)");
    this.size = size;
    this.field = field;
  }

  get highest(): number {
    return this.#highest;
  }

  /** Throws ReplayError when `sequence` must be dropped; changes nothing. */
  check(sequence: number): void {
    if (sequence === 0) throw new ReplayError(this.field, sequence, "0 is never sent: the first packet of an SA is 1");
    if (sequence > this.#highest) return;
    const age = this.#highest - sequence;
    if (age >= this.size) throw new ReplayError(this.field, sequence, `too old: left of the ${this.size}-packet window ending at ${this.#highest}`);
    if ((this.#bitmap >> BigInt(age)) & 1n) throw new ReplayError(this.field, sequence, "already received: a replay");
  }

  /** Records `sequence` as received; call only after its ICV verified. */
  accept(sequence: number): void {
    this.check(sequence);
    const mask = (1n << BigInt(this.size)) - 1n;
    if (sequence > this.#highest) {
      const shift = sequence - this.#highest;
      // Slide: old bits move left by the gap, bits pushed past the window fall off.
      this.#bitmap = shift >= this.size ? 1n : ((this.#bitmap << BigInt(shift)) | 1n) & mask;
      this.#highest = sequence;
    } else {
      this.#bitmap |= 1n << BigInt(this.#highest - sequence);
    }
  }
}
