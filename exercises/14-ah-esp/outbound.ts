/**
 * Exercise 14-ah-esp/outbound: AH and ESP together, outbound
 *
 * RFC 4301: ESP first, AH outside it. Write:
 * - `bundleTransport(packet, bundle, seq, iv?)`: espTransport with the ESP
 *   SA and seq.esp, then ahTransport of the result with the AH SA and seq.ah:
 *   IP | AH (next header 50) | ESP.
 * - `bundleTunnel(packet, bundle, seq, outer, iv?)`: espTunnel (ESP makes the
 *   new outer header), then ahTransport of that: outer IP | AH | ESP | inner.
 *
 * In the seed's captures the ESP SA has integrity "none" (AH authenticates
 * the whole packet): the 100-byte ping becomes 164 bytes in transport mode
 * and 180 in tunnel mode.
 *
 * Lesson: lessons/14-ah-esp.md#outbound
 */
import { todo } from "@course/todo.ts";
import type { AhSa, TunnelEndpoints } from "../12-ah/protect.ts";
import type { EspSa } from "../13-esp/encapsulate.ts";

export interface Bundle {
  readonly ah: AhSa;
  readonly esp: EspSa;
}

/** One sequence number per SA: each SA counts its own packets. */
export interface BundleSequences {
  readonly ah: number;
  readonly esp: number;
}

export function bundleTransport(packet: Uint8Array, bundle: Bundle, seq: BundleSequences, iv?: Uint8Array): Uint8Array {
  return todo("bundleTransport");
}

export function bundleTunnel(packet: Uint8Array, bundle: Bundle, seq: BundleSequences, outer: TunnelEndpoints, iv?: Uint8Array): Uint8Array {
  return todo("bundleTunnel");
}
