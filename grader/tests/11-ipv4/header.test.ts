/** Hidden tests for 11-ipv4/header: encoding the 20-byte header, RFC 791 section 3.1. */
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import { encodeIpv4Header } from "@impl/11-ipv4/header.ts";
import * as ref from "@ref/11-ipv4/header.ts";
import { ipv4Layout, SEED_HEADERS } from "./fixtures.ts";

const { checksum: _unused, ...fieldsOf } = SEED_HEADERS[0]!.header;

describe("step 1: the seed's headers, byte for byte", () => {
  test("all seven IPv4 headers of the seed's AH and ESP captures", () => {
    for (const s of SEED_HEADERS) {
      const { checksum: _, ...fields } = s.header;
      expectBytes(encodeIpv4Header(fields), s.bytes, {
        what: `encodeIpv4Header(${s.label})`,
        layout: ipv4Layout(),
        why: "these are the headers Wireshark printed in the seed, checksum included: a router receiving yours must see the same bytes.",
      });
    }
  });
});

describe("step 2: every field in its place", () => {
  test("random headers agree with the reference", () => {
    const r = rng("ipv4 header random");
    for (let i = 0; i < 50; i++) {
      const h = {
        tos: r.int(0, 255),
        totalLength: r.int(20, 65535),
        identification: r.int(0, 0xffff),
        flags: r.int(0, 7),
        fragmentOffset: r.int(0, 0x1fff),
        ttl: r.int(0, 255),
        protocol: r.pick([1, 4, 6, 17, 50, 51]),
        src: `${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`,
        dst: `${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`,
      };
      expectBytes(encodeIpv4Header(h), ref.encodeIpv4Header(h), {
        what: `encodeIpv4Header(${JSON.stringify(h)})`,
        layout: ipv4Layout(),
        why: "flags are the top 3 bits of bytes 6-7 and the fragment offset the low 13: (flags << 13) | offset.",
      });
    }
  });
});

describe("step 3: values that do not fit are refused", () => {
  test("flags above 7, a fragment offset above 8191, a total length below 20", () => {
    expectThrows(() => encodeIpv4Header({ ...fieldsOf, flags: 8 }), { what: "encodeIpv4Header(flags 8)", error: "FieldError", field: "Flags", why: "there are only 3 flag bits." });
    expectThrows(() => encodeIpv4Header({ ...fieldsOf, fragmentOffset: 0x2000 }), { what: "encodeIpv4Header(fragment offset 8192)", error: "FieldError", field: "Fragment Offset", why: "the offset has 13 bits; a larger value would spill into the flags." });
    expectThrows(() => encodeIpv4Header({ ...fieldsOf, totalLength: 19 }), { what: "encodeIpv4Header(total length 19)", error: "FieldError", field: "Total Length", why: "Total Length counts the 20-byte header too." });
  });
});
