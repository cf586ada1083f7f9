/**
 * Shared by the chapter 05 hidden tests: OpenSSL's Diffie-Hellman (through
 * node:crypto) as an oracle nobody here wrote. Given the same prime and the
 * same private value, it computes g^x mod p and y^x mod p itself.
 * (Not a test file: the grader only runs `*.test.ts`.)
 */
import { createDiffieHellman, type DiffieHellman } from "node:crypto";
import type { ModpGroup } from "@course/modp-groups.ts";

const toBuffer = (v: bigint, bytes: number) => Buffer.from(v.toString(16).padStart(bytes * 2, "0"), "hex");

// Creating a DiffieHellman object checks the prime (slow): one per group, reused.
const objects = new Map<number, DiffieHellman>();

function withPrivate(group: ModpGroup, x: bigint): DiffieHellman {
  let dh = objects.get(group.id);
  if (!dh) {
    dh = createDiffieHellman(toBuffer(group.p, group.bytes), toBuffer(group.g, 1));
    objects.set(group.id, dh);
  }
  dh.setPrivateKey(toBuffer(x, group.bytes));
  return dh;
}

/** OpenSSL drops leading zero octets; put them back to compare like with like. */
const padded = (hexValue: string, group: ModpGroup) => new Uint8Array(toBuffer(BigInt("0x" + hexValue), group.bytes));

/** OpenSSL's public value for private value x, left-padded to the group's length. */
export function opensslPublic(group: ModpGroup, x: bigint): Uint8Array {
  return padded(withPrivate(group, x).generateKeys("hex"), group);
}

/** OpenSSL's shared secret for our x and the peer's public value, left-padded to the group's length. */
export function opensslShared(group: ModpGroup, x: bigint, peer: Uint8Array): Uint8Array {
  const dh = withPrivate(group, x);
  dh.generateKeys();
  return padded(dh.computeSecret(peer).toString("hex"), group);
}

/** A private value in [2, p-2] from the test's seeded stream (tests only: not a CSPRNG). */
export function testPrivate(group: ModpGroup, bytes: (n: number) => Uint8Array): bigint {
  const x = BigInt("0x" + Buffer.from(bytes(group.bytes)).toString("hex")) % (group.p - 3n);
  return x + 2n;
}

/**
 * The first x from a seeded start x0 for which y^x mod p has a zero top
 * octet (about one x in 256). Each step multiplies by y once instead of
 * exponentiating again; callers confirm the value found with OpenSSL.
 */
export function nextWithLeadingZero(group: ModpGroup, x0: bigint, y: bigint, yx0: Uint8Array): bigint {
  const limit = 1n << BigInt(8 * (group.bytes - 1));
  let v = BigInt("0x" + Buffer.from(yx0).toString("hex"));
  let x = x0;
  while (v >= limit) {
    v = (v * y) % group.p;
    x += 1n;
  }
  return x;
}
