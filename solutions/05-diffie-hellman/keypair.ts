/**
 * Exercise 05-diffie-hellman/keypair: a private value and its public value
 * (reference solution).
 *
 * The private value x must be unpredictable: it comes from a cryptographic
 * random source (node:crypto's randomBytes, which reads the operating
 * system's CSPRNG), never from Math.random. This course draws x with as many
 * octets as the prime and keeps it in [2, p-2] by rejection: a draw outside
 * the range is thrown away and drawn again, so every allowed value is equally
 * likely (reducing mod p instead would favour small values). x = 0 or 1 would
 * make the public value 1 or g, and p-1 would give ±1: all easy to spot.
 * The public value is g^x mod p, sent as exactly group.bytes octets
 * (RFC 2409 section 5).
 *
 * Lesson: lessons/05-diffie-hellman.md#keypair
 */
import { randomBytes } from "node:crypto";
import { FieldError } from "@course/errors.ts";
import type { ModpGroup } from "@course/modp-groups.ts";
import { bigIntToBytes, bytesToBigInt } from "./encoding.ts";
import { modPow } from "./modpow.ts";

/** A source of random octets: `n` octets per call. */
export type RandomSource = (n: number) => Uint8Array;

const systemRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

export function privateValue(group: ModpGroup, random: RandomSource = systemRandom): bigint {
  // The MODP primes start with 64 one bits, so a draw is rejected only
  // about once in 2^64 tries: the loop runs once in practice.
  for (;;) {
    const x = bytesToBigInt(random(group.bytes));
    if (x >= 2n && x <= group.p - 2n) return x;
  }
}

export function publicValue(group: ModpGroup, x: bigint): Uint8Array {
  if (x < 2n || x > group.p - 2n) throw new FieldError("Private value", x, "must be in [2, p-2]");
  return bigIntToBytes(modPow(group.g, x, group.p), group.bytes, "Key Exchange Data");
}
