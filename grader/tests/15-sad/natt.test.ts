/** Hidden tests for 15-sad/natt: ESP in UDP on port 4500 and the non-ESP marker, RFC 3948. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { classify4500, espFromUdp, espInUdp } from "@impl/15-sad/natt.ts";
import * as ref from "@ref/15-sad/natt.ts";
import { espTransport } from "@ref/13-esp/encapsulate.ts";
import { checksumIsValid } from "@ref/11-ipv4/checksum.ts";
import { packetLayout, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { ESP_TRANSPORT_SA, IV, randomEspSa } from "../12-ah/sas.ts";

const esp = espTransport(seedPing(0x0042), ESP_TRANSPORT_SA, 1, IV);
const udpLayout = [
  { name: "Source Port", filter: "udp.srcport", offset: 20, length: 2 },
  { name: "Destination Port", filter: "udp.dstport", offset: 22, length: 2 },
  { name: "Length", filter: "udp.length", offset: 24, length: 2 },
  { name: "Checksum", filter: "udp.checksum", offset: 26, length: 2 },
];

describe("step 1: telling IKE, ESP and keepalives apart on port 4500", () => {
  test("four zero bytes: IKE, the marker removed", () => {
    const ike = fromHexLoose("00000000 e47a59ff8c99d7f0 0000000000000000 0110 0200 00000000 00000024");
    const got = classify4500(ike);
    expectEqual(got, { kind: "ike", message: ike.subarray(4) }, { what: "classify4500(marker + an ISAKMP header)", why: "RFC 3948 section 2.2: IKE on 4500 starts with the 4-byte non-ESP marker; strip it and you have the ISAKMP message." });
  });
  test("a non-zero SPI: ESP", () => {
    expectEqual(classify4500(esp.subarray(20)), { kind: "esp", esp: esp.subarray(20) }, { what: "classify4500(an ESP packet)", why: "ESP's first four bytes are its SPI, and SPI 0 is reserved: anything but zero is ESP." });
  });
  test("one 0xff byte: NAT-keepalive", () => {
    expectEqual(classify4500(Uint8Array.from([0xff])), { kind: "keepalive" }, { what: "classify4500(ff)", why: "RFC 3948 section 2.3: a keepalive keeps the NAT's port mapping alive and is dropped." });
  });
  test("twins: too short to tell, and ESP without its sequence number", () => {
    expectThrows(() => classify4500(fromHexLoose("0000")), { what: "classify4500(00 00)", error: "TruncatedError", field: "Non-ESP Marker" });
    expectThrows(() => classify4500(fromHexLoose("36cb42df00")), { what: "classify4500(SPI + 1 byte)", error: "TruncatedError", field: "ESP Sequence" });
  });
});

describe("step 2: wrapping ESP in UDP and back", () => {
  test("the seed's ESP packet: protocol 17, ports 4500, length 140, checksum 0", () => {
    const got = espInUdp(esp);
    expectEqual(got.length, 160, { what: "espInUdp(the seed's 152-byte ESP packet).length", why: "8 more bytes: the UDP header." });
    expectBytes(got.subarray(20, 28), fromHexLoose("1194 1194 008c 0000"), { what: "the UDP header of espInUdp(the seed's ESP packet)", layout: udpLayout.map((f) => ({ ...f, offset: f.offset - 20 })), why: "ports 4500 (0x1194), Length 8 + 132, checksum 0 as RFC 3948 section 2.1 says for ESP in UDP." });
    expectEqual(got[9], 17, { what: "the IPv4 Protocol of espInUdp(...)" });
    expectEqual(checksumIsValid(got.subarray(0, 20)), true, { what: "the IPv4 header checksum of espInUdp(...) is valid" });
    expectBytes(got.subarray(28), esp.subarray(20), { what: "the UDP payload of espInUdp(...)", why: "the ESP packet itself is unchanged: same SPI, same ICV." });
    expectBytes(espFromUdp(got), esp, { what: "espFromUdp(espInUdp(the seed's ESP packet))", layout: packetLayout(), why: "unwrapped, it is the original ESP packet, ready for espInbound." });
  });
  test("random ESP packets agree with the reference", () => {
    const r = rng("natt random");
    for (let i = 0; i < 10; i++) {
      const p = espTransport(SEED_PING, randomEspSa(r), i + 1);
      const sport = r.int(1024, 65535);
      expectBytes(espInUdp(p, sport), ref.espInUdp(p, sport), { what: `espInUdp(ESP packet ${i}, source port ${sport})`, layout: packetLayout(udpLayout) });
    }
  });
  test("twins: not ESP, not port 4500, IKE on 4500, a wrong UDP length", () => {
    expectThrows(() => espInUdp(SEED_PING), { what: "espInUdp(a plain ping)", error: "FieldError", field: "Protocol" });
    const wrapped = ref.espInUdp(esp);
    expectThrows(() => espFromUdp(ref.espInUdp(esp, 4500, 4501)), { what: "espFromUdp(destination port 4501)", error: "FieldError", field: "Destination Port" });
    const ike = wrapped.slice();
    ike.fill(0, 28, 32);
    expectThrows(() => espFromUdp(ike), { what: "espFromUdp(an IKE message on 4500)", error: "FieldError", field: "Non-ESP Marker", why: "a zero marker means IKE: hand it to the IKE daemon, not to ESP." });
    const badLen = wrapped.slice();
    badLen[25] = 0x8b;
    expectThrows(() => espFromUdp(badLen), { what: "espFromUdp(UDP Length 139 in a 140-byte datagram)", error: "FieldError", field: "Length" });
  });
});
