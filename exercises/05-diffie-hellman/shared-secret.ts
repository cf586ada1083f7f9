/**
 * Exercise 05-diffie-hellman/shared-secret: g^xy
 *
 * Write `sharedSecret(group, x, peerKeyExchangeData)`: check the peer's value
 * with checkPeerPublic (./peer-value.ts), raise it to our private x mod p, and
 * return the result as exactly group.bytes octets (field "Shared secret").
 * Both sides get the same bytes: (g^xr)^xi = (g^xi)^xr.
 *
 * Errors: x outside [2, p-2] → FieldError("Private value", x, reason); a bad
 * peer value → the FieldError of checkPeerPublic.
 *
 * Lesson: lessons/05-diffie-hellman.md#shared-secret
 */
import { todo } from "@course/todo.ts";
import type { ModpGroup } from "@course/modp-groups.ts";

export function sharedSecret(group: ModpGroup, x: bigint, peerKeyExchangeData: Uint8Array): Uint8Array {
  return todo("sharedSecret");
}
