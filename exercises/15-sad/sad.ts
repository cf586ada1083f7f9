/**
 * Exercise 15-sad/sad: the security association database
 *
 * RFC 4301 section 4.4.2. Write the class `Sad`. For every SA it keeps the
 * entry and its state: a SequenceCounter, a ReplayWindow(64, "<protocol>
 * Sequence") and a LifetimeMeter(entry.lifetime, now), all from this chapter.
 * SAs are found by direction, protocol ("ESP"/"AH") and SPI.
 * - `add(entry, now)`: a second SA with the same direction, protocol and SPI
 *   is a `FieldError` "<protocol> SPI" (e.g. "ESP SPI").
 * - `outbound(protocol, spi, packet, now, iv?)`: find the outbound SA (none:
 *   `FieldError` "<protocol> SPI"); charge packet.length to its lifetime
 *   (may throw SaExpiredError; remember the "ok"/"soft" answer); take the
 *   next sequence number (counter.next("<protocol> Sequence")); protect with
 *   espTransport/espTunnel/ahTransport/ahTunnel by protocol and mode. Tunnel
 *   mode needs entry.tunnel (else `FieldError` "Mode"); the outer
 *   Identification is the sequence number & 0xffff.
 * - `inbound(packet, now)`: decodeIpv4; Protocol 50 or 51 (else `FieldError`
 *   "Protocol"); read the SPI and the sequence number (ESP: payload bytes
 *   0-3 and 4-7; AH: 4-7 and 8-11, fields "<protocol> SPI"/"<protocol>
 *   Sequence"); find the inbound SA; window.check; espInbound or ahVerify;
 *   charge the returned packet's length to the lifetime; window.accept.
 *   In that order: an unknown SPI, a replay or a bad ICV changes nothing.
 *   Return the packet and the lifetime state.
 * - `remove(direction, protocol, spi)`: forget that SA (a Delete arrived, or
 *   it expired); return true if it existed, false if not. Afterwards its
 *   SPI is unknown (inbound throws the "<protocol> SPI" FieldError) and a
 *   new SA may be added with it.
 *
 * Lesson: lessons/15-sad.md#sad
 */
import { todo } from "@course/todo.ts";
import type { AhSa } from "../12-ah/protect.ts";
import type { EspSa } from "../13-esp/encapsulate.ts";
import type { Lifetime, LifetimeState } from "./lifetime.ts";

/** The tunnel's two ends; the outer Identification is taken from the sequence number. */
export interface TunnelEnds {
  readonly src: string;
  readonly dst: string;
}

interface EntryCommon {
  readonly direction: "inbound" | "outbound";
  readonly mode: "transport" | "tunnel";
  /** Needed for outbound tunnel mode. */
  readonly tunnel?: TunnelEnds;
  readonly lifetime: Lifetime;
}

export type SadEntry = (EntryCommon & { readonly protocol: "ESP"; readonly sa: EspSa }) | (EntryCommon & { readonly protocol: "AH"; readonly sa: AhSa });

export interface SadResult {
  readonly packet: Uint8Array;
  /** "soft": time to negotiate the next SA. */
  readonly lifetime: LifetimeState;
}

export class Sad {
  /** Adds an SA made at time `now` (seconds). */
  add(entry: SadEntry, now: number): void {
    return todo("Sad.add");
  }

  /**
   * Deletes an SA: a Delete notification named it, or it expired (RFC 4301
   * section 4.4.2). Returns whether it was there. Its SPI is unknown from now
   * on, so it may be used again by a later SA.
   */
  remove(direction: "inbound" | "outbound", protocol: "ESP" | "AH", spi: number): boolean {
    return todo("Sad.remove");
  }

  /** Protects `packet` with the outbound SA `spi`, counting it against the SA's sequence numbers and lifetime. */
  outbound(protocol: "ESP" | "AH", spi: number, packet: Uint8Array, now: number, iv?: Uint8Array): SadResult {
    return todo("Sad.outbound");
  }

  /** Finds the SA of a received AH or ESP packet, checks it, and gives back what it protected. */
  inbound(packet: Uint8Array, now: number): SadResult {
    return todo("Sad.inbound");
  }
}
