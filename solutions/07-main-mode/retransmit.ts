/**
 * Exercise 07-main-mode/retransmit: when to send a message again, when to
 * give up, and what to do with a message that arrives twice (reference
 * solution).
 *
 * IKE runs over UDP: nothing below it resends a lost datagram. RFC 2408 and
 * RFC 2409 fix no timers and leave it to the implementations; RFC 7296
 * section 2.1 (IKEv2) later wrote down what IKEv1 peers already did: the
 * side that waits for an answer sends its last message again after a timeout,
 * a few times, waiting longer each time (so a congested link is not flooded),
 * and then gives up. A peer that receives a message it has already
 * processed does not process it again: the other side evidently lost our
 * answer, so we send that answer again, byte for byte. Computing it afresh
 * would draw new nonces or a new IV chain and break the exchange.
 *
 * Time is a parameter (milliseconds, any origin), never read from a clock:
 * the driver asks `nextDeadline()`, sleeps until then, and calls
 * `due(now)`. The same object therefore runs under real timers, in a test
 * that moves time by hand, or in a simulation.
 *
 * Lesson: lessons/07-main-mode.md#retransmit
 */
import { equalBytes } from "@course/bytes.ts";

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

/**
 * strongSwan's charon: 4 s, x1.8, 5 retransmissions, no cap (its
 * retransmit_timeout, retransmit_base, retransmit_tries). The course keeps
 * its first wait, factor and count, so the two behave alike in the interop
 * lab, and caps a wait at 30 s: the fifth retransmission then waits 30 s
 * instead of 75.6 s and a dead peer is reported after 107.5 s, not 165 s.
 */
export const COURSE_RETRANSMIT: RetransmitPolicy = { initialMs: 4000, factor: 1.8, maxMs: 30000, tries: 5 };

/** The wait after transmission number `n` (0 = the first one): initialMs * factor^n, at most maxMs. */
export function retransmitTimeout(policy: RetransmitPolicy, n: number): number {
  return Math.min(policy.initialMs * policy.factor ** n, policy.maxMs);
}

function checkPolicy(p: RetransmitPolicy): void {
  if (!(p.initialMs > 0) || !Number.isFinite(p.initialMs)) throw new RangeError(`initialMs must be a positive number of milliseconds (got ${p.initialMs})`);
  if (!(p.factor >= 1) || !Number.isFinite(p.factor)) throw new RangeError(`factor must be at least 1: waits never get shorter (got ${p.factor})`);
  if (!(p.maxMs >= p.initialMs) || !Number.isFinite(p.maxMs)) throw new RangeError(`maxMs must be at least initialMs (got ${p.maxMs})`);
  if (!Number.isInteger(p.tries) || p.tries < 0) throw new RangeError(`tries must be a whole number >= 0 (got ${p.tries})`);
}

/** The message we wait for an answer to. */
interface Pending {
  readonly datagram: Uint8Array;
  /** Retransmissions so far. */
  retransmits: number;
  deadline: number;
}

/**
 * One exchange's retransmission and duplicate state, on one side.
 *
 * The driver calls:
 * - `sent(m, now)` after sending a new message m that expects an answer
 *   (`sent(m, now, false)` for a last message nobody answers, such as main
 *   mode message 6): m is retransmitted until `accepted` is called, and m is
 *   the answer to duplicates of the message accepted last.
 * - `due(now)` when `nextDeadline()` has come: the datagram to send again,
 *   "give-up" once the retries are used up and the last wait is over, or
 *   undefined if nothing is due.
 * - `received(d)` for every datagram of the exchange: "duplicate" if it is
 *   byte-identical to the one accepted last (then send `replyTo(d)` again,
 *   if defined, and drop it), "new" otherwise (then process it).
 * - `accepted(d)` once processing succeeded: the peer has answered, so the
 *   pending message is no longer retransmitted.
 */
export class Retransmitter {
  readonly #policy: RetransmitPolicy;
  #pending: Pending | undefined;
  #lastAccepted: Uint8Array | undefined;
  /** What we sent after accepting #lastAccepted: the answer to its duplicates. */
  #reply: Uint8Array | undefined;

  constructor(policy: RetransmitPolicy = COURSE_RETRANSMIT) {
    checkPolicy(policy);
    this.#policy = { ...policy };
  }

  sent(datagram: Uint8Array, now: number, awaitAnswer = true): void {
    // Copies: the caller may reuse its buffers, and a retransmission must be
    // the very bytes sent the first time.
    const copy = datagram.slice();
    this.#reply = copy;
    this.#pending = awaitAnswer ? { datagram: copy, retransmits: 0, deadline: now + retransmitTimeout(this.#policy, 0) } : undefined;
  }

  nextDeadline(): number | undefined {
    return this.#pending?.deadline;
  }

  due(now: number): Uint8Array | "give-up" | undefined {
    const p = this.#pending;
    if (!p || now < p.deadline) return undefined;
    if (p.retransmits >= this.#policy.tries) {
      // The last wait is over too: the peer is gone, or cannot answer us.
      this.#pending = undefined;
      return "give-up";
    }
    p.retransmits++;
    // The next wait counts from this retransmission, not from the old
    // deadline: a driver that woke up late does not fire a burst.
    p.deadline = now + retransmitTimeout(this.#policy, p.retransmits);
    return p.datagram;
  }

  received(datagram: Uint8Array): "new" | "duplicate" {
    return this.#lastAccepted !== undefined && equalBytes(datagram, this.#lastAccepted) ? "duplicate" : "new";
  }

  accepted(datagram: Uint8Array): void {
    this.#lastAccepted = datagram.slice();
    this.#reply = undefined;
    this.#pending = undefined;
  }

  replyTo(duplicate: Uint8Array): Uint8Array | undefined {
    return this.received(duplicate) === "duplicate" ? this.#reply : undefined;
  }
}
