/**
 * Exercise 02-isakmp-header/version-flags: version nibbles and flag bits
 * (reference solution).
 *
 * Byte 17 of the header packs two 4-bit numbers, byte 19 packs three yes/no
 * flags into its lowest bits (RFC 2408 section 3.1, Figure 2).
 * Lesson: lessons/02-isakmp-header.md#version-flags
 */
import { FieldError } from "@course/errors.ts";
import { HeaderFlag } from "@course/isakmp-names.ts";

export interface Version {
  major: number;
  minor: number;
}

export interface Flags {
  encryption: boolean;
  commit: boolean;
  authenticationOnly: boolean;
}

/** Bits 0-2. Every other bit is reserved: RFC 2408 section 3.1 says it MUST be zero. */
const DEFINED_FLAG_BITS = HeaderFlag.ENCRYPTION | HeaderFlag.COMMIT | HeaderFlag.AUTHENTICATION_ONLY;

function checkNibble(value: number, part: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 15) {
    throw new FieldError("Version", value, `the ${part} version has 4 bits, so it must be a whole number from 0 to 15`);
  }
}

export function encodeVersion(v: Version): number {
  checkNibble(v.major, "major");
  checkNibble(v.minor, "minor");
  // Major in the high nibble, minor in the low one: IKEv1 (1.0) sends 0x10.
  return (v.major << 4) | v.minor;
}

export function decodeVersion(byte: number): Version {
  return { major: byte >> 4, minor: byte & 0x0f };
}

export function encodeFlags(f: Flags): number {
  return (
    (f.encryption ? HeaderFlag.ENCRYPTION : 0) |
    (f.commit ? HeaderFlag.COMMIT : 0) |
    (f.authenticationOnly ? HeaderFlag.AUTHENTICATION_ONLY : 0)
  );
}

export function decodeFlags(byte: number): Flags {
  // A set reserved bit means a sender we do not understand (or a corrupted
  // byte); RFC 2408 section 5.2 lists INVALID-FLAGS for exactly this case.
  if (!Number.isInteger(byte) || (byte & ~DEFINED_FLAG_BITS) !== 0) {
    throw new FieldError("Flags", byte, "only bits 0-2 (E, C, A) are defined; bits 3-7 MUST be zero (RFC 2408 section 3.1)");
  }
  return {
    encryption: (byte & HeaderFlag.ENCRYPTION) !== 0,
    commit: (byte & HeaderFlag.COMMIT) !== 0,
    authenticationOnly: (byte & HeaderFlag.AUTHENTICATION_ONLY) !== 0,
  };
}
