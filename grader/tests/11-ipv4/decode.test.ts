/** Hidden tests for 11-ipv4/decode: a receiver's checks, RFC 791 and RFC 1122 section 3.2.1. */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng, show } from "@teach";
import { decodeIpv4 } from "@impl/11-ipv4/decode.ts";
import * as ref from "@ref/11-ipv4/decode.ts";
import { fieldName, ipv4Layout, randomPing, SEED_HEADERS, SEED_PING } from "./fixtures.ts";

const withPayload = (header: Uint8Array, total: number) => {
  const p = new Uint8Array(total);
  p.set(header);
  return p;
};

describe("step 1: the seed's headers decode", () => {
  test("every field of the seven seed headers", () => {
    for (const s of SEED_HEADERS) {
      const got = decodeIpv4(withPayload(s.bytes, s.header.totalLength));
      expectEqual(got.header, s.header, { what: `decodeIpv4(${s.label}).header`, why: "each field as Wireshark printed it: addresses as dotted text, flags and fragment offset split apart." });
      expectEqual(got.payload.length, s.header.totalLength - 20, { what: `decodeIpv4(${s.label}).payload.length`, why: "the payload runs from byte 20 to Total Length." });
    }
  });
  test("Ethernet padding after Total Length is not part of the payload", () => {
    const padded = new Uint8Array(SEED_PING.length + 6);
    padded.set(SEED_PING);
    expectEqual(decodeIpv4(padded).payload, SEED_PING.subarray(20), { what: "decodeIpv4(the seed's ping followed by 6 padding bytes).payload", why: "a short packet sits in a 60-byte Ethernet frame: the bytes past Total Length are the link's, not IP's." });
  });
  test("random pings agree with the reference", () => {
    const r = rng("ipv4 decode random");
    for (let i = 0; i < 30; i++) {
      const p = randomPing(r);
      expectEqual(decodeIpv4(p), ref.decodeIpv4(p), { what: `decodeIpv4(${show(p)})` });
    }
  });
});

describe("step 2: damaged packets are refused, naming the field", () => {
  test("cut inside the header: the field that ran out", () => {
    for (const cut of [0, 1, 3, 9, 11, 15, 19]) {
      expectThrows(() => decodeIpv4(SEED_PING.slice(0, cut)), {
        what: `decodeIpv4(the first ${cut} bytes of the seed's ping)`,
        error: "TruncatedError",
        field: cut === 0 ? "Version" : fieldName(
          [{ name: "Version", offset: 0, length: 1 }, ...ipv4Layout().slice(1, 8).map((f) => ({ ...f, name: f.name.split(" / ")[0]! })), { name: "Source Address", offset: 12, length: 4 }, { name: "Destination Address", offset: 16, length: 4 }],
          cut,
        ),
        why: "read the fields in order with the reader and let it name the one that is missing.",
      });
    }
  });
  test("version 6 in an IPv4 packet", () => {
    const bad = SEED_PING.slice();
    bad[0] = 0x65;
    expectThrows(() => decodeIpv4(bad), { what: "decodeIpv4(first byte 0x65)", error: "FieldError", field: "Version", why: "the high nibble of byte 0 is the version: 6 means IPv6, whose header is laid out differently." });
  });
  test("IHL below 5, and IHL 6 (options)", () => {
    for (const b of [0x44, 0x46]) {
      const bad = SEED_PING.slice();
      bad[0] = b;
      expectThrows(() => decodeIpv4(bad), { what: `decodeIpv4(first byte 0x${b.toString(16)})`, error: "FieldError", field: "Header Length", why: "IHL counts 32-bit words: below 5 the fixed fields do not fit; above 5 there are options, which this course does not handle." });
    }
  });
  test("Total Length larger than the packet, or smaller than the header", () => {
    expectThrows(() => decodeIpv4(SEED_PING.slice(0, 99)), { what: "decodeIpv4(the seed's ping cut to 99 of its 100 bytes)", error: "FieldError", field: "Total Length", why: "the header promises 100 bytes and 99 arrived: the packet was cut." });
    const bad = SEED_PING.slice();
    bad[2] = 0;
    bad[3] = 16;
    expectThrows(() => decodeIpv4(bad), { what: "decodeIpv4(Total Length 16)", error: "FieldError", field: "Total Length", why: "Total Length includes the 20-byte header: 16 is impossible." });
  });
  test("a flipped bit anywhere in the header breaks the checksum", () => {
    const r = rng("ipv4 decode flips");
    for (let i = 0; i < 10; i++) {
      const at = r.pick([1, 4, 5, 6, 8, 9, 10, 11, 12, 15, 16, 19]);
      const bad = SEED_PING.slice();
      bad[at]! ^= 1 << r.int(0, 7);
      expectThrows(() => decodeIpv4(bad), {
        what: `decodeIpv4(the seed's ping with a bit of byte ${at} flipped)`,
        error: "FieldError",
        field: "Header Checksum",
        why: "the header no longer sums to 0xffff. Check the checksum after the other fields, so a bad version or length is reported as such.",
      });
    }
  });
});
