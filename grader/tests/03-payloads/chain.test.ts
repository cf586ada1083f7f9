/**
 * Hidden tests for 03-payloads/chain: building a payload chain and walking a
 * received one with every bound checked (RFC 2408 sections 3.1 and 3.2).
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { encodeChain, walkChain } from "@impl/03-payloads/chain.ts";
import * as ref from "@ref/03-payloads/chain.ts";
import { MM1, MM1_LAYOUT, SEED_SA_BODY, VID_NATT_02N, VID_NATT_03, VID_NATT_07, VID_RFC3947 } from "./fixtures.ts";

const TOP: ReadonlySet<number> = new Set([1, 4, 5, 8, 10, 11, 12, 13, 20]);
const MM1_CHAIN = MM1.bytes.subarray(28);
const MM1_BODIES = [
  { type: 1, body: SEED_SA_BODY },
  { type: 13, body: VID_RFC3947 },
  { type: 13, body: VID_NATT_07 },
  { type: 13, body: VID_NATT_03 },
  { type: 13, body: VID_NATT_02N },
];

describe("step 1: encodeChain links payloads through their Next payload fields", () => {
  test("main mode message 1's five payloads", () => {
    const got = encodeChain(MM1_BODIES);
    expectEqual(got.first, 1, { what: "encodeChain(main mode message 1).first", why: "the header's Next payload names the FIRST payload: Security Association (1)." });
    expectBytes(got.bytes, MM1_CHAIN, {
      what: "encodeChain(main mode message 1's payloads), compared with bytes 28-167 of the message",
      layout: MM1_LAYOUT.map((f) => ({ ...f, offset: f.offset - 28 })),
      why: "each payload's Next payload is the type of the one after it: the SA says Vendor ID (13), the last vendor ID says NONE (0).",
    });
  });
  test("no payloads: first is 0 and no bytes", () => {
    const got = encodeChain([]);
    expectEqual(got.first, 0, { what: "encodeChain([]).first" });
    expectEqual(got.bytes.length, 0, { what: "encodeChain([]).bytes.length" });
  });
  test("random chains match the reference", () => {
    const r = rng("encodeChain");
    for (let i = 0; i < 40; i++) {
      const list = Array.from({ length: r.int(1, 6) }, () => ({ type: r.pick([...TOP]), body: r.bytes(r.int(0, 40)) }));
      const want = ref.encodeChain(list);
      const got = encodeChain(list);
      expectEqual(got.first, want.first, { what: `encodeChain(random chain #${i}).first` });
      expectBytes(got.bytes, want.bytes, { what: `encodeChain(random chain #${i} of ${list.length} payloads).bytes` });
    }
  });
});

describe("step 2: walkChain follows a good chain", () => {
  test("main mode message 1: five payloads, their types, bodies and offsets", () => {
    const got = walkChain(1, MM1_CHAIN, TOP, 28);
    expectEqual(got.length, 5, { what: "walkChain(main mode message 1).length", why: "one SA and four vendor IDs." });
    [28, 88, 108, 128, 148].forEach((offset, i) => {
      expectEqual(got[i]!.type, MM1_BODIES[i]!.type, { what: `payload ${i}.type`, why: "the type of payload i comes from payload i-1's Next payload (or the header's, for the first)." });
      expectEqual(got[i]!.body, MM1_BODIES[i]!.body, { what: `payload ${i}.body`, why: "the body is what follows the 4-byte generic header, Payload length - 4 bytes." });
      expectEqual(got[i]!.offset, offset, { what: `payload ${i}.offset`, why: "offsets count from the message start: base (28) plus the position in the chain." });
    });
  });
  test("a first type of 0 and no bytes is an empty chain", () => {
    expectEqual(walkChain(0, new Uint8Array(0), TOP).length, 0, { what: "walkChain(0, no bytes)" });
  });
  test("16384 empty payloads in a row: long, but it ends", () => {
    const bytes = new Uint8Array(4 * 16384);
    for (let i = 0; i < 16384; i++) bytes.set([i === 16383 ? 0 : 13, 0, 0, 4], 4 * i);
    expectEqual(walkChain(13, bytes, TOP).length, 16384, { what: "walkChain(16384 four-byte vendor IDs).length" });
  });
  test("random chains built by the reference walk back the same", () => {
    const r = rng("walkChain");
    for (let i = 0; i < 40; i++) {
      const list = Array.from({ length: r.int(1, 6) }, () => ({ type: r.pick([...TOP]), body: r.bytes(r.int(0, 40)) }));
      const c = ref.encodeChain(list);
      expectEqual(walkChain(c.first, c.bytes, TOP, 28), ref.walkChain(c.first, c.bytes, TOP, 28), { what: `walkChain(random chain #${i})` });
    }
  });
});

describe("step 3: walkChain refuses every broken chain, naming the field", () => {
  test("a type that cannot appear here", () => {
    expectThrows(() => walkChain(2, MM1_CHAIN, TOP), {
      what: "walkChain(first = Proposal (2), at the top level of a message)",
      error: "FieldError",
      field: "Next payload",
      why: "proposals live inside an SA payload, never at the top level; a type the receiver does not know must be refused (RFC 2408 section 5.1: INVALID-PAYLOAD-TYPE).",
    });
    const bad = MM1_CHAIN.slice();
    bad[60] = 99; // the first vendor ID's Next payload
    expectThrows(() => walkChain(1, bad, TOP), { what: "walkChain(main mode message 1 whose first vendor ID says next payload 99)", error: "FieldError", field: "Next payload" });
  });
  test("a payload length of 0 (a walker that trusted it would never end)", () => {
    expectThrows(() => walkChain(13, fromHexLoose("0d 00 0000"), TOP), {
      what: "walkChain(a vendor ID with Payload length 0 that names itself as next)",
      error: "FieldError",
      field: "Payload length",
      why: "a length under 4 must be refused, or the walk would step on the same spot forever.",
    });
  });
  test("a payload running past the end of the message", () => {
    expectThrows(() => walkChain(1, MM1_CHAIN.subarray(0, 59), TOP), {
      what: "walkChain(main mode message 1 cut inside its 60-byte SA payload)",
      error: "FieldError",
      field: "Payload length",
      why: "the SA says 60 bytes but only 59 are left: never read past what the message holds.",
    });
  });
  test("a generic header cut short", () => {
    expectThrows(() => walkChain(1, MM1_CHAIN.subarray(0, 62), TOP), {
      what: "walkChain(main mode message 1 cut 2 bytes into the first vendor ID)",
      error: "TruncatedError",
      field: "Payload length",
      why: "the SA said a Vendor ID follows, but its header stops after 2 bytes: the Payload length field ran out.",
    });
  });
  test("bytes left after the payload that ended the chain", () => {
    const longer = new Uint8Array(MM1_CHAIN.length + 3);
    longer.set(MM1_CHAIN);
    expectThrows(() => walkChain(1, longer, TOP), {
      what: "walkChain(main mode message 1 followed by 3 stray bytes)",
      error: "FieldError",
      field: "Next payload",
      why: "the last payload said NONE, yet bytes follow: a length or a Next payload lied.",
    });
    expectThrows(() => walkChain(0, Uint8Array.of(1), TOP), { what: "walkChain(first = 0, 1 byte)", error: "FieldError", field: "Next payload" });
  });
  test("random damage is refused or accepted exactly as the reference does", () => {
    const r = rng("walkChain damage");
    for (let i = 0; i < 300; i++) {
      const d = MM1_CHAIN.slice(0, r.int(0, MM1_CHAIN.length));
      if (d.length > 0) d[r.int(0, d.length - 1)] = r.int(0, 255);
      let want: unknown;
      let wantError: { name: string; field: string } | undefined;
      try {
        want = ref.walkChain(1, d, TOP);
      } catch (e) {
        wantError = { name: (e as Error).name, field: (e as { field: string }).field };
      }
      const what = `walkChain(main mode message 1's chain, ${d.length} bytes, one byte changed)`;
      if (wantError) expectThrows(() => walkChain(1, d, TOP), { what, error: wantError.name as "FieldError", field: wantError.field });
      else expectEqual(walkChain(1, d, TOP), want, { what });
    }
  });
});
