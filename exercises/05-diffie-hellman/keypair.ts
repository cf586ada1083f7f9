/**
 * Exercise 05-diffie-hellman/keypair: a private value and its public value
 *
 * 1. `privateValue(group, random = system CSPRNG)`: draw `group.bytes` octets
 *    from `random`, read them as a big-endian number x (bytesToBigInt from
 *    ./encoding.ts). If 2 <= x <= p-2 return it; otherwise draw again (do not
 *    reduce mod p: that would favour small values). The default source must
 *    be a cryptographic one: `randomBytes` from node:crypto (wrap its Buffer
 *    in a Uint8Array), never Math.random.
 * 2. `publicValue(group, x)`: g^x mod p (modPow from ./modpow.ts) as exactly
 *    `group.bytes` octets (bigIntToBytes, field "Key Exchange Data").
 *    Error: x outside [2, p-2] → FieldError("Private value", x, reason).
 *
 * The groups come from "@course/modp-groups.ts" (MODP_GROUPS, modpGroup(id)).
 *
 * Lesson: lessons/05-diffie-hellman.md#keypair
 */
import { todo } from "@course/todo.ts";
import type { ModpGroup } from "@course/modp-groups.ts";

/** A source of random octets: `n` octets per call. */
export type RandomSource = (n: number) => Uint8Array;

export function privateValue(group: ModpGroup, random?: RandomSource): bigint {
  return todo("privateValue");
}

export function publicValue(group: ModpGroup, x: bigint): Uint8Array {
  return todo("publicValue");
}
