/**
 * Exercise 14-ah-esp/inbound: AH and ESP together, inbound
 *
 * Write `bundleInbound(packet, bundle)`: undo the bundle from the outside in.
 * 1. ahVerify with the AH SA (a bad ICV stops everything there);
 * 2. AH must have carried ESP: if AH was in tunnel mode, or the packet it
 *    gave back has a Protocol (byte 9) other than 50, throw `FieldError`
 *    "Next header" with the next header found (4 for tunnel mode);
 * 3. espInbound with the ESP SA.
 * Return both sequence numbers, ESP's mode and ESP's packet.
 *
 * Lesson: lessons/14-ah-esp.md#inbound
 */
import { todo } from "@course/todo.ts";
import type { Bundle, BundleSequences } from "./outbound.ts";

export interface BundleInbound {
  readonly sequences: BundleSequences;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function bundleInbound(packet: Uint8Array, bundle: Bundle): BundleInbound {
  return todo("bundleInbound");
}
