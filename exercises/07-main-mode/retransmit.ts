/**
 * Exercise 07-main-mode/retransmit: when to send a message again, when to
 * give up, and what to do with a message that arrives twice.
 *
 * IKE runs over UDP, which resends nothing. The side waiting for an answer
 * sends its last message again after a timeout, waiting longer each time,
 * and gives up after a few tries (RFC 2408 and 2409 fix no timers; RFC 7296
 * section 2.1 later wrote the rules down for IKEv2).
 * The side that receives a message it already processed answers it with its
 * previous answer, the very same bytes, and does not process it again.
 *
 * Time is a number of milliseconds passed in by the caller: never read a
 * clock, never start a timer.
 *
 * 1. `retransmitTimeout(policy, n)`: the wait after transmission n (0 = the
 *    first): policy.initialMs * policy.factor ** n, but at most policy.maxMs.
 * 2. `new Retransmitter(policy = COURSE_RETRANSMIT)`: throw a RangeError if
 *    initialMs is not > 0, factor is not >= 1, maxMs < initialMs, or tries
 *    is not a whole number >= 0 (also for NaN and Infinity).
 * 3. `sent(datagram, now, awaitAnswer = true)`: we sent a new message.
 *    Keep a copy (the caller may reuse its buffer). It is the answer to
 *    duplicates of the datagram accepted last (see replyTo). If awaitAnswer,
 *    it is now pending: first deadline now + retransmitTimeout(policy, 0),
 *    0 retransmissions so far; otherwise nothing is pending. A new `sent`
 *    replaces whatever was pending.
 * 4. `nextDeadline()`: the pending message's deadline, or undefined.
 * 5. `due(now)`: undefined if nothing is pending or now < deadline. Else, if
 *    fewer than policy.tries retransmissions were made: count one more
 *    (k = the count now), set the deadline to now + retransmitTimeout(policy, k)
 *    (counted from now: a driver that wakes up late must not fire a burst)
 *    and return the pending datagram, the same bytes as first sent. After
 *    `tries` retransmissions, when the last deadline passes: return
 *    "give-up" and forget the pending message (later calls: undefined).
 * 6. `received(datagram)`: "duplicate" if it is byte-identical to the
 *    datagram accepted last, "new" otherwise. It changes nothing.
 * 7. `accepted(datagram)`: processing it succeeded: remember a copy as the
 *    datagram accepted last; the peer has answered, so nothing is pending any
 *    more; and no answer to it has been sent yet (until the next `sent`).
 * 8. `replyTo(duplicate)`: if `duplicate` is a duplicate (see received), the
 *    datagram given to `sent` after it was accepted, else undefined.
 *
 * Lesson: lessons/07-main-mode.md#retransmit
 */
import { todo } from "@course/todo.ts";

export interface RetransmitPolicy {
  /** The wait after the first transmission, in ms. */
  readonly initialMs: number;
  /** Each further wait is the previous one times this (1 = fixed interval). */
  readonly factor: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /** Retransmissions before giving up (0 = send once, then wait once). */
  readonly tries: number;
}

/** strongSwan's 4 s, x1.8 and 5 retransmissions, each wait capped at 30 s. */
export const COURSE_RETRANSMIT: RetransmitPolicy = { initialMs: 4000, factor: 1.8, maxMs: 30000, tries: 5 };

export function retransmitTimeout(policy: RetransmitPolicy, n: number): number {
  return todo("retransmitTimeout");
}

export class Retransmitter {
  constructor(policy: RetransmitPolicy = COURSE_RETRANSMIT) {
    todo("Retransmitter");
  }

  sent(datagram: Uint8Array, now: number, awaitAnswer = true): void {
    todo("Retransmitter.sent");
  }

  nextDeadline(): number | undefined {
    return todo("Retransmitter.nextDeadline");
  }

  due(now: number): Uint8Array | "give-up" | undefined {
    return todo("Retransmitter.due");
  }

  received(datagram: Uint8Array): "new" | "duplicate" {
    return todo("Retransmitter.received");
  }

  accepted(datagram: Uint8Array): void {
    todo("Retransmitter.accepted");
  }

  replyTo(duplicate: Uint8Array): Uint8Array | undefined {
    return todo("Retransmitter.replyTo");
  }
}
