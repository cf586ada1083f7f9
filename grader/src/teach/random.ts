/**
 * Seeded randomness for hidden tests.
 *
 * Randomized cases stop a learner from passing by copying expected bytes into
 * their code; the seed makes every run replayable. The grader hands each run a seed
 * (vitest's provide/inject; IPSEC_COURSE_SEED when tests run under plain
 * vitest) and records it in its report. Each test draws from its
 * own stream, derived from the seed and the test's label, so adding a test
 * does not change the cases another test sees.
 */
import { inject } from "vitest";

declare module "vitest" {
  interface ProvidedContext {
    seed: number;
  }
}

export function courseSeed(): number {
  try {
    const provided = inject("seed");
    if (Number.isSafeInteger(provided)) return provided >>> 0;
  } catch {
    // Not inside a vitest worker: fall back to the environment.
  }
  const raw = process.env.IPSEC_COURSE_SEED;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(n) ? n >>> 0 : 20261127;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  bytes(n: number): Uint8Array;
  pick<T>(items: readonly T[]): T;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** sfc32: small, fast, and good enough to pick test cases (not for keys). */
export function rng(label: string, seed = courseSeed()): Rng {
  let a = fnv1a(`a:${seed}:${label}`);
  let b = fnv1a(`b:${seed}:${label}`);
  let c = fnv1a(`c:${seed}:${label}`);
  let d = 1;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
    pick: (items) => {
      if (items.length === 0) throw new Error("rng.pick: empty list");
      return items[Math.floor(next() * items.length)]!;
    },
  };
}
