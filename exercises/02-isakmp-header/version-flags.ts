/**
 * Exercise 02-isakmp-header/version-flags: version nibbles and flag bits
 *
 * Two bytes of the ISAKMP header hold more than one value each (RFC 2408
 * section 3.1, Figure 2). Byte 17 is the version: the major version in the
 * high 4 bits, the minor version in the low 4 bits, so IKEv1 (version 1.0)
 * sends 0x10 and Wireshark prints "Version: 1.0". Byte 19 is the flags:
 * E (Encryption) is bit 0 = 0x01, C (Commit) is bit 1 = 0x02, A
 * (Authentication Only) is bit 2 = 0x04. The seed's main mode messages 5
 * and 6 are encrypted and show "Flags: 0x01".
 *
 * - `encodeVersion(v)`: returns the byte. Throws a `FieldError` whose field
 *   is "Version" if `v.major` or `v.minor` is not a whole number from 0 to 15.
 * - `decodeVersion(byte)`: splits a byte (0-255) into `{ major, minor }`.
 * - `encodeFlags(f)`: returns the byte with the bits of the true flags set.
 * - `decodeFlags(byte)`: the reverse. Bits 3-7 are reserved and RFC 2408
 *   says they MUST be zero, so if any of them is set (0x08, 0x80, ...) throw
 *   a `FieldError` whose field is "Flags" and whose value is the byte.
 *
 * Use the bit values in `HeaderFlag` from "@course/isakmp-names.ts" rather
 * than typing 0x01, 0x02 and 0x04 yourself. Errors come from
 * "@course/errors.ts".
 *
 * Lesson: lessons/02-isakmp-header.md#version-flags
 */
import { todo } from "@course/todo.ts";

export interface Version {
  major: number;
  minor: number;
}

export interface Flags {
  encryption: boolean;
  commit: boolean;
  authenticationOnly: boolean;
}

export function encodeVersion(v: Version): number {
  return todo("encodeVersion");
}

export function decodeVersion(byte: number): Version {
  return todo("decodeVersion");
}

export function encodeFlags(f: Flags): number {
  return todo("encodeFlags");
}

export function decodeFlags(byte: number): Flags {
  return todo("decodeFlags");
}
