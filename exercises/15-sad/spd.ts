/**
 * Exercise 15-sad/spd: protect, bypass or discard
 *
 * Write `spdLookup(spd, packet)`: decode the packet (decodeIpv4) and return
 * the FIRST entry of `spd` that matches, or DEFAULT_POLICY (discard) when none
 * does. An entry matches when its `protocol` is absent or equals the
 * packet's Protocol, and the packet's source is inside `src` and its
 * destination inside `dst`. Selectors are "network/prefix" text: split at
 * "/", use prefixToMask and inSubnet from "../01-bytes/subnet.ts" and
 * parseIPv4. A selector without exactly one "/" followed by 1-2 digits is a
 * `TextFormatError` "Traffic selector"; a prefix above 32 a `FieldError`
 * "Prefix length".
 *
 * Lesson: lessons/15-sad.md#spd
 */
import { todo } from "@course/todo.ts";

export type SpdAction = "protect" | "bypass" | "discard";

export interface SpdEntry {
  readonly action: SpdAction;
  /** Source and destination selectors as "network/prefix", e.g. "192.168.12.0/24"; "0.0.0.0/0" is any. */
  readonly src: string;
  readonly dst: string;
  /** IP protocol number to match; absent matches every protocol (an ACL's "ip"). */
  readonly protocol?: number;
  /** For "protect": the SPI of the outbound SA to use. */
  readonly spi?: number;
}

/** What a packet that matches nothing gets (RFC 4301 section 4.4.1). */
export const DEFAULT_POLICY: SpdEntry = { action: "discard", src: "0.0.0.0/0", dst: "0.0.0.0/0" };

/** The first entry that matches the packet's addresses and protocol, or DEFAULT_POLICY. */
export function spdLookup(spd: readonly SpdEntry[], packet: Uint8Array): SpdEntry {
  return todo("spdLookup");
}
