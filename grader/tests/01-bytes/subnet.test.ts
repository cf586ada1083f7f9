/**
 * Hidden tests for 01-bytes/subnet: from prefix to mask and back, Cisco's
 * wildcards, then the two questions a crypto ACL asks of every packet.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, fromHexLoose, rng } from "@teach";
import { inSubnet, maskToPrefix, networkAddress, prefixToMask, wildcardToMask } from "@impl/01-bytes/subnet.ts";
import * as ref from "@ref/01-bytes/subnet.ts";
import { formatIPv4, parseIPv4 as ip } from "@ref/01-bytes/ipv4-address.ts";

// access-list 101 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255: the crypto
// ACL of a site-to-site tunnel between LAN 10.1.0.0/24 and LAN 10.2.0.0/24.
const LOCAL = ip("10.1.0.0");
const REMOTE = ip("10.2.0.0");
const WILDCARD = ip("0.0.0.255");
const MASK_24 = ip("255.255.255.0");

describe("step 1: prefixToMask turns /n into a mask", () => {
  const known: [number, string, string][] = [
    [0, "00000000", "/0 matches every address: the mask has no one bits at all."],
    [8, "ff000000", "/8 keeps the first byte: a class A sized network such as 10.0.0.0/8."],
    [24, "ffffff00", "/24 is the seed's LANs: 10.1.0.0/24 behind one router, 10.2.0.0/24 behind the other."],
    [25, "ffffff80", "/25 splits a byte: the one bits do not stop at a byte boundary."],
    [32, "ffffffff", "/32 is one host; JavaScript's `x << 32` is x, not 0, so a shift-based answer goes wrong exactly here."],
  ];
  for (const [prefix, hex, why] of known) {
    test(`/${prefix}`, () => {
      expectBytes(prefixToMask(prefix), fromHexLoose(hex), { what: `prefixToMask(${prefix})`, why });
    });
  }
  test("every prefix from 0 to 32 agrees with the reference", () => {
    for (let p = 0; p <= 32; p++) expectBytes(prefixToMask(p), ref.prefixToMask(p), { what: `prefixToMask(${p})` });
  });
  test("a prefix outside 0..32 is refused", () => {
    for (const p of [-1, 33, 24.5, NaN]) {
      expectThrows(() => prefixToMask(p), {
        what: `prefixToMask(${p})`,
        error: "FieldError",
        field: "Prefix length",
        why: "an IPv4 mask has 32 bits; /33 or /24.5 is a typo to report, not a mask to invent.",
      });
    }
  });
});

describe("step 2: maskToPrefix counts the one bits, and only accepts real masks", () => {
  test("255.255.255.0 is /24", () => {
    expectEqual(maskToPrefix(MASK_24), 24, { what: "maskToPrefix(255.255.255.0)" });
  });
  test("the extremes: 0.0.0.0 is /0, 255.255.255.255 is /32, 128.0.0.0 is /1", () => {
    expectEqual(maskToPrefix(ip("0.0.0.0")), 0, { what: "maskToPrefix(0.0.0.0)" });
    expectEqual(maskToPrefix(ip("255.255.255.255")), 32, { what: "maskToPrefix(255.255.255.255)" });
    expectEqual(maskToPrefix(ip("128.0.0.0")), 1, {
      what: "maskToPrefix(128.0.0.0)",
      why: "a mask with its top bit set is a negative number to `|`, `&` and `<<`; the answer must not depend on the sign.",
    });
  });
  test("round trip for every prefix", () => {
    for (let p = 0; p <= 32; p++) expectEqual(maskToPrefix(ref.prefixToMask(p)), p, { what: `maskToPrefix(${formatIPv4(ref.prefixToMask(p))})` });
  });
  test("255.0.255.0 and other masks with holes are refused", () => {
    for (const text of ["255.0.255.0", "255.255.255.1", "0.255.255.255", "254.255.255.255", "255.255.253.0"]) {
      expectThrows(() => maskToPrefix(ip(text)), {
        what: `maskToPrefix(${text})`,
        error: "FieldError",
        field: "Subnet mask",
        why: "a subnet mask is ones then zeros. In ID_IPV4_ADDR_SUBNET a mask with holes describes no subnet, and a peer would refuse the proposal.",
      });
    }
  });
  test("a mask must be 4 bytes", () => {
    expectThrows(() => maskToPrefix(fromHexLoose("ffffff")), { what: "maskToPrefix(3 bytes)", error: "FieldError", field: "IPv4 address" });
  });
});

describe("step 3: wildcardToMask reads a Cisco ACL", () => {
  test("0.0.0.255 becomes 255.255.255.0", () => {
    expectBytes(wildcardToMask(WILDCARD), MASK_24, {
      what: "wildcardToMask(0.0.0.255)",
      why: "in an ACL a 1 bit means \"don't care\"; IKE's identities want the mask, where 1 means \"must match\". Every bit flips.",
    });
  });
  test("host and any: 0.0.0.0 becomes /32, 255.255.255.255 becomes /0", () => {
    expectBytes(wildcardToMask(ip("0.0.0.0")), ip("255.255.255.255"), { what: "wildcardToMask(0.0.0.0)", why: "IOS writes this as `host 10.1.0.5`." });
    expectBytes(wildcardToMask(ip("255.255.255.255")), ip("0.0.0.0"), { what: "wildcardToMask(255.255.255.255)", why: "IOS writes this as `any`." });
  });
  test("random /n wildcards agree with prefixToMask", () => {
    const r = rng("wildcard");
    for (let i = 0; i < 40; i++) {
      const p = r.int(0, 32);
      const mask = ref.prefixToMask(p);
      const wildcard = mask.map((b) => 255 - b);
      expectBytes(wildcardToMask(wildcard), mask, { what: `wildcardToMask(${formatIPv4(wildcard)})`, why: `that wildcard is /${p}.` });
    }
  });
  test("a wildcard that is no subnet (0.0.255.0) is refused", () => {
    expectThrows(() => wildcardToMask(ip("0.0.255.0")), {
      what: "wildcardToMask(0.0.255.0)",
      error: "FieldError",
      field: "Subnet mask",
      why: "IOS accepts it in an ACL (10.1.0.5 0.0.255.0 matches every 10.1.x.5), but it cannot be sent as an ID_IPV4_ADDR_SUBNET identity.",
    });
  });
});

describe("step 4: networkAddress clears the host bits", () => {
  test("10.1.0.77 in a /24 is on network 10.1.0.0", () => {
    expectBytes(networkAddress(ip("10.1.0.77"), MASK_24), LOCAL, { what: "networkAddress(10.1.0.77, 255.255.255.0)" });
  });
  test("192.168.12.2/30 is on network 192.168.12.0", () => {
    expectBytes(networkAddress(ip("192.168.12.2"), ip("255.255.255.252")), ip("192.168.12.0"), {
      what: "networkAddress(192.168.12.2, 255.255.255.252)",
      why: "a /30 is the classic point-to-point link between two routers such as the seed's.",
    });
  });
  test("addresses with the top bit set", () => {
    expectBytes(networkAddress(ip("200.1.2.3"), ip("128.0.0.0")), ip("128.0.0.0"), {
      what: "networkAddress(200.1.2.3, 128.0.0.0)",
      why: "`&` returns a signed number, here negative; make it unsigned with `>>> 0` before turning it back into bytes.",
    });
  });
  test("the crypto ACL becomes two ID_IPV4_ADDR_SUBNET identities", () => {
    const mask = wildcardToMask(WILDCARD);
    for (const [net, want] of [[LOCAL, "0a010000 ffffff00"], [REMOTE, "0a020000 ffffff00"]] as const) {
      const id = new Uint8Array(8);
      id.set(networkAddress(net, mask), 0);
      id.set(mask, 4);
      expectBytes(id, fromHexLoose(want), {
        what: `identification data for ${formatIPv4(net)} 0.0.0.255`,
        why: "quick mode proposes exactly these 8 bytes (address, then mask; RFC 2407 section 4.6.2.5); if they differ from the peer's ACL, phase 2 fails.",
      });
    }
  });
  test("random addresses and prefixes agree with the reference", () => {
    const r = rng("networkAddress");
    for (let i = 0; i < 60; i++) {
      const a = r.bytes(4);
      const m = ref.prefixToMask(r.int(0, 32));
      expectBytes(networkAddress(a, m), ref.networkAddress(a, m), { what: `networkAddress(${formatIPv4(a)}, ${formatIPv4(m)})` });
    }
  });
  test("a mask with holes is refused", () => {
    expectThrows(() => networkAddress(ip("10.1.0.77"), ip("255.0.255.0")), { what: "networkAddress(10.1.0.77, 255.0.255.0)", error: "FieldError", field: "Subnet mask" });
  });
});

describe("step 5: inSubnet answers the crypto ACL's question", () => {
  test("10.1.0.77 is in 10.1.0.0/24", () => {
    expectEqual(inSubnet(ip("10.1.0.77"), LOCAL, MASK_24), true, {
      what: "inSubnet(10.1.0.77, 10.1.0.0, 255.255.255.0)",
      why: "a packet from this host matches `permit ip 10.1.0.0 0.0.0.255 ...` and must be encrypted.",
    });
  });
  test("10.2.0.1 and 10.1.1.0 are not", () => {
    expectEqual(inSubnet(ip("10.2.0.1"), LOCAL, MASK_24), false, {
      what: "inSubnet(10.2.0.1, 10.1.0.0, 255.255.255.0)",
      why: "that is the far LAN; a wrong yes here would send traffic into the wrong SA.",
    });
    expectEqual(inSubnet(ip("10.1.1.0"), LOCAL, MASK_24), false, { what: "inSubnet(10.1.1.0, 10.1.0.0, 255.255.255.0)" });
  });
  test("/0 holds everything, /32 only the one host", () => {
    expectEqual(inSubnet(ip("203.0.113.9"), ip("0.0.0.0"), ip("0.0.0.0")), true, { what: "inSubnet(203.0.113.9, 0.0.0.0, 0.0.0.0)" });
    expectEqual(inSubnet(ip("192.168.12.1"), ip("192.168.12.1"), ip("255.255.255.255")), true, { what: "inSubnet(192.168.12.1, 192.168.12.1/32)" });
    expectEqual(inSubnet(ip("192.168.12.2"), ip("192.168.12.1"), ip("255.255.255.255")), false, { what: "inSubnet(192.168.12.2, 192.168.12.1/32)" });
  });
  test("addresses with the top bit set", () => {
    expectEqual(inSubnet(ip("192.168.12.2"), ip("192.168.12.0"), ip("255.255.255.252")), true, {
      what: "inSubnet(192.168.12.2, 192.168.12.0/30)",
      why: "both sides of the comparison must be unsigned, or a negative number meets a positive one and nothing ever matches.",
    });
    expectEqual(inSubnet(ip("192.168.12.4"), ip("192.168.12.0"), ip("255.255.255.252")), false, { what: "inSubnet(192.168.12.4, 192.168.12.0/30)" });
  });
  test("random cases agree with the reference", () => {
    const r = rng("inSubnet");
    let yes = 0;
    for (let i = 0; i < 80; i++) {
      const net = r.bytes(4);
      const m = ref.prefixToMask(r.int(0, 32));
      // Half the time, an address that shares the network's prefix.
      const a = r.next() < 0.5 ? net.map((b, k) => (b & m[k]!) | (r.int(0, 255) & ~m[k]!)) : r.bytes(4);
      const want = ref.inSubnet(a, net, m);
      if (want) yes++;
      expectEqual(inSubnet(a, net, m), want, { what: `inSubnet(${formatIPv4(a)}, ${formatIPv4(net)}, ${formatIPv4(m)})` });
    }
    expectTrue(yes > 10, `only ${yes} of the random cases were matches (test self-check)`);
  });
  test("a mask with holes is refused", () => {
    expectThrows(() => inSubnet(ip("10.1.0.77"), LOCAL, ip("255.255.0.255")), { what: "inSubnet(10.1.0.77, 10.1.0.0, 255.255.0.255)", error: "FieldError", field: "Subnet mask" });
  });
});
