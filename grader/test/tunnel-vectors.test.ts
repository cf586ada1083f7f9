/**
 * The chapter 16 strongSwan vector checked with node:crypto (OpenSSL), not
 * with the course's own ESP code: every recorded datagram's HMAC-SHA-1-96
 * ICV verifies with the logged integrity key of its direction, and AES-CBC
 * with the logged encryption key opens it to an IPv4 ping between the two
 * protected subnets with RFC 4303's default padding 1, 2, 3, ... and Next
 * Header 4 (IPv4 in IPv4: tunnel mode).
 */
import { createDecipheriv, createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { STRONGSWAN_ESP as SS } from "../tests/16-tunnel/strongswan-esp.ts";

const hex = (h: string) => Buffer.from(h, "hex");

function open(datagram: Buffer, enc: string, integ: string): Buffer {
  const body = datagram.subarray(0, datagram.length - 12);
  const icv = createHmac("sha1", hex(integ)).update(body).digest().subarray(0, 12);
  expect(icv.toString("hex"), "HMAC-SHA-1-96 over SPI..ciphertext with the logged key = the ICV charon sent").toBe(datagram.subarray(-12).toString("hex"));
  const d = createDecipheriv("aes-128-cbc", hex(enc), body.subarray(8, 24));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(body.subarray(24)), d.final()]);
}

describe("the strongSwan ESP-in-UDP vector (grader/tests/16-tunnel/strongswan-esp.ts)", () => {
  const cases = [
    { label: "echo requests 192.168.12.1 -> .2", list: SS.requests, spi: SS.toResponderSpi, enc: SS.encI, integ: SS.integI, src: "10.1.1.1", dst: "10.2.2.1", type: 8 },
    { label: "echo replies 192.168.12.2 -> .1", list: SS.replies, spi: SS.toInitiatorSpi, enc: SS.encR, integ: SS.integR, src: "10.2.2.1", dst: "10.1.1.1", type: 0 },
  ];
  for (const c of cases) {
    test(`${c.label}: ICV good, opens to a ping ${c.src} -> ${c.dst}, sequence numbers 1, 2, 3`, () => {
      c.list.forEach((h, i) => {
        const datagram = hex(h);
        expect(datagram.readUInt32BE(0), "SPI").toBe(c.spi);
        expect(datagram.readUInt32BE(4), "sequence number").toBe(i + 1);
        const plain = open(datagram, c.enc, c.integ);
        const nextHeader = plain.at(-1)!;
        const padLength = plain.at(-2)!;
        expect(nextHeader, "Next Header 4: a whole IPv4 packet inside (tunnel mode)").toBe(4);
        expect([...plain.subarray(plain.length - 2 - padLength, plain.length - 2)], "RFC 4303 section 2.4 default padding").toEqual(Array.from({ length: padLength }, (_, k) => k + 1));
        const inner = plain.subarray(0, plain.length - 2 - padLength);
        expect(inner.readUInt16BE(2), "inner Total Length = what is left").toBe(inner.length);
        expect([inner[9], [...inner.subarray(12, 16)].join("."), [...inner.subarray(16, 20)].join("."), inner[20]], "protocol ICMP, addresses, echo type").toEqual([1, c.src, c.dst, c.type]);
      });
    });
  }
});
