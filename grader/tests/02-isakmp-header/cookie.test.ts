/**
 * Hidden tests for 02-isakmp-header/cookie: anti-clogging cookies, RFC 2408
 * section 2.5.3, with this course's recipe:
 *   first 8 bytes of SHA-256(secret | peer IPv4 | peer port | local IPv4 | local port | time)
 * Fixed vectors are hashed here with Node's own SHA-256, not with the
 * reference solution.
 */
import { createHash } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, fromHexLoose, hex, rng, type Rng } from "@teach";
import { makeCookie, type CookieInput } from "@impl/02-isakmp-header/cookie.ts";
import * as ref from "@ref/02-isakmp-header/cookie.ts";

/** SHA-256 by Node (OpenSSL), cut to 8 bytes. */
const first8OfSha256 = (message: Uint8Array) => new Uint8Array(createHash("sha256").update(message).digest().subarray(0, 8));

// A made-up 16-byte secret; a real router draws it at random when it boots.
const SECRET_HEX = "5e c2 e7 1a 90 4b 33 d8 0f 61 a4 7c 2e 95 b0 d3";

/** The seed's initiator (192.168.12.1) making a cookie for the responder (192.168.12.2), both on UDP port 500. */
const INITIATOR: CookieInput = {
  secret: fromHexLoose(SECRET_HEX),
  localAddress: "192.168.12.1",
  localPort: 500,
  peerAddress: "192.168.12.2",
  peerPort: 500,
  time: 1700000000,
};
// Written out by hand: secret, peer c0a80c02:01f4, local c0a80c01:01f4, time 0x6553f100.
const INITIATOR_MESSAGE = fromHexLoose(`${SECRET_HEX} c0a80c02 01f4 c0a80c01 01f4 6553f100`);

/** The responder's side, one second later: the roles of the two addresses swap. */
const RESPONDER: CookieInput = { ...INITIATOR, localAddress: "192.168.12.2", peerAddress: "192.168.12.1", time: 1700000001 };
const RESPONDER_MESSAGE = fromHexLoose(`${SECRET_HEX} c0a80c01 01f4 c0a80c02 01f4 6553f101`);

const describeInput = (i: CookieInput) =>
  `{ secret: ${hex(i.secret) || "(empty)"}, local: ${i.localAddress}:${i.localPort}, peer: ${i.peerAddress}:${i.peerPort}, time: ${i.time} }`;

describe("step 1: the recipe, on the seed's two routers", () => {
  test("the initiator's cookie for 192.168.12.2", () => {
    const want = first8OfSha256(INITIATOR_MESSAGE);
    expectBytes(makeCookie(INITIATOR), want, {
      what: `makeCookie(${describeInput(INITIATOR)})`,
      why: `the hash input is secret | peer address | peer port | local address | local port | time, in that order, numbers big-endian: ${hex(INITIATOR_MESSAGE)}. Its SHA-256 starts with ${hex(want)}. Another order, or a port written as text, gives a different cookie.`,
    });
  });
  test("the responder's cookie for 192.168.12.1", () => {
    expectBytes(makeCookie(RESPONDER), first8OfSha256(RESPONDER_MESSAGE), {
      what: `makeCookie(${describeInput(RESPONDER)})`,
      why: "from the responder's side the peer is 192.168.12.1: the peer's address always comes first, right after the secret.",
    });
  });
  test("edge values: port 0 and 65535, time 0 and 0xffffffff, addresses 0.0.0.0 and 255.255.255.255", () => {
    const input: CookieInput = { secret: new Uint8Array(0), localAddress: "0.0.0.0", localPort: 0, peerAddress: "255.255.255.255", peerPort: 65535, time: 0xffffffff };
    expectBytes(makeCookie(input), first8OfSha256(fromHexLoose("ffffffff ffff 00000000 0000 ffffffff")), {
      what: `makeCookie(${describeInput(input)})`,
      why: "the largest values still fit their fields (u16 ports, u32 time); nothing may be refused or wrapped here.",
    });
  });
  test("the same input gives the same cookie", () => {
    expectBytes(makeCookie(INITIATOR), makeCookie({ ...INITIATOR }), {
      what: "makeCookie called twice with the same input",
      why: "a responder recomputes its cookie to check the one that comes back; a cookie with a random part it cannot recompute would never match.",
    });
  });
});

describe("step 2: changing any one input changes the cookie", () => {
  const changes: readonly [string, (i: CookieInput) => CookieInput][] = [
    ["one bit of the secret", (i) => ({ ...i, secret: i.secret.map((b, k) => (k === 0 ? b ^ 0x01 : b)) })],
    ["the peer address", (i) => ({ ...i, peerAddress: "192.168.12.3" })],
    ["the peer port (500 → 4500, NAT-T)", (i) => ({ ...i, peerPort: 4500 })],
    ["the local address", (i) => ({ ...i, localAddress: "192.168.12.9" })],
    ["the local port", (i) => ({ ...i, localPort: 4500 })],
    ["the time, by one second", (i) => ({ ...i, time: i.time + 1 })],
    ["the roles: peer and local swapped", (i) => ({ ...i, localAddress: i.peerAddress, peerAddress: i.localAddress })],
  ];
  for (const [label, change] of changes) {
    test(label, () => {
      const changed = change(INITIATOR);
      const a = makeCookie(INITIATOR);
      const b = makeCookie(changed);
      expectTrue(
        a instanceof Uint8Array && b instanceof Uint8Array && hex(a) !== hex(b),
        `makeCookie gave the same cookie ${hex(a instanceof Uint8Array ? a : new Uint8Array(0))} after changing ${label}: that input is not in the hash (or not where it should be).`,
        "RFC 2408 section 2.5.3: the cookie must depend on both parties and on a secret only its maker knows, and be new for each SA. Leave out an input and a forger can reuse cookies.",
      );
    });
  }
});

describe("step 3: bad addresses, ports and times are refused", () => {
  test("an address with an octet of 256", () => {
    expectThrows(() => makeCookie({ ...INITIATOR, peerAddress: "192.168.12.256" }), {
      what: 'makeCookie(peerAddress "192.168.12.256")',
      error: "TextFormatError",
      field: "IPv4 address",
      why: "parseIPv4 refuses it; let its error through rather than hashing a guess.",
    });
  });
  test("an address with three octets, and an IPv6 address", () => {
    expectThrows(() => makeCookie({ ...INITIATOR, localAddress: "192.168.12" }), { what: 'makeCookie(localAddress "192.168.12")', error: "TextFormatError", field: "IPv4 address" });
    expectThrows(() => makeCookie({ ...INITIATOR, peerAddress: "2001:db8::2" }), {
      what: 'makeCookie(peerAddress "2001:db8::2")',
      error: "TextFormatError",
      field: "IPv4 address",
      why: "this recipe hashes 4-byte IPv4 addresses only.",
    });
  });
  test("port 65536 and port -1", () => {
    expectThrows(() => makeCookie({ ...INITIATOR, peerPort: 65536 }), {
      what: "makeCookie(peerPort 65536)",
      error: "FieldError",
      field: "Peer port",
      why: "a UDP port is 16 bits (0 to 65535). The writer checks it when you pass the field name \"Peer port\".",
    });
    expectThrows(() => makeCookie({ ...INITIATOR, localPort: -1 }), { what: "makeCookie(localPort -1)", error: "FieldError", field: "Local port" });
    expectThrows(() => makeCookie({ ...INITIATOR, localPort: 500.5 }), { what: "makeCookie(localPort 500.5)", error: "FieldError", field: "Local port" });
  });
  test("a time that does not fit in 32 bits", () => {
    expectThrows(() => makeCookie({ ...INITIATOR, time: 2 ** 32 }), {
      what: "makeCookie(time 2^32)",
      error: "FieldError",
      field: "Time",
      why: "the time is hashed as an unsigned 32-bit number of seconds; pass the field name \"Time\" to the writer.",
    });
    expectThrows(() => makeCookie({ ...INITIATOR, time: -1 }), { what: "makeCookie(time -1)", error: "FieldError", field: "Time" });
  });
});

describe("step 4: random inputs", () => {
  const randomAddress = (r: Rng) => Array.from(r.bytes(4)).join(".");
  const randomInput = (r: Rng): CookieInput => ({
    secret: r.bytes(r.int(0, 40)),
    localAddress: randomAddress(r),
    localPort: r.pick([500, 4500, r.int(0, 65535)]),
    peerAddress: randomAddress(r),
    peerPort: r.pick([500, 4500, r.int(0, 65535)]),
    time: r.int(0, 0xffffffff),
  });
  test("agree with the reference", () => {
    const r = rng("makeCookie");
    for (let i = 0; i < 60; i++) {
      const input = randomInput(r);
      expectBytes(makeCookie(input), ref.makeCookie(input), { what: `makeCookie(${describeInput(input)})` });
    }
  });
  test("agree with Node's SHA-256 over the bytes assembled here", () => {
    const r = rng("makeCookie node");
    for (let i = 0; i < 20; i++) {
      const input = randomInput(r);
      const message = new Uint8Array(input.secret.length + 16);
      const view = new DataView(message.buffer);
      message.set(input.secret);
      let at = input.secret.length;
      for (const [address, port] of [[input.peerAddress, input.peerPort], [input.localAddress, input.localPort]] as const) {
        message.set(address.split(".").map(Number), at);
        view.setUint16(at + 4, port);
        at += 6;
      }
      view.setUint32(at, input.time);
      expectEqual(hex(makeCookie(input)), hex(first8OfSha256(message)), { what: `makeCookie(${describeInput(input)})` });
    }
  });
});
