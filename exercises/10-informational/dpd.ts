/**
 * Exercise 10-informational/dpd: Dead Peer Detection (RFC 3706).
 *
 * 1. `DPD_VENDOR_ID` (given): section 5.1: 14 fixed octets, major version
 *    1, minor version 0. `dpdNegotiated(sent, received)`: true when both lists hold a DPD
 *    vendor ID: 16 octets whose first 15 (the fixed part and major version
 *    1) equal DPD_VENDOR_ID's; the minor version (last octet) may differ.
 * 2. `rUThere(ike, seq)` / `rUThereAck(ike, seq)`: Notifications with DOI 1,
 *    protocol ISAKMP (1), SPI = CKY-I | CKY-R (cookieSpi from ./notify.ts),
 *    type R-U-THERE (36136) / R-U-THERE-ACK (36137), data = seq as 4
 *    big-endian octets.
 * 3. `dpdSequence(ike, n)`: the sequence number of a received one. Errors,
 *    in this order: type not 36136/36137 -> FieldError("Notify Message
 *    Type"); protocol not ISAKMP -> FieldError("Protocol ID"); SPI not this
 *    IKE SA's 16 octets -> FieldError("SPI", its hex, reason); data not 4
 *    octets -> FieldError("Notification DATA", its length, reason).
 *    `answerDpd(ike, n)`: R-U-THERE -> the ACK with the same number (after
 *    the checks of dpdSequence); anything else -> undefined.
 * 4. `firstDpdSequence(random)`: 4 random octets, big-endian, top bit
 *    cleared (below 2^31); draw again while the result is 0.
 * 5. `DpdMonitor`: one IKE SA's DPD timer; times in ms, passed in by the
 *    caller, never read from a clock. The constructor refuses delayMs <= 0,
 *    retryMs <= 0 or tries not a whole number >= 1 with
 *    FieldError("DPD policy", a text of the three values, reason).
 *    - idle: `due(now)` returns { sequence } once now >= last heard +
 *      delayMs ("last heard" starts at the constructor's `now`); that
 *      question is now open.
 *    - waiting: once now >= sent + retryMs, `due` asks again with the next
 *      number, unless `tries` questions went unanswered already: then it
 *      returns "dead", and "dead" from then on.
 *    - Numbers start at firstSequence and add 1 per question, modulo 2^32.
 *    - `traffic(now)`: the peer is alive: last heard = now (never earlier
 *      than before), no question open. Ignored when dead.
 *    - `acknowledged(seq, now)`: true only if seq is the open question's
 *      number (then as traffic(now)); otherwise false and nothing changes.
 *    - `nextDeadline()`: last heard + delayMs when idle, sent + retryMs when
 *      waiting, undefined when dead.
 *
 * Lesson: lessons/10-informational.md#dpd
 */
import { todo } from "@course/todo.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";

/** RFC 3706 section 5.1. */
export const DPD_VENDOR_ID: Uint8Array = Uint8Array.of(0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9, 0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00);

export function dpdNegotiated(sent: readonly Uint8Array[], received: readonly Uint8Array[]): boolean {
  return todo("dpdNegotiated");
}

export function rUThere(ike: IkeSa, sequence: number): Notification {
  return todo("rUThere");
}

export function rUThereAck(ike: IkeSa, sequence: number): Notification {
  return todo("rUThereAck");
}

export function dpdSequence(ike: IkeSa, n: Notification): number {
  return todo("dpdSequence");
}

export function answerDpd(ike: IkeSa, n: Notification): Notification | undefined {
  return todo("answerDpd");
}

export function firstDpdSequence(random: RandomSource): number {
  return todo("firstDpdSequence");
}

export interface DpdPolicy {
  /** Silence from the peer, in ms, before we ask (strongSwan's dpd_delay, Cisco's "keepalive"). */
  readonly delayMs: number;
  /** How long to wait for an ACK before asking again. */
  readonly retryMs: number;
  /** How many R-U-THERE may go unanswered; the next timeout declares the peer dead. */
  readonly tries: number;
}

/** What the monitor wants done now: send an R-U-THERE with this number, or give the peer up. */
export type DpdAction = { readonly sequence: number } | "dead" | undefined;

export class DpdMonitor {
  constructor(policy: DpdPolicy, firstSequence: number, now: number) {
    todo("DpdMonitor");
  }

  traffic(now: number): void {
    todo("DpdMonitor.traffic");
  }

  acknowledged(sequence: number, now: number): boolean {
    return todo("DpdMonitor.acknowledged");
  }

  due(now: number): DpdAction {
    return todo("DpdMonitor.due");
  }

  nextDeadline(): number | undefined {
    return todo("DpdMonitor.nextDeadline");
  }
}
