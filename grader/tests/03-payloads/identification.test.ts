/** Hidden tests for 03-payloads/identification: the Identification payload body (RFC 2408 section 3.8, RFC 2407 section 4.6.2). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeIdentification, encodeIdentification } from "@impl/03-payloads/identification.ts";
import * as ref from "@ref/03-payloads/identification.ts";
import { layoutOf } from "./fixtures.ts";

const LAYOUT = layoutOf([
  ["ID type", 1],
  ["Protocol ID", 1],
  ["Port", 2],
  ["Identification Data", 200],
]);
const SEED_ID = { protocolId: 17, port: 0, identity: { type: "ipv4" as const, address: "192.168.12.2" } };
const SUBNET = { protocolId: 0, port: 0, identity: { type: "ipv4-subnet" as const, address: "10.1.1.0", mask: "255.255.255.0" } };
const FQDN = { protocolId: 17, port: 500, identity: { type: "fqdn" as const, name: "r2.example.net" } };

describe("step 1: the three ID types", () => {
  test("aggressive mode message 1's ID_IPV4_ADDR 192.168.12.2, UDP, port unused", () => {
    expectBytes(encodeIdentification(SEED_ID), fromHexLoose("01 11 0000 c0a80c02"), {
      what: "encodeIdentification(IPV4_ADDR 192.168.12.2, UDP, port 0)",
      layout: LAYOUT,
      why: "ID type 1, Protocol ID 17 (UDP), Port 0 (Wireshark: Unused), then the 4 address bytes: 8 bytes, 12 with the header, as in the seed.",
    });
    expectEqual(decodeIdentification(fromHexLoose("01 11 0000 c0a80c02")), SEED_ID, { what: "decodeIdentification(the seed's ID)" });
  });
  test("ID_IPV4_ADDR_SUBNET 10.1.1.0/255.255.255.0, the quick mode form of a crypto ACL line", () => {
    expectBytes(encodeIdentification(SUBNET), fromHexLoose("04 00 0000 0a010100 ffffff00"), { what: "encodeIdentification(10.1.1.0/255.255.255.0)", layout: LAYOUT, why: "address then mask, 8 bytes; protocol 0 and port 0 mean any." });
    expectEqual(decodeIdentification(fromHexLoose("04 00 0000 0a010100 ffffff00")), SUBNET, { what: "decodeIdentification(10.1.1.0/255.255.255.0)" });
  });
  test("ID_FQDN r2.example.net, UDP port 500", () => {
    const bytes = fromHexLoose("02 11 01f4 72322e6578616d706c652e6e6574");
    expectBytes(encodeIdentification(FQDN), bytes, { what: "encodeIdentification(FQDN r2.example.net)", layout: LAYOUT, why: "the name's ASCII bytes, no length byte, no trailing dot or NUL." });
    expectEqual(decodeIdentification(bytes), FQDN, { what: "decodeIdentification(FQDN r2.example.net)" });
  });
});

describe("step 2: what is refused", () => {
  test("a mask with holes", () => {
    expectThrows(() => encodeIdentification({ ...SUBNET, identity: { ...SUBNET.identity, mask: "0.0.0.255" } }), {
      what: "encodeIdentification(mask 0.0.0.255, a Cisco wildcard)",
      error: "FieldError",
      field: "Subnet mask",
      why: "quick mode carries masks, not wildcards: 0.0.0.255 in an ACL becomes 255.255.255.0 here.",
    });
    expectThrows(() => decodeIdentification(fromHexLoose("04 00 0000 0a010100 ff00ff00")), { what: "decodeIdentification(mask 255.0.255.0)", error: "FieldError", field: "Subnet mask" });
  });
  test("data of the wrong size for its type", () => {
    expectThrows(() => decodeIdentification(fromHexLoose("01 11 0000 c0a80c")), { what: "decodeIdentification(IPV4_ADDR with 3 bytes)", error: "FieldError", field: "ID_IPV4_ADDR" });
    expectThrows(() => decodeIdentification(fromHexLoose("01 11 0000 c0a80c0200")), { what: "decodeIdentification(IPV4_ADDR with 5 bytes)", error: "FieldError", field: "ID_IPV4_ADDR" });
    expectThrows(() => decodeIdentification(fromHexLoose("04 00 0000 0a010100")), { what: "decodeIdentification(IPV4_ADDR_SUBNET with 4 bytes)", error: "FieldError", field: "ID_IPV4_SUBNET" });
  });
  test("an unsupported ID type and a bad host name", () => {
    expectThrows(() => decodeIdentification(fromHexLoose("0b 00 0000 6b6579")), { what: "decodeIdentification(ID_KEY_ID)", error: "FieldError", field: "ID type" });
    expectThrows(() => encodeIdentification({ ...FQDN, identity: { type: "fqdn", name: "bad name" } }), { what: 'encodeIdentification(FQDN "bad name")', error: "TextFormatError", field: "ID_FQDN" });
    expectThrows(() => decodeIdentification(fromHexLoose("02 11 01f4")), { what: "decodeIdentification(an empty FQDN)", error: "TextFormatError", field: "ID_FQDN" });
    expectThrows(() => decodeIdentification(fromHexLoose("01 11 00")), { what: "decodeIdentification(cut in Port)", error: "TruncatedError", field: "Port" });
  });
  test("random identities match the reference", () => {
    const r = rng("identification");
    for (let i = 0; i < 40; i++) {
      const a = `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)}`;
      const k = r.int(0, 2);
      const identity =
        k === 0 ? { type: "ipv4" as const, address: a } : k === 1 ? { type: "ipv4-subnet" as const, address: a, mask: ["255.255.255.0", "255.255.0.0", "255.255.255.252", "0.0.0.0"][r.int(0, 3)]! } : { type: "fqdn" as const, name: `r${r.int(1, 99)}.site${r.int(1, 9)}.example` };
      const id = { protocolId: r.pick([0, 6, 17]), port: r.pick([0, 500, 4500]), identity };
      const bytes = ref.encodeIdentification(id);
      expectBytes(encodeIdentification(id), bytes, { what: `encodeIdentification(random #${i})`, layout: LAYOUT });
      expectEqual(decodeIdentification(bytes), id, { what: `decodeIdentification(random #${i})` });
    }
  });
});
