/** Hidden tests for 05-diffie-hellman/peer-value: refusing public values that give a predictable secret. */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng } from "@teach";
import { MODP_GROUPS, modpGroup } from "@course/modp-groups.ts";
import { checkPeerPublic } from "@impl/05-diffie-hellman/peer-value.ts";
import { STRONGSWAN_EXCHANGES } from "../06-phase1-keys/strongswan-vectors.ts";

const be = (v: bigint, n: number) => Uint8Array.from(Buffer.from(v.toString(16).padStart(n * 2, "0"), "hex"));
const group2 = modpGroup(2);

describe("step 1: good values come back as numbers", () => {
  test("strongSwan's public values", () => {
    for (const x of STRONGSWAN_EXCHANGES) {
      for (const [name, hexValue] of [["g^xi", x.gxi], ["g^xr", x.gxr]] as const) {
        expectEqual(checkPeerPublic(modpGroup(x.group), Uint8Array.from(Buffer.from(hexValue, "hex"))), BigInt("0x" + hexValue), { what: `checkPeerPublic(group ${x.group}, ${name} sent by strongSwan)` });
      }
    }
  });
  test("the edges 2 and p-2, and random values", () => {
    expectEqual(checkPeerPublic(group2, be(2n, 128)), 2n, { what: "checkPeerPublic(group 2, 2)", why: "2 is the smallest allowed value (1 < y)." });
    expectEqual(checkPeerPublic(group2, be(group2.p - 2n, 128)), group2.p - 2n, { what: "checkPeerPublic(group 2, p-2)", why: "p-2 is the largest allowed value (y < p-1)." });
    const r = rng("checkPeerPublic");
    for (const group of MODP_GROUPS) {
      const v = BigInt("0x" + Buffer.from(r.bytes(group.bytes)).toString("hex")) % (group.p - 3n) + 2n;
      expectEqual(checkPeerPublic(group, be(v, group.bytes)), v, { what: `checkPeerPublic(group ${group.id}, a random value)` });
    }
  });
});

describe("step 2: values that force the secret are refused", () => {
  for (const [label, v, why] of [
    ["0", 0n, "0^x = 0 whatever x is."],
    ["1", 1n, "1^x = 1: a man in the middle who sends 1 knows the shared secret."],
    ["p-1", group2.p - 1n, "(p-1)^x is 1 or p-1: only two possibilities."],
    ["p", group2.p, "p is 0 mod p."],
    ["2^1024 - 1 (all ff)", (1n << 1024n) - 1n, "above p: not a number mod p at all."],
  ] as const) {
    test(`y = ${label}`, () => {
      expectThrows(() => checkPeerPublic(group2, be(v, 128)), { what: `checkPeerPublic(group 2, ${label})`, error: "FieldError", field: "Key Exchange Data", why: `RFC 2631 section 2.1.5: check 1 < y < p-1 before using y. ${why}` });
    });
  }
});

describe("step 3: the wrong length is refused", () => {
  test("127 and 129 octets in group 2, 128 octets in group 14", () => {
    const r = rng("checkPeerPublic length");
    for (const [group, n] of [[group2, 127], [group2, 129], [modpGroup(14), 128]] as const) {
      const data = r.bytes(n);
      data[0] = 0x01;
      expectThrows(() => checkPeerPublic(group, data), { what: `checkPeerPublic(group ${group.id}, ${n} octets)`, error: "FieldError", field: "Key Exchange Data", why: `RFC 2409 section 5: a group ${group.id} public value is exactly ${group.bytes} octets, zeros in front if needed. A shorter one is a peer that forgot its leading zeros, or the wrong group.` });
    }
  });
});
