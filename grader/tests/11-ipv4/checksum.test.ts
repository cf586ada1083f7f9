/** Hidden tests for 11-ipv4/checksum: the Internet checksum of RFC 1071. */
import { describe, test } from "vitest";
import { expectEqual, expectTrue, hex, rng } from "@teach";
import { checksumIsValid, internetChecksum, onesComplementSum } from "@impl/11-ipv4/checksum.ts";
import * as ref from "@ref/11-ipv4/checksum.ts";
import { SEED_HEADERS } from "./fixtures.ts";

const zeroed = (b: Uint8Array) => {
  const c = b.slice();
  c[10] = 0;
  c[11] = 0;
  return c;
};

describe("step 1: the one's-complement sum", () => {
  test("RFC 1071 section 3's example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2", () => {
    expectEqual(onesComplementSum(Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7])), 0xddf2, {
      what: "onesComplementSum(00 01 f2 03 f4 f5 f6 f7)",
      why: "0x0001 + 0xf203 + 0xf4f5 + 0xf6f7 = 0x2ddf0; the carry 2 is added back at the bottom: 0xddf0 + 2 = 0xddf2 (RFC 1071 section 3).",
    });
  });
  test("a carry is folded back in, not dropped", () => {
    expectEqual(onesComplementSum(Uint8Array.from([0xff, 0xff, 0x00, 0x01])), 0x0001, {
      what: "onesComplementSum(ff ff 00 01)",
      why: "0xffff + 0x0001 = 0x10000: the carry out of bit 15 comes back as +1, giving 0x0001. Dropping it would give 0.",
    });
  });
  test("an odd last byte is the high byte of a word", () => {
    expectEqual(onesComplementSum(Uint8Array.from([0x12, 0x34, 0x56])), 0x1234 + 0x5600, {
      what: "onesComplementSum(12 34 56)",
      why: "RFC 1071 pads an odd length with a zero byte at the end: the last word is 0x5600, not 0x0056.",
    });
  });
});

describe("step 2: checksums of the seed's headers", () => {
  test("each header's checksum, computed with the field at zero, is the one Wireshark printed", () => {
    for (const s of SEED_HEADERS) {
      expectEqual(internetChecksum(zeroed(s.bytes)), s.header.checksum, {
        what: `internetChecksum(${s.label} header with the checksum field zeroed: ${hex(zeroed(s.bytes))})`,
        why: "the sender computes the checksum over the 20 header bytes with bytes 10-11 at 0, then inverts the sum.",
      });
    }
  });
  test("each header, checksum included, is valid; any single flipped bit makes it invalid", () => {
    const r = rng("checksum flips");
    for (const s of SEED_HEADERS) {
      expectTrue(checksumIsValid(s.bytes) === true, `checksumIsValid(${s.label} header) should be true: a correct header sums to 0xffff.`);
      const bad = s.bytes.slice();
      const at = r.int(0, 19);
      bad[at]! ^= 1 << r.int(0, 7);
      expectTrue(checksumIsValid(bad) === false, `checksumIsValid(${s.label} header with a bit of byte ${at} flipped) should be false.`, "the checksum exists to catch exactly this: one bit damaged in transit.");
    }
  });
});

describe("step 3: random data agrees with the reference", () => {
  test("sums and checksums of random blocks, odd and even lengths", () => {
    const r = rng("checksum random");
    for (let i = 0; i < 60; i++) {
      const data = r.bytes(r.int(0, 1500));
      expectEqual(onesComplementSum(data), ref.onesComplementSum(data), { what: `onesComplementSum(${data.length} random bytes)` });
      expectEqual(internetChecksum(data), ref.internetChecksum(data), { what: `internetChecksum(${data.length} random bytes)` });
    }
  });
});
