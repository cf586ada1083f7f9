/**
 * Reproducible random octets for simulations: SHA-256 over a label and a
 * counter. The in-process exchanges and the capture scenarios use it so the
 * same implementation writes the same packets every run. Real peers use the
 * operating system's generator (node:crypto) instead.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RandomSource } from "../../../solutions/05-diffie-hellman/keypair.ts";

export const systemRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

export function seededRandom(label: string): RandomSource {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHash("sha256").update(`${label}:${counter++}`).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, n);
    pool = pool.slice(n);
    return out;
  };
}

/** A source that first hands out `scripted` values (exactly as asked for), then continues with `rest`. */
export function scriptedRandom(scripted: readonly Uint8Array[], rest: RandomSource): RandomSource {
  const queue = [...scripted];
  return (n) => {
    const next = queue[0];
    if (next && next.length === n) {
      queue.shift();
      return next.slice();
    }
    return rest(n);
  };
}
