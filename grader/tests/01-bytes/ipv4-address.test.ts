/**
 * Hidden tests for 01-bytes/ipv4-address: text to bytes, bytes to text, then
 * the 32-bit number, and all along the text that must be refused.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { formatIPv4, ipv4ToNumber, numberToIPv4, parseIPv4 } from "@impl/01-bytes/ipv4-address.ts";
import * as ref from "@ref/01-bytes/ipv4-address.ts";

// The Identification payload of the seed's aggressive mode message 2, sent by
// 192.168.12.2 (RFC 2408 section 3.8, RFC 2407 section 4.6.2): generic header
// (Next payload Nonce, Payload length 12), ID type IPV4_ADDR (1), Protocol ID
// and Port unused, then the 4 address bytes.
const ID_PAYLOAD = fromHexLoose("0a 00 000c 01 00 0000 c0a80c02");

/** Dotted text for 4 bytes, written by the test itself (not by the code under test). */
const dotted = (b: Uint8Array) => `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;

describe("step 1: parseIPv4 turns dotted text into 4 bytes", () => {
  test("the two routers of the seed: 192.168.12.1 and 192.168.12.2", () => {
    expectBytes(parseIPv4("192.168.12.1"), fromHexLoose("c0a80c01"), {
      what: 'parseIPv4("192.168.12.1")',
      why: "the initiator's address; on the wire each of the four numbers is one byte: 192 = c0, 168 = a8, 12 = 0c, 1 = 01.",
    });
    expectBytes(parseIPv4("192.168.12.2"), ID_PAYLOAD.subarray(8), {
      what: 'parseIPv4("192.168.12.2")',
      why: "these are the exact 4 bytes the responder puts in its ID_IPV4_ADDR identity; a peer compares them byte for byte.",
    });
  });
  test("the smallest and largest addresses, and the crypto ACL's 10.1.0.0", () => {
    expectBytes(parseIPv4("0.0.0.0"), fromHexLoose("00000000"), { what: 'parseIPv4("0.0.0.0")', why: "a part may be a single 0." });
    expectBytes(parseIPv4("255.255.255.255"), fromHexLoose("ffffffff"), { what: 'parseIPv4("255.255.255.255")' });
    expectBytes(parseIPv4("10.1.0.0"), fromHexLoose("0a010000"), { what: 'parseIPv4("10.1.0.0")' });
  });
  test("random addresses", () => {
    const r = rng("parseIPv4");
    for (let i = 0; i < 60; i++) {
      const b = r.bytes(4);
      expectBytes(parseIPv4(dotted(b)), b, { what: `parseIPv4(${JSON.stringify(dotted(b))})` });
    }
  });
});

describe("step 2: text that is not exactly an IPv4 address is refused", () => {
  const bad: [string, string][] = [
    ["192.168.12", "three parts: a missing byte cannot be guessed (some old parsers read it as 192.168.0.12)."],
    ["192.168.12.1.5", "five parts: an address has exactly four bytes."],
    ["256.1.1.1", "256 does not fit in one byte; keeping only the low 8 bits would turn it into 0."],
    ["01.2.3.4", "a leading zero: some systems read 010 as octal 8, so the same text would mean two addresses."],
    ["1.2.3.-4", "a sign is not a digit."],
    [" 1.2.3.4", "a space is not a digit; trim input where it is read, not in the parser."],
    ["1..3.4", "an empty part is not 0."],
    ["", "no text at all."],
    ["a.b.c.d", "letters are not digits."],
    ["1.2.3.0x4", "hex belongs in the bytes, not in dotted text."],
    ["1.2.3.4 ", "a trailing space is not a digit either."],
  ];
  for (const [text, why] of bad) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      expectThrows(() => parseIPv4(text), { what: `parseIPv4(${JSON.stringify(text)})`, error: "TextFormatError", field: "IPv4 address", why });
    });
  }
});

describe("step 3: formatIPv4 writes 4 bytes as dotted text", () => {
  test("the address inside the seed's Identification payload", () => {
    expectEqual(formatIPv4(ID_PAYLOAD.subarray(8, 12)), "192.168.12.2", {
      what: "formatIPv4(c0 a8 0c 02)",
      why: "Wireshark shows this identity as ID_IPV4_ADDR: 192.168.12.2.",
    });
  });
  test("zeros are written without padding", () => {
    expectEqual(formatIPv4(fromHexLoose("0a010000")), "10.1.0.0", { what: "formatIPv4(0a 01 00 00)", why: '"010.001.000.000" would not even parse back.' });
  });
  test("round trip: formatIPv4(parseIPv4(text)) is text", () => {
    const r = rng("formatIPv4");
    for (let i = 0; i < 60; i++) {
      const b = r.bytes(4);
      expectEqual(formatIPv4(b), dotted(b), { what: `formatIPv4(${ref.formatIPv4(b)} as bytes)` });
      expectEqual(formatIPv4(parseIPv4(dotted(b))), dotted(b), { what: `formatIPv4(parseIPv4(${JSON.stringify(dotted(b))}))` });
    }
  });
  test("only exactly 4 bytes are an IPv4 address", () => {
    expectThrows(() => formatIPv4(fromHexLoose("c0a80c")), {
      what: "formatIPv4(3 bytes)",
      error: "FieldError",
      field: "IPv4 address",
      why: "a short identity means a parser read the wrong number of bytes; printing \"192.168.12.undefined\" hides that.",
    });
    expectThrows(() => formatIPv4(fromHexLoose("c0a80c0205")), { what: "formatIPv4(5 bytes)", error: "FieldError", field: "IPv4 address" });
  });
});

describe("step 4: an address is also one unsigned 32-bit number", () => {
  test("192.168.12.2 is 3232238594 (0xc0a80c02), not negative", () => {
    expectEqual(ipv4ToNumber(fromHexLoose("c0a80c02")), 3232238594, {
      what: "ipv4ToNumber(192.168.12.2)",
      why: "every address from 128.0.0.0 up has its top bit set; `<<` would make it negative and break every comparison in the next exercise.",
    });
    expectEqual(ipv4ToNumber(fromHexLoose("ffffffff")), 4294967295, { what: "ipv4ToNumber(255.255.255.255)" });
  });
  test("numberToIPv4 is the reverse", () => {
    expectBytes(numberToIPv4(3232238593), fromHexLoose("c0a80c01"), { what: "numberToIPv4(3232238593)", why: "that number is 192.168.12.1." });
    expectBytes(numberToIPv4(0), fromHexLoose("00000000"), { what: "numberToIPv4(0)" });
  });
  test("random numbers agree with the reference, both ways", () => {
    const r = rng("ipv4ToNumber");
    for (let i = 0; i < 60; i++) {
      const b = r.bytes(4);
      const n = ref.ipv4ToNumber(b);
      expectEqual(ipv4ToNumber(b), n, { what: `ipv4ToNumber(${dotted(b)})` });
      expectBytes(numberToIPv4(n), b, { what: `numberToIPv4(${n})` });
    }
  });
  test("numbers that are no address, and byte strings of the wrong size, are refused", () => {
    expectThrows(() => numberToIPv4(2 ** 32), {
      what: "numberToIPv4(2^32)",
      error: "FieldError",
      field: "IPv4 address",
      why: "2^32 needs 33 bits; wrapping it to 0.0.0.0 would send traffic somewhere else entirely.",
    });
    expectThrows(() => numberToIPv4(-1), {
      what: "numberToIPv4(-1)",
      error: "FieldError",
      field: "IPv4 address",
      why: "a negative number here means a signed result slipped through; fix it at the source with `>>> 0`.",
    });
    expectThrows(() => numberToIPv4(1.5), { what: "numberToIPv4(1.5)", error: "FieldError", field: "IPv4 address" });
    expectThrows(() => ipv4ToNumber(fromHexLoose("c0a80c")), { what: "ipv4ToNumber(3 bytes)", error: "FieldError", field: "IPv4 address" });
  });
});
