/**
 * Hidden tests for 03-payloads/vendor-id: well-known vendor IDs (RFC 3947
 * section 3.1, the NAT-T drafts, RFC 3706, XAUTH, Cisco Unity) and NAT-D
 * hashes (RFC 3947 section 3.2). The expected vendor ID bytes are copied
 * from the course's verified reference table and the documents themselves.
 */
import { createHash } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { WELL_KNOWN_VENDOR_IDS } from "@course/isakmp-vendor-ids.ts";
import { natDiscoveryHash, vendorIdBytes, vendorIdName } from "@impl/03-payloads/vendor-id.ts";
import { CKY_I, CKY_R, VID_CISCO_UNITY, VID_DPD, VID_NATT_02N, VID_NATT_03, VID_NATT_07, VID_RFC3947, VID_XAUTH } from "./fixtures.ts";

const recipe = (name: string) => WELL_KNOWN_VENDOR_IDS.find((r) => r.name === name)!;

const EXPECTED: [string, Uint8Array, string][] = [
  ["RFC 3947 Negotiation of NAT-Traversal in the IKE", VID_RFC3947, 'MD5("RFC 3947"), printed in RFC 3947 section 3.1'],
  ["draft-ietf-ipsec-nat-t-ike-00", fromHexLoose("4485152d18b6bbcd0be8a8469579ddcc"), "printed in the -00 draft"],
  ["draft-ietf-ipsec-nat-t-ike-02\\n", VID_NATT_02N, "the -02 draft's printed value is the MD5 of its name WITH a newline"],
  ["draft-ietf-ipsec-nat-t-ike-03", VID_NATT_03, "printed in the -03 draft"],
  ["draft-ietf-ipsec-nat-t-ike-07", VID_NATT_07, "MD5 of the draft's name"],
  ["RFC 3706 DPD (Dead Peer Detection)", VID_DPD, "RFC 3706 section 5.1 prints these bytes"],
  ["XAUTH", VID_XAUTH, "8 bytes, printed in draft-beaulieu-ike-xauth-02"],
  ["CISCO-UNITY 1.0", VID_CISCO_UNITY, 'the first 14 bytes of MD5("CISCO-UNITY"), then version 1.0 as 01 00'],
];

describe("step 1: vendorIdBytes makes each well-known ID", () => {
  for (const [name, want, why] of EXPECTED) {
    test(name, () => {
      expectBytes(vendorIdBytes(recipe(name)), want, { what: `vendorIdBytes("${name}")`, why });
    });
  }
});

describe("step 2: vendorIdName names what a peer sent", () => {
  test("the seed's vendor IDs, by their Wireshark names", () => {
    for (const [name, bytes] of EXPECTED) expectEqual(vendorIdName(bytes), name, { what: `vendorIdName(${name})` });
  });
  test("anything else is Unknown Vendor ID", () => {
    expectEqual(vendorIdName(new Uint8Array(16).fill(0x11)), "Unknown Vendor ID", { what: "vendorIdName(16 bytes of 0x11)" });
    expectEqual(vendorIdName(VID_RFC3947.subarray(0, 15)), "Unknown Vendor ID", { what: "vendorIdName(the RFC 3947 ID missing its last byte)", why: "compare whole IDs, not prefixes." });
  });
});

describe("step 3: NAT-D hashes", () => {
  const natd = (hash: "md5" | "sha1", ckyI: Uint8Array, ckyR: Uint8Array, ip: number[], port: number) =>
    new Uint8Array(createHash(hash).update(Buffer.concat([ckyI, ckyR, Buffer.from(ip), Buffer.from([port >> 8, port & 0xff])])).digest());
  test("the seed's cookies, 192.168.12.2 port 500, with SHA (the negotiated hash)", () => {
    expectBytes(natDiscoveryHash({ hash: "sha1", initiatorCookie: CKY_I, responderCookie: CKY_R, address: "192.168.12.2", port: 500 }), natd("sha1", CKY_I, CKY_R, [192, 168, 12, 2], 500), {
      what: "natDiscoveryHash(sha1, the seed's cookies, 192.168.12.2:500)",
      why: "RFC 3947 section 3.2: HASH(CKY-I | CKY-R | IP | Port), a plain hash (no key), address 4 bytes and port 2 bytes in network order.",
    });
  });
  test("random inputs, MD5 and SHA, against node:crypto", () => {
    const r = rng("natd");
    for (let i = 0; i < 30; i++) {
      const hash = r.pick(["md5", "sha1"] as const);
      const ip = [r.int(0, 255), r.int(0, 255), r.int(0, 255), r.int(0, 255)];
      const port = r.int(0, 65535);
      const i8 = r.bytes(8);
      const r8 = r.bytes(8);
      expectBytes(natDiscoveryHash({ hash, initiatorCookie: i8, responderCookie: r8, address: ip.join("."), port }), natd(hash, i8, r8, ip, port), { what: `natDiscoveryHash(random #${i}, ${hash})` });
    }
  });
  test("a cookie of the wrong size is refused", () => {
    expectThrows(() => natDiscoveryHash({ hash: "sha1", initiatorCookie: CKY_I.subarray(0, 7), responderCookie: CKY_R, address: "192.168.12.2", port: 500 }), {
      what: "natDiscoveryHash(a 7-byte initiator cookie)",
      error: "FieldError",
      field: "Initiator SPI",
    });
  });
});
