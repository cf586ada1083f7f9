/** Hidden tests for 05-diffie-hellman/encoding: fixed-length big-endian numbers. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { bigIntToBytes, bytesToBigInt } from "@impl/05-diffie-hellman/encoding.ts";

describe("step 1: bigIntToBytes pads on the left", () => {
  test("small values in 4 octets", () => {
    expectBytes(bigIntToBytes(0x0102n, 4, "Test"), fromHexLoose("00 00 01 02"), { what: "bigIntToBytes(0x0102n, 4)", why: "big-endian, and zeros go in front: the number's last octet is always the last octet." });
    expectBytes(bigIntToBytes(0n, 3, "Test"), fromHexLoose("00 00 00"), { what: "bigIntToBytes(0n, 3)" });
    expectBytes(bigIntToBytes(0xffffffffn, 4, "Test"), fromHexLoose("ff ff ff ff"), { what: "bigIntToBytes(0xffffffffn, 4)", why: "the largest value that fits fills every octet." });
  });
  test("a 1024-bit value whose top octet is zero keeps its 128 octets", () => {
    const v = (1n << 1015n) + 12345n; // top octet 0x00, second octet 0x80
    const got = bigIntToBytes(v, 128, "Key Exchange Data");
    expectEqual(got instanceof Uint8Array ? got.length : got, 128, { what: "the length of bigIntToBytes(a 1016-bit value, 128)", why: "RFC 2409 section 5: the Key Exchange Data is zero-prepended to the prime's length. Dropping the zero octet gives 127 octets that the peer refuses (about one exchange in 256)." });
    expectBytes(got.subarray(0, 2), fromHexLoose("00 80"), { what: "the first two octets" });
  });
});

describe("step 2: bytesToBigInt reads them back", () => {
  test("fixed values", () => {
    expectEqual(bytesToBigInt(fromHexLoose("00 00 01 02")), 0x0102n, { what: "bytesToBigInt(00 00 01 02)", why: "leading zeros change nothing." });
    expectEqual(bytesToBigInt(new Uint8Array(0)), 0n, { what: "bytesToBigInt(empty)" });
    expectEqual(bytesToBigInt(fromHexLoose("80 00 00 00 00 00 00 00 01")), 0x800000000000000001n, { what: "bytesToBigInt(9 octets)", why: "no 32- or 53-bit limit: BigInt all the way." });
  });
  test("random round trips", () => {
    const r = rng("encoding");
    for (let i = 0; i < 50; i++) {
      const bytes = r.bytes(r.int(1, 300));
      const v = bytesToBigInt(bytes);
      expectEqual(v, BigInt("0x" + Buffer.from(bytes).toString("hex")), { what: `bytesToBigInt(${bytes.length} random octets)` });
      expectBytes(bigIntToBytes(v, bytes.length, "Test"), bytes, { what: `bigIntToBytes(bytesToBigInt(x), ${bytes.length})` });
    }
  });
});

describe("step 3: values that do not fit", () => {
  test("too big for the length", () => {
    expectThrows(() => bigIntToBytes(0x10000n, 2, "Key Exchange Data"), { what: "bigIntToBytes(0x10000n, 2)", error: "FieldError", field: "Key Exchange Data", why: "cutting off the top octet silently would send a different number." });
  });
  test("negative", () => {
    expectThrows(() => bigIntToBytes(-1n, 4, "Shared secret"), { what: "bigIntToBytes(-1n, 4)", error: "FieldError", field: "Shared secret" });
  });
});
