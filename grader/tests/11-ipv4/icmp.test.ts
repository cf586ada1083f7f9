/** Hidden tests for 11-ipv4/icmp: echo messages (RFC 792) and the seed's ping. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeIcmpEcho, encodeIcmpEcho, pingPacket } from "@impl/11-ipv4/icmp.ts";
import * as ref from "@ref/11-ipv4/icmp.ts";
import { ipv4Layout, PING_DATA, R1, R2, SEED_HEADERS } from "./fixtures.ts";

const icmpLayout = [
  { name: "Type", filter: "icmp.type", offset: 0, length: 1 },
  { name: "Code", filter: "icmp.code", offset: 1, length: 1 },
  { name: "Checksum", filter: "icmp.checksum", offset: 2, length: 2 },
  { name: "Identifier (BE)", filter: "icmp.ident", offset: 4, length: 2 },
  { name: "Sequence Number (BE)", filter: "icmp.seq", offset: 6, length: 2 },
  { name: "Data", filter: "data", offset: 8, length: 10000 },
];

describe("step 1: echo messages", () => {
  test("RFC 1071 by hand: request, identifier 8, sequence 0, no data has checksum 0xf7f7", () => {
    expectBytes(encodeIcmpEcho({ type: 8, identifier: 8, sequence: 0, data: new Uint8Array(0) }), fromHexLoose("0800 f7f7 0008 0000"), {
      what: "encodeIcmpEcho(request, id 8, seq 0, no data)",
      layout: icmpLayout,
      why: "0x0800 + 0x0008 = 0x0808, inverted 0xf7f7: the checksum is computed over the message with its own field at zero.",
    });
  });
  test("random echo messages agree with the reference, and decode back", () => {
    const r = rng("icmp random");
    for (let i = 0; i < 40; i++) {
      const e = { type: r.pick([8, 0] as const), identifier: r.int(0, 0xffff), sequence: r.int(0, 0xffff), data: r.bytes(r.int(0, 200)) };
      const want = ref.encodeIcmpEcho(e);
      expectBytes(encodeIcmpEcho(e), want, { what: `encodeIcmpEcho(type ${e.type}, id ${e.identifier}, seq ${e.sequence}, ${e.data.length} data bytes)`, layout: icmpLayout, why: "the checksum covers the data too, and an odd data length is padded with a zero byte for the sum only." });
      expectEqual(decodeIcmpEcho(want), e, { what: `decodeIcmpEcho(${e.data.length + 8} bytes)` });
    }
  });
});

describe("step 2: decoding refuses what is not a sound echo message", () => {
  const good = ref.encodeIcmpEcho({ type: 8, identifier: 8, sequence: 0, data: PING_DATA });
  test("a flipped data bit breaks the checksum", () => {
    const bad = good.slice();
    bad[40]! ^= 0x10;
    expectThrows(() => decodeIcmpEcho(bad), { what: "decodeIcmpEcho(the seed's echo request with a data bit flipped)", error: "FieldError", field: "Checksum", why: "ICMP's checksum covers the data: the reply must copy the data exactly." });
  });
  test("type 3 (destination unreachable) and code 1 are not echo messages", () => {
    const t = good.slice();
    t[0] = 3;
    expectThrows(() => decodeIcmpEcho(t), { what: "decodeIcmpEcho(type 3)", error: "FieldError", field: "Type" });
    const c = good.slice();
    c[1] = 1;
    expectThrows(() => decodeIcmpEcho(c), { what: "decodeIcmpEcho(code 1)", error: "FieldError", field: "Code" });
  });
  test("a message cut to 6 bytes", () => {
    expectThrows(() => decodeIcmpEcho(good.slice(0, 6)), { what: "decodeIcmpEcho(6 bytes)", error: "TruncatedError", field: "Sequence Number (BE)" });
  });
});

describe("step 3: the seed's ping as a whole packet", () => {
  test("192.168.12.1 → .2 with 72 data bytes: a 100-byte packet whose header is the seed's inner header", () => {
    const p = pingPacket({ src: R1, dst: R2, identification: 0x003c, echo: { type: 8, identifier: 8, sequence: 0, data: PING_DATA } });
    expectEqual(p.length, 100, { what: "pingPacket(the seed's ping).length", why: "20 (IPv4) + 8 (ICMP header) + 72 (data): the size AH and ESP protect in chapters 12-15." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[2]!.bytes, { what: "the IPv4 header of pingPacket(the seed's ping)", layout: ipv4Layout(), why: "the seed's AH tunnel capture shows this inner header: ID 0x003c, TTL 255, protocol ICMP, checksum 0x2209." });
  });
  test("random pings agree with the reference", () => {
    const r = rng("ping random");
    for (let i = 0; i < 20; i++) {
      const o = { src: R2, dst: R1, identification: r.int(0, 0xffff), ttl: r.int(1, 255), echo: { type: 0 as const, identifier: r.int(0, 0xffff), sequence: r.int(0, 0xffff), data: r.bytes(r.int(0, 100)) } };
      expectBytes(pingPacket(o), ref.pingPacket(o), { what: `pingPacket(reply, ttl ${o.ttl}, ${o.echo.data.length} data bytes)`, layout: ipv4Layout() });
    }
  });
});
