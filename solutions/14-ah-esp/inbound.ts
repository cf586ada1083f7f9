/**
 * Exercise 14-ah-esp/inbound: AH and ESP together, inbound (reference solution).
 *
 * The receiver undoes the bundle from the outside in (RFC 4301 section 5.2):
 * AH first (nothing behind it is looked at, let alone decrypted, before its
 * ICV matches), then ESP. AH must carry ESP: a packet whose AH says
 * otherwise does not match the bundle's policy, even with a good ICV.
 * Lesson: lessons/14-ah-esp.md#inbound
 */
import { FieldError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { ahVerify } from "../12-ah/verify.ts";
import { espInbound } from "../13-esp/decapsulate.ts";
import type { Bundle, BundleSequences } from "./outbound.ts";

export interface BundleInbound {
  readonly sequences: BundleSequences;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function bundleInbound(packet: Uint8Array, bundle: Bundle): BundleInbound {
  const ah = ahVerify(packet, bundle.ah);
  // In transport mode ahVerify gave back the packet without AH, its Protocol set to AH's Next Header.
  const nextHeader = ah.mode === "tunnel" ? IP_PROTOCOL.IPIP : ah.packet[9]!;
  if (nextHeader !== IP_PROTOCOL.ESP) throw new FieldError("Next header", nextHeader, "in an AH+ESP bundle AH must carry ESP (50)");
  const esp = espInbound(ah.packet, bundle.esp);
  return { sequences: { ah: ah.sequence, esp: esp.sequence }, mode: esp.mode, packet: esp.packet };
}
