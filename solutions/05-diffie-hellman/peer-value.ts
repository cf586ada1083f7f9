/**
 * Exercise 05-diffie-hellman/peer-value: checking the peer's public value
 * (reference solution).
 *
 * Before raising the peer's y to our private x, check it (RFC 2631 section
 * 2.1.5, NIST SP 800-56A section 5.6.2.3): the Key Exchange Data must be
 * exactly as long as the prime (RFC 2409 section 5), and 1 < y < p-1. The
 * values 0, 1 and p-1 would force the shared secret to 0, 1 or ±1 whatever our
 * x is: an attacker on the path could then predict every key. A value >= p
 * is not a residue mod p at all.
 *
 * Lesson: lessons/05-diffie-hellman.md#peer-value
 */
import { FieldError } from "@course/errors.ts";
import type { ModpGroup } from "@course/modp-groups.ts";
import { bytesToBigInt } from "./encoding.ts";

export function checkPeerPublic(group: ModpGroup, keyExchangeData: Uint8Array): bigint {
  if (keyExchangeData.length !== group.bytes) {
    throw new FieldError("Key Exchange Data", keyExchangeData.length, `group ${group.id} public values are exactly ${group.bytes} octets`);
  }
  const y = bytesToBigInt(keyExchangeData);
  if (y <= 1n) throw new FieldError("Key Exchange Data", y, "0 and 1 make the shared secret predictable");
  if (y >= group.p - 1n) throw new FieldError("Key Exchange Data", y, "must be below p-1 (p-1 gives a shared secret of ±1; p and above are not values mod p)");
  return y;
}
