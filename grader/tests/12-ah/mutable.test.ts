/** Hidden tests for 12-ah/mutable: the IPv4 fields AH leaves out of its ICV, RFC 4302 section 3.3.3.1.1.1. */
import { describe, test } from "vitest";
import { expectBytes, expectThrows, fromHexLoose, rng } from "@teach";
import { zeroMutableFields } from "@impl/12-ah/mutable.ts";
import * as ref from "@ref/12-ah/mutable.ts";
import { ipv4Layout, SEED_HEADERS } from "../11-ipv4/fixtures.ts";

describe("step 1: the seed's AH transport header", () => {
  test("TTL 255 and checksum 0x21d3 become zero; lengths, ID, protocol, addresses stay", () => {
    const h = SEED_HEADERS[0]!.bytes;
    const copy = h.slice();
    expectBytes(zeroMutableFields(h), fromHexLoose("4500007c00280000 00 33 0000 c0a80c01c0a80c02"), {
      what: "zeroMutableFields(the seed's AH transport header)",
      layout: ipv4Layout(),
      why: "every router decrements TTL and rewrites the checksum, so the sender cannot know their values at the receiver: AH authenticates them as zero.",
    });
    expectBytes(h, copy, { what: "the header passed to zeroMutableFields, afterwards", why: "return a copy: the real header still has to go on the wire with its TTL and checksum." });
  });
});

describe("step 2: DS field, flags and fragment offset are mutable too", () => {
  test("random headers agree with the reference", () => {
    const r = rng("mutable random");
    for (let i = 0; i < 30; i++) {
      const h = r.bytes(20);
      expectBytes(zeroMutableFields(h), ref.zeroMutableFields(h), {
        what: "zeroMutableFields(a random 20-byte header)",
        layout: ipv4Layout(),
        why: "zero byte 1 (DSCP/ECN), bytes 6-7 (flags and fragment offset), byte 8 (TTL), bytes 10-11 (checksum); nothing else.",
      });
    }
  });
  test("a whole packet instead of the header is refused", () => {
    expectThrows(() => zeroMutableFields(new Uint8Array(100)), { what: "zeroMutableFields(100 bytes)", error: "FieldError", field: "Header Length" });
  });
});
