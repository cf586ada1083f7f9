/**
 * Shared by the chapter 01 hidden tests: the seed's main mode message 1 as
 * bytes, and a helper to look inside a TruncatedError. (Not a test file: the
 * grader only runs `*.test.ts`.)
 */
import type { TruncatedError } from "@course/errors.ts";
import { expectThrows, fromHexLoose } from "@teach";

/**
 * ISAKMP header of main mode message 1 (RFC 2408 section 3.1). The seed's
 * printout shows the initiator SPI as fdf47a59ffd057587f, 9 bytes: a typo,
 * every later message of the exchange shows e47a59ffd057587f.
 */
export const MM1_HEADER_HEX = "e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 000000a8";

/** Its Security Association payload, 60 bytes (RFC 2408 sections 3.4 to 3.6; RFC 2409 Appendix A). */
export const MM1_SA_HEX = [
  "0d 00 003c 00000001 00000001", // SA: next Vendor ID, length 60, DOI IPSEC, Situation IDENTITY_ONLY
  "00 00 0030 01 01 00 01", // Proposal #1: last, length 48, ISAKMP, SPI size 0, 1 transform
  "00 00 0028 01 01 0000", // Transform #1: last, length 40, KEY_IKE
  "8001 0007 800e 0080 8002 0002 8004 0002", // AES-CBC, Key-Length 128, SHA, group 2
  "8003 0001 800b 0001", // PSK, Life-Type seconds
  "000c 0004 00015180", // Life-Duration, TLV with 4 bytes: 86400
].join(" ");

/** The four Vendor ID payloads that end it, 20 bytes each (RFC 3947, NAT-T drafts 07, 03, 02). */
export const MM1_VENDOR_IDS = [
  "4a131c81070358455c5728f20e95452f",
  "439b59f8ba676c4c7737ae22eab8f582",
  "7d9419a65310ca6f2c179d9215529d56",
  "90cb80913ebb696e086381b5ec427b1f",
];

const vendorPayloadsHex = MM1_VENDOR_IDS.map((vid, i) => `${i < MM1_VENDOR_IDS.length - 1 ? "0d" : "00"} 00 0014 ${vid}`).join(" ");

/** All 168 bytes of main mode message 1, as the initiator 192.168.12.1 sent them. */
export const MM1 = fromHexLoose(`${MM1_HEADER_HEX} ${MM1_SA_HEX} ${vendorPayloadsHex}`);

/** Runs `fn`, which must throw a TruncatedError naming `field`, and hands the error back to check its numbers. */
export function truncation(fn: () => unknown, what: string, field: string, why?: string): TruncatedError {
  expectThrows(fn, { what, error: "TruncatedError", field, why });
  try {
    fn();
  } catch (err) {
    return err as TruncatedError;
  }
  throw new Error("unreachable: expectThrows saw an error");
}
