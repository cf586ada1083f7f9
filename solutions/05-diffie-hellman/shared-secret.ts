/**
 * Exercise 05-diffie-hellman/shared-secret: g^xy (reference solution).
 *
 * Each side raises the other's public value to its own private value:
 * (g^xr)^xi = (g^xi)^xr = g^(xi*xr) mod p. The result is checked peer input
 * first (peer-value), and is returned in the fixed-length form, group.bytes
 * octets, because that is what goes into SKEYID_d/a/e (RFC 2409 section 5):
 * strongSwan logs its "shared Diffie Hellman secret" as 128 octets in group 2,
 * leading zeros included.
 *
 * Lesson: lessons/05-diffie-hellman.md#shared-secret
 */
import type { ModpGroup } from "@course/modp-groups.ts";
import { bigIntToBytes } from "./encoding.ts";
import { modPow } from "./modpow.ts";
import { checkPeerPublic } from "./peer-value.ts";
import { FieldError } from "@course/errors.ts";

export function sharedSecret(group: ModpGroup, x: bigint, peerKeyExchangeData: Uint8Array): Uint8Array {
  if (x < 2n || x > group.p - 2n) throw new FieldError("Private value", x, "must be in [2, p-2]");
  const y = checkPeerPublic(group, peerKeyExchangeData);
  return bigIntToBytes(modPow(y, x, group.p), group.bytes, "Shared secret");
}
