/**
 * Robustness of the reference message decoder: the seed's messages mutated
 * 100,000+ times (bit flips, byte changes, truncation, extension, edits of
 * length fields). Each result must either decode to a message that encodes
 * back to exactly the same bytes, or be refused with a PacketError (the
 * typed errors of grader/support/errors.ts). Anything else (a TypeError, a
 * RangeError, a hang) fails. Seeded, so a failure replays.
 */
import { expect, test } from "vitest";
import { PacketError } from "../support/errors.ts";
import { decodeMessage, encodeMessage } from "../../solutions/03-payloads/message.ts";
import { AGGRESSIVE_1, MAIN_MODE_1, MAIN_MODE_2 } from "../src/pcap/scenarios/seed-messages.ts";

const ITERATIONS = 100_000;
const SEEDS = [MAIN_MODE_1, MAIN_MODE_2, AGGRESSIVE_1].map(encodeMessage);
/** Offsets of every 2-byte Payload length and the header Length in each seed message. */
const LENGTH_FIELDS = SEEDS.map((m) => {
  const at = [24, 25, 26, 27];
  for (let o = 28; o < m.length; ) {
    at.push(o + 2, o + 3);
    o += (m[o + 2]! << 8) | m[o + 3]!;
  }
  return at;
});

/** xorshift32: small, fast, seeded. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function mutate(next: () => number, which: number): Uint8Array {
  const seed = SEEDS[which]!;
  let m = seed.slice();
  const edits = 1 + (next() % 3);
  for (let e = 0; e < edits; e++) {
    switch (next() % 5) {
      case 0: {
        // flip one bit
        const at = next() % m.length;
        m[at] = m[at]! ^ (1 << (next() % 8));
        break;
      }
      case 1: // replace one byte
        m[next() % m.length] = next() & 0xff;
        break;
      case 2: // truncate
        m = m.slice(0, next() % (m.length + 1));
        break;
      case 3: {
        // extend with random bytes
        const extra = Uint8Array.from({ length: 1 + (next() % 16) }, () => next() & 0xff);
        m = Uint8Array.from([...m, ...extra]);
        break;
      }
      default: {
        // rewrite a length field byte (header Length or a Payload length)
        const fields = LENGTH_FIELDS[which]!;
        const at = fields[next() % fields.length]!;
        if (at < m.length) m[at] = next() % 3 === 0 ? (m[at]! + (next() % 9) - 4) & 0xff : next() & 0xff;
      }
    }
    if (m.length === 0) break;
  }
  // Half the time, make the header Length agree with the datagram again, so
  // the mutation reaches the payload chain instead of stopping at the header.
  if (m.length >= 28 && next() % 2 === 0) new DataView(m.buffer, m.byteOffset).setUint32(24, m.length);
  return m;
}

test(`the decoder survives ${ITERATIONS} mutated seed messages`, () => {
  const next = prng(0x15ec0de);
  const outcomes = new Map<string, number>();
  const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const m = mutate(next, i % SEEDS.length);
    let decoded;
    try {
      decoded = decodeMessage(m);
    } catch (e) {
      if (!(e instanceof PacketError)) throw new Error(`iteration ${i}: ${Buffer.from(m).toString("hex")} threw ${(e as Error).name}: ${(e as Error).message}`);
      count(`${e.name} ${e.field}`);
      continue;
    }
    const again = encodeMessage(decoded);
    expect(Buffer.from(again).toString("hex"), `iteration ${i}: decoded, but re-encodes differently`).toBe(Buffer.from(m).toString("hex"));
    count("decoded and re-encoded identically");
  }
  const ms = performance.now() - started;
  const table = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`);
  process.stdout.write(`fuzz: ${ITERATIONS} mutations in ${ms.toFixed(0)} ms\n${table.join("\n")}\n`);
  expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(ITERATIONS);
}, 60_000);
