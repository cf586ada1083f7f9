/**
 * Exercise 14-ah-esp/outbound: AH and ESP together, outbound (reference solution).
 *
 * RFC 4301 section 4.3 (SA bundles) and RFC 4302 section 3.1: when both are
 * used, ESP is applied first and AH outside it, so AH authenticates the ESP
 * packet together with the IP header ESP leaves open. In tunnel mode ESP
 * builds the tunnel (it encrypts the whole original packet behind the new
 * header) and AH is then added in transport mode on that outer packet:
 * outer IP | AH | ESP | encrypted inner packet. In the seed's captures the
 * ESP SA has no integrity algorithm of its own: AH authenticates everything.
 * Lesson: lessons/14-ah-esp.md#outbound
 */
import { ahTransport, type AhSa, type TunnelEndpoints } from "../12-ah/protect.ts";
import { espTransport, espTunnel, type EspSa } from "../13-esp/encapsulate.ts";

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
  return ahTransport(espTransport(packet, bundle.esp, seq.esp, iv), bundle.ah, seq.ah);
}

export function bundleTunnel(packet: Uint8Array, bundle: Bundle, seq: BundleSequences, outer: TunnelEndpoints, iv?: Uint8Array): Uint8Array {
  return ahTransport(espTunnel(packet, bundle.esp, seq.esp, outer, iv), bundle.ah, seq.ah);
}
