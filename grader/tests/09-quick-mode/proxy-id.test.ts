/**
 * Hidden tests for 09-quick-mode/proxy-id: the seed's access-list and
 * strongSwan's traffic selectors as Identification payloads, random
 * subnets against the reference, and the responder's mirror-image check.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { encodeIdentification } from "@ref/03-payloads/identification.ts";
import { checkProxyIds, initiatorProxyIds, proxyIdentification, proxySubnet } from "@impl/09-quick-mode/proxy-id.ts";
import * as ref from "@ref/09-quick-mode/proxy-id.ts";
import { b, expectRefusal, scripted, seedPolicy, ESP_AES128_SHA1, strongswanPolicy } from "./fixtures.ts";

const ID_LAYOUT = [
  { offset: 0, length: 1, name: "ID type" },
  { offset: 1, length: 1, name: "Protocol ID" },
  { offset: 2, length: 2, name: "Port" },
  { offset: 4, length: 4, name: "Identification Data: address" },
  { offset: 8, length: 4, name: "Identification Data: mask" },
];
const peers = { initiator: "192.168.12.1", responder: "192.168.12.2" };
const noRandom = scripted();

describe("step 1: policy subnets as proxy identities", () => {
  test("the seed's access-list 10.1.0.0 0.0.0.255 -> 10.2.0.0 0.0.0.255 on R1", () => {
    const { idci, idcr } = initiatorProxyIds(seedPolicy("initiator", noRandom, [{ esp: ESP_AES128_SHA1, mode: 1 }]));
    expectBytes(encodeIdentification(idci), b("04000000 0a010000 ffffff00"), { what: "IDci of R1 (as chapter 03 encodes it)", layout: ID_LAYOUT, why: "ID_IPV4_ADDR_SUBNET (4), protocol 0 and port 0 mean all IP traffic (the ACL's `permit ip`), then the network and its mask (RFC 2407 section 4.6.2)." });
    expectBytes(encodeIdentification(idcr), b("04000000 0a020000 ffffff00"), { what: "IDcr of R1", layout: ID_LAYOUT, why: "IDcr is the other end of the access-list: the responder's protected network." });
  });
  test("strongSwan's traffic selectors 10.1.1.0/24 === 10.2.2.0/24, as in charon's quick mode message 1", () => {
    const { idci, idcr } = initiatorProxyIds(strongswanPolicy("initiator", noRandom));
    // The two ID payload bodies of charon's decrypted message 1.
    expectBytes(encodeIdentification(idci), b("040000000a010100ffffff00"), { what: "IDci for local_ts 10.1.1.0/24", layout: ID_LAYOUT });
    expectBytes(encodeIdentification(idcr), b("040000000a020200ffffff00"), { what: "IDcr for remote_ts 10.2.2.0/24", layout: ID_LAYOUT });
  });
  test("a single host (/32) is an ID_IPV4_ADDR", () => {
    expectBytes(encodeIdentification(proxyIdentification("192.168.12.1/32")), b("01000000c0a80c01"), { what: 'proxyIdentification("192.168.12.1/32")', why: "a /32 names one address: ID_IPV4_ADDR (1) carries just the 4 address octets." });
  });
  test("random subnets, both ways, against the reference", () => {
    const r = rng("proxy-id");
    for (let i = 0; i < 40; i++) {
      const prefix = r.int(0, 32);
      const addr = r.int(0, 0xffffffff);
      const net = prefix === 0 ? 0 : (addr & (0xffffffff << (32 - prefix))) >>> 0;
      const cidr = `${[24, 16, 8, 0].map((s) => (net >>> s) & 0xff).join(".")}/${prefix}`;
      const want = ref.proxyIdentification(cidr);
      expectEqual(proxyIdentification(cidr), want, { what: `proxyIdentification("${cidr}")` });
      expectEqual(proxySubnet(want, "IDci"), cidr, { what: `proxySubnet(the identity of ${cidr})`, why: "the mask's length of one bits is the prefix." });
    }
  });
  test("malformed policy subnets", () => {
    expectThrows(() => proxyIdentification("10.1.0.1/24"), { what: 'proxyIdentification("10.1.0.1/24")', error: "TextFormatError", why: "host bits set: an access-list names the network 10.1.0.0/24." });
    expectThrows(() => proxyIdentification("10.1.0.0"), { what: 'proxyIdentification("10.1.0.0")', error: "TextFormatError", why: "a policy subnet needs its prefix length." });
    expectThrows(() => proxyIdentification("10.1.0.0/33"), { what: 'proxyIdentification("10.1.0.0/33")', error: "TextFormatError" });
  });
});

describe("step 2: the responder's mirror image", () => {
  const r2 = seedPolicy("responder", noRandom, [{ esp: ESP_AES128_SHA1, mode: 1 }]);
  const r1 = seedPolicy("initiator", noRandom, [{ esp: ESP_AES128_SHA1, mode: 1 }]);
  const { idci, idcr } = ref.initiatorProxyIds(r1);
  test("R2 accepts what R1 sends; R1 accepts its own IDs echoed", () => {
    checkProxyIds(r2, "responder", idci, idcr, peers);
    checkProxyIds(r1, "initiator", idci, idcr, peers);
  });
  test("swapped or foreign subnets are INVALID-ID-INFORMATION (18)", () => {
    expectRefusal(() => checkProxyIds(r2, "responder", idcr, idci, peers), NotifyType.INVALID_ID_INFORMATION, "IDci", "R2 given IDci and IDcr swapped", "IDci is the initiator's side: on R2 that is its REMOTE subnet 10.1.0.0/24.");
    const other = ref.proxyIdentification("10.9.0.0/24");
    expectRefusal(() => checkProxyIds(r2, "responder", idci, other, peers), NotifyType.INVALID_ID_INFORMATION, "IDcr", "R2 asked to protect 10.9.0.0/24", "a responder must not build an SA for traffic its policy does not name.");
    const wider = ref.proxyIdentification("10.1.0.0/16");
    expectRefusal(() => checkProxyIds(r2, "responder", wider, idcr, peers), NotifyType.INVALID_ID_INFORMATION, "IDci", "R2 given 10.1.0.0/16 for 10.1.0.0/24", "this course's policies match exactly, like a Cisco crypto map's mirrored ACLs.");
  });
  test("an identity narrowed to a protocol or port, an FQDN, one ID alone", () => {
    expectRefusal(() => checkProxyIds(r2, "responder", { ...idci, protocolId: 6 }, idcr, peers), NotifyType.INVALID_ID_INFORMATION, "IDci", "IDci with protocol 6 (TCP)", "the policy covers all IP traffic (`permit ip`): protocol and port must be 0.");
    expectRefusal(() => checkProxyIds(r2, "responder", idci, { protocolId: 0, port: 0, identity: { type: "fqdn", name: "r1.example.net" } }, peers), NotifyType.INVALID_ID_INFORMATION, "IDcr", "IDcr as an FQDN", "quick mode identities name traffic: addresses or subnets.");
    expectRefusal(() => checkProxyIds(r2, "responder", idci, undefined, peers), NotifyType.INVALID_ID_INFORMATION, "Identification", "IDci without IDcr", "RFC 2409 section 5.5: both client identities or neither.");
  });
  test("no IDs at all: the identities are the IKE peers' addresses", () => {
    const hosts = { ...r2, localSubnet: "192.168.12.2/32", remoteSubnet: "192.168.12.1/32" };
    checkProxyIds(hosts, "responder", undefined, undefined, peers);
    expectRefusal(() => checkProxyIds(r2, "responder", undefined, undefined, peers), NotifyType.INVALID_ID_INFORMATION, "IDci", "no IDs for a subnet policy", "without IDs the SA is for the two IKE addresses only, which R2's subnet policy does not name.");
  });
});
