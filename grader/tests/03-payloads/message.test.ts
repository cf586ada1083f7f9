/**
 * Hidden tests for 03-payloads/message: whole messages, header and payload
 * chain. The expected bytes are the seed's captures written out by hand in
 * fixtures.ts.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { decodeMessage, encodeMessage } from "@impl/03-payloads/message.ts";
import * as ref from "@ref/03-payloads/message.ts";
import { AGGRESSIVE_1, MM1, MM1_LAYOUT, MM2, SEED_MESSAGES } from "./fixtures.ts";

describe("step 1: the seed's messages, byte for byte", () => {
  test("main mode message 1: 168 bytes", () => {
    expectBytes(encodeMessage(MM1.message), MM1.bytes, {
      what: "encodeMessage(main mode message 1)",
      layout: MM1_LAYOUT,
      why: "28 header bytes + SA 60 (proposal 48, transform 40) + four vendor IDs of 20 = 168, as Wireshark shows in frame 1.",
    });
  });
  test("main mode message 2: 108 bytes", () => {
    expectBytes(encodeMessage(MM2.message), MM2.bytes, { what: "encodeMessage(main mode message 2)", layout: MM1_LAYOUT, why: "the responder answers with the one transform it chose and one vendor ID: 28 + 60 + 20 = 108." });
  });
  test("aggressive mode message 1: 388 bytes", () => {
    expectBytes(encodeMessage(AGGRESSIVE_1.message), AGGRESSIVE_1.bytes, {
      what: "encodeMessage(aggressive mode message 1)",
      why: "28 + SA 60 + 4 vendor IDs 80 + KE 132 + nonce 24 + ID 12 + DPD 20 + XAUTH 12 + one more vendor ID 20 = 388.",
    });
  });
  test("each decodes back to the same structure", () => {
    for (const s of SEED_MESSAGES) expectEqual(decodeMessage(s.bytes), s.message, { what: `decodeMessage(${s.label})` });
  });
});

describe("step 2: what decodeMessage refuses", () => {
  test("an encrypted message (main mode 5 and 6) cannot be read in clear", () => {
    const d = MM2.bytes.slice();
    d[19] = 1;
    expectThrows(() => decodeMessage(d), { what: "decodeMessage(main mode message 2 with the E flag)", error: "FieldError", field: "Flags", why: "with E set, the bytes after the header are ciphertext: walking them as payloads would read garbage." });
    expectThrows(() => encodeMessage({ ...MM2.message, flags: { ...MM2.message.flags, encryption: true } }), { what: "encodeMessage(E flag set)", error: "FieldError", field: "Flags" });
  });
  test("the header's checks still apply (Length must be the datagram's size)", () => {
    expectThrows(() => decodeMessage(MM1.bytes.subarray(0, 167)), { what: "decodeMessage(main mode message 1 missing its last byte)", error: "FieldError", field: "Length" });
  });
  test("a payload a message cannot carry at the top level, and a short nonce", () => {
    const d = MM1.bytes.slice();
    d[16] = 3;
    expectThrows(() => decodeMessage(d), { what: "decodeMessage(header says the first payload is a Transform)", error: "FieldError", field: "Next payload" });
    const nonce = AGGRESSIVE_1.message.payloads.map((p) => (p.type === 10 ? { type: 10 as const, data: new Uint8Array(7) } : p));
    expectThrows(() => encodeMessage({ ...AGGRESSIVE_1.message, payloads: nonce }), {
      what: "encodeMessage(a 7-byte nonce)",
      error: "FieldError",
      field: "Nonce DATA",
      why: "RFC 2409 section 5: a nonce is 8 to 256 bytes.",
    });
  });
  test("an error deep inside names the inner field", () => {
    const d = MM1.bytes.slice();
    d[28 + 4 + 3] = 2; // DOI = 2
    expectThrows(() => decodeMessage(d), { what: "decodeMessage(main mode message 1 with DOI 2)", error: "FieldError", field: "Domain of interpretation" });
  });
});

describe("step 3: random damage", () => {
  test("one changed byte: same message or same error as the reference", () => {
    const r = rng("message damage");
    for (let i = 0; i < 300; i++) {
      const s = r.pick(SEED_MESSAGES);
      const d = s.bytes.slice();
      const at = r.int(16, d.length - 1);
      d[at] = r.int(0, 255);
      const what = `decodeMessage(${s.label} with byte ${at} = 0x${d[at]!.toString(16).padStart(2, "0")})`;
      let want: ReturnType<typeof ref.decodeMessage> | undefined;
      let wantError: { name: string; field: string } | undefined;
      try {
        want = ref.decodeMessage(d);
      } catch (e) {
        wantError = { name: (e as Error).name, field: (e as { field: string }).field };
      }
      if (wantError) expectThrows(() => decodeMessage(d), { what, error: wantError.name as "FieldError", field: wantError.field });
      else expectEqual(decodeMessage(d), want, { what });
    }
  });
});
