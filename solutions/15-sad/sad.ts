/**
 * Exercise 15-sad/sad: the security association database (reference solution).
 *
 * RFC 4301 section 4.4.2: each SA lives in the SAD with its keys and its
 * state: the outbound sequence counter, the inbound anti-replay window, the
 * lifetime meter. Inbound packets find their SA by protocol and SPI
 * (section 4.1); the order of the checks is RFC 4303 section 3.4: SA lookup,
 * replay check, ICV, then the window update, so that neither a forgery nor an
 * unknown SPI changes any state.
 * Lesson: lessons/15-sad.md#sad
 */
import { FieldError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { ahTransport, ahTunnel, type AhSa } from "../12-ah/protect.ts";
import { ahVerify } from "../12-ah/verify.ts";
import { espTransport, espTunnel, type EspSa } from "../13-esp/encapsulate.ts";
import { espInbound } from "../13-esp/decapsulate.ts";
import { LifetimeMeter, type Lifetime, type LifetimeState } from "./lifetime.ts";
import { ReplayWindow } from "./replay.ts";
import { SequenceCounter } from "./sequence.ts";

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

interface SaState {
  readonly entry: SadEntry;
  readonly counter: SequenceCounter;
  readonly window: ReplayWindow;
  readonly meter: LifetimeMeter;
}

const key = (direction: string, protocol: string, spi: number) => `${direction} ${protocol} ${spi}`;

export class Sad {
  readonly #sas = new Map<string, SaState>();

  /** Adds an SA made at time `now` (seconds). */
  add(entry: SadEntry, now: number): void {
    const k = key(entry.direction, entry.protocol, entry.sa.spi);
    if (this.#sas.has(k)) throw new FieldError(`${entry.protocol} SPI`, entry.sa.spi, `an ${entry.direction} ${entry.protocol} SA with this SPI exists already`);
    const field = `${entry.protocol} Sequence`;
    this.#sas.set(k, { entry, counter: new SequenceCounter(), window: new ReplayWindow(64, field), meter: new LifetimeMeter(entry.lifetime, now) });
  }

  /**
   * Deletes an SA: a Delete notification named it, or it expired (RFC 4301
   * section 4.4.2). Returns whether it was there. Its SPI is unknown from now
   * on, so it may be used again by a later SA.
   */
  remove(direction: "inbound" | "outbound", protocol: "ESP" | "AH", spi: number): boolean {
    return this.#sas.delete(key(direction, protocol, spi));
  }

  #find(direction: "inbound" | "outbound", protocol: "ESP" | "AH", spi: number): SaState {
    const state = this.#sas.get(key(direction, protocol, spi));
    // RFC 4303 section 3.4.2: no SA for this SPI, drop (and audit).
    if (!state) throw new FieldError(`${protocol} SPI`, spi, `no ${direction} ${protocol} SA has this SPI`);
    return state;
  }

  /** Protects `packet` with the outbound SA `spi`, counting it against the SA's sequence numbers and lifetime. */
  outbound(protocol: "ESP" | "AH", spi: number, packet: Uint8Array, now: number, iv?: Uint8Array): SadResult {
    const { entry, counter, meter } = this.#find("outbound", protocol, spi);
    // Lifetime first: a hard-expired SA must not consume a sequence number either.
    const lifetime = meter.charge(packet.length, now);
    const seq = counter.next(`${protocol} Sequence`);
    const outer = entry.mode === "tunnel" ? tunnelOf(entry, seq) : undefined;
    let out: Uint8Array;
    if (entry.protocol === "ESP") out = outer ? espTunnel(packet, entry.sa, seq, outer, iv) : espTransport(packet, entry.sa, seq, iv);
    else out = outer ? ahTunnel(packet, entry.sa, seq, outer) : ahTransport(packet, entry.sa, seq);
    return { packet: out, lifetime };
  }

  /** Finds the SA of a received AH or ESP packet, checks it, and gives back what it protected. */
  inbound(packet: Uint8Array, now: number): SadResult {
    const { header, payload } = decodeIpv4(packet);
    let protocol: "ESP" | "AH";
    if (header.protocol === IP_PROTOCOL.ESP) protocol = "ESP";
    else if (header.protocol === IP_PROTOCOL.AH) protocol = "AH";
    else throw new FieldError("Protocol", header.protocol, "neither ESP (50) nor AH (51)");
    const r = new ByteReader(payload);
    if (protocol === "AH") r.skip(4, "Next header"); // Next Header, Payload Len, Reserved come before the SPI
    const spi = r.u32(`${protocol} SPI`);
    const sequence = r.u32(`${protocol} Sequence`);
    const { entry, window, meter } = this.#find("inbound", protocol, spi);
    window.check(sequence); // cheap, and before any cryptography
    const opened = entry.protocol === "ESP" ? espInbound(packet, entry.sa) : ahVerify(packet, entry.sa);
    const lifetime = meter.charge(opened.packet.length, now);
    window.accept(sequence); // only now: the packet is genuine and the SA still alive
    return { packet: opened.packet, lifetime };
  }
}

function tunnelOf(entry: SadEntry, sequence: number) {
  if (!entry.tunnel) throw new FieldError("Mode", entry.mode, "a tunnel-mode SA needs its tunnel ends");
  // One Identification per outer packet: the sequence number's low 16 bits never repeat within 65536 packets.
  return { src: entry.tunnel.src, dst: entry.tunnel.dst, identification: sequence & 0xffff };
}
