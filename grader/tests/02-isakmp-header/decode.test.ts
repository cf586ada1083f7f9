/**
 * Hidden tests for 02-isakmp-header/decode: reading and checking a received
 * header, RFC 2408 sections 3.1 and 5.2. Each datagram is a seed header
 * followed by Length - 28 filler bytes, because Length counts the payloads.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, expectTrue, fieldAt, fromHexLoose, hex, isakmpHeaderLayout, rng, show } from "@teach";
import { decodeHeader } from "@impl/02-isakmp-header/decode.ts";
import type { IsakmpHeader } from "@ref/02-isakmp-header/header.ts";
import * as ref from "@ref/02-isakmp-header/decode.ts";
import * as refHeader from "@ref/02-isakmp-header/header.ts";
import { MAIN_MODE_1, QUICK_MODE_1, SEED_HEADERS, VALID_EXCHANGE_TYPES, datagramFor, randomHeader, type SeedHeader } from "./fixtures.ts";

const FIELDS: readonly (keyof IsakmpHeader)[] = ["initiatorSpi", "responderSpi", "nextPayload", "version", "exchangeType", "flags", "messageId", "length"];

/** Compares field by field, so the message names the first wrong field. */
function expectHeader(got: IsakmpHeader, want: IsakmpHeader, what: string): void {
  expectTrue(typeof got === "object" && got !== null, `${what}: expected a header object, got ${show(got)}.`);
  for (const f of FIELDS) {
    expectEqual(got[f], want[f], { what: `${what}.${f}`, why: "every field must come back exactly as it was on the wire." });
  }
}

const full = (s: SeedHeader) => datagramFor(s.bytes, s.header.length);

/** A full datagram for a seed header with one header byte replaced. */
function withByte(s: SeedHeader, offset: number, value: number): Uint8Array {
  const d = full(s);
  d[offset] = value;
  return d;
}

/** A full datagram for a seed header whose Length field says `length` (the datagram keeps its size). */
function withLengthField(s: SeedHeader, length: number): Uint8Array {
  const d = full(s);
  new DataView(d.buffer).setUint32(24, length);
  return d;
}

describe("step 1: main mode message 1 decodes", () => {
  test("all eight fields of the seed's frame 1", () => {
    expectHeader(decodeHeader(full(MAIN_MODE_1)), MAIN_MODE_1.header, "decodeHeader(main mode message 1, 168 bytes)");
  });
  test("its twin cut to 27 bytes is refused: the Length field runs out", () => {
    expectThrows(() => decodeHeader(MAIN_MODE_1.bytes.subarray(0, 27)), {
      what: "decodeHeader(the first 27 bytes of main mode message 1)",
      error: "TruncatedError",
      field: "Length",
      why: "the header is 28 bytes; with 27 the Length field (bytes 24-27) is missing its last byte. Name the field that ran out, as Wireshark's \"[Malformed Packet]\" does not.",
    });
  });
  test("an empty datagram is refused at the very first field", () => {
    expectThrows(() => decodeHeader(new Uint8Array(0)), {
      what: "decodeHeader(0 bytes)",
      error: "TruncatedError",
      field: "Initiator SPI",
      why: "a zero-length UDP payload is legal UDP, so it can reach port 500; with no bytes, the first field already runs out.",
    });
  });
  test("a cut at any byte of the header names the field it falls in", () => {
    for (let cut = 0; cut < 28; cut++) {
      const field = fieldAt(isakmpHeaderLayout, cut)!.name;
      expectThrows(() => decodeHeader(MAIN_MODE_1.bytes.slice(0, cut)), {
        what: `decodeHeader(the first ${cut} bytes of main mode message 1)`,
        error: "TruncatedError",
        field,
        why: `byte ${cut} belongs to "${field}": read the fields in order with the reader and let it say which one ran out.`,
      });
    }
  });
});

describe("step 2: every seed header decodes", () => {
  test("main mode 1-6, aggressive mode 1, quick mode 1 and 3", () => {
    for (const s of SEED_HEADERS) expectHeader(decodeHeader(full(s)), s.header, `decodeHeader(${s.label})`);
  });
  test("the message ID 0xe22a74c1 comes back positive", () => {
    expectEqual(decodeHeader(full(QUICK_MODE_1)).messageId, 0xe22a74c1, {
      what: "decodeHeader(quick mode message 1).messageId",
      why: "with `<< 24` JavaScript makes a signed 32-bit number, and 0xe22a74c1 would come out negative. The reader's u32 gets this right.",
    });
  });
  test("the SPIs are copies, not views into the datagram", () => {
    const d = full(QUICK_MODE_1);
    const h = decodeHeader(d);
    d.fill(0);
    expectEqual(h.initiatorSpi, QUICK_MODE_1.header.initiatorSpi, {
      what: "initiatorSpi after the datagram's buffer was wiped",
      why: "the receive buffer is reused for the next datagram, but the cookies name the ISAKMP SA for hours. The reader returns a view into the buffer: slice() it.",
    });
    expectEqual(h.responderSpi, QUICK_MODE_1.header.responderSpi, { what: "responderSpi after the datagram's buffer was wiped" });
  });
});

describe("step 3: the version must be 1.0", () => {
  test("0x10 is accepted (see step 2); 0x20 is refused", () => {
    expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 17, 0x20)), {
      what: "decodeHeader(main mode message 1 with version 0x20)",
      error: "FieldError",
      field: "Version",
      why: "RFC 2408 section 3.1: never accept a major version larger than your own. 0x20 is how an IKEv2 message starts, and its payloads mean something else entirely.",
    });
  });
  test("major version 0 (the pre-RFC drafts) is refused", () => {
    expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 17, 0x00)), { what: "decodeHeader(version 0x00)", error: "FieldError", field: "Version" });
  });
  test("a minor version above 0 (1.1, 1.15) is refused", () => {
    for (const v of [0x11, 0x1f]) {
      expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 17, v)), {
        what: `decodeHeader(version 0x${v.toString(16)})`,
        error: "FieldError",
        field: "Version",
        why: "RFC 2408 section 3.1: with the same major version, never accept a minor version larger than your own. This implementation is 1.0.",
      });
    }
  });
});

describe("step 4: the exchange type must be one we know", () => {
  test("1-6, 32 (Quick Mode) and 33 (New Group Mode) are accepted", () => {
    for (const t of VALID_EXCHANGE_TYPES) {
      const got = decodeHeader(withByte(MAIN_MODE_1, 18, t));
      expectEqual(got.exchangeType, t, { what: `decodeHeader(exchange type ${t}).exchangeType` });
    }
  });
  test("0 (NONE) is refused: it names no exchange", () => {
    expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 18, 0)), {
      what: "decodeHeader(exchange type 0)",
      error: "FieldError",
      field: "Exchange type",
      why: "EXCHANGE_TYPE_NAMES lists 0 so that it can be printed, but no exchange has that number.",
    });
  });
  test("7, 31, 34 and 255, next to the valid ranges, are refused", () => {
    for (const t of [7, 31, 34, 255]) {
      expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 18, t)), {
        what: `decodeHeader(exchange type ${t})`,
        error: "FieldError",
        field: "Exchange type",
        why: "RFC 2408 section 5.2: an unknown exchange type is dropped (INVALID-EXCHANGE-TYPE). Check the edges of 1-6 and 32-33 carefully.",
      });
    }
  });
});

describe("step 5: reserved flag bits are refused", () => {
  test("E+C+A (0x07) is accepted; 0x08 is refused", () => {
    expectEqual(decodeHeader(withByte(MAIN_MODE_1, 19, 0x07)).flags, { encryption: true, commit: true, authenticationOnly: true }, { what: "decodeHeader(flags 0x07).flags" });
    expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 19, 0x08)), {
      what: "decodeHeader(flags 0x08)",
      error: "FieldError",
      field: "Flags",
      why: "bits 3-7 MUST be zero (RFC 2408 section 3.1); decodeFlags already refuses them.",
    });
  });
  test("0x81 is refused too", () => {
    expectThrows(() => decodeHeader(withByte(MAIN_MODE_1, 19, 0x81)), { what: "decodeHeader(flags 0x81)", error: "FieldError", field: "Flags" });
  });
});

describe("step 6: Length must be the datagram's size", () => {
  test("Length 27 in a 28-byte datagram: shorter than the header itself", () => {
    const d = fromHexLoose("e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 0000001b");
    expectThrows(() => decodeHeader(d), {
      what: "decodeHeader(a header whose Length is 27)",
      error: "FieldError",
      field: "Length",
      why: "Length counts the whole message, header included (RFC 2408 section 3.1), so it is at least 28.",
    });
    expectThrows(() => decodeHeader(fromHexLoose("e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 00000000")), {
      what: "decodeHeader(a header whose Length is 0)",
      error: "FieldError",
      field: "Length",
    });
  });
  test("a header alone with Length 28 is accepted", () => {
    const d = fromHexLoose("e47a59ffd057587f a00b8ef0902bb8ec 00 10 05 00 00000000 0000001c");
    expectEqual(decodeHeader(d).length, 28, { what: "decodeHeader(28-byte message with Length 28).length" });
  });
  test("Length 169 for a 168-byte datagram is refused", () => {
    expectThrows(() => decodeHeader(withLengthField(MAIN_MODE_1, 169)), {
      what: "decodeHeader(168 bytes whose Length says 169)",
      error: "FieldError",
      field: "Length",
      why: "the message claims a byte that never arrived; the last payload would be read past the end.",
    });
  });
  test("Length 168 in a datagram of 170 bytes is refused", () => {
    const d = new Uint8Array(170);
    d.set(full(MAIN_MODE_1));
    expectThrows(() => decodeHeader(d), {
      what: "decodeHeader(170 bytes whose Length says 168)",
      error: "FieldError",
      field: "Length",
      why: "UDP carries exactly one ISAKMP message, so extra bytes after it mean the Length field lied or something was appended.",
    });
  });
  test("the 168-byte message cut to 100 bytes is refused", () => {
    expectThrows(() => decodeHeader(full(MAIN_MODE_1).subarray(0, 100)), {
      what: "decodeHeader(main mode message 1 cut to 100 of its 168 bytes)",
      error: "FieldError",
      field: "Length",
      why: "the header itself is complete, so nothing runs out while reading it; only the Length check notices the missing payload bytes.",
    });
  });
});

describe("step 7: random datagrams", () => {
  test("random valid headers written by the reference decode to the same fields", () => {
    const r = rng("decodeHeader valid");
    for (let i = 0; i < 60; i++) {
      const h = randomHeader(r);
      const bytes = refHeader.encodeHeader(h);
      expectHeader(decodeHeader(datagramFor(bytes, h.length)), h, `decodeHeader(random header #${i}: ${hex(bytes)})`);
    }
  });
  test("random one-byte damage is accepted or refused exactly as the reference does", () => {
    const r = rng("decodeHeader damaged");
    for (let i = 0; i < 200; i++) {
      const s = r.pick(SEED_HEADERS);
      const d = full(s);
      const offset = r.int(16, 27); // past the cookies, where a changed byte can matter
      d[offset] = r.int(0, 255);
      const what = `decodeHeader(${s.label} with byte ${offset} = 0x${d[offset]!.toString(16).padStart(2, "0")}, in "${fieldAt(isakmpHeaderLayout, offset)!.name}")`;
      let want: IsakmpHeader | undefined;
      let wantError: { name: string; field: string } | undefined;
      try {
        want = ref.decodeHeader(d);
      } catch (e) {
        wantError = { name: (e as Error).name, field: (e as { field: string }).field };
      }
      if (wantError) {
        expectThrows(() => decodeHeader(d), { what, error: wantError.name as "FieldError" | "TruncatedError", field: wantError.field });
      } else {
        expectHeader(decodeHeader(d), want!, what);
      }
    }
  });
});
