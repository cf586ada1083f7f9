/**
 * Exercise 10-informational/dpd: Dead Peer Detection, RFC 3706 (reference
 * solution).
 *
 * IKEv1 has no keepalive of its own. RFC 3706 adds one that costs nothing
 * while traffic flows: only when a peer has heard nothing for a while does
 * it ask "R-U-THERE" (notify 36136) and expect "R-U-THERE-ACK" (36137). Both
 * are protected informational messages whose Notification has DOI IPSEC,
 * protocol ISAKMP, SPI = CKY-I | CKY-R (16 octets) and as data a 4-octet
 * sequence number; the ACK echoes the number it answers (section 5.3).
 * Each side starts its numbers at a random value and adds one per
 * R-U-THERE (section 6: replay protection); the course keeps the first one
 * below 2^31 so a long-lived SA does not wrap soon (both numbers charon
 * chose in the recorded exchange were below 2^31 as well).
 * A peer may use DPD only if both sent the DPD vendor ID (section 5.1).
 *
 * Lesson: lessons/10-informational.md#dpd
 */
import { FieldError } from "@course/errors.ts";
import { Doi, NotifyType, ProtocolId } from "@course/isakmp-attributes.ts";
import { fromHex, toHex } from "../01-bytes/hex.ts";
import { readU32, writeU32 } from "../01-bytes/integers.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";
import { cookieSpi } from "./notify.ts";

/** RFC 3706 section 5.1: 14 fixed octets, then major version 1 and minor version 0. */
export const DPD_VENDOR_ID: Uint8Array = fromHex("afcad71368a1f1c96b8696fc77570100");

/** A DPD vendor ID: the 14 fixed octets and major version 1 (a later minor version is still DPD). */
function isDpdVendorId(v: Uint8Array): boolean {
  return v.length === 16 && v.subarray(0, 15).every((b, i) => b === DPD_VENDOR_ID[i]);
}

/** DPD may be used on this IKE SA only when both sides announced it. */
export function dpdNegotiated(sent: readonly Uint8Array[], received: readonly Uint8Array[]): boolean {
  return sent.some(isDpdVendorId) && received.some(isDpdVendorId);
}

function dpdNotification(ike: IkeSa, messageType: number, sequence: number): Notification {
  const data = new Uint8Array(4);
  writeU32(data, 0, sequence, "Notification DATA");
  return { doi: Doi.IPSEC, protocolId: ProtocolId.ISAKMP, spi: cookieSpi(ike.ckyI, ike.ckyR), messageType, data };
}

export function rUThere(ike: IkeSa, sequence: number): Notification {
  return dpdNotification(ike, NotifyType.R_U_THERE, sequence);
}

export function rUThereAck(ike: IkeSa, sequence: number): Notification {
  return dpdNotification(ike, NotifyType.R_U_THERE_ACK, sequence);
}

/** The sequence number of an R-U-THERE or ACK of this IKE SA, after checking it is one (section 5.3). */
export function dpdSequence(ike: IkeSa, n: Notification): number {
  if (n.messageType !== NotifyType.R_U_THERE && n.messageType !== NotifyType.R_U_THERE_ACK) {
    throw new FieldError("Notify Message Type", n.messageType, "not R-U-THERE (36136) or R-U-THERE-ACK (36137)");
  }
  if (n.protocolId !== ProtocolId.ISAKMP) throw new FieldError("Protocol ID", n.protocolId, "DPD is about the ISAKMP SA: protocol ISAKMP (1)");
  const spi = cookieSpi(ike.ckyI, ike.ckyR);
  if (n.spi.length !== 16 || !n.spi.every((b, i) => b === spi[i])) throw new FieldError("SPI", toHex(n.spi), "a DPD notification names this IKE SA by its CKY-I | CKY-R (16 octets)");
  if (n.data.length !== 4) throw new FieldError("Notification DATA", n.data.length, "a DPD sequence number is 4 octets");
  return readU32(n.data, 0, "Notification DATA");
}

/** The answer to a received R-U-THERE: the ACK with the same number. Anything else gets no answer. */
export function answerDpd(ike: IkeSa, n: Notification): Notification | undefined {
  if (n.messageType !== NotifyType.R_U_THERE) return undefined;
  return rUThereAck(ike, dpdSequence(ike, n));
}

/** The first sequence number: random, non-zero, below 2^31. */
export function firstDpdSequence(random: RandomSource): number {
  for (;;) {
    const bytes = random(4);
    if (bytes.length !== 4) throw new FieldError("Notification DATA", bytes.length, "the random source must return 4 octets");
    const n = readU32(bytes, 0) & 0x7fffffff;
    if (n !== 0) return n;
  }
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

/**
 * One IKE SA's DPD timer, pure over time: the caller passes `now` (ms) and
 * sends what `due` asks for. Any authenticated message from the peer (IKE
 * or ESP) proves it alive (section 5.4: DPD is needed only when idle).
 */
export class DpdMonitor {
  private lastHeard: number;
  private next: number;
  private outstanding: { sequence: number; sentAt: number; tries: number } | undefined;
  private dead = false;

  constructor(
    private readonly policy: DpdPolicy,
    firstSequence: number,
    now: number,
  ) {
    if (!(policy.delayMs > 0) || !(policy.retryMs > 0) || !Number.isInteger(policy.tries) || policy.tries < 1) {
      throw new FieldError("DPD policy", `${policy.delayMs}/${policy.retryMs}/${policy.tries}`, "the delay and retry interval must be positive and at least one R-U-THERE allowed");
    }
    this.next = firstSequence >>> 0;
    this.lastHeard = now;
  }

  /** A valid message from the peer arrived: it is alive, the question (if any) is moot. */
  traffic(now: number): void {
    if (this.dead) return;
    this.lastHeard = Math.max(this.lastHeard, now);
    this.outstanding = undefined;
  }

  /** An R-U-THERE-ACK: true if it answers the question we are waiting on; a stale or unknown number proves nothing. */
  acknowledged(sequence: number, now: number): boolean {
    if (this.dead || this.outstanding === undefined || this.outstanding.sequence !== sequence) return false;
    this.traffic(now);
    return true;
  }

  due(now: number): DpdAction {
    if (this.dead) return "dead";
    const o = this.outstanding;
    if (o === undefined) return now >= this.lastHeard + this.policy.delayMs ? this.ask(now, 1) : undefined;
    if (now < o.sentAt + this.policy.retryMs) return undefined;
    if (o.tries >= this.policy.tries) {
      this.dead = true;
      this.outstanding = undefined;
      return "dead";
    }
    return this.ask(now, o.tries + 1);
  }

  /** When `due` next has something to do (ms), or undefined once the peer is dead. */
  nextDeadline(): number | undefined {
    if (this.dead) return undefined;
    return this.outstanding === undefined ? this.lastHeard + this.policy.delayMs : this.outstanding.sentAt + this.policy.retryMs;
  }

  /** Every R-U-THERE, retries included, carries a new number (section 6), modulo 2^32. */
  private ask(now: number, tries: number): { sequence: number } {
    const sequence = this.next;
    this.next = (this.next + 1) >>> 0;
    this.outstanding = { sequence, sentAt: now, tries };
    return { sequence };
  }
}
